"""The operator's logs: gunicorn's default access log, the app at DEBUG, PostgreSQL with every
statement logged (log_min_duration_statement = 0) and the role settings docs/operator.md gives.

A real gunicorn and a PostgreSQL cluster of the test's own on loopback; PostgreSQL pass only.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from petitions import anonymity
from petitions.keystore import KeyStore
from tests.reliability.servers import (
    KEY_DIR,
    Cluster,
    Gunicorn,
    flush_signatures,
    postgres_bin,
    seed_petition,
)

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs in the PostgreSQL pass of make test",
    ),
    pytest.mark.skipif(postgres_bin() is None, reason="PostgreSQL's server binaries are missing"),
]

CSRF = "c" * 32
RECEIPT = re.compile(r'id="receipt-code">([A-Z0-9-]+)<')
# What docs/operator.md tells operators to set for the app's role.
ROLE_SETTINGS = ["ALTER ROLE postgres SET log_parameter_max_length = 0"]


@pytest.fixture
def logging_cluster():
    cluster = Cluster.create()
    psql(cluster, "ALTER SYSTEM SET log_min_duration_statement = 0", *ROLE_SETTINGS)
    psql(cluster, "SELECT pg_reload_conf()")
    yield cluster
    cluster.remove()


def psql(cluster: Cluster, *statements: str) -> None:
    for statement in statements:
        subprocess.run(
            [str(cluster.bin / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U",
             "postgres", "-d", "standing", "-c", statement],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip


def post(port: int, path: str, fields: dict[str, str]) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {
        "Cookie": f"csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    connection.request("POST", path, body=urllib.parse.urlencode(fields), headers=headers)
    response = connection.getresponse()
    return response.status, response.read().decode()


def test_no_log_line_holds_a_token_receipt_code_or_signer_hash(logging_cluster, tmp_path):
    seeded = seed_petition(logging_cluster.url, tmp_path, signers=0, duplicates=0)
    slug = seeded["slug"]
    mails = tmp_path / "mail"
    server = Gunicorn(
        logging_cluster.url,
        tmp_path,
        workers=1,
        access_log=True,
        env={
            "LOG_LEVEL": "DEBUG",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mails),
        },
    )
    try:
        status, _page = post(
            server.port, f"/petitions/{slug}/sign/", {"email": "jo@example.org", "consent": "on"}
        )
        assert status == 200
        mail_text = "".join(path.read_text() for path in mails.iterdir())
        path = re.search(r"https?://[^/\s]+(/petitions/\S+/confirm/(\S+)/)", mail_text)
        confirm_path, token = path[1], path[2]
        status, page = post(server.port, confirm_path, {"show_name": "on", "public_name": "Jo"})
        assert status == 200
        receipt = RECEIPT.search(page)[1]
        assert post(server.port, confirm_path, {})[0] == 400  # the second press of Confirm
        receipt_page = f"/petitions/{slug}/receipt/"
        post(server.port, receipt_page, {"receipt": receipt, "action": "check"})
    finally:
        server.stop()
    postgres_log = logging_cluster.data / "server.log"
    before_flush = read(postgres_log)
    flush_signatures(logging_cluster.url)
    logs = {"gunicorn": read(server.path), "postgres": read(postgres_log)}

    digest = signer_digest(KeyStore(KEY_DIR), "jo@example.org")
    secrets = {
        "token": token,
        "receipt": receipt,
        "receipt without dashes": receipt.replace("-", ""),
        "signer hash": digest,
    }
    assert "POST /petitions/" in logs["gunicorn"]  # the access log really was written
    assert "execute" in logs["postgres"] and "petitions_signerhash" in logs["postgres"]
    for where, text in logs.items():
        for name, secret in secrets.items():
            assert secret not in text, f"the {name} is in the {where} log"
    # Receipt hashes are public, but a check logged with one would date it: none before the
    # flush, which writes the batch (and so its hashes) at once.
    assert anonymity.receipt_hash(receipt) not in before_flush


def read(path: Path) -> str:
    return path.read_text(errors="replace")


def signer_digest(store: KeyStore, address: str) -> str:
    """The one petition the seed made is the first in the cluster."""
    return anonymity.signer_hash(key=store.hash_key(1), petition_id=1, address=address)
