import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .letters import MONITORING_CATEGORIES
from .places import (
    Workplace,
    needs_residence,
    parse_workplace,
    regime_fits,
    regime_for,
    why_no_regime,
    why_not_resident,
    why_regime_does_not_fit,
    workplace_choices,
)
from .regime_texts import AIMS
from .regimes import REGIMES, Regime
from .services.drafting import OTHER_EMPLOYER

EARLIEST_DATE = datetime.date(2018, 5, 25)  # the GDPR applied from this day
ELSEWHERE = "elsewhere"


def single_line(value: str) -> None:
    if "\n" in value or "\r" in value:
        raise ValidationError(_("Please keep this to one line."))


def rights_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (regime.name, [(f"{regime.id}:{right.id}", right.label) for right in regime.rights])
        for regime in REGIMES.values()
    ]


class RequestForm(forms.Form):
    employer = forms.ChoiceField(label=_("Your employer"))
    employing_company = forms.CharField(
        label=_("Your employing company, as on your payslip or contract"),
        max_length=200,
        required=False,
        validators=[single_line],
        help_text=_(
            "A company in our list may be a group's privacy contact rather than your employer. "
            "If your payslip names another company, the letter says so and is also sent to the "
            "contact you chose."
        ),
    )
    other_employer_name = forms.CharField(
        label=_("Employer's legal name, if not listed"),
        max_length=200,
        required=False,
        validators=[single_line],
        help_text=_("As it appears on your contract or payslip."),
    )
    other_employer_address = forms.CharField(
        label=_("Employer's postal address"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    other_employer_email = forms.EmailField(
        label=_("Employer's privacy or data protection e-mail"), max_length=254, required=False
    )
    workplace = forms.ChoiceField(
        label=_("Where do you work?"),
        choices=[("", _("Choose a country or US state"))] + workplace_choices(),
        help_text=_("This decides which law applies."),
    )
    residence = forms.ChoiceField(
        label=_("Where do you live?"),
        required=False,
        choices=[("", _("Choose a country or US state"))]
        + workplace_choices()
        + [(ELSEWHERE, _("Somewhere else"))],
        help_text=_(
            "The CCPA protects California residents, wherever their office is. The GDPR and the "
            "UK GDPR follow where you work. Needed if you work in the United States."
        ),
    )
    regime = forms.ChoiceField(
        label=_("Which law?"),
        required=False,
        choices=[("", _("Choose for me from where I work"))]
        + [(regime.id, regime.name) for regime in REGIMES.values()],
    )
    rights = forms.MultipleChoiceField(
        label=_("What do you want to ask for?"),
        choices=rights_choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the rights under the law for where you work."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Which monitoring data is this about?"),
        choices=list(MONITORING_CATEGORIES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick each kind you know or suspect your employer collects. The letter names only "
            "what you tick; nothing is ticked for you."
        ),
        error_messages={
            "required": _(
                "Tick at least one kind of monitoring data, so the letter says what it is about."
            )
        },
    )
    particular_situation = forms.CharField(
        label=_("Your situation, in your own words (for an objection)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "An objection rests on your own situation. For example: health or union messages "
            "on your screen, colleagues' data in the captures, pressure to work faster, or fear "
            "of being replaced by a system trained on your own work. Leave empty for a neutral "
            "text that overstates nothing."
        ),
    )
    purpose = forms.CharField(
        label=_("Why you ask, in your own words (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The letter states your purpose, because an employer may refuse a request it can "
            "prove is abusive. Leave empty for: to learn what the monitoring records about you, "
            "check it is lawful and use your rights over it."
        ),
    )
    programme_name = forms.CharField(
        label=_("Name of the monitoring programme (optional)"),
        max_length=120,
        required=False,
        validators=[single_line],
    )
    applications = forms.CharField(
        label=_("Applications and websites it covers (optional)"),
        max_length=500,
        required=False,
        validators=[single_line],
    )
    period_start = forms.DateField(
        label=_("From (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("To (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=120, validators=[single_line])
    employee_id = forms.CharField(
        label=_("Employee ID (optional)"),
        max_length=60,
        required=False,
        validators=[single_line],
        help_text=_("Helps your employer find your data without asking for ID documents."),
    )
    reply_to = forms.CharField(
        label=_("Where should the reply go?"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A personal e-mail or postal address is safer than your work one: your employer "
            "reads work e-mail."
        ),
    )
    sent_on = forms.DateField(
        label=_("Date you will send it"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today. The reply deadline is counted from this day."),
    )
    ask_legal_basis = forms.BooleanField(
        label=_("Also ask for the legal basis they rely on"), required=False, initial=True
    )
    ask_dpia = forms.BooleanField(
        label=_("Also ask for the data protection impact assessment (Art. 35)"),
        required=False,
        initial=True,
    )
    ask_lia = forms.BooleanField(
        label=_("Also ask for the legitimate-interest assessment"), required=False, initial=True
    )

    def __init__(
        self,
        *args,
        employer_choices: list[tuple[str, str]],
        employer_caveats: list[tuple[str, str]] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.employer_caveats = list(employer_caveats)
        self.fields["employer"].choices = [
            ("", _("Choose your employer")),
            *employer_choices,
            (OTHER_EMPLOYER, _("My employer is not listed")),
        ]

    @property
    def workplace_regimes(self) -> dict[str, dict[str, str]]:
        """Which law each workplace, or each place of residence, suggests: for the script that
        hides the other laws' rights. A law that follows the workplace wins, as in
        places.regime_for."""
        codes = [code for _group, options in workplace_choices() for code, _name in options]
        by_workplace = {
            code: place.regime.id
            for code in codes
            if (place := parse_workplace(code))
            and place.regime
            and place.regime.coverage_follows == "workplace"
        }
        by_residence = {
            regime.resident_of: regime.id
            for regime in REGIMES.values()
            if regime.coverage_follows == "residence"
        }
        return {"workplace": by_workplace, "residence": by_residence}

    @property
    def rights_by_aim(self) -> list[tuple[Regime, list[tuple[tuple, list]]]]:
        """The rights' checkboxes by law, then by what the worker wants (regime_texts.AIMS)."""
        boxes = {box.data["value"]: box for box in self["rights"].subwidgets}
        grouped = []
        for regime in REGIMES.values():
            aims = []
            for aim, texts in AIMS.items():
                chosen = [boxes[f"{regime.id}:{r.id}"] for r in regime.rights if r.aim == aim]
                if chosen:
                    aims.append((texts, chosen))
            grouped.append((regime, aims))
        return grouped

    @classmethod
    def initial_from(cls, data) -> dict:
        """Answers posted back from the preview, as initial values to edit."""
        initial = {}
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.BooleanField):
                initial[name] = name in data
            elif isinstance(field, forms.MultipleChoiceField):
                initial[name] = data.getlist(name)
            else:
                initial[name] = data.get(name, "")
        return initial

    def clean_sent_on(self) -> datetime.date:
        sent_on = self.cleaned_data.get("sent_on") or timezone.localdate()
        if sent_on < EARLIEST_DATE:
            raise ValidationError(_("Please give a date from 25 May 2018 onwards."))
        if sent_on > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError(_("Please give a date within the next year."))
        return sent_on

    def clean_reply_to(self) -> str:
        value = self.cleaned_data["reply_to"].strip()
        if "@" in value and "\n" not in value:
            try:
                validate_email(value)
            except ValidationError as exc:
                raise ValidationError(
                    _(
                        "This does not look like an e-mail address. "
                        "Check it, or give a postal address."
                    )
                ) from exc
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        self._clean_employer(cleaned)
        self._clean_period(cleaned)
        self._clean_regime_and_rights(cleaned)
        return cleaned

    def _clean_employer(self, cleaned: dict) -> None:
        if cleaned.get("employer") != OTHER_EMPLOYER:
            return
        if not cleaned.get("other_employer_name"):
            self.add_error(
                "other_employer_name", _("Give your employer's name, as on your contract.")
            )
        if not cleaned.get("other_employer_address") and not cleaned.get("other_employer_email"):
            self.add_error(
                "other_employer_address",
                _("Give a postal address or an e-mail address to send the letter to."),
            )

    def _clean_period(self, cleaned: dict) -> None:
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        today = timezone.localdate()
        for name, day in (("period_start", start), ("period_end", end)):
            if day and not EARLIEST_DATE <= day <= today:
                self.add_error(name, _("Please give a date between 25 May 2018 and today."))
        if start and end and start > end:
            self.add_error("period_end", _("The end of the period is before its start."))

    def _clean_regime_and_rights(self, cleaned: dict) -> None:
        workplace = parse_workplace(cleaned.get("workplace", ""))
        if workplace is None:
            return
        code = cleaned.get("residence") or ""
        residence = parse_workplace(code)
        chosen = cleaned.get("regime")
        regime = REGIMES[chosen] if chosen else regime_for(workplace=workplace, residence=residence)
        if not code and needs_residence(workplace=workplace, regime=regime):
            self.add_error(
                "residence",
                _(
                    "Say where you live: the CCPA protects California residents, wherever they "
                    "work."
                ),
            )
            return
        if not self._regime_fits(regime, workplace, residence):
            return
        cleaned["regime"] = regime.id
        cleaned["workplace"] = workplace
        cleaned["residence"] = residence
        if "rights" in cleaned:
            self._clean_rights_for(regime, cleaned)

    def _regime_fits(self, regime, workplace: Workplace, residence: Workplace | None) -> bool:
        """Explain next to the right field why no law, or not the chosen one, covers this worker."""
        place = residence or Workplace(country="", us_state="")
        if regime is None:
            if workplace.country == "US":
                self.add_error("residence", self._not_resident(place))
            else:
                self.add_error("workplace", why_no_regime(workplace))
            return False
        if regime_fits(regime=regime, workplace=workplace, residence=residence):
            return True
        if regime.coverage_follows == "residence" and workplace.country == "US":
            self.add_error("residence", self._not_resident(place))
        else:
            self.add_error("regime", why_regime_does_not_fit(regime=regime, workplace=workplace))
        return False

    @staticmethod
    def _not_resident(residence: Workplace) -> str:
        if not residence.country:
            return str(
                _(
                    "The CCPA protects California residents, wherever they work, and the other "
                    "US states' privacy laws leave employee data out: this tool cannot draft a "
                    "request for you yet."
                )
            )
        return why_not_resident(residence)

    def _clean_rights_for(self, regime, cleaned: dict) -> None:
        pairs = [value.split(":", 1) for value in cleaned["rights"]]
        foreign = sorted(
            {REGIMES[regime_id].short_name for regime_id, _right in pairs} - {regime.short_name}
        )
        if foreign:
            self.add_error(
                "rights",
                _(
                    "You ticked rights under %(foreign)s, but where you work %(law)s applies. "
                    "Tick only the rights listed under %(law)s."
                )
                % {"foreign": ", ".join(foreign), "law": regime.name},
            )
            return
        cleaned["right_ids"] = tuple(right_id for _regime, right_id in pairs)


def answers_from_post(data: QueryDict) -> dict[str, list[str]]:
    """The drafting form's answers as a plain dict of lists, ready to encrypt; nothing else."""
    return {key: data.getlist(key) for key in RequestForm.base_fields if key in data}


def clean_saved_answers(
    answers: dict[str, list[str]], *, employer_choices: list[tuple[str, str]]
) -> dict:
    """Saved answers checked as the drafting form checks them: its cleaned data, or ValueError
    with the form's reasons."""
    data = QueryDict(mutable=True)
    for key, values in answers.items():
        data.setlist(key, values)
    form = RequestForm(data, employer_choices=employer_choices)
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    return form.cleaned_data


class AuthorityFinderForm(forms.Form):
    """Which authority to complain to: the employer (optional) and where the worker works."""

    employer = forms.ChoiceField(label=_("Your employer"), required=False)
    workplace = forms.ChoiceField(
        label=_("Where do you work?"),
        choices=[("", _("Choose a country or US state"))] + workplace_choices(),
        help_text=_("A worker may complain to the authority of the country where they work."),
    )
    residence = forms.ChoiceField(
        label=_("Where do you live?"),
        required=False,
        choices=[("", _("Choose a country or US state"))] + workplace_choices(),
        help_text=_("Only needed in the United States: the CCPA protects California residents."),
    )

    def __init__(self, *args, employer_choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [
            ("", _("Not listed, or I'd rather not say")),
            *employer_choices,
        ]

    def clean_workplace(self):
        workplace = parse_workplace(self.cleaned_data["workplace"])
        if workplace is None:
            raise ValidationError(_("Choose a country or US state from the list."))
        return workplace

    def clean(self) -> dict:
        cleaned = super().clean()
        workplace = cleaned.get("workplace")
        if workplace is None:
            return cleaned
        residence = parse_workplace(cleaned.get("residence") or "")
        regime = regime_for(workplace=workplace, residence=residence)
        if regime is None:
            field = "residence" if workplace.country == "US" else "workplace"
            reason = (
                why_not_resident(residence) if residence is not None else why_no_regime(workplace)
            )
            self.add_error(field, reason)
            return cleaned
        cleaned["regime"] = regime
        # The CCPA's authority is the one for where the worker lives (California).
        cleaned["place"] = residence if regime.coverage_follows == "residence" else workplace
        return cleaned
