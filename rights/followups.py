"""Compose follow-up letters for a request already sent. Pure: no models, no storage.

Four kinds, each one click from a saved request's timeline:

- ``reminder``: the response is overdue;
- ``extension_challenge``: the employer announced an extension too late, or without reasons;
- ``gap``: the response left out items that were asked for;
- ``complaint``: a complaint to the supervisory authority, with the request's timeline and the
  original letter as an annex.

Like the request letters (see letters.py), the wording lives in plain-text templates under
templates/rights/letters/<language>/followups/<regime>/<kind>.txt, rendered with the "letters"
template engine. Each letter declares the provisions it cites in ``citations``; the tests check
that every one of them appears in the text, so a citation cannot silently drift out of a template.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from django.template.loader import select_template
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from . import deadlines, letters, shortfalls
from .completeness import Item
from .places import COUNTRY_NAMES
from .regimes import Regime, Text, get_regime


class FollowUpKind(StrEnum):
    REMINDER = "reminder"
    EXTENSION_CHALLENGE = "extension_challenge"
    GAP = "gap"
    COMPLAINT = "complaint"
    REFUSAL_REBUTTAL = "refusal_rebuttal"


KIND_LABELS = {
    FollowUpKind.REMINDER: _("Reminder: the answer is overdue"),
    FollowUpKind.EXTENSION_CHALLENGE: _("Challenge the extension"),
    FollowUpKind.GAP: _("Ask for what the answer left out"),
    FollowUpKind.COMPLAINT: _("Complain to the supervisory authority"),
    FollowUpKind.REFUSAL_REBUTTAL: _("Answer a refusal as 'excessive' or 'abusive'"),
}

# What each letter is called once sent, on the timeline ("Follow-up sent: Reminder").
SENT_LABELS = {
    FollowUpKind.REMINDER: _("Reminder"),
    FollowUpKind.EXTENSION_CHALLENGE: _("Challenge to the extension"),
    FollowUpKind.GAP: _("Request for what the answer left out"),
    FollowUpKind.COMPLAINT: _("Complaint to the supervisory authority"),
    FollowUpKind.REFUSAL_REBUTTAL: _("Answer to a refusal"),
}

CHANNELS = {
    "email": _("by e-mail"),
    "post": _("by post"),
    "web_form": _("through your web form"),
}

# Days the employer is given to put things right, when no later legal date applies.
DEFAULT_DAYS_TO_REPLY = 14

# The provisions each letter cites whatever right was asked are the regime's
# ``followup_citations`` for its kind. The time limit's provisions come from the rights asked
# (Regime.deadline_citation_for), a gap letter adds each right's demand (Right.gap_demand) and
# the items it lists, and letters to the employer add the regime's controller-complaint
# provisions once they apply (UK section 164A, see `Regime.controller_complaints_apply`).


@dataclass(frozen=True)
class FollowUpFacts:
    kind: FollowUpKind
    regime_id: str
    requester: letters.Requester
    recipient: letters.Recipient  # the employer
    authority: letters.Authority | None  # required for COMPLAINT
    original_subject: str
    original_reference: str
    original_body_text: str  # the original letter's text (annex of the complaint)
    sent_on: datetime.date
    received_on: datetime.date
    channel: str  # "email" | "post" | "web_form"
    due_on: datetime.date  # statutory due date from the timeline
    written_on: datetime.date  # today
    workplace_country: str
    extension_announced_on: datetime.date | None = None
    extension_notice_due_on: datetime.date | None = None
    extension_reason: str = ""
    extension_reasons_missing: bool = False
    # The completeness items no response covered, each with the right it belongs to.
    missing_items: tuple[Item, ...] = ()
    timeline: tuple[tuple[datetime.date, str], ...] = ()
    # Added: the date by which the employer is asked to put things right (gap, extension
    # challenge, reminder). Empty: the later of the due date and DEFAULT_DAYS_TO_REPLY from today.
    reply_by: datetime.date | None = None
    # Added (UK): when the worker complained to the employer under section 164A DPA 2018.
    controller_complaint_on: datetime.date | None = None
    # Whether any response was logged: a complaint then says the answer fell short, not that
    # the request went unanswered.
    answered: bool = False
    # The rights the original request asked for: they decide what a follow-up may demand.
    right_ids: tuple[str, ...] = ()
    # Each right's own last day, where rights asked run on different clocks (CCPA limit and
    # opt-out). Empty: every right is due on ``due_on``.
    due_by_right: tuple[tuple[str, datetime.date], ...] = ()
    # CCPA: a sworn complaint (Regs § 7300) is shared with the employer; the default is the
    # complaint that is not sworn (Regs § 7301(a)), which the agency may also investigate.
    sworn: bool = False
    # The employing company as on the payslip, when it is not the addressee of the request.
    employer_name: str = ""
    # The purpose the original letter stated (answers an "abusive request" refusal).
    purpose: str = ""


@dataclass(frozen=True)
class FollowUpLetter:
    facts: FollowUpFacts
    subject: str
    body_text: str
    addressee_name: str
    addressee_email: str
    citations: tuple[str, ...]
    # Added: what the letter needs on paper, and plain-language notes for the worker (not part
    # of the letter), e.g. that a UK complaint should first go to the employer.
    reference: str = ""
    addressee_postal_address: str = ""
    notes: tuple[str, ...] = ()

    @property
    def kind(self) -> FollowUpKind:
        return self.facts.kind

    @property
    def regime(self) -> Regime:
        return get_regime(self.facts.regime_id)

    @property
    def paper_size(self) -> str:
        return self.regime.paper_size

    @property
    def to_authority(self) -> bool:
        return self.facts.kind == FollowUpKind.COMPLAINT

    @property
    def attention_line(self) -> str:
        """The line above the addressee: the employer's privacy contact, none for an authority."""
        return "" if self.to_authority else str(self.regime.attention_line)

    @property
    def has_annex(self) -> bool:
        return self.to_authority and bool(self.facts.original_body_text.strip())

    @property
    def annex_title(self) -> str:
        return str(_("Annex: my original request of %(date)s")) % {
            "date": format_date(self.regime, self.facts.sent_on)
        }

    @property
    def annex_text(self) -> str:
        if not self.has_annex:
            return ""
        subject = str(_("Subject: %(subject)s")) % {"subject": self.facts.original_subject}
        return f"{subject}\n\n{self.facts.original_body_text.strip()}\n"

    @property
    def written_on_text(self) -> str:
        return format_date(self.regime, self.facts.written_on)

    @property
    def reply_by(self) -> datetime.date | None:
        """The date the employer is asked to answer by; none for a complaint to the authority."""
        return None if self.to_authority else _reply_by(self.facts)

    @property
    def reply_by_text(self) -> str:
        return format_date(self.regime, self.reply_by) if self.reply_by else ""

    @property
    def body_html(self) -> SafeString:
        return letters.body_as_html(self.body_text)

    @property
    def annex_html(self) -> SafeString:
        return letters.body_as_html(self.annex_text)

    @property
    def email_text(self) -> str:
        text = f"{self.body_text}\n{self.facts.requester.name}\n"
        if self.has_annex:
            rule = "-" * 60
            text += f"\n{rule}\n{self.annex_title}\n{rule}\n\n{self.annex_text}"
        return letters.as_plain_text(text)

    @property
    def mailto_url(self) -> str:
        to = quote(self.addressee_email, safe="@")
        subject = quote(self.subject, safe="")
        body = quote(self.email_text, safe="")
        return f"mailto:{to}?subject={subject}&body={body}"


