"""Business logic for anonymous petitions.

The signer's e-mail address, IP address and user agent are never written anywhere: the address
is turned into a keyed hash at once, and only that hash travels (sealed) in the confirmation link.
Confirming writes the dedupe claim and an encrypted pending signature; the pool module writes
signatures out later in shuffled batches (docs/architecture.md, invariant 2).
"""

import datetime
import functools
import logging
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.mail import send_templated_mail
from core.text import render_markdown

from .. import anonymity
from ..keystore import KeyDestroyed
from ..models import CodeSheet, PendingSignature, Petition, Signature, SignerHash, SigningCode
from . import pool, postgres

logger = logging.getLogger(__name__)


class SigningError(Exception):
    """A signature could not be taken; the message says why, in words for the signer."""

    message = _("This signature could not be taken.")

    def __str__(self) -> str:
        return str(self.message)


class PetitionNotOpen(SigningError):
    message = _("This petition is not open for signatures: it is closed or not yet approved.")


class AlreadySigned(SigningError):
    message = _("This address has already signed this petition. Each person counts once.")


class CodeNotValid(SigningError):
    message = _("This code is not valid for this petition, or it has already been used.")


class NotEligible(SigningError):
    message = _("This petition only accepts addresses at the organisers' chosen domains.")


class LinkExpired(SigningError):
    message = _("This confirmation link has expired. Please sign again to get a new one.")


class LinkInvalid(SigningError):
    message = _("This confirmation link is not valid. Please copy the whole link from the e-mail.")


class PetitionLocked(Exception):
    """A petition with signatures can no longer be edited, only closed."""


@dataclass(frozen=True)
class PetitionInput:
    title: str
    body: str
    employer: str
    decision_maker: str
    demands: str
    goal: int
    closes_on: datetime.date
    group_name: str
    visibility: str
    eligibility: str
    allowed_domains: str = ""


def _hash_key(petition_id: int) -> bytes:
    """The petition's own hash key, kept outside the database and destroyed at the purge.

    A petition whose key is gone (purged, or its key folder lost) takes no more signatures.
    """
    try:
        return pool.key_store().hash_key(petition_id)
    except KeyDestroyed as error:
        logger.error("petition %s has no hash key: it cannot take signatures", petition_id)
        raise PetitionNotOpen from error


def _seal_keys() -> tuple[bytes, ...]:
    return _derived_seal_keys(tuple(settings.PETITIONS_SIGNING_KEYS))


@functools.cache
def _derived_seal_keys(secrets: tuple[str, ...]) -> tuple[bytes, ...]:
    return tuple(
        anonymity.derive_key(secret=secret.encode(), purpose="petition-confirm")
        for secret in secrets
    )


def client_hash(remote_addr: str) -> str:
    """The client's address as a keyed hash, for rate limits held briefly in the cache only."""
    return anonymity.keyed_hash(
        key=settings.PETITIONS_HASH_KEY.encode(),
        purpose=anonymity.PURPOSE_CLIENT,
        value=remote_addr or "-",
    )


# Organising


def create_petition(*, organiser, data: PetitionInput) -> Petition:
    petition = Petition(organiser=organiser, body_html=render_markdown(data.body), **data.__dict__)
    needs_review = settings.PETITIONS_MODERATION and data.visibility == Petition.Visibility.LISTED
    if not needs_review:
        _open(petition)
    petition.save()
    pool.key_store().create(petition.pk, now=time.time())
    return petition


def _open(petition: Petition) -> None:
    petition.status = Petition.Status.LIVE
    petition.opened_on = timezone.localdate()


def approve_petition(*, petition: Petition) -> None:
    if petition.status == Petition.Status.PENDING:
        _open(petition)
        petition.save(update_fields=["status", "opened_on"])


def has_signatures(*, petition: Petition) -> bool:
    """Signed by anyone yet: a dedupe claim or a used code exists, even if still pooled."""
    return (
        SignerHash.objects.filter(petition=petition).exists()
        or SigningCode.objects.filter(petition=petition, used=True).exists()
        or Signature.objects.filter(petition=petition).exists()
    )


# What the public sees on a listed petition: changing any of it goes back through review.
REVIEWED_FIELDS = ("title", "body", "employer", "decision_maker", "demands", "group_name")


def update_petition(*, petition: Petition, data: PetitionInput) -> Petition:
    with transaction.atomic():
        locked = Petition.objects.select_for_update().get(pk=petition.pk)
        if has_signatures(petition=locked):
            raise PetitionLocked
        needs_review = _needs_review_after_edit(locked, data)
        for field, value in data.__dict__.items():
            setattr(locked, field, value)
        locked.body_html = render_markdown(data.body)
        if needs_review:
            locked.status, locked.opened_on = Petition.Status.PENDING, None
        locked.save()
    return locked


