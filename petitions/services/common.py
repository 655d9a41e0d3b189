"""What the petition services share: errors, inputs, keys and the enqueue helper."""

import datetime
import functools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import anonymity
from ..keystore import KeyDestroyed
from ..models import Petition
from . import pool

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


def _ensure_open(petition: Petition) -> None:
    if not petition.is_live or petition.closes_on < timezone.localdate():
        raise PetitionNotOpen


def _enqueue_or_leave_queued(enqueue, row_id: int) -> None:
    try:
        enqueue(row_id)
    except Exception as error:  # any broker failure: the row stays queued for the sweeper
        logger.warning(
            "task for row %s left queued for the sweeper: %s", row_id, type(error).__name__
        )


def _code_digest(petition_id: int, code: str) -> str:
    return anonymity.signing_code_hash(key=_hash_key(petition_id), code=code)
