import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("reference_data")


def post(client, name: str, answers: dict):
    return client.post(reverse(f"rights:{name}"), answers)


def test_the_form_page_offers_the_directory_employers_and_every_workplace(client):
    page = client.get(reverse("rights:new")).content.decode()
    assert "Meta (Ireland)" in page
    assert "My employer is not listed" in page
    assert 'value="US-CA"' in page and 'value="IE"' in page and 'value="GB"' in page


def test_dublin_preview_shows_the_letter_and_the_gdpr_due_date(client, dublin_answers):
    response = post(client, "preview", dublin_answers)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Request under Art. 15 and Art. 21(1) GDPR" in page
    assert "23 December 2026" in page
    assert "Meta Platforms Ireland Limited" in page
    assert "Data Protection Commission" in page


def test_menlo_park_preview_shows_ccpa_dates_in_us_format(client, menlo_park_answers):
    page = post(client, "preview", menlo_park_answers).content.decode()
    # Know and delete: 45 days after receipt, acknowledged 10 business days after; limit: 15
    # business days after receipt, skipping Thanksgiving and the day after.
    assert "January 7, 2027" in page
    assert "December 9, 2026" in page
    assert "December 16, 2026" in page
    assert "California Privacy Protection Agency" in page


def test_london_preview_for_an_unlisted_employer_rolls_past_christmas(client, london_answers):
    page = post(client, "preview", london_answers).content.decode()
    assert "Acme Logistics UK Ltd" in page
    # Received 25 Nov 2026; 25 Dec, the weekend and the substitute Boxing Day (28 Dec) are off.
    assert "29 December 2026" in page
    assert "mailto:dpo@acme.example?subject=" in page


@pytest.mark.parametrize(
    "answers_fixture", ["dublin_answers", "menlo_park_answers", "london_answers"]
)
def test_each_regime_gives_a_pdf_a_text_file_and_an_editable_form(client, answers_fixture, request):
    answers = request.getfixturevalue(answers_fixture)
    pdf = post(client, "pdf", answers)
    text = post(client, "text", answers)
    edit = post(client, "edit", answers)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'attachment; filename="request-2026' in pdf["Content-Disposition"]
    assert text["Content-Type"].startswith("text/plain")
    assert answers["full_name"] in text.content.decode()
    assert edit.status_code == 200 and answers["full_name"] in edit.content.decode()


def test_the_edit_page_keeps_unticked_assessment_boxes_unticked(client, dublin_answers):
    del dublin_answers["ask_dpia"]
    page = post(client, "edit", dublin_answers).content.decode()
    assert 'name="ask_dpia" id="id_ask_dpia"' in page
    assert 'name="ask_dpia" id="id_ask_dpia" checked' not in page
    assert 'name="ask_lia" id="id_ask_lia" checked' in page


def error_for(response, field: str) -> str:
    return " ".join(response.context["form"].errors.get(field, []))


def test_a_ccpa_request_from_a_dublin_resident_is_explained_next_to_the_law(client, dublin_answers):
    dublin_answers |= {"regime": "us_ca_ccpa", "residence": "IE"}
    response = post(client, "preview", dublin_answers)
    assert response.status_code == 400
    assert "The CCPA protects California residents, wherever they work" in error_for(
        response, "regime"
    )
    assert "choose EU General Data Protection Regulation" in error_for(response, "regime")


def test_a_ccpa_request_without_a_residence_asks_where_the_worker_lives(client, dublin_answers):
    dublin_answers["regime"] = "us_ca_ccpa"
    response = post(client, "preview", dublin_answers)
    assert response.status_code == 400
    assert "Say where you live" in error_for(response, "residence")


@pytest.mark.parametrize("office", ["US-NY", "US-WA", "US-TX"])
def test_a_california_resident_at_an_office_elsewhere_is_covered_by_the_ccpa(
    client, menlo_park_answers, office
):
    menlo_park_answers["workplace"] = office
    response = post(client, "preview", menlo_park_answers)
    assert response.status_code == 200
    assert "I am a California resident" in response.content.decode()


def test_a_nevada_resident_working_in_menlo_park_is_refused_next_to_the_residence(
    client, menlo_park_answers
):
    menlo_park_answers["residence"] = "US-NV"
    response = post(client, "preview", menlo_park_answers)
    assert response.status_code == 400
    assert "You live in Nevada, United States, so it does not cover you" in error_for(
        response, "residence"
    )
    assert "I am a California resident" not in response.content.decode()


