"""No input to the finder or the route letters may produce a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rights.route_forms import FinderForm, RouteLetterForm
from rights.route_letters import KINDS

text = st.text(max_size=300)
values = st.one_of(
    text,
    st.sampled_from(["IE", "GB", "DE", "US-NY", "US-CA", "elsewhere", "employee", "colleague", ""]),
    st.dates().map(str),
)
letter_forms = st.dictionaries(
    st.sampled_from(list(RouteLetterForm.base_fields)) | text, values, max_size=14
)
finder_queries = st.dictionaries(
    st.sampled_from(list(FinderForm.base_fields)) | text, values, max_size=6
)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(query=finder_queries)
def test_arbitrary_finder_answers_never_give_a_server_error(client, query):
    response = client.get(reverse("finder"), query)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("kind", ["eu_colleague", "nlra_group", "de_works_council"])
@pytest.mark.parametrize("view", ["route_preview", "route_text", "route_edit"])
@FUZZ
@given(data=letter_forms)
def test_arbitrary_letter_posts_never_give_a_server_error(client, kind, view, data):
    assert kind in KINDS
    response = client.post(reverse(f"rights:{view}", kwargs={"kind": kind}), data)
    assert response.status_code in (200, 400)
