"""Due dates of the routes whose law sets one in calendar days. Pure: no Django.

Washington (RCW 49.12.250) gives 21 calendar days from the request, California (Labor Code
section 1198.5) 30 calendar days from receipt. The day of receipt is not counted and no weekend
or holiday roll is applied: the letters only ask for a reply by this date
(rights/data/legal_facts.yaml, wa_personnel_file and ca_labor_code_1198_5).
"""

import datetime

CALENDAR_DAYS: dict[str, int] = {
    "wa_personnel_file": 21,
    "ca_personnel_records": 30,
}


def has_deadline(kind: str) -> bool:
    return kind in CALENDAR_DAYS


def due_on(kind: str, received_on: datetime.date) -> datetime.date | None:
    """The date the answer is due, or None where the law sets no deadline."""
    days = CALENDAR_DAYS.get(kind)
    return received_on + datetime.timedelta(days=days) if days is not None else None
