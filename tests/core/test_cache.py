"""While Redis refuses connections the cache acts as an empty one, through the public cache API
alone, and says so in one log line without any key."""

import logging
import socket

import pytest
from django.core.cache.backends.redis import RedisCache

from core import cache as forgiving


@pytest.fixture
def refused_url() -> str:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def down(refused_url, monkeypatch):
    monkeypatch.setattr(forgiving, "_last_warning", [float("-inf")])
    return forgiving.ForgivingRedisCache(refused_url, {"OPTIONS": {"socket_connect_timeout": 1}})


def test_reads_miss_writes_drop_and_add_grants_while_redis_is_down(down, caplog):
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert down.get("secret-key") is None
        assert down.get("secret-key", "fallback") == "fallback"
        assert down.get_or_set("secret-key", "computed") == "computed"
        assert down.get_many(["a", "b"]) == {}
        assert down.has_key("a") is False
        assert down.add("lock", 1) is True
        down.set("a", 1)
        down.set_many({"a": 1, "b": 2})
        assert down.touch("a") is False
        assert down.delete("a") is False
        down.delete_many(["a", "b"])
        assert down.clear() is False
        with pytest.raises(ValueError):
            down.incr("counter")
        with pytest.raises(ValueError):
            down.decr("counter")
    lines = [r.getMessage() for r in caplog.records if r.name == "core.cache"]
    assert len(lines) == 1 and "cache unavailable" in lines[0]
    assert "secret-key" not in caplog.text


def test_the_fail_open_cache_is_djangos_redis_cache_with_only_its_public_methods_wrapped():
    wrapped = {
        name
        for name, value in vars(forgiving.ForgivingRedisCache).items()
        if callable(value) and not name.startswith("__")
    }
    assert wrapped and all(not name.startswith("_") for name in wrapped)
    assert wrapped <= set(vars(RedisCache)) and issubclass(
        forgiving.ForgivingRedisCache, RedisCache
    )
