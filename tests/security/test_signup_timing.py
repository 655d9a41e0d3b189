"""Signing up takes as long for a taken address as for a new one (issue: 31 ms against 413 ms
told an attacker which addresses have an account, although the pages were alike)."""

import time

from django.conf import global_settings
from django.test import Client, override_settings
from django.urls import reverse

from .conftest import PASSWORD


def signup_seconds(email: str) -> tuple[float, str]:
    client = Client()
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    started = time.perf_counter()
    response = client.post(reverse("account_signup"), data, follow=True)
    return time.perf_counter() - started, response.text


def test_signing_up_with_a_taken_address_takes_as_long_as_with_a_new_one(worker, mailoutbox):
    # Django's real password hasher: the difference came from hashing the new password.
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        new = [signup_seconds(f"new{n}@example.org") for n in range(3)]
        taken = [signup_seconds(worker.email.upper() if n else worker.email) for n in range(3)]

    fastest_new = min(seconds for seconds, _ in new)
    fastest_taken = min(seconds for seconds, _ in taken)
    assert fastest_taken > 0.7 * fastest_new, (fastest_taken, fastest_new)
    # The same page either way.
    assert all("Verify Your Email Address" in page for _, page in new + taken)
