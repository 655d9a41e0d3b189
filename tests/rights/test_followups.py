"""Follow-up letters: each kind under each law cites exactly the right provisions."""

import dataclasses
import datetime
import io

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from rights import letters
from rights.completeness import Item
from rights.followups import FollowUpFacts, FollowUpKind, available_kinds, compose_followup
from rights.services.followups import followup_filename, followup_pdf

A4 = (595.28, 841.89)
US_LETTER = (612.0, 792.0)
REGIMES = ["eu_gdpr", "uk_gdpr", "us_ca_ccpa"]
WORKPLACE = {"eu_gdpr": "IE", "uk_gdpr": "GB", "us_ca_ccpa": "US"}
REQUESTER = letters.Requester(name="Aoife Byrne", employee_id="E1", reply_to="a@example.org")
EMPLOYER = letters.Recipient(
    legal_name="Example Employer Ltd", postal_address="1 Main Street\nDublin 4", email="dpo@ex.com"
)
AUTHORITY = letters.Authority(
    name="Data Protection Commission",
    complaint_url="https://forms.dataprotection.ie/contact",
    postal_address="21 Fitzwilliam Square South\nDublin 2",
    email="info@dataprotection.ie",
)
ORIGINAL = "Dear Data Protection Officer,\n\nPlease give me a copy of my keystroke logs.\n"
SENT = datetime.date(2026, 11, 23)
DUE = {"eu_gdpr": datetime.date(2026, 12, 23), "uk_gdpr": datetime.date(2026, 12, 23)}
DUE["us_ca_ccpa"] = datetime.date(2027, 1, 6)
RIGHTS = {"eu_gdpr": ("access",), "uk_gdpr": ("access",), "us_ca_ccpa": ("know",)}
RECIPIENTS = {
    "eu_gdpr": "Art. 15(1)(c)",
    "uk_gdpr": "Art. 15(1)(c)",
    "us_ca_ccpa": "§ 1798.110(a)(4)",
}


def missing_for(regime_id: str) -> tuple[Item, ...]:
    right = RIGHTS[regime_id][0]
    return (
        Item("recipients", "the recipients of the data", RECIPIENTS[regime_id], right),
        Item("category:screen", "screenshots and screen captures", "", right),
    )


def missing_lines(regime_id: str) -> list[str]:
    return [f"{i.citation}: {i.label}" if i.citation else i.label for i in missing_for(regime_id)]


TIMELINE = (
    (SENT, "Request sent by e-mail."),
    (datetime.date(2026, 12, 1), "Employer acknowledged the request."),
)

EXPECTED_CITATIONS = {
    ("eu_gdpr", "reminder"): ("Art. 12(3)", "Art. 12(4)", "Art. 77"),
    ("eu_gdpr", "extension_challenge"): ("Art. 12(3)", "Art. 12(4)", "Art. 77"),
    ("eu_gdpr", "gap"): ("Art. 12(3)", "Art. 77", "Art. 15(1)", "Art. 15(3)", "Art. 15(1)(c)"),
    ("eu_gdpr", "refusal_rebuttal"): ("Art. 12(5)", "Art. 77", "Art. 12(3)"),
    ("eu_gdpr", "complaint"): (
        "Art. 77(1)",
        "Art. 77(2)",
        "Art. 12(3)",
        "Art. 58(2)(c)",
        "Art. 15(1)(c)",
    ),
    ("uk_gdpr", "reminder"): (
        "Art. 12(3)",
        "Art. 12A",
        "Art. 12(4)",
        "section 165 of the Data Protection Act 2018",
        "section 164A of the Data Protection Act 2018",
    ),
    ("uk_gdpr", "extension_challenge"): (
        "Art. 12(3)",
        "Art. 12A",
        "Art. 12(4)",
        "section 165 of the Data Protection Act 2018",
        "section 164A of the Data Protection Act 2018",
    ),
    ("uk_gdpr", "gap"): (
        "Art. 12(3)",
        "Art. 12A",
        "section 165 of the Data Protection Act 2018",
        "section 164A of the Data Protection Act 2018",
        "Art. 15(1)",
        "Art. 15(3)",
        "Art. 15(1)(c)",
    ),
    ("uk_gdpr", "complaint"): (
        "section 165 of the Data Protection Act 2018",
        "Art. 12(3)",
        "Art. 12A",
        "section 164A of the Data Protection Act 2018",
        "section 103 of the Data (Use and Access) Act 2025",
        "Art. 15(1)(c)",
    ),
    ("us_ca_ccpa", "reminder"): (
        "§ 1798.125(a)(1)(E)",
        "§ 1798.199.45",
        "§ 1798.130(a)(2)",
        "Cal. Code Regs. tit. 11, § 7021(b)",
    ),
    ("us_ca_ccpa", "extension_challenge"): (
        "§ 1798.125(a)(1)(E)",
        "§ 1798.199.45",
        "§ 1798.130(a)(2)",
        "Cal. Code Regs. tit. 11, § 7021(b)",
    ),
    ("us_ca_ccpa", "gap"): (
        "§ 1798.125(a)(1)(E)",
        "§ 1798.199.45",
        "§ 1798.130(a)(2)",
        "Cal. Code Regs. tit. 11, § 7021(b)",
        "§ 1798.110",
        "§ 1798.115",
        "§ 1798.110(a)(4)",
    ),
    ("us_ca_ccpa", "complaint"): (
        "§ 1798.199.45",
        "§ 1798.125(a)(1)(E)",
        "Cal. Code Regs. tit. 11, § 7301(a)",
        "§ 1798.130(a)(2)",
        "Cal. Code Regs. tit. 11, § 7021(b)",
        "§ 1798.110(a)(4)",
    ),
}


