"""Fixed-window rate limits held only in the cache, under keyed hashes of the client address."""

import time

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
    cache.add(key, 0, timeout=window)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        hits = 1
    return hits <= limit
