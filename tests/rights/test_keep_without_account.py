"""A letter drafted without an account is kept through sign-up or sign-in: the answers travel
as hidden fields and are stored only once the account exists."""

import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from rights.models import SavedRequest
from tests.support.two_factor import TWO_FACTOR_MOMENT, activate_totp, totp

pytestmark = pytest.mark.usefixtures("reference_data")

EMAIL = "aoife.private@example.org"
PASSWORD = "a long worker passphrase 42"


def signup(client, answers, **fields):
    return client.post(reverse("rights:keep_signup"), {**answers, **fields})


def test_the_preview_offers_to_keep_the_letter_and_the_form_carries_the_answers(
    client, dublin_answers
):
    preview = client.post(reverse("rights:preview"), dublin_answers).content.decode()
    assert f'formaction="{reverse("rights:keep_signup")}"' in preview

    page = signup(client, dublin_answers, start="1")

    html = page.content.decode()
    assert page.status_code == 200
    assert '<input type="hidden" name="employee_id" value="MPI-448812">' in html
    assert 'name="password1"' in html and "This field is required" not in html
    assert not SavedRequest.objects.exists() and not get_user_model().objects.exists()


def test_creating_the_account_saves_the_letter_to_it(client, dublin_answers, mailoutbox):
    response = signup(client, dublin_answers, email=EMAIL, password1=PASSWORD, password2=PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email=EMAIL)
    saved = SavedRequest.objects.get(owner=user)
    assert saved.answers["employee_id"] == ["MPI-448812"]
    assert saved.regime_id == "eu_gdpr"
    assert "confirm-email" in mailoutbox[-1].body
    # Once the address is confirmed and the worker signs in, it is in My requests.
    EmailAddress.objects.filter(email=EMAIL).update(verified=True)
    client.force_login(user)
    assert b"Meta" in client.get(reverse("rights:mine")).content


def test_a_mistake_on_the_sign_up_form_keeps_the_answers_and_stores_nothing(client, dublin_answers):
    response = signup(client, dublin_answers, email=EMAIL, password1=PASSWORD, password2="other")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<input type="hidden" name="full_name" value="Aoife Byrne">' in html
    assert not SavedRequest.objects.exists() and not get_user_model().objects.exists()


def test_an_address_that_already_has_an_account_saves_nothing_and_says_the_same(
    client, dublin_answers
):
    get_user_model().objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD)

    response = signup(client, dublin_answers, email=EMAIL, password1=PASSWORD, password2=PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not SavedRequest.objects.exists()


def test_signing_in_saves_the_letter_and_opens_it(client, dublin_answers):
    user = get_user_model().objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    url = reverse("rights:keep_signin")

    wrong = client.post(url, {**dublin_answers, "login": EMAIL, "password": "wrong password"})
    assert wrong.status_code == 200 and not SavedRequest.objects.exists()
    assert 'name="employee_id" value="MPI-448812"' in wrong.content.decode()

    response = client.post(url, {**dublin_answers, "login": EMAIL, "password": PASSWORD})

    saved = SavedRequest.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == reverse("rights:saved", args=[saved.pk])
    assert "Your letter is saved in My requests." in client.get(response.url).content.decode()


def test_without_answers_the_keep_pages_send_back_to_the_form(client):
    for name in ("rights:keep_signup", "rights:keep_signin"):
        assert client.get(reverse(name)).url == reverse("rights:new")
        assert client.post(reverse(name), {"email": EMAIL}).url == reverse("rights:new")
    assert not get_user_model().objects.exists()


@time_machine.travel(TWO_FACTOR_MOMENT, tick=False)
def test_with_a_second_factor_the_letter_waits_for_it_and_goes_only_to_that_account(
    client, dublin_answers
):
    user = get_user_model().objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    secret = activate_totp(client)
    client.logout()

    later = time.time() + 60
    with time_machine.travel(later, tick=False):
        url = reverse("rights:keep_signin")
        response = client.post(url, {**dublin_answers, "login": EMAIL, "password": PASSWORD})
        assert response.url == reverse("mfa_authenticate")
        # The password alone keeps nothing.
        assert not SavedRequest.objects.exists()
        response = client.post(reverse("mfa_authenticate"), {"code": totp(secret, later)})
    assert response.status_code == 302 and response.url == reverse("rights:mine")
    saved = SavedRequest.objects.get()
    assert saved.owner == user and saved.regime_id == "eu_gdpr"
    assert "Your letter is saved in My requests." in client.get(response.url).content.decode()


@time_machine.travel(TWO_FACTOR_MOMENT, tick=False)
def test_a_letter_waiting_for_a_second_factor_is_never_kept_in_another_account(
    client, dublin_answers
):
    owner = get_user_model().objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=owner, email=EMAIL, verified=True, primary=True)
    client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    activate_totp(client)
    client.logout()
    with time_machine.travel(time.time() + 60, tick=False):
        client.post(
            reverse("rights:keep_signin"), {**dublin_answers, "login": EMAIL, "password": PASSWORD}
        )
    # The second factor is never given. Once allauth's sign-in attempt has timed out, someone
    # else signs in from the same browser, with the letter still waiting in the session.
    assert "rights_letter_after_second_factor" in client.session
    other = get_user_model().objects.create_user(
        username="other@example.org", email="other@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=other, email=other.email, verified=True, primary=True)
    with time_machine.travel(time.time() + 3600, tick=False):
        response = client.post(
            reverse("account_login"), {"login": other.email, "password": PASSWORD}
        )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(other.pk)
    assert not SavedRequest.objects.exists()
