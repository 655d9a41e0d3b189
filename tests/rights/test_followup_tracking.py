"""Saved requests track, and escalate, only the rights they asked for."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from rights import timeline
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
    assert kinds == (FollowUpKind.GAP, FollowUpKind.REFUSAL_REBUTTAL, FollowUpKind.COMPLAINT)
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
    kinds = escalation.available_followups(saved=saved, today=TODAY)
    assert kinds == (FollowUpKind.GAP, FollowUpKind.REFUSAL_REBUTTAL)


def overdue_ccpa(owner, answers):
    saved = tracking.save_request(
        owner=owner,
        answers={k: v if isinstance(v, list) else [v] for k, v in answers.items()},
        regime_id="us_ca_ccpa",
    )
    tracking.add_event(
        saved=saved, kind="sent", on=datetime.date(2026, 10, 1), today=TODAY, channel="email"
    )
    return saved


def test_the_ccpa_complaint_defaults_to_not_sworn_and_swears_only_on_request(
    owner, menlo_park_answers
):
    saved = overdue_ccpa(owner, menlo_park_answers)
    plain = escalation.followup_letter(saved=saved, kind="complaint", today=TODAY)
    sworn = escalation.followup_letter(saved=saved, kind="complaint", today=TODAY, sworn=True)
    assert "penalty of perjury" not in plain.body_text
    assert "penalty of perjury" in sworn.body_text


def test_no_sworn_complaint_without_a_confirmed_california_residence(owner, menlo_park_answers):
    saved = overdue_ccpa(owner, menlo_park_answers)
    saved.answers = {**saved.answers, "residence": ["US-NV"]}
    saved.save()
    assert not escalation.sworn_complaint_offered(saved=saved)
    with pytest.raises(escalation.FollowUpNotAvailable):
        escalation.followup_letter(saved=saved, kind="complaint", today=TODAY, sworn=True)


def test_the_complaint_page_explains_that_a_sworn_complaint_is_shared(
    client, owner, menlo_park_answers
):
    saved = overdue_ccpa(owner, menlo_park_answers)
    client.force_login(owner)
    url = reverse("rights:followup", kwargs={"request_id": saved.pk, "kind": "complaint"})
    page = client.get(url).content.decode()
    assert "<strong>not sworn</strong>" in page and "?sworn=1" in page
    sworn_page = client.get(url + "?sworn=1").content.decode()
    assert "It will be shared with your employer" in sworn_page
    assert "Executed on" in sworn_page


def test_a_california_resident_at_a_new_york_office_complains_to_the_california_agency(
    owner, menlo_park_answers
):
    saved = overdue_ccpa(owner, menlo_park_answers | {"workplace": "US-NY"})
    letter = escalation.followup_letter(saved=saved, kind="complaint", today=TODAY)
    assert letter.addressee_name.startswith("California Privacy Protection Agency")


def test_the_ico_complaint_states_when_the_worker_complained_to_the_employer(owner, london_answers):
    saved = tracking.save_request(
        owner=owner,
        answers={k: v if isinstance(v, list) else [v] for k, v in london_answers.items()},
        regime_id="uk_gdpr",
    )
    sent = datetime.date(2026, 10, 1)
    tracking.add_event(saved=saved, kind="sent", on=sent, today=TODAY, channel="post")
    assert "complained" in tracking.next_kinds(saved=saved)
    tracking.add_event(saved=saved, kind="complained", on=datetime.date(2026, 11, 9), today=TODAY)
    complaint = escalation.followup_letter(saved=saved, kind="complaint", today=TODAY)
    assert "On 9 November 2026 I complained to my employer under section 164A" in (
        complaint.body_text
    )


def test_only_the_uk_has_a_complaint_to_the_employer_on_the_timeline(owner, dublin_answers):
    saved = tracking.save_request(
        owner=owner,
        answers={k: v if isinstance(v, list) else [v] for k, v in dublin_answers.items()},
        regime_id="eu_gdpr",
    )
    tracking.add_event(saved=saved, kind="sent", on=SENT, today=TODAY, channel="email")
    assert "complained" not in tracking.next_kinds(saved=saved)
    with pytest.raises(timeline.TimelineError):
        tracking.add_event(saved=saved, kind="complained", on=TODAY, today=TODAY)


def test_the_request_page_states_the_date_of_each_right_when_they_differ(
    client, owner, menlo_park_answers
):
    saved = overdue_ccpa(owner, menlo_park_answers)
    client.force_login(owner)
    page = client.get(reverse("rights:saved", kwargs={"request_id": saved.pk})).content.decode()
    # Received 1 Oct 2026: limit, 15 business days later; know and delete, 45 days later.
    assert "Your request to limit: due October 22, 2026" in page
    assert "Your requests to know and to delete: due November 16, 2026" in page


def test_every_mailto_link_on_a_follow_up_page_stays_under_2000_characters(
    client, owner, london_answers
):
    saved = tracking.save_request(
        owner=owner,
        answers={k: v if isinstance(v, list) else [v] for k, v in london_answers.items()},
        regime_id="uk_gdpr",
    )
    tracking.add_event(
        saved=saved, kind="sent", on=datetime.date(2026, 9, 1), today=TODAY, channel="email"
    )
    client.force_login(owner)
    url = reverse("rights:followup", kwargs={"request_id": saved.pk, "kind": "reminder"})

    page = client.get(url).content.decode()

    links = re.findall(r'href="(mailto:[^"]*)"', page)
    assert links and all(len(link) <= 2000 for link in links)
    assert links[0].startswith("mailto:dpo@acme.example?subject=")


def test_each_follow_up_offered_on_the_request_page_has_its_own_label(
    client, owner, dublin_answers
):
    answers = dublin_answers | {"rights": ["eu_gdpr:objection"]}
    saved = answered(owner, answers, regime_id="eu_gdpr", ticked=["art18_1_d_meanwhile"])
    client.force_login(owner)
    html = client.get(reverse("rights:saved", kwargs={"request_id": saved.pk})).content.decode()
    links = re.findall(r'href="[^"]*/follow-up/([a-z_]+)/">([^<]+)</a>', html)
    assert [kind for kind, _label in links] == ["gap", "refusal_rebuttal", "complaint"]
    labels = [label for _kind, label in links]
    assert len(set(labels)) == len(labels)
    assert "Answer a refusal as 'excessive' or 'abusive'" in labels
