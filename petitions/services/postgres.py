"""PostgreSQL statements that bind their values on the server, through Django's connection.

Two reasons, both about the signing path. Django's psycopg cursors put the values into the
statement text on the client, so PostgreSQL's statement and slow-query logs would show them:
a signer's dedupe digest, a code's digest, a receipt hash checked or withdrawn. Bound on the
server, the logged statement holds only $1, $2, ... and the values appear only in a DETAIL line
that ``log_parameter_max_length = 0`` switches off (docs/operator.md). And a statement bound on
the server can be prepared once per connection, which the confirm hot path needs.

Upgrade risk: this leans on Django internals (``connection.connection`` being a psycopg 3
connection, ``wrap_database_errors``, ``close_if_health_check_failed``). A Django upgrade that
changes them fails tests/petitions/test_signing.py's prepared-statement test.
"""

import functools

import psycopg
from django.db import connection

_PREPARE_ONLY_WHEN_ASKED = 2**31 - 1


def execute(sql: str, params: dict, *, prepare: bool = False) -> tuple[int, list[tuple]]:
    """Run one statement with server-side binding: (rows affected, rows returned)."""
    # Django's error wrapper still applies: a lost connection becomes django.db's
    # OperationalError (a 503 to retry) and marks the connection to be replaced, and a
    # connection kept from before a database restart is health-checked first.
    with connection.wrap_database_errors:
        if not connection.in_atomic_block:
            connection.close_if_health_check_failed()
        connection.ensure_connection()
        raw = connection.connection
        # Django turns psycopg's preparing off for the connection (prepare_threshold None, for
        # poolers); a threshold no query reaches turns it back on for statements that ask.
        if raw.prepare_threshold is None:
            raw.prepare_threshold = _PREPARE_ONLY_WHEN_ASKED
        with psycopg.Cursor(raw) as cursor:
            cursor.execute(sql, params, prepare=prepare)
            returned = cursor.fetchall() if cursor.description else []
            return cursor.rowcount, returned


def find_or_delete(*, rows, where: str, params: dict, delete: bool) -> int:
    """How many of `rows` there are, or delete them and say how many went.

    On PostgreSQL through one statement on `rows`' table with `where`, bound on the server, so
    the value looked for (a receipt hash, a lookup) never stands in a logged statement. The
    queryset does the same anywhere else.
    """
    if connection.vendor != "postgresql":
        return rows.delete()[0] if delete else rows.count()
    verb = "DELETE" if delete else "SELECT 1"
    sql = f"{verb} FROM {table(rows.model)} WHERE {where}"  # noqa: S608 - no value in it
    affected, _rows = execute(sql, params)
    return affected


@functools.cache
def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)
