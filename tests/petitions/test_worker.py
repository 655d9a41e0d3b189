"""The petition tasks run by a real Celery worker process, over Redis, on the PostgreSQL test
database. Runs in the PostgreSQL and Redis pass; the embedded run has no broker to talk to."""

import datetime
import re
from types import SimpleNamespace

import pytest
import redis
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from petitions import tasks
from petitions.models import Delivery, Petition
from tests.reliability.conftest import (
    require_postgres_and_redis,
    sending_to,
    start_worker,
    stop_worker,
    wait_for,
)

from .conftest import confirm, sign_by_email, text_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(tmp_path):
    require_postgres_and_redis()
    # A Redis database of its own, emptied first, so no message from an earlier run is waiting.
    broker = settings.CACHE_URL.rsplit("/", 1)[0] + "/12"
    redis.Redis.from_url(broker).flushdb()
    log = tmp_path / "worker.log"
    process = start_worker(broker=broker, log=log)
    try:
        with sending_to(broker):
            yield SimpleNamespace(log=log, process=process)
    finally:
        stop_worker(process)


def test_a_worker_process_builds_the_delivery_pdf_the_organiser_asked_for(
    worker, client, organiser, petition, mailoutbox
):
    for n in range(6):
        extra = {"show_name": "on", "public_name": f"Signer {n}"} if n == 0 else {}
        confirm(client, sign_by_email(client, petition, mailoutbox, email=f"w{n}@ex.org", **extra))
    client.force_login(organiser)
    client.post(reverse("petitions:delivery", args=[petition.slug]))

    def ready() -> bool:
        return Delivery.objects.filter(pk=petition.pk, state="ready").exists()

    wait_for(ready, seconds=90, what="the delivery PDF")
    assert re.search(
        r"Task petitions.tasks.build_delivery\[[^]]+\] succeeded", worker.log.read_text()
    )
    text = text_of(bytes(Delivery.objects.get(pk=petition.pk).pdf))
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

    wait_for(closed, seconds=60, what="the petition to close")
    wait_for(
        lambda: worker.log.read_text().count("succeeded in") >= 2, seconds=60, what="both runs"
    )
    log = worker.log.read_text()
    assert log.count("Subject: Petition closed: Due yesterday") == 1
    assert "To: steward@union.example" in log
