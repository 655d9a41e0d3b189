"""The Redis cache, degraded to an empty cache while Redis is unreachable.

Everything Standing keeps in the cache can be lost: rate-limit counters (here and in allauth)
and the batched verification listings. So while Redis is down, reads miss, writes are dropped
and `add` reports success: pages are computed afresh and rate limits are not counted (they fail
open) instead of every request failing. Each outage is logged, at most once a minute per
process, with no key, value or client detail.
"""

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

import redis
from django.core.cache.backends.redis import RedisCache

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


def _forgiving(method: Callable, *, what: str, fallback: Callable[..., Any]) -> Callable:
    """``method`` of Django's Redis cache, answering ``fallback(*args)`` while Redis is down."""

    @functools.wraps(method)
    def forgiving(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE:
            warn_unavailable(what)
            return fallback(*args, **kwargs)

    return forgiving


def _default(key, default=None, *args, **kwargs):
    return default


def _not_counted(*args, **kwargs):
    raise ValueError("Key not found (the cache is unavailable)")


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, except that an unreachable server behaves as an empty cache.

    Only the public cache API is wrapped (what Django's cache framework documents), so nothing
    depends on the backend's private client class. The other methods (get_or_set, decr, the
    async ones) are built on these.
    """

    # As if the key had been absent: a lock or a first count is granted.
    add = _forgiving(RedisCache.add, what="not counted, not cached", fallback=lambda *a, **k: True)
    get = _forgiving(RedisCache.get, what="read as a miss", fallback=_default)
    get_many = _forgiving(RedisCache.get_many, what="read as a miss", fallback=lambda *a, **k: {})
    has_key = _forgiving(RedisCache.has_key, what="read as a miss", fallback=lambda *a, **k: False)
    set = _forgiving(RedisCache.set, what="write dropped", fallback=lambda *a, **k: None)
    set_many = _forgiving(RedisCache.set_many, what="write dropped", fallback=lambda *a, **k: [])
    touch = _forgiving(RedisCache.touch, what="touch dropped", fallback=lambda *a, **k: False)
    delete = _forgiving(RedisCache.delete, what="delete dropped", fallback=lambda *a, **k: False)
    delete_many = _forgiving(
        RedisCache.delete_many, what="delete dropped", fallback=lambda *a, **k: None
    )
    incr = _forgiving(RedisCache.incr, what="not counted", fallback=_not_counted)
    clear = _forgiving(RedisCache.clear, what="clear dropped", fallback=lambda *a, **k: False)
