"""Reminder e-mails before, on and after a saved request's due date, and retention of closed
requests.

Each reminder is a row with a unique (request, point, due date): the outbox. A run first writes
the rows that have come due (a second run's insert fails on the constraint, with no row lock),
then sends each unsent one through ``core.mail.send_once``, which marks it sent in a statement
of its own before the message goes: a retried or concurrent run sends it once, and no
transaction is open while the mail server is talked to."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from core.mail import send_once

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
    for request_id, due_on in waiting:
        point = current_point(due_on=due_on, today=today, days_before=days_before)
        if point is not None:
            _queue_once(request_id=request_id, point=point, due_on=due_on)
    return send_queued_reminders(today=today)


def _queue_once(*, request_id, point: str, due_on: datetime.date) -> None:
    try:
        with transaction.atomic():
            Reminder.objects.create(request_id=request_id, point=point, due_on=due_on)
    except IntegrityError:
        pass  # queued (and perhaps sent) by an earlier or concurrent run


def send_queued_reminders(*, today: datetime.date) -> int:
    """Send every reminder written but not yet sent, while it still holds: the request open,
    unanswered, due on the day the reminder was for, and its point the latest reached (one
    that waited for the mail server past the next point is not sent late)."""
    days_before = settings.RIGHTS_REMINDER_DAYS_BEFORE
    queued = (
        Reminder.objects.filter(
            sent_at__isnull=True,
            request__status=SavedRequest.Status.OPEN,
            request__due_on=F("due_on"),
        )
        .exclude(point=Point.RETENTION)
        .exclude(request__events__kind=TimelineEvent.Kind.RESPONDED)
        .select_related("request__owner")
    )
    sent = 0
    for reminder in queued:
        latest = current_point(due_on=reminder.due_on, today=today, days_before=days_before)
        if reminder.point != latest:
            continue
        claim = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True)
        sent += _mail(
            saved=reminder.request,
            template=f"rights/emails/reminder_{reminder.point}",
            due_on=reminder.due_on,
            claim=lambda claim=claim: claim.update(sent_at=timezone.now()) > 0,
        )
    return sent


def _mail(*, saved: SavedRequest, template: str, due_on: datetime.date, claim) -> bool:
    # The mail names no employer and no right: the link leads to the details behind a login.
    link = settings.STANDING_SITE_URL + reverse("rights:saved", kwargs={"request_id": saved.pk})
    context = {"due_on": due_on, "link": link}
    return send_once(claim=claim, template=template, context=context, to=[saved.owner.email])


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
    """The notice before deletion, once: the day it went is its claim, and deletion counts
    from it, so a notice that could not be sent delays the deletion instead of skipping it."""
    unwarned = SavedRequest.objects.filter(pk=saved.pk, retention_warned_on__isnull=True)
    saved.retention_warned_on = today
    sent = _mail(
        saved=saved,
        template="rights/emails/retention",
        due_on=deletion_day(saved=saved),
        claim=lambda: unwarned.update(retention_warned_on=today) > 0,
    )
    if not sent:
        saved.retention_warned_on = None
    return int(sent)