def facts_for(regime_id: str, kind: FollowUpKind, **changes) -> FollowUpFacts:
    facts = FollowUpFacts(
        kind=kind,
        regime_id=regime_id,
        requester=REQUESTER,
        recipient=EMPLOYER,
        authority=AUTHORITY,
        original_subject="Request under Art. 15 GDPR: workplace monitoring data",
        original_reference="20261123-ABCD1234",
        original_body_text=ORIGINAL,
        sent_on=SENT,
        received_on=SENT,
        channel="email",
        due_on=DUE[regime_id],
        written_on=datetime.date(2027, 1, 12),
        workplace_country=WORKPLACE[regime_id],
        extension_announced_on=datetime.date(2027, 1, 8),
        extension_reasons_missing=True,
        missing_items=missing_for(regime_id),
        right_ids=RIGHTS[regime_id],
        timeline=TIMELINE,
    )
    return dataclasses.replace(facts, **changes)


def compose(regime_id: str, kind: FollowUpKind, **changes):
    return compose_followup(facts=facts_for(regime_id, kind, **changes))


KINDS_BY_LAW = [
    (regime_id, kind)
    for regime_id in REGIMES
    for kind in FollowUpKind
    if kind != FollowUpKind.REFUSAL_REBUTTAL or regime_id == "eu_gdpr"
]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("regime_id", "kind"), KINDS_BY_LAW)
def test_each_kind_under_each_law_cites_exactly_its_provisions(regime_id, kind):
    letter = compose(regime_id, kind)
    assert letter.citations == EXPECTED_CITATIONS[(regime_id, kind.value)]
    assert [c for c in letter.citations if c not in letter.body_text] == []
    assert "{{" not in letter.body_text and "{%" not in letter.body_text
    assert "\n\n\n" not in letter.body_text


@pytest.mark.parametrize(("regime_id", "kind"), KINDS_BY_LAW)
def test_each_letter_names_the_original_request_and_its_dates(regime_id, kind):
    letter = compose(regime_id, kind)
    assert "20261123-ABCD1234" in letter.subject
    date = "November 23, 2026" if regime_id == "us_ca_ccpa" else "23 November 2026"
    assert date in letter.body_text


def test_letters_to_the_employer_go_to_the_employer_and_the_complaint_to_the_authority():
    reminder = compose("eu_gdpr", FollowUpKind.REMINDER)
    complaint = compose("eu_gdpr", FollowUpKind.COMPLAINT)
    assert (reminder.addressee_name, reminder.addressee_email) == (
        "Example Employer Ltd",
        "dpo@ex.com",
    )
    assert (complaint.addressee_name, complaint.addressee_email) == (
        "Data Protection Commission",
        "info@dataprotection.ie",
    )
    assert complaint.mailto_url.startswith("mailto:info@dataprotection.ie?subject=")


