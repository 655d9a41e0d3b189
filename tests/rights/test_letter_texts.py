"""What the letters say: true for the worker who sends them, and nothing more than the law gives."""

import dataclasses
import datetime

import pytest

from rights.followups import FollowUpKind, compose_followup
from rights.services.authorities import find_authority_matches
from tests.rights.test_followups import facts_for
from tests.rights.test_letters import body_for

GDPR = ["eu_gdpr", "uk_gdpr"]


@pytest.mark.parametrize("regime_id", GDPR)
def test_restriction_with_erasure_never_invokes_article_18_1_b(regime_id):
    body = body_for(regime_id, ("erasure", "restriction"))
    assert "Art. 18(1)(b)" not in body
    assert "Art. 18(1)(a)" in body and "Art. 18(1)(d)" in body
    assert "until you have erased them, and of any part of them you refuse to erase" in body


@pytest.mark.parametrize("regime_id", GDPR)
def test_restriction_alone_offers_restriction_instead_of_erasure(regime_id):
    body = body_for(regime_id, ("restriction",))
    assert "I ask for restriction instead of erasure of data I may need (Art. 18(1)(b))" in body


@pytest.mark.parametrize("regime_id", GDPR)
def test_the_worker_contests_scores_only_to_the_extent_that_they_rate_them(regime_id):
    body = body_for(regime_id, ("restriction",))
    assert "which I contest" not in body
    assert "to the extent that they rate me: I contest their accuracy" in body


@pytest.mark.parametrize("regime_id", GDPR)
def test_the_access_letter_never_claims_it_was_made_electronically(regime_id):
    body = body_for(regime_id, ("access",))
    assert "electronically" not in body
    assert "Please provide the copy in a commonly used electronic form." in body


@pytest.mark.parametrize("regime_id", GDPR)
def test_the_objection_uses_a_neutral_default_that_overstates_nothing(regime_id):
    body = body_for(regime_id, ("objection",), applications="Gmail")
    assert "every keystroke" not in body
    assert (
        "My particular situation: The monitoring records my keystrokes, mouse activity and screen "
        "content in the applications listed above; I was given no choice; recordings of my own "
        "work are reused to train AI systems." in body
    )
    assert "Bărbulescu v Romania [GC], no. 61496/08" in body
    assert ("Opinion 28/2024" in body) == (regime_id == "eu_gdpr")


def test_the_objection_states_the_workers_own_situation():
    body = body_for("eu_gdpr", ("objection",), particular_situation="My union chats are on screen.")
    assert "My particular situation: My union chats are on screen." in body


@pytest.mark.parametrize(
    ("regime_id", "right"), [("eu_gdpr", "access"), ("uk_gdpr", "erasure"), ("us_ca_ccpa", "know")]
)
def test_every_letter_states_a_data_protection_purpose(regime_id, right):
    assert "My purpose in making th" in body_for(regime_id, (right,))
    own = body_for(regime_id, (right,), purpose="to see what is kept about me")
    assert "is to see what is kept about me." in own


@pytest.mark.parametrize("regime_id", GDPR)
def test_access_asks_for_actual_recipients_the_logic_applied_and_the_article_9_condition(
    regime_id,
):
    body = body_for(regime_id, ("access",))
    assert "the identity of each actual recipient" in body
    assert "the procedure and principles actually applied" in body
    assert "give it to the supervisory authority or a court" in body
    assert "which condition in Art. 9(2)" in body
    assert "I withdraw it (Art. 7(3))" in body
    assert ("AI Act" in body) == (regime_id == "eu_gdpr")


def test_the_uk_access_letter_does_not_concede_that_searching_the_system_is_enough():
    body = body_for("uk_gdpr", ("access",))
    assert "is a reasonable and proportionate search" not in body
    assert "data sets built from those records and any scores or ratings" in body
    assert "lodge a complaint with the Commissioner (Art. 15(1)(f))" in body
    assert "keystroke monitoring" in body


def test_the_uk_refusal_notice_runs_to_the_end_of_the_applicable_time_period():
    body = body_for("uk_gdpr", ("access",))
    assert "before the end of the applicable time period (Art. 12A)" in body
    assert "Art. 77" not in body


def test_eu_automated_decision_safeguards_are_asked_only_in_the_exception_cases():
    body = body_for("eu_gdpr", ("automated_decisions",))
    assert "Such a decision is forbidden (Art. 22(1))" in body
    assert "Where you rely on Art. 22(2)(a) or (c), I ask for human intervention" in body


