"""Model fields whose values are encrypted at rest (see core.crypto).

The database holds only Fernet tokens: a dump without the keys shows neither the values nor
their length to the byte. Encrypted values cannot be searched or ordered by the database.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models

from .crypto import DecryptionFailed, Keyring

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def keyring() -> Keyring:
    return Keyring(settings.STANDING_ENCRYPTION_KEYS)


def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    if setting == "STANDING_ENCRYPTION_KEYS":
        keyring.cache_clear()


setting_changed.connect(_forget_keys)


class Unreadable(str):
    """A value no configured key opens (a key removed too early, or lost).

    It reads as a short notice, so exports and pages still work, and keeps the ciphertext, so
    saving the row again writes back what was there rather than the notice.
    """

    ciphertext: str

    def __new__(cls, ciphertext: str) -> Unreadable:
        value = super().__new__(cls, "[cannot be opened: none of the configured keys fits]")
        value.ciphertext = ciphertext
        return value


def is_unreadable(value: Any) -> bool:
    return isinstance(value, Unreadable)


_last_alert: dict[str, float] = {}


def _alert_unreadable(label: str) -> None:
    # For the operator, at most once a minute per model: names the model, never a person.
    now = time.monotonic()
    if now - _last_alert.get(label, float("-inf")) >= 60:
        _last_alert[label] = now
        logger.error(
            "%s holds values no configured key in STANDING_ENCRYPTION_KEYS opens: "
            "restore the key that encrypted them (docs/operator.md)",
            label,
        )


# Secrets encrypted with the keyring outside an EncryptedField (inside a third party's JSON, say).
# Each app registers how to re-encrypt its own at start-up, so core imports no app.
_rotations: dict[str, Callable[[], int]] = {}


def register_rotation(label: str, rotate: Callable[[], int]) -> None:
    """Have ``rotate_encryption_keys`` call ``rotate()``, which re-encrypts ``label``'s secrets
    under the newest key and returns how many rows it rewrote."""
    _rotations[label] = rotate


def registered_rotations() -> dict[str, Callable[[], int]]:
    return dict(_rotations)


class EncryptedField(models.TextField):
    """Stores ``encode(value)`` encrypted, as text; subclasses say how a value becomes bytes."""

    def encode(self, value: Any) -> bytes:
        raise NotImplementedError

    def decode(self, data: bytes) -> Any:
        raise NotImplementedError

    def from_db_value(self, value: str | None, expression, connection) -> Any:
        if value is None:
            return None
        try:
            return self.decode(keyring().decrypt(value.encode("ascii")))
        except DecryptionFailed:
            _alert_unreadable(self.model._meta.label)
            return Unreadable(value)

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, Unreadable):
            return value.ciphertext
        return keyring().encrypt(self.encode(value)).decode("ascii")

    def to_python(self, value: Any) -> Any:
        return value

    def value_to_string(self, obj: models.Model) -> Any:
        # Serialisers (dumpdata) get the encrypted form, never the plaintext.
        return self.get_prep_value(self.value_from_object(obj))


class EncryptedTextField(EncryptedField):
    def encode(self, value: Any) -> bytes:
        return str(value).encode("utf-8")

    def decode(self, data: bytes) -> str:
        return data.decode("utf-8")


class EncryptedJSONField(EncryptedField):
    # What django-stubs' mypy plugin reads as the Python type of the model attribute.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def encode(self, value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":"), sort_keys=True).encode("utf-8")

    def decode(self, data: bytes) -> Any:
        return json.loads(data)


class EncryptedBinaryField(EncryptedField):
    # What django-stubs' mypy plugin reads as the Python type of the model attribute; bytes,
    # though the column is text, so the override is meant.
    _pyi_private_set_type: bytes  # type: ignore[assignment]
    _pyi_private_get_type: bytes  # type: ignore[assignment]

    def encode(self, value: Any) -> bytes:
        return bytes(value)

    def decode(self, data: bytes) -> bytes:
        return data
