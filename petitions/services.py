"""Business logic for anonymous petitions.

The signer's e-mail address, IP address and user agent are never written anywhere: the address
is turned into a keyed hash at once, and only that hash travels (sealed) in the confirmation link.
"""

import datetime
import functools
import logging
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.mail import send_templated_mail

from . import anonymity
from .models import Petition, Signature, SignerHash, SigningCode

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


def _hash_key() -> bytes:
    return settings.PETITIONS_HASH_KEY.encode()


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
        key=_hash_key(), purpose=anonymity.PURPOSE_CLIENT, value=remote_addr or "-"
    )


# Organising


def create_petition(*, organiser, data: PetitionInput) -> Petition:
    petition = Petition(organiser=organiser, **data.__dict__)
    needs_review = settings.PETITIONS_MODERATION and data.visibility == Petition.Visibility.LISTED
    if not needs_review:
        _open(petition)
    petition.save()
    return petition


def _open(petition: Petition) -> None:
    petition.status = Petition.Status.LIVE
    petition.opened_on = timezone.localdate()


def approve_petition(*, petition: Petition) -> None:
    if petition.status == Petition.Status.PENDING:
        _open(petition)
        petition.save(update_fields=["status", "opened_on"])


def update_petition(*, petition: Petition, data: PetitionInput) -> Petition:
    with transaction.atomic():
        locked = Petition.objects.select_for_update().get(pk=petition.pk)
        if Signature.objects.filter(petition=locked).exists():
            raise PetitionLocked
        for field, value in data.__dict__.items():
            setattr(locked, field, value)
        locked.save()
    return locked


def close_petition(*, petition: Petition) -> None:
    if petition.status != Petition.Status.CLOSED:
        petition.status = Petition.Status.CLOSED
        petition.closed_on = timezone.localdate()
        petition.save(update_fields=["status", "closed_on"])


def generate_codes(*, petition: Petition, count: int) -> list[str]:
    """New single-use codes. Only their keyed hashes are stored: the plain codes exist once."""
    codes = [anonymity.new_signing_code() for _ in range(count)]
    SigningCode.objects.bulk_create(
        [SigningCode(petition=petition, digest=_code_digest(code)) for code in codes]
    )
    return codes


def _code_digest(code: str) -> str:
    return anonymity.signing_code_hash(key=_hash_key(), code=code)


# Signing


def request_email_signature(
    *, petition: Petition, email: str, public_name: str, comment: str, site_url: str
) -> None:
    """E-mail a sealed confirmation link. Nothing is stored until the signer confirms."""
    _ensure_open(petition)
    address = anonymity.normalise_email(email)
    domain = address.rsplit("@", 1)[1]
    if petition.eligibility == Petition.Eligibility.DOMAIN and domain not in petition.domains:
        raise NotEligible
    token = seal_signature(
        petition=petition, address=address, public_name=public_name, comment=comment
    )
    link = site_url + reverse("petitions:confirm", args=[petition.slug, token])
    _send_confirmation(to=email, petition=petition, link=link)


def seal_signature(*, petition: Petition, address: str, public_name: str, comment: str) -> str:
    """The confirmation token: the keyed hash of a normalised address, sealed with what is shown."""
    payload = {
        "p": petition.pk,
        "d": anonymity.signer_hash(key=_hash_key(), petition_id=petition.pk, address=address),
        "name": public_name,
        "comment": comment,
    }
    return anonymity.seal(keys=_seal_keys(), payload=payload)


def _send_confirmation(*, to: str, petition: Petition, link: str) -> None:
    # Sent in the request, not through the task queue, so the address never rests in a broker.
    context = {"petition": petition, "link": link}
    send_templated_mail(template="petitions/emails/confirm", context=context, to=[to])


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


def read_confirmation(*, slug: str, token: str) -> tuple[Petition, dict]:
    """Open a confirmation link without signing: the page then asks for a POST."""
    payload = _unseal_confirmation(token)
    try:
        return Petition.objects.get(pk=payload.get("p"), slug=slug), payload
    except Petition.DoesNotExist as exc:
        raise LinkInvalid from exc


def confirm_signature(*, slug: str, token: str) -> str:
    """Count the sealed signature once and return its receipt, shown to the signer once.

    The hot path of a petition going viral: one statement on PostgreSQL checks that the
    petition is open, claims the signer's hash and records the signature. Only a refusal pays
    for the queries that explain it.
    """
    payload = _unseal_confirmation(token)
    signature, receipt = _new_signature(payload.get("p"), payload["name"], payload["comment"])
    if not _record_once(slug=slug, signer_digest=payload["d"], signature=signature):
        raise _why_not_recorded(slug=slug, petition_id=payload.get("p"))
    return receipt


# Claim the signer's hash only if the petition is open, and record the signature only if the
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
INSERT INTO {signature} (id, petition_id, public_name, comment, receipt_hash, signed_on)
SELECT %(id)s, petition_id, %(name)s, %(comment)s, %(receipt)s, %(today)s FROM claimed
"""


def _record_once(*, slug: str, signer_digest: str, signature: Signature) -> bool:
    """Write the signer's hash and the signature, both or neither; False if neither."""
    if connection.vendor == "postgresql":
        return _record_in_one_statement(slug, signer_digest, signature)
    return _record_in_transaction(slug, signer_digest, signature)


