"""Compose a request letter from the requester's choices. Pure: no models, no storage.

The wording lives in templates under templates/rights/letters/<language>/<regime>/, one per right
per regime plus an opening and a closing, so a lawyer or translator edits letters without Python.
Letter templates are plain text: blank lines separate paragraphs, "- " starts a list item and
"## " a heading. The same text becomes the e-mail, the HTML preview and the PDF.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.template.loader import select_template
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from . import deadlines
from .regimes import Regime, Right, UnknownRight, get_regime

MONITORING_CATEGORIES: dict[str, str] = {
    "keystrokes": _("keystrokes and typed text"),
    "mouse": _("mouse movements and clicks"),
    "screen": _("screenshots and other captures of screen content"),
    "activity": _("records of the applications, websites and tools I used, and when"),
    "inferences": _("scores, ratings, profiles and other inferences derived from these data"),
    "ai_training": _(
        "the use of these data in data sets for training AI systems, and in models trained on them"
    ),
}


# How a CCPA letter names each request when it states each one's time limit.
REQUEST_NAMES: dict[str, str] = {
    "know": _("to know"),
    "delete": _("to delete"),
    "correct": _("to correct"),
    "limit": _("to limit"),
    "opt_out": _("to opt out"),
}


@dataclass(frozen=True)
class Clock:
    """One time limit and the rights it governs (a CCPA letter can have up to three)."""

    right_ids: tuple[str, ...]
    due_on: datetime.date
    extended_due_on: datetime.date | None
    acknowledgement_due_on: datetime.date | None
    citation: str

    @property
    def names(self) -> str:
        """'request to limit', 'requests to know and to delete'."""
        what = _join_words([str(REQUEST_NAMES.get(r, r)) for r in self.right_ids])
        many = len(self.right_ids) > 1
        return str(_("requests %(what)s") if many else _("request %(what)s")) % {"what": what}


def clocks_for(
    regime: Regime, right_ids: tuple[str, ...], received_on: datetime.date, *, country: str
) -> tuple[Clock, ...]:
    """The time limits of the rights asked, grouped by the rule that sets them, main clock first."""
    groups: dict[deadlines.DeadlineRule, list[str]] = {}
    for right in regime.rights:
        if right.id in right_ids:
            groups.setdefault(deadlines.rule_for(regime.id, right.id), []).append(right.id)
    clocks = []
    for rule, rights in groups.items():
        first = rights[0]
        clocks.append(
            Clock(
                right_ids=tuple(rights),
                due_on=deadlines.response_due(regime.id, received_on, country=country, right=first),
                extended_due_on=deadlines.response_due(
                    regime.id, received_on, country=country, right=first, extended=True
                )
                if rule.extension
                else None,
                acknowledgement_due_on=deadlines.acknowledgement_due(
                    regime.id, received_on, right=first
                ),
                citation=regime.deadline_citation_for(rights),
            )
        )
    return tuple(clocks)


class RightNotInRegime(ValueError):
    """A right was chosen that the chosen regime does not offer."""


@dataclass(frozen=True)
class Requester:
    name: str
    employee_id: str
    reply_to: str


@dataclass(frozen=True)
class Recipient:
    legal_name: str
    postal_address: str = ""
    email: str = ""
    web_form_url: str = ""


@dataclass(frozen=True)
class Authority:
    name: str
    complaint_url: str = ""
    postal_address: str = ""
    email: str = ""


@dataclass(frozen=True)
class LetterChoices:
    regime_id: str
    right_ids: tuple[str, ...]
    categories: tuple[str, ...]
    requester: Requester
    recipient: Recipient
    workplace_country: str
    sent_on: datetime.date
    authority: Authority | None = None
    programme_name: str = ""
    applications: str = ""
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    ask_legal_basis: bool = True
    ask_dpia: bool = True
    ask_lia: bool = True
    particular_situation: str = ""
    purpose: str = ""
    # The employing company as on the payslip, when the worker gave it.
    employer_name: str = ""
    # CCPA: an authorised agent submitting the request with the worker's signed permission
    # (Regs § 7063). No form asks for it yet: campaigns will set it.
    agent_name: str = ""


@dataclass(frozen=True)
class Letter:
    choices: LetterChoices
    regime: Regime
    rights: tuple[Right, ...]
    reference: str
    subject: str
    due_on: datetime.date
    extended_due_on: datetime.date | None
    acknowledgement_due_on: datetime.date | None
    clocks: tuple[Clock, ...] = ()

    @property
    def paper_size(self) -> str:
        return self.regime.paper_size

    @property
    def right_ids(self) -> tuple[str, ...]:
        return tuple(right.id for right in self.rights)

    @property
    def includes_access(self) -> bool:
        return any(right.is_access for right in self.rights)

    @property
    def category_phrases(self) -> list[str]:
        return [str(MONITORING_CATEGORIES[c]) for c in self.choices.categories]

    @property
    def citations(self) -> tuple[str, ...]:
        cited = [c for right in self.rights for c in right.citations_with(self.right_ids)]
        cited += self.regime.closing_citations
        cited += [c for right in self.rights for c in right.deadline_citations]
        return tuple(dict.fromkeys(cited))

    def format_date(self, value: datetime.date) -> str:
        return date_format(value, self.regime.date_format)

    @property
    def clock_dates(self) -> list[dict[str, object]]:
        """Each time limit with its dates formatted, for the closing and the preview."""
        return [
            {
                "clock": clock,
                "names": clock.names,
                "due": self.format_date(clock.due_on),
                "extended_due": self.format_date(clock.extended_due_on)
                if clock.extended_due_on
                else "",
                "acknowledgement": self.format_date(clock.acknowledgement_due_on)
                if clock.acknowledgement_due_on
                else "",
                "citation": clock.citation,
            }
            for clock in self.clocks
        ]

    @property
    def dates(self) -> dict[str, str]:
        """The letter's dates, formatted the way the regime's country writes them."""
        named = {
            "sent": self.choices.sent_on,
            "due": self.due_on,
            "extended_due": self.extended_due_on,
            "acknowledgement": self.acknowledgement_due_on,
            "period_start": self.choices.period_start,
            "period_end": self.choices.period_end,
        }
        return {name: self.format_date(value) for name, value in named.items() if value}

    @property
    def employer_name(self) -> str:
        return self.choices.employer_name.strip() or self.choices.recipient.legal_name

    @property
    def separate_contact(self) -> bool:
        """The letter goes to a privacy contact that is not the employing company."""
        return self.employer_name.casefold() != self.choices.recipient.legal_name.casefold()

    @property
    def particular_situation(self) -> str:
        """The worker's own words, or a neutral default that overstates nothing."""
        own = self.choices.particular_situation.strip()
        if own:
            return own
        where = (
            _("in the applications listed above")
            if self.choices.applications
            else _("in the applications I use for my work")
        )
        return str(
            _(
                "The monitoring records my keystrokes, mouse activity and screen content "
                "%(where)s; I was given no choice; recordings of my own work are reused to train "
                "AI systems."
            )
        ) % {"where": where}

    @property
    def purpose(self) -> str:
        """The worker's data-protection purpose, stated against an 'abusive request' refusal."""
        own = self.choices.purpose.strip()
        if own:
            return own
        return str(
            _(
                "to learn what personal data about me this monitoring collects and how they are "
                "used, to check that the processing is lawful, and to exercise my rights over them"
            )
        )

    @property
    def chosen(self) -> frozenset[str]:
        return frozenset(self.right_ids)


