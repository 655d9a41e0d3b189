"""Behind a reverse proxy each client keeps its own rate limits (issue: through nginx, one
client's attempts used up every other client's allowance, as all shared the proxy's address).

Requests arrive as gunicorn sees them behind nginx: REMOTE_ADDR is the proxy, and
X-Forwarded-For is nginx's $proxy_add_x_forwarded_for, the client's own header (if it sent one)
followed by the address nginx saw.
"""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.ratelimit import client_address
from tests.support.petitions import new_petition
from tests.support.users import PASSWORD

PROXY = "127.0.0.1"
ALICE = "203.0.113.10"
BOB = "198.51.100.20"


def behind_nginx(address: str, sent: str = "") -> Client:
    """A browser at `address` reaching the app through nginx, having sent X-Forwarded-For `sent`."""
    forwarded = f"{sent}, {address}" if sent else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


@pytest.fixture(autouse=True)
def trusted_proxy(settings):
    settings.STANDING_TRUSTED_PROXIES = [PROXY, "::1"]


@pytest.fixture(autouse=True)
def middle_of_an_hour():
    # Fixed windows: stay inside one, so no counter resets mid-test.
    moment = timezone.now().replace(minute=30, second=0) + datetime.timedelta(days=1)
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def petition(organiser):
    return new_petition(organiser)


def sign(client: Client, petition, n: int):
    data = {"email": f"junk{n}@example.org", "consent": "on"}
    return client.post(reverse("petitions:sign", args=[petition.slug]), data)


def test_one_clients_sign_attempts_through_the_proxy_leave_anothers_allowance_alone(
    petition, settings, mailoutbox
):
    settings.PETITIONS_SIGN_RATE = "10/h"
    alice, bob = behind_nginx(ALICE), behind_nginx(BOB)

    alices = [sign(alice, petition, n).status_code for n in range(11)]
    bobs_first = sign(bob, petition, 100)

    assert alices == [200] * 10 + [429]
    assert bobs_first.status_code == 200


def test_one_clients_confirm_attempts_through_the_proxy_leave_anothers_allowance_alone(
    petition, settings
):
    settings.PETITIONS_CONFIRM_RATE = "20/h"
    alice, bob = behind_nginx(ALICE), behind_nginx(BOB)
    junk = reverse("petitions:confirm", args=[petition.slug, "not-a-token"])

    alices = [alice.get(junk).status_code for _ in range(21)]
    bobs_first = bob.get(junk)

    assert alices[-1] == 429
    assert 429 not in alices[:20]
    assert bobs_first.status_code == 400


def test_one_clients_failed_logins_through_the_proxy_do_not_refuse_anothers_right_password(
    worker,
):
    alice, bob = behind_nginx(ALICE), behind_nginx(BOB)
    login = reverse("account_login")

    for n in range(12):
        alice.post(login, {"login": f"guess{n}@example.org", "password": "wrong"})
    refused = alice.post(login, {"login": worker.email, "password": PASSWORD})
    bobs = bob.post(login, {"login": worker.email, "password": PASSWORD})

    assert b"Too many failed login attempts" in refused.content
    assert bobs.status_code == 302


def test_a_header_spoofed_through_the_proxy_does_not_make_a_new_client(petition, settings):
    settings.PETITIONS_SIGN_RATE = "3/h"

    answers = [
        sign(behind_nginx(ALICE, sent=f"192.0.2.{n}"), petition, n).status_code for n in range(4)
    ]

    assert answers == [200, 200, 200, 429]


def test_a_header_spoofed_by_a_client_reaching_the_app_directly_is_not_believed(petition, settings):
    settings.PETITIONS_SIGN_RATE = "3/h"

    def direct(n: int) -> Client:
        return Client(REMOTE_ADDR=ALICE, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    answers = [sign(direct(n), petition, n).status_code for n in range(4)]

    assert answers == [200, 200, 200, 429]


def test_without_trusted_proxies_the_forwarded_header_is_ignored(rf, settings):
    settings.STANDING_TRUSTED_PROXIES = []

    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ALICE)

    assert client_address(request) == PROXY


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        (ALICE, ALICE),
        (f"192.0.2.1, {ALICE}", ALICE),
        (f"{ALICE}, 10.0.0.5", ALICE),
        ("not-an-address", PROXY),
        (f"{ALICE}, not-an-address", PROXY),
        ("", PROXY),
        ("2001:db8::7", "2001:db8::/64"),
        ("::ffff:203.0.113.10", ALICE),
    ],
    ids=[
        "one proxy",
        "client's own header before nginx's",
        "two trusted proxies",
        "garbage from the proxy",
        "garbage after the client",
        "no header",
        "IPv6 client, counted by its /64",
        "IPv4 client written as IPv6",
    ],
)
def test_the_client_address_is_the_last_forwarded_hop_no_trusted_proxy_owns(
    rf, settings, forwarded, expected
):
    settings.STANDING_TRUSTED_PROXIES = [PROXY, "10.0.0.0/8"]

    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


def test_addresses_from_one_ipv6_64_share_one_allowance(petition, settings):
    settings.PETITIONS_SIGN_RATE = "3/h"

    answers = [
        sign(behind_nginx(f"2001:db8:1:2::{n:x}"), petition, n).status_code for n in range(4)
    ]
    neighbour = sign(behind_nginx("2001:db8:1:3::1"), petition, 99)

    assert answers == [200, 200, 200, 429]
    assert neighbour.status_code == 200