def test_a_texas_resident_working_in_texas_is_explained_next_to_the_residence(
    client, menlo_park_answers
):
    menlo_park_answers |= {"workplace": "US-TX", "residence": "US-TX"}
    response = post(client, "preview", menlo_park_answers)
    assert response.status_code == 400
    assert "The CCPA protects California residents" in error_for(response, "residence")


def test_a_uk_worker_needs_no_residence(client, london_answers):
    assert "residence" not in london_answers
    assert post(client, "preview", london_answers).status_code == 200


def test_rights_of_another_regime_are_refused_next_to_the_rights(client, dublin_answers):
    dublin_answers["rights"] = ["eu_gdpr:access", "us_ca_ccpa:delete"]
    response = post(client, "preview", dublin_answers)
    assert response.status_code == 400
    assert "You ticked rights under CCPA" in error_for(response, "rights")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("rights", ["eu_gdpr:telepathy"]),
        ("regime", "br_lgpd"),
        ("workplace", "XX"),
        ("employer", "no-such-employer"),
        ("categories", ["brainwaves"]),
    ],
)
def test_unknown_choices_are_refused_next_to_their_field(client, dublin_answers, field, value):
    dublin_answers[field] = value
    response = post(client, "preview", dublin_answers)
    assert response.status_code == 400
    assert "Select a valid choice" in error_for(response, field)


def test_missing_identification_is_asked_for_next_to_each_field(client, dublin_answers):
    dublin_answers.update(full_name="", reply_to="")
    response = post(client, "preview", dublin_answers)
    assert error_for(response, "full_name") == "This field is required."
    assert error_for(response, "reply_to") == "This field is required."
    summary = response.content.decode().split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_full_name"' in summary and 'href="#id_reply_to"' in summary


def test_an_unlisted_employer_needs_a_name_and_somewhere_to_send(client, london_answers):
    london_answers.update(
        other_employer_name="", other_employer_address="", other_employer_email=""
    )
    response = post(client, "preview", london_answers)
    assert "contract" in error_for(response, "other_employer_name")
    assert "postal address or an e-mail" in error_for(response, "other_employer_address")


def test_a_period_ending_before_it_starts_is_refused(client, dublin_answers):
    dublin_answers.update(period_start="2026-06-01", period_end="2026-05-01")
    response = post(client, "preview", dublin_answers)
    assert "before its start" in error_for(response, "period_end")


def test_a_multi_line_name_is_refused(client, dublin_answers):
    dublin_answers["full_name"] = "Aoife\nByrne"
    response = post(client, "preview", dublin_answers)
    assert "one line" in error_for(response, "full_name")


def test_an_oversized_request_gets_a_clear_400_page_and_no_letter(client, dublin_answers):
    dublin_answers["applications"] = "x" * 100_000
    response = post(client, "pdf", dublin_answers)
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_an_overlong_field_is_refused_next_to_it(client, dublin_answers):
    dublin_answers["programme_name"] = "M" * 121
    response = post(client, "preview", dublin_answers)
    assert "at most 120 characters" in error_for(response, "programme_name")


def test_output_endpoints_refuse_get_instead_of_failing(client):
    for name in ("preview", "pdf", "text", "edit"):
        assert client.get(reverse(f"rights:{name}")).status_code == 405


def test_every_page_sends_a_strict_content_security_policy(client):
    policy = client.get(reverse("rights:new"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


def test_the_form_shows_each_listed_companys_caveat_beside_the_employer_choice(client):
    page = client.get(reverse("rights:new")).content.decode()
    assert "Is this company your employer?" in page
    assert "which Meta company employs a given US worker is not confirmed" in page


def test_the_preview_shows_the_directorys_caveat_about_the_chosen_company(client, dublin_answers):
    page = post(client, "preview", dublin_answers).content.decode()
    assert "Check who employs you" in page
    assert "it is the controller for Meta&#x27;s consumer products in the EU" in page


def test_a_different_employing_company_is_named_and_the_contact_copied(client, dublin_answers):
    dublin_answers["employing_company"] = "Facebook Technologies Ireland Ltd"
    page = post(client, "preview", dublin_answers).content.decode()
    assert (
        "My employer is Facebook Technologies Ireland Ltd (as on my payslip). I also send this to "
        "Meta Platforms Ireland Limited as the group&#x27;s privacy contact." in page
    )
    assert "I am employed by Facebook Technologies Ireland Ltd" in page


def test_the_same_employing_company_adds_no_sentence(client, dublin_answers):
    dublin_answers["employing_company"] = "meta platforms ireland limited"
    page = post(client, "preview", dublin_answers).content.decode()
    assert "as the group&#x27;s privacy contact" not in page
