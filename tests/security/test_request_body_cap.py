"""Oversized bodies are refused before they are read (issue: an anonymous 100 MiB upload part
was written to the temporary folder before the form refused it)."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.support.saved_requests import log_event, save_request
from tests.support.users import sign_in

HUNDRED_MIB = 100 * 1024 * 1024


class WatchedBody:
    """A request body that answers with bytes, and remembers how many were read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        n = self.size - self.read_bytes if n is None or n < 0 else n
        chunk = b"x" * min(n, self.size - self.read_bytes, 1024 * 1024)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, n: int = -1) -> bytes:
        return self.read(n if n and n > 0 else 1024)


@pytest.fixture(autouse=True)
def temporary_folder(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def post_huge(client: Client, path: str, size: int = HUNDRED_MIB):
    body = WatchedBody(size)
    response = client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": body},
    )
    return response, body


@pytest.mark.parametrize(
    "path",
    [
        reverse("rights:add_event", args=[uuid.uuid4()]),
        reverse("rights:pdf"),
        reverse("account_login"),
        "/petitions/any-slug/sign/",
    ],
    ids=["upload view", "letter PDF", "login", "sign"],
)
def test_an_anonymous_100_mib_upload_is_refused_before_a_byte_is_read(
    client, db, temporary_folder, path
):
    response, body = post_huge(client, path)

    assert response.status_code == 400
    assert "We could not accept that" in response.text
    assert body.read_bytes == 0
    assert list(temporary_folder.iterdir()) == []


def test_an_anonymous_upload_of_an_allowed_file_size_is_refused_unread_too(
    client, db, settings, temporary_folder
):
    size = settings.RIGHTS_UPLOAD_MAX_BYTES // 2
    response, body = post_huge(client, reverse("rights:add_event", args=[uuid.uuid4()]), size)

    assert response.status_code == 400
    assert body.read_bytes == 0


def test_a_signed_in_100_mib_upload_is_refused_unread(client, worker, temporary_folder):
    sign_in(client, worker)

    response, body = post_huge(client, reverse("rights:add_event", args=[uuid.uuid4()]))

    assert response.status_code == 400
    assert body.read_bytes == 0
    assert list(temporary_folder.iterdir()) == []


def test_a_signed_in_worker_still_uploads_a_response_file(
    client, worker, reference_data, dublin_answers
):
    sign_in(client, worker)
    saved = save_request(client, dublin_answers)
    sent_on = timezone.localdate() - datetime.timedelta(days=40)
    log_event(client, saved, kind="sent", on=str(sent_on), channel="email")

    response = log_event(
        client,
        saved,
        kind="responded",
        on=str(timezone.localdate()),
        details="Partial answer",
        file=SimpleUploadedFile("answer.txt", b"Your data\n" * 300_000, "text/plain"),
    )

    assert response.status_code == 302
    assert saved.events.get(kind="responded").files.count() == 1
