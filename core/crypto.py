"""Encryption at rest for personal fields, with key rotation. Pure: keys are passed in.

Fernet (AES-128-CBC with HMAC-SHA256) through :class:`~cryptography.fernet.MultiFernet`: the first
key encrypts, every key decrypts, so a new key goes first and old rows stay readable until
``manage.py rotate_encryption_keys`` re-encrypts them under it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = [
    "MIN_KEY_BYTES",
    "DecryptionFailed",
    "Keyring",
    "check_key",
    "hkdf_fernet_key",
    "key_from_secret",
    "keyed_hash",
    "multi_fernet",
    "purpose_bytes",
]

_CONTEXT = b"standing:at-rest:v1"


class DecryptionFailed(ValueError):
    """No configured key opens the value: it was tampered with, or its key was removed."""


def hkdf_fernet_key(*, secret: bytes, info: bytes) -> bytes:
    """A Fernet key (urlsafe base64 of 32 bytes): HKDF-SHA256 of ``secret``, bound to ``info``,
    so one secret yields unrelated keys for different uses. The one derivation in the project:
    encryption at rest and the petitions' sealed tokens both come here."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info)
    return base64.urlsafe_b64encode(hkdf.derive(secret))


def multi_fernet(keys: Sequence[bytes | str]) -> MultiFernet:
    """Fernet over several keys, newest first: the first encrypts, every one decrypts."""
    if isinstance(keys, bytes | str) or not keys:
        raise ValueError("pass a non-empty sequence of keys, newest first")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ValueError(
            "each encryption key must be a Fernet key: 32 url-safe base64-encoded bytes"
        ) from exc


def key_from_secret(secret: str) -> bytes:
    """A Fernet key derived from an arbitrary secret (the embedded default's fallback)."""
    if len(secret.encode()) < 16:
        raise ValueError("the secret is too short to derive an encryption key from")
    return hkdf_fernet_key(secret=secret.encode(), info=_CONTEXT)


class Keyring:
    """The configured keys, newest first."""

    def __init__(self, keys: Sequence[bytes | str]) -> None:
        self._fernet = multi_fernet(keys)

    def encrypt(self, data: bytes) -> bytes:
        return self._fernet.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken:
            raise DecryptionFailed("no configured key opens this value") from None

    def rotate(self, token: bytes) -> bytes:
        """The same plaintext, encrypted under the newest key."""
        try:
            return self._fernet.rotate(token)
        except InvalidToken:
            raise DecryptionFailed("no configured key opens this value") from None


# --- Keyed hashes ---------------------------------------------------------------------------
# Here rather than in petitions.anonymity because the rate limits of both apps hash client
# addresses with it, and core imports no app.

MIN_KEY_BYTES = 32
_HASH_CONTEXT = b"standing/keyed-hash/v1/"


def keyed_hash(*, key: bytes, purpose: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` as hex, under a subkey bound to ``purpose``.

    The same value under two purposes gives unrelated hashes, so a table of signer hashes
    cannot be joined with a table of rate-limit hashes even though both use one key.
    """
    check_key(key)
    subkey = hmac.digest(key, _HASH_CONTEXT + purpose_bytes(purpose), "sha256")
    return hmac.new(subkey, value.encode("utf-8"), hashlib.sha256).hexdigest()


def check_key(key: bytes) -> None:
    if not isinstance(key, bytes):
        raise TypeError("keys must be bytes")
    # Short keys make keyed hashes of e-mail addresses brute-forceable from a dump.
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"keys must be at least {MIN_KEY_BYTES} bytes")


def purpose_bytes(purpose: str) -> bytes:
    if not purpose:
        raise ValueError("a purpose is required")
    return purpose.encode("utf-8")
