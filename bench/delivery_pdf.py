"""Benchmark: the delivery PDF of a petition with 100,000 signatures, each with a public name
(and every tenth with a comment). Targets: under 60 s and under 600 MB peak RSS.

Builds the petition in a throwaway SQLite database, then runs the real build (the service the
Celery task calls: query, template, WeasyPrint) in a child process, whose wall time and peak
RSS are measured on their own.

    .venv/bin/python bench/delivery_pdf.py [--signatures 100000]
"""

import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIRST = ["Aoife", "Sam", "Priya", "Jonas", "Marta", "Kwame", "Lena", "Diego", "Yuki", "Omar"]
LAST = ["Byrne", "Rivera", "Shah", "Keller", "Nowak", "Mensah", "Berg", "Lopez", "Sato", "Haddad"]


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["PETITIONS_KEY_DIR"] = tempfile.mkdtemp(prefix="standing-bench-keys-")
    import django

    django.setup()


def build_petition(signatures: int) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction

    from petitions import services
    from petitions.models import Petition

    call_command("migrate", verbosity=0)
    organiser = get_user_model().objects.create_user(username="o", email="o@example.org")
    petition = services.create_petition(
        organiser=organiser,
        data=services.PetitionInput(
            title="Stop feeding our keystrokes to AI",
            body="We **object** to the Model Capability Initiative.",
            employer="Example Corp",
            decision_maker="The Chief People Officer",
            demands="End the keystroke logging.",
            goal=100_000,
            closes_on=datetime.date(2099, 1, 1),
            group_name="Workers for Privacy",
            visibility=Petition.Visibility.UNLISTED,
            eligibility=Petition.Eligibility.EMAIL,
        ),
    )
    today = datetime.date(2026, 11, 23).isoformat()
    rows = [
        (
            uuid.uuid4().hex,
            petition.pk,
            f"{FIRST[n % 10]} {LAST[(n // 10) % 10]} {n}",
            "Stop logging our keystrokes." if n % 10 == 0 else "",
            uuid.uuid4().hex + uuid.uuid4().hex,
            today,
        )
        for n in range(signatures)
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            # Batch 0: written and published, as flushed batches are once published.
            "INSERT INTO petitions_signature "
            "(id, petition_id, public_name, comment, receipt_hash, signed_on, batch) "
            "VALUES (%s, %s, %s, %s, %s, %s, 0)",
            rows,
        )
    return petition.pk


def build_delivery(petition_id: int) -> int:
    from petitions import documents, services
    from petitions.models import Petition

    petition = Petition.objects.get(pk=petition_id)
    services.build_delivery(petition=petition, render=documents.delivery_pdf)
    return len(services.delivery_pdf(petition=petition) or b"")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signatures", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        petition_id = build_petition(args.signatures)
        from django.db import connection

        connection.close()
        started = time.perf_counter()
        child = os.fork()
        if child == 0:
            size = build_delivery(petition_id)
            print(f"PDF: {size / 1e6:.1f} MB")
            os._exit(0)
        _pid, status, usage = os.wait4(child, 0)
        elapsed = time.perf_counter() - started
    assert os.waitstatus_to_exitcode(status) == 0, "the build failed"
    print(f"{args.signatures:,} named signatures: wall {elapsed:.1f} s, "
          f"peak RSS {usage.ru_maxrss / 1024:.0f} MiB (targets: 60 s, 600 MB)")  # fmt: skip


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