def test_gdpr_reminder_states_the_due_date_and_asks_by_a_new_date():
    body = compose("eu_gdpr", FollowUpKind.REMINDER, extension_announced_on=None).body_text
    assert "within one month of receiving it, that is by 23 December 2026 (Art. 12(3))" in body
    assert "by 26 January 2027 at the latest" in body


def test_ccpa_reminder_counts_45_calendar_days_in_us_date_format():
    body = compose("us_ca_ccpa", FollowUpKind.REMINDER, extension_announced_on=None).body_text
    assert "within 45 calendar days of receiving them, that is by January 6, 2027" in body


def test_a_late_extension_is_challenged_with_the_second_and_third_sentences_of_article_12_3():
    body = compose(
        "eu_gdpr", FollowUpKind.EXTENSION_CHALLENGE, extension_reasons_missing=False
    ).body_text
    assert "(Art. 12(3), second and third sentences)" in body
    assert "You told me too late. The month ended on 23 December 2026" in body
    assert "You gave no reasons" not in body


def test_an_extension_in_time_without_reasons_is_challenged_for_its_reasons_only():
    body = compose(
        "eu_gdpr",
        FollowUpKind.EXTENSION_CHALLENGE,
        extension_announced_on=datetime.date(2026, 12, 10),
    ).body_text
    assert "You gave no reasons for the delay." in body
    assert "too late" not in body


def test_an_extension_with_weak_reasons_quotes_them_and_says_why_they_fall_short():
    body = compose(
        "uk_gdpr",
        FollowUpKind.EXTENSION_CHALLENGE,
        extension_announced_on=datetime.date(2026, 12, 10),
        extension_reason="We are very busy.",
    ).body_text
    assert 'giving this reason: "We are very busy".' in body
    assert "does not explain why my request is complex" in body
    assert "(Art. 12(3) and Art. 12A)" in body


def test_the_ccpa_extension_challenge_cites_the_first_45_days_and_the_explanation_rule():
    body = flat(compose("us_ca_ccpa", FollowUpKind.EXTENSION_CHALLENGE).body_text)
    assert "only if you tell me so within the first 45 days (§ 1798.130(a)(2))" in body
    assert "(Cal. Code Regs. tit. 11, § 7021(b))" in body
    assert "The first 45 days ended on January 7, 2027, and your notice is dated January 8" in body
    assert "You gave no explanation of the reason for the delay." in body


@pytest.mark.parametrize("regime_id", REGIMES)
def test_the_gap_letter_lists_every_missing_item_as_a_list_item(regime_id):
    letter = compose(regime_id, FollowUpKind.GAP)
    for line in missing_lines(regime_id):
        assert f"- {line}\n" in letter.body_text


def test_the_gap_letter_asks_for_the_items_by_the_date_given():
    body = compose("eu_gdpr", FollowUpKind.GAP, reply_by=datetime.date(2027, 2, 1)).body_text
    assert "by 1 February 2027" in body


@pytest.mark.parametrize("regime_id", REGIMES)
def test_the_complaint_carries_the_timeline_and_the_original_letter(regime_id):
    letter = compose(regime_id, FollowUpKind.COMPLAINT)
    assert "Request sent by e-mail." in letter.body_text
    assert "Employer acknowledged the request." in letter.body_text
    assert "attached as an annex" in letter.body_text
    assert "Please give me a copy of my keystroke logs." not in letter.body_text
    assert "Please give me a copy of my keystroke logs." in letter.annex_text
    email = letter.email_text
    assert email.index("Aoife Byrne") < email.index("Annex: my original request")
    assert email.index("Annex: my original request") < email.index("keystroke logs")


def test_the_uk_complaint_says_plainly_to_complain_to_the_employer_first():
    letter = compose("uk_gdpr", FollowUpKind.COMPLAINT)
    assert "I may complain to my employer first, under section 164A" in letter.body_text
    assert any("complain to your employer first" in note for note in letter.notes)
    assert any("three months" in note for note in letter.notes)


