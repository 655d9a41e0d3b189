"""No cache keeps what one person's page shows (issue: public petition pages were sent
`Cache-Control: public, max-age=300` to signed-in users too, with their CSRF token and messages;
pages with secrets did not forbid storing them)."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from django.utils.cache import patch_cache_control

from core.middleware import PrivateCacheMiddleware
from tests.support.petitions import confirm_link, list_publicly, new_petition
from tests.support.users import sign_in


@pytest.fixture
def petition(organiser):
    return list_publicly(new_petition(organiser))


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_signed_in_visitor_gets_public_petition_pages_as_private(client, worker, petition):
    sign_in(client, worker)

    for name in ("petitions:detail", "petitions:verify"):
        response = client.get(reverse(name, args=[petition.slug]))

        assert "public" not in cache_control(response)
        assert "private" in cache_control(response)
        assert "Cookie" in response["Vary"]


def test_an_anonymous_visitor_still_gets_public_petition_pages_cacheable(client, petition):
    response = client.get(reverse("petitions:detail", args=[petition.slug]))

    assert "public" in cache_control(response)
    assert not response.cookies


def test_a_public_page_that_sets_a_cookie_is_made_private(rf):
    def public_page_with_a_message_cookie(request):
        response = HttpResponse("page")
        patch_cache_control(response, public=True, max_age=300)
        response.set_cookie("messages", "for one person only")
        return response

    request = rf.get("/petitions/p/")
    request.user = AnonymousUser()
    response = PrivateCacheMiddleware(public_page_with_a_message_cookie)(request)

    assert cache_control(response) == {"private", "max-age=300"}
    assert "Cookie" in response["Vary"]


def totp_setup(client: Client, worker):
    sign_in(client, worker)
    return client.get(reverse("mfa_activate_totp"))


def recovery_codes(client: Client, worker):
    sign_in(client, worker)
    TOTP.activate(worker, generate_totp_secret())
    RecoveryCodes.activate(worker)
    return client.get(reverse("mfa_view_recovery_codes"))


def receipt(client: Client, worker, petition, mailoutbox):
    return client.post(confirm_link(client, petition, mailoutbox))


SECRET_PAGES = {
    "TOTP setup": lambda c, w, p, m: totp_setup(c, w),
    "recovery codes": lambda c, w, p, m: recovery_codes(c, w),
    "receipt": receipt,
    "receipt check": lambda c, w, p, m: c.get(reverse("petitions:receipt", args=[p.slug])),
    "account": lambda c, w, p, m: sign_in(c, w) or c.get(reverse("accounts:overview")),
    "e-mail addresses": lambda c, w, p, m: sign_in(c, w) or c.get(reverse("account_email")),
    "sessions": lambda c, w, p, m: sign_in(c, w) or c.get(reverse("usersessions_list")),
    "own data": lambda c, w, p, m: sign_in(c, w) or c.get(reverse("accounts:my_data")),
    "my requests": lambda c, w, p, m: sign_in(c, w) or c.get(reverse("rights:mine")),
    "login": lambda c, w, p, m: c.get(reverse("account_login")),
    "password reset": lambda c, w, p, m: c.get(reverse("account_reset_password")),
}


@pytest.mark.parametrize("page", SECRET_PAGES)
def test_pages_that_show_secrets_or_accounts_are_never_stored(
    client, worker, petition, mailoutbox, page
):
    response = SECRET_PAGES[page](client, worker, petition, mailoutbox)

    assert response.status_code == 200, response.content[:500]
    assert "no-store" in cache_control(response)
    assert "public" not in cache_control(response)


def public_page_keeping_something_in_the_session(request):
    request.session["for this visitor"] = "only"
    response = HttpResponse("page")
    patch_cache_control(response, public=True, max_age=300)
    return response


urlpatterns = [path("public-with-session/", public_page_keeping_something_in_the_session)]


@pytest.mark.urls(__name__)
def test_a_public_page_whose_session_is_saved_on_the_way_out_is_private(client, db):
    """The session cookie is set after the view, by the session middleware: the policy must
    still see it, or a shared cache would keep the page and its cookie."""
    response = client.get("/public-with-session/")

    assert "sessionid" in response.cookies
    assert cache_control(response) == {"private", "max-age=300"}
