"""The preview offers "Send it by e-mail" only when there is an address to send it to."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("reference_data")


def headings(response) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", response.content.decode())


def test_an_employer_with_an_address_gets_send_it_by_e_mail(client, london_answers):
    response = client.post(reverse("rights:preview"), london_answers)

    assert "Send it by e-mail" in headings(response)
    assert 'href="mailto:dpo@acme.example' in response.content.decode()
    assert '<label for="letter-text">Text of the e-mail</label>' in response.content.decode()


def test_without_an_address_the_letter_is_to_be_posted_and_no_e_mail_is_offered(
    client, london_answers
):
    london_answers["other_employer_email"] = ""

    response = client.post(reverse("rights:preview"), london_answers)

    html = response.content.decode()
    assert "Send it by post" in headings(response)
    assert "Send it by e-mail" not in html and "mailto:" not in html
    assert '<label for="letter-text">Text of the letter</label>' in html


def test_a_companys_consumer_web_form_is_never_offered_as_the_staff_privacy_contact(
    client, dublin_answers
):
    response = client.post(reverse("rights:preview"), dublin_answers)

    html = response.content.decode()
    assert "Ask for the staff privacy contact first" in headings(response)
    assert "made for the users of its products" in html
    assert "general privacy form</a>" in html
    assert "web form" not in " ".join(headings(response)).lower()
    assert "Send it by e-mail" not in html


def test_a_letter_too_long_for_a_mailto_link_opens_with_address_and_subject_only(
    client, london_answers
):
    html = client.post(reverse("rights:preview"), london_answers).content.decode()

    links = re.findall(r'href="(mailto:[^"]*)"', html)
    assert links and all(len(link) <= 2000 for link in links)
    assert links[0].startswith("mailto:dpo@acme.example?subject=Request%20")
    assert "body=" not in links[0]
    assert "Copy the text below first" in html


def test_a_short_letter_keeps_its_text_in_the_mailto_link(client, london_answers, monkeypatch):
    from rights.services.drafting import RenderedLetter

    monkeypatch.setattr(RenderedLetter, "email_text", property(lambda self: "Short text."))

    html = client.post(reverse("rights:preview"), london_answers).content.decode()

    assert "body=Short%20text." in html
    assert "Copy the text below first" not in html