def test_the_uk_complaint_gives_the_date_of_the_complaint_to_the_employer():
    letter = compose(
        "uk_gdpr", FollowUpKind.COMPLAINT, controller_complaint_on=datetime.date(2027, 1, 2)
    )
    assert "On 2 January 2027 I complained to my employer under section 164A" in letter.body_text
    assert not any("does not say when" in note for note in letter.notes)


def test_uk_letters_before_19_june_2026_do_not_rely_on_section_164a():
    letter = compose(
        "uk_gdpr",
        FollowUpKind.REMINDER,
        sent_on=datetime.date(2026, 3, 2),
        received_on=datetime.date(2026, 3, 2),
        due_on=datetime.date(2026, 4, 2),
        written_on=datetime.date(2026, 4, 20),
        extension_announced_on=None,
    )
    assert "164A" not in letter.body_text
    assert "section 164A of the Data Protection Act 2018" not in letter.citations


def test_the_ccpa_complaint_is_not_sworn_unless_the_worker_asks_and_says_the_agency_may_act():
    letter = compose("us_ca_ccpa", FollowUpKind.COMPLAINT)
    assert "## Complaint under § 1798.199.45" in letter.body_text
    assert "which is not sworn (Cal. Code Regs. tit. 11, § 7301(a))" in letter.body_text
    assert "penalty of perjury" not in letter.body_text
    assert "I authorize" not in letter.body_text
    assert any("may investigate complaints that are not sworn" in n for n in letter.notes)


def test_the_sworn_ccpa_complaint_authorizes_disclosure_and_has_a_place_to_sign():
    letter = compose("us_ca_ccpa", FollowUpKind.COMPLAINT, sworn=True)
    body = letter.body_text
    assert "## Sworn complaint under § 1798.199.45" in body
    assert "to communicate with each other about this complaint, including by disclosing it" in body
    assert "Cal. Code Regs. tit. 11, § 7300(a)(3)" in letter.citations
    assert "under penalty of perjury under the laws of the State of California" in body
    assert "Executed on January 12, 2027 at ______________________ (city and state)." in body
    sheet = render_to_string("rights/letter_document.html", {"followup": letter})
    assert 'class="signature-line"' in sheet.split("Executed on")[1]
    assert any("shared with your employer" in note for note in letter.notes)


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "uk_gdpr"])
def test_no_gdpr_complaint_asks_to_be_warned_before_it_is_shared(regime_id):
    letter = compose(regime_id, FollowUpKind.COMPLAINT)
    assert "before you share" not in letter.body_text
    assert "I am worried about retaliation." in letter.body_text


@pytest.mark.parametrize("sworn", [False, True])
def test_no_ccpa_complaint_asks_to_be_warned_before_it_is_shared(sworn):
    letter = compose("us_ca_ccpa", FollowUpKind.COMPLAINT, sworn=sworn)
    assert "before you share" not in letter.body_text
    assert any("not verified" in note and "online" in note for note in letter.notes)


def test_only_a_complaint_to_the_california_agency_can_be_sworn():
    with pytest.raises(ValueError, match="sworn"):
        compose("eu_gdpr", FollowUpKind.COMPLAINT, sworn=True)


def test_available_kinds_follow_the_state_of_the_request():
    due = datetime.date(2026, 12, 23)
    assert available_kinds(today=datetime.date(2026, 12, 1), due_on=due) == ()
    assert available_kinds(today=datetime.date(2027, 1, 5), due_on=due) == (
        FollowUpKind.REMINDER,
        FollowUpKind.COMPLAINT,
    )
    assert available_kinds(
        today=datetime.date(2026, 12, 1), due_on=due, answered=True, missing_items=True
    ) == (FollowUpKind.GAP, FollowUpKind.COMPLAINT)


