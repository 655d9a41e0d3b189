"""The privacy leak check on the production stack: every journey runs against PostgreSQL and
Redis, then a real pg_dump, every Redis key and value, and the captured logs are searched for the
signer's address, the client address and the saved request's personal fields."""

import datetime
import logging
import os
import shutil
import subprocess

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from petitions import services as petition_services
from petitions.models import Petition, Signature
from rights.models import SavedRequest
from tests.support.petitions import CLIENT_IP, SIGNER, confirm, receipt_from, sign_by_email

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres")
        or not os.environ.get("CACHE_URL", "").startswith("redis"),
        reason="runs in the PostgreSQL and Redis pass of make test",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
    pytest.mark.usefixtures("reference_data"),
    # pg_dump reads from another connection: the journey's rows must be committed.
    pytest.mark.django_db(transaction=True),
]

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) LeakProbeBrowser/77.3"
WORKER_EMAIL = "aoife.private@example.org"
NOTE = "Declan from HR told me the keystroke logs go to the AI team"
FILE_TEXT = b"We hold 14,211 keystroke records about Aoife Byrne."


def pg_dump() -> str:
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    command = ["pg_dump", "--data-only", "-h", db["HOST"] or "127.0.0.1",
               "-p", str(db["PORT"] or 5432), "-U", db["USER"], db["NAME"]]  # fmt: skip
    dumped = subprocess.run(command, env=env, capture_output=True, check=True, timeout=120)
    return dumped.stdout.decode("utf-8", errors="replace")


def redis_dump() -> str:
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    client = cache._cache.get_client()
    return "\n".join(
        f"{key!r}={client.dump(key)!r}" for key in client.scan_iter(match="*", count=1000)
    )


def sign_every_way(client, make_petition, mailoutbox) -> None:  # noqa: F811
    by_email = make_petition()
    receipt = receipt_from(confirm(client, sign_by_email(client, by_email, mailoutbox)))
    client.post(reverse("petitions:receipt", args=[by_email.slug]), {"receipt": receipt},
                REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT)  # fmt: skip
    confirm(client, sign_by_email(client, by_email, mailoutbox))  # refused: signed already
    by_code = make_petition(eligibility=Petition.Eligibility.CODES)
    code = petition_services.generate_codes(petition=by_code, count=1)[0]
    client.post(reverse("petitions:sign", args=[by_code.slug]), {"code": code, "consent": "on"},
                REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT)  # fmt: skip
    for petition in (by_email, by_code):  # the waiting signatures are written, as beat would
        petition_services.refresh_count(petition=petition)


def draft_save_and_track(client, answers) -> None:
    client.post(reverse("rights:preview"), answers, REMOTE_ADDR=CLIENT_IP)
    client.post(reverse("rights:pdf"), answers, REMOTE_ADDR=CLIENT_IP)
    user = get_user_model().objects.create_user(
        username="aoife", email=WORKER_EMAIL, password="a long worker passphrase 42"
    )
    EmailAddress.objects.create(user=user, email=WORKER_EMAIL, primary=True, verified=True)
    client.post(reverse("account_login"),
                {"login": WORKER_EMAIL, "password": "a long worker passphrase 42"},
                REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT)  # fmt: skip
    response = client.post(reverse("rights:save"), answers, REMOTE_ADDR=CLIENT_IP)
    saved = SavedRequest.objects.get()
    assert response.status_code == 302
    kwargs = {"request_id": saved.pk}
    today = datetime.date.today()
    client.post(reverse("rights:add_event", kwargs=kwargs),
                {"kind": "sent", "on": today.isoformat(), "channel": "email"})  # fmt: skip
    upload = SimpleUploadedFile("reply.txt", FILE_TEXT, content_type="text/plain")
    client.post(
        reverse("rights:add_event", kwargs=kwargs),
        {"kind": "responded", "on": today.isoformat(), "details": NOTE, "file": upload},
    )
    client.post(reverse("rights:notes", kwargs=kwargs), {"notes": NOTE})
    client.get(reverse("rights:saved", kwargs=kwargs))
    client.get(reverse("rights:case_file", kwargs=kwargs))


def test_no_signer_address_client_address_or_personal_field_is_stored_in_clear(
    client,
    make_petition,  # noqa: F811
    mailoutbox,
    caplog,
    dublin_answers,
):
    caplog.set_level(logging.DEBUG)
    # A programme name of its own: the petitions' public text names the Initiative too.
    dublin_answers = {**dublin_answers, "programme_name": "Project Kestrel Keylogging"}
    sign_every_way(client, make_petition, mailoutbox)
    draft_save_and_track(client, dublin_answers)

    assert Signature.objects.count() == 2 and SavedRequest.objects.count() == 1
    dump, cache, logs = pg_dump(), redis_dump(), caplog.text
    assert "petitions_signature" in dump and "rights_savedrequest" in dump
    secrets = {
        "signer address": [SIGNER, SIGNER.lower(), "joworker@gmail.com", "jo.worker"],
        "client address": [CLIENT_IP],
        "user agent": ["LeakProbeBrowser"],
        "saved request": [
            dublin_answers["full_name"],
            dublin_answers["employee_id"],
            dublin_answers["reply_to"],
            dublin_answers["programme_name"],
            NOTE,
            FILE_TEXT.decode(),
            "Meta Platforms Ireland",
        ],
    }
    for where, text in {"pg_dump": dump, "redis": cache, "logs": logs}.items():
        lowered = text.lower()
        for what, values in secrets.items():
            found = [value for value in values if value.lower() in lowered]
            # The employer directory itself names Meta: only the request's copy must not.
            if where == "pg_dump" and what == "saved request":
                found = [v for v in found if v != "Meta Platforms Ireland"]
            assert found == [], f"{what} in {where}: {found}"
