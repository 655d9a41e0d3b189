"""Saved requests track, and escalate, only the rights they asked for."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from rights.followups import FollowUpKind
from rights.services import escalation, tracking

pytestmark = pytest.mark.usefixtures("reference_data")

SENT = datetime.date(2026, 11, 23)
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def owner(db):
    return get_user_model().objects.create_user(username="w@example.org", password="x" * 20)


def answered(owner, answers: dict, *, regime_id: str, ticked=()):
    stored = {k: v if isinstance(v, list) else [v] for k, v in answers.items()}
    saved = tracking.save_request(owner=owner, answers=stored, regime_id=regime_id)
    tracking.add_event(saved=saved, kind="sent", on=SENT, today=TODAY, channel="email")
    tracking.add_event(
        saved=saved, kind="responded", on=TODAY, today=TODAY, answered_items=list(ticked)
    )
    return saved


def test_an_answered_erasure_and_restriction_request_never_asks_for_access(owner, dublin_answers):
    answers = dublin_answers | {"rights": ["eu_gdpr:erasure", "eu_gdpr:restriction"]}
    saved = answered(owner, answers, regime_id="eu_gdpr")
    assert [label.split(":")[0] for _id, label in tracking.asked_items(saved=saved)] == [
        "Art. 17(1)",
        "Art. 19",
        "Art. 18(1)",
    ]
    gap = escalation.followup_letter(saved=saved, kind="gap", today=TODAY)
    complaint = escalation.followup_letter(saved=saved, kind="complaint", today=TODAY)
    for letter in (gap, complaint):
        assert "Art. 15" not in letter.body_text
        assert "keystrokes" not in letter.body_text.split("## Timeline")[0]


def test_a_ccpa_correct_and_opt_out_gap_letter_never_cites_the_right_to_know(
    owner, menlo_park_answers
):
    answers = menlo_park_answers | {"rights": ["us_ca_ccpa:correct", "us_ca_ccpa:opt_out"]}
    saved = answered(owner, answers, regime_id="us_ca_ccpa")
    gap = escalation.followup_letter(saved=saved, kind="gap", today=TODAY)
    assert "1798.110" not in gap.body_text
    assert "§ 1798.106" in gap.body_text and "§ 1798.120" in gap.body_text


def test_an_undecided_objection_is_escalated_on_its_own(owner, dublin_answers):
    answers = dublin_answers | {"rights": ["eu_gdpr:objection"]}
    saved = answered(owner, answers, regime_id="eu_gdpr", ticked=["art18_1_d_meanwhile"])
    kinds = escalation.available_followups(saved=saved, today=TODAY)
    assert kinds == (FollowUpKind.GAP, FollowUpKind.COMPLAINT)
    complaint = escalation.followup_letter(saved=saved, kind="complaint", today=TODAY)
    assert "- Art. 21(1): A decision on the objection" in complaint.body_text


def test_only_unanswered_assessments_offer_a_gap_letter_but_no_complaint(owner, dublin_answers):
    answers = dublin_answers | {"rights": ["eu_gdpr:access"]}
    saved = tracking.save_request(
        owner=owner,
        answers={k: v if isinstance(v, list) else [v] for k, v in answers.items()},
        regime_id="eu_gdpr",
    )
    statutory = [i.id for i in tracking.asked_item_list(saved=saved) if i.statutory]
    tracking.add_event(saved=saved, kind="sent", on=SENT, today=TODAY, channel="email")
    tracking.add_event(
        saved=saved, kind="responded", on=TODAY, today=TODAY, answered_items=statutory
    )
    assert escalation.available_followups(saved=saved, today=TODAY) == (FollowUpKind.GAP,)
