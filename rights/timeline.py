"""A saved request's timeline, turned into its due date (pure: no models, no clock, no I/O).

A request is tracked as a list of :class:`Event` in the order the user logged them. Two
functions read that list:

* :func:`check_new_event` says whether one more event may follow (raising
  :class:`TimelineError` with a plain-language, translatable reason when not; its rules, one
  function each, are in :mod:`rights.timeline_rules`, and the events in
  :mod:`rights.timeline_events`), and
* :func:`schedule` derives the dates the dashboard, reminders and follow-up letters need.

Date arithmetic is delegated to :mod:`rights.deadlines`; this module only decides *which*
period applies (plain or extended) and *how many days* do not count (UK stop the clock).

Readings taken, with sources
----------------------------

**Start of the period.** The day the employer received the request (``SENT.received_on``,
defaulting to the day it was sent). GDPR Art. 12(3) and UK GDPR Art. 12(3)/12A run from receipt;
CCPA Regs 7021(b) from "the day the business receives the request".

**Extensions.** GDPR/UK GDPR Art. 12(3): two further months where necessary, the person being
told "within one month of receipt" (UK: "before the end of the first month"); Regs 7021(b): 45
further days with notice "within the first 45 days". An extension announced on or before
:func:`rights.deadlines.extension_notice_due` gives the extended date. One announced later is
forfeited: the due date stays the unextended one and ``extension_in_time`` is ``False`` so a
challenge letter can be offered. Only one extension exists in each regime, hence only one
EXTENDED event.

**UK stop the clock (Art. 12A, inserted by the Data (Use and Access) Act 2025 s.76, in force on
5 February 2026 by SI 2026/82 reg. 2(h); requests received before then follow the old rules).**
Where the controller reasonably needs more information to identify the information or the
processing a request relates to, it may ask for it, and "the period beginning with the day on
which the controller makes the request and ending with the day on which the controller receives
the information does not count towards" the applicable time period, nor towards the one-month
period for announcing an extension. That wording is quoted from the same amendment as it appears
in DPA 2018 s.54(3C) (law-enforcement processing; legislation.gov.uk), which mirrors
Art. 12A; the ICO's guidance and the Ashfords and Bratby notes (2026) describe the UK GDPR rule
the same way ("paused ... restarts once the information is provided").

  So a stop logged on day S and a restart on day R remove **R - S + 1** days: both the day of
  asking and the day of receipt are inside the excluded period ("beginning with ... ending
  with" is inclusive in UK drafting). Worked example (tested): received 9 March 2026, due
  9 April; clarification asked 12 March and given 18 March: 7 days (12..18) do not count, so
  the period ends on 16 April 2026. A third-party calculator (myprivacy.tools) counts R - S
  (resuming the day after the answer yet counting 7 days for 20->27 Feb); that contradicts the
  statutory words, gives the employer a day less, and is not followed here.

  The excluded days are added to the end of the unrolled calendar-month period and the result
  is then rolled past weekends and England and Wales bank holidays
  (:func:`rights.deadlines.response_due` with ``paused_days``). A pause only counts if it
  begins on or before the day the period (as lengthened by earlier pauses) ends: once the
  period has run out there is nothing left to pause, and a late request for clarification does
  not revive an expired deadline. The same applies separately to the extension-notice period.

  A clock stopped and not yet restarted: the days so far are counted up to and including
  ``today`` when it is given (so the dashboard shows the date the employer would have if the
  answer arrived today) and as 0 when it is not. ``clock_running`` is ``False`` meanwhile.

  The EU has no statutory pause (the EDPB only tolerates one for genuine identity doubts,
  Guidelines 01/2022 para 159), and under the CCPA verification does not stop the 45 days
  (Civ. Code 1798.130(a)(2)); CLOCK_STOPPED is refused for both.

**Responses and closing.** A response may come in parts, so RESPONDED may repeat until the
request is CLOSED. Once anything has been answered or the request is closed the clock is shown
as not running, but the due date stays as computed so the dashboard can still show when it was
due and whether the answer was late.

**Acknowledgement.** Only the CCPA sets one (Regs 7021(a): 10 business days after receipt,
for requests to know, delete and correct); ``acknowledgement_due_on`` is ``None`` for the GDPR,
the UK GDPR and a CCPA request that only limits or opts out.

**Rights with their own clock.** CCPA limit and opt-out run 15 business days after receipt,
with no extension and no pause (Regs 7026(f), 7027(g)). ``due_by_right`` gives each right asked
its own last day and ``due_on`` is the earliest of them, so the dashboard and the reminder
e-mails warn at the first deadline; follow-up letters state each right's date.

:func:`schedule` is deliberately tolerant of timelines that :func:`check_new_event` would have
refused (it never raises on order): it uses the first SENT and the first EXTENDED event, pairs
stops and restarts in order, and ignores stops where the law has none. Use
:func:`check_timeline` to validate a whole stored list.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from . import deadlines
from .regimes import UK_STOP_THE_CLOCK_FROM
from .timeline_events import (
    EVENT_LABELS,
    Event,
    EventKind,
    Pause,
    TimelineError,
    first_of,
    pauses,
)
from .timeline_rules import check_new_event, check_timeline, clock_can_stop, next_kinds

__all__ = [
    "UK_STOP_THE_CLOCK_FROM",
    "Event",
    "EVENT_LABELS",
    "EventKind",
    "Pause",
    "Schedule",
    "TimelineError",
    "check_new_event",
    "check_timeline",
    "clock_can_stop",
    "next_kinds",
    "pauses",
    "schedule",
]


@dataclass(frozen=True)
class Schedule:
    received_on: datetime.date
    computed_due_on: datetime.date
    due_on: datetime.date
    overridden: bool
    original_due_on: datetime.date
    extension_notice_due_on: datetime.date
    extension_claimed: bool
    extension_in_time: bool | None
    paused_days: int
    clock_running: bool
    acknowledgement_due_on: datetime.date | None
    closed: bool
    # Each right asked and its own last day (CCPA limit and opt-out run 15 business days).
    due_by_right: tuple[tuple[str, datetime.date], ...] = ()


# --- Due dates --------------------------------------------------------------------------------


def schedule(
    *,
    regime_id: str,
    country: str | None,
    events: Sequence[Event],
    override: datetime.date | None = None,
    today: datetime.date | None = None,
    right_ids: Sequence[str] = (),
) -> Schedule | None:
    """None until a SENT event exists.

    ``right_ids`` are the rights asked. A right with a clock of its own (CCPA limit and opt-out:
    no extension, no pause) gets its own date in ``due_by_right``; ``due_on`` is the earliest
    date of them all, so the dashboard and reminders warn at the first deadline.

    ``country`` is the EU Member State whose public holidays roll an EU date (ignored for the UK
    and California). ``today`` only matters while the clock is stopped: the days paused so far
    are counted up to it (0 without it). ``override`` replaces ``due_on`` and sets
    ``overridden``; ``computed_due_on`` stays the statutory date.
    """
    sent = first_of(events, EventKind.SENT)
    if sent is None:
        return None
    start = sent.start
    stops = pauses(events) if clock_can_stop(regime_id, start) else ()

    def due(*, extended: bool) -> tuple[datetime.date, int]:
        return _due_with_pauses(
            regime_id, start, country=country, extended=extended, stops=stops, today=today
        )

    original = deadlines.response_due(regime_id, start, country=country)
    # Art. 12A: the excluded days do not count towards the extension-notice month either.
    notice_due, _notice_paused = due(extended=False)
    extension = first_of(events, EventKind.EXTENDED)
    in_time = None if extension is None else extension.on <= notice_due
    computed, paused = due(extended=bool(in_time))

    by_right = _due_by_right(regime_id, start, country, right_ids, main=computed)
    main_clock = not right_ids or any(
        deadlines.rule_for(regime_id, r) is deadlines.rule_for(regime_id) for r in right_ids
    )
    if by_right:
        computed = min(day for _right, day in by_right)

    answered = any(e.kind in (EventKind.RESPONDED, EventKind.CLOSED) for e in events)
    stopped = bool(stops) and stops[-1].restarted_on is None
    return Schedule(
        received_on=start,
        computed_due_on=computed,
        due_on=override if override is not None else computed,
        overridden=override is not None,
        original_due_on=original,
        extension_notice_due_on=notice_due,
        extension_claimed=extension is not None,
        extension_in_time=in_time,
        paused_days=paused,
        clock_running=not (answered or stopped),
        acknowledgement_due_on=deadlines.acknowledgement_due(regime_id, start)
        if main_clock
        else None,
        closed=first_of(events, EventKind.CLOSED) is not None,
        due_by_right=by_right,
    )


def _due_by_right(
    regime_id: str,
    start: datetime.date,
    country: str | None,
    right_ids: Sequence[str],
    *,
    main: datetime.date,
) -> tuple[tuple[str, datetime.date], ...]:
    main_rule = deadlines.rule_for(regime_id)
    found = []
    for right in right_ids:
        if deadlines.rule_for(regime_id, right) is main_rule:
            found.append((right, main))
        else:
            found.append(
                (right, deadlines.response_due(regime_id, start, country=country, right=right))
            )
    return tuple(found)


def _due_with_pauses(
    regime_id: str,
    start: datetime.date,
    *,
    country: str | None,
    extended: bool,
    stops: Sequence[Pause],
    today: datetime.date | None,
) -> tuple[datetime.date, int]:
    """The period's last day with the pauses that began while it was still running."""
    paused = 0
    due = deadlines.response_due(regime_id, start, extended=extended, country=country)
    for stop in stops:
        if stop.stopped_on > due:
            break  # the period had already ended; later stops cannot revive it
        paused += stop.days(today)
        due = deadlines.response_due(
            regime_id, start, extended=extended, country=country, paused_days=paused
        )
    return due, paused
