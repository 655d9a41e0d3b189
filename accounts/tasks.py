"""Celery adapters for accounts."""

from celery import shared_task
from django.core.management import call_command


@shared_task(acks_late=True)
def clear_expired_sessions() -> None:
    """Beat: expired sessions leave the database (Django's clearsessions)."""
    call_command("clearsessions")
