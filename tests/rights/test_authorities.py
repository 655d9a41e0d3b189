"""The authority finder: the employer's lead authority first, then where the worker works."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rights.places import Workplace
from rights.services.authorities import find_authorities, find_authority_matches
from rights.services.drafting import complaint_authorities

pytestmark = pytest.mark.usefixtures("reference_data")


def slugs(authorities) -> list[str]:
    return [authority.slug for authority in authorities]


def test_meta_ireland_gives_the_irish_dpc_as_lead_before_the_workplace_authority():
    found = find_authorities(
        regime_id="eu_gdpr", country="DE", employer_slug="meta-platforms-ireland"
    )
    assert slugs(found)[0] == "ie_iedpc"
    assert "de_debfdi" in slugs(found)


def test_the_lead_authority_is_explained_by_the_one_stop_shop():
    matches = find_authority_matches(
        regime_id="eu_gdpr", country="FR", employer_slug="meta-platforms-ireland"
    )
    assert "Art. 56 GDPR" in matches[0].reasons[0]
    assert "Art. 77(1) GDPR" in matches[1].reasons[0]


def test_a_worker_in_ireland_at_meta_ireland_gets_the_dpc_once_with_both_reasons():
    matches = find_authority_matches(
        regime_id="eu_gdpr", country="IE", employer_slug="meta-platforms-ireland"
    )
    assert [m.authority.slug for m in matches] == ["ie_iedpc"]
    assert len(matches[0].reasons) == 2


def test_a_worker_in_germany_gets_the_federal_authority_then_the_state_authorities():
    found = slugs(find_authorities(regime_id="eu_gdpr", country="DE"))
    assert found[0] == "de_debfdi"
    assert {"de_by_debaylda", "de_be_deberlbdi", "de_hh_dehmbbfdi"} <= set(found[1:])


def test_the_bavarian_authority_is_offered_for_employers_based_in_bavaria():
    matches = find_authority_matches(regime_id="eu_gdpr", country="DE")
    bavaria = next(m for m in matches if m.authority.slug == "de_by_debaylda")
    assert "Bavaria" in bavaria.reasons[0]


def test_california_gives_the_cppa_first_and_then_the_attorney_general():
    assert slugs(find_authorities(regime_id="us_ca_ccpa", country="US", us_state="CA")) == [
        "us_ca_cppa",
        "us_ca_ag",
    ]


def test_meta_inc_in_california_lists_the_cppa_once():
    found = find_authorities(
        regime_id="us_ca_ccpa", country="US", us_state="CA", employer_slug="meta-platforms-inc"
    )
    assert slugs(found) == ["us_ca_cppa", "us_ca_ag"]


def test_the_united_kingdom_gives_the_ico_and_says_to_complain_to_the_employer_first():
    matches = find_authority_matches(regime_id="uk_gdpr", country="GB")
    assert [m.authority.slug for m in matches] == ["gb_gbico"]
    assert "section 164A of the Data Protection Act 2018" in matches[0].reasons[0]


def test_a_lead_authority_under_another_law_is_left_out():
    # Meta Ireland's lead (the Irish DPC) does not handle the UK GDPR.
    found = find_authorities(
        regime_id="uk_gdpr", country="GB", employer_slug="meta-platforms-ireland"
    )
    assert slugs(found) == ["gb_gbico"]


def test_an_unknown_employer_is_ignored():
    assert slugs(find_authorities(regime_id="eu_gdpr", country="IE", employer_slug="nope")) == [
        "ie_iedpc"
    ]


def test_request_letters_still_name_the_cppa_for_california():
    found = complaint_authorities(
        workplace=Workplace(country="US", us_state="CA"), regime_id="us_ca_ccpa"
    )
    assert found[0].name.startswith("California Privacy Protection Agency")


def test_the_page_renders_without_an_account(client):
    response = client.get(reverse("rights:authorities"))
    assert response.status_code == 200
    assert b"Where do you work?" in response.content


def test_the_page_lists_name_complaint_page_email_address_and_why(client):
    response = client.get(
        reverse("rights:authorities"), {"workplace": "DE", "employer": "meta-platforms-ireland"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Data Protection Commission") < html.index("Bundesbeauftragte")
    assert "https://formulare.bfdi.bund.de/" in html
    assert "poststelle@bfdi.bund.de" in html
    assert "53117 Bonn" in html
    assert "Art. 56 GDPR" in html and "Art. 77(1) GDPR" in html


def test_the_page_for_a_california_resident_lists_the_cppa(client):
    response = client.get(
        reverse("rights:authorities"), {"workplace": "US-CA", "residence": "US-CA", "employer": ""}
    )
    assert response.status_code == 200
    assert "California Privacy Protection Agency" in response.content.decode()


def test_a_california_resident_at_a_new_york_office_is_sent_to_the_cppa(client):
    response = client.get(
        reverse("rights:authorities"), {"workplace": "US-NY", "residence": "US-CA"}
    )
    assert response.status_code == 200
    assert "California Privacy Protection Agency" in response.content.decode()


def test_a_nevada_resident_at_a_california_office_is_told_why_not(client):
    response = client.get(
        reverse("rights:authorities"), {"workplace": "US-CA", "residence": "US-NV"}
    )
    assert response.status_code == 400
    assert "The CCPA protects California residents" in response.content.decode()


def test_a_state_without_employee_privacy_rights_gives_400_with_the_reason(client):
    response = client.get(reverse("rights:authorities"), {"workplace": "US-TX"})
    assert response.status_code == 400
    assert "California is the only US state" in response.content.decode()


def test_an_unknown_workplace_gives_400_with_a_message_next_to_the_field(client):
    response = client.get(reverse("rights:authorities"), {"workplace": "XX"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="field has-error"' in html
    assert "Select a valid choice" in html


def test_an_unknown_employer_gives_400(client):
    response = client.get(reverse("rights:authorities"), {"workplace": "IE", "employer": "x"})
    assert response.status_code == 400


def test_the_home_page_links_the_finder(client):
    assert reverse("rights:authorities") in client.get(reverse("home")).content.decode()


text = st.text(max_size=200)
queries = st.dictionaries(
    st.sampled_from(["workplace", "employer"]) | text,
    st.one_of(
        text, st.sampled_from(["IE", "GB", "US-CA", "US-TX", "DE", "meta-platforms-ireland"])
    ),
    max_size=4,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries)
def test_arbitrary_queries_never_give_a_server_error(client, query):
    response = client.get(reverse("rights:authorities"), query)
    assert response.status_code in {200, 400}


@pytest.mark.parametrize(
    ("workplace", "employer"),
    [("DE", "meta-platforms-ireland"), ("IE", "meta-platforms-ireland"), ("FR", "other")],
)
def test_the_preview_names_the_same_authorities_as_the_finder_in_the_same_order(
    client, dublin_answers, workplace, employer
):
    dublin_answers |= {"workplace": workplace, "employer": employer}
    if employer == "other":
        dublin_answers |= {
            "other_employer_name": "Acme SAS",
            "other_employer_address": "1 rue de Rivoli, 75001 Paris",
        }
    html = client.post(reverse("rights:preview"), dublin_answers).content.decode()
    section = html.split("If there is no answer in time", 1)[1].split("</section>", 1)[0]
    named = re.findall(r"<li><strong>(.*?)</strong>", section)
    finder = find_authority_matches(regime_id="eu_gdpr", country=workplace, employer_slug=employer)
    assert named == [escape(match.authority.name) for match in finder] and named
    if employer != "other":
        assert named[0] == "Irish Data Protection Commission"
