"""The events of a request's timeline, and the stops of its clock (pure: no models, no I/O).

See rights/timeline.py for how a timeline becomes a due date, and rights/timeline_rules.py for
which event may follow which.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class EventKind(StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    EXTENDED = "extended"
    CLOCK_STOPPED = "clock_stopped"
    CLOCK_RESTARTED = "clock_restarted"
    RESPONDED = "responded"
    CLOSED = "closed"
    # UK: the worker complained to the employer under DPA 2018 s.164A (a reminder, gap letter or
    # challenge counts); the ICO complaint states the date. It does not change the due date.
    COMPLAINED = "complained"
    # A follow-up letter (rights.followups) the worker sent: a record only, the clock ignores it.
    FOLLOWED_UP = "followed_up"


#: What each kind of event is called on the timeline (and in TimelineEvent.Kind's choices).
EVENT_LABELS: Final[Mapping[EventKind, Promise]] = MappingProxyType(
    {
        EventKind.SENT: _("Sent"),
        EventKind.ACKNOWLEDGED: _("Acknowledged"),
        EventKind.EXTENDED: _("Extension announced"),
        EventKind.CLOCK_STOPPED: _("Clock stopped"),
        EventKind.CLOCK_RESTARTED: _("Clock restarted"),
        EventKind.RESPONDED: _("Response received"),
        EventKind.CLOSED: _("Closed"),
        EventKind.COMPLAINED: _("Complained to the employer (UK, section 164A)"),
        EventKind.FOLLOWED_UP: _("Follow-up sent"),
    }
)


@dataclass(frozen=True)
class Event:
    """One thing that happened to a request.

    ``on`` is the day it happened. ``received_on`` is for SENT only: the day the employer
    received the request (``None`` means the day it was sent, e.g. e-mail or a web form).
    """

    kind: EventKind
    on: datetime.date
    received_on: datetime.date | None = None

    @property
    def start(self) -> datetime.date:
        """For SENT: the day the response period starts (receipt, else the sending day)."""
        return self.received_on or self.on


class TimelineError(ValueError):
    """An event that cannot follow the timeline; ``str(exc)`` is the reason for the user.

    ``reason`` is translatable (lazy); ``code`` is a stable slug for programs and tests.
    """

    def __init__(self, reason: str | Promise, code: str = "invalid") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code

    def __str__(self) -> str:
        return str(self.reason)


@dataclass(frozen=True)
class Pause:
    """A stop of the clock: ``stopped_on`` to ``restarted_on`` (``None`` while still stopped)."""

    stopped_on: datetime.date
    restarted_on: datetime.date | None

    def days(self, today: datetime.date | None = None) -> int:
        """Days excluded from the period, both ends included (see the module docstring).

        An open pause counts up to and including ``today``; without ``today`` it counts 0.
        """
        end = self.restarted_on if self.restarted_on is not None else today
        if end is None or end < self.stopped_on:
            return 0
        return (end - self.stopped_on).days + 1


def pauses(events: Sequence[Event]) -> tuple[Pause, ...]:
    """Pair CLOCK_STOPPED and CLOCK_RESTARTED events in order (a stray restart is ignored)."""
    found: list[Pause] = []
    open_since: datetime.date | None = None
    for event in events:
        if event.kind == EventKind.CLOCK_STOPPED and open_since is None:
            open_since = event.on
        elif event.kind == EventKind.CLOCK_RESTARTED and open_since is not None:
            found.append(Pause(open_since, max(event.on, open_since)))
            open_since = None
    if open_since is not None:
        found.append(Pause(open_since, None))
    return tuple(found)


def first_of(events: Sequence[Event], kind: EventKind) -> Event | None:
    return next((event for event in events if event.kind == kind), None)


def open_pause(events: Sequence[Event]) -> Pause | None:
    found = pauses(events)
    return found[-1] if found and found[-1].restarted_on is None else None