@pytest.mark.parametrize(
    ("kind", "changes", "reason"),
    [
        (FollowUpKind.COMPLAINT, {"authority": None}, "authority"),
        (FollowUpKind.GAP, {"missing_items": ()}, "missing item"),
        (
            FollowUpKind.GAP,
            {"missing_items": (Item("art17_erased", "erased", "Art. 17(1)", "erasure"),)},
            "did not ask",
        ),
        (FollowUpKind.REMINDER, {"written_on": datetime.date(2026, 12, 1)}, "overdue"),
        (FollowUpKind.EXTENSION_CHALLENGE, {"extension_announced_on": None}, "announced"),
        (
            FollowUpKind.EXTENSION_CHALLENGE,
            {
                "extension_announced_on": datetime.date(2026, 12, 1),
                "extension_reasons_missing": False,
            },
            "nothing to challenge",
        ),
        (FollowUpKind.REMINDER, {"channel": "fax"}, "channel"),
        (FollowUpKind.REMINDER, {"received_on": datetime.date(2026, 11, 1)}, "received"),
    ],
)
def test_facts_that_do_not_fit_the_kind_are_refused_with_a_reason(kind, changes, reason):
    with pytest.raises(ValueError, match=reason):
        compose("eu_gdpr", kind, **changes)


def test_an_unknown_law_is_refused():
    with pytest.raises(ValueError):
        compose_followup(
            facts=dataclasses.replace(facts_for("eu_gdpr", FollowUpKind.GAP), regime_id="xx")
        )


# PDFs


def pdf_of(letter) -> PdfReader:
    return PdfReader(io.BytesIO(followup_pdf(letter=letter)))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page_size(reader: PdfReader) -> tuple[float, float]:
    box = reader.pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def unembedded_fonts(reader: PdfReader) -> set[str]:
    missing = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(str(descriptor["/FontName"]))
    return missing


@pytest.mark.parametrize(
    ("regime_id", "kind", "size"),
    [
        ("eu_gdpr", FollowUpKind.REMINDER, A4),
        ("uk_gdpr", FollowUpKind.EXTENSION_CHALLENGE, A4),
        ("eu_gdpr", FollowUpKind.GAP, A4),
        ("us_ca_ccpa", FollowUpKind.REMINDER, US_LETTER),
        ("us_ca_ccpa", FollowUpKind.GAP, US_LETTER),
    ],
)
def test_follow_up_pdfs_have_the_paper_of_their_law_embedded_fonts_and_their_text(
    regime_id, kind, size
):
    letter = compose(regime_id, kind)
    reader = pdf_of(letter)
    text = text_of(reader)
    assert page_size(reader) == size
    assert unembedded_fonts(reader) == set()
    assert "Example Employer Ltd" in text and "Aoife Byrne" in text
    assert [c for c in letter.citations if c not in text] == []
    assert "Annex" not in text


@pytest.mark.parametrize(("regime_id", "size"), [("eu_gdpr", A4), ("us_ca_ccpa", US_LETTER)])
def test_the_complaint_pdf_has_the_original_request_as_an_annex_on_its_own_page(regime_id, size):
    letter = compose(regime_id, FollowUpKind.COMPLAINT)
    reader = pdf_of(letter)
    assert page_size(reader) == size
    assert unembedded_fonts(reader) == set()
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    annex_page = next(i for i, page in enumerate(pages) if "Annex: my original request" in page)
    assert annex_page > 0
    assert "Data Protection Commission" in pages[0]
    assert "Please give me a copy of my keystroke logs." in " ".join(pages[annex_page:])
    assert "Please give me a copy of my keystroke logs." not in " ".join(pages[:annex_page])
    assert "Request sent by e-mail." in " ".join(pages[:annex_page])


def test_the_follow_up_file_name_says_what_it_is():
    letter = compose("eu_gdpr", FollowUpKind.EXTENSION_CHALLENGE)
    assert followup_filename(letter=letter).startswith("extension-challenge-20261123-ABCD1234-")
    assert followup_filename(letter=letter).endswith(".pdf")


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "uk_gdpr", "us_ca_ccpa"])
def test_the_complaint_subject_says_unanswered_only_when_no_answer_was_logged(regime_id):
    unanswered = compose(regime_id, FollowUpKind.COMPLAINT, answered=False)
    answered = compose(regime_id, FollowUpKind.COMPLAINT, answered=True)
    assert "left unanswered" in unanswered.subject
    assert "answered in part" in answered.subject and "unanswered" not in answered.subject
