"""Due dates of the routes' letters. Pure: no Django.

Washington (RCW 49.12.250) gives 21 calendar days from the request, California (Labor Code
section 1198.5) 30 calendar days from receipt. The day of receipt is not counted and no weekend
or holiday roll is applied: the letters only ask for a reply by this date
(rights/data/legal_facts.yaml, wa_personnel_file and ca_labor_code_1198_5). A captured
colleague's request runs on the GDPR's month (Art. 12(3)), computed by rights.deadlines.
Where the law sets no deadline, a letter asks for a reply within a stated number of days.
"""

import datetime

from . import deadlines

CALENDAR_DAYS: dict[str, int] = {
    "wa_personnel_file": 21,
    "ca_personnel_records": 30,
}
GDPR_MONTH = frozenset({"eu_colleague"})
# Asked for, not owed: the law sets no time limit for these letters.
ASKED_DAYS = 30
ASKED_DAYS_BY_KIND: dict[str, int] = {"ca_admt_access": 45}


def has_deadline(kind: str) -> bool:
    return kind in CALENDAR_DAYS or kind in GDPR_MONTH


def due_on(
    kind: str, received_on: datetime.date, *, regime_id: str = "", country: str = ""
) -> datetime.date | None:
    """The date the answer is due by law, or None where the law sets no deadline.

    A GDPR-month letter needs the regime where the person is (``regime_id``, from the catalogue)
    and the country whose holidays roll the date."""
    days = CALENDAR_DAYS.get(kind)
    if days is not None:
        return received_on + datetime.timedelta(days=days)
    if kind in GDPR_MONTH:
        return deadlines.response_due(regime_id, received_on, country=country)
    return None


def reply_by(
    kind: str, sent_on: datetime.date, *, regime_id: str = "", country: str = ""
) -> datetime.date:
    """The date a letter asks for an answer by: the legal deadline, or a courteous one."""
    due = due_on(kind, sent_on, regime_id=regime_id, country=country)
    if due is not None:
        return due
    return sent_on + datetime.timedelta(days=ASKED_DAYS_BY_KIND.get(kind, ASKED_DAYS))
