"""The restore drill (docs/operator.md, "Backups and restores"): a pg_dump of a populated
instance, restored into a fresh database, works with the same keys and reads nothing without.
PostgreSQL pass only."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from petitions import services as petitions
from rights.services import tracking
from tests.support.petitions import new_petition

ROOT = settings.BASE_DIR

CHECK = """
import json, django
django.setup()
from petitions import services
from petitions.models import Petition
from rights.models import SavedRequest
saved = SavedRequest.objects.get()
petition = services.refresh_count(petition=Petition.objects.get())
print(json.dumps({
    "readable": saved.readable,
    "full_name": saved.answers["full_name"] if saved.readable else None,
    "counted": petition.counted,
    "receipt": services.receipt_status(petition=petition, receipt=RECEIPT),
    "digest": services.verification_summary(petition=petition).digest,
}))
"""


def postgres_command(*args: str, database: str) -> list[str]:
    db = connection.settings_dict
    return [*args, "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432),
            "-U", db["USER"] or "postgres", database]  # fmt: skip


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PGPASSWORD": connection.settings_dict["PASSWORD"] or ""}
    return subprocess.run(command, check=True, capture_output=True, timeout=120, env=env, **kwargs)


@pytest.mark.django_db(transaction=True)
def test_a_restored_dump_works_with_its_keys_and_reads_nothing_personal_without(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("a pg_dump drill; runs in the PostgreSQL pass")
    key = Fernet.generate_key().decode()
    settings.STANDING_ENCRYPTION_KEYS = [key]
    owner = get_user_model().objects.create_user(username="w", email="w@example.org")
    tracking.save_request(owner=owner, answers={"full_name": ["Aoife Byrne"]}, regime_id="eu_gdpr")
    petition = new_petition(owner)
    receipts = []
    for n in range(6):
        token = petitions.seal_signature(petition=petition, address=f"s{n}@example.org")
        receipts.append(petitions.confirm_signature(slug=petition.slug, token=token))
    petition = petitions.refresh_count(petition=petition)
    digest = petitions.verification_summary(petition=petition).digest

    dump = tmp_path / "standing.dump"
    source = connection.settings_dict["NAME"]
    run(postgres_command("pg_dump", "-Fc", "-f", str(dump), database=source))
    restored = f"restore_drill_{uuid.uuid4().hex[:8]}"
    run(postgres_command("createdb", database=restored))
    try:
        restore = postgres_command("pg_restore", "--no-owner", database=f"--dbname={restored}")
        run([*restore, str(dump)])
        with_keys = check(restored, key, receipts[0])
        without_keys = check(restored, Fernet.generate_key().decode(), receipts[0])
    finally:
        run(postgres_command("dropdb", "--force", database=restored))

    assert with_keys == {
        "readable": True,
        "full_name": ["Aoife Byrne"],
        "counted": 6,
        "receipt": "counted",
        "digest": digest,
    }
    assert without_keys["readable"] is False and without_keys["full_name"] is None
    # Petitions need no encryption key: they count and verify as before.
    assert without_keys["counted"] == 6 and without_keys["digest"] == digest


def check(database: str, key: str, receipt: str) -> dict:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{database}",
        "STANDING_ENCRYPTION_KEYS": key,
        "PETITIONS_KEY_DIR": str(settings.PETITIONS_KEY_DIR),
        "CACHE_URL": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    script = CHECK.replace("RECEIPT", json.dumps(receipt))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])
