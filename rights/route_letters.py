"""Letters for the routes beyond data-protection requests: personnel files, monitoring notices,
the group letter, a captured colleague's request, works councils. Pure: no models, no storage.

Each kind's wording is a plain-text template, templates/rights/letters/<language>/routes/<kind>.txt,
in the same format as the request letters (rights.letters). A letter in German or Italian also
renders the English template, shown to the sender as a preview of what they send.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import route_deadlines
from .letters import _tidy
from .regimes import regime_for_workplace
from .routes import EUROPE

# Never cited: the NLRB memo on electronic monitoring was rescinded in February 2025
# (rights/data/legal_facts.yaml, nlrb_gc_23_02_rescinded); BDSG section 26 after C-34/21.
FORBIDDEN_CITATIONS = ("GC 23-02", "§ 26 BDSG")


@dataclass(frozen=True)
class LetterKind:
    id: str
    language: str
    citations: tuple[str, ...]
    subject: str | Promise
    # What the form calls the addressee.
    recipient_label: str | Promise
    paper_size: str = "letter"
    # The colleague letter is for the EU or the UK; the law's name follows the place.
    needs_group: bool = False
    needs_employer: bool = False
    # Washington's review of the file may be asked once a year: only when the worker ticks it.
    offers_file_review: bool = False

    @property
    def has_deadline(self) -> bool:
        return route_deadlines.has_deadline(self.id)

    @property
    def foreign(self) -> bool:
        """Written in a language other than English, so the sender sees an English preview."""
        return self.language != "en"


KINDS: dict[str, LetterKind] = {
    kind.id: kind
    for kind in (
        LetterKind(
            id="wa_personnel_file",
            language="en",
            citations=("RCW 49.12.240", "RCW 49.12.250"),
            subject=_("Request for my personnel file (RCW 49.12.240 and 49.12.250)"),
            recipient_label=_("Your employer (the company on your payslip)"),
            offers_file_review=True,
        ),
        LetterKind(
            id="ca_personnel_records",
            language="en",
            citations=("Cal. Lab. Code § 1198.5",),
            subject=_("Request to inspect and copy my personnel records (Labor Code § 1198.5)"),
            recipient_label=_("Your employer (the company on your payslip)"),
        ),
        LetterKind(
            id="ny_monitoring_notice",
            language="en",
            citations=("N.Y. Civ. Rights Law § 52-c",),
            subject=_("Request for the electronic-monitoring notice (Civil Rights Law § 52-c)"),
            recipient_label=_("Your employer (the company on your payslip)"),
        ),
        LetterKind(
            id="il_records",
            language="en",
            citations=("820 ILCS 40/9",),
            subject=_("Records of my communications and activities outside work (820 ILCS 40/9)"),
            recipient_label=_("Your employer (the company on your payslip)"),
        ),
        LetterKind(
            id="nlra_group",
            language="en",
            citations=("29 U.S.C. § 157", "29 U.S.C. § 158(a)(1)"),
            subject=_("A request from employees about the monitoring programme"),
            recipient_label=_("Your employer, or the manager who decides"),
            needs_group=True,
        ),
        LetterKind(
            id="ca_admt_access",
            language="en",
            citations=("CCPA ADMT regulations",),
            subject=_(
                "Request for information on automated decision-making technology (CCPA regulations)"
            ),
            recipient_label=_("Your employer (the company on your payslip)"),
        ),
        LetterKind(
            id="eu_colleague",
            language="en",
            citations=("Art. 15", "Art. 21(1)", "Art. 14"),
            subject=_("Access request and objection: my captured messages (Arts. 15 and 21)"),
            recipient_label=_("The company that runs the monitoring (the controller)"),
            paper_size="A4",
        ),
        LetterKind(
            id="de_works_council",
            language="de",
            citations=("§ 87 Abs. 1 Nr. 6 BetrVG", "§ 80 Abs. 2 BetrVG", "Art. 6 DSGVO"),
            subject="Überwachungssoftware: Bitte um Wahrnehmung Ihrer Mitbestimmungsrechte",
            recipient_label=_("Your works council (Betriebsrat)"),
            paper_size="A4",
            needs_employer=True,
        ),
        LetterKind(
            id="it_art4",
            language="it",
            citations=("art. 4 L. 300/1970",),
            subject="Richiesta dell'accordo sindacale o dell'autorizzazione (art. 4 L. 300/1970)",
            recipient_label=_("Your employer (the company on your payslip)"),
            paper_size="A4",
        ),
    )
}

# A colleague letter drafted without a place (the form always asks for one) counts in Ireland.
DEFAULT_EUROPEAN_COUNTRY = "IE"

# Letters written in English for a European addressee use day-month-year.
DATE_FORMATS = {"en": "F j, Y", "en_eu": "j F Y"}
MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
}


class UnknownKind(ValueError):
    """No letter of that kind exists."""


def get_kind(kind_id: str) -> LetterKind:
    try:
        return KINDS[kind_id]
    except KeyError:
        raise UnknownKind(kind_id) from None


@dataclass(frozen=True)
class RouteChoices:
    kind: str
    sender_name: str
    reply_to: str
    recipient_name: str
    sent_on: datetime.date
    recipient_address: str = ""
    recipient_email: str = ""
    employee_id: str = ""
    employer_name: str = ""
    programme_name: str = ""
    # The group letter's named volunteers, one per line; empty when sent as a petition.
    signatories: tuple[str, ...] = ()
    # The colleague letter: "GB" for the UK GDPR, else the EU GDPR.
    country: str = ""
    # Washington: also ask for the yearly review of the file.
    review_file: bool = False


@dataclass(frozen=True)
class RouteLetter:
    kind: LetterKind
    choices: RouteChoices
    reference: str
    # The date the law sets, or None; reply_by is the date the letter asks for either way.
    due_on: datetime.date | None
    reply_by: datetime.date

    @property
    def subject(self) -> str:
        text = str(self.kind.subject)
        if self.choices.programme_name:
            text += f" ({self.choices.programme_name})"
        return text

    @property
    def paper_size(self) -> str:
        return self.kind.paper_size

    @property
    def law(self) -> str:
        """The colleague letter's law: the UK GDPR in the UK, else the GDPR."""
        regime = regime_for_workplace(country=self.choices.country)
        return regime.short_name if regime else "GDPR"

    @property
    def programme(self) -> str:
        return self.choices.programme_name or ""

    def format_date(self, value: datetime.date, language: str = "") -> str:
        language = language or self.kind.language
        if language in MONTHS:
            month = MONTHS[language].split()[value.month - 1]
            return (
                f"{value.day}. {month} {value.year}"
                if language == "de"
                else (f"{value.day} {month} {value.year}")
            )
        eu = self.kind.paper_size == "A4"
        return date_format(value, DATE_FORMATS["en_eu" if eu else "en"])

    @property
    def dates(self) -> dict[str, str]:
        return self._dates(self.kind.language)

    @property
    def english_dates(self) -> dict[str, str]:
        return self._dates("en")

    def _dates(self, language: str) -> dict[str, str]:
        named = {"sent": self.choices.sent_on, "due": self.due_on, "reply_by": self.reply_by}
        return {name: self.format_date(value, language) for name, value in named.items() if value}


