"""Which event may follow a request's timeline: one small function per rule (pure: no models).

:func:`check_new_event` runs the rules in order and raises the first one broken, as a
:class:`TimelineError` with a plain-language, translatable reason. :func:`next_kinds` asks the
same rules, leaving out those about the dates typed in, which kinds of event may come next.
What differs between laws (stopping the clock, complaining to the employer) is read from the
regime's row in rights/regimes.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from django.utils.translation import gettext_lazy as _

from . import deadlines
from .regimes import REGIMES, Regime, get_regime
from .timeline_events import Event, EventKind, TimelineError, first_of, open_pause

_ANSWERABLE = frozenset(
    {EventKind.ACKNOWLEDGED, EventKind.EXTENDED, EventKind.CLOCK_STOPPED},
)
# Things the employer does: they cannot happen before the employer has the request.
_EMPLOYER_ACTS = frozenset(
    {
        EventKind.ACKNOWLEDGED,
        EventKind.EXTENDED,
        EventKind.CLOCK_STOPPED,
        EventKind.CLOCK_RESTARTED,
        EventKind.RESPONDED,
    }
)


def clock_can_stop(regime_id: str, received_on: datetime.date) -> bool:
    """Whether the law lets the employer stop the clock on a request received that day."""
    regime = REGIMES.get(regime_id)
    return regime is not None and regime.can_stop_clock(received_on)


@dataclass(frozen=True)
class _Proposal:
    """One more event proposed for a timeline, with what the rules read."""

    regime: Regime
    events: Sequence[Event]
    new: Event
    today: datetime.date | None

    @property
    def kind(self) -> EventKind:
        return EventKind(self.new.kind)

    @property
    def sent(self) -> Event | None:
        return first_of(self.events, EventKind.SENT)

    def logged(self, kind: EventKind) -> bool:
        return first_of(self.events, kind) is not None


_Rule = Callable[[_Proposal], TimelineError | None]


def _no_future_dates(p: _Proposal) -> TimelineError | None:
    received = p.new.received_on
    if p.today is not None and (
        p.new.on > p.today or (received is not None and received > p.today)
    ):
        return TimelineError(_("That date is in the future."), "future")
    return None


def _receipt_only_when_sent(p: _Proposal) -> TimelineError | None:
    if p.new.received_on is not None and p.kind is not EventKind.SENT:
        return TimelineError(
            _("Only the sending of the request has a day of receipt."), "received_on_not_sent"
        )
    return None


def _sent_first(p: _Proposal) -> TimelineError | None:
    if p.kind is EventKind.SENT:
        return None
    if p.kind is EventKind.RESPONDED:
        return TimelineError(
            _("A response cannot come before the request was sent. Log the day you sent it first."),
            "response_before_sent",
        )
    return TimelineError(_("Log the day you sent the request first."), "not_sent")


def _received_after_sending(p: _Proposal) -> TimelineError | None:
    received = p.new.received_on
    if received is not None and received < p.new.on:
        return TimelineError(
            _("The employer cannot have received the request before it was sent."),
            "received_before_sent",
        )
    return None


def _not_after_closing(p: _Proposal) -> TimelineError | None:
    if p.logged(EventKind.CLOSED):
        return TimelineError(
            _("This request is closed. Nothing can be added after closing it."), "after_closed"
        )
    return None


def _sent_once(p: _Proposal) -> TimelineError | None:
    if p.kind is EventKind.SENT:
        return TimelineError(_("The request has already been logged as sent."), "sent_twice")
    return None


def _not_before_sending(p: _Proposal) -> TimelineError | None:
    if p.sent is not None and p.new.on < p.sent.on:
        return TimelineError(_("That date is before the day the request was sent."), "before_sent")
    return None


def _not_before_receipt(p: _Proposal) -> TimelineError | None:
    if p.sent is not None and p.kind in _EMPLOYER_ACTS and p.new.on < p.sent.start:
        return TimelineError(
            _("That date is before the day the employer received the request."),
            "before_received",
        )
    return None


def _in_order(p: _Proposal) -> TimelineError | None:
    if p.new.on < p.events[-1].on:
        return TimelineError(
            _("That date is before the last event on the timeline. Add events in order."),
            "before_previous",
        )
    return None


def _not_after_response(p: _Proposal) -> TimelineError | None:
    if p.kind in _ANSWERABLE and p.logged(EventKind.RESPONDED):
        return TimelineError(
            _("The employer has already responded, so this can no longer happen."),
            "after_response",
        )
    return None


def _acknowledged_once(p: _Proposal) -> TimelineError | None:
    if p.kind is EventKind.ACKNOWLEDGED and p.logged(EventKind.ACKNOWLEDGED):
        return TimelineError(
            _("The request has already been logged as acknowledged."), "acknowledged_twice"
        )
    return None


def _extended_once(p: _Proposal) -> TimelineError | None:
    if p.kind is EventKind.EXTENDED and p.logged(EventKind.EXTENDED):
        return TimelineError(
            _("The law allows one extension only, and one is already logged."),
            "extended_twice",
        )
    return None


def _complaint_in_regime(p: _Proposal) -> TimelineError | None:
    if p.kind is EventKind.COMPLAINED and p.regime.controller_complaints_from is None:
        return TimelineError(
            _("Only the UK's Data Protection Act gives a right to complain to the employer."),
            "complaint_not_in_regime",
        )
    return None


_CLOCK_KINDS = frozenset({EventKind.CLOCK_STOPPED, EventKind.CLOCK_RESTARTED})


def _stop_in_regime(p: _Proposal) -> TimelineError | None:
    if p.kind in _CLOCK_KINDS and p.regime.clock_stops_from is None:
        return TimelineError(
            _(
                "Only the UK GDPR lets an employer stop the clock. Under this law the "
                "time limit keeps running while the employer waits for information."
            ),
            "stop_not_in_regime",
        )
    return None


def _stop_after_commencement(p: _Proposal) -> TimelineError | None:
    sent = p.sent
    if p.kind in _CLOCK_KINDS and sent is not None and not p.regime.can_stop_clock(sent.start):
        return TimelineError(
            _(
                "The employer received this request before 5 February 2026, so the old "
                "rules apply and the clock cannot be stopped."
            ),
            "stop_before_commencement",
        )
    return None


def _stopped_once(p: _Proposal) -> TimelineError | None:
    if p.kind is EventKind.CLOCK_STOPPED and open_pause(p.events) is not None:
        return TimelineError(
            _("The clock is already stopped. Log the day it restarted first."),
            "already_stopped",
        )
    return None


def _restart_after_stop(p: _Proposal) -> TimelineError | None:
    if p.kind is EventKind.CLOCK_RESTARTED and open_pause(p.events) is None:
        return TimelineError(
            _("The clock can only restart after it was stopped."),
            "restart_without_stop",
        )
    return None


#: The rules for the first event, then for every later one, in the order they are checked: the
#: first broken rule is the reason given.
_RULES_BEFORE_SENDING: tuple[_Rule, ...] = (
    _no_future_dates,
    _receipt_only_when_sent,
    _sent_first,
    _received_after_sending,
)
_RULES_AFTER_SENDING: tuple[_Rule, ...] = (
    _no_future_dates,
    _receipt_only_when_sent,
    _not_after_closing,
    _sent_once,
    _not_before_sending,
    _not_before_receipt,
    _in_order,
    _not_after_response,
    _acknowledged_once,
    _extended_once,
    _complaint_in_regime,
    _stop_in_regime,
    _stop_after_commencement,
    _stopped_once,
    _restart_after_stop,
)
#: The rules about the dates typed in. The others decide which kinds of event may come next.
_DATE_RULES: frozenset[_Rule] = frozenset(
    {
        _no_future_dates,
        _receipt_only_when_sent,
        _received_after_sending,
        _not_before_sending,
        _not_before_receipt,
        _in_order,
    }
)


def _rules(p: _Proposal) -> tuple[_Rule, ...]:
    return _RULES_AFTER_SENDING if p.sent is not None else _RULES_BEFORE_SENDING


def check_new_event(
    *,
    regime_id: str,
    events: Sequence[Event],
    new: Event,
    today: datetime.date | None = None,
) -> None:
    """Raise TimelineError if `new` cannot follow `events` (in the order they were logged).

    ``events`` are assumed valid (each was checked when logged). ``today``, when given, refuses
    dates after it. Raises :class:`rights.deadlines.UnknownRegime` for an unknown regime.
    """
    deadlines.rule_for(regime_id)
    proposal = _Proposal(get_regime(regime_id), events, new, today)
    for rule in _rules(proposal):
        error = rule(proposal)
        if error is not None:
            raise error


#: The order in which the kinds of event that may come next are offered.
_OFFER_ORDER: Final = (
    EventKind.SENT,
    EventKind.ACKNOWLEDGED,
    EventKind.EXTENDED,
    EventKind.CLOCK_STOPPED,
    EventKind.CLOCK_RESTARTED,
    EventKind.COMPLAINED,
    EventKind.RESPONDED,
    EventKind.FOLLOWED_UP,
    EventKind.CLOSED,
)


def next_kinds(*, regime_id: str, events: Sequence[Event]) -> tuple[EventKind, ...]:
    """The kinds of event the rules allow next, whatever their dates, in the order offered.

    Once a response is logged the clock is no longer offered: a restart stays valid when typed
    in (a partial response may follow a stop), but the answer has come.
    """
    regime = get_regime(regime_id)
    answered = first_of(events, EventKind.RESPONDED) is not None
    found = []
    for kind in _OFFER_ORDER:
        if answered and kind in _CLOCK_KINDS:
            continue
        proposal = _Proposal(regime, events, Event(kind, datetime.date.min), None)
        if all(rule(proposal) is None for rule in _rules(proposal) if rule not in _DATE_RULES):
            found.append(kind)
    return tuple(found)


def check_timeline(
    *, regime_id: str, events: Sequence[Event], today: datetime.date | None = None
) -> None:
    """Check a whole stored timeline, event by event; raise TimelineError at the first bad one."""
    for index, event in enumerate(events):
        check_new_event(regime_id=regime_id, events=events[:index], new=event, today=today)
