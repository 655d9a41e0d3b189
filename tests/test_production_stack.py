"""When run against the production stack, prove it really is PostgreSQL and Redis."""

import os

import pytest
from django.core.cache import cache, caches
from django.db import connection

on_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite run"
)
on_redis = pytest.mark.skipif(not os.environ.get("CACHE_URL"), reason="in-process cache run")


@on_postgres
def test_the_database_is_postgresql_through_psycopg_3(db):
    assert connection.vendor == "postgresql"
    assert connection.Database.__name__ == "psycopg"


@on_redis
def test_the_cache_is_redis_and_round_trips_a_value():
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    cache.set("standing-probe", "ok", timeout=5)
    assert cache.get("standing-probe") == "ok"
    cache.delete("standing-probe")
