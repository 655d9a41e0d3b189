"""Forms of the rights finder and of the routes' letters. They only clean."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .forms import EARLIEST_DATE, RequestForm, single_line
from .places import workplace_choices
from .route_letters import LetterKind
from .routes import REPRESENTATION_CHOICES, ROLE_CHOICES, ROUTES, UNKNOWN_REPRESENTATION

ROUTES_BY_LETTER = {route.letter_kind: route for route in ROUTES if route.letter_kind}

ELSEWHERE = "elsewhere"
PLACE_CHOICES = [("", _("Choose a country or US state"))] + workplace_choices()


class FinderForm(forms.Form):
    workplace = forms.ChoiceField(label=_("Where do you work?"), choices=PLACE_CHOICES)
    residence = forms.ChoiceField(
        label=_("Where do you live?"),
        choices=PLACE_CHOICES + [(ELSEWHERE, _("Somewhere else"))],
        help_text=_("Some laws follow where you live, not where you work."),
    )
    role = forms.ChoiceField(
        label=_("Which describes you?"), choices=ROLE_CHOICES, widget=forms.RadioSelect
    )
    representation = forms.ChoiceField(
        label=_("Is there a works council or a union where you work?"),
        choices=REPRESENTATION_CHOICES,
        widget=forms.RadioSelect,
        initial=UNKNOWN_REPRESENTATION,
    )

    def clean_residence(self) -> str:
        value = self.cleaned_data["residence"]
        return "" if value == ELSEWHERE else value


class RouteLetterForm(forms.Form):
    """The details every route letter needs; a kind adds or relabels a few."""

    full_name = RequestForm.base_fields["full_name"]
    reply_to = RequestForm.base_fields["reply_to"]
    employee_id = RequestForm.base_fields["employee_id"]
    recipient_name = forms.CharField(max_length=200, validators=[single_line])
    recipient_address = forms.CharField(
        label=_("Postal address (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recipient_email = forms.EmailField(
        label=_("E-mail address to send it to (optional)"), max_length=254, required=False
    )
    employer_name = forms.CharField(
        label=_("Your employer, as on your payslip"),
        max_length=200,
        required=False,
        validators=[single_line],
    )
    programme_name = forms.CharField(
        label=_("Name of the monitoring programme, if you know it (optional)"),
        max_length=120,
        required=False,
        validators=[single_line],
    )
    signatories = forms.CharField(
        label=_("Names of the colleagues who sign (optional)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One name per line, only with each person's agreement. Leave empty to deliver it as a "
            "petition instead: then no one is named."
        ),
    )
    country = forms.ChoiceField(
        label=_("Where are you?"),
        choices=PLACE_CHOICES,
        required=False,
        help_text=_("Decides whether the EU GDPR or the UK GDPR applies, and the due date."),
    )
    review_file = forms.BooleanField(
        label=_("Also ask them to review my file and remove what is irrelevant or wrong"),
        required=False,
        help_text=_(
            "You may ask for this once a year. Many people wait until they have read the copy, "
            "so they know what to ask to be removed."
        ),
    )
    sent_on = forms.DateField(
        label=_("Date you will send it"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today. Any reply date is counted from this day."),
    )

    def __init__(self, *args, kind: LetterKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["recipient_name"].label = str(kind.recipient_label)
        if kind.needs_employer:
            self.fields["employer_name"].required = True
        if kind.id == "eu_colleague":
            # A colleague writes to the company running the monitoring, with no employment words.
            del self.fields["employer_name"], self.fields["employee_id"]
            country = self.fields["country"]
            assert isinstance(country, forms.ChoiceField)
            country.required = True
            # The blank choice, the EU and the UK: not the US states.
            country.choices = PLACE_CHOICES[:3]
        else:
            del self.fields["country"]
        if not kind.needs_group:
            del self.fields["signatories"]
        if not kind.offers_file_review:
            del self.fields["review_file"]

    def clean_sent_on(self) -> datetime.date:
        sent_on = self.cleaned_data.get("sent_on") or timezone.localdate()
        if sent_on < EARLIEST_DATE:
            raise ValidationError(_("Please give a date from 25 May 2018 onwards."))
        if sent_on > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError(_("Please give a date within the next year."))
        starts_on = ROUTES_BY_LETTER[self.kind.id].starts_on
        if starts_on is not None and sent_on < starts_on:
            raise ValidationError(
                _(
                    "This right begins on %(day)s. Choose a sending date from then on; until "
                    "then the law gives no right to this information."
                )
                % {"day": date_format(starts_on, "j F Y")}
            )
        return sent_on

    # The same check as the request form's: an address with an @ must be an e-mail address.
    clean_reply_to = RequestForm.clean_reply_to  # type: ignore[assignment]

    def clean_signatories(self) -> tuple[str, ...]:
        lines = self.cleaned_data.get("signatories", "").splitlines()
        names = tuple(line.strip()[:120] for line in lines if line.strip())
        if len(names) > 200:
            raise ValidationError(_("Please name at most 200 colleagues, or use a petition."))
        return names
