"""Journeys through the rights finder: a New York worker's group letter becomes a petition, and
an EU colleague whose messages were captured writes to the controller."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from petitions.models import Petition

pytestmark = pytest.mark.browser
PASSWORD = "a long organiser passphrase 42"


@pytest.fixture
def new_yorker(served, django_user_model):
    user = django_user_model.objects.create_user(
        username="nyworker", email="ny.worker@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def answer_finder(page: Page, *, workplace: str, residence: str, role: str) -> None:
    page.get_by_label("Where do you work?").select_option(workplace)
    page.get_by_label("Where do you live?").select_option(residence)
    page.get_by_label(role).check()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Show what I can do").click()


def test_a_new_york_worker_goes_from_the_finder_to_a_group_letter_and_a_petition(
    served, new_yorker, page: Page
):
    page.goto(served.url + "/accounts/login/")
    page.get_by_label("Email").fill("ny.worker@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()

    page.goto(served.url + "/")
    page.get_by_role("link", name="Find what I can do").click()
    answer_finder(page, workplace="US-NY", residence="US-NY", role="An employee (on the payroll)")
    expect(page.locator("#no-individual-right")).to_be_visible()
    expect(page.locator("#route-ny_monitoring_notice")).to_contain_text("Notice only")

    page.locator("#route-nlra_group").get_by_role("link", name="Write the letter").click()
    expect(page.locator("#nlra-explainer")).to_contain_text("anonymous petition")
    page.get_by_label("Your full name").fill("Jordan Lee")
    page.get_by_label("Where should the reply go?").fill("jordan.lee@example.org")
    page.get_by_label("Your employer, or the manager who decides").fill("Acme Platforms, Inc.")
    page.get_by_label("Name of the monitoring programme, if you know it (optional)").fill("MCI")
    page.get_by_role("button", name="See my letter").click()
    expect(page.get_by_role("heading", name="Your letter is ready")).to_be_visible()
    expect(page.locator("article.letter")).to_contain_text("29 U.S.C. § 157")
    expect(page.locator("article.letter")).not_to_contain_text("23-02")

    page.get_by_role("button", name="Create a petition from it").click()
    expect(page.get_by_label("Title")).to_have_value(
        "A request from employees about the monitoring programme (MCI)"
    )
    expect(page.get_by_label("Demands")).to_contain_text("Pause the programme")
    page.get_by_label("Decision maker addressed").fill("The Chief People Officer")
    page.get_by_label("Goal (signatures)").fill("50")
    page.get_by_label("Closing date").fill("2099-12-31")
    page.get_by_label("Name of the organising group").fill("Acme workers in New York")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Open for signatures")).to_be_visible()

    petition = Petition.objects.get()
    assert petition.employer == "Acme Platforms, Inc."
    assert "29 U.S.C. § 157" in petition.body
    assert "Jordan Lee" not in petition.body


def test_an_eu_colleague_writes_an_access_and_objection_letter(served, page: Page):
    page.goto(served.url + "/rights/")
    answer_finder(
        page,
        workplace="IE",
        residence="IE",
        role="Someone whose messages to a monitored person were captured",
    )
    expect(page.locator("#no-individual-right")).to_have_count(0)
    page.locator("#route-eu_colleague").get_by_role("link", name="Write the letter").click()
    expect(page.get_by_label("Where are you?")).to_have_value("IE")
    page.get_by_label("Your full name").fill("Aoife Byrne")
    page.get_by_label("Where should the reply go?").fill("aoife@example.org")
    page.get_by_label("The company that runs the monitoring (the controller)").fill(
        "Acme Platforms, Inc."
    )
    page.get_by_label("E-mail address to send it to (optional)").fill("privacy@acme.example")
    page.get_by_label("Date you will send it").fill("2026-12-01")
    page.get_by_role("button", name="See my letter").click()

    letter = page.locator("article.letter")
    for citation in ("Art. 15 GDPR", "Art. 21(1) GDPR", "Art. 14 GDPR"):
        expect(letter).to_contain_text(citation)
    expect(letter).not_to_contain_text("employ")
    expect(page.locator(".deadline")).to_contain_text("4 January 2027")
    mailto = page.get_by_role("link", name="Open in my e-mail program").first
    assert mailto.get_attribute("href").startswith("mailto:privacy@acme.example?subject=")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF letter").click()
    assert download.value.suggested_filename.endswith(".pdf")


@pytest.mark.parametrize("width", [320, 390])
def test_the_finder_and_a_german_letter_fit_a_phone(served, page: Page, width):
    from tests.browser.test_phone_layout import fits

    page.set_viewport_size({"width": width, "height": 800})
    page.goto(
        served.url + "/rights/?workplace=DE&residence=DE&role=employee&representation=works_council"
    )
    assert fits(page) == (True, [])
    page.locator("#route-de_works_council").get_by_role("link", name="Write the letter").click()
    assert fits(page) == (True, [])
    page.get_by_label("Your full name").fill("Lena Schmidt")
    page.get_by_label("Where should the reply go?").fill("lena@example.org")
    page.get_by_label("Your works council (Betriebsrat)").fill("Betriebsrat der Acme GmbH")
    page.get_by_label("Your employer, as on your payslip").fill("Acme GmbH")
    page.get_by_role("button", name="See my letter").click()
    expect(page.locator("#english-preview")).to_contain_text("§ 87(1) no. 6 BetrVG")
    assert fits(page) == (True, [])
