"""Error pages (400, 403, 404, 500 and an expired form) are styled and help the person on."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse

from config.urls import handler400, handler404  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns
from tests.support.petitions import new_petition
from tests.support.production import inline_code


def _fails(request):
    raise RuntimeError("a fault in the code")


def _forbidden(request):
    raise PermissionDenied


# The site's own addresses and handlers, plus two that fail on purpose.
urlpatterns = [*site_urlpatterns, path("fails/", _fails), path("forbidden/", _forbidden)]
fails_on_purpose = pytest.mark.urls(__name__)

WAYS_ON = [reverse("home"), reverse("rights:new"), reverse("petitions:list")]


def helps_on(response) -> str:
    html = response.content.decode()
    for address in WAYS_ON:
        assert f'href="{address}"' in html, address
    assert 'rel="stylesheet"' in html and "/static/css/site.css" in html
    assert inline_code(html) == []
    return html


def test_an_unknown_address_gives_the_styled_404_with_ways_on(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = helps_on(response)
    assert "<title>Page not found · Standing</title>" in html
    assert "There is no page at this address" in html


def test_a_mistyped_petition_address_says_that_letter_case_counts(client, django_user_model):
    organiser = django_user_model.objects.create_user(username="o", email="o@example.org")
    petition = new_petition(organiser)
    typo = petition.slug.swapcase() if petition.slug.swapcase() != petition.slug else "x-y-z"

    for address in [f"/petitions/{typo}/", f"/petitions/{typo}/sign/"]:
        response = client.get(address)
        assert response.status_code == 404, address
        html = helps_on(response)
        assert "capital and small letters count" in html


def test_a_404_elsewhere_does_not_talk_about_petitions(client, db):
    html = client.get("/requests/nothing-here/").content.decode()

    assert "capital and small letters count" not in html


@fails_on_purpose
def test_a_server_error_gives_the_styled_500_that_says_it_is_safe_to_repeat(db):
    client = Client(raise_request_exception=False)

    response = client.get("/fails/")

    assert response.status_code == 500
    html = helps_on(response)
    assert "Something went wrong on our side" in html
    assert "It is safe to repeat" in html
    assert "a fault in the code" not in html


@fails_on_purpose
def test_a_forbidden_page_gives_the_styled_403_and_offers_to_sign_in(client, db):
    response = client.get("/forbidden/")

    assert response.status_code == 403
    html = helps_on(response)
    assert "This page is not open to you" in html
    assert f'href="{reverse("account_login")}"' in html


def test_an_expired_form_explains_itself_and_nothing_was_sent(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("rights:preview"), {"full_name": "Aoife"})

    assert response.status_code == 403
    html = helps_on(response)
    assert "The form has expired" in html
    assert "Aoife" not in html


def test_a_malformed_request_gives_the_styled_400(client, db):
    fields = {f"field{n}": "x" for n in range(5000)}

    response = client.post(reverse("rights:preview"), fields)

    assert response.status_code == 400
    html = helps_on(response)
    assert "We could not accept that" in html
