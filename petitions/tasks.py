"""Celery adapters: load by id, call one service, own the retries."""

from celery import shared_task

from . import documents, services
from .models import Petition


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def build_delivery(petition_id: int) -> None:
    petition = Petition.objects.get(pk=petition_id)
    services.build_delivery(petition=petition, render=documents.delivery_pdf)


@shared_task(acks_late=True)
def refresh_counts() -> int:
    return services.refresh_counts()


@shared_task(acks_late=True)
def close_due_petitions() -> int:
    return services.close_due_petitions()


@shared_task(acks_late=True)
def purge_expired_hashes() -> int:
    return services.purge_expired_hashes()
