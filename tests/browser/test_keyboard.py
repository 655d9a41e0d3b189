"""Keyboard only, on a phone-sized screen: the menu opens, and a petition is signed with a code,
without a mouse."""

import pytest
from playwright.sync_api import Page, expect

from petitions import services
from petitions.models import Petition
from tests.browser.axe import audit
from tests.support.browser import live_petition

pytestmark = pytest.mark.browser


def tab_to(page: Page, locator, limit: int = 40) -> None:
    """Press Tab until the element has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"never reached by Tab: {locator}")


def test_the_menu_opens_and_is_followed_by_keyboard(served, page: Page):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(served.url + "/")

    tab_to(page, page.get_by_text("Menu", exact=True))
    page.keyboard.press("Enter")
    audit(page, "menu open", sizes=({"width": 320, "height": 700},))
    tab_to(page, page.get_by_role("link", name="Petitions", exact=True), limit=5)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Petitions", exact=True)).to_be_visible()


def test_signing_with_a_code_by_keyboard_alone(served, django_user_model, page: Page):
    organiser = django_user_model.objects.create_user(username="o", email="o@example.org")
    petition = live_petition(organiser, Petition.Eligibility.CODES)
    code = services.generate_codes(petition=petition, count=1)[0]
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(served.url + f"/petitions/{petition.slug}/sign/")

    tab_to(page, page.get_by_label("Your signing code"))
    page.keyboard.type(code)
    tab_to(page, page.get_by_label("I support this petition"), limit=10)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Sign", exact=True), limit=5)
    page.keyboard.press("Enter")

    expect(
        page.get_by_role("heading", name="Thank you: your signature is confirmed")
    ).to_be_visible()
    audit(page, "receipt after a code")


def test_the_keyboard_focus_is_clearly_visible(served, page: Page):
    page.goto(served.url + "/")

    for name in ["Start a request", "See petitions"]:
        link = page.get_by_role("link", name=name)
        tab_to(page, link)
        style = link.evaluate(
            "el => { const s = getComputedStyle(el);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"
        )
        assert style[0] == "solid" and style[1] >= 2, (name, style)
        # Dark blue on the cream page and on white cards: well above 3:1.
        assert style[2] == "rgb(26, 79, 214)", (name, style)
