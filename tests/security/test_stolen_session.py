"""A stolen session cannot become a permanent takeover (issue: adding an e-mail address,
changing the primary one, downloading all data, deleting the account and turning a second factor
off each worked from a session alone, and turning on two-factor left the thief signed in).

The thief holds the session cookie, taken some minutes after the owner signed in: each of those
asks for the password (or second factor) again, as allauth's reauthentication does, and the
owner's address hears of what was done.
"""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.support.users import PASSWORD, sign_in

LATER = datetime.timedelta(minutes=10)


@pytest.fixture
def stolen(worker):
    """The worker's session cookie, taken ten minutes after they signed in."""
    client = Client()
    sign_in(client, worker)
    with time_machine.travel(timezone.now() + LATER, tick=False):
        yield client


def asks_to_reauthenticate(response) -> bool:
    return response.status_code == 302 and response.url.startswith(
        (reverse("account_reauthenticate"), reverse("mfa_reauthenticate"))
    )


def mails_to(mailoutbox, address: str) -> list[str]:
    return [mail.subject for mail in mailoutbox if mail.to == [address]]


def test_a_stolen_session_cannot_add_an_email_address(stolen, worker, mailoutbox):
    response = stolen.post(
        reverse("account_email"), {"email": "thief@example.net", "action_add": ""}
    )

    assert asks_to_reauthenticate(response)
    assert not EmailAddress.objects.filter(email="thief@example.net").exists()
    assert mailoutbox == []


def test_adding_an_address_after_the_password_again_tells_the_owner(stolen, worker, mailoutbox):
    stolen.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = stolen.post(reverse("account_email"), {"email": "new@example.net", "action_add": ""})

    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="new@example.net", verified=False).exists()
    told = [mail for mail in mailoutbox if mail.to == [worker.email]]
    assert len(told) == 1
    assert "E-mail address added" in told[0].subject
    assert "new@example.net" in told[0].body


def test_a_stolen_session_cannot_change_the_primary_address(stolen, worker, mailoutbox):
    EmailAddress.objects.create(user=worker, email="second@example.org", verified=True)

    response = stolen.post(
        reverse("account_email"), {"email": "second@example.org", "action_primary": ""}
    )

    assert asks_to_reauthenticate(response)
    assert EmailAddress.objects.get_primary(worker).email == worker.email


def test_changing_the_primary_address_after_the_password_again_tells_the_old_one(
    stolen, worker, mailoutbox
):
    EmailAddress.objects.create(user=worker, email="second@example.org", verified=True)
    stolen.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    stolen.post(reverse("account_email"), {"email": "second@example.org", "action_primary": ""})

    assert EmailAddress.objects.get_primary(worker).email == "second@example.org"
    assert len(mails_to(mailoutbox, worker.email)) == 1


def test_a_stolen_session_cannot_download_all_the_data(stolen, worker, mailoutbox):
    response = stolen.get(reverse("accounts:download_data"))

    assert asks_to_reauthenticate(response)
    assert response.get("Content-Type") != "application/zip"


def test_downloading_the_data_after_the_password_again_tells_the_owner(stolen, worker, mailoutbox):
    stolen.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = stolen.get(reverse("accounts:download_data"))

    assert response["Content-Type"] == "application/zip"
    assert mails_to(mailoutbox, worker.email) == ["[testserver] Your data was downloaded"]


def test_a_stolen_session_cannot_delete_the_account(stolen, worker, mailoutbox):
    response = stolen.post(reverse("accounts:delete"), {"confirm": "on"})

    assert asks_to_reauthenticate(response)
    assert get_user_model().objects.filter(pk=worker.pk).exists()


def test_deleting_the_account_after_the_password_again_tells_the_owner(stolen, worker, mailoutbox):
    stolen.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    stolen.post(reverse("accounts:delete"), {"confirm": "on"})

    assert not get_user_model().objects.filter(pk=worker.pk).exists()
    assert mails_to(mailoutbox, worker.email) == ["[testserver] Your account was deleted"]


def test_a_stolen_session_cannot_turn_the_second_factor_off(worker, mailoutbox):
    TOTP.activate(worker, generate_totp_secret())
    client = Client()
    client.force_login(worker)

    response = client.post(reverse("mfa_deactivate_totp"))

    assert asks_to_reauthenticate(response)
    assert Authenticator.objects.filter(user=worker, type=Authenticator.Type.TOTP).exists()


def test_turning_the_second_factor_off_after_the_password_again_tells_the_owner(
    stolen, worker, mailoutbox
):
    TOTP.activate(worker, generate_totp_secret())
    stolen.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    stolen.post(reverse("mfa_deactivate_totp"))

    assert not Authenticator.objects.filter(user=worker, type=Authenticator.Type.TOTP).exists()
    assert len(mails_to(mailoutbox, worker.email)) == 1


def test_turning_on_an_authenticator_app_signs_every_other_session_out(worker):
    thief, owner = Client(), Client()
    sign_in(thief, worker)
    sign_in(owner, worker)
    assert thief.get(reverse("accounts:overview")).status_code == 200

    owner.get(reverse("mfa_activate_totp"))
    secret = owner.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = owner.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=worker, type=Authenticator.Type.TOTP).exists()
    assert thief.get(reverse("accounts:overview")).status_code == 302
    assert owner.get(reverse("accounts:overview")).status_code == 200
