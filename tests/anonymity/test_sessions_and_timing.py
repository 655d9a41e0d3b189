"""Attacks through sessions, rate-limit expiry and the public count over time."""

import base64
import time

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from core import ratelimit
from core.sessions import STORED_PREFIX, stored_key
from petitions import services
from tests.support.anonymity import K, make_petition, rows, sign_in_order

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-for-tests-1"


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="member", email="member@example.org", password=PASSWORD
    )
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def signed_in(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def session_rows() -> list[tuple]:
    return list(Session.objects.values_list("session_key", "session_data", "expire_date"))


def test_signing_while_signed_in_writes_no_session_or_sessions_list_row(client, member):
    signed_in(client, member)
    client.get(reverse("accounts:overview"))  # the account page, which lists this browser's session
    petition = make_petition()
    before = (session_rows(), list(UserSession.objects.values_list("last_seen_at", flat=True)))
    versions = _row_versions()

    sign_url = reverse("petitions:sign", args=[petition.slug])
    client.post(sign_url, {"email": "member@example.org", "consent": "on"})
    from django.core import mail

    path = mail.outbox[-1].body.split("testserver", 1)[1].split()[0]
    client.get(path)
    assert client.post(path).status_code == 200

    after = (session_rows(), list(UserSession.objects.values_list("last_seen_at", flat=True)))
    assert after == before
    assert _row_versions() == versions


def _row_versions():
    if connection.vendor != "postgresql":
        return None
    return (
        rows("SELECT xmin::text FROM django_session ORDER BY 1"),
        rows("SELECT xmin::text FROM usersessions_usersession ORDER BY 1"),
    )


def test_a_session_key_from_a_dump_cannot_be_replayed_or_read(client, member):
    signed_in(client, member)
    cookie = client.cookies["sessionid"].value
    stored = [key for key, _data, _expiry in session_rows()]
    assert stored == [stored_key(cookie)] and cookie not in stored
    assert all(key.startswith(STORED_PREFIX) for key in stored)
    assert set(UserSession.objects.values_list("session_key", flat=True)) <= set(stored)
    data = base64.urlsafe_b64decode(Session.objects.get().session_data)
    assert b"_auth_user_id" not in data and b"member@example.org" not in data

    thief = client.__class__()
    thief.cookies["sessionid"] = stored[0]
    response = thief.get(reverse("rights:mine"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(reverse("rights:mine")).status_code == 200  # the owner still is in


def test_rate_limit_counters_of_all_clients_expire_together_at_the_window_end(settings):
    if not settings.CACHE_URL.startswith("redis"):
        pytest.skip("expiry times are Redis's; runs in the Redis pass")
    window = 3600
    ratelimit.allow(scope="sign", client_hash="first-client", rate="100/h")
    time.sleep(1.1)
    ratelimit.allow(scope="sign", client_hash="second-client", rate="100/h")

    client = cache._cache.get_client()  # noqa: SLF001 - reading the keys as the operator would
    keys = list(client.scan_iter("rl:sign:*"))
    first, second = (client.pexpiretime(key) / 1000 for key in keys)
    assert len(keys) == 2
    assert abs(first - second) < 0.1  # the 1.1 s between the hits is gone
    assert min(first % window, window - first % window) < 1  # at the window's end


def test_the_public_count_and_list_change_only_in_steps_of_at_least_k():
    """Polling after every signature cannot place any one signature in time."""
    petition = make_petition()
    seen = []
    for order in range(3 * K + 3):
        sign_in_order(petition, 1, start=order)
        petition = services.refresh_count(petition=petition)
        listed = services.verification_summary(petition=petition).count
        cache.clear()  # as if each poll came after the listing's cache interval
        seen.append((petition.counted, listed or petition.counted))
    counts = [count for count, _listed in seen]
    steps = [b - a for a, b in zip(counts, counts[1:], strict=False) if b != a]
    assert counts[-1] == 3 * K and steps and all(step >= K for step in steps)

    services.close_petition(petition=petition)
    petition = services.refresh_count(petition=petition)
    assert petition.counted == 3 * K + 3  # at closing, the rest is published


def test_deleting_an_account_ends_a_sign_in_still_waiting_for_its_code(client, member):
    """A session half-way through signing in names the person, though no list shows it."""
    from accounts.owndata import delete_account

    response = client.post(reverse("account_request_login_code"), {"email": member.email})
    assert response.status_code == 302
    bystander = client.__class__()
    bystander.post(reverse("account_request_login_code"), {"email": "nobody@example.org"})
    waiting = Session.objects.count()
    assert waiting == 2  # the code's state waits in each browser's session

    delete_account(user=member)

    assert Session.objects.count() == 1  # only the bystander's remains
