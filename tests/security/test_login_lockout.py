"""A stranger cannot lock the owner out (issue: five failed logins locked the real owner out for
five minutes, from anywhere)."""

from django.test import Client
from django.urls import reverse

from tests.support.users import PASSWORD

TOO_MANY = b"Too many failed login attempts"


def test_five_failed_logins_from_a_stranger_leave_the_owner_able_to_sign_in(worker):
    stranger = Client(REMOTE_ADDR="203.0.113.66")
    owner = Client(REMOTE_ADDR="198.51.100.7")
    login = reverse("account_login")

    for _ in range(5):
        stranger.post(login, {"login": worker.email, "password": "a wrong guess"})
    stranger_with_the_right_password = stranger.post(
        login, {"login": worker.email, "password": PASSWORD}
    )
    owners = owner.post(login, {"login": worker.email, "password": PASSWORD})

    assert TOO_MANY in stranger_with_the_right_password.content
    assert owners.status_code == 302
    assert "_auth_user_id" in owner.session