def _needs_review_after_edit(petition: Petition, data: PetitionInput) -> bool:
    """Becoming listed, or rewriting a listed petition, needs staff approval again."""
    if not settings.PETITIONS_MODERATION or data.visibility != Petition.Visibility.LISTED:
        return False
    if petition.status == Petition.Status.PENDING:
        return False
    becomes_listed = petition.visibility != Petition.Visibility.LISTED
    rewritten = any(getattr(petition, f) != getattr(data, f) for f in REVIEWED_FIELDS)
    return becomes_listed or rewritten


def close_petition(*, petition: Petition) -> None:
    if petition.status != Petition.Status.CLOSED:
        petition.status = Petition.Status.CLOSED
        petition.closed_on = timezone.localdate()
        petition.save(update_fields=["status", "closed_on"])
    # Whatever still waits is written now, as a final batch that may be smaller than k.
    pool.flush_pool(petition=petition, final=True)
    pool.publish_if_due(petition=petition)


def generate_codes(*, petition: Petition, count: int) -> list[str]:
    """New single-use codes. Only their keyed hashes are stored: the plain codes exist once.

    The rows go in an order unrelated to the sheet's, so a code row's place on disk does not
    tell which slip it was printed on.
    """
    codes = [anonymity.new_signing_code() for _ in range(count)]
    rows = [
        SigningCode(petition=petition, digest=_code_digest(petition.pk, code)) for code in codes
    ]
    random.SystemRandom().shuffle(rows)
    SigningCode.objects.bulk_create(rows)
    return codes


def queue_code_sheet(*, petition: Petition, count: int, enqueue) -> CodeSheet:
    """Ask for a sheet of `count` codes; a task makes the codes and the PDF together."""
    _ensure_open(petition)
    sheet = CodeSheet.objects.create(petition=petition, count=count)
    transaction.on_commit(lambda: _enqueue_or_leave_queued(enqueue, sheet.pk))
    return sheet


def build_code_sheet(*, sheet_id: int, render) -> bool:
    """Make the codes and their sheet in one transaction, once; False if there was nothing to do.

    If rendering fails, no code is stored: the organiser sees that the sheet failed and asks
    again. Nobody ever held codes that were not on a sheet.
    """
    claimed = CodeSheet.objects.filter(pk=sheet_id, state=CodeSheet.State.QUEUED)
    if not claimed.update(state=CodeSheet.State.RUNNING):
        return False
    sheet = CodeSheet.objects.select_related("petition").get(pk=sheet_id)
    sign_url = settings.STANDING_SITE_URL + reverse("petitions:sign", args=[sheet.petition.slug])
    try:
        with transaction.atomic():
            codes = generate_codes(petition=sheet.petition, count=sheet.count)
            pdf = render(petition=sheet.petition, codes=codes, sign_url=sign_url)
            CodeSheet.objects.filter(pk=sheet_id).update(pdf=pdf, state=CodeSheet.State.READY)
    except Exception:  # any failure: no code was kept, and the organiser is told
        logger.exception("code sheet %s for petition %s failed", sheet_id, sheet.petition_id)
        CodeSheet.objects.filter(pk=sheet_id).update(state=CodeSheet.State.FAILED)
        return False
    return True


def take_code_sheet(*, petition: Petition, sheet_id: int) -> bytes | None:
    """The sheet's PDF, given once: the row goes with it, since it holds the plain codes."""
    with transaction.atomic():
        sheet = (
            CodeSheet.objects.select_for_update()
            .filter(pk=sheet_id, petition=petition, state=CodeSheet.State.READY)
            .first()
        )
        if sheet is None:
            return None
        pdf = bytes(sheet.pdf)
        sheet.delete()
    return pdf


def _code_digest(petition_id: int, code: str) -> str:
    return anonymity.signing_code_hash(key=_hash_key(petition_id), code=code)


# Signing


def request_email_signature(*, petition: Petition, email: str, site_url: str) -> None:
    """E-mail a sealed confirmation link. Nothing is stored until the signer confirms.

    The public name and comment are asked on the confirm page, not carried in the link: the
    mail, which the employer may read, holds nothing the signer typed.
    """
    _ensure_open(petition)
    address = anonymity.normalise_email(email)
    domain = address.rsplit("@", 1)[1]
    if petition.eligibility == Petition.Eligibility.DOMAIN and domain not in petition.domains:
        raise NotEligible
    token = seal_signature(petition=petition, address=address)
    link = site_url + reverse("petitions:confirm", args=[petition.slug, token])
    _send_confirmation(to=email, link=link)