def format_date(regime: Regime, value: datetime.date) -> str:
    return date_format(value, regime.date_format)


def available_kinds(
    *,
    today: datetime.date,
    due_on: datetime.date,
    answered: bool = False,
    extension_announced: bool = False,
    missing_items: bool = False,
    missing_statutory: bool | None = None,
    refusal_rebuttable: bool = False,
) -> tuple[FollowUpKind, ...]:
    """The follow-ups that fit a request's state, in the order a worker would use them.

    ``missing_statutory`` says whether any missing item is one the law lists (``None``: the
    same as ``missing_items``); only those justify a complaint. A reminder that accepts an
    extension is never offered next to a challenge that rejects it.
    """
    if missing_statutory is None:
        missing_statutory = missing_items
    kinds = []
    if today > due_on and not answered and not extension_announced:
        kinds.append(FollowUpKind.REMINDER)
    if extension_announced:
        kinds.append(FollowUpKind.EXTENSION_CHALLENGE)
    if missing_items:
        kinds.append(FollowUpKind.GAP)
    if answered and refusal_rebuttable:
        kinds.append(FollowUpKind.REFUSAL_REBUTTAL)
    if today > due_on or missing_statutory or extension_announced:
        kinds.append(FollowUpKind.COMPLAINT)
    return tuple(kinds)


