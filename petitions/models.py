"""Petitions, their signatures and the separate duplicate-prevention hashes.

Privacy invariants (docs/architecture.md, invariant 2): a Signature row carries a random id,
the petition, the optional public name and comment, the hash of the receipt, the day its batch
was written and the number of that batch, never a time, address or client detail. SignerHash
rows hold keyed hashes of normalised addresses under the petition's own key, kept outside the
database; no column, key, transaction or row order links them to a Signature: signatures wait
encrypted in PendingSignature and are written later in shuffled batches.
"""

import datetime
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import anonymity

FEW = 5  # counts below this show as "fewer than 5"


def new_short_address() -> str:
    return anonymity.normalise_short_address(anonymity.new_short_address())


def new_slug() -> str:
    # Unguessable, so unlisted petitions cannot be found by counting through addresses.
    return secrets.token_urlsafe(9)


class Petition(models.Model):
    class Visibility(models.TextChoices):
        LISTED = "listed", _("Listed on this site")
        UNLISTED = "unlisted", _("Unlisted: only people with the link can find it")

    class Eligibility(models.TextChoices):
        EMAIL = "email", _("Anyone who confirms an e-mail address")
        DOMAIN = "domain", _("Only addresses at given domains")
        CODES = "codes", _("Printed single-use signing codes")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        LIVE = "live", _("Open for signatures")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Not approved")

    slug = models.CharField(max_length=16, unique=True, default=new_slug, editable=False)
    # The typeable address printed on code slips (/s/7KQ2-M9XA), stored without the dash.
    short_address = models.CharField(
        max_length=8, unique=True, default=new_short_address, editable=False
    )
    # Empty once the organiser deletes their account: the petition and its signatures stay,
    # readable and counted until it closes, and its retention runs as usual.
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text (Markdown)"), max_length=10_000)
    # The body rendered and sanitised once, when saved: no page view parses Markdown.
    body_html = models.TextField(editable=False, default="")
    employer = models.CharField(_("employer addressed"), max_length=200)
    decision_maker = models.CharField(_("decision maker addressed"), max_length=200)
    demands = models.TextField(_("demands"), max_length=3_000)
    goal = models.PositiveIntegerField(_("goal"))
    closes_on = models.DateField(_("closing date"))
    group_name = models.CharField(_("organising group"), max_length=120)
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    eligibility = models.CharField(max_length=10, choices=Eligibility.choices)
    allowed_domains = models.CharField(_("allowed domains"), max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # Written only by the batch refresh, never per signature.
    counted = models.PositiveIntegerField(default=0)
    counted_at = models.DateTimeField(null=True, blank=True)
    goal_announced = models.BooleanField(default=False)
    hashes_purged = models.BooleanField(default=False)
    # Written only by the pool flush: batches written, the last one published, and the size of
    # a final batch smaller than PETITIONS_BATCH_MIN written at closing.
    batches_flushed = models.PositiveIntegerField(default=0)
    published_batch = models.PositiveIntegerField(default=0)
    final_batch_size = models.PositiveIntegerField(null=True, blank=True)
    # The published receipt list's digest, and the count and batch it was computed for: worked
    # out by the count refresh when they change, so no page view ever digests the whole list.
    listing_digest = models.CharField(max_length=64, blank=True)
    listing_count = models.PositiveIntegerField(default=0)
    listing_batch = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(goal__gte=1), name="petition_goal_positive"),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "live", "closed", "rejected"]),
                name="petition_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(visibility__in=["listed", "unlisted"]),
                name="petition_visibility_known",
            ),
            models.CheckConstraint(
                condition=models.Q(eligibility__in=["email", "domain", "codes"]),
                name="petition_eligibility_known",
            ),
            # Closed on a day, or not closed and no closing day: retention counts from it.
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_on__isnull=False)
                | (~models.Q(status="closed") & models.Q(closed_on__isnull=True)),
                name="petition_closed_on_a_day",
            ),
            models.CheckConstraint(
                condition=models.Q(hashes_purged=False) | models.Q(status="closed"),
                name="petition_purged_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower() for d in self.allowed_domains.split(",") if d.strip()]

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def past_closing_date(self) -> bool:
        return self.closes_on < timezone.localdate()

    @property
    def takes_signatures(self) -> bool:
        """Live and not past its closing date, even before the periodic task closes it."""
        return self.is_live and not self.past_closing_date

    @property
    def has_closed(self) -> bool:
        return self.status == self.Status.CLOSED or (self.is_live and self.past_closing_date)

    @property
    def closed_day(self) -> datetime.date:
        """The day it closed: the day the close task or its organiser closed it, else its
        closing date, the last day it took signatures."""
        return self.closed_on or self.closes_on

    @property
    def count_is_small(self) -> bool:
        return self.counted < FEW


class Delivery(models.Model):
    """The delivery PDF an organiser asked for, built by a task.

    A row of its own, one per petition at most, so that no petition query (list, detail,
    management) reads up to a megabyte of PDF it does not show. No row: never asked for.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to be prepared")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")

    petition = models.OneToOneField(
        Petition, on_delete=models.CASCADE, primary_key=True, related_name="delivery"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    # Kept while a new one is prepared: the old one stays downloadable until it is replaced.
    pdf = models.BinaryField(null=True, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "running", "ready"]),
                name="delivery_state_known",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="delivery_progress_percent"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="ready") | models.Q(pdf__isnull=False),
                name="delivery_ready_has_pdf",
            ),
        ]

    def __str__(self) -> str:
        return f"delivery of petition {self.pk}"


class Signature(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the (petition, receipt_hash) index serves lookups by petition, and
    # one index less is one write less on each batch of signatures.
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="signatures", db_index=False
    )
    public_name = models.CharField(max_length=80, blank=True)
    comment = models.CharField(max_length=500, blank=True)
    receipt_hash = models.CharField(max_length=64, unique=True)
    signed_on = models.DateField()
    # The flush that wrote the row: public once Petition.published_batch reaches it.
    batch = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["petition", "receipt_hash"])]

    def __str__(self) -> str:
        return f"signature {self.pk}"


class PendingSignature(models.Model):
    """A confirmed signature waiting for its batch, encrypted under the petition's pool key.

    It is written in the same transaction as its dedupe claim, so the two share a transaction
    id; that is harmless because its content is padded to one length and unreadable once the
    pool key is destroyed after the flush. ``lookup`` finds it by receipt, under that key only.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    epoch = models.CharField(max_length=32)
    lookup = models.CharField(max_length=64, unique=True)
    sealed = models.BinaryField()

    def __str__(self) -> str:
        return "pending signature"


class SignerHash(models.Model):
    """One row per eligible person who signed a petition: the keyed hash of their address."""

    digest = models.CharField(max_length=64, primary_key=True)
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return "signer hash"


class SigningCode(models.Model):
    """A printed single-use code, stored only as a keyed hash."""

    digest = models.CharField(max_length=64, primary_key=True)
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return "signing code"


class CodeSheet(models.Model):
    """A sheet of printed codes the organiser asked for, built by a task.

    The codes and the sheet are made in one transaction: both or neither. The PDF holds the
    plain codes, so it is kept only until the organiser downloads it, once.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to be made")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Could not be made")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="code_sheets")
    count = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    pdf = models.BinaryField(null=True, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "running", "ready", "failed"]),
                name="code_sheet_state_known",
            )
        ]

    def __str__(self) -> str:
        return f"code sheet {self.pk}"


class CoOrganiser(models.Model):
    """Someone the organiser invited, who accepted with an account of their own: they manage
    the petition alongside, and take it over if the organiser leaves."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="co_organisers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "user"], name="one_co_organiser_row")
        ]

    def __str__(self) -> str:
        return "co-organiser"
