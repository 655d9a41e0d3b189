import datetime
import itertools

import pytest

from rights import letters
from rights.regimes import REGIMES

REQUESTER = letters.Requester(name="Aoife Byrne", employee_id="E1", reply_to="a@example.org")
RECIPIENT = letters.Recipient(legal_name="Meta Platforms Ireland Limited", email="x@example.com")
WORKPLACE = {"eu_gdpr": "IE", "uk_gdpr": "GB", "us_ca_ccpa": "US"}


def choices_for(regime_id: str, right_ids: tuple[str, ...], **extra) -> letters.LetterChoices:
    return letters.LetterChoices(
        regime_id=regime_id,
        right_ids=right_ids,
        categories=tuple(letters.MONITORING_CATEGORIES),
        requester=REQUESTER,
        recipient=RECIPIENT,
        workplace_country=WORKPLACE[regime_id],
        sent_on=datetime.date(2026, 11, 23),
        **extra,
    )


def body_for(regime_id: str, right_ids: tuple[str, ...], **extra) -> str:
    letter = letters.compose_letter(choices=choices_for(regime_id, right_ids, **extra))
    return letters.render_letter_body(letter=letter)


@pytest.mark.parametrize(
    ("regime_id", "right_id"),
    [(regime.id, right.id) for regime in REGIMES.values() for right in regime.rights],
)
def test_every_right_letter_cites_each_of_its_provisions_exactly(regime_id, right_id):
    letter = letters.compose_letter(choices=choices_for(regime_id, (right_id,)))
    body = letters.render_letter_body(letter=letter)
    missing = [citation for citation in letter.citations if citation not in body]
    assert missing == []


@pytest.mark.parametrize("regime_id", list(REGIMES))
def test_a_letter_with_every_right_of_its_regime_cites_every_provision(regime_id):
    regime = REGIMES[regime_id]
    letter = letters.compose_letter(
        choices=choices_for(regime_id, tuple(right.id for right in regime.rights))
    )
    body = letters.render_letter_body(letter=letter)
    assert [c for c in letter.citations if c not in body] == []
    assert body.count("## ") == len(regime.rights) + 1


def test_gdpr_access_letter_lists_every_item_of_article_15_1_a_to_h():
    body = body_for("eu_gdpr", ("access",))
    for item in "abcdefgh":
        assert f"(Art. 15(1)({item}))" in body
    assert "(Art. 15(2))" in body
    assert "(Art. 15(3))" in body


def test_gdpr_access_letter_asks_for_legal_basis_dpia_and_legitimate_interest_assessment():
    body = body_for("eu_gdpr", ("access",), ask_legal_basis=True, ask_dpia=True, ask_lia=True)
    assert "legal basis under Article 6(1) GDPR" in body
    assert "impact assessment you carried out for this monitoring under Article 35 GDPR" in body
    assert "where you rely on legitimate interests, the assessment" in body


def test_access_letter_leaves_out_the_assessments_the_requester_did_not_want():
    body = body_for("eu_gdpr", ("access",), ask_legal_basis=False, ask_dpia=False, ask_lia=False)
    assert "Article 35" not in body
    assert "I also ask you to provide" not in body


def test_uk_letters_cite_the_uk_gdpr_and_its_reasonable_search_rule():
    body = body_for("uk_gdpr", ("access", "automated_decisions"))
    assert "Article 15 UK GDPR" in body
    assert "Art. 15(1A)" in body
    assert "Art. 22A" in body and "Art. 22C" in body
    assert "Art. 22(1)" not in body
    assert "Information Commissioner" in body


def test_objection_covers_both_the_monitoring_and_its_reuse_for_ai_training():
    body = body_for("eu_gdpr", ("objection",))
    assert "I object to the processing of my personal data through this monitoring" in body
    assert "train, test or improve, AI systems" in body
    assert "Art. 6(1)(f)" in body and "(Art. 21(1))" in body


def test_portability_says_honestly_it_covers_only_consent_or_contract_processing():
    body = body_for("eu_gdpr", ("portability",))
    assert "on the basis of my consent (Art. 6(1)(a)) or of a contract" in body
    assert "does not reach processing based on legitimate interests" in body


