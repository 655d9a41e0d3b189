"""Benchmark: petition page latency with 1,000,000 signatures against 1,000.

The page reads the batch-refreshed count, so its latency must not grow with the number of
signatures. Builds both petitions in a throwaway SQLite database, refreshes their counts once
(as the periodic task would), then times GET requests through Django's test client.

    .venv/bin/python bench/petition_page.py [--large 1000000] [--small 1000] [--requests 300]
"""

import argparse
import datetime
import os
import resource
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["PETITIONS_KEY_DIR"] = tempfile.mkdtemp(prefix="standing-bench-keys-")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_petition(organiser, signatures: int):
    from django.db import connection, transaction

    from petitions import services
    from petitions.models import Petition

    petition = services.create_petition(
        organiser=organiser,
        data=services.PetitionInput(
            title=f"Petition with {signatures} signatures",
            body="We object to the keystroke logging.",
            employer="Example Corp",
            decision_maker="The CEO",
            demands="Stop it.",
            goal=10,
            closes_on=datetime.date(2099, 1, 1),
            group_name="Workers",
            visibility=Petition.Visibility.UNLISTED,
            eligibility=Petition.Eligibility.EMAIL,
        ),
    )
    today = datetime.date(2026, 11, 22).isoformat()
    batch = 50_000
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, signatures, batch):
            rows = [
                (uuid.uuid4().hex, petition.pk, "", "", uuid.uuid4().hex + uuid.uuid4().hex, today)
                for _ in range(min(batch, signatures - start))
            ]
            cursor.executemany(
                # Batch 0: written and published, as flushed batches are once published.
                "INSERT INTO petitions_signature "
                "(id, petition_id, public_name, comment, receipt_hash, signed_on, batch) "
                "VALUES (%s, %s, %s, %s, %s, %s, 0)",
                rows,
            )
    services.refresh_count(petition=petition)
    return petition


def time_page(client, petition, requests: int) -> list[float]:
    url = f"/petitions/{petition.slug}/"
    client.get(url)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from django.contrib.auth import get_user_model
        from django.test import Client

        organiser = get_user_model().objects.create_user(username="o", email="o@example.org")
        started = time.perf_counter()
        small = make_petition(organiser, args.small)
        large = make_petition(organiser, args.large)
        built_in = time.perf_counter() - started
        print(f"built {args.small:,} + {args.large:,} signatures in {built_in:.0f} s")
        client = Client()
        results = {}
        for _round in range(2):  # interleave, so both see the same machine state
            for name, petition in (("small", small), ("large", large)):
                results.setdefault(name, []).extend(time_page(client, petition, args.requests // 2))
    for name, count in (("small", args.small), ("large", args.large)):
        timings = sorted(results[name])
        p95 = timings[int(len(timings) * 0.95) - 1]
        p99 = timings[int(len(timings) * 0.99) - 1]
        print(
            f"{count:>9,} signatures: p50 {statistics.median(timings):.2f} ms, "
            f"p95 {p95:.2f} ms, p99 {p99:.2f} ms over {len(timings)} requests"
        )
    ratio = statistics.median(results["large"]) / statistics.median(results["small"])
    print(f"median ratio large / small: {ratio:.3f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
