"""PostgreSQL backend CPU per confirmation statement, prepared and not, beside a one-row insert.

    .venv/bin/python bench/confirm/statement_cost.py [--statements 4000]

One psycopg connection to a throwaway database set up as in bench/confirm_throughput.py runs
the confirm path's statement (petitions.services) and the bare insert, each prepared on the
server and not, in two interleaved rounds. The backend's CPU time is read from /proc (10 ms
ticks, so a few microseconds of resolution over thousands of statements); wall time includes
the round trip and the commit.
"""

import argparse
import datetime
import os
import secrets
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import confirm_throughput as bench  # noqa: E402

BARE_SQL = (
    'INSERT INTO "petitions_signature" (id, petition_id, public_name, comment, receipt_hash, '
    "signed_on) VALUES (%s, %s, %s, %s, %s, %s)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=4000, help="statements of each kind")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    env = bench.server_environment(
        bench.recreate_database(args.postgres), "redis://127.0.0.1:6379/14"
    )
    os.environ.update(env)
    confirm, bare = bench.set_up_petitions()
    import psycopg
    from django.db import connection

    from petitions import services

    sql = services.record_once_sql()
    connection.close()
    today = datetime.date.today()
    ticks = os.sysconf("SC_CLK_TCK")

    def confirm_params():
        # A pending row as the confirm view writes it: one padded, encrypted signature.
        pending, _receipt = services.new_pending(confirm.pk, "", "")
        return {
            "petition": confirm.pk, "slug": confirm.slug, "live": "live", "today": today,
            "digest": secrets.token_hex(32), "id": uuid.uuid4(), "epoch": pending.epoch,
            "lookup": pending.lookup, "sealed": pending.sealed,
        }  # fmt: skip

    def bare_params():
        return (uuid.uuid4(), bare.pk, "", "", secrets.token_hex(32), today)

    kinds = {
        "confirm, prepared": (sql, confirm_params, True),
        "confirm, not prepared": (sql, confirm_params, False),
        "bare insert, prepared": (BARE_SQL, bare_params, True),
        "bare insert, not prepared": (BARE_SQL, bare_params, False),
    }
    with psycopg.connect(env["DATABASE_URL"], autocommit=True, prepare_threshold=None) as conn:
        conn.prepare_threshold = 2**31 - 1  # only statements that ask are prepared
        stat = Path(f"/proc/{conn.info.backend_pid}/stat")

        def backend_cpu() -> float:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / ticks

        for round_number in (1, 2):
            for kind, (query, params, prepare) in kinds.items():
                with conn.cursor() as cursor:
                    for _ in range(200):
                        cursor.execute(query, params(), prepare=prepare)
                    cpu, wall = backend_cpu(), time.perf_counter()
                    for _ in range(args.statements):
                        cursor.execute(query, params(), prepare=prepare)
                    cpu, wall = backend_cpu() - cpu, time.perf_counter() - wall
                per = 1e6 / args.statements
                print(
                    f"round {round_number} {kind:26s} backend CPU {cpu * per:6.1f} us, "
                    f"wall {wall * per:6.1f} us"
                )
    bench.drop_database(args.postgres)


if __name__ == "__main__":
    main()
