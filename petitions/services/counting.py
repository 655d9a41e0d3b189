"""Counting, publishing, closing due petitions, retention and the verification listing."""

import datetime
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.mail import send_once_on_commit

from .. import anonymity
from ..models import Petition, SignerHash, SigningCode
from . import pool
from .organising import close_petition

logger = logging.getLogger(__name__)


# Counting, closing and retention


def refresh_count(*, petition: Petition) -> Petition:
    """Flush the pool if a batch is due, publish, then recount the published rows."""
    pool.flush_pool(petition=petition, final=petition.status == Petition.Status.CLOSED)
    pool.publish_if_due(petition=petition)
    count = pool.published_signatures(petition).count()
    Petition.objects.filter(pk=petition.pk).update(counted=count, counted_at=timezone.now())
    petition.refresh_from_db(
        fields=["counted", "counted_at", "published_batch", "final_batch_size"]
    )
    _refresh_listing_digest(petition)
    _announce_goal_once(petition)
    return petition


def _refresh_listing_digest(petition: Petition) -> None:
    stored = Petition.objects.values_list("listing_count", "listing_batch").get(pk=petition.pk)
    if stored != (petition.counted, petition.published_batch):
        listing = summarise_listing(petition)
        Petition.objects.filter(pk=petition.pk).update(
            listing_digest=listing.digest,
            listing_count=listing.count,
            listing_batch=petition.published_batch,
        )
    petition.refresh_from_db(fields=["listing_digest", "listing_count", "listing_batch"])


def refresh_if_stale(*, petition: Petition) -> Petition:
    """Without a beat process, the first visit after the interval refreshes the count."""
    interval = datetime.timedelta(seconds=settings.PETITIONS_COUNT_INTERVAL_SECONDS)
    if petition.counted_at is None or timezone.now() - petition.counted_at >= interval:
        return refresh_count(petition=petition)
    return petition


def refresh_counts() -> int:
    live = Petition.objects.filter(status__in=[Petition.Status.LIVE, Petition.Status.CLOSED])
    for petition in live.filter(hashes_purged=False):
        refresh_count(petition=petition)
    return live.count()


def _announce_goal_once(petition: Petition) -> None:
    if petition.goal_announced or petition.counted < petition.goal:
        return
    unannounced = Petition.objects.filter(pk=petition.pk, goal_announced=False)
    _tell_organiser(
        petition,
        template="petitions/emails/goal",
        claim=lambda: unannounced.update(goal_announced=True) > 0,
    )


def close_due_petitions() -> int:
    due = Petition.objects.filter(status=Petition.Status.LIVE, closes_on__lt=timezone.localdate())
    closed = 0
    for petition in due:
        # Closing is the claim: a run retried after this mail finds the petition closed.
        close_petition(petition=petition)
        refresh_count(petition=petition)
        _tell_organiser(petition, template="petitions/emails/closed", claim=lambda: True)
        closed += 1
    return closed


def _tell_organiser(petition: Petition, *, template: str, claim) -> None:
    """Mail the organiser once the transaction commits, never while it holds row locks."""
    # A petition whose organiser deleted their account goes on without one: nobody to tell.
    organiser = petition.organiser
    if organiser is not None:
        send_once_on_commit(
            claim=claim, template=template, context={"petition": petition}, to=[organiser.email]
        )


def purge_expired_hashes() -> int:
    """Delete duplicate-prevention hashes and unused codes once retention has run out."""
    cutoff = timezone.localdate() - datetime.timedelta(days=settings.PETITIONS_RETENTION_DAYS)
    expired = Petition.objects.filter(
        status=Petition.Status.CLOSED, closed_on__lt=cutoff, hashes_purged=False
    )
    purged = 0
    for petition in expired:
        with transaction.atomic():
            refresh_count(petition=petition)
            SignerHash.objects.filter(petition=petition).delete()
            SigningCode.objects.filter(petition=petition).delete()
            Petition.objects.filter(pk=petition.pk).update(hashes_purged=True)
        # Without the key, the digests left in backups, the WAL or dead tuples test nothing.
        pool.key_store().destroy(petition.pk)
        purged += 1
    _destroy_keys_of_deleted_petitions()
    return purged


def _destroy_keys_of_deleted_petitions() -> None:
    """A petition deleted outright (its organiser's account, the admin) leaves no keys behind."""
    store = pool.key_store()
    existing = set(Petition.objects.values_list("pk", flat=True))
    for petition_id in store.petition_ids() - existing:
        store.destroy(petition_id)


def display_count(petition: Petition) -> str:
    if petition.count_is_small:
        return str(_("fewer than 5"))
    return f"{petition.counted:,}"


DIGEST_RECIPE = anonymity.DIGEST_RECIPE


@dataclass(frozen=True)
class Listing:
    count: int
    digest: str


def verification_summary(*, petition: Petition) -> Listing:
    """The number of published receipt hashes and the digest over them, as of the last count
    refresh (which computes them by streaming the rows). Withheld below 5, so that a new entry
    cannot be tied to a colleague's visit."""
    if petition.count_is_small:
        return Listing(0, "")
    return Listing(petition.listing_count, petition.listing_digest)


def summarise_listing(petition: Petition) -> Listing:
    counter = _Counter(receipt_hashes(petition=petition))
    digest = anonymity.sorted_digest(counter)
    return Listing(counter.count, digest)


class _Counter:
    """Counts what passes through it, so a stream is digested and counted in one pass."""

    def __init__(self, items: Iterable[str]) -> None:
        self._items, self.count = items, 0

    def __iter__(self) -> Iterator[str]:
        for item in self._items:
            self.count += 1
            yield item


def receipt_hashes(*, petition: Petition) -> Iterator[str]:
    """Every published receipt hash in byte order (the recipe's LC_ALL=C), read in chunks."""
    in_byte_order = (
        Collate("receipt_hash", "C") if connection.vendor == "postgresql" else "receipt_hash"
    )
    rows = pool.published_signatures(petition).order_by(in_byte_order)
    return rows.values_list("receipt_hash", flat=True).iterator(chunk_size=10_000)


def receipt_hash_page(*, petition: Petition, number: int, size: int) -> list[str]:
    """One page of the list. Lower-case hex sorts alike in every collation, so the index on
    (petition, receipt_hash) gives the byte order without sorting every row for each page."""
    rows = pool.published_signatures(petition).order_by("receipt_hash")
    start = (number - 1) * size
    return list(rows.values_list("receipt_hash", flat=True)[start : start + size])


def listing_json(*, petition: Petition) -> Iterator[bytes]:
    """The whole list as JSON, streamed; its count and digest come last, computed from exactly
    the hashes sent, so the document is consistent whatever changes while it is read."""
    head = {"petition": petition.slug, "digest_recipe": DIGEST_RECIPE}
    yield json.dumps(head)[:-1].encode() + b', "receipt_hashes": ['
    counter = _Counter(receipt_hashes(petition=petition) if not petition.count_is_small else ())
    digest = hashlib.sha256()
    for number, value in enumerate(counter):
        digest.update(value.encode("ascii") + b"\n")
        yield (b"," if number else b"") + b'"' + value.encode("ascii") + b'"'
    tail = {"count": counter.count, "digest": digest.hexdigest() if counter.count else ""}
    yield b"], " + json.dumps(tail)[1:].encode()