def compose_letter(*, choices: LetterChoices) -> Letter:
    regime = get_regime(choices.regime_id)
    rights = _rights_in_catalogue_order(regime, choices.right_ids)
    clocks = clocks_for(
        regime,
        tuple(right.id for right in rights),
        choices.sent_on,
        country=choices.workplace_country,
    )
    main = clocks[0]
    return Letter(
        choices=choices,
        regime=regime,
        rights=rights,
        reference=_reference_for(choices),
        subject=_subject_for(regime, rights, choices.programme_name),
        due_on=main.due_on,
        extended_due_on=main.extended_due_on,
        acknowledgement_due_on=main.acknowledgement_due_on,
        clocks=clocks,
    )


def _rights_in_catalogue_order(regime: Regime, right_ids: tuple[str, ...]) -> tuple[Right, ...]:
    if not right_ids:
        raise UnknownRight("no right chosen")
    foreign = set(right_ids) - regime.right_ids
    if foreign:
        raise RightNotInRegime(", ".join(sorted(foreign)))
    return tuple(right for right in regime.rights if right.id in right_ids)


def _reference_for(choices: LetterChoices) -> str:
    # Derived from the choices, so the same letter keeps its reference and nothing is stored.
    digest = hashlib.sha256(repr(choices).encode()).hexdigest()[:8].upper()
    return f"{choices.sent_on:%Y%m%d}-{digest}"


