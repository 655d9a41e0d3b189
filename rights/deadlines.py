"""Statutory deadlines for data-rights requests, as pure date arithmetic.

Every regime is one row of :data:`RULES`; the functions below only interpret the rows, so a
new regime (LGPD, PIPEDA, Swiss FADP ...) is a new row, not a new code path.

Dates are the employer's last day to act. They are computed from the day the employer
received the request; for UK requests received on or after 5 February 2026 pass the start of
the "applicable time period" (UK GDPR Art. 12A: the latest of receipt, identity information
or fee). Clock stops (UK Art. 12A, EDPB identity tolerance) are the caller's business.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Final

import holidays

__all__ = [
    "RIGHT_RULES",
    "RULES",
    "DeadlineRule",
    "HolidayCalendar",
    "Unit",
    "UnknownCountry",
    "UnknownRegime",
    "acknowledgement_due",
    "add_business_days",
    "add_months",
    "ccpa_acknowledgement_due",
    "extension_notice_due",
    "is_working_day",
    "next_working_day",
    "response_due",
    "rule_for",
]

ONE_DAY: Final = datetime.timedelta(days=1)


def _fourth_friday_of_september(year: int) -> datetime.date:
    first = datetime.date(year, 9, 1)
    return first + datetime.timedelta(days=(4 - first.weekday()) % 7 + 21)


def _ca_judicial_extras(year: int) -> set[datetime.date]:
    """Court holidays the state calendar of the ``holidays`` package may lack (Gov. Code § 6700:
    Lincoln Day, 12 February; Native American Day, the fourth Friday in September), with the
    Friday before and the Monday after a weekend one. A superset can only make a date later."""
    found = {_fourth_friday_of_september(year)}
    lincoln = datetime.date(year, 2, 12)
    found.add(lincoln)
    if lincoln.weekday() == 5:
        found.add(lincoln - ONE_DAY)
    if lincoln.weekday() == 6:
        found.add(lincoln + ONE_DAY)
    return found


class UnknownRegime(ValueError):
    """The regime id has no row in :data:`RULES`."""


class UnknownCountry(ValueError):
    """The ``holidays`` package has no public-holiday calendar for this country code."""


class Unit(StrEnum):
    MONTHS = "months"
    CALENDAR_DAYS = "calendar_days"
    BUSINESS_DAYS = "business_days"


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """A public-holiday calendar of the ``holidays`` package (ISO 3166 code, subdivision)."""

    country: str
    subdiv: str | None = None
    # California judicial holidays (Code Civ. Proc. §§ 12a, 135) on top of the state holidays.
    judicial: bool = False

    def __post_init__(self) -> None:
        supported = holidays.list_supported_countries()
        if self.country not in supported:
            raise UnknownCountry(self.country)
        if self.subdiv is not None and self.subdiv not in supported[self.country]:
            raise UnknownCountry(f"{self.country}-{self.subdiv}")


#: Saturdays, Sundays, California state holidays and judicial holidays.
CA_COURT_DAYS: Final = HolidayCalendar("US", "CA", judicial=True)


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """How one regime counts its response period.

    ``first_day_counts`` says whether the day of receipt is day one. It changes the result only
    for day-counted periods: a month period ends on the corresponding date of the later month
    under both conventions (Reg. 1182/71 as applied by the EDPB, and the ICO's method).
    ``calendar`` is a fixed holiday calendar; ``None`` means the caller's ``country`` decides.
    """

    unit: Unit
    value: int
    extension: int
    first_day_counts: bool
    rolls_to_working_day: bool
    calendar: HolidayCalendar | None
    acknowledgement_business_days: int | None
    citation: str
    acknowledgement_first_day_counts: bool = False


RULES: Final[Mapping[str, DeadlineRule]] = MappingProxyType(
    {
        "eu_gdpr": DeadlineRule(
            unit=Unit.MONTHS,
            value=1,
            extension=2,
            first_day_counts=False,
            rolls_to_working_day=True,
            calendar=None,
            acknowledgement_business_days=None,
            citation=(
                "GDPR Art. 12(3); Reg. (EEC, Euratom) 1182/71 Arts. 2(1), 3; "
                "EDPB Guidelines 01/2022 paras 160-161"
            ),
        ),
        # The ICO's method (day of receipt is day one, the month ends on the corresponding date)
        # is kept over the "beginning with" reading of UK drafting, under which a month
        # beginning with 5 March would end on 4 April: the ICO publishes its method, it gives
        # the later of the two dates, and an accusing letter must use the later date.
        "uk_gdpr": DeadlineRule(
            unit=Unit.MONTHS,
            value=1,
            extension=2,
            first_day_counts=True,
            rolls_to_working_day=True,
            calendar=HolidayCalendar("GB", "ENG"),
            acknowledgement_business_days=None,
            citation=(
                "UK GDPR Art. 12(3) and 12A; ICO, Time limits for responding to data "
                "protection rights requests"
            ),
        ),
        # Know, delete and correct. Regs 7021(b) says the period "begins on the day the business
        # receives the request"; California's general rule (Code Civ. Proc. §§ 12, 12a; Gov.
        # Code § 6800) excludes that day and rolls a last day that is a Saturday, Sunday or
        # judicial holiday to the next day that is none of these. The later reading is the one
        # a letter may accuse on (rights/data/legal_facts.yaml, ccpa_day_counting).
        "us_ca_ccpa": DeadlineRule(
            unit=Unit.CALENDAR_DAYS,
            value=45,
            extension=45,
            first_day_counts=False,
            rolls_to_working_day=True,
            calendar=CA_COURT_DAYS,
            acknowledgement_business_days=10,
            citation=(
                "Cal. Civ. Code 1798.130(a)(2); Cal. Code Regs. tit. 11, 7021(a)-(b); "
                "Code Civ. Proc. 12, 12a"
            ),
        ),
    }
)

# Rights whose clock differs from their regime's main one.
RIGHT_RULES: Final[Mapping[tuple[str, str], DeadlineRule]] = MappingProxyType(
    {
        # Opt-out and limit: "no later than 15 business days from the date the business receives
        # the request" (Regs 7026(f), 7027(g)); no extension, no acknowledgement. The day of
        # receipt is not counted, for the same reason as above.
        ("us_ca_ccpa", right_id): DeadlineRule(
            unit=Unit.BUSINESS_DAYS,
            value=15,
            extension=0,
            first_day_counts=False,
            rolls_to_working_day=False,
            calendar=CA_COURT_DAYS,
            acknowledgement_business_days=None,
            citation=f"Cal. Code Regs. tit. 11, {section}",
        )
        for right_id, section in (("opt_out", "7026(f)"), ("limit", "7027(g)"))
    }
)


def rule_for(regime_id: str, right: str | None = None) -> DeadlineRule:
    """The rule for ``right`` under ``regime_id`` (the regime's main clock when the right has no
    clock of its own, or ``right`` is ``None``); raises :class:`UnknownRegime`."""
    try:
        main = RULES[regime_id]
    except KeyError:
        raise UnknownRegime(regime_id) from None
    return RIGHT_RULES.get((regime_id, right or ""), main)


def response_due(
    regime_id: str,
    received_on: datetime.date,
    *,
    extended: bool = False,
    country: str | None = None,
    paused_days: int = 0,
    right: str | None = None,
) -> datetime.date:
    """Return the last day on which the employer may answer a request received on ``received_on``.

    ``eu_gdpr`` -- GDPR Art. 12(3): one month; with ``extended``, two further months, i.e. three
    months from receipt. Counted under Reg. 1182/71 Art. 3 as the EDPB applies it (Guidelines
    01/2022 paras 160-161): the period ends on the same date of the later month, or that
    month's last day if it has no such date (31 Aug -> 30 Sep), and a Saturday, Sunday or
    public holiday end rolls to the next working day. Public holidays are those of
    ``country`` (ISO 3166 alpha-2 of the Member State, Reg. 1182/71 Art. 2(1)); with ``None``
    only weekends roll.

    ``uk_gdpr`` -- UK GDPR Art. 12(3), ICO method: the day of receipt is day one and the month
    ends on the corresponding date (the same end date as the EU method), clamped and rolled
    past weekends and bank holidays; ``extended`` gives three calendar months in total.
    ``country`` is ignored: the bank holidays are always those of England and Wales.

    ``us_ca_ccpa`` -- know, delete and correct: Cal. Civ. Code 1798.130(a)(2), Regs 7021(b),
    counted under Code Civ. Proc. §§ 12 and 12a: the day of receipt is excluded, so the period
    ends 45 days after it (90 with ``extended``), and a last day that is a Saturday, Sunday or
    California judicial holiday rolls to the next day that is none of these. With
    ``right="limit"`` or ``"opt_out"``: 15 business days after receipt (Regs 7027(g),
    7026(f)); no extension exists, so ``extended`` raises ValueError. ``country`` is ignored.

    ``paused_days`` -- days that do not count towards the period (UK GDPR Art. 12A "stop the
    clock"; see ``rights.timeline``). They are added to the end of the unrolled period, and only
    then does a weekend or holiday end roll, so a pause never makes the date earlier. Which
    days count, and whether a regime pauses at all, is the caller's business.
    """
    if paused_days < 0:
        raise ValueError("paused_days must not be negative")
    rule = rule_for(regime_id, right)
    if extended and not rule.extension:
        raise ValueError(f"{right or regime_id}: the law allows no extension")
    length = rule.value + (rule.extension if extended else 0)
    end = _period_end(rule, received_on, length) + datetime.timedelta(days=paused_days)
    if not rule.rolls_to_working_day:
        return end
    return next_working_day(end, _calendar_for(rule, country))


def extension_notice_due(
    regime_id: str,
    received_on: datetime.date,
    *,
    country: str | None = None,
) -> datetime.date:
    """Return the last day to tell the requester that the period is extended, with reasons.

    GDPR and UK GDPR Art. 12(3): within one month of receipt. Regs 7021(b): within the first
    45 days. Both equal the unextended :func:`response_due`; an extension announced later is
    forfeited.
    """
    return response_due(regime_id, received_on, country=country)


def acknowledgement_due(
    regime_id: str, received_on: datetime.date, *, right: str | None = None
) -> datetime.date | None:
    """Return the statutory acknowledgement date, or ``None`` where the law sets none."""
    rule = rule_for(regime_id, right)
    if rule.acknowledgement_business_days is None:
        return None
    return add_business_days(
        received_on,
        rule.acknowledgement_business_days,
        calendar=rule.calendar,
        first_day_counts=rule.acknowledgement_first_day_counts,
    )


def ccpa_acknowledgement_due(received_on: datetime.date) -> datetime.date:
    """Return the last day to confirm receipt of a CCPA request (Regs 7021(a): 10 business days).

    "Within 10 business days after receiving" it: the day of receipt is not counted. The
    regulations do not define "business day" (11 CCR 7001 has no definition); this counts
    Monday to Friday, excluding California state and judicial holidays, which gives the latest
    defensible date. Know, delete and correct only: opt-out and limit have no such step.
    """
    due = acknowledgement_due("us_ca_ccpa", received_on)
    if due is None:
        raise LookupError("the us_ca_ccpa rule has lost its acknowledgement period")
    return due


def add_months(start: datetime.date, months: int) -> datetime.date:
    """Return the same date ``months`` later, clamped to the last day of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last_day = _calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(start.day, last_day))


def add_business_days(
    start: datetime.date,
    days: int,
    *,
    calendar: HolidayCalendar | None,
    first_day_counts: bool,
) -> datetime.date:
    """Return the day on which ``days`` business days have elapsed since ``start``.

    With ``first_day_counts``, ``start`` is business day one when it is a working day.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    day = start
    counted = 1 if first_day_counts and is_working_day(start, calendar) else 0
    while counted < days:
        day += ONE_DAY
        if is_working_day(day, calendar):
            counted += 1
    return day


def next_working_day(day: datetime.date, calendar: HolidayCalendar | None) -> datetime.date:
    """Return ``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day, calendar):
        day += ONE_DAY
    return day


