"""Every letter and follow-up cites only provisions declared for the rights asked, and none that
the catalogue marks repealed on the letter's date: for every regime and every combination of
its rights."""

import datetime
import itertools
import re

import pytest

from rights import letters
from rights.completeness import items_for
from rights.followups import FollowUpFacts, FollowUpKind, compose_followup
from rights.regimes import REGIMES

WRITTEN = datetime.date(2027, 1, 12)
SENT = datetime.date(2026, 11, 23)
WORKPLACE = {"eu_gdpr": "IE", "uk_gdpr": "GB", "us_ca_ccpa": "US"}
REQUESTER = letters.Requester(name="Aoife Byrne", employee_id="E1", reply_to="a@example.org")
EMPLOYER = letters.Recipient(legal_name="Example Employer Ltd", email="dpo@example.com")
AUTHORITY = letters.Authority(name="The Authority", email="complaints@example.org")

REGS = re.compile(r"Cal\. Code Regs\. tit\. 11, § \d+(?:\(\w+\))*")
SECTION = re.compile(r"section \d+[A-Z]? of the (?:Data Protection Act 2018|[\w ()]+ Act 2025)")


def cited_in(text: str) -> set[str]:
    """The provisions a text cites, read from the text itself."""
    found = set(REGS.findall(text)) | set(SECTION.findall(text))
    rest = SECTION.sub(" ", REGS.sub(" ", text))
    return found | set(letters.CITATION.findall(rest))


def combinations(regime_id: str):
    rights = [right.id for right in REGIMES[regime_id].rights]
    for size in range(1, len(rights) + 1):
        yield from itertools.combinations(rights, size)


def facts(regime_id: str, kind: FollowUpKind, rights: tuple[str, ...]) -> FollowUpFacts:
    assessments = ("ask_legal_basis", "ask_dpia", "ask_lia")
    return FollowUpFacts(
        kind=kind,
        regime_id=regime_id,
        requester=REQUESTER,
        recipient=EMPLOYER,
        authority=AUTHORITY,
        original_subject="Request",
        original_reference="20261123-ABCD1234",
        original_body_text="",
        sent_on=SENT,
        received_on=SENT,
        channel="email",
        due_on=datetime.date(2026, 12, 23),
        written_on=WRITTEN,
        workplace_country=WORKPLACE[regime_id],
        missing_items=items_for(regime_id, rights, assessments=assessments),
        right_ids=rights,
    )


def undeclared(regime_id: str, rights, text: str, on: datetime.date) -> list[str]:
    regime = REGIMES[regime_id]
    declared = regime.citations_for(rights)
    return sorted(c for c in cited_in(text) if c not in declared or regime.is_repealed(c, on=on))


@pytest.mark.parametrize("kind", [FollowUpKind.GAP, FollowUpKind.COMPLAINT])
@pytest.mark.parametrize("regime_id", sorted(REGIMES))
def test_gap_letters_and_complaints_cite_only_provisions_of_the_rights_asked(regime_id, kind):
    checked = 0
    for rights in combinations(regime_id):
        letter = compose_followup(facts=facts(regime_id, kind, rights))
        assert undeclared(regime_id, rights, letter.body_text, WRITTEN) == [], rights
        assert undeclared(regime_id, rights, " ".join(letter.citations), WRITTEN) == [], rights
        checked += 1
    assert checked == 2 ** len(REGIMES[regime_id].rights) - 1


@pytest.mark.parametrize(
    "kind",
    [FollowUpKind.REMINDER, FollowUpKind.EXTENSION_CHALLENGE, FollowUpKind.REFUSAL_REBUTTAL],
)
@pytest.mark.parametrize("regime_id", sorted(REGIMES))
def test_reminders_and_challenges_cite_only_provisions_of_the_rights_asked(regime_id, kind):
    if kind == FollowUpKind.REFUSAL_REBUTTAL and regime_id != "eu_gdpr":
        return
    for rights in combinations(regime_id):
        if kind == FollowUpKind.EXTENSION_CHALLENGE and not REGIMES[regime_id].extendable(rights):
            continue
        base = facts(regime_id, kind, rights)
        changes = {"missing_items": ()}
        if kind == FollowUpKind.EXTENSION_CHALLENGE:
            changes |= {"extension_announced_on": WRITTEN, "extension_reasons_missing": True}
        letter = compose_followup(facts=FollowUpFacts(**{**base.__dict__, **changes}))
        assert undeclared(regime_id, rights, letter.body_text, WRITTEN) == [], rights


