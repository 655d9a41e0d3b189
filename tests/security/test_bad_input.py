"""Inputs that gave server errors get a clear message next to their field (issue: a newline in
a petition title, and a quoted address containing @, each gave a 500)."""

import re

import pytest
from django.urls import reverse

from core.mail import send_templated_mail
from petitions.models import Petition
from tests.support.petitions import new_petition
from tests.support.users import sign_in

PETITION = {
    "body": "We object.",
    "employer": "Meta Platforms, Inc.",
    "decision_maker": "The Chief People Officer",
    "demands": "End the keystroke logging.",
    "goal": 10,
    "closes_on": "2099-01-01",
    "group_name": "Workers for Privacy",
    "visibility": "unlisted",
    "eligibility": "email",
}


def errors_beside(response, field: str) -> list[str]:
    """The errors the form renders in the list tied to `field` (aria-describedby)."""
    listing = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', response.text)
    return re.findall(r"<li>(.*?)</li>", listing.group(1)) if listing else []


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\u2028"])
def test_a_line_break_in_a_petition_title_is_refused_beside_the_title(
    client, organiser, line_break
):
    sign_in(client, organiser)
    data = {**PETITION, "title": f"Stop the logging{line_break}Bcc: everyone@example.org"}

    response = client.post(reverse("petitions:new"), data)

    assert response.status_code == 400
    assert errors_beside(response, "title") == ["Keep the title on one line."]
    assert not Petition.objects.filter(organiser=organiser).exists()


def test_a_line_break_in_an_edited_title_is_refused_too(client, organiser):
    petition = new_petition(organiser)
    sign_in(client, organiser)

    response = client.post(
        reverse("petitions:edit", args=[petition.slug]), {**PETITION, "title": "One\nTwo"}
    )

    assert response.status_code == 400
    assert errors_beside(response, "title") == ["Keep the title on one line."]
    petition.refresh_from_db()
    assert "\n" not in petition.title


def test_a_mail_subject_from_a_multi_line_title_goes_out_on_one_line(organiser, mailoutbox):
    petition = new_petition(organiser)
    petition.title = "Stop the logging\nBcc: everyone@example.org"

    send_templated_mail(
        template="petitions/emails/goal", context={"petition": petition}, to=[organiser.email]
    )

    assert mailoutbox[0].subject == "Goal reached: Stop the logging Bcc: everyone@example.org"
    assert mailoutbox[0].bcc == []


@pytest.mark.parametrize(
    "address", ['"a@b"@example.org', '"jo@work"@example.net', '"x@y@z"@example.com']
)
def test_a_quoted_address_containing_an_at_sign_is_refused_beside_the_address(
    client, organiser, mailoutbox, address
):
    petition = new_petition(organiser)

    response = client.post(
        reverse("petitions:sign", args=[petition.slug]), {"email": address, "consent": "on"}
    )

    assert response.status_code == 400
    assert errors_beside(response, "email") == ["Use a plain address, such as name@example.org."]
    assert mailoutbox == []
