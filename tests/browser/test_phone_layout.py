"""Every main page fits a phone 320 and 390 px wide, signed out and signed in (WCAG 1.4.10).

With STANDING_SCREENSHOTS set to a folder, each page is also saved there as a full-page PNG for
reviewers (`make screenshots`).
"""

import os
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect

from petitions import services
from petitions.models import Petition
from tests.browser.axe import DESKTOP, audit
from tests.support.browser import fill_dublin_request, live_petition

pytestmark = pytest.mark.browser

WIDTHS = [320, 390]
EMAIL = "aoife.private@example.org"
PASSWORD = "a long worker passphrase 42"

# Which elements stick out past the right edge, to name them when a page does not fit.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (typeof el.className === 'string' && el.className ? '.' + el.className : '')
      + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


def fits(page: Page) -> tuple[bool, list[str]]:
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    return scroll <= inner, ([] if scroll <= inner else page.evaluate(OVERFLOWING))


class Checker:
    """Visits pages at one width, saves screenshots if asked, and gathers the ones that overflow."""

    def __init__(self, page: Page, width: int, state: str) -> None:
        self.page, self.width, self.state = page, width, state
        self.failures: list[str] = []
        folder = os.environ.get("STANDING_SCREENSHOTS")
        self.folder = Path(folder) if folder else None
        page.set_viewport_size({"width": width, "height": 800})

    def check(self, name: str) -> None:
        self.page.wait_for_load_state()
        ok, culprits = fits(self.page)
        if not ok:
            self.failures.append(f"{name} at {self.width}px {self.state}: {culprits}")
        here = {"width": self.width, "height": 800}
        # Each state at its phone width, and once on a desktop too.
        sizes = (here, DESKTOP) if self.width == WIDTHS[-1] else (here,)
        try:
            audit(self.page, f"{name} {self.state}", sizes=sizes)
        except AssertionError as error:
            self.failures.append(str(error))
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{self.state}-{name}-{self.width}.png"
            self.page.screenshot(path=str(path), full_page=True)

    def visit(self, name: str, url: str) -> None:
        self.page.goto(url)
        self.check(name)


@pytest.fixture
def worker(served, django_user_model):
    user = django_user_model.objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    return user


@pytest.mark.parametrize("width", WIDTHS)
def test_signed_out_pages_fit_a_phone(served, worker, page: Page, width):
    base = served.url
    petition = live_petition(worker)
    for n in range(5):  # enough for the count and the list of receipt hashes to be shown
        token = services.seal_signature(petition=petition, address=f"colleague{n}@example.org")
        services.confirm_signature(slug=petition.slug, token=token)
    services.refresh_count(petition=petition)
    by_code = live_petition(worker, Petition.Eligibility.CODES)
    pages = Checker(page, width, "signed-out")
    pages.visit("home", base + "/")
    # The menu opens without any script, and every link in it is on screen.
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("link", name="Sign up")).to_be_in_viewport()
    pages.check("menu-open")
    pages.visit("request-form", base + "/requests/new/")
    pages.visit("authorities", base + "/requests/authorities/")
    pages.visit("petitions", base + "/petitions/")
    pages.visit("petition", base + f"/petitions/{petition.slug}/")
    pages.visit("sign-by-email", base + f"/petitions/{petition.slug}/sign/")
    pages.visit("sign-by-code", base + f"/petitions/{by_code.slug}/sign/")
    pages.visit("receipt-check", base + f"/petitions/{petition.slug}/receipt/")
    pages.visit("verify", base + f"/petitions/{petition.slug}/verify/")
    expect(page.locator("ol.hashes li").first).to_be_visible()
    pages.visit("sign-in", base + "/accounts/login/")
    pages.visit("sign-up", base + "/accounts/signup/")
    pages.visit("not-found", base + "/petitions/no-such-petition/")
    pages.visit("about", base + "/about/")
    pages.visit("privacy", base + "/privacy/")

    # Errors on the request form, then the letter preview with its long addresses.
    page.goto(base + "/requests/new/")
    page.get_by_role("button", name="Preview my letter").click()
    pages.check("request-form-errors")
    page.goto(base + "/requests/new/")
    fill_dublin_request(page)
    page.get_by_role("button", name="Preview my letter").click()
    expect(page.get_by_role("heading", name="Your letter is ready")).to_be_visible()
    pages.check("letter-preview")

    # Signing by e-mail: the confirm page and the receipt with its long code.
    page.goto(base + f"/petitions/{petition.slug}/sign/")
    page.get_by_label("Your e-mail address").fill("jo.worker@gmail.com")
    page.get_by_label("I support this petition").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    pages.check("check-email")
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    pages.visit("confirm", link)
    page.get_by_role("button", name="Confirm").click()
    pages.check("receipt")
    receipt = page.locator("#receipt-code").inner_text()
    page.goto(base + f"/petitions/{petition.slug}/receipt/")
    page.get_by_label("Your receipt code").fill(receipt)
    page.get_by_role("button", name="Withdraw my signature").click()
    pages.check("withdraw-confirm")

    assert not pages.failures, "\n".join(pages.failures)


@pytest.mark.parametrize("width", WIDTHS)
def test_signed_in_pages_fit_a_phone(served, worker, page: Page, width):
    base = served.url
    petition = live_petition(worker, Petition.Eligibility.CODES)
    pages = Checker(page, width, "signed-in")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    pages.check("after-sign-in")

    page.goto(base + "/requests/new/")
    fill_dublin_request(page)
    page.get_by_role("button", name="Preview my letter").click()
    pages.check("letter-preview")
    page.get_by_role("button", name="Save to my requests").click()
    pages.check("saved-request")

    pages.visit("home", base + "/")
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Account")).to_be_in_viewport()
    pages.check("menu-open")
    pages.visit("my-requests", base + "/requests/mine/")
    pages.visit("my-petitions", base + "/petitions/mine/")
    pages.visit("new-petition", base + "/petitions/new/")
    pages.visit("manage-petition", base + f"/petitions/{petition.slug}/manage/")
    pages.visit("account", base + "/accounts/")
    pages.visit("my-data", base + "/accounts/data/")
    pages.visit("e-mail-addresses", base + "/accounts/email/")
    pages.visit("password", base + "/accounts/password/change/")

    assert not pages.failures, "\n".join(pages.failures)


def test_a_wide_screen_shows_every_link_and_no_menu(served, page: Page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served.url + "/")
    expect(page.get_by_role("link", name="Sign up")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    audit(page, "home, wide", sizes=(DESKTOP,))
    folder = os.environ.get("STANDING_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / "signed-out-home-1280.png"))
