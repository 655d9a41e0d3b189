"""Celery adapters: load by id, call one service, own the retries."""

from celery import shared_task

from . import documents, services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def build_delivery(petition_id: int) -> bool:
    # Acknowledged only once done: a worker killed mid-build has the message delivered again.
    return services.run_queued_delivery(petition_id=petition_id, render=documents.delivery_pdf)


@shared_task(acks_late=True)
def build_code_sheet(sheet_id: int) -> bool:
    return services.build_code_sheet(sheet_id=sheet_id, render=documents.code_sheet_pdf)


@shared_task(acks_late=True)
def sweep_deliveries() -> int:
    """Beat: send again the deliveries and code sheets still waiting (say, asked for while the
    broker was down)."""
    services.sweep_code_sheets(enqueue=build_code_sheet.delay)
    return services.sweep_deliveries(enqueue=build_delivery.delay)


@shared_task(acks_late=True)
def flush_pending_signatures() -> int:
    """Beat: write waiting signatures in shuffled batches (docs/architecture.md, invariant 2)."""
    return services.pool.flush_due_pools()


@shared_task(acks_late=True)
def refresh_counts() -> int:
    return services.refresh_counts()


@shared_task(acks_late=True)
def close_due_petitions() -> int:
    return services.close_due_petitions()


@shared_task(acks_late=True)
def purge_expired_hashes() -> int:
    return services.purge_expired_hashes()
