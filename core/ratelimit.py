"""Fixed-window rate limits held only in the cache, under keyed hashes of the client address."""

import functools
import hashlib
import ipaddress
import os
import threading
import time

import redis
from django.conf import settings
from django.core.cache import cache

from core.cache import UNAVAILABLE, warn_unavailable
from core.crypto import keyed_hash

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(request) -> str:
    """The client's address as the rate limits count it: REMOTE_ADDR, or behind trusted proxies
    the last address in X-Forwarded-For that none of them owns.

    Behind a proxy REMOTE_ADDR is the proxy's, the same for everyone, so each limit would be one
    bucket for all. X-Forwarded-For is believed only when the peer is a trusted proxy, and read
    from the right: a proxy appends the address it saw, and anything further left came from the
    client, who can write what they like there.

    An IPv6 address counts as its /64 (as allauth's own limits do): a household or a rented
    server holds a whole /64 and can take a fresh address from it for every attempt.
    """
    return _as_counted(_nearest_untrusted_hop(request))


def client_hash(remote_addr: str) -> str:
    """The client's address as a keyed hash, for rate limits held briefly in the cache only.

    Keyed with PETITIONS_HASH_KEY (its name is older than the drafting limits that share it)
    under the "client" purpose, so these hashes join with no signer hash.
    """
    return keyed_hash(
        key=settings.PETITIONS_HASH_KEY.encode(), purpose="client", value=remote_addr or "-"
    )


def _as_counted(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return address


def _nearest_untrusted_hop(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = _trusted_networks(tuple(settings.STANDING_TRUSTED_PROXIES))
    if not proxies or not _owned_by(peer, proxies):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = peer
    for hop in reversed([part.strip() for part in forwarded.split(",")]):
        if not _parses(hop):
            # A trusted proxy passed on something it did not write: stop at the last hop known.
            break
        address = hop
        if not _owned_by(hop, proxies):
            break
    return address


@functools.lru_cache(maxsize=8)
def _trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _parses(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def _owned_by(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600). Units: s, m, h, d."""
    count, _, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip().lower()[:1]]
    return int(count), seconds


def allow(*, scope: str, client_hash: str, rate: str) -> bool:
    """Count one hit; False once the client has used up its allowance for this window."""
    limit, window = parse_rate(rate)
    now = time.time()
    key = f"rl:{scope}:{client_hash}:{int(now) // window}"
    # Every counter of a window expires at the window's end, aligned to the clock: an expiry
    # counted from a client's first hit would date that hit (docs/architecture.md, invariant 2).
    # Sent as the time left, in milliseconds, so Redis's own clock does not matter.
    left_ms = max(1, int(((int(now) // window + 1) * window - now) * 1000))
    try:
        if settings.CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
            hits = _count_in_redis(key, left_ms)
        else:
            hits = _count_in_cache(key, max(1, -(-left_ms // 1000)))
    except UNAVAILABLE:
        # Redis is down: fail open, so people can still sign; logged without the client.
        warn_unavailable(f"rate limit {scope!r} not counted")
        return True
    return hits <= limit


def _count_in_cache(key: str, window: int) -> int:
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def _count_in_redis(key: str, left_ms: int) -> int:
    # Confirmation is the hot path of a viral petition: count and set the expiry in one atomic
    # command, where Django's cache API needs three round trips (add, exists, incr). The command
    # goes straight over a connection of this thread's own: redis-py's client, pool, retry and
    # metrics layers cost more CPU than the round trip itself (about 90 against 30 us).
    connection = _connection(settings.CACHE_URL)
    try:
        return _count(connection, key, left_ms)
    except (redis.ConnectionError, redis.TimeoutError):
        # redis-py has closed the broken connection (say the server restarted); one new try.
        return _count(connection, key, left_ms)


def _count(connection: redis.Connection, key: str, left_ms: int) -> int:
    try:
        connection.send_command("EVALSHA", _COUNT_SHA, 1, key, left_ms)
        return connection.read_response()
    except redis.exceptions.NoScriptError:
        # The server has not seen the script since it started: EVAL runs it and caches it.
        connection.send_command("EVAL", _COUNT_AND_EXPIRE, 1, key, left_ms)
        return connection.read_response()


_COUNT_AND_EXPIRE = """
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits
"""
# Redis names a cached script by its SHA-1.
_COUNT_SHA = hashlib.sha1(_COUNT_AND_EXPIRE.encode(), usedforsecurity=False).hexdigest()

_per_thread = threading.local()


def _connection(url: str) -> redis.Connection:
    """This thread's connection to the cache server, made on first use (after any fork)."""
    connections = _per_thread.__dict__.setdefault("connections", {})
    key = (os.getpid(), url)
    if key not in connections:
        # The pool only parses the URL (host or socket, database, password, TLS); it stays
        # referenced beside its one connection.
        pool = redis.ConnectionPool.from_url(url, **settings.REDIS_TIMEOUTS)
        connections[key] = (pool, pool.make_connection())
    return connections[key][1]