def is_working_day(day: datetime.date, calendar: HolidayCalendar | None) -> bool:
    """Monday to Friday and not a public holiday of ``calendar`` (weekends only if ``None``)."""
    if day.weekday() >= 5:
        return False
    if calendar is None:
        return True
    return day not in _holiday_dates(
        calendar.country, calendar.subdiv, day.year, judicial=calendar.judicial
    )


def _period_end(rule: DeadlineRule, start: datetime.date, length: int) -> datetime.date:
    if rule.unit is Unit.MONTHS:
        return add_months(start, length)
    if rule.unit is Unit.BUSINESS_DAYS:
        return add_business_days(
            start, length, calendar=rule.calendar, first_day_counts=rule.first_day_counts
        )
    return start + datetime.timedelta(days=length - 1 if rule.first_day_counts else length)


def _calendar_for(rule: DeadlineRule, country: str | None) -> HolidayCalendar | None:
    if rule.calendar is not None:
        return rule.calendar
    return None if country is None else HolidayCalendar(country.upper())


# A frozenset per year keeps lookups thread-safe: a shared holidays object fills itself lazily.
@lru_cache(maxsize=256)
def _holiday_dates(
    country: str, subdiv: str | None, year: int, *, judicial: bool = False
) -> frozenset[datetime.date]:
    found = set(holidays.country_holidays(country, subdiv=subdiv, years=year))
    if judicial:
        found |= _ca_judicial_extras(year)
    return frozenset(found)
