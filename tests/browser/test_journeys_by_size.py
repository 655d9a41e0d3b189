"""The four main journeys on a phone (390×844) and on a desktop (1280×800): draft a request,
sign by e-mail, sign by code, and organise a petition then find it again from the account.

Each step is audited with axe-core, and saved as a screenshot under STANDING_SCREENSHOTS
(`make screenshots` writes them to var/screenshots/).
"""

import io
import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from petitions import services
from petitions.models import Petition
from tests.browser.axe import audit
from tests.browser.shots import shot
from tests.browser.test_petition_journey import log_in, organiser, start_petition  # noqa: F401
from tests.support.browser import fill_dublin_request, live_petition

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture(params=list(SIZES))
def sized(request, page: Page) -> Page:
    page.set_viewport_size(SIZES[request.param])
    return page


def step(page: Page, journey: str, name: str) -> None:
    audit(page, f"{journey}: {name}", sizes=(page.viewport_size,))
    shot(page, journey, name)


def open_menu_if_folded(page: Page) -> None:
    menu = page.get_by_text("Menu", exact=True)
    if menu.is_visible():
        menu.click()


def test_drafting_a_request(served, sized: Page):
    page = sized
    page.goto(served.url + "/")
    step(page, "request", "1-home")
    page.get_by_role("link", name="Start a request").click()
    step(page, "request", "2-form")
    fill_dublin_request(page)
    page.get_by_role("button", name="Preview my letter").click()
    expect(page.get_by_role("heading", name="Your letter is ready")).to_be_visible()
    step(page, "request", "3-preview")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the PDF letter").click()
    reader = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    assert "Aoife Byrne" in " ".join(p.extract_text() for p in reader.pages)


def test_signing_by_e_mail(served, organiser, sized: Page):  # noqa: F811
    page = sized
    petition = live_petition(organiser)
    page.goto(served.url + f"/petitions/{petition.slug}/")
    step(page, "sign-by-email", "1-petition")
    page.get_by_role("link", name="Sign this petition").click()
    step(page, "sign-by-email", "2-sign")
    page.get_by_label("Your e-mail address").fill("jo.worker@gmail.com")
    page.get_by_label("I support this petition").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    step(page, "sign-by-email", "3-check-email")
    page.goto(re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0))
    step(page, "sign-by-email", "4-confirm")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("#receipt-code")).to_be_visible()
    step(page, "sign-by-email", "5-receipt")


def test_signing_by_code(served, organiser, sized: Page):  # noqa: F811
    page = sized
    petition = live_petition(organiser, Petition.Eligibility.CODES)
    code = services.generate_codes(petition=petition, count=1)[0]
    page.goto(served.url + f"/petitions/{petition.slug}/sign/")
    step(page, "sign-by-code", "1-sign")
    page.get_by_label("Your signing code").fill(code)
    page.get_by_label("I support this petition").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    heading = page.get_by_role("heading", name="Thank you: your signature is confirmed")
    expect(heading).to_be_visible()
    step(page, "sign-by-code", "2-receipt")


def test_organising_a_petition_and_finding_it_again(served, organiser, sized: Page):  # noqa: F811
    page = sized
    log_in(page, served.url)
    petition = start_petition(page, served.url, "Printed single-use signing codes")
    step(page, "organise", "1-manage")

    page.goto(served.url + "/")
    open_menu_if_folded(page)
    step(page, "organise", "2-menu")
    page.get_by_role("link", name="My petitions").first.click()
    expect(page.get_by_role("heading", name=petition.title)).to_be_visible()
    step(page, "organise", "3-my-petitions")
    page.get_by_role("link", name=petition.title).click()
    expect(page).to_have_url(re.compile(rf"/petitions/{petition.slug}/manage/$"))
    expect(page.get_by_role("button", name="Make a sheet of codes")).to_be_visible()
    step(page, "organise", "4-manage-again")
