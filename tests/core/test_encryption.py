"""Saved requests are unreadable from a database dump without the key (invariant 4), and keys
rotate: old rows stay readable, and the command re-encrypts them under the newest key."""

import datetime
import io

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from core.crypto import DecryptionFailed, Keyring, key_from_secret
from core.fields import is_unreadable
from rights.models import ResponseFile, SavedRequest, TimelineEvent
from rights.services import tracking
from tests.support.storage import every_table_as_text

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def test_the_newest_key_encrypts_and_every_key_decrypts():
    old = Keyring([KEY_A]).encrypt(b"keystrokes")
    ring = Keyring([KEY_B, KEY_A])

    assert ring.decrypt(old) == b"keystrokes"
    assert Keyring([KEY_B]).decrypt(ring.encrypt(b"x")) == b"x"
    with pytest.raises(DecryptionFailed):
        Keyring([KEY_A]).decrypt(ring.encrypt(b"x"))


def test_rotating_a_value_moves_it_to_the_newest_key():
    old = Keyring([KEY_A]).encrypt(b"notes")

    rotated = Keyring([KEY_B, KEY_A]).rotate(old)

    assert Keyring([KEY_B]).decrypt(rotated) == b"notes"


def test_a_key_that_is_not_a_fernet_key_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="Fernet key"):
        Keyring(["not a key"])


def test_a_key_derived_from_a_secret_is_stable_and_valid():
    assert key_from_secret("s" * 40) == key_from_secret("s" * 40)
    assert (
        Keyring([key_from_secret("s" * 40)]).decrypt(
            Keyring([key_from_secret("s" * 40)]).encrypt(b"x")
        )
        == b"x"
    )


PERSONAL = {
    "full_name": "Aoife Byrne",
    "employee_id": "MPI-448812",
    "reply_to": "aoife.byrne@example.org",
    "programme_name": "Model Capability Initiative",
    "employer": "meta-platforms-ireland",
}
NOTE = "Spoke to Declan in HR on Tuesday"
REASON = "Extension because of the volume of screenshots"
FILE_TEXT = b"Dear Ms Byrne, we hold 14,211 keystroke records about you."


def save_full_request(owner) -> SavedRequest:
    answers = {key: [value] for key, value in PERSONAL.items()}
    answers.update(workplace=["IE"], rights=["eu_gdpr:access"], categories=["keystrokes"])
    saved = tracking.save_request(owner=owner, answers=answers, regime_id="eu_gdpr")
    tracking.save_notes(saved=saved, notes=NOTE)
    today = datetime.date(2026, 11, 23)
    tracking.add_event(
        saved=saved, kind="sent", on=datetime.date(2026, 9, 1), today=today, channel="email"
    )
    tracking.add_event(
        saved=saved, kind="extended", on=datetime.date(2026, 9, 20), today=today, details=REASON
    )
    upload = tracking.UploadedFile(
        name="reply-from-meta.txt", content_type="text/plain", content=FILE_TEXT
    )
    tracking.add_event(
        saved=saved,
        kind="responded",
        on=datetime.date(2026, 11, 2),
        today=today,
        answered_items=["art15_1_a"],
        files=[upload],
    )
    return saved


@pytest.fixture
def owner(db):
    return get_user_model().objects.create_user(username="u", email="owner@example.org")


def test_a_database_dump_shows_none_of_the_personal_fields(owner):
    save_full_request(owner)

    dump = every_table_as_text()

    for secret in [
        *PERSONAL.values(),
        NOTE,
        REASON,
        FILE_TEXT.decode(),
        "reply-from-meta",
        "Meta Platforms",
        "keystrokes",
        "art15_1_a",
    ]:
        assert secret not in dump, secret
    # The rows are there, as ciphertext.
    assert SavedRequest.objects.count() == 1 and ResponseFile.objects.count() == 1


def raw_column(table: str, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


def test_rotation_re_encrypts_every_row_so_the_old_key_can_go(owner, settings):
    settings.STANDING_ENCRYPTION_KEYS = [KEY_A]
    saved = save_full_request(owner)
    before = raw_column("rights_savedrequest", "answers")

    settings.STANDING_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    assert SavedRequest.objects.get().answers["full_name"] == ["Aoife Byrne"]
    call_command("rotate_encryption_keys", stdout=io.StringIO())

    after = raw_column("rights_savedrequest", "answers")
    assert after != before
    settings.STANDING_ENCRYPTION_KEYS = [KEY_B]
    saved = SavedRequest.objects.get()
    assert saved.answers["employee_id"] == ["MPI-448812"]
    assert saved.notes == NOTE
    assert TimelineEvent.objects.get(kind="extended").details == REASON
    assert ResponseFile.objects.get().content == FILE_TEXT
    with pytest.raises(DecryptionFailed):
        Keyring([KEY_A]).decrypt(after.encode())


def test_without_the_key_the_rows_cannot_be_read(owner, settings):
    settings.STANDING_ENCRYPTION_KEYS = [KEY_A]
    save_full_request(owner)

    settings.STANDING_ENCRYPTION_KEYS = [KEY_B]
    saved = SavedRequest.objects.get()
    # Not a crash: a value that says it cannot be opened, holding only the ciphertext.
    assert is_unreadable(saved.answers) and "Aoife" not in saved.answers
    assert "Aoife" not in saved.answers.ciphertext


def test_the_deploy_check_warns_when_no_encryption_key_is_configured(monkeypatch):
    from core.checks import encryption_keys_are_set

    monkeypatch.delenv("STANDING_ENCRYPTION_KEYS", raising=False)
    assert [warning.id for warning in encryption_keys_are_set(None)] == ["standing.W001"]

    monkeypatch.setenv("STANDING_ENCRYPTION_KEYS", KEY_A)
    assert encryption_keys_are_set(None) == []
