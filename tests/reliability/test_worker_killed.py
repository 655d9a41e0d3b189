"""A worker killed (SIGKILL to its whole process group) in the middle of a delivery PDF: the
broker delivers the message again after the visibility timeout, and the next worker builds the
PDF, once. Redis here is a redis-server of the test's own."""

import os
import re
import signal
import time

import pytest
from django.urls import reverse

from petitions import tasks
from petitions.models import Delivery
from tests.petitions.conftest import confirm, sign_by_email, text_of

from .conftest import sending_to, wait_for

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]

VISIBILITY_TIMEOUT = 2
# Test-only, in the worker process: the render announces itself, then takes its time.
SLOW_RENDER = """
import os, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from petitions import documents
real_render = documents.delivery_pdf
def slow_render(**kwargs):
    print("render started", flush=True)
    time.sleep(float(os.environ["SLOW_RENDER_SECONDS"]))
    return real_render(**kwargs)
documents.delivery_pdf = slow_render
"""
BUILT = re.compile(r"Task petitions\.tasks\.build_delivery\[[^]]+\] succeeded in [\d.]+s: (\w+)")


def test_a_worker_killed_mid_delivery_has_it_delivered_again_and_built_once(
    redis_server, workers, client, organiser, petition, mailoutbox
):
    for n in range(5):
        confirm(client, sign_by_email(client, petition, mailoutbox, email=f"k{n}@ex.org"))
    broker = redis_server.url(0)
    env = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT), "CACHE_URL": redis_server.url(1)}
    first, first_log = workers(
        "first", broker=broker, preamble=SLOW_RENDER, env={**env, "SLOW_RENDER_SECONDS": "60"}
    )

    with sending_to(broker):
        client.force_login(organiser)
        assert client.post(reverse("petitions:delivery", args=[petition.slug])).status_code == 302
    wait_for(lambda: "render started" in first_log.read_text(), seconds=20, what="the render")
    delivery = Delivery.objects.get(pk=petition.pk)
    assert delivery.state == "running" and not delivery.pdf

    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    # Past the visibility timeout, the next worker takes the unacknowledged message back as it
    # starts (kombu restores such messages on its first poll).
    time.sleep(VISIBILITY_TIMEOUT + 1)
    _second, second_log = workers(
        "second", broker=broker, preamble=SLOW_RENDER, env={**env, "SLOW_RENDER_SECONDS": "0"}
    )

    def ready() -> bool:
        return Delivery.objects.get(pk=petition.pk).state == "ready"

    wait_for(ready, seconds=30, what="the delivery PDF after redelivery")
    wait_for(lambda: BUILT.search(second_log.read_text()), seconds=10, what="the task's end")
    assert BUILT.findall(first_log.read_text()) == []
    assert BUILT.findall(second_log.read_text()) == ["True"]
    assert second_log.read_text().count("render started") == 1
    delivery = Delivery.objects.get(pk=petition.pk)
    assert delivery.progress == 100
    assert "5 people signed this petition" in text_of(bytes(delivery.pdf))


def test_a_duplicate_message_taken_by_a_second_worker_mid_build_does_nothing(
    redis_server, workers, client, organiser, petition
):
    broker = redis_server.url(0)
    env = {"CACHE_URL": redis_server.url(1)}
    _slow, slow_log = workers(
        "slow", broker=broker, preamble=SLOW_RENDER, env={**env, "SLOW_RENDER_SECONDS": "4"}
    )
    with sending_to(broker):
        client.force_login(organiser)
        client.post(reverse("petitions:delivery", args=[petition.slug]))
        wait_for(lambda: "render started" in slow_log.read_text(), seconds=20, what="the render")
        _other, other_log = workers(
            "other", broker=broker, preamble=SLOW_RENDER, env={**env, "SLOW_RENDER_SECONDS": "0"}
        )
        # The sweeper sends the running delivery again; the idle worker takes that message.
        assert tasks.sweep_deliveries.delay() is not None
    wait_for(lambda: BUILT.search(other_log.read_text()), seconds=20, what="the duplicate")
    wait_for(lambda: BUILT.search(slow_log.read_text()), seconds=20, what="the build")
    assert BUILT.findall(other_log.read_text()) == ["False"]
    assert "render started" not in other_log.read_text()
    assert BUILT.findall(slow_log.read_text()) == ["True"]
    assert Delivery.objects.get(pk=petition.pk).state == "ready"
