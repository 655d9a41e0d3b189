"""Reminder e-mails before, on and after a saved request's due date, and retention of closed
requests. Each reminder is a row with a unique (request, point, due date), written in the same
transaction that sends the mail, so a retried or concurrent run sends it once."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import send_templated_mail

from ..models import Reminder, SavedRequest, TimelineEvent

Point = Reminder.Point


def reminder_schedule(
    *, due_on: datetime.date, days_before: int
) -> list[tuple[str, datetime.date]]:
    """When each reminder point falls for a due date, earliest first."""
    points = [(Point.DUE, due_on), (Point.OVERDUE, due_on + datetime.timedelta(days=1))]
    if days_before > 0:
        points.insert(0, (Point.BEFORE, due_on - datetime.timedelta(days=days_before)))
    return points


def current_point(*, due_on: datetime.date, today: datetime.date, days_before: int) -> str | None:
    """The latest point that has come by today: a missed earlier one is not sent late."""
    reached = [
        point
        for point, day in reminder_schedule(due_on=due_on, days_before=days_before)
        if day <= today
    ]
    return reached[-1] if reached else None


def send_due_reminders(*, today: datetime.date) -> int:
    days_before = settings.RIGHTS_REMINDER_DAYS_BEFORE
    horizon = today + datetime.timedelta(days=max(days_before, 0))
    waiting = (
        SavedRequest.objects.filter(status=SavedRequest.Status.OPEN, due_on__lte=horizon)
        .exclude(events__kind=TimelineEvent.Kind.RESPONDED)
        .values_list("pk", "due_on")
    )
    sent = 0
    for request_id, due_on in waiting:
        point = current_point(due_on=due_on, today=today, days_before=days_before)
        if point is not None and _send_once(request_id=request_id, point=point, due_on=due_on):
            sent += 1
    return sent


def _send_once(*, request_id, point: str, due_on: datetime.date) -> bool:
    try:
        with transaction.atomic():
            saved = (
                SavedRequest.objects.select_for_update().select_related("owner").get(pk=request_id)
            )
            if (
                saved.due_on != due_on
                or Reminder.objects.filter(request=saved, point=point, due_on=due_on).exists()
            ):
                return False
            Reminder.objects.create(
                request=saved, point=point, due_on=due_on, sent_at=timezone.now()
            )
            _mail(saved=saved, template=f"rights/emails/reminder_{point}", due_on=due_on)
    except IntegrityError:
        return False
    return True


def _mail(*, saved: SavedRequest, template: str, due_on: datetime.date) -> None:
    # The mail names no employer and no right: the link leads to the details behind a login.
    link = settings.STANDING_SITE_URL + reverse("rights:saved", kwargs={"request_id": saved.pk})
    context = {"due_on": due_on, "link": link}
    send_templated_mail(template=template, context=context, to=[saved.owner.email])


def deletion_day(*, saved: SavedRequest) -> datetime.date:
    """Closed requests go after the retention period, and never sooner than the notice allows."""
    day = saved.closed_on + datetime.timedelta(days=settings.RIGHTS_RETENTION_DAYS)
    if saved.retention_warned_on:
        notice = saved.retention_warned_on + datetime.timedelta(
            days=settings.RIGHTS_RETENTION_WARNING_DAYS
        )
        day = max(day, notice)
    return day


def purge_closed_requests(*, today: datetime.date) -> tuple[int, int]:
    """Warn about closed requests soon to be deleted; delete those whose notice has run out.

    Returns (warned, deleted)."""
    warned = deleted = 0
    closed = SavedRequest.objects.filter(status=SavedRequest.Status.CLOSED, closed_on__isnull=False)
    warn_before = datetime.timedelta(days=settings.RIGHTS_RETENTION_WARNING_DAYS)
    for saved in closed.select_related("owner"):
        day = deletion_day(saved=saved)
        if saved.retention_warned_on is None:
            if day - warn_before <= today:
                warned += _warn(saved=saved, today=today)
        elif day <= today:
            saved.delete()
            deleted += 1
    return warned, deleted


def _warn(*, saved: SavedRequest, today: datetime.date) -> int:
    with transaction.atomic():
        claimed = SavedRequest.objects.filter(pk=saved.pk, retention_warned_on__isnull=True).update(
            retention_warned_on=today
        )
        if not claimed:
            return 0
        saved.retention_warned_on = today
        _mail(saved=saved, template="rights/emails/retention", due_on=deletion_day(saved=saved))
    return 1
