"""Due dates of the routes' letters, from worked examples."""

import datetime

import pytest

from rights import route_deadlines
from rights.regimes import regime_for_workplace

D = datetime.date


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 12, 1), D(2026, 12, 22)),  # 21 calendar days, the day of receipt not counted
        (D(2027, 2, 10), D(2027, 3, 3)),  # across a short February
        (D(2028, 2, 15), D(2028, 3, 7)),  # across a leap-year February
        (D(2026, 12, 19), D(2027, 1, 9)),  # a Saturday stays a Saturday: no roll
    ],
)
def test_a_washington_personnel_file_is_due_21_calendar_days_after_the_request(received, due):
    assert route_deadlines.due_on("wa_personnel_file", received) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 12, 1), D(2026, 12, 31)),
        (D(2027, 1, 31), D(2027, 3, 2)),  # 30 days, not "one month"
        (D(2028, 1, 31), D(2028, 3, 1)),  # leap year
        (D(2026, 11, 26), D(2026, 12, 26)),  # lands on a holiday: not moved
    ],
)
def test_california_personnel_records_are_due_30_calendar_days_after_receipt(received, due):
    assert route_deadlines.due_on("ca_personnel_records", received) == due


def test_a_captured_colleagues_request_runs_on_the_gdpr_month_rolled_past_holidays():
    # 1 January is a public holiday in Ireland, 2 and 3 January a weekend.
    ireland = regime_for_workplace(country="IE").id
    uk = regime_for_workplace(country="GB").id
    assert route_deadlines.due_on(
        "eu_colleague", D(2026, 12, 1), regime_id=ireland, country="IE"
    ) == D(2027, 1, 4)
    assert route_deadlines.due_on("eu_colleague", D(2026, 3, 10), regime_id=uk, country="GB") == D(
        2026, 4, 10
    )


@pytest.mark.parametrize("kind", ["ny_monitoring_notice", "il_records", "nlra_group", "it_art4"])
def test_letters_without_a_legal_deadline_have_none_and_ask_for_30_days(kind):
    assert route_deadlines.due_on(kind, D(2026, 12, 1)) is None
    assert route_deadlines.reply_by(kind, D(2026, 12, 1)) == D(2026, 12, 31)


def test_the_admt_letter_asks_for_the_ccpa_45_days():
    assert route_deadlines.reply_by("ca_admt_access", D(2027, 1, 4)) == D(2027, 2, 18)
