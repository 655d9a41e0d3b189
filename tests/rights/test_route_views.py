"""The rights finder page and the routes' letters over HTTP: form, preview, PDF and text."""

import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from pypdf import PdfReader

from petitions.models import Petition
from rights.route_letters import KINDS


def answers(kind: str) -> dict:
    return {
        "full_name": "Jordan Lee",
        "reply_to": "jordan.lee@example.org",
        "recipient_name": "Acme Platforms, Inc.",
        "recipient_email": "privacy@acme.example",
        "employer_name": "Acme GmbH",
        "programme_name": "Model Capability Initiative",
        # The ADMT right begins on 1 January 2027: a letter cannot be dated before it.
        "sent_on": "2027-01-04" if kind == "ca_admt_access" else "2026-12-01",
        "country": "IE",
        "signatories": "Jordan Lee\nKim Park",
    }


def test_the_finder_asks_four_questions_and_lists_nothing_before_they_are_answered(client):
    response = client.get(reverse("finder"))
    assert response.status_code == 200
    for name in ("workplace", "residence", "role", "representation"):
        assert f'name="{name}"' in response.text
    assert 'id="routes-heading"' not in response.text


def test_the_home_page_links_to_the_finder(client):
    assert reverse("finder") in client.get("/").text


def test_a_texas_employee_is_told_plainly_there_is_no_individual_right_and_shown_acting_together(
    client,
):
    query = "workplace=US-TX&residence=US-TX&role=employee&representation=none"
    response = client.get(f"{reverse('finder')}?{query}")
    assert response.status_code == 200
    assert 'id="no-individual-right"' in response.text
    assert 'id="route-nlra_group"' in response.text and 'id="route-petition"' in response.text
    assert reverse("rights:route_letter", kwargs={"kind": "nlra_group"}) in response.text
    assert "Not yet checked against the official text." in response.text


def test_a_german_employee_with_a_works_council_gets_the_council_letter_and_a_gdpr_request(client):
    query = "workplace=DE&residence=DE&role=employee&representation=works_council"
    response = client.get(f"{reverse('finder')}?{query}")
    assert 'id="route-de_works_council"' in response.text
    assert f"{reverse('rights:new')}?workplace=DE" in response.text
    assert 'id="no-individual-right"' not in response.text


def test_a_californian_sees_the_admt_right_with_its_start_date(client):
    query = "workplace=US-CA&residence=US-CA&role=employee&representation=none"
    response = client.get(f"{reverse('finder')}?{query}")
    assert "This right begins on 1 January 2027." in response.text


def test_connecticut_is_shown_as_low_value_without_a_letter(client):
    query = "workplace=US-CT&residence=US-CT&role=employee&representation=none"
    response = client.get(f"{reverse('finder')}?{query}")
    section = response.text.split('id="route-ct_monitoring_notice"')[1].split("</li>")[0]
    assert "Of little use on its own" in section and "button" not in section


def test_bad_finder_answers_get_a_message_next_to_the_question_not_a_500(client):
    response = client.get(f"{reverse('finder')}?workplace=Atlantis&residence=&role=king")
    assert response.status_code == 400
    assert 'class="errors summary"' in response.text
    assert "Select a valid choice." in response.text


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_letter_goes_from_form_to_preview_pdf_and_text(client, kind):
    form = client.get(reverse("rights:route_letter", kwargs={"kind": kind}))
    assert form.status_code == 200
    preview = client.post(reverse("rights:route_preview", kwargs={"kind": kind}), answers(kind))
    assert preview.status_code == 200, preview.text[:2000]
    assert "Your letter is ready" in preview.text and "mailto:privacy@acme.example" in preview.text
    pdf = client.post(reverse("rights:route_pdf", kwargs={"kind": kind}), answers(kind))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Jordan Lee" in text and "Acme Platforms" in text
    plain = client.post(reverse("rights:route_text", kwargs={"kind": kind}), answers(kind))
    assert plain.content.decode().startswith(KINDS[kind].subject.split(" (")[0][:30])


def test_the_german_letter_preview_shows_the_english_version_for_the_sender(client):
    response = client.post(
        reverse("rights:route_preview", kwargs={"kind": "de_works_council"}),
        answers("de_works_council"),
    )
    assert 'id="english-preview"' in response.text
    assert "Sehr geehrte Mitglieder des Betriebsrats" in response.text
    assert "Dear members of the works council" in response.text


def test_a_letter_without_a_name_comes_back_with_the_message_next_to_the_field(client):
    data = answers("wa_personnel_file") | {"full_name": "", "recipient_email": "not-an-address"}
    response = client.post(
        reverse("rights:route_preview", kwargs={"kind": "wa_personnel_file"}), data
    )
    assert response.status_code == 400
    assert 'id="id_full_name_error"' in response.text or "has-error" in response.text
    assert "Enter a valid email address." in response.text


