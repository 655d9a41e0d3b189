"""Signing: the confirmation link, the confirm hot path, codes, receipts and withdrawal.

The signer's e-mail address, IP address and user agent are never written anywhere: the address
is turned into a keyed hash at once, and only that hash travels (sealed) in the confirmation link.
Confirming writes the dedupe claim and an encrypted pending signature; the pool module writes
signatures out later in shuffled batches (docs/architecture.md, invariant 2).
"""

import functools
import logging

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import send_templated_mail

from .. import anonymity
from ..keystore import KeyDestroyed
from ..models import PendingSignature, Petition, Signature, SignerHash, SigningCode
from . import pool, postgres
from .common import (
    AlreadySigned,
    CodeNotValid,
    LinkExpired,
    LinkInvalid,
    NotEligible,
    PetitionNotOpen,
    SigningError,
    _code_digest,
    _ensure_open,
    _hash_key,
    _seal_keys,
)

logger = logging.getLogger(__name__)


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
    pending, receipt = new_pending(petition_id, public_name, comment)
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
    affected, _rows = postgres.execute(record_once_sql(), params, prepare=True)
    return affected == 1


@functools.cache
def record_once_sql() -> str:
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
    pending, receipt = new_pending(petition.pk, public_name, comment)
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


def new_pending(petition_id: int, public_name: str, comment: str) -> tuple[PendingSignature, str]:
    """An unsaved pending signature for today and the receipt whose hash it carries."""
    receipt = anonymity.new_receipt()
    try:
        columns = pool.pending_row(
            petition_id=petition_id,
            receipt_hash=anonymity.receipt_hash(receipt),
            name=public_name,
            comment=comment,
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


def _signature_rows(petition_id: int, receipt_hash: str, *, delete: bool) -> int:
    """Signatures with this receipt hash, found or deleted; the hash never in a logged statement."""
    return postgres.find_or_delete(
        rows=Signature.objects.filter(petition_id=petition_id, receipt_hash=receipt_hash),
        where="petition_id = %(petition)s AND receipt_hash = %(receipt)s",
        params={"petition": petition_id, "receipt": receipt_hash},
        delete=delete,
    )
