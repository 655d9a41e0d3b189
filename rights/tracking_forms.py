"""Forms for tracking a saved request. They only clean input; the timeline rules live in
rights.timeline and are applied by the tracking services."""

from __future__ import annotations

import puremagic
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import EARLIEST_DATE
from .models import SavedRequest, TimelineEvent
from .services.tracking import UploadedFile

# What a response file may be, by the type its bytes show, and the extensions that go with it.
ALLOWED_UPLOADS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "text/plain": (".txt",),
}

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


def _date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET)


def _check_date(value):
    if value and not EARLIEST_DATE <= value <= timezone.localdate():
        raise ValidationError(_("Please give a date between 25 May 2018 and today."))
    return value


class EventForm(forms.Form):
    """One timeline event; which fields matter depends on the kind."""

    kind = forms.ChoiceField(choices=TimelineEvent.Kind.choices, widget=forms.HiddenInput)
    on = _date_field(_("Date"))
    received_on = _date_field(_("Date the employer received it, if later"), required=False)
    channel = forms.ChoiceField(
        label=_("How you sent it"), choices=TimelineEvent.Channel.choices, required=False
    )
    followup_kind = forms.ChoiceField(
        label=_("Which letter did you send?"),
        choices=[("", _("Choose the letter")), *TimelineEvent.FollowUp.choices],
        required=False,
    )
    details = forms.CharField(
        label=_("Notes"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answered_items = forms.MultipleChoiceField(
        label=_("What did the answer cover? Tick each item it answered."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Nothing chosen in advance: closing must never record "Complete answer" silently.
    outcome = forms.ChoiceField(
        label=_("How did it end?"),
        choices=[("", _("Choose how it ended")), *SavedRequest.Outcome.choices],
        required=False,
    )
    file = forms.FileField(
        label=_("The employer's answer (PDF, PNG, JPEG or text)"), required=False
    )

    def __init__(self, *args, asked_items: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answered_items"].choices = list(asked_items)

    def clean_on(self):
        return _check_date(self.cleaned_data.get("on"))

    def clean_received_on(self):
        return _check_date(self.cleaned_data.get("received_on"))

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        limit = settings.RIGHTS_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("This file is %(size)s. The largest file you can add is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        content = upload.read()
        sniffed = sniff_type(content)
        if sniffed is None:
            raise ValidationError(
                _("Only PDF, PNG, JPEG and plain-text files can be added. Is this one of them?")
            )
        if upload.content_type != sniffed or not upload.name.lower().endswith(
            ALLOWED_UPLOADS[sniffed]
        ):
            raise ValidationError(
                _(
                    "This file's name or stated type does not match what it contains "
                    "(it looks like %(type)s). Save it again with the right extension."
                )
                % {"type": sniffed}
            )
        return UploadedFile(name=upload.name[-200:], content_type=sniffed, content=content)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == TimelineEvent.Kind.SENT and not cleaned.get("channel"):
            self.add_error("channel", _("Say how you sent it: e-mail, post or web form."))
        if kind == TimelineEvent.Kind.CLOSED and not cleaned.get("outcome"):
            self.add_error("outcome", _("Say how it ended."))
        if kind == TimelineEvent.Kind.FOLLOWED_UP:
            if not cleaned.get("followup_kind"):
                self.add_error(
                    "followup_kind",
                    _("Choose which letter you sent: a reminder, a complaint, and so on."),
                )
            if not cleaned.get("channel"):
                self.add_error("channel", _("Say how you sent it: e-mail, post or web form."))
        elif "followup_kind" in cleaned:
            cleaned["followup_kind"] = ""  # only a follow-up sent names its letter
        if kind != TimelineEvent.Kind.RESPONDED and cleaned.get("file"):
            self.add_error("file", _("Files can only be added to a response."))
        received = cleaned.get("received_on")
        if received and cleaned.get("on") and received < cleaned["on"]:
            self.add_error("received_on", _("It cannot be received before it was sent."))
        return cleaned


def sniff_type(content: bytes) -> str | None:
    """The allowed type the bytes themselves show, or None."""
    try:
        found = {match.mime_type for match in puremagic.magic_string(content)}
    except (puremagic.PureError, ValueError):
        found = set()
    for mime in ("application/pdf", "image/png", "image/jpeg"):
        if mime in found:
            return mime
    if not found and content and b"\x00" not in content:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


class DueDateForm(forms.Form):
    due_on_override = _date_field(_("Exact due date"), required=False)

    def clean_due_on_override(self):
        value = self.cleaned_data.get("due_on_override")
        if value and value < EARLIEST_DATE:
            raise ValidationError(_("Please give a date from 25 May 2018 onwards."))
        return value


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Your notes"), max_length=10_000, required=False, widget=forms.Textarea
    )
