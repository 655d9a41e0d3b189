"""A worker's whole journey with an account: sign up, verify, save a request, mark it sent, see
it overdue, make the complaint, export their data and delete the account."""

import datetime
import io
import json
import re
import zipfile

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from rights.models import SavedRequest
from tests.browser.axe import audit
from tests.support.browser import fill_dublin_request

pytestmark = pytest.mark.browser

EMAIL = "aoife.private@example.org"
PASSWORD = "a long worker passphrase 42"


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def sign_in(page: Page, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()


def test_sign_up_save_track_complain_export_and_delete(served, page: Page):
    base = served.url
    sent_on = datetime.date.today()
    page.goto(base + "/accounts/signup/")
    audit(page, "sign up")
    page.get_by_label("Email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    audit(page, "verify your e-mail")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    audit(page, "confirm e-mail")
    page.get_by_role("button", name="Confirm").click()
    if page.get_by_label("Password").count():
        sign_in(page, base)

    page.goto(base + "/requests/new/")
    fill_dublin_request(page)
    page.get_by_role("button", name="Preview my letter").click()
    page.get_by_role("button", name="Save to my requests").click()
    expect(page.get_by_text("Saved. Mark it as sent")).to_be_visible()
    audit(page, "saved request")

    page.get_by_text("Log: Sent").click()
    page.locator("#id_sent_on").fill(sent_on.isoformat())
    page.locator("#id_sent_channel").select_option(label="E-mail")
    page.get_by_role("button", name="Add “Sent”").click()
    expect(page.get_by_text("Added to the timeline.")).to_be_visible()
    audit(page, "saved request, sent")
    saved = SavedRequest.objects.get()
    expect(page.locator(".deadline .big")).to_contain_text(f"{saved.due_on:%-d %B %Y}")

    with time_machine.travel(saved.due_on + datetime.timedelta(days=2), tick=True):
        sign_in(page, base)  # the two-week session has run out by then
        page.goto(base + "/requests/mine/")
        overdue = page.locator("section.warning", has_text="Overdue")
        expect(overdue).to_contain_text("Meta")
        audit(page, "my requests, one overdue")
        overdue.get_by_role("link").first.click()
        expect(page.get_by_text("Overdue: the employer has not answered in time.")).to_be_visible()
        audit(page, "overdue request")

        page.get_by_role("link", name="Complain to the supervisory authority").click()
        expect(page.locator("#followup-text")).to_contain_text("Data Protection Commission")
        audit(page, "complaint")
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download the PDF").click()
        complaint = pdf_text(download_info.value.path().read_bytes())
        assert "Art. 77" in complaint and "Aoife Byrne" in complaint
        assert "Model Capability Initiative" in complaint

        page.get_by_role("button", name="I sent this — log it on the timeline").click()
        expect(page.get_by_text("Added to the timeline.")).to_be_visible()
        logged = "Follow-up sent: Complaint to the supervisory authority"
        expect(page.get_by_text(logged)).to_be_visible()
        audit(page, "follow-up logged")

    page.goto(base + "/accounts/")
    page.get_by_role("link", name="Download or delete your data").click()
    audit(page, "my data")
    # Downloading everything (and then deleting) asks for the password again.
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    audit(page, "confirm access")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Confirm").click()
    archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    data = json.loads(archive.read("my-data.json"))
    assert data["saved_requests"][0]["answers"]["employee_id"] == ["MPI-448812"]

    page.goto(base + "/accounts/data/")
    page.get_by_role("link", name="Delete my account…").click()
    audit(page, "delete account")
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete everything now").click()
    expect(page.get_by_text("Your account and everything in it are deleted.")).to_be_visible()
    audit(page, "account deleted")
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert not SavedRequest.objects.exists()
