"""Celery adapters: call one service, own the retries."""

from celery import shared_task
from django.utils import timezone

from .services import reminders, route_tracking


# Safe to retry: each reminder is marked sent before it goes, so a retry never sends it again.
@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def send_due_reminders() -> int:
    return reminders.send_due_reminders(today=timezone.localdate())


@shared_task(acks_late=True)
def purge_closed_requests() -> tuple[int, int]:
    """Beat: retention, apart from the reminders (also manage.py apply_retention)."""
    today = timezone.localdate()
    route_tracking.purge_route_requests(today=today)
    return reminders.purge_closed_requests(today=today)


@shared_task(acks_late=True)
def send_route_reminders() -> int:
    return route_tracking.send_route_reminders(today=timezone.localdate())
