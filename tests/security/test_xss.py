"""Script payloads typed into any text field come back inert: escaped in every HTML page,
stripped from petition Markdown, and harmless in the PDFs, which still render."""

import datetime
import html
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.text import render_markdown
from petitions import services as petition_services
from petitions.models import PendingSignature, Petition, SignerHash
from tests.petitions.conftest import download_code_sheet

from .conftest import (
    confirm_link,
    list_publicly,
    log_event,
    make_user,
    new_petition,
    save_request,
)

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "'><iframe src=javascript:alert(1)>",
]
# One line, as single-line fields require; every payload at once.
ALL = " ".join(PAYLOADS) + " javascript:alert(1)"
MARKDOWN_ATTACKS = [
    "[click me](javascript:alert(1))",
    "[encoded](&#106;avascript:alert(1))",
    "[spaced]( javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">raw link</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    "![x](x onerror=alert(1))",
    '![x](x" onerror="alert(1))',
    "<div style=\"background:url('javascript:alert(1)')\">styled</div>",
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<object data="javascript:alert(1)"></object>',
    '<base href="javascript:/">',
    *PAYLOADS,  # last: an unclosed <iframe> swallows what follows it
]
MARKDOWN = "\n\n".join(MARKDOWN_ATTACKS)

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "data"}
FORBIDDEN_TAGS = {"iframe", "svg", "object", "embed", "math", "base", "frame"}


class Tags(HTMLParser):
    """Every element and attribute the browser would build from the markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def assert_inert(markup: str) -> None:
    for payload in PAYLOADS:
        assert payload not in markup
    parser = Tags()
    parser.feed(markup)
    for tag, attributes in parser.found:
        assert tag not in FORBIDDEN_TAGS, (tag, attributes)
        if tag == "script":
            assert "src" in attributes or attributes.get("type") == "application/json", attributes
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, attributes)
            assert name != "style", (tag, attributes)
            if name in URL_ATTRIBUTES:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not scheme.startswith(("javascript:", "vbscript:")), (tag, attributes)
                if scheme.startswith("data:") and scheme != "data:,":  # "data:," is no favicon
                    assert tag == "img" and scheme.startswith("data:image/png"), (tag, attributes)


def html_of(response) -> str:
    assert response.status_code < 500
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    markup = response.content.decode()
    assert_inert(markup)
    return markup


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML of every PDF rendered, as WeasyPrint receives it: every document goes through
    core.pdf.render_template_pdf, which hands it to render_pdf."""
    import core.pdf

    seen: list[str] = []
    original = core.pdf.render_pdf

    def recording(*, html: str, static_dir, **options):
        seen.append(html)
        return original(html=html, static_dir=static_dir, **options)

    monkeypatch.setattr(core.pdf, "render_pdf", recording)
    return seen


def assert_pdf(response, pdf_html: list[str]) -> None:
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF") or response.content.startswith(b"PK")
    assert pdf_html, "no PDF was rendered"
    for markup in pdf_html:
        assert_inert(markup)
    pdf_html.clear()


@pytest.mark.parametrize("attack", MARKDOWN_ATTACKS)
def test_petition_markdown_keeps_no_script_after_sanitising(attack):
    assert_inert(render_markdown(attack))


# Petitions -----------------------------------------------------------------------------------


@pytest.fixture
def hostile_petition(organiser):
    return list_publicly(
        new_petition(
            organiser,
            title=ALL[:150],
            body=MARKDOWN,
            employer=ALL,
            decision_maker=ALL,
            demands="\n".join(PAYLOADS),
            group_name=ALL[:120],
        )
    )


def test_the_petition_text_keeps_its_words_and_loses_its_scripts(client, hostile_petition):
    markup = html_of(client.get(reverse("petitions:detail", args=[hostile_petition.slug])))

    assert "click me" in markup and "raw link" in markup and "styled" in markup
    assert html.escape(PAYLOADS[0]) in markup  # the title, shown as typed


@pytest.mark.parametrize(
    "page", ["list", "detail", "sign", "receipt", "verify"], ids=lambda name: f"petition {name}"
)
def test_a_hostile_petition_is_inert_on_its_public_pages(client, hostile_petition, page):
    url = reverse(f"petitions:{page}", args=[] if page == "list" else [hostile_petition.slug])
    markup = html_of(client.get(url))
    assert "Stop feeding" not in markup  # the page shows the hostile petition, not another
    assert "&lt;script&gt;" in markup or page == "list" or page == "receipt"


def test_a_hostile_petition_is_inert_while_signing(client, hostile_petition, mailoutbox):
    path = confirm_link(client, hostile_petition, mailoutbox)
    html_of(client.get(path))
    html_of(client.post(path))
    email = mailoutbox[-1]
    for payload in PAYLOADS:
        assert payload not in "".join(body for body, _type in email.alternatives)


def test_a_hostile_petition_is_inert_on_the_organisers_pages(
    client, organiser, hostile_petition, pdf_html, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    html_of(client.get(reverse("petitions:manage", args=[hostile_petition.slug])))
    html_of(client.get(reverse("petitions:edit", args=[hostile_petition.slug])))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("petitions:delivery", args=[hostile_petition.slug]))
    assert_pdf(
        client.get(reverse("petitions:delivery_pdf", args=[hostile_petition.slug])), pdf_html
    )


