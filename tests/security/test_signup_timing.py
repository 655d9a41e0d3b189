"""Signing up takes as long for a taken address as for a new one (issue: 31 ms against 413 ms
told an attacker which addresses have an account, although the pages were alike).

Almost all of a sign-up's time is hashing the password, so the test counts that work on each
path rather than timing requests, which a busy machine would blur.
"""

from django.conf import global_settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client, override_settings
from django.urls import reverse

from tests.support.users import PASSWORD


def signup(email: str) -> str:
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    return Client().post(reverse("account_signup"), data, follow=True).text


def test_signing_up_with_a_taken_address_hashes_a_password_as_a_new_one_does(
    worker, mailoutbox, monkeypatch
):
    hashed = []
    encode = PBKDF2PasswordHasher.encode

    def counting_encode(self, password, salt, iterations=None):
        hashed.append(self.iterations if iterations is None else iterations)
        return encode(self, password, salt, iterations)

    monkeypatch.setattr(PBKDF2PasswordHasher, "encode", counting_encode)
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        new_page = signup("new@example.org")
        new_work, hashed[:] = list(hashed), []
        taken_page = signup(worker.email.upper())
        taken_work = list(hashed)

    assert new_work and taken_work == new_work  # the same hashes, of the same cost
    # The same page either way.
    assert "Verify Your Email Address" in new_page and "Verify Your Email Address" in taken_page