def compose_route_letter(*, choices: RouteChoices) -> RouteLetter:
    kind = get_kind(choices.kind)
    return RouteLetter(
        kind=kind,
        choices=choices,
        reference=_reference_for(choices),
        due_on=route_deadlines.due_on(kind.id, choices.sent_on, **_where(choices)),
        reply_by=route_deadlines.reply_by(kind.id, choices.sent_on, **_where(choices)),
    )


def _where(choices: RouteChoices) -> dict[str, str]:
    """The data-protection regime and country a GDPR-month deadline is counted under."""
    country = choices.country if choices.country in EUROPE else DEFAULT_EUROPEAN_COUNTRY
    regime = regime_for_workplace(country=country)
    return {"regime_id": regime.id if regime else "", "country": country}


def _reference_for(choices: RouteChoices) -> str:
    # Derived from the choices, so the same letter keeps its reference and nothing is stored.
    digest = hashlib.sha256(repr(choices).encode()).hexdigest()[:8].upper()
    return f"{choices.sent_on:%Y%m%d}-{digest}"


def render_route_letter(*, letter: RouteLetter, language: str = "") -> str:
    """The letter's body as plain text, in its own language or (for a preview) in English."""
    language = language or letter.kind.language
    dates = letter.dates if language == letter.kind.language else letter.english_dates
    context = {"letter": letter, "choices": letter.choices, "dates": dates}
    template = get_template(
        f"rights/letters/{language}/routes/{letter.kind.id}.txt", using="letters"
    )
    return _tidy(template.render(context))
