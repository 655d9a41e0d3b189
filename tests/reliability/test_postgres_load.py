"""Signatures under load and through a database restart, against gunicorn and a PostgreSQL
cluster of the test's own on loopback. Bounded in count and time; runs in the PostgreSQL pass."""

from __future__ import annotations

import http.client
import os
import random
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from petitions.anonymity import receipt_hash

from .servers import Cluster, Gunicorn, flush_signatures, postgres_bin, seed_petition

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs in the PostgreSQL pass of make test",
    ),
    pytest.mark.skipif(postgres_bin() is None, reason="PostgreSQL's server binaries are missing"),
]

RECEIPT = re.compile(rb'id="receipt-code">([A-Z0-9-]+)<')
CSRF = "b" * 32


@pytest.fixture
def cluster():
    cluster = Cluster.create()
    yield cluster
    cluster.remove()


class Client:
    """One keep-alive connection, as one browser would have, posting Confirm."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def confirm(self, path: str) -> tuple[int, bytes]:
        headers = {
            "Cookie": f"csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        for _attempt in range(3):
            try:
                self.connection.request("POST", path, body="", headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                # The server closed a kept-alive connection: what a browser would retry.
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        return 0, b""


def run_clients(port: int, paths: list[str], clients: int) -> list[tuple[str, int, bytes]]:
    queue = list(enumerate(paths))
    lock = threading.Lock()
    results: list[tuple[str, int, bytes]] = []

    def work() -> None:
        client = Client(port)
        while True:
            with lock:
                if not queue:
                    return
                _index, path = queue.pop()
            status, body = client.confirm(path)
            with lock:
                results.append((path, status, body))

    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(work) for _ in range(clients)]:
            future.result(timeout=600)
    return results


def stored_receipt_hashes(cluster: Cluster) -> list[str]:
    flush_signatures(cluster.url)
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as connection:
        rows = connection.execute("SELECT receipt_hash FROM petitions_signature").fetchall()
        signers = connection.execute("SELECT count(*) FROM petitions_signerhash").fetchone()[0]
    assert signers == len(rows)
    return [row[0] for row in rows]


def receipt_of(body: bytes) -> str:
    found = RECEIPT.search(body)
    assert found, body[:300]
    return found.group(1).decode()


def test_64_clients_confirm_10000_signatures_and_every_duplicate_is_refused(cluster, tmp_path):
    seeded = seed_petition(cluster.url, tmp_path, signers=10_000, duplicates=1_000)
    paths = seeded["links"] + seeded["duplicates"]
    random.Random(7).shuffle(paths)
    server = Gunicorn(cluster.url, tmp_path)
    try:
        started = time.monotonic()
        results = run_clients(server.port, paths, clients=64)
        elapsed = time.monotonic() - started
    finally:
        server.stop()

    statuses = Counter(status for _path, status, _body in results)
    print(f"{len(results)} confirmations in {elapsed:.1f} s: {dict(statuses)}")
    assert len(results) == 11_000
    assert statuses == {200: 10_000, 400: 1_000}, statuses
    refused = [body for _path, status, body in results if status == 400]
    assert all(b"already" in body.lower() for body in refused)
    hashes = stored_receipt_hashes(cluster)
    assert len(hashes) == 10_000
    receipts = {receipt_hash(receipt_of(body)) for _p, status, body in results if status == 200}
    assert receipts == set(hashes)


def test_a_database_restart_loses_no_confirmed_signature_and_errors_are_retryable(
    cluster, tmp_path
):
    seeded = seed_petition(cluster.url, tmp_path, signers=3_000, duplicates=0)
    paths = seeded["links"]
    server = Gunicorn(cluster.url, tmp_path)
    restarted = threading.Event()

    def restart_soon() -> None:
        time.sleep(1.5)
        cluster.restart()
        restarted.set()

    restarter = threading.Thread(target=restart_soon)
    try:
        restarter.start()
        first = run_clients(server.port, paths, clients=16)
        restarter.join(timeout=120)
        assert restarted.is_set(), "the database was not restarted during the load"
        failed = [path for path, status, _body in first if status != 200]
        # What a signer does with a 503: send the same Confirm again.
        retried = run_clients(server.port, failed, clients=4) if failed else []
    finally:
        server.stop()

    first_statuses = Counter(status for _path, status, _body in first)
    print(f"during the restart: {dict(first_statuses)}; retried: {len(retried)}")
    assert set(first_statuses) <= {200, 503}, first_statuses  # no 500, no dropped connection
    assert first_statuses[503] > 0, "the restart did not overlap the load; nothing was tested"
    for _path, status, body in first:
        if status == 503:
            assert b"try again" in body.lower()
    retried_statuses = Counter(status for _path, status, _body in retried)
    # A Confirm whose commit landed just before its connection broke is "already signed".
    assert set(retried_statuses) <= {200, 400}, retried_statuses
    confirmed = [body for _p, status, body in first + retried if status == 200]
    hashes = set(stored_receipt_hashes(cluster))
    assert {receipt_hash(receipt_of(body)) for body in confirmed} <= hashes
    assert len(hashes) == 3_000  # every signer ends up counted exactly once
