"""A form that comes back with problems takes the focus to its summary, and each link in the
summary takes it to the field, all without script."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import audit
from tests.support.browser import live_petition

pytestmark = pytest.mark.browser


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-script", "without-script"])
def test_the_summary_has_the_focus_and_links_to_each_field(
    served, django_user_model, browser, javascript
):
    organiser = django_user_model.objects.create_user(username="o", email="o@example.org")
    petition = live_petition(organiser)
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(served.url + f"/petitions/{petition.slug}/sign/")
    audit(page, "sign", javascript=javascript)
    page.get_by_role("button", name="Sign", exact=True).click()
    audit(page, "sign with errors", javascript=javascript)

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Your e-mail address: Give your e-mail address").click()
    expect(page.get_by_label("Your e-mail address")).to_be_focused()
    expect(page.get_by_label("Your e-mail address")).to_have_attribute("aria-invalid", "true")
    context.close()