def compose_followup(*, facts: FollowUpFacts) -> FollowUpLetter:
    """Compose one follow-up letter. Raises ValueError when the facts do not fit the kind."""
    kind = FollowUpKind(facts.kind)
    regime = get_regime(facts.regime_id)
    _check(kind, facts)
    context = _context(kind, regime, facts)
    body = _render(regime.id, kind, context)
    if kind == FollowUpKind.COMPLAINT:
        authority = facts.authority
        name, email, address = authority.name, authority.email, authority.postal_address
    else:
        recipient = facts.recipient
        name, email, address = recipient.legal_name, recipient.email, recipient.postal_address
    return FollowUpLetter(
        facts=facts,
        subject=_subject(kind, regime, facts),
        body_text=body,
        addressee_name=name,
        addressee_email=email,
        addressee_postal_address=address,
        citations=_citations(kind, regime, facts),
        reference=_reference(facts),
        notes=_notes(kind, regime, facts),
    )


def _check(kind: FollowUpKind, facts: FollowUpFacts) -> None:
    regime = get_regime(facts.regime_id)
    if facts.channel not in CHANNELS:
        raise ValueError(f"unknown channel {facts.channel!r}: use one of {', '.join(CHANNELS)}")
    if facts.received_on < facts.sent_on:
        raise ValueError("the request cannot be received before it was sent")
    if facts.written_on < facts.sent_on:
        raise ValueError("a follow-up cannot be written before the request was sent")
    if kind == FollowUpKind.REMINDER and facts.written_on <= facts.due_on:
        raise ValueError("a reminder is for an overdue request: the due date has not passed yet")
    if kind == FollowUpKind.EXTENSION_CHALLENGE:
        if facts.extension_announced_on is None:
            raise ValueError("an extension challenge needs the date the extension was announced")
        if facts.extension_announced_on < facts.received_on:
            raise ValueError("the extension cannot be announced before the request was received")
        if facts.right_ids and not regime.extendable(facts.right_ids):
            raise ValueError("none of the rights asked can be extended: use the reminder")
        if not (_extension_late(facts) or facts.extension_reasons_missing):
            raise ValueError(
                "the extension was announced in time and with reasons: there is nothing to "
                "challenge"
            )
    if kind == FollowUpKind.GAP and not facts.missing_items:
        raise ValueError("a gap letter needs at least one missing item")
    unasked = {item.right for item in facts.missing_items} - set(facts.right_ids)
    if unasked:
        raise ValueError(f"missing items for rights the request did not ask: {sorted(unasked)}")
    if kind == FollowUpKind.COMPLAINT and facts.authority is None:
        raise ValueError("a complaint needs the supervisory authority it goes to")
    if kind == FollowUpKind.REFUSAL_REBUTTAL and not regime.refusal_rebuttal:
        raise ValueError("the answer to an 'abusive request' refusal is for the EU GDPR only")
    if facts.sworn and (kind != FollowUpKind.COMPLAINT or not regime.offers_sworn_complaint):
        raise ValueError("only a complaint to the California agency can be sworn")


def extension_notice_due(facts: FollowUpFacts) -> datetime.date:
    """The last day to announce an extension: the end of the first, unextended period."""
    if facts.extension_notice_due_on is not None:
        return facts.extension_notice_due_on
    return deadlines.response_due(
        facts.regime_id, facts.received_on, country=facts.workplace_country
    )


