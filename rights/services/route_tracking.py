"""Route letters kept in "My requests", and their single reminder e-mail.

A kept letter is reminded of on the day its answer is due, where the law sets a due date; a
right that has not begun (the CPPA's ADMT access) is reminded of on the day it begins. Each
reminder is claimed by setting ``reminded_on`` in a statement of its own just before it is sent
(``core.mail.send_once``), so a retried or concurrent run sends it once and no transaction is
open while the mail server is talked to. The mails name no employer and no law.
"""

import datetime
import uuid

from django.conf import settings
from django.urls import reverse

from core.mail import send_once

from .. import routes
from ..models import RouteRequest


def save_route_letter(
    *, owner, kind: str, answers: dict[str, str], due_on: datetime.date | None
) -> RouteRequest:
    """Keep a drafted route letter (its answers are stored encrypted) with the law's due date."""
    return RouteRequest.objects.create(
        owner=owner, kind=kind, answers=answers, due_on=due_on, remind_on=due_on
    )


def wait_for_right(*, owner, route_id: str) -> RouteRequest:
    """Remember to e-mail the owner on the day a right begins; once per owner and right."""
    route = routes.ROUTES_BY_ID[route_id]
    if route.starts_on is None:
        raise ValueError(f"{route_id} has no start date")
    pending = RouteRequest.objects.filter(
        owner=owner, kind=route.letter_kind, due_on__isnull=True, reminded_on__isnull=True
    )
    for found in pending:
        if found.waiting:
            return found
    return RouteRequest.objects.create(
        owner=owner, kind=route.letter_kind, answers={}, remind_on=route.starts_on
    )


def owned_route_requests(*, owner) -> list[RouteRequest]:
    return list(RouteRequest.objects.filter(owner=owner))


def owned_route_request(*, owner, request_id: uuid.UUID | str) -> RouteRequest:
    """The owner's kept letter, or RouteRequest.DoesNotExist (another user's looks the same)."""
    return RouteRequest.objects.get(owner=owner, pk=request_id)


def mark_answered(*, saved: RouteRequest, today: datetime.date) -> datetime.date:
    """Mark the letter answered; returns the day it will be deleted."""
    saved.answered_on = today
    saved.save(update_fields=["answered_on"])
    return today + datetime.timedelta(days=settings.RIGHTS_RETENTION_DAYS)


def delete_route_request(*, saved: RouteRequest) -> None:
    saved.delete()


def deletion_day(*, saved: RouteRequest) -> datetime.date | None:
    """An answered letter is kept as long as a closed request, then goes; the day is shown when
    it is marked answered, which is its notice."""
    if saved.answered_on is None:
        return None
    return saved.answered_on + datetime.timedelta(days=settings.RIGHTS_RETENTION_DAYS)


def purge_route_requests(*, today: datetime.date) -> int:
    """Delete answered letters past their retention, and waited-for rights once their e-mail
    went (the row held nothing else). Returns how many went."""
    cutoff = today - datetime.timedelta(days=settings.RIGHTS_RETENTION_DAYS)
    answered = RouteRequest.objects.filter(answered_on__lte=cutoff)
    reminded = RouteRequest.objects.filter(due_on__isnull=True, reminded_on__isnull=False)
    # The answers are encrypted, so whether a row is only a wait is read here, not in SQL.
    told = [found.pk for found in reminded if found.waiting]
    return answered.delete()[0] + RouteRequest.objects.filter(pk__in=told).delete()[0]


def send_route_reminders(*, today: datetime.date) -> int:
    """Send each reminder whose day has come, once."""
    due = RouteRequest.objects.filter(
        remind_on__lte=today, reminded_on__isnull=True, answered_on__isnull=True
    ).values_list("pk", flat=True)
    return sum(_send_once(request_id=pk, today=today) for pk in due)


def _send_once(*, request_id, today: datetime.date) -> bool:
    saved = RouteRequest.objects.select_related("owner").filter(pk=request_id).first()
    if saved is None:
        return False
    if saved.waiting:
        path = reverse("rights:route_letter", kwargs={"kind": saved.kind})
        template = "rights/emails/right_begins"
    else:
        path = reverse("rights:saved_route", kwargs={"request_id": saved.pk})
        template = "rights/emails/route_due"
    context = {"link": settings.STANDING_SITE_URL + path, "day": saved.remind_on}
    unreminded = RouteRequest.objects.filter(pk=request_id, reminded_on__isnull=True)
    return send_once(
        claim=lambda: unreminded.update(reminded_on=today) > 0,
        template=template,
        context=context,
        to=[saved.owner.email],
    )