def seal_signature(*, petition: Petition, address: str) -> str:
    """The confirmation token: the keyed hash of a normalised address. One length for all."""
    digest = anonymity.signer_hash(
        key=_hash_key(petition.pk), petition_id=petition.pk, address=address
    )
    payload = {"p": anonymity.petition_field(petition.pk), "d": digest}
    return anonymity.seal(keys=_seal_keys(), payload=payload)


def _send_confirmation(*, to: str, link: str) -> None:
    # Sent in the request, not through the task queue, so the address never rests in a broker.
    # The mail names no petition: its subject and text are the same for every petition.
    send_templated_mail(template="petitions/emails/confirm", context={"link": link}, to=[to])


def _unseal_confirmation(token: str) -> dict:
    try:
        return anonymity.unseal(
            keys=_seal_keys(),
            token=token,
            max_age_seconds=settings.PETITIONS_CONFIRM_MAX_AGE_SECONDS,
        )
    except anonymity.TokenExpired as exc:
        raise LinkExpired from exc
    except anonymity.TokenError as exc:
        raise LinkInvalid from exc


def _petition_id(payload: dict) -> int:
    try:
        return int(payload["p"])
    except (KeyError, TypeError, ValueError) as exc:
        raise LinkInvalid from exc


def read_confirmation(*, slug: str, token: str) -> Petition:
    """Open a confirmation link without signing: the page then asks for a POST."""
    payload = _unseal_confirmation(token)
    try:
        return Petition.objects.get(pk=_petition_id(payload), slug=slug)
    except Petition.DoesNotExist as exc:
        raise LinkInvalid from exc


def confirm_signature(*, slug: str, token: str, public_name: str = "", comment: str = "") -> str:
    """Claim the signer's hash once, pool the signature, and return its receipt (shown once).

    The hot path of a petition going viral: one statement on PostgreSQL checks that the
    petition is open, claims the signer's hash and pools the encrypted signature. Only a
    refusal pays for the queries that explain it. This is the issuer's step (the claim) and
    the counter's step (the pending signature) side by side, separable for blind tokens.
    """
    payload = _unseal_confirmation(token)
    petition_id = _petition_id(payload)
    pending, receipt = _new_pending(petition_id, public_name, comment)
    if not _record_once(slug=slug, signer_digest=payload["d"], pending=pending):
        raise _why_not_recorded(slug=slug, petition_id=petition_id)
    return receipt


# Claim the signer's hash only if the petition is open, and pool the signature only if the
# claim succeeded: one atomic statement, so the database refuses a second claim of the same hash.
_RECORD_ONCE_SQL = """
WITH open_petition AS (
    SELECT id FROM {petition}
    WHERE id = %(petition)s AND slug = %(slug)s AND status = %(live)s AND closes_on >= %(today)s
), claimed AS (
    INSERT INTO {signer_hash} (digest, petition_id)
    SELECT %(digest)s, id FROM open_petition
    ON CONFLICT DO NOTHING
    RETURNING petition_id
)
INSERT INTO {pending} (id, petition_id, epoch, lookup, sealed)
SELECT %(id)s, petition_id, %(epoch)s, %(lookup)s, %(sealed)s FROM claimed
"""


def _record_once(*, slug: str, signer_digest: str, pending: PendingSignature) -> bool:
    """Write the signer's hash and the pending signature, both or neither; False if neither."""
    if connection.vendor == "postgresql":
        return _record_in_one_statement(slug, signer_digest, pending)
    return _record_in_transaction(slug, signer_digest, pending)


def _record_in_one_statement(slug: str, signer_digest: str, pending: PendingSignature) -> bool:
    params = {
        "petition": pending.petition_id,
        "slug": slug,
        "live": Petition.Status.LIVE.value,
        "today": timezone.localdate(),
        "digest": signer_digest,
        "id": pending.id,
        "epoch": pending.epoch,
        "lookup": pending.lookup,
        "sealed": pending.sealed,
    }
    # PostgreSQL prepares this statement once per connection instead of parsing and planning it
    # for every signature; bound on the server, its log lines hold no value (postgres.py).
    affected, _rows = postgres.execute(_record_once_sql(), params, prepare=True)
    return affected == 1


