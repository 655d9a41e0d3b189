"""A form that comes back with problems: a summary linking to each field, fields marked for
assistive technology, and groups of choices as fieldsets with a legend."""

import re

import pytest
from django.urls import reverse

from tests.support.petitions import new_petition


def summary_of(html: str) -> str:
    match = re.search(
        r'<div class="errors summary" id="error-summary"[^>]*>(.*?)</div>', html, re.S
    )
    assert match, "no error summary"
    return match.group(1)


def tag_of(html: str, element_id: str) -> str:
    return re.search(rf'<[a-z]+\b[^>]*\bid="{element_id}"[^>]*>', html).group(0)


def test_the_request_form_summary_links_to_each_field_in_error(
    client, reference_data, dublin_answers
):
    dublin_answers.update(full_name="", rights=[])

    html = client.post(reverse("rights:preview"), dublin_answers).content.decode()

    summary = summary_of(html)
    link = re.search(r'<a href="#id_full_name">(.*?)</a>', summary).group(1)
    assert re.sub(r"<[^>]+>", "", link) == "Your full name: This field is required."
    # A group of checkboxes is reached through its legend.
    assert 'href="#id_rights_legend"' in summary
    assert 'id="id_rights_legend"' in html
    assert html.count('id="error-summary"') == 1


def test_the_summary_takes_the_focus_without_any_script(client, reference_data, dublin_answers):
    dublin_answers.update(full_name="")

    html = client.post(reverse("rights:preview"), dublin_answers).content.decode()

    summary_tag = tag_of(html, "error-summary")
    assert "autofocus" in summary_tag and 'tabindex="-1"' in summary_tag
    assert 'role="alert"' in summary_tag


def test_a_field_in_error_is_invalid_and_described_by_its_message(
    client, reference_data, dublin_answers
):
    dublin_answers.update(full_name="")

    html = client.post(reverse("rights:preview"), dublin_answers).content.decode()

    field = tag_of(html, "id_full_name")
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_full_name_error"' in field
    message = re.search(r'id="id_full_name_error">(.*?)</ul>', html, re.S).group(1)
    assert "This field is required." in message
    # Fields without a problem are not marked.
    assert "aria-invalid" not in tag_of(html, "id_employee_id")


def test_a_group_of_choices_in_error_is_described_by_its_message(
    client, reference_data, dublin_answers
):
    dublin_answers.update(rights=[])

    html = client.post(reverse("rights:preview"), dublin_answers).content.decode()

    fieldset = re.search(
        r'<fieldset aria-describedby="([^"]*)">\s*<legend id="id_rights_legend"', html
    )
    assert "id_rights_error" in fieldset.group(1).split()
    assert 'id="id_rights_error"' in html


def test_a_page_without_problems_has_no_summary_and_nothing_marked(client, reference_data):
    html = client.get(reverse("rights:new")).content.decode()

    assert "error-summary" not in html and "aria-invalid" not in html


@pytest.fixture
def organiser_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="o", email="o@example.org")
    client.force_login(user)
    return client


def test_who_can_find_it_and_who_can_sign_are_fieldsets_with_a_legend(organiser_client):
    html = organiser_client.get(reverse("petitions:new")).content.decode()

    for name, question in [("visibility", "Who can find it"), ("eligibility", "Who can sign")]:
        assert f'<legend id="id_{name}_legend">{question}</legend>' in html
        assert f'<label for="id_{name}">' not in html
        assert f'<label for="id_{name}_0">' in html


def test_a_missing_choice_on_the_petition_form_links_to_its_legend(organiser_client):
    html = organiser_client.post(reverse("petitions:new"), {"title": "T"}).content.decode()

    summary = summary_of(html)
    assert 'href="#id_visibility_legend"' in summary and 'href="#id_eligibility_legend"' in summary
    assert 'aria-invalid="true"' in tag_of(html, "id_visibility_0")


def test_the_sign_form_summary_links_to_the_address_and_the_consent(client, django_user_model):
    organiser = django_user_model.objects.create_user(username="o", email="o@example.org")
    petition = new_petition(organiser)

    html = client.post(
        reverse("petitions:sign", args=[petition.slug]), {"email": ""}
    ).content.decode()

    summary = summary_of(html)
    assert 'href="#id_email"' in summary and 'href="#id_consent"' in summary
    # The hidden code field of e-mail mode is never offered as a link.
    assert "id_code" not in summary
    consent = tag_of(html, "id_consent")
    assert 'aria-invalid="true"' in consent and 'aria-describedby="id_consent_error"' in consent


def test_each_sign_form_message_says_what_to_do(client, django_user_model):
    organiser = django_user_model.objects.create_user(username="o", email="o@example.org")
    by_email = new_petition(organiser)
    by_code = new_petition(organiser, eligibility="codes")

    email_page = client.post(reverse("petitions:sign", args=[by_email.slug]), {"email": "jo@"})
    code_page = client.post(reverse("petitions:sign", args=[by_code.slug]), {"code": ""})

    assert "Give a whole e-mail address, such as name@example.org." in email_page.text
    assert "Tick this box to sign: it says that you support it." in email_page.text
    assert "Type the code printed on your slip." in code_page.text
    assert "This field is required." not in email_page.text + code_page.text


def test_each_petition_form_message_says_what_to_do(organiser_client):
    html = organiser_client.post(
        reverse("petitions:new"), {"title": "", "goal": "many", "closes_on": "soon"}
    ).content.decode()

    for message in [
        "Give the petition a title.",
        "Give a whole number, such as 100.",
        "Give a date, such as 2027-03-31, or pick one.",
        "Choose who can find the petition.",
        "Choose who can sign it.",
    ]:
        assert message in html, message
    assert "This field is required." not in html
