import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from petitions import services
from petitions.models import Petition
from tests.browser.axe import audit

pytestmark = pytest.mark.browser
PASSWORD = "a long organiser passphrase 42"


@pytest.fixture
def organiser(served, django_user_model):
    user = django_user_model.objects.create_user(
        username="steward", email="steward@union.example", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(page: Page, base: str) -> None:
    page.goto(base + "/accounts/login/")
    audit(page, "sign in")
    page.get_by_label("Email").fill("steward@union.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()


def start_petition(page: Page, base: str, eligibility_label: str) -> Petition:
    page.goto(base + "/petitions/new/")
    audit(page, "new petition")
    page.get_by_label("Title").fill("Stop feeding our keystrokes to AI")
    page.get_by_label("Text").fill("We **object** to the Model Capability Initiative.")
    page.get_by_label("Employer addressed").fill("Meta Platforms, Inc.")
    page.get_by_label("Decision maker addressed").fill("The Chief People Officer")
    page.get_by_label("Demands").fill("End the logging.")
    page.get_by_label("Goal (signatures)").fill("100")
    page.get_by_label("Closing date").fill("2099-12-31")
    page.get_by_label("Name of the organising group").fill("Workers for Privacy")
    page.get_by_label(eligibility_label).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Open for signatures")).to_be_visible()
    audit(page, "manage petition")
    return Petition.objects.latest("id")


def test_start_sign_confirm_receipt_verify_and_withdraw(served, organiser, page: Page, settings):
    settings.PETITIONS_COUNT_INTERVAL_SECONDS = 0
    log_in(page, served.url)
    petition = start_petition(page, served.url, "Anyone who confirms an e-mail address")
    for n in range(4):  # colleagues who signed earlier, so the list can be shown
        token = services.seal_signature(petition=petition, address=f"colleague{n}@example.org")
        services.confirm_signature(slug=petition.slug, token=token)

    page.get_by_role("link", name="Public page").click()
    audit(page, "petition")
    page.get_by_role("link", name="Sign this petition").click()
    audit(page, "sign by e-mail")
    page.get_by_label("Your e-mail address").fill("jo.worker@gmail.com")
    page.get_by_label("I support this petition").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    audit(page, "check your e-mail")

    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    audit(page, "confirm")
    # The public name is asked here, after the e-mail, never carried in it.
    page.get_by_label("Print my name in the petition handed to the employer").check()
    page.get_by_label("Name to print").fill("Jo W.")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Your signature is waiting to be added with others")).to_be_visible()
    audit(page, "receipt")
    receipt = page.locator("#receipt-code").inner_text()

    page.get_by_role("link", name="Back to the petition").click()
    expect(page.get_by_text("5 signatures")).to_be_visible()
    audit(page, "petition with a count")
    page.get_by_role("link", name="Check the count").click()
    audit(page, "verify")
    from petitions.anonymity import receipt_hash

    expect(page.get_by_text(receipt_hash(receipt))).to_be_visible()

    page.goto(served.url + f"/petitions/{petition.slug}/receipt/")
    page.get_by_label("Your receipt code").fill(receipt)
    page.get_by_role("button", name="Withdraw my signature").click()
    # A second step, without script: nothing is withdrawn until it is confirmed.
    expect(page.get_by_text("This cannot be undone.")).to_be_visible()
    audit(page, "withdraw: confirm")
    assert petition.signatures.count() == 5
    page.get_by_role("button", name="Yes, withdraw my signature").click()
    expect(page.get_by_text("Your signature has been withdrawn")).to_be_visible()
    audit(page, "withdrawn")
    assert petition.signatures.count() == 4


def test_code_sheet_then_sign_with_a_code(served, organiser, page: Page):
    log_in(page, served.url)
    petition = start_petition(page, served.url, "Printed single-use signing codes")
    page.get_by_label("How many codes?").fill("4")
    page.get_by_role("button", name="Make a sheet of codes").click()
    audit(page, "code sheet ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the sheet of 4 codes").click()
    pdf = download_info.value.path().read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    code = re.search(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", text).group(0)

    page.goto(served.url + f"/petitions/{petition.slug}/sign/?code={code}")
    expect(page.get_by_label("Your signing code")).to_have_value(code)
    audit(page, "sign by code")
    page.get_by_label("I support this petition").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    heading = page.get_by_role("heading", name="Thank you: your signature is confirmed")
    expect(heading).to_be_visible()
    audit(page, "receipt after a code")
    services.refresh_count(petition=petition)
    assert petition.signatures.count() == 1