def test_erasure_relies_on_the_objection_ground_only_when_the_letter_objects():
    with_objection = body_for("eu_gdpr", ("erasure", "objection"))
    without = body_for("eu_gdpr", ("erasure",))
    assert "I object to the processing in this letter under Article 21(1)" in with_objection
    assert "where I have objected to the processing under Article 21(1)" in without


def test_ccpa_letter_asks_expressly_for_data_back_to_2022_and_recalls_non_retaliation():
    body = body_for("us_ca_ccpa", ("know",))
    assert "on or after January 1, 2022 (§ 1798.130(a)(2)(B))" in body
    assert "You may not retaliate against me" in body
    assert "(§ 1798.125(a)(1)(E))" in body


def test_gdpr_letter_states_the_one_month_deadline_as_a_date():
    body = body_for("eu_gdpr", ("access",))
    # Received Monday 23 November 2026: due Wednesday 23 December 2026 (Art. 12(3)).
    assert "if it reaches you on 23 November 2026, by 23 December 2026" in body
    assert "the extended period would end on 23 February 2027" in body


def test_ccpa_letter_states_45_days_and_the_acknowledgement_date_in_us_format():
    body = body_for("us_ca_ccpa", ("delete",))
    # 23 Nov 2026 + 45 days = 7 Jan 2027; ten business days after receipt skip Thanksgiving and
    # the day after; + 90 days is Sunday 21 Feb 2027, rolled to Monday.
    assert "that is by January 7, 2027" in body
    assert "if this letter reaches you on November 23, 2026, by December 9, 2026" in body
    assert "it would then end on February 22, 2027" in body


def test_a_ccpa_letter_mixing_rights_states_the_date_of_each():
    body = body_for("us_ca_ccpa", ("know", "limit", "opt_out"))
    assert "my request to know within 10 business days" in body
    assert "that is by January 7, 2027" in body
    assert "my request to limit as soon as feasibly possible and no later than 15 business" in body
    assert (
        "(Cal. Code Regs. tit. 11, § 7027(g)): if this letter reaches you on November 23, 2026, "
        "by December 16, 2026" in body
    )
    assert "(Cal. Code Regs. tit. 11, § 7026(f))" in body


def test_a_ccpa_limit_only_letter_asks_for_no_acknowledgement_and_no_extension():
    body = body_for("us_ca_ccpa", ("limit",))
    assert "7021" not in body and "45 calendar days" not in body and "1798.130" not in body


def test_a_right_from_another_regime_is_refused():
    with pytest.raises(letters.RightNotInRegime):
        letters.compose_letter(choices=choices_for("eu_gdpr", ("access", "delete")))


def test_the_reference_is_stable_for_the_same_choices_and_differs_for_others():
    first = letters.compose_letter(choices=choices_for("eu_gdpr", ("access",)))
    again = letters.compose_letter(choices=choices_for("eu_gdpr", ("access",)))
    other = letters.compose_letter(choices=choices_for("eu_gdpr", ("erasure",)))
    assert first.reference == again.reference != other.reference


def test_subject_names_each_provision_and_the_programme():
    letter = letters.compose_letter(
        choices=choices_for("eu_gdpr", ("objection", "access"), programme_name="MCI")
    )
    assert letter.subject == (
        "Request under Art. 15 and Art. 21(1) GDPR: workplace monitoring data (MCI)"
    )


@pytest.mark.parametrize("combo", list(itertools.combinations(["know", "delete", "limit"], 2)))
def test_letter_text_has_no_template_leftovers(combo):
    body = body_for("us_ca_ccpa", combo)
    assert "{%" not in body and "{{" not in body and "\n\n\n" not in body


def test_body_as_html_escapes_text_and_builds_lists_and_headings():
    html = letters.body_as_html("## Title\n\nIntro <b>\n- one & two\n- three")
    assert html == (
        "<h2>Title</h2>\n<p>Intro &lt;b&gt;</p>\n<ul><li>one &amp; two</li><li>three</li></ul>"
    )


def test_body_as_html_keeps_each_citation_on_one_line():
    html = letters.body_as_html("rights (Art. 15(1)(e)) and (§ 1798.130(a)(2)(B)).")
    assert '<span class="cite">Art. 15(1)(e)</span>' in html
    assert '<span class="cite">§ 1798.130(a)(2)(B)</span>' in html
