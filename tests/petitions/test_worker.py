"""The petition tasks run by a real Celery worker process, over Redis, on the PostgreSQL test
database. Runs in the PostgreSQL and Redis pass; the embedded run has no broker to talk to."""

import datetime
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from petitions import tasks
from petitions.models import Petition

from .conftest import confirm, sign_by_email, text_of

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _forget_broker_connections() -> None:
    # The app keeps the pools it opened for the broker it first saw; drop them so the next
    # message goes to the broker just configured (Celery does the same after a fork).
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def worker(tmp_path):
    if connection.vendor != "postgresql" or not settings.CACHE_URL.startswith("redis"):
        pytest.skip("needs PostgreSQL and Redis; runs in the second pass of make test")
    # A Redis database of its own, emptied first, so no message from an earlier run is waiting.
    broker = settings.CACHE_URL.rsplit("/", 1)[0] + "/12"
    redis.Redis.from_url(broker).flushdb()
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
               "--without-gossip", "--without-mingle", "--without-heartbeat",
               "--loglevel", "info"]  # fmt: skip
    with log.open("w") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=ROOT
        )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.update(broker_url=broker, task_always_eager=False)
    _forget_broker_connections()
    try:
        _wait_for(lambda: "ready." in log.read_text(), seconds=60, what="the worker to start")
        yield SimpleNamespace(log=log, process=process)
    finally:
        process.terminate()
        process.wait(timeout=30)
        celery_app.conf.update(task_always_eager=eager)
        _forget_broker_connections()


def test_a_worker_process_builds_the_delivery_pdf_the_organiser_asked_for(
    worker, client, organiser, petition, mailoutbox
):
    for n in range(6):
        extra = {"show_name": "on", "public_name": f"Signer {n}"} if n == 0 else {}
        confirm(client, sign_by_email(client, petition, mailoutbox, email=f"w{n}@ex.org", **extra))
    client.force_login(organiser)
    client.post(reverse("petitions:delivery", args=[petition.slug]))

    def ready() -> bool:
        petition.refresh_from_db()
        return petition.delivery_state == "ready"

    _wait_for(ready, seconds=90, what="the delivery PDF")
    assert re.search(
        r"Task petitions.tasks.build_delivery\[[^]]+\] succeeded", worker.log.read_text()
    )
    text = text_of(bytes(petition.delivery_pdf))
    assert "6 people signed this petition" in text and "Signer 0" in text


def test_a_worker_process_closes_a_due_petition_and_mails_the_organiser_once(worker, make_petition):
    due = make_petition(title="Due yesterday")
    Petition.objects.filter(pk=due.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    tasks.close_due_petitions.delay()
    tasks.close_due_petitions.delay()  # beat firing twice must not close or mail twice

    def closed() -> bool:
        due.refresh_from_db()
        return due.status == Petition.Status.CLOSED

    _wait_for(closed, seconds=60, what="the petition to close")
    _wait_for(
        lambda: worker.log.read_text().count("succeeded in") >= 2, seconds=60, what="both runs"
    )
    log = worker.log.read_text()
    assert log.count("Subject: Petition closed: Due yesterday") == 1
    assert "To: steward@union.example" in log