def test_the_works_council_letter_needs_the_employer(client):
    data = answers("de_works_council") | {"employer_name": ""}
    response = client.post(
        reverse("rights:route_preview", kwargs={"kind": "de_works_council"}), data
    )
    assert response.status_code == 400


def test_an_unknown_letter_kind_is_not_found(client):
    assert client.get("/requests/letters/nope/").status_code == 404
    assert client.post("/requests/letters/nope/preview/", {}).status_code == 404


def test_the_admt_letter_before_2027_says_when_the_right_begins(client):
    response = client.get(reverse("rights:route_letter", kwargs={"kind": "ca_admt_access"}))
    assert 'id="starts-later"' in response.text


def test_an_admt_letter_dated_before_the_right_begins_is_refused_next_to_the_date(client):
    data = answers("ca_admt_access") | {"sent_on": "2026-12-31"}
    response = client.post(reverse("rights:route_preview", kwargs={"kind": "ca_admt_access"}), data)
    assert response.status_code == 400
    assert "This right begins on 1 January 2027" in response.text
    assert "Your letter is ready" not in response.text


def test_only_the_washington_letter_offers_the_yearly_review_unticked(client):
    page = client.get(reverse("rights:route_letter", kwargs={"kind": "wa_personnel_file"}))
    assert (
        'name="review_file"' in page.text
        and "checked" not in page.text.split('name="review_file"')[1].split(">")[0]
    )
    other = client.get(reverse("rights:route_letter", kwargs={"kind": "ca_personnel_records"}))
    assert 'name="review_file"' not in other.text
    data = answers("wa_personnel_file") | {"review_file": "on"}
    preview = client.post(
        reverse("rights:route_preview", kwargs={"kind": "wa_personnel_file"}), data
    )
    assert "review the information in my personnel file" in preview.text


def test_the_group_letter_explains_the_protection_and_offers_a_prefilled_petition(
    client, django_user_model
):
    page = client.get(reverse("rights:route_letter", kwargs={"kind": "nlra_group"}))
    assert "known" in page.text and "Supervisors" in page.text and "anonymous petition" in page.text
    data = answers("nlra_group") | {"signatories": ""}
    preview = client.post(reverse("rights:route_preview", kwargs={"kind": "nlra_group"}), data)
    assert 'id="make-petition"' in preview.text
    assert f'action="{reverse("petitions:new")}"' in preview.text

    organiser = django_user_model.objects.create_user("org", "org@example.org", "pw-12345678")
    client.force_login(organiser)
    prefill = {
        "prefill": "1",
        "title": "A request from employees",
        "employer": "Acme GmbH",
        "demands": "- Pause the programme",
    }
    form = client.post(reverse("petitions:new"), prefill)
    assert 'value="A request from employees"' in form.text
    assert "- Pause the programme</textarea>" in form.text


def test_the_group_letters_petition_never_carries_the_named_signatories(client):
    preview = client.post(
        reverse("rights:route_preview", kwargs={"kind": "nlra_group"}), answers("nlra_group")
    )
    form_html = preview.text.split('id="make-petition"')[1].split("</form>")[0]
    assert "Kim Park" not in form_html
    assert "- Kim Park" in preview.text  # the letter itself names them


def test_the_colleague_letter_preselects_the_country_from_the_finder(client):
    finder = client.get(
        f"{reverse('finder')}?workplace=US-NY&residence=FR&role=colleague&representation=none"
    )
    link = finder.text.split('id="route-eu_colleague"')[1].split('href="')[1].split('"')[0]
    assert parse_qs(urlparse(link.replace("&amp;", "&")).query) == {"country": ["FR"]}
    form = client.get(link.replace("&amp;", "&"))
    assert '<option value="FR" selected>' in form.text
    assert "payslip" not in form.text and "Employee ID" not in form.text


def test_the_request_form_points_to_the_finder_for_other_routes(client, db):
    html = client.get(reverse("rights:new")).content.decode()
    assert f'<a href="{reverse("finder")}">The rights finder</a>' in html


def test_the_petition_made_from_a_group_letter_is_posted_never_put_in_an_address(
    client, django_user_model
):
    preview = client.post(
        reverse("rights:route_preview", kwargs={"kind": "nlra_group"}), answers("nlra_group")
    )
    form_html = preview.text.split('id="make-petition"')[1].split("</form>")[0]
    assert 'method="post"' in form_html and "csrfmiddlewaretoken" in form_html
    organiser = django_user_model.objects.create_user("org", "org@example.org", "pw-12345678")
    client.force_login(organiser)
    opened = client.post(reverse("petitions:new"), {"prefill": "1", "title": "Pause it"})
    # Opened filled in, without errors and without saving anything.
    assert opened.status_code == 200 and 'value="Pause it"' in opened.text
    assert 'class="errors' not in opened.text and not Petition.objects.exists()
