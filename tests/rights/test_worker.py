"""The saved-request tasks run by a real Celery worker process, over Redis, on the PostgreSQL
test database. Runs in the PostgreSQL and Redis pass; the embedded run has no broker."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from rights import tasks
from rights.models import Reminder, SavedRequest
from rights.services import tracking
from tests.petitions.test_worker import worker  # noqa: F401 - the worker fixture
from tests.support.workers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_a_worker_process_sends_a_due_reminder_once_though_beat_fires_twice(
    worker,  # noqa: F811
    dublin_answers,
):
    owner = get_user_model().objects.create_user(username="w", email="worker@example.org")
    answers = {k: v if isinstance(v, list) else [v] for k, v in dublin_answers.items()}
    saved = tracking.save_request(owner=owner, answers=answers, regime_id="eu_gdpr")
    today = timezone.localdate()
    tracking.add_event(saved=saved, kind="sent", on=today, channel="email", today=today)
    tracking.set_due_override(saved=saved, override=today, today=today)

    tasks.send_due_reminders.delay()
    tasks.send_due_reminders.delay()

    wait_for(
        lambda: worker.log.read_text().count("rights.tasks.send_due_reminders") >= 4,
        seconds=60,
        what="both runs to be received and to succeed",
    )
    log = worker.log.read_text()
    assert log.count("Subject: Today is the last day for an answer to your request") == 1
    assert "To: worker@example.org" in log
    assert list(Reminder.objects.values_list("point", flat=True)) == ["due"]


def test_a_worker_process_warns_before_deleting_a_closed_request(
    worker,  # noqa: F811
    dublin_answers,
    settings,
):
    owner = get_user_model().objects.create_user(username="w", email="worker@example.org")
    answers = {k: v if isinstance(v, list) else [v] for k, v in dublin_answers.items()}
    saved = tracking.save_request(owner=owner, answers=answers, regime_id="eu_gdpr")
    today = timezone.localdate()
    tracking.add_event(saved=saved, kind="sent", on=today, channel="email", today=today)
    tracking.add_event(saved=saved, kind="closed", on=today, outcome="complete", today=today)
    # The worker reads its own settings: a retention of 365 days warns 14 days before, so
    # close the request in the past instead.
    SavedRequest.objects.filter(pk=saved.pk).update(closed_on=today - datetime.timedelta(days=360))

    tasks.purge_closed_requests.delay()

    wait_for(
        lambda: (
            "rights.tasks.purge_closed_requests" in worker.log.read_text()
            and "succeeded" in worker.log.read_text()
        ),
        seconds=60,
        what="the retention run",
    )
    saved.refresh_from_db()
    assert saved.retention_warned_on == today
    assert "will be deleted on" in worker.log.read_text()
