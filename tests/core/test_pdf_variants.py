"""PDFs that last: tagged, with language and title, PDF/UA-1 for letters and PDF/A-3b for
records (issue: documents go to regulators, courts and screen readers)."""

import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from core.pdf import ACCESSIBLE, ARCHIVAL, render_pdf

HTML = (
    '<html lang="en-GB"><head><title>Request under Art. 15</title></head>'
    "<body><h1>Request</h1><p>Please send me a copy.</p></body></html>"
)


def catalogue(pdf: bytes):
    return PdfReader(io.BytesIO(pdf)).trailer["/Root"]


def xmp(pdf: bytes) -> str:
    return catalogue(pdf)["/Metadata"].get_object().get_data().decode()


@pytest.mark.parametrize(
    ("variant", "part"), [(ACCESSIBLE, "pdfuaid:part"), (ARCHIVAL, "pdfaid:part")]
)
def test_every_pdf_is_tagged_with_its_language_title_and_declared_variant(variant, part):
    pdf = render_pdf(html=HTML, static_dir=settings.BASE_DIR / "static", variant=variant)
    root = catalogue(pdf)
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Request under Art. 15"
    assert part in xmp(pdf)


def fonts_of(pdf: bytes) -> list[dict]:
    fonts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.append(font.get_object())
    return fonts


def test_fonts_are_embedded_in_both_variants():
    for variant in (ACCESSIBLE, ARCHIVAL):
        pdf = render_pdf(html=HTML, static_dir=settings.BASE_DIR / "static", variant=variant)
        for font in fonts_of(pdf):
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.django_db
def test_a_drafted_letter_is_pdf_ua_and_the_delivery_pdf_is_pdf_a(
    client, reference_data, dublin_answers, django_user_model
):
    from django.urls import reverse

    from petitions import documents, services
    from tests.petitions.conftest import new_petition

    letter = client.post(reverse("rights:pdf"), dublin_answers).content
    assert catalogue(letter)["/Lang"] == "en" and "pdfuaid:part" in xmp(letter)

    organiser = django_user_model.objects.create_user(username="o", email="o@example.org")
    petition = new_petition(organiser)
    services.build_delivery(petition=petition, render=documents.delivery_pdf)
    delivery = services.delivery_pdf(petition=petition)
    assert "/StructTreeRoot" in catalogue(delivery) and 'pdfaid:part="3"' in xmp(delivery)
