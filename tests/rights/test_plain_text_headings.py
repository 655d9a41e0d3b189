"""Plain-text outputs show headings as plain text: no raw "## " in the e-mail text, the .txt
download or the mailto body; the HTML preview and the PDF keep real headings."""

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rights import letters

pytestmark = pytest.mark.usefixtures("reference_data")

HEADING = "Decisions made by software (Article 22 GDPR)"


@pytest.fixture
def answers(dublin_answers):
    dublin_answers["rights"] = dublin_answers["rights"] + ["eu_gdpr:automated_decisions"]
    return dublin_answers


def assert_underlined(text: str, heading: str) -> None:
    assert "## " not in text
    assert f"\n{heading}\n{'-' * len(heading)}\n" in text


def test_a_heading_becomes_an_underlined_line_and_the_rest_is_untouched():
    text = "Dear Sir,\n\n## Time limit\n\n- one\n- two\n"

    assert letters.as_plain_text(text) == "Dear Sir,\n\nTime limit\n----------\n\n- one\n- two\n"


def test_the_e_mail_text_on_the_preview_has_no_raw_heading_marks(client, answers):
    response = client.post(reverse("rights:preview"), answers)

    textarea = re.search(
        r'<textarea id="letter-text"[^>]*>(.*?)</textarea>', response.content.decode(), re.S
    ).group(1)
    assert_underlined(textarea, HEADING)
    # The HTML letter beside it keeps a real heading.
    assert f"<h2>{HEADING}</h2>" in response.content.decode()


def test_the_text_download_has_no_raw_heading_marks(client, answers):
    response = client.post(reverse("rights:text"), answers)

    assert response.status_code == 200
    assert_underlined(response.content.decode(), HEADING)


def test_the_mailto_body_has_no_raw_heading_marks(client, answers):
    rendered = client.post(reverse("rights:preview"), answers).context["rendered"]

    body = parse_qs(urlsplit(rendered.mailto_url).query)["body"][0]
    assert_underlined(body, HEADING)


def test_the_pdf_keeps_its_heading_without_marks(client, answers):
    response = client.post(reverse("rights:pdf"), answers)

    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Decisions made by software" in text and "## " not in text
    assert "-" * len(HEADING) not in text


def test_a_complaint_s_e_mail_text_and_annex_have_no_raw_heading_marks(
    client, django_user_model, answers
):
    user = django_user_model.objects.create_user(username="w", email="w@example.org")
    client.force_login(user)
    saved_url = client.post(reverse("rights:save"), answers).url
    request_id = saved_url.rstrip("/").rsplit("/", 1)[-1]
    events = reverse("rights:add_event", kwargs={"request_id": request_id})
    client.post(events, {"kind": "sent", "on": "2026-01-05", "channel": "email"})

    url = reverse("rights:followup", kwargs={"request_id": request_id, "kind": "complaint"})
    followup = client.get(url).context["followup"]

    assert "## " in followup.body_text + followup.annex_text  # the source keeps its marks
    assert_underlined(followup.email_text, HEADING)
