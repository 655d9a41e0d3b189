"""The routes' letters: what each cites, what none of them says, and the date each states."""

import datetime

import pytest

from rights import route_letters
from rights.route_letters import KINDS, RouteChoices, compose_route_letter, render_route_letter

SENT = datetime.date(2026, 12, 1)
THREATS = ("lawsuit", "sue ", "to court", "penalt", "damages", "legal action", "complaint")


def letter(kind: str, **overrides) -> tuple[route_letters.RouteLetter, str]:
    values = {
        "kind": kind,
        "sender_name": "Jordan Lee",
        "reply_to": "jordan.lee@example.org",
        "recipient_name": "Acme Platforms, Inc.",
        "employer_name": "Acme Platforms, Inc.",
        "programme_name": "Model Capability Initiative",
        "sent_on": SENT,
        "country": "IE",
    } | overrides
    composed = compose_route_letter(choices=RouteChoices(**values))
    return composed, render_route_letter(letter=composed)


CITATIONS = {
    "wa_personnel_file": ["RCW 49.12.240", "RCW 49.12.250", "21 calendar days"],
    "ca_personnel_records": ["Labor Code § 1198.5", "30 calendar days"],
    "ny_monitoring_notice": ["Civil Rights Law § 52-c", "7 May 2022", "Attorney General"],
    "il_records": ["820 ILCS 40/9", "written"],
    "nlra_group": ["29 U.S.C. § 157", "mutual aid or protection"],
    "ca_admt_access": ["California Privacy Protection Agency", "automated decision-making"],
    "eu_colleague": ["Art. 15 GDPR", "Art. 21(1) GDPR", "Art. 14 GDPR", "Art. 12(3)"],
    "de_works_council": [
        "§ 87 Abs. 1 Nr. 6 BetrVG",
        "§ 80 Abs. 2 BetrVG",
        "C-34/21",
        "Art. 6 DSGVO",
    ],
    "it_art4": ["art. 4 della legge 20 maggio 1970, n. 300", "d.lgs. 14 settembre 2015, n. 151"],
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_letter_cites_its_provisions(kind):
    _, text = letter(kind)
    for citation in CITATIONS[kind]:
        assert citation in text, (kind, citation)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_letter_cites_the_rescinded_nlrb_memo_or_section_26_bdsg(kind):
    composed, text = letter(kind)
    english = render_route_letter(letter=composed, language="en")
    for forbidden in ("GC 23-02", "23-02", "§ 26 BDSG", "26 BDSG"):
        assert forbidden not in text and forbidden not in english


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_letter_threatens(kind):
    composed, text = letter(kind)
    english = render_route_letter(letter=composed, language="en").lower()
    for word in THREATS:
        assert word not in english, (kind, word)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_letter_states_the_date_its_answer_is_due_or_asked_for(kind):
    composed, text = letter(kind)
    assert composed.dates["reply_by"] in text
    if composed.due_on:
        assert composed.dates["due"] in text


def test_the_washington_letter_asks_for_the_file_as_the_law_defines_it():
    _, text = letter("wa_personnel_file")
    for record in (
        "job application records",
        "performance evaluations",
        "nonactive or closed disciplinary records",
        "leave and reasonable accommodation records",
        "payroll records",
        "employment agreements",
    ):
        assert record in text
    assert "every record kept about me" not in text


def test_the_washington_review_of_the_file_is_asked_only_when_the_worker_ticks_it():
    _, plain = letter("wa_personnel_file")
    assert "review the information in my personnel file" not in plain
    _, with_review = letter("wa_personnel_file", review_file=True)
    assert "review the information in my personnel file" in with_review
    assert "statement of rebuttal or correction" in with_review


def test_the_washington_and_california_dates_count_from_receipt():
    for kind, days in (("wa_personnel_file", 21), ("ca_personnel_records", 30)):
        composed, text = letter(kind)
        assert f"If you receive this request on {composed.dates['sent']}" in text
        assert composed.due_on == SENT + datetime.timedelta(days=days)


def test_the_colleague_letter_ties_ai_training_to_the_purposes_not_to_automated_decisions():
    _, text = letter("eu_colleague")
    purposes = next(line for line in text.splitlines() if "(Art. 15(1)(a) to (d))" in line)
    assert "train AI systems" in purposes
    decisions = next(line for line in text.splitlines() if "(Art. 15(1)(h))" in line)
    assert "AI" not in decisions and "profiling" in decisions
    # Art. 14 has exceptions: the letter does not say the duty applied without them.
    assert "Unless one of the exceptions in Art. 14(5) applies" in text


def test_the_works_council_letter_does_not_overstate_c_34_21():
    composed, text = letter("de_works_council")
    english = render_route_letter(letter=composed, language="en")
    assert "only a legal basis in the GDPR itself" not in english
    assert "Art. 88(2) GDPR" in english and "Art. 88 Abs. 2 DSGVO" in text


def test_the_washington_letter_says_raw_monitoring_logs_may_be_outside_the_file():
    composed, text = letter("wa_personnel_file")
    assert "may not include raw monitoring logs unless they are used in evaluations" in text
    assert composed.due_on == datetime.date(2026, 12, 22)
    assert "December 22, 2026" in text


def test_the_california_letter_is_for_anyone_working_there_and_due_in_30_days():
    composed, text = letter("ca_personnel_records")
    assert "whatever their residence" in text
    assert composed.due_on == datetime.date(2026, 12, 31)


def test_the_new_york_letter_says_it_is_about_notice_only_and_sets_no_deadline():
    composed, text = letter("ny_monitoring_notice")
    assert "notice only" in text and "enforced by the Attorney General" in text
    assert "acknowledgement" in text
    assert composed.due_on is None and "The law sets no date for a reply." in text


def test_the_illinois_letter_asks_whether_messages_are_kept_and_for_their_deletion():
    _, text = letter("il_records")
    assert "be deleted" in text and "personal messages" in text


def test_the_group_letter_lists_named_volunteers_or_points_to_a_petition():
    _, named = letter("nlra_group", signatories=("Jordan Lee", "Kim Park"))
    assert "- Jordan Lee\n- Kim Park" in named
    _, anonymous = letter("nlra_group")
    assert "employees who signed the attached petition" in anonymous
    # A petition's signers may be anonymous: the letter never says they are named.
    assert "named in the attached petition" not in anonymous
    for ask in ("Pause the programme", "full scope", "opt out"):
        assert ask in anonymous


def test_the_colleague_letter_has_no_employment_wording_and_names_the_uk_law_in_the_uk():
    _, text = letter("eu_colleague", employer_name="", country="FR")
    for word in ("employ", "payslip", "my work", "staff number"):
        assert word not in text.lower(), word
    _, uk = letter("eu_colleague", employer_name="", country="GB")
    assert "Art. 15 UK GDPR" in uk and "Art. 15 GDPR" not in uk


def test_the_works_council_letter_is_german_with_an_english_preview():
    composed, text = letter("de_works_council", employer_name="Acme GmbH")
    assert text.startswith("Sehr geehrte Mitglieder des Betriebsrats")
    assert "31. Dezember 2026" in text
    english = render_route_letter(letter=composed, language="en")
    assert "§ 87(1) no. 6 BetrVG" in english and "December 31, 2026" not in english
    assert "31 December 2026" in english


def test_the_italian_letter_is_italian_with_an_english_preview():
    composed, text = letter("it_art4")
    assert "Ispettorato nazionale del lavoro" in text and "31 dicembre 2026" in text
    english = render_route_letter(letter=composed, language="en")
    assert "National Labour Inspectorate" in english


def test_an_unknown_kind_is_refused():
    with pytest.raises(route_letters.UnknownKind):
        route_letters.get_kind("nope")
