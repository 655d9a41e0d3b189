"""Follow-up letters for a saved request, composed from its timeline (rights.followups)."""

from __future__ import annotations

import dataclasses
import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..followups import (
    FollowUpFacts,
    FollowUpKind,
    FollowUpLetter,
    available_kinds,
    compose_followup,
)
from ..models import SavedRequest, TimelineEvent
from ..places import parse_workplace
from ..regimes import get_regime
from .authorities import find_authority_matches
from .drafting import RenderedLetter
from .tracking import asked_rights, current_answers, missing_item_list, rendered_letter, schedule_of

Kind = TimelineEvent.Kind


class FollowUpNotAvailable(LookupError):
    """The request's state does not call for this follow-up (yet)."""


def available_followups(*, saved: SavedRequest, today: datetime.date) -> tuple[FollowUpKind, ...]:
    schedule = schedule_of(saved=saved, today=today)
    if schedule is None:
        return ()
    # From saved.events.all(), so a timeline loaded once (tracking.with_timeline) is read again.
    kinds = {event.kind for event in saved.events.all()}
    extension = next((e for e in saved.events.all() if e.kind == Kind.EXTENDED), None)
    extendable = get_regime(saved.regime_id).extendable(asked_rights(saved=saved))
    challengeable = (
        extension is not None
        and bool(extendable)
        and (schedule.extension_in_time is False or not extension.details.strip())
    )
    missing = missing_item_list(saved=saved)
    return available_kinds(
        today=today,
        due_on=schedule.due_on,
        answered=Kind.RESPONDED in kinds,
        extension_announced=challengeable,
        missing_items=bool(missing),
        missing_statutory=any(item.statutory for item in missing),
        refusal_rebuttable=get_regime(saved.regime_id).refusal_rebuttal,
    )


def followup_letter(
    *, saved: SavedRequest, kind: str, today: datetime.date, sworn: bool = False
) -> FollowUpLetter:
    """The follow-up of this kind; FollowUpNotAvailable when the timeline does not call for it.

    ``sworn`` asks for the CCPA's sworn complaint, offered only to a confirmed California
    resident; the default complaint is not sworn.
    """
    try:
        wanted = FollowUpKind(kind)
    except ValueError:
        raise FollowUpNotAvailable(kind) from None
    if wanted not in available_followups(saved=saved, today=today):
        raise FollowUpNotAvailable(kind)
    if sworn and not (wanted == FollowUpKind.COMPLAINT and sworn_complaint_offered(saved=saved)):
        raise FollowUpNotAvailable("sworn")
    try:
        facts = _facts(saved=saved, kind=wanted, today=today)
        return compose_followup(facts=dataclasses.replace(facts, sworn=sworn))
    except ValueError as exc:
        raise FollowUpNotAvailable(str(exc)) from exc


def sworn_complaint_offered(*, saved: SavedRequest) -> bool:
    """Only a worker who confirmed California residence is offered the sworn CCPA complaint."""
    residence = current_answers(saved=saved).get("residence") or [""]
    regime = get_regime(saved.regime_id)
    return regime.offers_sworn_complaint and residence[0] == regime.resident_of


def _facts(*, saved: SavedRequest, kind: FollowUpKind, today: datetime.date) -> FollowUpFacts:
    original = rendered_letter(saved=saved)
    schedule = schedule_of(saved=saved, today=today)
    events = list(saved.events.all())
    sent = next(event for event in events if event.kind == Kind.SENT)
    extension = next((event for event in events if event.kind == Kind.EXTENDED), None)
    complained = next((event for event in events if event.kind == Kind.COMPLAINED), None)
    return FollowUpFacts(
        kind=kind,
        regime_id=saved.regime_id,
        requester=original.letter.choices.requester,
        recipient=original.letter.choices.recipient,
        authority=_authority(saved=saved, original=original),
        original_subject=original.letter.subject,
        original_reference=original.letter.reference,
        original_body_text=original.body_text,
        sent_on=sent.on,
        received_on=schedule.received_on,
        channel=sent.channel or TimelineEvent.Channel.EMAIL,
        due_on=schedule.due_on,
        written_on=today,
        workplace_country=original.letter.choices.workplace_country,
        extension_announced_on=extension.on if extension else None,
        extension_notice_due_on=schedule.extension_notice_due_on,
        extension_reason=extension.details if extension else "",
        extension_reasons_missing=extension is not None and not extension.details.strip(),
        missing_items=missing_item_list(saved=saved),
        right_ids=asked_rights(saved=saved),
        due_by_right=() if schedule.overridden else schedule.due_by_right,
        employer_name=original.letter.employer_name,
        purpose=original.letter.purpose,
        controller_complaint_on=complained.on if complained else None,
        answered=any(event.kind == Kind.RESPONDED for event in events),
        timeline=tuple((event.on, _describe(event)) for event in events),
    )


def _authority(*, saved: SavedRequest, original: RenderedLetter):
    answers = current_answers(saved=saved)
    key = get_regime(saved.regime_id).coverage_follows
    place = parse_workplace((answers.get(key) or [""])[0])
    if place is None:
        return None
    employer = (answers.get("employer") or [""])[0]
    matches = find_authority_matches(
        regime_id=saved.regime_id,
        country=place.country,
        us_state=place.us_state,
        employer_slug=employer,
    )
    return matches[0].as_letter_authority if matches else None


def _describe(event: TimelineEvent) -> str:
    text = str(event.get_kind_display())
    if event.followup_kind:
        text += f": {event.get_followup_kind_display()}"
    if event.channel:
        text += f" ({event.get_channel_display()})"
    if event.received_on:
        day = date_format(event.received_on, "j F Y")
        text += ", " + _("received %(day)s") % {"day": day}
    if event.details:
        text += f": {event.details}"
    return text
