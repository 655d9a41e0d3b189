"""Everything the operator holds, as text: every table and the whole cache."""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection


def every_table_as_text() -> str:
    dumped = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - names come from the schema
            dumped.append(f"{table}: {cursor.fetchall()!r}")
    return "\n".join(dumped)


def cache_as_text() -> str:
    """Every key and value in the cache, whether in-process or a real Redis."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client()
        return repr({key: client.dump(key) for key in client.keys("*")})
    return repr(cache._cache)