def test_the_ccpa_limit_asks_about_inference_and_the_notice_and_lists_what_is_sensitive():
    body = body_for("us_ca_ccpa", ("limit",))
    for cited in ("§ 1798.121(d)", "§ 1798.140(ae)(1)(B)", "§ 1798.140(c)", "§ 7014(e)"):
        assert cited in body
    assert "intended recipient" not in body


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "uk_gdpr", "us_ca_ccpa"])
def test_follow_ups_say_i_may_complain_never_i_will(regime_id):
    for kind in (FollowUpKind.REMINDER, FollowUpKind.GAP, FollowUpKind.EXTENSION_CHALLENGE):
        body = compose_followup(facts=facts_for(regime_id, kind)).body_text
        assert " I will " not in body
        assert " I may " in body


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "us_ca_ccpa"])
def test_a_quoted_reason_ending_in_a_full_stop_is_not_followed_by_another(regime_id):
    facts = dataclasses.replace(
        facts_for(regime_id, FollowUpKind.EXTENSION_CHALLENGE),
        extension_reason="We are very busy.",
        extension_announced_on=datetime.date(2027, 1, 8),
    )
    body = compose_followup(facts=facts).body_text
    assert 'giving this reason: "We are very busy".' in body
    assert '."' not in body and ".." not in body


def test_the_lead_authority_is_named_only_if_that_company_is_the_employer(reference_data):
    matches = find_authority_matches(
        regime_id="eu_gdpr", country="IE", us_state="", employer_slug="meta-platforms-ireland"
    )
    assert "if Meta (Ireland) is your employer" in matches[0].reasons[0]


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "us_ca_ccpa"])
def test_a_complaint_names_the_employing_company_not_the_privacy_contact(regime_id):
    facts = dataclasses.replace(
        facts_for(regime_id, FollowUpKind.COMPLAINT), employer_name="Example Payroll Co"
    )
    body = compose_followup(facts=facts).body_text
    assert "against my employer, Example Payroll Co" in body
    assert "I still work for Example Payroll Co" in body


def test_an_abusive_request_refusal_is_answered_with_the_burden_the_purpose_and_c_526_24():
    facts = dataclasses.replace(
        facts_for("eu_gdpr", FollowUpKind.REFUSAL_REBUTTAL), purpose="to see my own logs"
    )
    letter = compose_followup(facts=facts)
    assert "It is for you to demonstrate" in letter.body_text
    assert "(Art. 12(5))" in letter.body_text and "Case C-526/24" in letter.body_text
    assert "My request stated its purpose: to see my own logs." in letter.body_text
    assert "first request" in letter.body_text
    assert letter.citations == ("Art. 12(5)", "Art. 77", "Art. 12(3)")


@pytest.mark.parametrize("regime_id", ["uk_gdpr", "us_ca_ccpa"])
def test_the_c_526_24_answer_is_for_the_eu_gdpr_only(regime_id):
    with pytest.raises(ValueError, match="EU GDPR only"):
        compose_followup(facts=facts_for(regime_id, FollowUpKind.REFUSAL_REBUTTAL))


def test_a_ccpa_letter_can_name_an_authorised_agent_with_the_workers_permission():
    body = body_for("us_ca_ccpa", ("know",), agent_name="Workers' Data Union")
    assert "I have authorized Workers' Data Union to submit these requests on my behalf" in body
    assert "(Cal. Code Regs. tit. 11, § 7063)" in body
    assert "7063" not in body_for("us_ca_ccpa", ("know",))


@pytest.mark.parametrize("kind", [FollowUpKind.COMPLAINT, FollowUpKind.GAP, FollowUpKind.REMINDER])
@pytest.mark.parametrize("regime_id", ["eu_gdpr", "uk_gdpr", "us_ca_ccpa"])
def test_a_company_name_ending_in_a_full_stop_never_doubles_it(regime_id, kind):
    facts = facts_for(regime_id, kind)
    employer = dataclasses.replace(
        facts.recipient, legal_name="Meta Platforms, Inc.", postal_address=""
    )
    body = compose_followup(facts=dataclasses.replace(facts, recipient=employer)).body_text
    assert "Inc.." not in body
    assert ".." not in body.replace("...", "")
