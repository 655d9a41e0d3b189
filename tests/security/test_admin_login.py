"""The admin's login is allauth's: a password alone no longer opens a staff session, and the
login limits apply (issue: /admin/login/ bypassed rate limits and two-factor)."""

import datetime

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.support.users import PASSWORD, make_user


@pytest.fixture
def staff_with_totp(db):
    user = make_user("admin@union.example")
    user.is_staff = True
    user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def admin_login_post(client, user, password=PASSWORD):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": user.username, "password": password, "next": "/admin/"},
    )


def test_a_password_alone_at_the_admin_login_gives_no_session(client, staff_with_totp):
    user, _ = staff_with_totp

    response = admin_login_post(client, user)

    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


# The clock stands still mid-step, so the code computed is the one the server expects.
@time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, 15, tzinfo=datetime.UTC), tick=False)
def test_the_admin_login_sends_staff_to_the_second_factor(client, staff_with_totp):
    user, secret = staff_with_totp

    login = client.get("/admin/", follow=True)
    assert login.redirect_chain[-1][0].startswith(reverse("account_login"))
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302
    code = current_code(secret)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_forty_wrong_admin_passwords_meet_the_login_limit(client, staff_with_totp):
    user, _ = staff_with_totp

    for _ in range(40):
        admin_login_post(client, user, password="wrong guess")
    answers = [
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong guess"})
        for _ in range(6)
    ]
    right = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert all(answer.status_code == 200 for answer in answers)
    assert b"Too many failed login attempts" in answers[-1].content
    assert b"Too many failed login attempts" in right.content
    assert "_auth_user_id" not in client.session


def test_a_signed_in_worker_is_refused_at_the_admin_login_not_looped(client, worker):
    client.force_login(worker)

    assert client.get("/admin/login/").status_code == 403
