"""The Redis cache, degraded to an empty cache while Redis is unreachable.

Everything Standing keeps in the cache can be lost: rate-limit counters (here and in allauth)
and the batched verification listings. So while Redis is down, reads miss, writes are dropped
and `add` reports success: pages are computed afresh and rate limits are not counted (they fail
open) instead of every request failing. Each outage is logged, at most once a minute per
process, with no key, value or client detail.
"""

import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

UNAVAILABLE = (redis.ConnectionError, redis.TimeoutError)
_WARN_EVERY_SECONDS = 60.0
_last_warning = [float("-inf")]


def warn_unavailable(what: str) -> None:
    """One warning a minute at most: an outage under load must not flood the logs."""
    now = time.monotonic()
    if now - _last_warning[0] >= _WARN_EVERY_SECONDS:
        _last_warning[0] = now
        logger.warning("cache unavailable: %s (more such lines suppressed for a minute)", what)


class _ForgivingClient(RedisCacheClient):
    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except UNAVAILABLE:
            warn_unavailable("not counted, not cached")
            return True  # as if the key had been absent: a lock or first count is granted

    def get(self, key, default):
        try:
            return super().get(key, default)
        except UNAVAILABLE:
            warn_unavailable("read as a miss")
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except UNAVAILABLE:
            warn_unavailable("write dropped")

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except UNAVAILABLE:
            warn_unavailable("touch dropped")
            return False

    def delete(self, key):
        try:
            return super().delete(key)
        except UNAVAILABLE:
            warn_unavailable("delete dropped")
            return False

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except UNAVAILABLE:
            warn_unavailable("read as a miss")
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except UNAVAILABLE:
            warn_unavailable("read as a miss")
            return False

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except UNAVAILABLE:
            warn_unavailable("not counted")
            raise ValueError("Key not found (the cache is unavailable)") from None

    def set_many(self, data, timeout):
        try:
            super().set_many(data, timeout)
        except UNAVAILABLE:
            warn_unavailable("write dropped")

    def delete_many(self, keys):
        try:
            super().delete_many(keys)
        except UNAVAILABLE:
            warn_unavailable("delete dropped")

    def clear(self):
        try:
            return super().clear()
        except UNAVAILABLE:
            warn_unavailable("clear dropped")
            return False


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, except that an unreachable server behaves as an empty cache."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ForgivingClient
