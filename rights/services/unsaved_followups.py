"""Follow-up letters without an account: composed from the answers posted again, as the first
letter is, and kept nowhere (docs/architecture.md, invariant 3).

Without a timeline, the only facts are the answers: the letter was sent on the day given on the
form, nothing came back, and the due date is the one the law gives from that day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..followups import FollowUpFacts, FollowUpKind, FollowUpLetter, compose_followup
from .authorities import find_authority_matches
from .drafting import RenderedLetter, complaint_place

# What a worker without a timeline can send: a reminder to the employer, then a complaint.
KINDS = (FollowUpKind.REMINDER, FollowUpKind.COMPLAINT)


@dataclass(frozen=True)
class NextSteps:
    sent_on: datetime.date
    due_on: datetime.date
    extended_due_on: datetime.date | None
    overdue: bool  # the follow-ups can be drafted now
    authority_name: str


def next_steps(*, cleaned: dict, original: RenderedLetter, today: datetime.date) -> NextSteps:
    letter = original.letter
    authority = _authority(cleaned)
    return NextSteps(
        sent_on=letter.choices.sent_on,
        due_on=letter.due_on,
        extended_due_on=letter.extended_due_on,
        overdue=today > letter.due_on,
        authority_name=authority.name if authority else "",
    )


def unsaved_followup(
    *, cleaned: dict, original: RenderedLetter, kind: FollowUpKind, today: datetime.date
) -> FollowUpLetter:
    """One follow-up from the posted answers; ValueError when it does not fit (yet)."""
    if kind not in KINDS:
        raise ValueError(f"{kind} needs a timeline: keep the request in an account")
    letter = original.letter
    facts = FollowUpFacts(
        kind=kind,
        regime_id=letter.regime.id,
        requester=letter.choices.requester,
        recipient=letter.choices.recipient,
        authority=_authority(cleaned),
        original_subject=letter.subject,
        original_reference=letter.reference,
        original_body_text=original.body_text,
        sent_on=letter.choices.sent_on,
        received_on=letter.choices.sent_on,
        channel=_channel(letter.choices.recipient),
        due_on=letter.due_on,
        written_on=today,
        workplace_country=letter.choices.workplace_country,
        right_ids=letter.right_ids,
        employer_name=letter.employer_name,
        purpose=letter.purpose,
    )
    return compose_followup(facts=facts)


def _channel(recipient) -> str:
    # As the preview offers it: the employer's web form first, then e-mail, else the post.
    if recipient.web_form_url:
        return "web_form"
    return "email" if recipient.email else "post"


def _authority(cleaned: dict):
    regime_id = cleaned["regime"]
    place = complaint_place(
        workplace=cleaned["workplace"], residence=cleaned.get("residence"), regime_id=regime_id
    )
    matches = find_authority_matches(
        regime_id=regime_id,
        country=place.country,
        us_state=place.us_state,
        employer_slug=cleaned["employer"],
    )
    return matches[0].as_letter_authority if matches else None