def _subject_for(regime: Regime, rights: tuple[Right, ...], programme_name: str) -> str:
    provisions = _join_words([right.headline for right in rights])
    text = str(regime.letter_subject) % {"provisions": provisions, "law": regime.short_name}
    if programme_name:
        text += f" ({programme_name})"
    return text


def _join_words(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + str(_(" and ")) + items[-1]


def render_letter_body(*, letter: Letter) -> str:
    """The letter's body as plain text, from the greeting to the signature."""
    language = translation.get_language() or "en"
    context = {"letter": letter, "choices": letter.choices, "regime": letter.regime}
    parts = [_render_part(language, letter.regime.id, "opening", context)]
    parts += [_render_part(language, letter.regime.id, r.id, context) for r in letter.rights]
    parts.append(_render_part(language, letter.regime.id, "closing", context))
    return _tidy("\n\n".join(parts))


def _render_part(language: str, regime_id: str, part: str, context: dict) -> str:
    names = [f"rights/letters/{lang}/{regime_id}/{part}.txt" for lang in (language, "en")]
    return select_template(names, using="letters").render(context)


# A name ending in a full stop ("Meta Platforms, Inc.") before the sentence's own full stop.
DOUBLED_FULL_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"
    return DOUBLED_FULL_STOP.sub(".", text)


HEADING = "## "


def as_plain_text(text: str) -> str:
    """The letter for an e-mail, a .txt file or a mailto link: each "## " heading becomes its
    words on a line of their own, underlined, as plain-text mail has always shown them."""
    lines = []
    for line in text.split("\n"):
        if line.startswith(HEADING):
            title = line.removeprefix(HEADING).strip()
            lines += [title, "-" * len(title)]
        else:
            lines.append(line)
    return "\n".join(lines)


def body_as_html(text: str) -> SafeString:
    """Turn the plain-text letter into escaped HTML paragraphs, headings and lists."""
    html = []
    for block in text.strip().split("\n\n"):
        html += [_html_for_run(run) for run in _runs(block.splitlines())]
    return mark_safe("\n".join(html))  # noqa: S308 - every piece is escaped in _html_for_run


def _runs(lines: list[str]) -> list[list[str]]:
    """Group consecutive list items, and consecutive other lines, of one block."""
    runs: list[list[str]] = []
    for line in lines:
        if runs and runs[-1][0].startswith("- ") == line.startswith("- "):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


# A citation such as "Art. 15(1)(e)" or "§ 1798.130(a)(2)" must never break across lines.
CITATION = re.compile(r"(?:Arts?\.|§§?) \d[\w.]*(?:\(\w+\))*")


def _line_html(line: str) -> str:
    return CITATION.sub(lambda m: f'<span class="cite">{m.group(0)}</span>', escape(line))


def _html_for_run(run: list[str]) -> str:
    if run[0].startswith("- "):
        return "<ul>" + "".join(f"<li>{_line_html(line[2:])}</li>" for line in run) + "</ul>"
    if len(run) == 1 and run[0].startswith(HEADING):
        return f"<h2>{_line_html(run[0].removeprefix(HEADING))}</h2>"
    return "<p>" + "<br>".join(_line_html(line) for line in run) + "</p>"
