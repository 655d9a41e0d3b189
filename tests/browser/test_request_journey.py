import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.axe import audit
from tests.support.browser import fill_dublin_request

pytestmark = pytest.mark.browser


def test_a_dublin_worker_fills_the_form_previews_and_downloads_the_pdf(served, page: Page):
    page.goto(served.url + "/")
    audit(page, "home")
    page.get_by_role("link", name="Start a request").click()
    audit(page, "request form")
    fill_dublin_request(page)
    # The script hides the other laws' rights once the workplace is known.
    expect(page.get_by_label("Right to know: the categories")).to_be_hidden()
    audit(page, "request form, filled in")
    page.get_by_role("button", name="Preview my letter").click()

    expect(page.get_by_role("heading", name="Your letter is ready")).to_be_visible()
    audit(page, "letter preview")
    expect(page.locator(".letter .subject")).to_contain_text("Art. 15 and Art. 21(1) GDPR")
    expect(page.get_by_role("button", name="Copy the text")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the PDF letter").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    reader = PdfReader(io.BytesIO(download.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Aoife Byrne" in text and "Meta Platforms Ireland Limited" in text
    assert "Art. 21(1)" in text


def test_a_california_resident_working_in_new_york_is_shown_the_ccpa_rights(served, page: Page):
    page.goto(served.url + "/requests/new/")
    page.locator("#id_workplace").select_option("US-NY")
    expect(page.get_by_label("Right to know: the categories")).to_be_visible()
    page.locator("#id_residence").select_option("US-CA")
    # The CCPA follows residence: its rights stay, the GDPR's are hidden.
    expect(page.get_by_label("Right to know: the categories")).to_be_visible()
    expect(page.get_by_label("Erasure of the monitoring data").first).to_be_hidden()
    page.locator("#id_workplace").select_option("IE")
    # A law that follows the workplace wins, as the server decides.
    expect(page.get_by_label("Right to know: the categories")).to_be_hidden()
    audit(page, "request form, rights by aim")


def test_a_mistake_is_shown_next_to_its_field_and_nothing_typed_is_lost(served, page: Page):
    page.goto(served.url + "/requests/new/")
    fill_dublin_request(page)
    page.get_by_label("Your full name").fill("")
    page.get_by_role("button", name="Preview my letter").click()
    audit(page, "request form with an error")

    name_field = page.locator(".field.has-error")
    expect(name_field).to_contain_text("This field is required.")
    expect(name_field.get_by_label("Your full name")).to_be_visible()
    expect(page.get_by_label("Employee ID")).to_have_value("MPI-448812")
    expect(page.get_by_label("Name of the monitoring programme")).to_have_value(
        "Model Capability Initiative"
    )


def test_the_copy_button_copies_the_email_text(served, page: Page, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served.url + "/requests/new/")
    fill_dublin_request(page)
    page.get_by_role("button", name="Preview my letter").click()
    page.get_by_role("button", name="Copy the text").click()
    expect(page.locator(".copy-status")).to_have_text("Copied.")
    audit(page, "letter preview, text copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Dear Data Protection Officer,")
