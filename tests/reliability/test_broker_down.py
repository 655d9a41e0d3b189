"""Redis down: signing, logging in and asking for exports still work, because the work waits in
the database; once Redis is back, a real worker and the sweeper deliver each export exactly once.
Redis here is a redis-server of the test's own, stopped and started again on the same port."""

import io
import logging
import re
import zipfile
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

import core.cache
from petitions import tasks
from petitions.models import Delivery
from tests.petitions.conftest import CLIENT_IP, confirm, sign_by_email, text_of

from .conftest import sending_to, wait_for

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-password-1"  # the organiser fixture's
BUILT = re.compile(r"Task petitions\.tasks\.build_delivery\[[^]]+\] succeeded in [\d.]+s: (\w+)")


def test_with_redis_down_every_request_succeeds_and_each_export_arrives_once_it_is_back(
    redis_server,
    workers,
    settings,
    client,
    organiser,
    make_petition,
    mailoutbox,
    caplog,
    monkeypatch,
):
    # The outage line is written once a minute per process: an earlier test's outage (the
    # Redis that hangs) must not silence this one's.
    monkeypatch.setattr(core.cache, "_last_warning", [float("-inf")])
    broker, cache_url = redis_server.url(0), redis_server.url(1)
    settings.CACHE_URL = cache_url
    settings.CACHES = {
        "default": {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": cache_url}
    }
    EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)
    signed = make_petition(title="Signed while Redis was down")
    exported = [make_petition(title=f"Exported while Redis was down {n}") for n in range(2)]
    signers = [f"outage{n}@ex.org" for n in range(6)]

    with sending_to(broker):
        redis_server.stop()
        caplog.set_level(logging.WARNING)

        # Signers: the sign form e-mails a link (in the request, over SMTP), Confirm records it.
        for address in signers:
            response = confirm(client, sign_by_email(client, signed, mailoutbox, email=address))
            assert response.status_code == 200 and b"receipt-code" in response.content
        # The organiser: allauth's login (its rate limits live in the cache), a wrong password
        # first, then the right one.
        login = reverse("account_login")
        wrong = client.post(login, {"login": organiser.email, "password": "not-it"})
        assert wrong.status_code == 200
        right = client.post(login, {"login": organiser.email, "password": PASSWORD})
        assert right.status_code == 302
        # Downloading all the data asks for the password again (allauth's reauthentication).
        again = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert again.status_code == 302
        # Exports: two delivery PDFs through the queue, the account's own data in the request.
        for petition in exported:
            start = client.post(reverse("petitions:delivery", args=[petition.slug]))
            assert start.status_code == 302
            manage = client.get(reverse("petitions:manage", args=[petition.slug]))
            assert manage.status_code == 200
        own_data = client.get(reverse("accounts:download_data"))
        assert own_data.status_code == 200
        assert "my-data.json" in zipfile.ZipFile(io.BytesIO(own_data.content)).namelist()
        # Pages read from the cache are computed afresh.
        verify = client.get(reverse("petitions:verify", args=[signed.slug]))
        assert verify.status_code == 200

        states = dict(Delivery.objects.values_list("pk", "state"))
        assert [states[p.pk] for p in exported] == ["queued", "queued"]
        # Besides the signers' links, the organiser is told their data was downloaded.
        assert sorted(message.to[0] for message in mailoutbox) == sorted(
            [*signers, organiser.email]
        )
        logged = "\n".join(record.getMessage() for record in caplog.records)
        assert "left queued for the sweeper" in logged and "cache unavailable" in logged
        assert CLIENT_IP not in logged and "@" not in logged

        # Redis is back, on the same port, empty (nothing was kept on disk).
        redis_server.start()
        _process, log = workers("worker", broker=broker, env={"CACHE_URL": cache_url})
        # Beat firing twice before the worker gets to the builds: every build is sent twice.
        tasks.sweep_deliveries.delay()
        tasks.sweep_deliveries.delay()

        def all_ready() -> bool:
            return set(
                Delivery.objects.filter(pk__in=[p.pk for p in exported]).values_list(
                    "state", flat=True
                )
            ) == {"ready"}

        wait_for(all_ready, seconds=40, what="both delivery PDFs")
        wait_for(lambda: len(BUILT.findall(log.read_text())) == 4, seconds=20, what="4 messages")

    worker_log = log.read_text()
    # Built once each: two messages built, the two duplicates found nothing left to do.
    assert Counter(BUILT.findall(worker_log)) == {"True": 2, "False": 2}
    for petition in exported:
        assert worker_log.count(f"delivery PDF built for petition {petition.pk}\n") == 1
        assert petition.title in text_of(bytes(Delivery.objects.get(pk=petition.pk).pdf))
    # The confirmation e-mails went once each, in their requests; the worker sent none.
    assert sorted(message.to[0] for message in mailoutbox) == sorted([*signers, organiser.email])
    assert "Subject:" not in worker_log
