"""No follow-up says a deadline has passed before the date response_due gives for that right."""

import datetime

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from rights import deadlines, letters, timeline
from rights.followups import FollowUpFacts, FollowUpKind, available_kinds, clocks, compose_followup
from rights.regimes import REGIMES

COUNTRY = {"eu_gdpr": "IE", "uk_gdpr": "GB", "us_ca_ccpa": "US"}
REQUESTER = letters.Requester(name="Sam Rivera", employee_id="", reply_to="s@example.net")
EMPLOYER = letters.Recipient(legal_name="Example Inc.", email="privacy@example.com")


@st.composite
def requests(draw):
    regime_id = draw(st.sampled_from(sorted(REGIMES)))
    rights = [right.id for right in REGIMES[regime_id].rights]
    chosen = draw(st.lists(st.sampled_from(rights), min_size=1, unique=True))
    received = draw(st.dates(datetime.date(2026, 1, 1), datetime.date(2028, 12, 31)))
    written = received + datetime.timedelta(days=draw(st.integers(0, 130)))
    return regime_id, tuple(r for r in rights if r in chosen), received, written


def reminder_for(regime_id, rights, received, written):
    found = timeline.schedule(
        regime_id=regime_id,
        country=COUNTRY[regime_id],
        events=[timeline.Event(kind=timeline.EventKind.SENT, on=received)],
        right_ids=rights,
    )
    facts = FollowUpFacts(
        kind=FollowUpKind.REMINDER,
        regime_id=regime_id,
        requester=REQUESTER,
        recipient=EMPLOYER,
        authority=None,
        original_subject="Request",
        original_reference="REF",
        original_body_text="",
        sent_on=received,
        received_on=received,
        channel="email",
        due_on=found.due_on,
        written_on=written,
        workplace_country=COUNTRY[regime_id],
        right_ids=rights,
        due_by_right=found.due_by_right,
    )
    offered = FollowUpKind.REMINDER in available_kinds(today=written, due_on=found.due_on)
    return facts, (compose_followup(facts=facts) if offered else None)


def statutory_due(regime_id, received, right):
    return deadlines.response_due(regime_id, received, country=COUNTRY[regime_id], right=right)


@hypothesis_settings(max_examples=300, deadline=None)
@given(requests())
def test_no_reminder_says_a_deadline_has_passed_before_response_due(request):
    regime_id, rights, received, written = request
    facts, letter = reminder_for(regime_id, rights, received, written)
    earliest = min(statutory_due(regime_id, received, r) for r in rights)
    if letter is None:
        assert written <= earliest
        return
    assert written > earliest
    for clock in clocks(facts):
        due = {statutory_due(regime_id, received, r) for r in rights if r in clock["names"]}
        if clock["passed"]:
            assert all(written > day for day in due)
        else:
            assert f"{clock['due']} ({clock['citation']}), a date that has passed" not in (
                letter.body_text
            )
    if "That date has passed" in letter.body_text:
        assert all(written > statutory_due(regime_id, received, r) for r in rights)


def test_a_reminder_on_the_monday_after_a_sunday_deadline_rolled_to_monday_is_not_offered():
    # 2 Nov 2026 + 90 days is Sunday 31 January 2027; the 45-day example: 4 Nov -> Sat 19 Dec,
    # rolled to Monday 21 December 2026.
    facts, letter = reminder_for(
        "us_ca_ccpa", ("know",), datetime.date(2026, 11, 4), datetime.date(2026, 12, 21)
    )
    assert letter is None
    facts, letter = reminder_for(
        "us_ca_ccpa", ("know",), datetime.date(2026, 11, 4), datetime.date(2026, 12, 22)
    )
    assert "by December 21, 2026" in letter.body_text


def test_a_mixed_ccpa_reminder_says_only_the_limit_date_has_passed():
    facts, letter = reminder_for(
        "us_ca_ccpa", ("know", "limit"), datetime.date(2026, 11, 2), datetime.date(2026, 11, 30)
    )
    assert (
        "- my request to limit: by November 24, 2026 (Cal. Code Regs. tit. 11, § 7027(g)), "
        "a date that has passed" in letter.body_text
    )
    assert (
        "- my request to know: by December 17, 2026 "
        "(§ 1798.130(a)(2); Cal. Code Regs. tit. 11, § 7021(b))\n" in letter.body_text
    )
