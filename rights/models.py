import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import (
    EncryptedBinaryField,
    EncryptedJSONField,
    EncryptedTextField,
    is_unreadable,
)

from .followups import SENT_LABELS, FollowUpKind
from .timeline import EVENT_LABELS, EventKind

VERIFIED_CHOICES = [
    ("primary", _("Seen on the official page or in the law")),
    ("secondary", _("Seen in a secondary source")),
    ("unverified", _("Not verified")),
]


class Authority(models.Model):
    """A supervisory authority a worker can complain to."""

    slug = models.SlugField(_("identifier"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    country_code = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region"), max_length=100, blank=True)
    regimes = models.JSONField(_("regimes handled"), default=list)
    website = models.URLField(_("website"), blank=True)
    complaint_url = models.URLField(_("complaint page"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    verified = models.CharField(_("verified"), max_length=10, choices=VERIFIED_CHOICES)

    class Meta:
        ordering = ["country_code", "region", "name"]
        verbose_name = _("supervisory authority")
        verbose_name_plural = _("supervisory authorities")

    def __str__(self) -> str:
        return self.name


class Employer(models.Model):
    """An employer in the directory, with the contact a request goes to."""

    slug = models.SlugField(_("identifier"), unique=True)
    legal_name = models.CharField(_("legal entity"), max_length=200)
    display_name = models.CharField(_("name shown to workers"), max_length=200)
    country_code = models.CharField(_("country"), max_length=2)
    us_state = models.CharField(_("US state"), max_length=2, blank=True)
    privacy_email = models.EmailField(_("privacy or DPO e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    web_form_url = models.URLField(_("privacy web form"), max_length=500, blank=True)
    lead_authority = models.ForeignKey(
        Authority,
        verbose_name=_("lead supervisory authority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
    )
    notes = models.TextField(_("notes"), blank=True)
    # Shown beside the employer choice and on the preview, e.g. "may not be your employer".
    caveat = models.CharField(_("caveat for workers"), max_length=300, blank=True)
    verified = models.CharField(_("verified"), max_length=10, choices=VERIFIED_CHOICES)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self) -> str:
        return self.display_name


class SavedRequest(models.Model):
    """A request a signed-in worker keeps track of.

    Everything that says who asked what (the employer, the rights, the requester's details and
    notes) is in ``answers`` and ``notes``, encrypted at rest. The plain columns hold only what
    the dashboard and the reminder task sort and filter on.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        COMPLETE = "complete", _("Complete answer")
        PARTIAL = "partial", _("Partial answer")
        REFUSED = "refused", _("Refused")
        IGNORED = "ignored", _("Ignored")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_requests"
    )
    created_on = models.DateField(_("saved on"), default=timezone.localdate)
    regime_id = models.CharField(max_length=20)
    # The drafting form's answers, as posted to the preview: employer, workplace, rights,
    # categories, name, employee ID, reply address, programme, period.
    answers = EncryptedJSONField()
    # The schema of ``answers`` (rights.answers); old rows are upgraded by migration 0003.
    answers_version = models.PositiveSmallIntegerField(default=2)
    notes = EncryptedTextField(blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    computed_due_on = models.DateField(null=True, blank=True)
    due_on_override = models.DateField(_("exact due date"), null=True, blank=True)
    # The date reminders and the dashboard use: the override when set, else the computed one.
    due_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    retention_warned_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "created_on"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "closed"]), name="saved_request_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=["", "complete", "partial", "refused", "ignored"]),
                name="saved_request_outcome_known",
            ),
            # Closed with how it ended and the day, or open with neither: the dashboard, the
            # reminders and retention each read one of the three.
            models.CheckConstraint(
                condition=(
                    models.Q(status="closed", closed_on__isnull=False) & ~models.Q(outcome="")
                )
                | models.Q(status="open", closed_on__isnull=True, outcome=""),
                name="saved_request_closed_with_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"request {self.pk}"

    @property
    def readable(self) -> bool:
        """False when no configured key opens its answers: it can only be deleted."""
        return not is_unreadable(self.answers) and not is_unreadable(self.notes)


# The kinds the timeline module knows; the database refuses any other (a new kind is a
# migration of this constraint, which makemigrations --check asks for).
EVENT_KINDS = [kind.value for kind in EventKind]
FOLLOWUP_KINDS = [kind.value for kind in FollowUpKind]


class TimelineEvent(models.Model):
    # The timeline module's own kinds, so the two cannot drift apart. django-stubs types only
    # the one- and two-argument forms of the functional API.
    Kind = models.TextChoices(  # type: ignore[call-overload]
        "Kind",
        [(kind.name, (kind.value, EVENT_LABELS[kind])) for kind in EventKind],
        module=__name__,
        qualname="TimelineEvent.Kind",
    )

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        POST = "post", _("Post")
        WEB_FORM = "web_form", _("Web form")

    # The follow-up letters' own kinds, for the same reason as Kind.
    FollowUp = models.TextChoices(  # type: ignore[call-overload]
        "FollowUp",
        [(kind.name, (kind.value, SENT_LABELS[kind])) for kind in FollowUpKind],
        module=__name__,
        qualname="TimelineEvent.FollowUp",
    )

    request = models.ForeignKey(SavedRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    # Which follow-up letter was sent: set for FOLLOWED_UP events only.
    followup_kind = models.CharField(max_length=20, choices=FollowUp.choices, blank=True)
    # Reasons, notes and the completeness check's ticked items: personal, so encrypted.
    details = EncryptedTextField(blank=True, default="")
    answered_items = EncryptedJSONField(default=list)
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "logged_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EVENT_KINDS), name="timeline_event_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=["", "email", "post", "web_form"]),
                name="timeline_event_channel_known",
            ),
            models.CheckConstraint(
                condition=models.Q(followup_kind__in=["", *FOLLOWUP_KINDS]),
                name="timeline_event_followup_kind_known",
            ),
            # A follow-up sent says which letter it was; no other event names one.
            models.CheckConstraint(
                condition=(models.Q(kind=EventKind.FOLLOWED_UP.value) & ~models.Q(followup_kind=""))
                | (~models.Q(kind=EventKind.FOLLOWED_UP.value) & models.Q(followup_kind="")),
                name="timeline_event_followup_kind_iff_followed_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.on}"


class ResponseFile(models.Model):
    """A file the employer sent, stored encrypted in the database so deleting it is real."""

    event = models.ForeignKey(TimelineEvent, on_delete=models.CASCADE, related_name="files")
    name = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = EncryptedBinaryField()

    def __str__(self) -> str:
        return f"file {self.pk}"


class Reminder(models.Model):
    """One reminder e-mail: a row per request, reminder point and due date, so each goes once."""

    class Point(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        DUE = "due", _("On the due date")
        OVERDUE = "overdue", _("Overdue")
        RETENTION = "retention", _("Before deletion")

    # No index of its own: the unique (request, point, due_on) constraint's index serves it.
    request = models.ForeignKey(
        SavedRequest, on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    point = models.CharField(max_length=10, choices=Point.choices)
    due_on = models.DateField()
    # Empty while the reminder waits to be sent: the row is its own outbox entry.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "point", "due_on"], name="one_reminder_per_point"
            ),
            models.CheckConstraint(
                condition=models.Q(point__in=["before", "due", "overdue", "retention"]),
                name="reminder_point_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.point} reminder for {self.due_on}"


class RouteRequest(models.Model):
    """A route letter (rights.route_letters) a signed-in worker keeps, or a right they wait for.

    The letter's answers are encrypted; the plain columns hold only what the reminder task
    needs: the kind, the date the law sets and the day to send the single reminder.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="route_requests"
    )
    kind = models.CharField(max_length=40)
    # The letter form's answers, as posted to the preview; empty while waiting for a right.
    answers = EncryptedJSONField(default=dict)
    created_on = models.DateField(default=timezone.localdate)
    # The answer's due date where the law sets one (Washington, California, the GDPR's month).
    due_on = models.DateField(null=True, blank=True)
    # The day the one reminder goes: the due date, or the day a waited-for right begins.
    remind_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["created_on"]
        indexes = [models.Index(fields=["remind_on"], name="route_request_remind_on")]

    def __str__(self) -> str:
        return f"route request {self.pk}"

    @property
    def waiting(self) -> bool:
        """A reminder for a right that has not begun, with no letter yet."""
        return not self.answers