def _extension_late(facts: FollowUpFacts) -> bool:
    announced = facts.extension_announced_on
    return announced is not None and announced > extension_notice_due(facts)


def _reply_by(facts: FollowUpFacts) -> datetime.date:
    if facts.reply_by is not None:
        return facts.reply_by
    return max(facts.due_on, facts.written_on + datetime.timedelta(days=DEFAULT_DAYS_TO_REPLY))


def _citations(kind: FollowUpKind, regime: Regime, facts: FollowUpFacts) -> tuple[str, ...]:
    cited = list(regime.followup_citations[kind.value])
    if kind == FollowUpKind.COMPLAINT:
        sworn = regime.sworn_complaint_citations
        cited += sworn if facts.sworn else regime.unsworn_complaint_citations
    cited += re.split(r"; | and ", _deadline_citation(regime, facts, kind))
    if regime.controller_complaints_apply(facts.written_on):
        cited += regime.controller_complaint_citations
        if kind == FollowUpKind.COMPLAINT:
            cited += regime.controller_complaint_sources
    if kind == FollowUpKind.GAP:
        cited += [c for group in _shortfalls(regime, facts) for c in group.demand]
    if kind in (FollowUpKind.GAP, FollowUpKind.COMPLAINT):
        statutory_only = kind == FollowUpKind.COMPLAINT
        cited += [
            item.citation
            for item in facts.missing_items
            if item.citation and (item.statutory or not statutory_only)
        ]
    return tuple(dict.fromkeys(cited))


def _deadline_citation(regime: Regime, facts: FollowUpFacts, kind: FollowUpKind) -> str:
    if kind == FollowUpKind.EXTENSION_CHALLENGE:
        return regime.deadline_citation_for(regime.extendable(facts.right_ids))
    return regime.deadline_citation_for(facts.right_ids)


def clocks(facts: FollowUpFacts) -> list[dict]:
    """The rights grouped by their last day, each with its provisions and whether it passed."""
    return shortfalls.clocks(
        get_regime(facts.regime_id),
        right_ids=facts.right_ids,
        due_on=facts.due_on,
        due_by_right=facts.due_by_right,
        written_on=facts.written_on,
    )


def _shortfalls(regime: Regime, facts: FollowUpFacts, *, statutory: bool = True):
    return shortfalls.group(
        regime, right_ids=facts.right_ids, missing=facts.missing_items, statutory=statutory
    )


def _reference(facts: FollowUpFacts) -> str:
    digest = hashlib.sha256(repr(facts).encode()).hexdigest()[:6].upper()
    return f"{facts.original_reference}-{facts.kind.value[:3].upper()}{digest}"


def _subject(kind: FollowUpKind, regime: Regime, facts: FollowUpFacts) -> str:
    values = {
        "subject": facts.original_subject,
        "reference": facts.original_reference,
        "date": format_date(regime, facts.sent_on),
        "employer": facts.recipient.legal_name,
        "law": regime.short_name,
    }
    subjects = {
        FollowUpKind.REMINDER: _("Overdue: %(subject)s (ref. %(reference)s)"),
        FollowUpKind.EXTENSION_CHALLENGE: _(
            "Your extension is not valid: %(subject)s (ref. %(reference)s)"
        ),
        FollowUpKind.GAP: _("Incomplete response: %(subject)s (ref. %(reference)s)"),
        FollowUpKind.COMPLAINT: _(
            "%(law)s complaint about %(employer)s: request of %(date)s left unanswered "
            "(ref. %(reference)s)"
        ),
        FollowUpKind.REFUSAL_REBUTTAL: _(
            "My request is not excessive or abusive: %(subject)s (ref. %(reference)s)"
        ),
    }
    if kind == FollowUpKind.GAP and not any(item.statutory for item in facts.missing_items):
        return str(_("Follow-up: %(subject)s (ref. %(reference)s)")) % values
    if kind == FollowUpKind.COMPLAINT and facts.answered:
        answered_in_part = _(
            "%(law)s complaint about %(employer)s: request of %(date)s answered in part "
            "(ref. %(reference)s)"
        )
        return str(answered_in_part) % values
    return str(subjects[kind]) % values


