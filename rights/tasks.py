"""Celery adapters: call one service, own the retries."""

from celery import shared_task
from django.utils import timezone

from .services import reminders, route_tracking


@shared_task(acks_late=True)
def send_due_reminders() -> int:
    return reminders.send_due_reminders(today=timezone.localdate())


@shared_task(acks_late=True)
def purge_closed_requests() -> tuple[int, int]:
    return reminders.purge_closed_requests(today=timezone.localdate())


@shared_task(acks_late=True)
def send_route_reminders() -> int:
    return route_tracking.send_route_reminders(today=timezone.localdate())