def test_hostile_signers_names_and_comments_are_inert_in_the_delivery_pdf(
    client, organiser, pdf_html, django_capture_on_commit_callbacks
):
    petition = new_petition(organiser, eligibility=Petition.Eligibility.CODES)
    for number, code in enumerate(petition_services.generate_codes(petition=petition, count=5)):
        petition_services.sign_with_code(
            petition=petition, code=code, public_name=PAYLOADS[number % 4], comment=ALL
        )
    client.force_login(organiser)
    sheet = download_code_sheet(client, petition, 1, django_capture_on_commit_callbacks)
    assert_pdf(sheet, pdf_html)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("petitions:delivery", args=[petition.slug]))

    assert_pdf(client.get(reverse("petitions:delivery_pdf", args=[petition.slug])), pdf_html)


def test_hostile_names_and_comments_typed_when_signing_are_refused_and_shown_escaped(
    client, organiser, mailoutbox
):
    petition = new_petition(organiser)
    client.post(
        reverse("petitions:sign", args=[petition.slug]),
        {"email": "jo@example.net", "consent": "on"},
    )
    confirm_path = re.search(r"https?://testserver(/\S+/confirm/\S+/)", mailoutbox[-1].body)[1]
    response = client.post(
        confirm_path, {"show_name": "on", "public_name": PAYLOADS[1], "comment": ALL}
    )

    markup = html_of(response)
    assert response.status_code == 400
    assert "plain text only" in markup
    assert not SignerHash.objects.exists() and not PendingSignature.objects.exists()


def test_a_hostile_petition_typed_into_the_form_is_refused_and_shown_escaped(client, organiser):
    client.force_login(organiser)
    response = client.post(
        reverse("petitions:new"),
        {
            "title": PAYLOADS[0],
            "body": MARKDOWN,
            "employer": PAYLOADS[1],
            "decision_maker": PAYLOADS[2],
            "demands": "\n".join(PAYLOADS),
            "goal": "10",
            "closes_on": str(timezone.localdate() + datetime.timedelta(days=10)),
            "group_name": PAYLOADS[3],
            "visibility": "unlisted",
            "eligibility": "email",
            "allowed_domains": ALL,
        },
    )

    assert response.status_code == 400
    html_of(response)
    assert not Petition.objects.exists()


def test_the_receipt_check_shows_a_hostile_receipt_escaped(client, organiser):
    petition = list_publicly(new_petition(organiser))
    html_of(
        client.post(
            reverse("petitions:receipt", args=[petition.slug]),
            {"receipt": PAYLOADS[1], "action": "withdraw"},
        )
    )


# Requests ------------------------------------------------------------------------------------


@pytest.fixture
def hostile_answers(london_answers) -> dict:
    return {
        **london_answers,
        "other_employer_name": ALL[:200],
        "other_employer_address": "\n".join(PAYLOADS),
        "programme_name": PAYLOADS[1],
        "applications": ALL,
        "full_name": PAYLOADS[0],
        "employee_id": PAYLOADS[2],
        "reply_to": "\n".join(PAYLOADS),
    }


def test_hostile_answers_are_inert_in_the_preview_and_the_form_again(
    client, reference_data, hostile_answers
):
    preview = html_of(client.post(reverse("rights:preview"), hostile_answers))
    assert html.escape(PAYLOADS[0]) in preview  # the name, in the letter as typed

    html_of(client.post(reverse("rights:edit"), hostile_answers))


def test_hostile_answers_leave_the_letter_text_plain_and_the_pdf_rendering(
    client, reference_data, hostile_answers, pdf_html
):
    text = client.post(reverse("rights:text"), hostile_answers)
    assert text.status_code == 200
    assert text["Content-Type"].startswith("text/plain")
    assert text["X-Content-Type-Options"] == "nosniff"

    assert_pdf(client.post(reverse("rights:pdf"), hostile_answers), pdf_html)


def test_a_hostile_saved_request_is_inert_on_every_page_and_in_every_pdf(
    client, reference_data, hostile_answers, pdf_html
):
    client.force_login(make_user("priya@example.org"))
    saved = save_request(client, hostile_answers)
    sent = str(timezone.localdate() - datetime.timedelta(days=120))
    log_event(client, saved, kind="sent", on=sent, channel="post", details=ALL)
    log_event(
        client,
        saved,
        kind="responded",
        on=str(timezone.localdate()),
        details="\n".join(PAYLOADS),
        file=SimpleUploadedFile(f"{PAYLOADS[1]}.txt", b"<script>alert(1)</script>", "text/plain"),
    )
    notes = client.post(
        reverse("rights:notes", kwargs={"request_id": saved.pk}), {"notes": MARKDOWN}
    )
    assert notes.status_code == 302

    def url(name, **kwargs):
        return reverse(f"rights:{name}", kwargs={"request_id": saved.pk, **kwargs})

    html_of(client.get(reverse("rights:mine")))
    page = html_of(client.get(url("saved")))
    assert html.escape(PAYLOADS[0]) in page
    followup = client.get(url("followup", kind="complaint"))
    assert followup.status_code == 200
    html_of(followup)
    assert_pdf(client.get(url("followup_pdf", kind="complaint")), pdf_html)
    assert_pdf(client.get(url("saved_pdf")), pdf_html)
    assert_pdf(client.get(url("timeline_pdf")), pdf_html)
    assert_pdf(client.get(url("case_file")), pdf_html)
    upload = saved.events.get(kind="responded").files.get()
    download = client.get(url("response_file", file_id=upload.pk))
    assert download["Content-Type"].startswith("text/plain")
    assert download["Content-Disposition"].startswith("attachment")
    html_of(client.get(reverse("accounts:my_data")))


def test_hostile_input_to_the_authority_finder_is_inert(client, reference_data):
    response = client.get(
        reverse("rights:authorities"), {"workplace": PAYLOADS[1], "employer": PAYLOADS[0]}
    )

    assert response.status_code == 400
    html_of(response)