def _timeline(regime: Regime, facts: FollowUpFacts) -> list[str]:
    entries = list(facts.timeline)
    if not entries:
        entries = [
            (
                facts.sent_on,
                str(_("I sent my request %(channel)s.")) % {"channel": CHANNELS[facts.channel]},
            ),
            (facts.due_on, str(_("The time limit to respond ended."))),
        ]
    return [f"{format_date(regime, day)}: {text}" for day, text in sorted(entries, key=_day)]


def _day(entry: tuple[datetime.date, str]) -> datetime.date:
    return entry[0]


def _context(kind: FollowUpKind, regime: Regime, facts: FollowUpFacts) -> dict:
    def fmt(value: datetime.date | None) -> str:
        return format_date(regime, value) if value else ""

    extension_late = _extension_late(facts)
    return {
        "facts": facts,
        "regime": regime,
        "kind": kind,
        "channel": CHANNELS[facts.channel],
        "dates": {
            "sent": fmt(facts.sent_on),
            "received": fmt(facts.received_on),
            "due": fmt(facts.due_on),
            "written": fmt(facts.written_on),
            "reply_by": fmt(_reply_by(facts)),
            "extension_announced": fmt(facts.extension_announced_on),
            "extension_notice_due": fmt(
                extension_notice_due(facts) if facts.extension_announced_on else None
            ),
            "controller_complaint": fmt(facts.controller_complaint_on),
        },
        "overdue": facts.written_on > facts.due_on,
        "extension_late": extension_late,
        "shortfalls": _shortfalls(regime, facts),
        "other_asks": [
            line for group in _shortfalls(regime, facts, statutory=False) for line in group.items
        ],
        "deadline_citation": _deadline_citation(regime, facts, kind),
        "clocks": clocks(facts),
        "employer_name": facts.employer_name or facts.recipient.legal_name,
        # The sentence supplies its own full stop after the closing quote.
        "quoted_reason": facts.extension_reason.strip().rstrip("."),
        "forty_five_days": bool(facts.right_ids)
        and set(facts.right_ids) <= {"know", "delete", "correct"},
        "timeline": _timeline(regime, facts),
        "controller_complaint_applies": regime.controller_complaints_apply(facts.written_on),
        "has_annex": bool(facts.original_body_text.strip()),
        "employer_address": ", ".join(
            line.strip() for line in facts.recipient.postal_address.splitlines() if line.strip()
        ),
        "workplace_name": str(COUNTRY_NAMES.get(facts.workplace_country, facts.workplace_country)),
    }


def _render(regime_id: str, kind: FollowUpKind, context: dict) -> str:
    language = translation.get_language() or "en"
    names = [
        f"rights/letters/{lang}/followups/{regime_id}/{kind.value}.txt"
        for lang in dict.fromkeys((language, "en"))
    ]
    text = select_template(names, using="letters").render(context)
    return letters._tidy(text)


def _notes(kind: FollowUpKind, regime: Regime, facts: FollowUpFacts) -> tuple[str, ...]:
    """Plain words for the worker about using this letter. Not part of the letter."""
    if kind == FollowUpKind.COMPLAINT:
        return tuple(str(note) for note in _complaint_notes(regime, facts))
    send_it = _(
        "Send this the same way as your request, keep a copy, and note the date you sent "
        "it on the request's timeline."
    )
    return (str(send_it),)


def _complaint_notes(regime: Regime, facts: FollowUpFacts) -> list[Text]:
    notes: list[Text] = []
    if regime.controller_complaints_apply(facts.written_on):
        notes.append(regime.controller_complaint_note)
        if facts.controller_complaint_on is None:
            notes.append(regime.undated_controller_complaint_note)
    if regime.offers_sworn_complaint:
        notes.append(regime.sworn_complaint_note if facts.sworn else regime.unsworn_complaint_note)
    return notes + list(regime.complaint_notes)
