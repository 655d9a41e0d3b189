"""A Redis host that accepts connections and never answers must not stall the site.

A listener of the test's own on loopback takes connections and reads nothing back: the cache,
the rate limits and the broker all wait for it at most their timeouts, then fail open.
"""

import socket
import threading
import time
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from tests.support.petitions import new_petition

BOUND_SECONDS = 2.0  # what a page may take while Redis hangs


@contextmanager
def silent_listener():
    """Accepts every connection and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held, stop = [], threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in held:
            connection.close()
        server.close()


@contextmanager
def redis_at(url: str, settings):
    options = settings.REDIS_TIMEOUTS
    cache = {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": url, "OPTIONS": options}
    with override_settings(CACHE_URL=url, CACHES={"default": cache}, CELERY_BROKER_URL=url):
        caches["default"].clear()  # the first call: connects, times out, fails open
        yield


@pytest.mark.django_db
def test_pages_signing_and_the_cache_answer_within_the_bound_while_redis_hangs(
    client, organiser, settings, mailoutbox
):
    petition = new_petition(organiser)
    with silent_listener() as url, redis_at(url, settings):
        for path, data in [
            (reverse("petitions:detail", args=[petition.slug]), None),
            (reverse("petitions:verify", args=[petition.slug]), None),
            (
                reverse("petitions:sign", args=[petition.slug]),
                {"email": "a@example.org", "consent": "on"},
            ),
            (reverse("rights:new"), None),
        ]:
            started = time.monotonic()
            response = client.post(path, data) if data else client.get(path)
            elapsed = time.monotonic() - started
            assert response.status_code == 200, (path, response.status_code)
            assert elapsed < BOUND_SECONDS, (path, elapsed)
    assert len(mailoutbox) == 1  # the signing link still went out


def test_the_timeouts_are_settings_with_short_defaults(settings):
    assert settings.REDIS_TIMEOUTS == {"socket_connect_timeout": 0.3, "socket_timeout": 0.3}
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"] == 0.3