def _record_in_one_statement(slug: str, signer_digest: str, signature: Signature) -> bool:
    params = {
        "petition": signature.petition_id,
        "slug": slug,
        "live": Petition.Status.LIVE.value,
        "today": signature.signed_on,
        "digest": signer_digest,
        "id": signature.id,
        "name": signature.public_name,
        "comment": signature.comment,
        "receipt": signature.receipt_hash,
    }
    # PostgreSQL prepares this statement once per connection instead of parsing and planning it
    # for every signature. Django's own cursors bind parameters on the client, which never
    # prepares, so this uses a plain (server-binding) psycopg cursor. Django also turns psycopg's
    # preparing off for the connection (prepare_threshold None, for poolers); a threshold no
    # query reaches turns it back on for statements that ask for it, and for those alone.
    # Django's error wrapper still applies: a lost connection becomes django.db's
    # OperationalError (a 503 to retry) and marks the connection to be replaced, and a
    # connection kept from before a database restart is health-checked first.
    with connection.wrap_database_errors:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        raw = connection.connection
        if raw.prepare_threshold is None:
            raw.prepare_threshold = _PREPARE_ONLY_WHEN_ASKED
        with psycopg.Cursor(raw) as cursor:
            cursor.execute(_record_once_sql(), params, prepare=True)
            return cursor.rowcount == 1


_PREPARE_ONLY_WHEN_ASKED = 2**31 - 1


@functools.cache
def _record_once_sql() -> str:
    quote = connection.ops.quote_name
    return _RECORD_ONCE_SQL.format(
        petition=quote(Petition._meta.db_table),
        signer_hash=quote(SignerHash._meta.db_table),
        signature=quote(Signature._meta.db_table),
    )


def _record_in_transaction(slug: str, signer_digest: str, signature: Signature) -> bool:
    is_open = Petition.objects.filter(
        pk=signature.petition_id,
        slug=slug,
        status=Petition.Status.LIVE,
        closes_on__gte=signature.signed_on,
    ).exists()
    if not is_open:
        return False
    try:
        with transaction.atomic():
            SignerHash.objects.create(digest=signer_digest, petition_id=signature.petition_id)
            signature.save(force_insert=True)
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
    _ensure_open(petition)
    try:
        digest = _code_digest(code)
    except anonymity.InvalidCode as exc:
        raise CodeNotValid from exc
    with transaction.atomic():
        claimed = SigningCode.objects.filter(digest=digest, petition=petition, used=False).update(
            used=True
        )
        if claimed != 1:
            raise CodeNotValid
        return _record_signature(petition, public_name, comment)


def _ensure_open(petition: Petition) -> None:
    if not petition.is_live or petition.closes_on < timezone.localdate():
        raise PetitionNotOpen


def _new_signature(petition_id, public_name: str, comment: str) -> tuple[Signature, str]:
    """An unsaved signature for today and the receipt whose hash it carries."""
    receipt = anonymity.new_receipt()
    signature = Signature(
        petition_id=petition_id,
        public_name=public_name,
        comment=comment,
        receipt_hash=anonymity.receipt_hash(receipt),
        signed_on=timezone.localdate(),
    )
    return signature, receipt


def _record_signature(petition: Petition, public_name: str, comment: str) -> str:
    signature, receipt = _new_signature(petition.pk, public_name, comment)
    signature.save(force_insert=True)
    return receipt


def _receipt_hash_or_none(receipt: str) -> str | None:
    try:
        return anonymity.receipt_hash(receipt)
    except anonymity.InvalidCode:
        return None


def is_counted(*, petition: Petition, receipt: str) -> bool:
    digest = _receipt_hash_or_none(receipt)
    return bool(digest) and petition.signatures.filter(receipt_hash=digest).exists()


def withdraw(*, petition: Petition, receipt: str) -> bool:
    digest = _receipt_hash_or_none(receipt)
    if not digest:
        return False
    deleted, _rows = petition.signatures.filter(receipt_hash=digest).delete()
    return deleted > 0


# Counting, closing and retention


def refresh_count(*, petition: Petition) -> Petition:
    """Recount from the rows: one batch query, never an update per signature."""
    count = petition.signatures.count()
    Petition.objects.filter(pk=petition.pk).update(counted=count, counted_at=timezone.now())
    petition.refresh_from_db(fields=["counted", "counted_at"])
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
        purged += 1
    return purged


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
        petition.signatures.order_by(in_byte_order)
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


def _enqueue_or_leave_queued(enqueue, petition_id: int) -> None:
    try:
        enqueue(petition_id)
    except Exception as error:  # any broker failure: the row stays queued for the sweeper
        logger.warning(
            "delivery for petition %s left queued for the sweeper: %s",
            petition_id,
            type(error).__name__,
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
        petition.signatures.exclude(public_name="", comment="")
        .order_by("signed_on", "public_name")
        .values_list("public_name", "comment")
    )
    Petition.objects.filter(pk=petition.pk).update(delivery_progress=50)
    pdf = render(petition=petition, named=named, digest=digest, count=len(hashes) or None)
    Petition.objects.filter(pk=petition.pk).update(
        delivery_pdf=pdf, delivery_state="ready", delivery_progress=100
    )
