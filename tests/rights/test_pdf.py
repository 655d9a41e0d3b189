import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rights.regimes import REGIMES

pytestmark = pytest.mark.usefixtures("reference_data")

A4 = (595.28, 841.89)
US_LETTER = (612.0, 792.0)


def pdf_for(client, answers: dict) -> PdfReader:
    response = client.post(reverse("rights:pdf"), answers)
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    # Words may wrap across lines; compare with single spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page_size(reader: PdfReader) -> tuple[float, float]:
    box = reader.pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def fonts_by_embedding(reader: PdfReader) -> dict[bool, set[str]]:
    """Font names used on any page, split by whether the font file is inside the PDF."""
    found: dict[bool, set[str]] = {True: set(), False: set()}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[embedded].add(str(descriptor["/FontName"]))
    return found


def uncited(text: str, regime_id: str, right_ids: tuple[str, ...]) -> list[str]:
    """Citations the letter's rights and closing declare that the PDF text lacks."""
    regime = REGIMES[regime_id]
    declared = [c for right_id in right_ids for c in regime.right(right_id).citations]
    return [c for c in declared + list(regime.closing_citations) if c not in text]


def test_dublin_letter_is_a4_with_embedded_fonts_and_page_numbers(client, dublin_answers):
    reader = pdf_for(client, dublin_answers)
    assert page_size(reader) == A4
    fonts = fonts_by_embedding(reader)
    assert fonts[False] == set()
    assert {name.split("+")[-1] for name in fonts[True]} == {"Letter-Sans", "Letter-Sans-Bold"}
    pages = len(reader.pages)
    assert f"1 / {pages}" in text_of(reader)


def test_dublin_letter_text_names_requester_employer_articles_and_due_date(client, dublin_answers):
    text = text_of(pdf_for(client, dublin_answers))
    assert "Aoife Byrne" in text
    assert "MPI-448812" in text
    assert "Meta Platforms Ireland Limited" in text
    assert "Merrion Road" in text
    assert "23 December 2026" in text
    assert "Model Capability Initiative" in text
    assert uncited(text, "eu_gdpr", ("access", "objection")) == []


def test_menlo_park_letter_is_us_letter_and_cites_each_ccpa_section(client, menlo_park_answers):
    reader = pdf_for(client, menlo_park_answers)
    text = text_of(reader)
    assert page_size(reader) == US_LETTER
    assert "Sam Rivera" in text
    assert "Meta Platforms, Inc." in text
    assert "1601 Willow Road" in text
    assert "January 7, 2027" in text
    assert uncited(text, "us_ca_ccpa", ("know", "delete", "limit")) == []


def test_london_letter_is_a4_and_cites_the_uk_provisions(client, london_answers):
    reader = pdf_for(client, london_answers)
    text = text_of(reader)
    assert page_size(reader) == A4
    assert "Priya Shah" in text and "Acme Logistics UK Ltd" in text
    assert "29 December 2026" in text
    for citation in ("Art. 15(1A)", "Art. 17(1)(a)", "Art. 22A", "Art. 12A"):
        assert citation in text


def test_the_pdf_text_is_selectable_not_an_image(client, dublin_answers):
    reader = pdf_for(client, dublin_answers)
    first_page = reader.pages[0]
    assert "Dear Data Protection Officer" in first_page.extract_text()
    assert not first_page.images


def test_the_recipient_block_does_not_repeat_an_attention_line(client, menlo_park_answers):
    text = text_of(pdf_for(client, menlo_park_answers))
    assert text.upper().count("ATTN") == 1
