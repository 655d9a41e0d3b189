"""Issue: a petition body of 10,000 "[" took about 13 s of CPU on every anonymous page view."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import text
from petitions.models import Petition
from tests.support.petitions import new_petition

MARKDOWN_ALPHABET = "[]()!*_`<>#-+=|\\~&;:/. \n\taA1"


@pytest.mark.django_db
def test_a_hostile_body_is_rendered_once_when_saved_never_on_a_page_view(
    client, organiser, monkeypatch
):
    petition = new_petition(organiser, body="[" * 10_000)
    assert petition.body_html.startswith("<p>[[[")

    def no_rendering(_text):
        raise AssertionError("a page view parsed Markdown")

    monkeypatch.setattr(text, "render_markdown", no_rendering)
    for _view in range(3):
        page = client.get(reverse("petitions:detail", args=[petition.slug]))
        assert page.status_code == 200 and "[[[" in page.content.decode()


@pytest.mark.django_db
def test_editing_the_text_renders_it_again(client, organiser):
    petition = new_petition(organiser, body="*old*")
    client.force_login(organiser)
    form = {
        field: getattr(petition, field)
        for field in ("title", "employer", "decision_maker", "demands", "goal", "group_name")
    }
    form |= {"body": "**new**", "closes_on": str(petition.closes_on)}
    form |= {"visibility": petition.visibility, "eligibility": petition.eligibility}
    client.post(reverse("petitions:edit", args=[petition.slug]), form)
    assert "<strong>new</strong>" in Petition.objects.get(pk=petition.pk).body_html


# Each input within 2 s of the test's time (hypothesis's deadline), though the parser takes
# milliseconds: the parser this replaced took 13 s on one of them.
@settings(
    deadline=2000,
    max_examples=60,
    suppress_health_check=[HealthCheck.large_base_example, HealthCheck.too_slow],
)
@given(
    st.one_of(
        st.text(alphabet=MARKDOWN_ALPHABET, min_size=5_000, max_size=10_000),
        st.sampled_from(list(MARKDOWN_ALPHABET.strip())).map(lambda char: char * 10_000),
        st.sampled_from(["[a](", "![", "*_", "**a", "[x]: <", "<a "]).map(lambda s: s * 2_500),
    )
)
def test_the_renderer_stays_fast_and_safe_on_hostile_input(body):
    html = text.render_markdown(body[:10_000])
    assert "<script" not in html.lower()
