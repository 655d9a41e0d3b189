"""The delivery PDF: queued in the database, built once by a worker under an advisory lock."""

import logging
from contextlib import contextmanager

from django.db import connection, transaction

from ..models import CodeSheet, Delivery, Petition
from . import pool
from .common import _enqueue_or_leave_queued
from .counting import refresh_count, summarise_listing

logger = logging.getLogger(__name__)


# Delivery


def queue_delivery(*, petition: Petition, enqueue) -> None:
    """Mark the delivery PDF as wanted and enqueue it once the transaction commits.

    The row is the source of truth: if the broker is down, the request still succeeds and
    sweep_deliveries sends the work once the broker is back.
    """
    Delivery.objects.update_or_create(
        petition=petition, defaults={"state": Delivery.State.QUEUED, "progress": 0}
    )
    transaction.on_commit(lambda: _enqueue_or_leave_queued(enqueue, petition.pk))


def sweep_deliveries(*, enqueue) -> int:
    """Send again every delivery still waiting: lost messages, broker outages, dead workers.

    A message for work already done or under way does nothing (run_queued_delivery), so a row
    sent twice is built once.
    """
    pending = list(Delivery.objects.filter(state__in=_DELIVERY_WANTED).values_list("pk", flat=True))
    for petition_id in pending:
        _enqueue_or_leave_queued(enqueue, petition_id)
    return len(pending)


def sweep_code_sheets(*, enqueue) -> int:
    """Send again every code sheet still waiting (asked for while the broker was down)."""
    waiting = list(
        CodeSheet.objects.filter(state=CodeSheet.State.QUEUED).values_list("pk", flat=True)
    )
    for sheet_id in waiting:
        _enqueue_or_leave_queued(enqueue, sheet_id)
    return len(waiting)


_DELIVERY_WANTED = (Delivery.State.QUEUED, Delivery.State.RUNNING)
# Namespace of the PostgreSQL advisory locks held while a delivery PDF is built.
_DELIVERY_LOCK_CLASS = 0x5354


@contextmanager
def _delivery_lock(petition_id: int):
    """True for the one worker that may build this PDF now, False while another one is.

    A session-level advisory lock: PostgreSQL frees it when the holder's connection ends, so a
    worker killed mid-build leaves nothing behind, and progress updates still commit as it goes.
    """
    if connection.vendor != "postgresql":
        yield True  # the embedded default (SQLite) runs tasks eagerly, one at a time
        return
    key = [_DELIVERY_LOCK_CLASS, petition_id % 2**31]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def run_queued_delivery(*, petition_id: int, render) -> bool:
    """Build a delivery PDF the organiser asked for, once, however often its message arrives.

    The claim is a conditional update (queued or running -> running) under the build lock:
    "running" with the lock free means the last builder died, so building again is right.
    False when there was nothing to do: built already, being built, or no longer wanted.
    """
    with _delivery_lock(petition_id) as held:
        if not held:
            return False
        claimed = Delivery.objects.filter(pk=petition_id, state__in=_DELIVERY_WANTED).update(
            state=Delivery.State.RUNNING, progress=10
        )
        if not claimed:
            return False
        build_delivery(petition=Petition.objects.get(pk=petition_id), render=render)
    logger.info("delivery PDF built for petition %s", petition_id)
    return True


def build_delivery(*, petition: Petition, render) -> None:
    """Build the delivery PDF, recording progress the organiser's page shows."""
    petition = refresh_count(petition=petition)
    progress = Delivery.objects.filter(pk=petition.pk)
    if not progress.update(state=Delivery.State.RUNNING, progress=10):
        Delivery.objects.create(petition=petition, state=Delivery.State.RUNNING, progress=10)
    # Straight from the rows, not the cached listing: the PDF's count and digest must agree.
    listing = None if petition.count_is_small else summarise_listing(petition)
    named = list(
        pool.published_signatures(petition)
        .exclude(public_name="", comment="")
        .order_by("signed_on", "public_name")
        .values_list("public_name", "comment")
    )
    progress.update(progress=50)
    digest, count = (listing.digest, listing.count) if listing else ("", None)
    pdf = render(petition=petition, named=named, digest=digest, count=count or None)
    progress.update(pdf=pdf, state=Delivery.State.READY, progress=100)


def delivery_status(*, petition: Petition) -> Delivery | None:
    """The delivery's state and progress, without its PDF; None if never asked for."""
    return Delivery.objects.defer("pdf").filter(pk=petition.pk).first()


def delivery_pdf(*, petition: Petition) -> bytes | None:
    """The last delivery PDF built, even while a newer one is prepared; None if there is none."""
    pdf = Delivery.objects.filter(pk=petition.pk).values_list("pdf", flat=True).first()
    return bytes(pdf) if pdf else None
