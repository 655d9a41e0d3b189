"""Organiser accounts through django-allauth: e-mail login, verification, codes, rate limits."""

import re

import pytest
from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

PASSWORD = "a long organiser passphrase 42"


@pytest.fixture
def organiser(db):
    user = get_user_model().objects.create_user(
        username="organiser", email="organiser@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def inline_code(html: str) -> list[str]:
    """Inline scripts and style attributes, which the Content-Security-Policy would block."""
    scripts = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
        if "src=" not in tag and "application/json" not in tag
    ]
    styles = re.findall(r"\sstyle\s*=", html, flags=re.IGNORECASE)
    return scripts + styles + re.findall(r"<style\b", html, flags=re.IGNORECASE)


def test_the_signup_form_asks_for_an_email_address_and_no_username(client, db):
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    form = response.context["form"]
    assert "email" in form.fields
    assert form.fields["email"].required
    assert "username" not in form.fields
    assert 'name="username"' not in response.content.decode()


def test_signing_up_sends_a_verification_email_and_login_waits_for_it(client, db, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email="new@example.org")
    assert user.username  # allauth fills Django's username column itself
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    assert "_auth_user_id" not in client.session

    response = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_following_the_verification_link_lets_the_organiser_log_in(client, db, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[0].body)
    assert link is not None

    client.post(link.group(1))
    response = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(email="new@example.org").pk
    )


def test_the_login_page_offers_a_code_by_email_and_the_code_logs_in(client, organiser, mailoutbox):
    page = client.get(reverse("account_login")).content.decode()
    assert reverse("account_request_login_code") in page

    response = client.post(reverse("account_request_login_code"), {"email": organiser.email})

    assert response.status_code == 302
    assert response.url == reverse("account_confirm_login_code")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [organiser.email]
    # allauth's codes are upper-case letters and digits in dashed groups, alone on a line.
    code = re.search(r"^\s*([A-Z0-9]+(?:-[A-Z0-9]+)*)\s*$", mailoutbox[0].body, flags=re.M)
    assert code is not None

    response = client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(organiser.pk)


def test_rate_limits_are_on_with_allauths_defaults(settings):
    assert not hasattr(settings, "ACCOUNT_RATE_LIMITS")
    limits = account_settings.RATE_LIMITS
    assert limits["login_failed"]
    assert limits["signup"]
    assert limits["request_login_code"]


def test_repeated_failed_logins_are_refused_even_with_the_right_password(client, organiser):
    wrong = {"login": organiser.email, "password": "not the password"}
    for _ in range(5):
        response = client.post(reverse("account_login"), wrong)
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    response = client.post(
        reverse("account_login"), {"login": organiser.email, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_account_pages_use_the_site_layout_with_no_inline_code(client, organiser):
    anonymous_pages = [
        "account_login",
        "account_signup",
        "account_request_login_code",
        "account_reset_password",
        "account_email_verification_sent",
    ]
    for name in anonymous_pages:
        response = client.get(reverse(name))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert 'class="site"' in html, name
        assert inline_code(html) == [], name

    client.force_login(organiser)
    for name in ["account_email", "account_change_password", "account_logout"]:
        response = client.get(reverse(name))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert 'class="site"' in html, name
        assert inline_code(html) == [], name


def test_the_header_offers_sign_in_then_sign_out_by_post(client, organiser):
    html = client.get("/").content.decode()
    assert f'href="{reverse("account_login")}"' in html
    assert reverse("account_logout") not in html

    client.force_login(organiser)
    html = client.get("/").content.decode()
    assert f'action="{reverse("account_logout")}"' in html
    assert 'method="post"' in html

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response.url == "/"
    assert "_auth_user_id" not in client.session
