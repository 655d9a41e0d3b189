"""Scheduled mail goes out once, after its work has committed, with no transaction open while
the mail server is talked to; a run retried after a send does not send again."""

import datetime
import io
import smtplib

import pytest
import time_machine
from celery.exceptions import Retry
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from rights import tasks
from rights.models import Reminder, SavedRequest
from rights.services import reminders, route_tracking, tracking
from tests.support.mail_backends import HERE, transactions_open_while_sending

pytestmark = pytest.mark.usefixtures("reference_data")

DUE_DAY = datetime.datetime(2026, 12, 23, 8, tzinfo=datetime.UTC)
CLOSED_ON = datetime.date(2026, 12, 1)


@pytest.fixture
def saved(db, dublin_answers):
    owner = get_user_model().objects.create_user(username="w", email="worker@example.org")
    answers = {k: v if isinstance(v, list) else [v] for k, v in dublin_answers.items()}
    saved = tracking.save_request(owner=owner, answers=answers, regime_id="eu_gdpr")
    sent_on = datetime.date(2026, 11, 23)
    tracking.add_event(saved=saved, kind="sent", on=sent_on, channel="email", today=sent_on)
    return saved  # due 23 December 2026


def test_a_run_retried_after_the_mail_went_out_sends_nothing_more(saved, settings):
    settings.EMAIL_BACKEND = HERE + "AcceptedThenDropped"
    with time_machine.travel(DUE_DAY), pytest.raises(smtplib.SMTPServerDisconnected):
        reminders.send_due_reminders(today=DUE_DAY.date())
    assert len(mail.outbox) == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(DUE_DAY):
        assert reminders.send_due_reminders(today=DUE_DAY.date()) == 0
    assert len(mail.outbox) == 1 and "Today is the last day" in mail.outbox[0].subject


def test_the_task_retrying_itself_after_a_send_sends_once(saved, settings):
    settings.EMAIL_BACKEND = HERE + "AcceptedThenDropped"
    # Celery retries the failed task (eagerly here, then reports the retry): the retry finds
    # the reminder marked sent.
    with time_machine.travel(DUE_DAY), pytest.raises(Retry):
        tasks.send_due_reminders.delay()
    assert len(mail.outbox) == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(DUE_DAY + datetime.timedelta(hours=1)):
        assert tasks.send_due_reminders.delay().get() == 0
    assert len(mail.outbox) == 1


def test_a_reminder_the_mail_server_could_not_take_goes_on_the_next_run(saved, settings):
    settings.EMAIL_BACKEND = HERE + "Unreachable"
    with time_machine.travel(DUE_DAY):
        assert reminders.send_due_reminders(today=DUE_DAY.date()) == 0
    waiting = Reminder.objects.get(request=saved)
    assert waiting.point == "due" and waiting.sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(DUE_DAY + datetime.timedelta(hours=1)):
        assert reminders.send_due_reminders(today=DUE_DAY.date()) == 1
        assert reminders.send_due_reminders(today=DUE_DAY.date()) == 0
    assert len(mail.outbox) == 1 and Reminder.objects.get(request=saved).sent_at is not None


def test_a_reminder_that_waited_past_its_point_is_not_sent_late(saved, settings):
    settings.EMAIL_BACKEND = HERE + "Unreachable"
    reminders.send_due_reminders(today=DUE_DAY.date())  # "due" written, not sent
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.send_due_reminders(today=datetime.date(2026, 12, 24)) == 1
    assert [m.subject for m in mail.outbox] == [mail.outbox[0].subject]
    assert "overdue" in mail.outbox[0].subject


@pytest.mark.django_db(transaction=True)
def test_no_transaction_is_open_while_a_reminder_or_a_notice_is_sent(saved, settings):
    settings.EMAIL_BACKEND = HERE + "Watching"
    transactions_open_while_sending.clear()
    with time_machine.travel(DUE_DAY):
        tasks.send_due_reminders.delay()
    tracking.add_event(saved=saved, kind="closed", on=CLOSED_ON, outcome="ignored", today=CLOSED_ON)
    reminders.purge_closed_requests(today=datetime.date(2027, 11, 20))
    assert len(mail.outbox) == 2 and transactions_open_while_sending == [False, False]


def test_send_reminders_deletes_nothing_and_apply_retention_does(saved, settings):
    settings.RIGHTS_RETENTION_DAYS = 30
    tracking.add_event(
        saved=saved,
        kind="closed",
        on=datetime.date(2026, 12, 1),
        outcome="complete",
        today=datetime.date(2026, 12, 1),
    )
    with time_machine.travel(datetime.datetime(2027, 6, 1, 8, tzinfo=datetime.UTC)):
        call_command("send_reminders", stdout=io.StringIO())
        assert SavedRequest.objects.filter(pk=saved.pk).exists() and not mail.outbox

        out = io.StringIO()
        call_command("apply_retention", stdout=out)  # the notice first
        assert "1 deletion notices, 0 requests deleted" in out.getvalue()
        assert "will be deleted" in mail.outbox[0].subject
    with time_machine.travel(datetime.datetime(2027, 6, 20, 8, tzinfo=datetime.UTC)):
        call_command("apply_retention", stdout=io.StringIO())
    assert not SavedRequest.objects.filter(pk=saved.pk).exists()


def test_a_route_reminder_retried_after_it_went_out_is_not_sent_again(saved, settings):
    route_tracking.wait_for_right(owner=saved.owner, route_id="ca_admt_access")
    begins = datetime.date(2027, 1, 1)
    settings.EMAIL_BACKEND = HERE + "AcceptedThenDropped"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        route_tracking.send_route_reminders(today=begins)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert route_tracking.send_route_reminders(today=begins) == 0
    assert len(mail.outbox) == 1
