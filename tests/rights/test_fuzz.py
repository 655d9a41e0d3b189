"""No input to the request views may produce a 500: hypothesis throws arbitrary forms at them."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rights.forms import RequestForm

FIELDS = list(RequestForm.base_fields)
text = st.text(max_size=300)
values = st.one_of(
    text,
    st.lists(text, max_size=4),
    st.sampled_from(["IE", "GB", "US-CA", "US-TX", "other", "meta-platforms-ireland", ""]),
    st.lists(
        st.sampled_from(["eu_gdpr:access", "uk_gdpr:erasure", "us_ca_ccpa:know", "x:y", ":"]),
        max_size=3,
    ),
    st.dates().map(str),
)
forms = st.dictionaries(st.sampled_from(FIELDS) | text, values, max_size=len(FIELDS) + 3)

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(autouse=True)
def no_letter_pdf_limit(settings):
    """Every example posts from one client within one minute; the per-client PDF limit has its
    own tests (tests/security/test_letter_pdf_throttle.py)."""
    settings.RIGHTS_LETTER_PDF_RATES = []


@pytest.mark.parametrize("view", ["preview", "text", "edit"])
@FUZZ
@given(data=forms)
def test_arbitrary_posts_never_give_a_server_error(client, reference_data, view, data):
    response = client.post(reverse(f"rights:{view}"), data)
    assert response.status_code in {200, 400}


@FUZZ
@given(name=text, reply=text, programme=text, applications=text)
def test_arbitrary_text_in_a_valid_request_never_breaks_the_pdf(
    client, reference_data, dublin_answers, name, reply, programme, applications
):
    answers = {
        **dublin_answers,
        "full_name": name,
        "reply_to": reply,
        "programme_name": programme,
        "applications": applications,
    }
    response = client.post(reverse("rights:pdf"), answers)
    assert response.status_code in {200, 400}
    if response.status_code == 200:
        assert response.content.startswith(b"%PDF")
