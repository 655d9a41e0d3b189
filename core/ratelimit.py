"""Fixed-window rate limits held only in the cache, under keyed hashes of the client address."""

import functools
import time

import redis
from django.conf import settings
from django.core.cache import cache


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600). Units: s, m, h, d."""
    count, _, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip().lower()[:1]]
    return int(count), seconds


def allow(*, scope: str, client_hash: str, rate: str) -> bool:
    """Count one hit; False once the client has used up its allowance for this window."""
    limit, window = parse_rate(rate)
    key = f"rl:{scope}:{client_hash}:{int(time.time()) // window}"
    if settings.CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        hits = _count_in_redis(key, window)
    else:
        hits = _count_in_cache(key, window)
    return hits <= limit


def _count_in_cache(key: str, window: int) -> int:
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def _count_in_redis(key: str, window: int) -> int:
    # Confirmation is the hot path of a viral petition: count and set the expiry in one atomic
    # command, where Django's cache API needs three round trips (add, exists, incr).
    return _count_script(settings.CACHE_URL)(keys=[key], args=[window])


_COUNT_AND_EXPIRE = """
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return hits
"""


@functools.cache
def _count_script(url: str):
    return redis.Redis.from_url(url).register_script(_COUNT_AND_EXPIRE)