@functools.cache
def _record_once_sql() -> str:
    return _RECORD_ONCE_SQL.format(
        petition=postgres.table(Petition),
        signer_hash=postgres.table(SignerHash),
        pending=postgres.table(PendingSignature),
    )


def _record_in_transaction(slug: str, signer_digest: str, pending: PendingSignature) -> bool:
    is_open = Petition.objects.filter(
        pk=pending.petition_id,
        slug=slug,
        status=Petition.Status.LIVE,
        closes_on__gte=timezone.localdate(),
    ).exists()
    if not is_open:
        return False
    try:
        with transaction.atomic():
            SignerHash.objects.create(digest=signer_digest, petition_id=pending.petition_id)
            pending.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def _why_not_recorded(*, slug: str, petition_id) -> SigningError:
    petition = Petition.objects.filter(pk=petition_id, slug=slug).first()
    if petition is None:
        return LinkInvalid()
    try:
        _ensure_open(petition)
    except PetitionNotOpen as error:
        return error
    return AlreadySigned()


def sign_with_code(*, petition: Petition, code: str, public_name: str, comment: str) -> str:
    """Mark the code used and pool the signature, in one transaction: both or neither."""
    _ensure_open(petition)
    try:
        digest = _code_digest(petition.pk, code)
    except anonymity.InvalidCode as exc:
        raise CodeNotValid from exc
    pending, receipt = _new_pending(petition.pk, public_name, comment)
    with transaction.atomic():
        if not _claim_code(petition.pk, digest):
            raise CodeNotValid
        pending.save(force_insert=True)
    return receipt


_CLAIM_CODE_SQL = """
UPDATE {codes} SET used = true WHERE digest = %(digest)s AND petition_id = %(petition)s AND NOT used
"""


def _claim_code(petition_id: int, digest: str) -> bool:
    if connection.vendor != "postgresql":
        codes = SigningCode.objects.filter(digest=digest, petition_id=petition_id, used=False)
        return codes.update(used=True) == 1
    sql = _CLAIM_CODE_SQL.format(codes=postgres.table(SigningCode))
    affected, _rows = postgres.execute(sql, {"digest": digest, "petition": petition_id})
    return affected == 1


def _ensure_open(petition: Petition) -> None:
    if not petition.is_live or petition.closes_on < timezone.localdate():
        raise PetitionNotOpen


def _new_pending(petition_id: int, public_name: str, comment: str) -> tuple[PendingSignature, str]:
    """An unsaved pending signature for today and the receipt whose hash it carries."""
    receipt = anonymity.new_receipt()
    try:
        columns = pool.pending_row(
            petition_id=petition_id,
            receipt_hash=anonymity.receipt_hash(receipt),
            name=public_name,
            comment=comment,
            day=timezone.localdate(),
        )
    except KeyDestroyed as exc:
        raise PetitionNotOpen from exc
    return PendingSignature(petition_id=petition_id, **columns), receipt


def _receipt_hash_or_none(receipt: str) -> str | None:
    try:
        return anonymity.receipt_hash(receipt)
    except anonymity.InvalidCode:
        return None


def receipt_status(*, petition: Petition, receipt: str) -> str:
    """ "counted", "pending" (confirmed, waiting for its batch) or "unknown"."""
    digest = _receipt_hash_or_none(receipt)
    if not digest:
        return "unknown"
    if _signature_rows(petition.pk, digest, delete=False):
        return "counted"
    if pool.is_pending(petition=petition, receipt_hash=digest):
        return "pending"
    return "unknown"


def is_counted(*, petition: Petition, receipt: str) -> bool:
    return receipt_status(petition=petition, receipt=receipt) == "counted"


def withdraw(*, petition: Petition, receipt: str) -> bool:
    """Withdraw a signature, written or still waiting in the pool."""
    digest = _receipt_hash_or_none(receipt)
    if not digest:
        return False
    deleted = _signature_rows(petition.pk, digest, delete=True)
    return deleted > 0 or pool.withdraw_pending(petition=petition, receipt_hash=digest)


_SIGNATURE_ROWS_SQL = {
    False: "SELECT 1 FROM {signatures} WHERE petition_id = %(petition)s AND receipt_hash = %(r)s",
    True: "DELETE FROM {signatures} WHERE petition_id = %(petition)s AND receipt_hash = %(r)s",
}


