"""Worked examples for rights.deadlines; every expected date was checked against a calendar."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rights.deadlines import (
    RULES,
    Unit,
    UnknownCountry,
    UnknownRegime,
    acknowledgement_due,
    add_business_days,
    add_months,
    ccpa_acknowledgement_due,
    extension_notice_due,
    response_due,
)

# --- EU GDPR: Art. 12(3), Reg. 1182/71 as applied by the EDPB -------------------------------


def test_gdpr_request_received_on_5_march_is_due_on_5_april() -> None:
    # 5 Apr 2027 is a Monday, so nothing rolls.
    assert response_due("eu_gdpr", date(2027, 3, 5)) == date(2027, 4, 5)


def test_gdpr_request_received_on_31_august_is_due_on_30_september() -> None:
    assert response_due("eu_gdpr", date(2026, 8, 31)) == date(2026, 9, 30)


def test_gdpr_request_received_on_31_january_in_a_common_year_is_due_on_28_february() -> None:
    # 28 Feb 2029 is a Wednesday.
    assert response_due("eu_gdpr", date(2029, 1, 31)) == date(2029, 2, 28)


def test_gdpr_request_received_on_31_january_2028_is_due_on_leap_day() -> None:
    assert response_due("eu_gdpr", date(2028, 1, 31)) == date(2028, 2, 29)


def test_gdpr_request_received_on_31_january_2027_rolls_from_sunday_28_february_to_1_march() -> (
    None
):
    assert response_due("eu_gdpr", date(2027, 1, 31)) == date(2027, 3, 1)


def test_gdpr_request_received_on_leap_day_2028_is_due_on_29_march() -> None:
    assert response_due("eu_gdpr", date(2028, 2, 29)) == date(2028, 3, 29)


def test_gdpr_deadline_on_a_saturday_rolls_to_monday() -> None:
    # 3 Oct 2026 is a Saturday.
    assert response_due("eu_gdpr", date(2026, 9, 3)) == date(2026, 10, 5)


def test_gdpr_deadline_on_a_sunday_rolls_to_monday_without_a_country() -> None:
    # 5 Apr 2026 is Easter Sunday; without a country Easter Monday is a working day.
    assert response_due("eu_gdpr", date(2026, 3, 5)) == date(2026, 4, 6)


def test_gdpr_deadline_on_easter_sunday_in_ireland_rolls_past_easter_monday_to_tuesday() -> None:
    assert response_due("eu_gdpr", date(2026, 3, 5), country="IE") == date(2026, 4, 7)


def test_gdpr_deadline_on_st_patricks_day_in_ireland_rolls_to_the_next_day() -> None:
    # 17 Mar 2027 is a Wednesday and an Irish public holiday.
    assert response_due("eu_gdpr", date(2027, 2, 17), country="IE") == date(2027, 3, 18)


def test_gdpr_deadline_without_a_country_ignores_irish_public_holidays() -> None:
    assert response_due("eu_gdpr", date(2027, 2, 17)) == date(2027, 3, 17)


def test_gdpr_request_received_on_25_november_2026_in_ireland_is_due_on_28_december() -> None:
    # Christmas (Fri) and St Stephen's Day (Sat) fall before Sunday 27 Dec.
    assert response_due("eu_gdpr", date(2026, 11, 25), country="IE") == date(2026, 12, 28)


def test_gdpr_deadline_in_ireland_does_not_roll_on_an_english_bank_holiday() -> None:
    # 31 Aug 2026 is the English late summer bank holiday, not an Irish one.
    assert response_due("eu_gdpr", date(2026, 7, 31), country="IE") == date(2026, 8, 31)


def test_gdpr_country_code_is_case_insensitive() -> None:
    assert response_due("eu_gdpr", date(2027, 2, 17), country="ie") == date(2027, 3, 18)


def test_gdpr_unknown_country_code_raises() -> None:
    with pytest.raises(UnknownCountry):
        response_due("eu_gdpr", date(2026, 3, 5), country="XX")


def test_gdpr_extended_deadline_is_three_months_so_30_november_2027_is_due_on_leap_day() -> None:
    due = response_due("eu_gdpr", date(2027, 11, 30), extended=True)
    assert due == date(2028, 2, 29)
    assert due != date(2028, 1, 31)


def test_gdpr_extended_deadline_from_30_november_2026_rolls_from_sunday_to_1_march() -> None:
    assert response_due("eu_gdpr", date(2026, 11, 30), extended=True) == date(2027, 3, 1)


def test_gdpr_extended_deadline_from_31_august_is_clamped_to_30_november() -> None:
    assert response_due("eu_gdpr", date(2026, 8, 31), extended=True) == date(2026, 11, 30)


def test_gdpr_extended_deadline_rolls_past_sunday_and_the_irish_may_bank_holiday() -> None:
    # 30 Apr 2028 is a Sunday; 1 May 2028 is the Irish May bank holiday.
    assert response_due("eu_gdpr", date(2028, 1, 31), extended=True) == date(2028, 5, 1)
    assert response_due("eu_gdpr", date(2028, 1, 31), extended=True, country="IE") == date(
        2028, 5, 2
    )


def test_gdpr_extension_must_be_announced_by_the_unextended_deadline() -> None:
    assert extension_notice_due("eu_gdpr", date(2026, 8, 31)) == date(2026, 9, 30)
    assert extension_notice_due("eu_gdpr", date(2026, 3, 5), country="IE") == date(2026, 4, 7)


def test_gdpr_sets_no_statutory_acknowledgement_date() -> None:
    assert acknowledgement_due("eu_gdpr", date(2026, 8, 31)) is None


# --- UK GDPR: ICO method, England and Wales bank holidays --------------------------------------


def test_uk_request_received_on_3_september_is_due_on_3_october() -> None:
    # 3 Oct 2025 is a Friday.
    assert response_due("uk_gdpr", date(2025, 9, 3)) == date(2025, 10, 3)


def test_uk_request_received_on_a_sunday_counts_that_sunday_as_day_one() -> None:
    # 3 Sep 2028 is a Sunday; 3 Oct 2028 is a Tuesday.
    assert response_due("uk_gdpr", date(2028, 9, 3)) == date(2028, 10, 3)


def test_uk_request_received_on_31_march_is_due_on_30_april() -> None:
    assert response_due("uk_gdpr", date(2027, 3, 31)) == date(2027, 4, 30)


def test_uk_request_received_on_25_november_2026_rolls_past_christmas_to_29_december() -> None:
    # 25 Dec Fri and 28 Dec Mon (Boxing Day substitute) are bank holidays.
    assert response_due("uk_gdpr", date(2026, 11, 25)) == date(2026, 12, 29)


def test_uk_request_received_on_1_august_is_due_on_1_september_not_2_september() -> None:
    due = response_due("uk_gdpr", date(2026, 8, 1))
    assert due == date(2026, 9, 1)
    assert due != date(2026, 9, 2)


def test_uk_request_received_on_1_august_2029_rolls_from_saturday_1_september_to_monday() -> None:
    assert response_due("uk_gdpr", date(2029, 8, 1)) == date(2029, 9, 3)


def test_uk_deadline_on_good_friday_2027_rolls_over_easter_to_tuesday_30_march() -> None:
    # 26 Mar 2027 is Good Friday and 29 Mar 2027 is Easter Monday.
    assert response_due("uk_gdpr", date(2027, 2, 26)) == date(2027, 3, 30)


def test_uk_request_received_on_28_february_2027_rolls_past_easter_monday_to_30_march() -> None:
    # 28 Mar 2027 is a Sunday, followed by Easter Monday.
    assert response_due("uk_gdpr", date(2027, 2, 28)) == date(2027, 3, 30)


def test_uk_extended_deadline_landing_on_easter_monday_2027_moves_to_30_march() -> None:
    assert response_due("uk_gdpr", date(2026, 12, 29), extended=True) == date(2027, 3, 30)


def test_uk_deadline_on_the_late_summer_bank_holiday_rolls_to_tuesday() -> None:
    assert response_due("uk_gdpr", date(2026, 7, 31)) == date(2026, 9, 1)


def test_uk_extended_deadline_from_leap_day_rolls_past_the_spring_bank_holiday() -> None:
    # 29 May 2028 is the spring bank holiday in England but an ordinary Monday with no country.
    assert response_due("uk_gdpr", date(2028, 2, 29), extended=True) == date(2028, 5, 30)
    assert response_due("eu_gdpr", date(2028, 2, 29), extended=True) == date(2028, 5, 29)


def test_uk_extended_deadline_is_three_months_so_30_november_2027_is_due_on_leap_day() -> None:
    assert response_due("uk_gdpr", date(2027, 11, 30), extended=True) == date(2028, 2, 29)


def test_uk_extended_deadline_rolls_past_sunday_and_the_may_day_bank_holiday() -> None:
    assert response_due("uk_gdpr", date(2028, 1, 31), extended=True) == date(2028, 5, 2)


def test_uk_deadline_ignores_the_country_argument() -> None:
    assert response_due("uk_gdpr", date(2026, 11, 25), country="IE") == date(2026, 12, 29)


def test_uk_extension_must_be_announced_by_the_unextended_deadline() -> None:
    assert extension_notice_due("uk_gdpr", date(2026, 11, 25)) == date(2026, 12, 29)


# --- California CCPA: Civ. Code 1798.130(a)(2), Regs 7021, 7026(f), 7027(g); CCP 12, 12a --------
# The day of receipt is excluded (Code Civ. Proc. § 12) and a last day that is a Saturday, Sunday
# or California judicial holiday rolls to the next day that is none of these (§ 12a): the later
# reading, the only one a letter may accuse on (legal_facts.yaml, ccpa_day_counting).


def test_ccpa_request_received_on_2_november_2026_is_due_45_days_later_on_17_december() -> None:
    assert response_due("us_ca_ccpa", date(2026, 11, 2)) == date(2026, 12, 17)


def test_ccpa_excludes_the_day_of_receipt_from_the_45_days() -> None:
    received = date(2026, 11, 2)
    assert (response_due("us_ca_ccpa", received) - received).days == 45


def test_ccpa_deadline_on_a_saturday_rolls_over_the_weekend_to_monday() -> None:
    # 4 Nov 2026 + 45 days is Saturday 19 December.
    assert response_due("us_ca_ccpa", date(2026, 11, 4)) == date(2026, 12, 21)


def test_ccpa_deadline_on_thanksgiving_rolls_past_the_day_after_and_the_weekend() -> None:
    # 12 Oct 2026 + 45 days is Thursday 26 November, Thanksgiving; Friday 27 is the day after.
    assert response_due("us_ca_ccpa", date(2026, 10, 12)) == date(2026, 11, 30)


def test_ccpa_deadline_on_presidents_day_rolls_to_tuesday() -> None:
    # 1 Jan 2027 + 45 days is Monday 15 February 2027, Presidents' Day.
    assert response_due("us_ca_ccpa", date(2027, 1, 1)) == date(2027, 2, 16)


def test_ccpa_deadline_on_native_american_day_a_judicial_holiday_rolls_to_monday() -> None:
    # 11 Aug 2026 + 45 days is Friday 25 September 2026, the fourth Friday in September.
    assert response_due("us_ca_ccpa", date(2026, 8, 11)) == date(2026, 9, 28)


def test_ccpa_deadline_on_lincoln_day_rolls_past_presidents_day() -> None:
    # 29 Dec 2026 + 45 days is Friday 12 February 2027 (Lincoln Day); Monday 15 is Presidents' Day.
    assert response_due("us_ca_ccpa", date(2026, 12, 29)) == date(2027, 2, 16)


def test_ccpa_45_days_span_leap_day_in_2028_but_not_in_2027() -> None:
    assert response_due("us_ca_ccpa", date(2028, 2, 1)) == date(2028, 3, 17)
    assert response_due("us_ca_ccpa", date(2027, 2, 1)) == date(2027, 3, 18)


def test_ccpa_extended_deadline_is_90_days_after_receipt_rolled_off_a_sunday() -> None:
    # 2 Nov 2026 + 90 days is Sunday 31 January 2027.
    assert response_due("us_ca_ccpa", date(2026, 11, 2), extended=True) == date(2027, 2, 1)


def test_ccpa_deadline_ignores_the_country_argument() -> None:
    assert response_due("us_ca_ccpa", date(2026, 11, 2), country="IE") == date(2026, 12, 17)


def test_ccpa_extension_announced_on_day_45_after_receipt_is_in_time() -> None:
    assert extension_notice_due("us_ca_ccpa", date(2026, 11, 2)) == date(2026, 12, 17)


def test_ccpa_limit_is_due_15_business_days_after_receipt_skipping_veterans_day() -> None:
    # Mon 2 Nov 2026 is not counted; Wed 11 Nov is a holiday; the 15th business day is 24 Nov.
    assert response_due("us_ca_ccpa", date(2026, 11, 2), right="limit") == date(2026, 11, 24)


def test_ccpa_opt_out_over_thanksgiving_is_due_15_business_days_later_on_9_december() -> None:
    assert response_due("us_ca_ccpa", date(2026, 11, 16), right="opt_out") == date(2026, 12, 9)


def test_ccpa_know_delete_and_correct_keep_the_45_day_clock() -> None:
    for right in ("know", "delete", "correct", None):
        assert response_due("us_ca_ccpa", date(2026, 11, 2), right=right) == date(2026, 12, 17)


@pytest.mark.parametrize("right", ["limit", "opt_out"])
def test_ccpa_limit_and_opt_out_cannot_be_extended(right: str) -> None:
    with pytest.raises(ValueError, match="no extension"):
        response_due("us_ca_ccpa", date(2026, 11, 2), right=right, extended=True)


def test_ccpa_acknowledgement_is_ten_business_days_after_receipt_over_a_weekend() -> None:
    # Thu 13 Aug 2026 is not counted; Fri 14 is day 1 and Thu 27 Aug day 10.
    assert ccpa_acknowledgement_due(date(2026, 8, 13)) == date(2026, 8, 27)


def test_ccpa_acknowledgement_for_a_saturday_request_starts_counting_on_monday() -> None:
    assert ccpa_acknowledgement_due(date(2026, 8, 15)) == date(2026, 8, 28)


def test_ccpa_acknowledgement_skips_thanksgiving_and_the_day_after() -> None:
    assert ccpa_acknowledgement_due(date(2026, 11, 16)) == date(2026, 12, 2)


def test_ccpa_acknowledgement_for_a_request_received_on_thanksgiving_starts_on_monday() -> None:
    assert ccpa_acknowledgement_due(date(2026, 11, 26)) == date(2026, 12, 11)


def test_ccpa_acknowledgement_skips_christmas_day() -> None:
    # Christmas Eve 2026 (Thu) is a business day; Christmas Day (Fri) is not.
    assert ccpa_acknowledgement_due(date(2026, 12, 14)) == date(2026, 12, 29)


def test_ccpa_acknowledgement_is_driven_by_the_rules_table() -> None:
    assert acknowledgement_due("us_ca_ccpa", date(2026, 8, 13)) == date(2026, 8, 27)


@pytest.mark.parametrize("right", ["limit", "opt_out"])
def test_ccpa_limit_and_opt_out_have_no_acknowledgement_step(right: str) -> None:
    assert acknowledgement_due("us_ca_ccpa", date(2026, 8, 13), right=right) is None


# --- Shared helpers and errors -----------------------------------------------------------------


@pytest.mark.parametrize("regime_id", ["br_lgpd", "", "EU_GDPR", "uk_gdpr_dpa2018"])
def test_unknown_regime_raises_unknown_regime_which_is_a_value_error(regime_id: str) -> None:
    with pytest.raises(UnknownRegime):
        response_due(regime_id, date(2026, 3, 5))
    with pytest.raises(ValueError):
        extension_notice_due(regime_id, date(2026, 3, 5))


def test_adding_months_clamps_to_the_end_of_a_shorter_month_across_a_year_end() -> None:
    assert add_months(date(2026, 10, 31), 4) == date(2027, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)


def test_adding_zero_business_days_is_refused() -> None:
    with pytest.raises(ValueError):
        add_business_days(date(2026, 8, 13), 0, calendar=None, first_day_counts=True)


def test_business_days_without_first_day_counting_start_the_day_after_receipt() -> None:
    assert add_business_days(date(2026, 8, 13), 10, calendar=None, first_day_counts=False) == date(
        2026, 8, 27
    )


def test_paused_days_are_added_to_the_unrolled_end_before_it_rolls() -> None:
    # 9 Apr 2026 + 7 = Thu 16 Apr; 25 Dec 2026 + 1 = Sat 26 Dec, rolled past the bank holiday.
    assert response_due("uk_gdpr", date(2026, 3, 9), paused_days=7) == date(2026, 4, 16)
    assert response_due("uk_gdpr", date(2026, 11, 25), paused_days=1) == date(2026, 12, 29)
    assert response_due("uk_gdpr", date(2026, 3, 9), extended=True, paused_days=7) == date(
        2026, 6, 16
    )


def test_zero_paused_days_change_nothing_and_negative_ones_are_refused() -> None:
    assert response_due("uk_gdpr", date(2026, 11, 25), paused_days=0) == date(2026, 12, 29)
    with pytest.raises(ValueError):
        response_due("uk_gdpr", date(2026, 11, 25), paused_days=-1)


# --- Properties -----------------------------------------------------------------------------------

regimes_and_countries = st.sampled_from(
    [("eu_gdpr", None), ("eu_gdpr", "IE"), ("uk_gdpr", None), ("us_ca_ccpa", None)]
)
receipt_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


@given(regime_and_country=regimes_and_countries, received=receipt_dates)
def test_every_deadline_is_after_receipt_and_extension_never_shortens_it(
    regime_and_country: tuple[str, str | None], received: date
) -> None:
    regime_id, country = regime_and_country
    plain = response_due(regime_id, received, country=country)
    extended = response_due(regime_id, received, extended=True, country=country)
    assert plain > received
    assert extended >= plain
    rule = RULES[regime_id]
    if rule.unit is Unit.MONTHS:
        # Longest non-working runs here (Good Friday to Easter Monday, an English Christmas) add 4.
        for months, due in ((rule.value, plain), (rule.value + rule.extension, extended)):
            assert timedelta(0) <= due - add_months(received, months) <= timedelta(days=4)
