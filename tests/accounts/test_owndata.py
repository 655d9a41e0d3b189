"""Invariant 5: every account can export all its data and delete it, at once and for real."""

import datetime
import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from rights.models import ResponseFile, SavedRequest, TimelineEvent
from rights.services import tracking
from tests.support.storage import every_table_as_text

pytestmark = pytest.mark.usefixtures("reference_data")

FILE_TEXT = b"We hold 14,211 keystroke records about you."
PASSWORD = "x" * 20


def sign_in(client, user) -> None:
    """Through the login form, then the password again: downloading and deleting ask for it."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def worker(db, dublin_answers):
    user = get_user_model().objects.create_user(
        username="aoife", email="aoife.private@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    answers = {k: v if isinstance(v, list) else [v] for k, v in dublin_answers.items()}
    saved = tracking.save_request(owner=user, answers=answers, regime_id="eu_gdpr")
    today = datetime.date(2026, 11, 23)
    tracking.add_event(
        saved=saved, kind="sent", on=datetime.date(2026, 10, 1), channel="email", today=today
    )
    upload = tracking.UploadedFile(name="reply.txt", content_type="text/plain", content=FILE_TEXT)
    tracking.add_event(
        saved=saved,
        kind="responded",
        on=datetime.date(2026, 11, 1),
        today=today,
        files=[upload],
        details="Partial answer, no screenshots",
    )
    return user


def test_the_export_holds_every_saved_request_its_timeline_letters_and_files(client, worker):
    sign_in(client, worker)

    response = client.get(reverse("accounts:download_data"))

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("my-data.json"))
    assert data["account"]["email_addresses"][0]["email"] == "aoife.private@example.org"
    (saved,) = data["saved_requests"]
    assert saved["answers"]["full_name"] == ["Aoife Byrne"]
    assert [event["kind"] for event in saved["timeline"]] == ["sent", "responded"]
    assert saved["timeline"][1]["details"] == "Partial answer, no screenshots"
    names = archive.namelist()
    folder = f"requests/{saved['id']}"
    assert f"{folder}/request-letter.pdf" in names and f"{folder}/timeline.pdf" in names
    file_id = saved["timeline"][1]["files"][0]["id"]
    assert archive.read(f"{folder}/files/{file_id}") == FILE_TEXT
    assert archive.read(f"{folder}/request-letter.pdf").startswith(b"%PDF")


def test_the_export_holds_nothing_of_another_user(client, worker, dublin_answers):
    other = get_user_model().objects.create_user(username="o", email="other@example.org")
    client.force_login(other)

    data = json.loads(
        zipfile.ZipFile(io.BytesIO(client.get(reverse("accounts:download_data")).content)).read(
            "my-data.json"
        )
    )

    assert data["saved_requests"] == []
    assert "aoife" not in json.dumps(data).lower()


def test_deleting_the_account_needs_the_confirmation_box(client, worker):
    sign_in(client, worker)

    response = client.post(reverse("accounts:delete"), {})

    assert response.status_code == 400
    assert "Tick the box to confirm." in response.content.decode()
    assert get_user_model().objects.filter(pk=worker.pk).exists()


def test_deleting_the_account_erases_its_requests_and_files_at_once(client, worker):
    sign_in(client, worker)

    response = client.post(reverse("accounts:delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=worker.pk).exists()
    assert not SavedRequest.objects.exists()
    assert not TimelineEvent.objects.exists()
    assert not ResponseFile.objects.exists()
    assert not EmailAddress.objects.exists()
    dump = every_table_as_text()
    assert "aoife.private@example.org" not in dump
    # The browser is signed out: its old session no longer opens the account.
    assert client.get(reverse("rights:mine")).status_code == 302


def test_the_signing_pages_are_the_ones_session_tracking_skips():
    from django.urls import reverse

    from accounts.middleware import is_signing_page

    for name, args in [
        ("sign", ["abc"]),
        ("confirm", ["abc", "gAAAA-token"]),
        ("receipt", ["abc"]),
    ]:
        assert is_signing_page(reverse(f"petitions:{name}", args=args))
    for name, args in [("detail", ["abc"]), ("verify", ["abc"]), ("manage", ["abc"])]:
        assert not is_signing_page(reverse(f"petitions:{name}", args=args))
