"""Accounts through django-allauth, for workers and organisers alike.

E-mail login, verification, login codes and rate limits; two-factor authentication (an
authenticator app, recovery codes, security keys and passkeys); the account page; the list of
signed-in sessions, which keeps no IP address.
"""

import io
import json
import re
import time

import pytest
import time_machine
from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.privacy import UNRECORDED_IP, client_family, describe_client
from core.sessions import stored_key
from tests.support.two_factor import TWO_FACTOR_MOMENT, activate_totp, totp

PASSWORD = "a long member passphrase 42"
# Halfway through a 30-second step of the authenticator codes.


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="member", email="member@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def sign_in(client, user, password: str = PASSWORD) -> None:
    """Through the login form, then the password again: allauth asks for it before two-factor
    settings change, and accepts it for a few minutes after."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302


@pytest.fixture
def stopped_clock():
    """Authenticator codes change every 30 seconds: the clock stands still at one moment, so a
    step never turns between computing a code and the server checking it, whatever the time."""
    with time_machine.travel(TWO_FACTOR_MOMENT, tick=False) as traveller:
        yield traveller


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


def test_following_the_verification_link_lets_the_new_user_log_in(client, db, mailoutbox):
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


def test_the_login_page_offers_a_code_by_email_and_the_code_logs_in(client, member, mailoutbox):
    page = client.get(reverse("account_login")).content.decode()
    assert reverse("account_request_login_code") in page

    response = client.post(reverse("account_request_login_code"), {"email": member.email})

    assert response.status_code == 302
    assert response.url == reverse("account_confirm_login_code")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member.email]
    # allauth's codes are upper-case letters and digits in dashed groups, alone on a line.
    code = re.search(r"^\s*([A-Z0-9]+(?:-[A-Z0-9]+)*)\s*$", mailoutbox[0].body, flags=re.M)
    assert code is not None

    response = client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_rate_limits_are_on_with_allauths_defaults(settings):
    assert not hasattr(settings, "ACCOUNT_RATE_LIMITS")
    limits = account_settings.RATE_LIMITS
    assert limits["login_failed"]
    assert limits["signup"]
    assert limits["request_login_code"]


def test_repeated_failed_logins_are_refused_even_with_the_right_password(client, member):
    wrong = {"login": member.email, "password": "not the password"}
    for _ in range(5):
        response = client.post(reverse("account_login"), wrong)
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_account_pages_use_the_site_layout_with_no_inline_code(client, member):
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

    sign_in(client, member)
    signed_in_pages = [
        "account_email",
        "account_change_password",
        "accounts:overview",
        "usersessions_list",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_list_webauthn",
        "mfa_generate_recovery_codes",
        "account_reauthenticate",
        "account_logout",
    ]
    for name in signed_in_pages:
        response = client.get(reverse(name))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert 'class="site"' in html, name
        assert inline_code(html) == [], name


def test_two_factor_pages_have_no_inline_code_once_it_is_on(stopped_clock, client, member):
    sign_in(client, member)
    activate_totp(client)
    pages = ["mfa_index", "mfa_view_recovery_codes", "mfa_deactivate_totp", "mfa_reauthenticate"]
    for name in pages:
        response = client.get(reverse(name))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert 'class="site"' in html, name
        assert inline_code(html) == [], name

    client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    html = client.get(reverse("mfa_authenticate")).content.decode()
    assert "mfa_webauthn_authenticate" in html  # the security-key option is offered too
    assert inline_code(html) == []


def test_the_header_offers_sign_in_then_account_and_sign_out_by_post(client, member):
    html = client.get("/").content.decode()
    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert reverse("account_logout") not in html
    assert f'href="{reverse("accounts:overview")}"' not in html

    client.force_login(member)
    html = client.get("/").content.decode()
    assert f'href="{reverse("accounts:overview")}"' in html
    assert f'href="{reverse("account_signup")}"' not in html
    assert f'action="{reverse("account_logout")}"' in html
    assert 'method="post"' in html

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response.url == "/"
    assert "_auth_user_id" not in client.session


# Two-factor authentication.


def sign_out(client) -> None:
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_the_authenticator_app_is_turned_on_with_a_code_and_then_asked_for_at_sign_in(
    stopped_clock, client, member
):
    sign_in(client, member)
    secret = activate_totp(client)
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    sign_out(client)

    # A minute on, so the code is not the one just used (allauth refuses a code twice).
    later = time.time() + 60
    with time_machine.travel(later, tick=False):
        response = client.post(
            reverse("account_login"), {"login": member.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response.url == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session  # the password alone is not enough

        right = totp(secret, later)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        response = client.post(reverse("mfa_authenticate"), {"code": wrong})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

        response = client.post(reverse("mfa_authenticate"), {"code": right})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_turning_the_app_on_creates_recovery_codes_and_each_works_only_once(
    stopped_clock, client, member
):
    sign_in(client, member)
    activate_totp(client)
    response = client.get(reverse("mfa_view_recovery_codes"))
    codes = response.context["unused_codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    sign_out(client)

    def sign_in_with(code: str):
        client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
        return client.post(reverse("mfa_authenticate"), {"code": code})

    response = sign_in_with(codes[0])
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    sign_out(client)

    response = sign_in_with(codes[0])
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": codes[1]})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    recovery = Authenticator.objects.get(user=member, type=Authenticator.Type.RECOVERY_CODES)
    assert len(recovery.wrap().get_unused_codes()) == 8


def test_the_security_key_page_prepares_a_webauthn_registration_for_this_site(client, member):
    sign_in(client, member)
    response = client.get(reverse("mfa_add_webauthn"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/static/mfa/js/webauthn.js"' in html
    data = json.loads(
        re.search(r'<script id="js_data" type="application/json">(.*?)</script>', html, re.S).group(
            1
        )
    )
    options = data["creation_options"]["publicKey"]
    assert options["rp"]["id"] == "testserver"
    assert options["user"]["name"] == member.email
    assert options["challenge"]


def test_the_sign_in_page_offers_a_passkey(client, db):
    html = client.get(reverse("account_login")).content.decode()

    assert 'id="passkey_login"' in html
    assert f'action="{reverse("mfa_login_webauthn")}"' in html
    assert inline_code(html) == []


def test_webauthn_origin_checks_are_never_switched_off(settings):
    assert mfa_settings.SUPPORTED_TYPES == ["totp", "recovery_codes", "webauthn"]
    assert mfa_settings.PASSKEY_LOGIN_ENABLED
    assert not mfa_settings.WEBAUTHN_ALLOW_INSECURE_ORIGIN


# The account page.


def test_the_account_page_gathers_email_password_two_factor_and_sessions(
    stopped_clock, client, member
):
    sign_in(client, member)
    response = client.get(reverse("accounts:overview"))

    assert response.status_code == 200
    html = response.content.decode()
    assert member.email in html
    assert "Authenticator app: off." in html
    assert "1 active session." in html
    for name in ["account_email", "account_change_password", "mfa_index", "usersessions_list"]:
        assert f'href="{reverse(name)}"' in html, name

    activate_totp(client)
    html = client.get(reverse("accounts:overview")).content.decode()
    assert "Authenticator app: on." in html
    assert "10 unused recovery codes." in html


def test_the_account_page_and_its_management_pages_need_a_sign_in(client, db):
    for name in ["accounts:overview", "usersessions_list", "mfa_index"]:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("account_login")), name


def test_management_pages_lead_back_to_the_account_page(client, member):
    sign_in(client, member)
    for name in ["account_email", "mfa_index", "usersessions_list"]:
        html = client.get(reverse(name)).content.decode()
        assert f'href="{reverse("accounts:overview")}"' in html, name


# Sessions.

FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def two_signed_in_clients(member) -> tuple[Client, Client]:
    laptop = Client(HTTP_USER_AGENT=FIREFOX_ON_LINUX, REMOTE_ADDR="203.0.113.7")
    phone = Client(HTTP_USER_AGENT=SAFARI_ON_IPHONE, REMOTE_ADDR="2001:db8::42")
    for client in (laptop, phone):
        response = client.post(
            reverse("account_login"), {"login": member.email, "password": PASSWORD}
        )
        assert response.status_code == 302
    return laptop, phone


def test_the_sessions_page_lists_each_signed_in_browser_by_its_family(member):
    laptop, phone = two_signed_in_clients(member)

    response = laptop.get(reverse("usersessions_list"))

    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.context["sessions"]) == 2
    assert "Firefox on Linux" in html
    assert "Safari on iPhone" in html
    assert "This browser" in html
    assert html.count("End this session") == 1
    assert "Last seen" in html
    assert inline_code(html) == []


def test_ending_one_session_signs_that_browser_out_and_keeps_this_one(member):
    laptop, phone = two_signed_in_clients(member)
    phone_session = UserSession.objects.get(session_key=stored_key(phone.session.session_key))

    response = laptop.post(reverse("accounts:end_session", args=[phone_session.pk]))

    assert response.status_code == 302
    assert response.url == reverse("usersessions_list")
    assert laptop.get(reverse("accounts:overview")).status_code == 200
    response = phone.get(reverse("accounts:overview"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert list(UserSession.objects.filter(user=member)) == [
        UserSession.objects.get(session_key=stored_key(laptop.session.session_key))
    ]


def test_signing_out_everywhere_else_ends_every_other_session(member):
    laptop, phone = two_signed_in_clients(member)

    response = phone.post(reverse("usersessions_list"))

    assert response.status_code == 302
    assert phone.get(reverse("accounts:overview")).status_code == 200
    assert laptop.get(reverse("accounts:overview")).status_code == 302


def test_another_users_session_cannot_be_ended(member, client):
    laptop, phone = two_signed_in_clients(member)
    other = get_user_model().objects.create_user(
        username="other", email="other@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=other, email=other.email, primary=True, verified=True)
    client.post(reverse("account_login"), {"login": other.email, "password": PASSWORD})
    phone_session = UserSession.objects.get(session_key=stored_key(phone.session.session_key))

    assert client.get(reverse("accounts:end_session", args=[phone_session.pk])).status_code == 405
    response = client.post(reverse("accounts:end_session", args=[phone_session.pk]))

    assert response.status_code == 404
    assert phone.get(reverse("accounts:overview")).status_code == 200


def test_sessions_keep_no_ip_address_and_only_the_browser_family(member):
    laptop, phone = two_signed_in_clients(member)
    laptop.get(reverse("accounts:overview"))  # activity tracking saves the row again
    phone.get(reverse("accounts:overview"))

    rows = list(UserSession.objects.filter(user=member).values("ip", "user_agent", "data"))

    assert len(rows) == 2
    assert {row["ip"] for row in rows} == {UNRECORDED_IP}
    assert {row["user_agent"] for row in rows} == {"Firefox|Linux", "Safari|iPhone"}
    dump = json.dumps(rows, default=str)
    for detail in ["203.0.113", "2001:db8", "rv:128", "17_5", "Gecko", "Mozilla"]:
        assert detail not in dump


def test_rate_limits_count_per_client_address_by_a_keyed_hash_of_it(rf):
    first = rf.get("/", REMOTE_ADDR="203.0.113.7")
    again = rf.get("/", REMOTE_ADDR="203.0.113.7")
    other = rf.get("/", REMOTE_ADDR="203.0.113.8")

    seen = get_account_adapter(first).get_client_ip(first)

    assert "203.0.113.7" not in seen and len(seen) == 64
    assert get_account_adapter(again).get_client_ip(again) == seen
    assert get_account_adapter(other).get_client_ip(other) != seen


@pytest.mark.parametrize(
    ("user_agent", "family", "words"),
    [
        (FIREFOX_ON_LINUX, "Firefox|Linux", "Firefox on Linux"),
        (SAFARI_ON_IPHONE, "Safari|iPhone", "Safari on iPhone"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
            "Edge|Windows",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Mobile Safari/537.36",
            "Chrome|Android",
            "Chrome on Android",
        ),
        ("curl/8.5.0", "|", "An unrecognised browser"),
        ("", "|", "An unrecognised browser"),
        ("Firefox|Linux", "Firefox|Linux", "Firefox on Linux"),
    ],
)
def test_a_user_agent_is_reduced_to_a_browser_family(user_agent, family, words):
    assert client_family(user_agent) == family
    assert describe_client(client_family(user_agent)) == words


def test_two_factor_secrets_are_stored_encrypted_and_survive_key_rotation(
    stopped_clock, client, member, settings
):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.STANDING_ENCRYPTION_KEYS = [old_key]
    sign_in(client, member)
    secret = activate_totp(client)
    client.get(reverse("mfa_view_recovery_codes"))
    stored = {a.type: a.data for a in Authenticator.objects.filter(user=member)}
    assert secret not in json.dumps(stored)
    assert stored[Authenticator.Type.TOTP]["secret"].startswith("gAAAAA")  # a Fernet token

    settings.STANDING_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys", stdout=io.StringIO())
    settings.STANDING_ENCRYPTION_KEYS = [new_key]
    sign_out(client)
    later = time.time() + 60
    with time_machine.travel(later, tick=False):
        client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
        response = client.post(reverse("mfa_authenticate"), {"code": totp(secret, later)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
