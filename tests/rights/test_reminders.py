"""Reminder e-mails: one before, one on and one after the due date, each sent exactly once,
and closed requests deleted after the retention period with a warning first."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from rights import tasks
from rights.models import Reminder, SavedRequest
from rights.services import reminders, tracking

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def saved(db, dublin_answers):
    owner = get_user_model().objects.create_user(username="w", email="worker@example.org")
    answers = {k: v if isinstance(v, list) else [v] for k, v in dublin_answers.items()}
    saved = tracking.save_request(owner=owner, answers=answers, regime_id="eu_gdpr")
    # Received 23 November 2026: due 23 December 2026 (GDPR Art. 12(3)).
    tracking.add_event(
        saved=saved,
        kind="sent",
        on=datetime.date(2026, 11, 23),
        channel="email",
        today=datetime.date(2026, 11, 23),
    )
    saved.refresh_from_db()
    assert saved.due_on == datetime.date(2026, 12, 23)
    return saved


def run_beat_every_hour(start: datetime.datetime, days: int) -> None:
    """Run the periodic task as beat would, hourly, over `days` days."""
    for hour in range(days * 24):
        with time_machine.travel(start + datetime.timedelta(hours=hour), tick=False):
            tasks.send_due_reminders.delay()


def test_each_reminder_point_sends_exactly_one_email(saved, settings):
    settings.RIGHTS_REMINDER_DAYS_BEFORE = 7

    run_beat_every_hour(datetime.datetime(2026, 12, 10, tzinfo=datetime.UTC), days=20)

    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 3
    assert "due on 23 December 2026" in subjects[0]
    assert "Today is the last day" in subjects[1]
    assert "overdue" in subjects[2]
    assert all(message.to == ["worker@example.org"] for message in mail.outbox)
    assert sorted(Reminder.objects.values_list("point", "due_on")) == sorted(
        [
            ("before", datetime.date(2026, 12, 23)),
            ("due", datetime.date(2026, 12, 23)),
            ("overdue", datetime.date(2026, 12, 23)),
        ]
    )


def test_the_reminders_name_no_employer_and_link_to_the_request(saved):
    with time_machine.travel(datetime.datetime(2026, 12, 24, 9, tzinfo=datetime.UTC)):
        reminders.send_due_reminders(today=datetime.date(2026, 12, 24))

    (message,) = mail.outbox
    text = message.body + message.alternatives[0][0] + message.subject
    assert "Meta" not in text and "Aoife" not in text
    assert f"/requests/mine/{saved.pk}/" in text


def test_a_missed_beat_sends_only_the_latest_reminder_not_a_backlog(saved):
    reminders.send_due_reminders(today=datetime.date(2027, 1, 5))

    assert [m.subject for m in mail.outbox] == ["Your request is overdue: what you can do now"]


def test_no_reminder_once_a_response_is_logged(saved):
    tracking.add_event(
        saved=saved,
        kind="responded",
        on=datetime.date(2026, 12, 1),
        today=datetime.date(2026, 12, 1),
    )

    for day in range(15, 31):
        reminders.send_due_reminders(today=datetime.date(2026, 12, day))

    assert mail.outbox == []


def test_a_new_due_date_gets_its_own_reminders(saved):
    reminders.send_due_reminders(today=datetime.date(2026, 12, 23))
    tracking.set_due_override(
        saved=saved, override=datetime.date(2027, 1, 8), today=datetime.date(2026, 12, 23)
    )

    reminders.send_due_reminders(today=datetime.date(2027, 1, 8))

    assert len(mail.outbox) == 2
    assert "Today is the last day" in mail.outbox[1].subject


def test_the_management_command_sends_the_same_reminders_once(saved):
    with time_machine.travel(datetime.datetime(2026, 12, 23, 8, tzinfo=datetime.UTC)):
        call_command("send_reminders", stdout=io.StringIO())
        call_command("send_reminders", stdout=io.StringIO())

    assert len(mail.outbox) == 1


def close(saved: SavedRequest, on: datetime.date) -> None:
    tracking.add_event(saved=saved, kind="closed", on=on, outcome="complete", today=on)


def test_closed_requests_are_deleted_after_retention_with_a_warning_first(saved, settings):
    settings.RIGHTS_RETENTION_DAYS = 365
    settings.RIGHTS_RETENTION_WARNING_DAYS = 14
    close(saved, datetime.date(2026, 12, 1))

    # Deletion day: 1 December 2027. The warning goes 14 days before, on 17 November 2027.
    assert reminders.purge_closed_requests(today=datetime.date(2027, 11, 16)) == (0, 0)
    assert reminders.purge_closed_requests(today=datetime.date(2027, 11, 17)) == (1, 0)
    assert reminders.purge_closed_requests(today=datetime.date(2027, 11, 18)) == (0, 0)
    assert "will be deleted on 1 December 2027" in mail.outbox[0].subject
    assert reminders.purge_closed_requests(today=datetime.date(2027, 11, 30)) == (0, 0)
    assert SavedRequest.objects.filter(pk=saved.pk).exists()

    assert reminders.purge_closed_requests(today=datetime.date(2027, 12, 1)) == (0, 1)
    assert not SavedRequest.objects.exists()
    assert len(mail.outbox) == 1


def test_a_late_warning_still_gives_the_full_notice_before_deletion(saved, settings):
    settings.RIGHTS_RETENTION_DAYS = 365
    settings.RIGHTS_RETENTION_WARNING_DAYS = 14
    close(saved, datetime.date(2026, 12, 1))

    # The task did not run for months: the warning goes now, deletion waits 14 more days.
    assert reminders.purge_closed_requests(today=datetime.date(2028, 3, 1)) == (1, 0)
    assert reminders.purge_closed_requests(today=datetime.date(2028, 3, 14)) == (0, 0)
    assert reminders.purge_closed_requests(today=datetime.date(2028, 3, 15)) == (0, 1)
