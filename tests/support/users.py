"""Accounts with a verified address, and signing in as a member does."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

PASSWORD = "a long member passphrase 42"


def make_user(email: str):
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def sign_in(client, user) -> None:
    """Through the login form, then the password again (allauth's two-factor pages ask)."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