@pytest.mark.parametrize("regime_id", sorted(REGIMES))
def test_request_letters_cite_only_provisions_of_the_rights_asked(regime_id):
    for rights in combinations(regime_id):
        choices = letters.LetterChoices(
            regime_id=regime_id,
            right_ids=rights,
            categories=tuple(letters.MONITORING_CATEGORIES),
            requester=REQUESTER,
            recipient=EMPLOYER,
            workplace_country=WORKPLACE[regime_id],
            sent_on=WRITTEN,
        )
        letter = letters.compose_letter(choices=choices)
        body = letters.render_letter_body(letter=letter)
        assert undeclared(regime_id, rights, body, WRITTEN) == [], rights


def test_sworn_ccpa_complaints_cite_only_provisions_of_the_rights_asked():
    for rights in combinations("us_ca_ccpa"):
        base = facts("us_ca_ccpa", FollowUpKind.COMPLAINT, rights)
        letter = compose_followup(facts=FollowUpFacts(**{**base.__dict__, "sworn": True}))
        assert undeclared("us_ca_ccpa", rights, letter.body_text, WRITTEN) == [], rights


def test_an_erasure_and_restriction_gap_letter_never_demands_access():
    letter = compose_followup(facts=facts("eu_gdpr", FollowUpKind.GAP, ("erasure", "restriction")))
    assert "Art. 15" not in letter.body_text
    assert "keystrokes" not in letter.body_text
    assert "- Art. 17(1): " in letter.body_text and "- Art. 18(1): " in letter.body_text


def test_a_ccpa_correct_and_opt_out_complaint_never_mentions_the_right_to_know():
    letter = compose_followup(
        facts=facts("us_ca_ccpa", FollowUpKind.COMPLAINT, ("correct", "opt_out"))
    )
    assert "1798.110" not in letter.body_text
    assert "- § 1798.106: " in letter.body_text and "- § 1798.120: " in letter.body_text


def test_a_complaint_never_calls_a_missing_assessment_a_breach():
    letter = compose_followup(facts=facts("uk_gdpr", FollowUpKind.COMPLAINT, ("access",)))
    gap = compose_followup(facts=facts("uk_gdpr", FollowUpKind.GAP, ("access",)))
    assert "not a statutory item" not in letter.body_text
    assert "impact assessment (asked, not a statutory item)" in gap.body_text


def test_a_uk_letter_after_19_june_2026_never_cites_article_77():
    uk = REGIMES["uk_gdpr"]
    assert uk.is_repealed("Art. 77", on=datetime.date(2026, 6, 19))
    assert not uk.is_repealed("Art. 77", on=datetime.date(2026, 6, 18))
    for kind in set(FollowUpKind) - {FollowUpKind.REFUSAL_REBUTTAL}:
        base = facts("uk_gdpr", kind, ("access",))
        changes = {"extension_announced_on": WRITTEN, "extension_reasons_missing": True}
        letter = compose_followup(facts=FollowUpFacts(**{**base.__dict__, **changes}))
        assert "Art. 77" not in letter.body_text


def test_the_citation_reader_finds_each_kind_of_provision():
    text = (
        "(Art. 15(1)(c)); (§ 1798.110(a)(4)); (Cal. Code Regs. tit. 11, § 7021(b)); "
        "section 165 of the Data Protection Act 2018; Art. 12(3) and Art. 12A"
    )
    assert cited_in(text) == {
        "Art. 15(1)(c)",
        "§ 1798.110(a)(4)",
        "Cal. Code Regs. tit. 11, § 7021(b)",
        "section 165 of the Data Protection Act 2018",
        "Art. 12(3)",
        "Art. 12A",
    }


def test_no_extension_challenge_for_rights_that_cannot_be_extended():
    base = facts("us_ca_ccpa", FollowUpKind.EXTENSION_CHALLENGE, ("limit", "opt_out"))
    changes = {"extension_announced_on": WRITTEN, "extension_reasons_missing": True}
    with pytest.raises(ValueError, match="can be extended"):
        compose_followup(facts=FollowUpFacts(**{**base.__dict__, **changes}))


def test_a_gap_letter_about_unstatutory_asks_alone_never_calls_the_answer_incomplete():
    base = facts("eu_gdpr", FollowUpKind.GAP, ("access",))
    asks = tuple(item for item in base.missing_items if not item.statutory)
    letter = compose_followup(facts=FollowUpFacts(**{**base.__dict__, "missing_items": asks}))
    assert "It is incomplete" not in letter.body_text
    assert letter.subject.startswith("Follow-up: ")
    assert "The law does not list them among what you must give me" in letter.body_text
