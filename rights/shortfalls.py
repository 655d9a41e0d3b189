"""What a follow-up demands, right by right, and the dates it states. Pure: no models.

A gap letter or complaint groups the missing completeness items by the right they belong to,
and tells the employer, for each right, what the law requires of it (``Right.gap_demand``, worded in
the ``_gap_demand.txt`` templates). Only rights the request asked for appear.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import date_format

from .completeness import Item
from .letters import Clock
from .regimes import Regime


@dataclass(frozen=True)
class Shortfall:
    """What the response left out on one right that was asked."""

    right: str
    heading: str
    demand: tuple[str, ...]
    items: tuple[str, ...]


def line(item: Item) -> str:
    return f"{item.citation}: {item.label}" if item.citation else str(item.label)


def group(
    regime: Regime, *, right_ids: Iterable[str], missing: Iterable[Item], statutory: bool = True
) -> list[Shortfall]:
    """The missing items grouped by right, in the regime's order (statutory ones, or the others)."""
    chosen = set(right_ids)
    missing = list(missing)
    groups = []
    for right in regime.rights:
        if right.id not in chosen:
            continue
        items = [line(i) for i in missing if i.right == right.id and i.statutory == statutory]
        if items:
            groups.append(
                Shortfall(
                    right=right.id,
                    heading=str(right.label),
                    demand=right.gap_demand,
                    items=tuple(items),
                )
            )
    return groups


def clocks(
    regime: Regime,
    *,
    right_ids: Iterable[str],
    due_on: datetime.date,
    due_by_right: Iterable[tuple[str, datetime.date]],
    written_on: datetime.date,
) -> list[dict]:
    """The rights grouped by their last day, each with its provisions and whether it passed."""
    days: dict[datetime.date, list[str]] = {}
    for right, day in list(due_by_right) or [(r, due_on) for r in right_ids]:
        days.setdefault(day, []).append(right)
    return [
        {
            "day": day,
            "names": Clock(tuple(rights), day, None, None, "").names,
            "due": date_format(day, regime.date_format),
            "citation": regime.deadline_citation_for(rights),
            "passed": written_on > day,
        }
        for day, rights in sorted(days.items())
    ]
