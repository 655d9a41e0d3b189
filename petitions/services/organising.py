"""Organising a petition: creating, editing with review, closing, printed codes."""

import logging
import random
import time

from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import send_templated_mail
from core.text import render_markdown

from .. import anonymity
from ..models import CodeSheet, CoOrganiser, Petition, Signature, SignerHash, SigningCode
from . import pool
from .common import (
    PetitionInput,
    PetitionLocked,
    _enqueue_or_leave_queued,
    _ensure_open,
    _hash_key,
)

logger = logging.getLogger(__name__)


# Organising


def create_petition(*, organiser, data: PetitionInput) -> Petition:
    petition = Petition(organiser=organiser, body_html=render_markdown(data.body), **data.__dict__)
    needs_review = settings.PETITIONS_MODERATION and data.visibility == Petition.Visibility.LISTED
    if not needs_review:
        _open(petition)
    petition.save()
    pool.key_store().create(petition.pk, now=time.time())
    return petition


def petitions_of(*, organiser) -> list[Petition]:
    """The petitions the person organises or co-organises, newest first, each with the state
    of its delivery PDF (the PDF itself is not read), and without the long texts."""
    petitions = managed_by(user=organiser).distinct()
    with_state = petitions.annotate(delivery_state=models.F("delivery__state"))
    return list(with_state.defer("body", "body_html"))


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
    key = _hash_key(petition.pk)
    rows = [
        SigningCode(petition=petition, digest=anonymity.signing_code_hash(key=key, code=code))
        for code in codes
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
    short = reverse("short_address", args=[short_address(petition=sheet.petition)])
    sign_url = settings.STANDING_SITE_URL + short
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


# Co-organisers

_INVITATION_SALT = "petitions.co-organiser"
INVITATION_MAX_AGE_SECONDS = 7 * 24 * 3600


class InvitationInvalid(Exception):
    """The invitation link is wrong, expired, or for another address than the account's."""


def managed_by(*, user) -> models.QuerySet:
    """The petitions this person may manage: as organiser or as co-organiser."""
    return Petition.objects.filter(models.Q(organiser=user) | models.Q(co_organisers__user=user))


def invite_co_organiser(*, petition: Petition, email: str, site_url: str) -> None:
    """Mail a signed invitation. Nothing is stored until it is accepted: the address travels
    in the link alone, and only an account verified for that address can accept it."""
    token = signing.dumps(
        {"p": petition.pk, "e": email.strip().lower()}, salt=_INVITATION_SALT, compress=True
    )
    link = site_url + reverse("petitions:join", args=[petition.slug, token])
    send_templated_mail(
        template="petitions/emails/invitation",
        context={"petition": petition, "link": link},
        to=[email],
    )


def accept_invitation(*, slug: str, token: str, user) -> Petition:
    petition = read_invitation(slug=slug, token=token, user=user)
    if petition.organiser_id != user.pk:
        CoOrganiser.objects.get_or_create(petition=petition, user=user)
    return petition


def read_invitation(*, slug: str, token: str, user) -> Petition:
    """The petition a valid invitation for this account's verified address names, or
    InvitationInvalid: nobody else learns anything about the petition from the link."""
    try:
        data = signing.loads(token, salt=_INVITATION_SALT, max_age=INVITATION_MAX_AGE_SECONDS)
    except signing.BadSignature as error:
        raise InvitationInvalid from error
    verified = {address.email.lower() for address in user.emailaddress_set.filter(verified=True)}
    petition = Petition.objects.filter(pk=data.get("p"), slug=slug).first()
    if petition is None or data.get("e") not in verified:
        raise InvitationInvalid
    return petition


def hand_over_petitions(*, organiser) -> None:
    """Before an organiser's account goes: each petition passes to its first co-organiser."""
    for petition in Petition.objects.filter(organiser=organiser):
        successor = petition.co_organisers.order_by("pk").first()
        if successor is not None:
            Petition.objects.filter(pk=petition.pk).update(organiser=successor.user)
            successor.delete()


def slug_at_short_address(*, address: str) -> str | None:
    """The slug of the public petition a slip's typed address names (not case-sensitive,
    dashes optional), or None."""
    try:
        canonical = anonymity.normalise_short_address(address)
    except anonymity.InvalidCode:
        return None
    public = (Petition.Status.LIVE, Petition.Status.CLOSED)
    found = Petition.objects.filter(short_address=canonical, status__in=public)
    return found.values_list("slug", flat=True).first()


def short_address(*, petition: Petition) -> str:
    """The short address as printed: two groups of four."""
    return f"{petition.short_address[:4]}-{petition.short_address[4:]}"
