"""On a phone, a worker without an account drafts a letter, reads what happens next, then keeps
the letter by creating an account: the answers go with the sign-up form, and the letter is in
My requests once the address is confirmed."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from rights.models import SavedRequest
from tests.browser.axe import audit
from tests.browser.shots import shot
from tests.support.browser import fill_dublin_request

pytestmark = pytest.mark.browser

EMAIL = "aoife.private@example.org"
PASSWORD = "a long worker passphrase 42"
PHONE = {"width": 390, "height": 844}


def test_a_letter_drafted_without_an_account_is_kept_through_sign_up(served, page: Page):
    base = served.url
    page.set_viewport_size(PHONE)
    page.goto(base + "/requests/new/")
    fill_dublin_request(page)
    page.get_by_role("button", name="Preview my letter").click()
    page.get_by_role("button", name="What happens next").click()
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    audit(page, "what happens next")
    shot(page, "keep-letter", "what-happens-next")

    page.get_by_role("button", name="Keep it in a new account").click()
    expect(page.get_by_role("heading", name="Keep this letter in an account")).to_be_visible()
    audit(page, "keep: sign up")
    assert not SavedRequest.objects.exists()
    page.get_by_label("Email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create the account and keep the letter").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert SavedRequest.objects.get().answers["employee_id"] == ["MPI-448812"]

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    if page.get_by_label("Password").count():
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In", exact=True).click()
    page.goto(base + "/requests/mine/")
    expect(page.get_by_text("Meta").first).to_be_visible()
    audit(page, "my requests, the kept letter")
    shot(page, "keep-letter", "my-requests")