def _signature_rows(petition_id: int, receipt_hash: str, *, delete: bool) -> int:
    """Signatures with this receipt hash, found or deleted; the hash never in a logged statement."""
    if connection.vendor != "postgresql":
        rows = Signature.objects.filter(petition_id=petition_id, receipt_hash=receipt_hash)
        return rows.delete()[0] if delete else rows.count()
    sql = _SIGNATURE_ROWS_SQL[delete].format(signatures=postgres.table(Signature))
    affected, _rows = postgres.execute(sql, {"petition": petition_id, "r": receipt_hash})
    return affected


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
    _announce_goal_once(petition)
    return petition


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
    claimed = Petition.objects.filter(pk=petition.pk, goal_announced=False).update(
        goal_announced=True
    )
    if claimed:
        send_templated_mail(
            template="petitions/emails/goal",
            context={"petition": petition},
            to=[petition.organiser.email],
        )


def close_due_petitions() -> int:
    due = Petition.objects.filter(status=Petition.Status.LIVE, closes_on__lt=timezone.localdate())
    closed = 0
    for petition in due:
        close_petition(petition=petition)
        refresh_count(petition=petition)
        send_templated_mail(
            template="petitions/emails/closed",
            context={"petition": petition},
            to=[petition.organiser.email],
        )
        closed += 1
    return closed


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


def verification_listing(*, petition: Petition) -> tuple[list[str], str]:
    """The receipt hashes of every counted signature, sorted, and the digest over them.

    Refreshed in batches like the count, and withheld below 5, so that a new entry cannot be
    tied to a colleague's visit.
    """
    if petition.count_is_small:
        return [], ""
    key = f"petition-verify:{petition.pk}"
    return cache.get_or_set(
        key, lambda: _current_listing(petition), timeout=settings.PETITIONS_COUNT_INTERVAL_SECONDS
    )


def _current_listing(petition: Petition) -> tuple[list[str], str]:
    # Sorted by the database in byte order (the recipe's LC_ALL=C): no sort or set in Python.
    in_byte_order = (
        Collate("receipt_hash", "C") if connection.vendor == "postgresql" else "receipt_hash"
    )
    hashes = list(
        pool.published_signatures(petition)
        .order_by(in_byte_order)
        .values_list("receipt_hash", flat=True)
        .iterator(chunk_size=10_000)
    )
    return hashes, anonymity.sorted_digest(hashes)


# Delivery


def queue_delivery(*, petition: Petition, enqueue) -> None:
    """Mark the delivery PDF as wanted and enqueue it once the transaction commits.

    The row is the source of truth: if the broker is down, the request still succeeds and
    sweep_deliveries sends the work once the broker is back.
    """
    Petition.objects.filter(pk=petition.pk).update(delivery_state="queued", delivery_progress=0)
    transaction.on_commit(lambda: _enqueue_or_leave_queued(enqueue, petition.pk))


def _enqueue_or_leave_queued(enqueue, row_id: int) -> None:
    try:
        enqueue(row_id)
    except Exception as error:  # any broker failure: the row stays queued for the sweeper
        logger.warning(
            "task for row %s left queued for the sweeper: %s", row_id, type(error).__name__
        )


def sweep_deliveries(*, enqueue) -> int:
    """Send again every delivery still waiting: lost messages, broker outages, dead workers.

    A message for work already done or under way does nothing (run_queued_delivery), so a row
    sent twice is built once.
    """
    pending = list(
        Petition.objects.filter(delivery_state__in=_DELIVERY_WANTED).values_list("pk", flat=True)
    )
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


_DELIVERY_WANTED = ("queued", "running")
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
        claimed = Petition.objects.filter(
            pk=petition_id, delivery_state__in=_DELIVERY_WANTED
        ).update(delivery_state="running", delivery_progress=10)
        if not claimed:
            return False
        build_delivery(petition=Petition.objects.get(pk=petition_id), render=render)
    logger.info("delivery PDF built for petition %s", petition_id)
    return True


def build_delivery(*, petition: Petition, render) -> None:
    """Build the delivery PDF, recording progress the organiser's page shows."""
    petition = refresh_count(petition=petition)
    Petition.objects.filter(pk=petition.pk).update(delivery_state="running", delivery_progress=10)
    # Straight from the rows, not the cached listing: the PDF's count and digest must agree.
    hashes, digest = ([], "") if petition.count_is_small else _current_listing(petition)
    named = list(
        pool.published_signatures(petition)
        .exclude(public_name="", comment="")
        .order_by("signed_on", "public_name")
        .values_list("public_name", "comment")
    )
    Petition.objects.filter(pk=petition.pk).update(delivery_progress=50)
    pdf = render(petition=petition, named=named, digest=digest, count=len(hashes) or None)
    Petition.objects.filter(pk=petition.pk).update(
        delivery_pdf=pdf, delivery_state="ready", delivery_progress=100
    )
