"""Worked examples for rights.timeline: a request's timeline -> its due date, and event order.

Every expected date was checked against a calendar; the legal facts behind them are:
GDPR Art. 12(3) (one month, +2 with notice inside the first month), UK GDPR Art. 12(3) and
Art. 12A (stop the clock, requests received on or after 5 Feb 2026), CCPA Regs 7021 (45 days,
+45 with notice inside the first 45, 10 business days to acknowledge).
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rights.deadlines import UnknownRegime, response_due
from rights.timeline import (
    UK_STOP_THE_CLOCK_FROM,
    Event,
    EventKind,
    Pause,
    Schedule,
    TimelineError,
    check_new_event,
    check_timeline,
    clock_can_stop,
    schedule,
)

K = EventKind


def sent(on: date, received_on: date | None = None) -> Event:
    return Event(K.SENT, on, received_on)


def ev(kind: EventKind, on: date) -> Event:
    return Event(kind, on)


def plan(
    regime_id: str,
    events: list[Event],
    *,
    country: str | None = None,
    override: date | None = None,
    today: date | None = None,
) -> Schedule:
    result = schedule(
        regime_id=regime_id, country=country, events=events, override=override, today=today
    )
    assert result is not None
    return result


def refusal(
    regime_id: str, events: list[Event], new: Event, *, today: date | None = None
) -> TimelineError:
    with pytest.raises(TimelineError) as caught:
        check_new_event(regime_id=regime_id, events=events, new=new, today=today)
    assert str(caught.value).strip()
    return caught.value


def accepts(regime_id: str, events: list[Event], new: Event, *, today: date | None = None) -> None:
    check_new_event(regime_id=regime_id, events=events, new=new, today=today)


# --- Due dates: the plain period --------------------------------------------------------------


def test_nothing_is_scheduled_until_the_request_is_sent() -> None:
    assert schedule(regime_id="eu_gdpr", country=None, events=[]) is None


def test_eu_request_received_on_5_march_is_due_on_5_april() -> None:
    result = plan("eu_gdpr", [sent(date(2027, 3, 5))])
    assert result.received_on == date(2027, 3, 5)
    assert result.due_on == result.computed_due_on == result.original_due_on == date(2027, 4, 5)
    assert result.extension_notice_due_on == date(2027, 4, 5)
    assert result.extension_claimed is False
    assert result.extension_in_time is None
    assert result.paused_days == 0
    assert result.clock_running is True
    assert result.acknowledgement_due_on is None
    assert result.closed is False
    assert result.overridden is False


def test_eu_request_received_on_31_august_is_due_on_30_september() -> None:
    assert plan("eu_gdpr", [sent(date(2026, 8, 31))]).due_on == date(2026, 9, 30)


def test_the_period_runs_from_the_day_the_letter_arrived_not_the_day_it_was_posted() -> None:
    result = plan("eu_gdpr", [sent(date(2026, 8, 28), received_on=date(2026, 8, 31))])
    assert result.received_on == date(2026, 8, 31)
    assert result.due_on == date(2026, 9, 30)


def test_eu_due_date_rolls_past_irish_public_holidays_when_the_country_is_ireland() -> None:
    # 5 Apr 2026 is Easter Sunday and 6 Apr Easter Monday in Ireland.
    assert plan("eu_gdpr", [sent(date(2026, 3, 5))], country="IE").due_on == date(2026, 4, 7)
    assert plan("eu_gdpr", [sent(date(2026, 3, 5))]).due_on == date(2026, 4, 6)


def test_uk_request_received_on_25_november_2026_rolls_past_christmas_to_29_december() -> None:
    # 25 Dec (Fri) and 28 Dec (Mon, Boxing Day substitute) are bank holidays.
    assert plan("uk_gdpr", [sent(date(2026, 11, 25))]).due_on == date(2026, 12, 29)


def test_ccpa_request_received_on_2_november_2026_is_due_45_days_later_on_17_december() -> None:
    result = plan("us_ca_ccpa", [sent(date(2026, 11, 2))])
    assert result.due_on == date(2026, 12, 17)
    assert (result.due_on - result.received_on).days == 45


def test_ccpa_acknowledgement_is_due_after_ten_business_days_skipping_veterans_day() -> None:
    # Mon 2 Nov 2026 is not counted; Wed 11 Nov is a California state holiday.
    assert plan("us_ca_ccpa", [sent(date(2026, 11, 2))]).acknowledgement_due_on == date(
        2026, 11, 17
    )


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "uk_gdpr"])
def test_gdpr_regimes_set_no_acknowledgement_date(regime_id: str) -> None:
    assert plan(regime_id, [sent(date(2026, 11, 2))]).acknowledgement_due_on is None


# --- Extensions: in time and late, for each regime ---------------------------------------------


def test_eu_extension_announced_on_the_last_day_of_the_first_month_gives_three_months() -> None:
    # 5 Jun 2027 is a Saturday.
    result = plan("eu_gdpr", [sent(date(2027, 3, 5)), ev(K.EXTENDED, date(2027, 4, 5))])
    assert result.extension_claimed is True
    assert result.extension_in_time is True
    assert result.due_on == date(2027, 6, 7)
    assert result.original_due_on == date(2027, 4, 5)


def test_eu_extension_announced_a_day_after_the_first_month_is_forfeited() -> None:
    result = plan("eu_gdpr", [sent(date(2027, 3, 5)), ev(K.EXTENDED, date(2027, 4, 6))])
    assert result.extension_claimed is True
    assert result.extension_in_time is False
    assert result.due_on == date(2027, 4, 5)


def test_uk_extension_announced_on_29_december_2026_runs_to_25_february_2027() -> None:
    result = plan("uk_gdpr", [sent(date(2026, 11, 25)), ev(K.EXTENDED, date(2026, 12, 29))])
    assert result.extension_in_time is True
    assert result.due_on == date(2027, 2, 25)


def test_uk_extension_announced_after_the_rolled_first_month_is_forfeited() -> None:
    result = plan("uk_gdpr", [sent(date(2026, 11, 25)), ev(K.EXTENDED, date(2026, 12, 30))])
    assert result.extension_in_time is False
    assert result.due_on == date(2026, 12, 29)


def test_ccpa_extension_announced_45_days_after_receipt_gives_90_days_rolled_to_monday() -> None:
    # Counting the day of receipt as day one, 17 December is "day 46": it is still in time.
    result = plan("us_ca_ccpa", [sent(date(2026, 11, 2)), ev(K.EXTENDED, date(2026, 12, 17))])
    assert result.extension_in_time is True
    assert result.due_on == date(2027, 2, 1)


def test_ccpa_extension_announced_46_days_after_receipt_is_forfeited() -> None:
    result = plan("us_ca_ccpa", [sent(date(2026, 11, 2)), ev(K.EXTENDED, date(2026, 12, 18))])
    assert result.extension_in_time is False
    assert result.due_on == date(2026, 12, 17)


# --- UK stop the clock (Art. 12A) ---------------------------------------------------------------


def test_uk_clock_stopped_12_march_and_restarted_18_march_pauses_seven_days_both_ends_counted() -> (
    None
):
    # Received Mon 9 Mar 2026 -> 9 Apr. The days 12..18 Mar (7, both ends included) do not count.
    events = [
        sent(date(2026, 3, 9)),
        ev(K.CLOCK_STOPPED, date(2026, 3, 12)),
        ev(K.CLOCK_RESTARTED, date(2026, 3, 18)),
    ]
    result = plan("uk_gdpr", events)
    assert result.paused_days == 7
    assert result.original_due_on == date(2026, 4, 9)
    assert result.due_on == date(2026, 4, 16)
    # Not the R - S reading (6 days), which would give 15 April.
    assert result.due_on != date(2026, 4, 15)
    assert result.clock_running is True


def test_a_uk_pause_also_moves_the_day_by_which_an_extension_must_be_announced() -> None:
    events = [
        sent(date(2026, 3, 9)),
        ev(K.CLOCK_STOPPED, date(2026, 3, 12)),
        ev(K.CLOCK_RESTARTED, date(2026, 3, 18)),
        ev(K.EXTENDED, date(2026, 4, 14)),
    ]
    result = plan("uk_gdpr", events)
    assert result.extension_notice_due_on == date(2026, 4, 16)
    assert result.extension_in_time is True
    # 9 Jun 2026 + 7 paused days.
    assert result.due_on == date(2026, 6, 16)


def test_a_uk_stop_and_restart_on_the_same_day_pauses_one_day() -> None:
    events = [
        sent(date(2026, 3, 9)),
        ev(K.CLOCK_STOPPED, date(2026, 3, 12)),
        ev(K.CLOCK_RESTARTED, date(2026, 3, 12)),
    ]
    result = plan("uk_gdpr", events)
    assert result.paused_days == 1
    assert result.due_on == date(2026, 4, 10)


def test_paused_days_are_added_before_rolling_so_a_short_pause_can_vanish_into_christmas() -> None:
    # 25 Dec + 1 = Sat 26 Dec, which rolls past Sunday and the Monday bank holiday to 29 Dec.
    events = [
        sent(date(2026, 11, 25)),
        ev(K.CLOCK_STOPPED, date(2026, 12, 1)),
        ev(K.CLOCK_RESTARTED, date(2026, 12, 1)),
    ]
    result = plan("uk_gdpr", events)
    assert result.paused_days == 1
    assert result.due_on == date(2026, 12, 29)


def test_two_uk_pauses_add_up() -> None:
    events = [
        sent(date(2026, 3, 9)),
        ev(K.CLOCK_STOPPED, date(2026, 3, 10)),
        ev(K.CLOCK_RESTARTED, date(2026, 3, 11)),
        ev(K.CLOCK_STOPPED, date(2026, 3, 20)),
        ev(K.CLOCK_RESTARTED, date(2026, 3, 22)),
    ]
    result = plan("uk_gdpr", events)
    assert result.paused_days == 5
    assert result.due_on == date(2026, 4, 14)


def test_while_the_uk_clock_is_stopped_it_is_not_running_and_counts_days_up_to_today() -> None:
    events = [sent(date(2026, 3, 9)), ev(K.CLOCK_STOPPED, date(2026, 3, 12))]
    waiting = plan("uk_gdpr", events, today=date(2026, 3, 15))
    assert waiting.clock_running is False
    assert waiting.paused_days == 4
    assert waiting.due_on == date(2026, 4, 13)


def test_a_uk_clock_stopped_without_today_counts_no_paused_days_yet() -> None:
    events = [sent(date(2026, 3, 9)), ev(K.CLOCK_STOPPED, date(2026, 3, 12))]
    result = plan("uk_gdpr", events)
    assert result.clock_running is False
    assert result.paused_days == 0
    assert result.due_on == date(2026, 4, 9)


def test_a_uk_clock_stopped_after_the_deadline_passed_does_not_revive_it() -> None:
    events = [
        sent(date(2026, 3, 9)),
        ev(K.CLOCK_STOPPED, date(2026, 4, 10)),
        ev(K.CLOCK_RESTARTED, date(2026, 4, 20)),
    ]
    result = plan("uk_gdpr", events)
    assert result.paused_days == 0
    assert result.due_on == date(2026, 4, 9)


def test_a_uk_clock_stopped_on_the_last_day_still_counts() -> None:
    events = [
        sent(date(2026, 3, 9)),
        ev(K.CLOCK_STOPPED, date(2026, 4, 9)),
        ev(K.CLOCK_RESTARTED, date(2026, 4, 9)),
    ]
    assert plan("uk_gdpr", events).due_on == date(2026, 4, 10)


def test_a_pause_after_the_first_month_counts_for_an_extended_period_but_not_the_notice() -> None:
    events = [
        sent(date(2026, 3, 9)),
        ev(K.EXTENDED, date(2026, 3, 20)),
        ev(K.CLOCK_STOPPED, date(2026, 5, 4)),
        ev(K.CLOCK_RESTARTED, date(2026, 5, 6)),
    ]
    result = plan("uk_gdpr", events)
    assert result.extension_notice_due_on == date(2026, 4, 9)
    assert result.paused_days == 3
    # 9 Jun 2026 + 3 days = Fri 12 Jun.
    assert result.due_on == date(2026, 6, 12)


def test_schedule_ignores_clock_stops_for_a_uk_request_received_before_5_february_2026() -> None:
    events = [
        sent(date(2026, 2, 4)),
        ev(K.CLOCK_STOPPED, date(2026, 2, 10)),
        ev(K.CLOCK_RESTARTED, date(2026, 2, 12)),
    ]
    result = plan("uk_gdpr", events)
    assert result.paused_days == 0
    assert result.due_on == date(2026, 3, 4)


def test_a_pause_counts_in_whole_days_with_both_ends_included() -> None:
    assert Pause(date(2026, 3, 12), date(2026, 3, 18)).days() == 7
    assert Pause(date(2026, 3, 12), None).days() == 0
    assert Pause(date(2026, 3, 12), None).days(date(2026, 3, 12)) == 1


# --- Responses, closing and overrides -----------------------------------------------------------


def test_a_response_stops_the_clock_but_keeps_the_due_date() -> None:
    result = plan("eu_gdpr", [sent(date(2027, 3, 5)), ev(K.RESPONDED, date(2027, 3, 20))])
    assert result.clock_running is False
    assert result.closed is False
    assert result.due_on == date(2027, 4, 5)


def test_a_closed_request_keeps_its_due_date_and_says_it_is_closed() -> None:
    events = [sent(date(2027, 3, 5)), ev(K.CLOSED, date(2027, 5, 1))]
    result = plan("eu_gdpr", events)
    assert result.closed is True
    assert result.clock_running is False
    assert result.due_on == date(2027, 4, 5)


def test_an_override_replaces_the_due_date_and_keeps_the_computed_one_visible() -> None:
    result = plan("eu_gdpr", [sent(date(2027, 3, 5))], override=date(2027, 4, 30))
    assert result.due_on == date(2027, 4, 30)
    assert result.overridden is True
    assert result.computed_due_on == date(2027, 4, 5)


def test_an_override_may_be_earlier_than_the_computed_date() -> None:
    result = plan("uk_gdpr", [sent(date(2026, 11, 25))], override=date(2026, 12, 24))
    assert result.due_on == date(2026, 12, 24)
    assert result.computed_due_on == date(2026, 12, 29)


# --- Order rules ------------------------------------------------------------------------------

SENT_9_MARCH = sent(date(2026, 3, 9))


def test_the_first_event_may_be_sending_the_request() -> None:
    accepts("eu_gdpr", [], SENT_9_MARCH)


def test_a_response_before_the_request_was_sent_is_refused_with_a_reason() -> None:
    error = refusal("eu_gdpr", [], ev(K.RESPONDED, date(2026, 3, 9)))
    assert error.code == "response_before_sent"
    assert "sent" in str(error)


@pytest.mark.parametrize(
    "kind",
    [K.ACKNOWLEDGED, K.EXTENDED, K.CLOCK_STOPPED, K.CLOCK_RESTARTED, K.CLOSED],
)
def test_nothing_else_may_come_before_the_request_was_sent(kind: EventKind) -> None:
    assert refusal("uk_gdpr", [], ev(kind, date(2026, 3, 9))).code == "not_sent"


def test_a_request_can_only_be_sent_once() -> None:
    assert refusal("eu_gdpr", [SENT_9_MARCH], sent(date(2026, 3, 10))).code == "sent_twice"


def test_the_employer_cannot_receive_the_request_before_it_was_sent() -> None:
    error = refusal("eu_gdpr", [], sent(date(2026, 3, 9), received_on=date(2026, 3, 8)))
    assert error.code == "received_before_sent"


def test_only_the_sending_carries_a_day_of_receipt() -> None:
    bad = Event(K.RESPONDED, date(2026, 3, 20), received_on=date(2026, 3, 20))
    assert refusal("eu_gdpr", [SENT_9_MARCH], bad).code == "received_on_not_sent"


def test_an_event_dated_before_the_request_was_sent_is_refused() -> None:
    assert refusal("eu_gdpr", [SENT_9_MARCH], ev(K.CLOSED, date(2026, 3, 8))).code == (
        "before_sent"
    )


def test_an_employer_act_dated_before_the_employer_received_the_letter_is_refused() -> None:
    posted = sent(date(2026, 3, 9), received_on=date(2026, 3, 11))
    error = refusal("eu_gdpr", [posted], ev(K.ACKNOWLEDGED, date(2026, 3, 10)))
    assert error.code == "before_received"
    accepts("eu_gdpr", [posted], ev(K.ACKNOWLEDGED, date(2026, 3, 11)))
    # Closing is the user's act and may come before the letter arrives.
    accepts("eu_gdpr", [posted], ev(K.CLOSED, date(2026, 3, 10)))


def test_an_event_dated_before_the_previous_event_is_refused() -> None:
    events = [SENT_9_MARCH, ev(K.ACKNOWLEDGED, date(2026, 3, 15))]
    assert refusal("eu_gdpr", events, ev(K.EXTENDED, date(2026, 3, 14))).code == ("before_previous")
    accepts("eu_gdpr", events, ev(K.EXTENDED, date(2026, 3, 15)))


@pytest.mark.parametrize("kind", [K.ACKNOWLEDGED, K.EXTENDED, K.CLOCK_STOPPED])
def test_acknowledging_extending_or_stopping_after_a_response_is_refused(kind: EventKind) -> None:
    events = [SENT_9_MARCH, ev(K.RESPONDED, date(2026, 3, 20))]
    assert refusal("uk_gdpr", events, ev(kind, date(2026, 3, 21))).code == "after_response"


@pytest.mark.parametrize("kind", list(EventKind))
def test_nothing_may_follow_closing(kind: EventKind) -> None:
    events = [SENT_9_MARCH, ev(K.CLOSED, date(2026, 3, 20))]
    error = refusal("uk_gdpr", events, Event(kind, date(2026, 3, 21)))
    assert error.code == "after_closed"


def test_an_acknowledgement_is_logged_once() -> None:
    events = [SENT_9_MARCH, ev(K.ACKNOWLEDGED, date(2026, 3, 10))]
    assert refusal("eu_gdpr", events, ev(K.ACKNOWLEDGED, date(2026, 3, 11))).code == (
        "acknowledged_twice"
    )


def test_only_one_extension_is_allowed() -> None:
    events = [SENT_9_MARCH, ev(K.EXTENDED, date(2026, 3, 10))]
    assert refusal("eu_gdpr", events, ev(K.EXTENDED, date(2026, 3, 11))).code == ("extended_twice")


def test_responses_may_come_in_parts_until_the_request_is_closed() -> None:
    events = [SENT_9_MARCH, ev(K.RESPONDED, date(2026, 3, 20))]
    accepts("eu_gdpr", events, ev(K.RESPONDED, date(2026, 3, 20)))
    events.append(ev(K.RESPONDED, date(2026, 3, 27)))
    accepts("eu_gdpr", events, ev(K.CLOSED, date(2026, 3, 28)))
    events.append(ev(K.CLOSED, date(2026, 3, 28)))
    assert refusal("eu_gdpr", events, ev(K.RESPONDED, date(2026, 3, 29))).code == "after_closed"


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "us_ca_ccpa"])
def test_only_the_uk_lets_the_employer_stop_the_clock(regime_id: str) -> None:
    error = refusal(regime_id, [SENT_9_MARCH], ev(K.CLOCK_STOPPED, date(2026, 3, 10)))
    assert error.code == "stop_not_in_regime"
    assert "UK" in str(error)


def test_a_uk_request_received_on_4_february_2026_follows_the_old_rules_and_cannot_be_stopped() -> (
    None
):
    error = refusal("uk_gdpr", [sent(date(2026, 2, 4))], ev(K.CLOCK_STOPPED, date(2026, 2, 10)))
    assert error.code == "stop_before_commencement"
    assert "5 February 2026" in str(error)


def test_a_uk_request_received_on_5_february_2026_can_be_stopped() -> None:
    accepts("uk_gdpr", [sent(date(2026, 2, 5))], ev(K.CLOCK_STOPPED, date(2026, 2, 10)))


def test_the_uk_commencement_date_depends_on_receipt_not_on_posting() -> None:
    posted = sent(date(2026, 2, 3), received_on=date(2026, 2, 5))
    accepts("uk_gdpr", [posted], ev(K.CLOCK_STOPPED, date(2026, 2, 10)))
    assert clock_can_stop("uk_gdpr", UK_STOP_THE_CLOCK_FROM)
    assert not clock_can_stop("uk_gdpr", UK_STOP_THE_CLOCK_FROM - timedelta(days=1))
    assert not clock_can_stop("eu_gdpr", date(2027, 1, 1))


def test_the_clock_cannot_restart_unless_it_was_stopped() -> None:
    error = refusal("uk_gdpr", [SENT_9_MARCH], ev(K.CLOCK_RESTARTED, date(2026, 3, 10)))
    assert error.code == "restart_without_stop"
    events = [
        SENT_9_MARCH,
        ev(K.CLOCK_STOPPED, date(2026, 3, 10)),
        ev(K.CLOCK_RESTARTED, date(2026, 3, 11)),
    ]
    assert refusal("uk_gdpr", events, ev(K.CLOCK_RESTARTED, date(2026, 3, 12))).code == (
        "restart_without_stop"
    )


def test_the_clock_cannot_be_stopped_twice_without_a_restart() -> None:
    events = [SENT_9_MARCH, ev(K.CLOCK_STOPPED, date(2026, 3, 10))]
    assert refusal("uk_gdpr", events, ev(K.CLOCK_STOPPED, date(2026, 3, 11))).code == (
        "already_stopped"
    )


def test_a_restart_cannot_be_dated_before_its_stop() -> None:
    events = [SENT_9_MARCH, ev(K.CLOCK_STOPPED, date(2026, 3, 10))]
    assert refusal("uk_gdpr", events, ev(K.CLOCK_RESTARTED, date(2026, 3, 9))).code == (
        "before_previous"
    )
    accepts("uk_gdpr", events, ev(K.CLOCK_RESTARTED, date(2026, 3, 10)))


def test_a_stopped_clock_may_still_be_restarted_after_a_partial_response() -> None:
    events = [
        SENT_9_MARCH,
        ev(K.CLOCK_STOPPED, date(2026, 3, 10)),
        ev(K.RESPONDED, date(2026, 3, 12)),
    ]
    accepts("uk_gdpr", events, ev(K.CLOCK_RESTARTED, date(2026, 3, 13)))


def test_dates_after_today_are_refused_when_today_is_given() -> None:
    today = date(2026, 3, 15)
    error = refusal("eu_gdpr", [SENT_9_MARCH], ev(K.RESPONDED, date(2026, 3, 16)), today=today)
    assert error.code == "future"
    accepts("eu_gdpr", [SENT_9_MARCH], ev(K.RESPONDED, today), today=today)
    future_receipt = sent(date(2026, 3, 15), received_on=date(2026, 3, 17))
    assert refusal("eu_gdpr", [], future_receipt, today=today).code == "future"


def test_an_unknown_regime_is_refused() -> None:
    with pytest.raises(UnknownRegime):
        check_new_event(regime_id="br_lgpd", events=[], new=SENT_9_MARCH)


def test_a_timeline_error_is_a_value_error_with_a_plain_reason() -> None:
    error = refusal("eu_gdpr", [], ev(K.RESPONDED, date(2026, 3, 9)))
    assert isinstance(error, ValueError)
    assert (
        str(error)
        == "A response cannot come before the request was sent. Log the day you sent it first."
    )


def test_check_timeline_accepts_a_whole_valid_story_and_points_at_the_first_bad_event() -> None:
    story = [
        sent(date(2026, 3, 9), received_on=date(2026, 3, 10)),
        ev(K.ACKNOWLEDGED, date(2026, 3, 11)),
        ev(K.CLOCK_STOPPED, date(2026, 3, 12)),
        ev(K.CLOCK_RESTARTED, date(2026, 3, 18)),
        ev(K.EXTENDED, date(2026, 4, 1)),
        ev(K.RESPONDED, date(2026, 5, 1)),
        ev(K.RESPONDED, date(2026, 5, 20)),
        ev(K.CLOSED, date(2026, 5, 21)),
    ]
    check_timeline(regime_id="uk_gdpr", events=story, today=date(2026, 6, 1))
    with pytest.raises(TimelineError):
        check_timeline(regime_id="eu_gdpr", events=story)


# --- Properties ---------------------------------------------------------------------------------

receipts = st.dates(min_value=date(2026, 2, 5), max_value=date(2035, 12, 31))
offsets = st.integers(min_value=0, max_value=120)
lengths = st.integers(min_value=0, max_value=60)


@given(
    regime_and_country=st.sampled_from([("eu_gdpr", None), ("eu_gdpr", "IE"), ("uk_gdpr", None)]),
    received=receipts,
    extension_after=st.none() | offsets,
    stop_after=offsets,
    stop_length=lengths,
)
def test_gdpr_due_dates_never_fall_on_a_weekend(
    regime_and_country: tuple[str, str | None],
    received: date,
    extension_after: int | None,
    stop_after: int,
    stop_length: int,
) -> None:
    regime_id, country = regime_and_country
    events = [sent(received)]
    if regime_id == "uk_gdpr":
        stop = received + timedelta(days=stop_after)
        events += [ev(K.CLOCK_STOPPED, stop), ev(K.CLOCK_RESTARTED, stop + timedelta(stop_length))]
    if extension_after is not None:
        events.append(ev(K.EXTENDED, max(events[-1].on, received + timedelta(extension_after))))
    result = plan(regime_id, events, country=country)
    assert result.due_on.weekday() < 5
    assert result.extension_notice_due_on.weekday() < 5


@given(received=receipts, extended=st.booleans(), stop_after=offsets, stop_length=lengths)
def test_paused_days_never_make_the_uk_date_earlier_and_never_add_more_than_they_count(
    received: date, extended: bool, stop_after: int, stop_length: int
) -> None:
    base = [sent(received)] + ([ev(K.EXTENDED, received)] if extended else [])
    stop = received + timedelta(days=stop_after)
    paused = [
        *base,
        ev(K.CLOCK_STOPPED, stop),
        ev(K.CLOCK_RESTARTED, stop + timedelta(days=stop_length)),
    ]
    without, with_pause = plan("uk_gdpr", base), plan("uk_gdpr", paused)
    assert with_pause.due_on >= without.due_on
    assert with_pause.extension_notice_due_on >= without.extension_notice_due_on
    plain = response_due("uk_gdpr", received, extended=extended)
    # The pause moves the date by its counted days, plus at most a 4-day bank holiday roll.
    assert with_pause.due_on - plain <= timedelta(days=with_pause.paused_days + 4)
    assert with_pause.paused_days in (0, stop_length + 1)
