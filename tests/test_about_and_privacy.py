"""The about page, the privacy notice (what is and is not stored, per journey) and the
operator's contact address, from the STANDING_CONTACT_EMAIL setting."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from tests.support.production import inline_code, settings_under


def text_of(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_about_page_says_what_standing_is_and_is_not(client, db):
    response = client.get(reverse("about"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>About Standing · Standing</title>" in html
    assert "It is not legal advice." in text_of(response)
    assert f'href="{reverse("privacy")}"' in html
    assert inline_code(html) == []


def test_the_privacy_notice_covers_every_journey(client, db):
    response = client.get(reverse("privacy"))

    assert response.status_code == 200
    html, text = response.content.decode(), text_of(response)
    assert "<title>Privacy notice · Standing</title>" in html
    for section in ["everywhere", "request", "signing", "account", "limits"]:
        assert f'id="{section}"' in html and f'href="#{section}"' in html
    assert "Stored: nothing." in text
    assert "your e-mail address, your IP address and your browser's details." in text
    assert "printed in the delivery document (a PDF) that the organisers hand to the employer" in (
        text
    )
    assert "Never your IP address or full browser details." in text
    assert inline_code(html) == []


def test_the_privacy_notice_gives_the_numbers_this_site_runs_with(client, db, settings):
    settings.PETITIONS_RETENTION_DAYS = 45
    settings.PETITIONS_BATCH_MIN = 12
    settings.PETITIONS_BATCH_MAX_HOURS = 6
    settings.PETITIONS_CONFIRM_MAX_AGE_SECONDS = 24 * 3600
    settings.RIGHTS_RETENTION_DAYS = 200
    settings.RIGHTS_RETENTION_WARNING_DAYS = 10

    text = text_of(client.get(reverse("privacy")))

    assert "deleted 45 days after the petition closes" in text
    assert "a shuffled batch of at least 12, or after at most 6 hours" in text
    assert "its link works for 24 hours" in text
    assert "A closed request is deleted 200 days after closing; you get an e-mail 10 days" in text


@pytest.mark.parametrize("page", ["home", "about", "privacy", "petitions:list"])
def test_every_page_links_to_about_and_privacy_in_its_footer(client, db, page):
    html = client.get(reverse(page)).content.decode()

    footer = html.split('<footer class="site">', 1)[1]
    assert f'href="{reverse("about")}"' in footer and f'href="{reverse("privacy")}"' in footer


def test_the_error_pages_without_a_request_link_to_about_and_privacy_too(db):
    client = Client(enforce_csrf_checks=True)

    html = client.post(reverse("rights:preview"), {}).content.decode()

    assert f'href="{reverse("privacy")}"' in html


def test_the_contact_address_is_shown_in_the_footer_and_on_both_pages(client, db, settings):
    settings.STANDING_CONTACT_EMAIL = "privacy@union.example"

    for page in ["home", "about", "privacy"]:
        html = client.get(reverse(page)).content.decode()
        assert 'href="mailto:privacy@union.example"' in html, page


def test_without_a_contact_address_the_pages_say_so(client, db, settings):
    settings.STANDING_CONTACT_EMAIL = ""

    about = client.get(reverse("about")).content.decode()
    home = client.get(reverse("home")).content.decode()

    assert "have not given a contact address yet" in about
    assert "mailto:" not in home.split('<footer class="site">', 1)[1]


def test_the_contact_setting_is_read_from_the_environment():
    derived = settings_under({"STANDING_CONTACT_EMAIL": "help@ngo.example"})
    assert derived["STANDING_CONTACT_EMAIL"] == "help@ngo.example"
    assert settings_under({})["STANDING_CONTACT_EMAIL"] == ""


def test_a_contact_setting_that_is_not_an_address_is_refused_at_start_up():
    with pytest.raises(ImproperlyConfigured, match="STANDING_CONTACT_EMAIL"):
        settings_under({"STANDING_CONTACT_EMAIL": "privacy@union.example?subject=Hello"})
