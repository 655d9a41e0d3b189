"""Anonymity primitives for petitions: keyed hashes, sealed tokens, receipts and digests.

Pure functions only: no Django, no settings, no clock other than an overridable ``now``. Every
key is passed in as bytes so the caller decides where keys live and how they rotate.

What each primitive is for (see "Signing a petition" in DESIGN.md):

* :func:`normalise_email` + :func:`signer_hash` -- one signature per mailbox, stored only as a
  keyed hash so a database dump cannot be matched against a staff list.
* :func:`seal` / :func:`unseal` -- the e-mailed confirmation link carries the signature content
  itself, encrypted and authenticated, so nothing is written before the signer confirms.
* :func:`new_receipt` / :func:`receipt_hash` -- the signer's proof, publicly checkable.
* :func:`new_signing_code` / :func:`signing_code_hash` -- printed slips that need no e-mail.
* :func:`count_digest` -- one published number that pins down the whole list of receipts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import struct
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

from cryptography.exceptions import InvalidTag
from cryptography.fernet import InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.crypto import MIN_KEY_BYTES, hkdf_fernet_key, keyed_hash, multi_fernet
from core.crypto import check_key as _check_key
from core.crypto import purpose_bytes as _purpose_bytes

__all__ = [
    "CODE_ALPHABET",
    "DIGEST_RECIPE",
    "DOMAIN_ALIASES",
    "DOTS_IGNORED",
    "MIN_KEY_BYTES",
    "NONCE_FIELD",
    "PLUS_TAGS",
    "PURPOSE_CODE",
    "PURPOSE_SIGNER",
    "RECEIPT_BITS",
    "SIGNING_CODE_BITS",
    "InvalidAddress",
    "InvalidCode",
    "TokenError",
    "TokenExpired",
    "TokenInvalid",
    "count_digest",
    "sorted_digest",
    "derive_key",
    "keyed_hash",
    "new_receipt",
    "new_short_address",
    "new_signing_code",
    "normalise_email",
    "normalise_receipt",
    "normalise_short_address",
    "normalise_signing_code",
    "receipt_hash",
    "seal",
    "signer_hash",
    "signing_code_hash",
    "unseal",
]


class InvalidAddress(ValueError):
    """The text is not an e-mail address we can normalise."""


class InvalidCode(ValueError):
    """A receipt or signing code has the wrong length or characters."""


class TokenError(Exception):
    """A sealed token could not be opened."""


class TokenExpired(TokenError):
    """The token is authentic but older than the allowed age."""


class TokenInvalid(TokenError):
    """The token was not sealed by any of our keys, or was altered, or is malformed."""


# --- E-mail normalisation -------------------------------------------------------------------

DOMAIN_ALIASES: Final[Mapping[str, str]] = MappingProxyType({"googlemail.com": "gmail.com"})
"""Domains that deliver to the same mailboxes as another domain."""

DOTS_IGNORED: Final[frozenset[str]] = frozenset({"gmail.com", "googlemail.com"})
"""Providers that deliver ``j.o.e@`` and ``joe@`` to the same mailbox."""

PLUS_TAGS: Final[frozenset[str]] = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "protonmail.com",
        "proton.me",
        "pm.me",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "yandex.ru",
        "yandex.com",
    }
)
"""Providers that deliver ``joe+anything@`` to ``joe@``."""

# IDNA treats these as label separators, so "gmail。com" names the same domain as "gmail.com".
_IDNA_DOTS: Final = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_ACE_PREFIX: Final = "xn--"
_WHITESPACE: Final = re.compile(r"\s")


def normalise_email(address: str) -> str:
    """Return the canonical form of ``address``: one string per real mailbox.

    Lower-cases the whole address (providers treat local parts case-insensitively in
    practice), folds provider aliases listed in :data:`DOMAIN_ALIASES`, :data:`DOTS_IGNORED`
    and :data:`PLUS_TAGS`, and puts the domain in lower-case Unicode form, so ``bücher.de``
    and its ACE form ``xn--bcher-kva.de`` give the same result. Idempotent.

    Written the way mail systems deliver: Unicode NFKC (a full-width ``ｄ`` is ``d``), with
    default-ignorable characters (soft hyphens, zero-width joiners, ...) removed, and the domain
    through IDNA, so no invisible or look-alike spelling of one mailbox signs twice.
    """
    local, domain = _split_address(_fold(address.strip()))
    domain = _idna_domain(_canonical_domain(domain))
    domain = DOMAIN_ALIASES.get(domain, domain)
    if domain in PLUS_TAGS:
        local = local.split("+", 1)[0]
    if domain in DOTS_IGNORED:
        local = local.replace(".", "")
    if not local:
        raise InvalidAddress("the address has no mailbox name once aliases are removed")
    canonical = f"{local}@{domain}"
    if any(unicodedata.category(char).startswith("C") for char in canonical):
        raise InvalidAddress("an address cannot contain control or unassigned characters")
    return canonical


# Unicode's Default_Ignorable_Code_Point set (DerivedCoreProperties.txt): invisible, and
# dropped by IDNA's nameprep and by most mail systems.
_IGNORABLE: Final = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def _fold(text: str) -> str:
    # Lower-casing can undo NFKC and NFKC can undo lower-casing; a few rounds settle it.
    for _round in range(4):
        folded = unicodedata.normalize("NFKC", _IGNORABLE.sub("", text)).lower()
        if folded == text:
            break
        text = folded
    return text


def _idna_domain(domain: str) -> str:
    """The domain as IDNA's nameprep maps it, in Unicode form; refused if IDNA cannot."""
    try:
        return domain.encode("idna").decode("idna").lower()
    except UnicodeError as error:
        raise InvalidAddress("the domain cannot be written as an internet domain") from error


def _split_address(address: str) -> tuple[str, str]:
    if address.count("@") != 1:
        raise InvalidAddress("an address needs exactly one @")
    if _WHITESPACE.search(address):
        raise InvalidAddress("an address cannot contain spaces")
    local, domain = address.split("@")
    if not local or not domain:
        raise InvalidAddress("an address needs text on both sides of the @")
    return local, domain


def _canonical_domain(domain: str) -> str:
    # A trailing dot is the fully qualified spelling of the same domain.
    labels = domain.translate(_IDNA_DOTS).removesuffix(".").split(".")
    if not all(labels):
        raise InvalidAddress("a domain cannot have empty parts between its dots")
    labels = [_unicode_label(label) for label in labels]
    return unicodedata.normalize("NFC", ".".join(labels).lower())


def _unicode_label(label: str) -> str:
    if not label.startswith(_ACE_PREFIX):
        return label
    try:
        decoded = label.removeprefix(_ACE_PREFIX).encode("ascii").decode("punycode")
    except UnicodeError as error:
        raise InvalidAddress("the domain has a malformed xn-- label") from error
    # Anything that a second pass would split, reject or decode again is not a real label.
    if (
        not decoded
        or decoded.lower().startswith(_ACE_PREFIX)
        or decoded.translate(_IDNA_DOTS) != decoded
        or _WHITESPACE.search(decoded)
    ):
        raise InvalidAddress("the domain has a malformed xn-- label")
    return decoded


# --- Keyed hashes ---------------------------------------------------------------------------

PURPOSE_SIGNER: Final = "signer"
PURPOSE_CODE: Final = "code"

_KDF_CONTEXT: Final = b"standing/derive-key/v1/"


def signer_hash(*, key: bytes, petition_id: object, address: str) -> str:
    """The duplicate-prevention hash for one mailbox signing one petition."""
    return keyed_hash(
        key=key, purpose=PURPOSE_SIGNER, value=f"{petition_id}:{normalise_email(address)}"
    )


def derive_key(*, secret: bytes, purpose: str) -> bytes:
    """A Fernet key (urlsafe base64 of 32 bytes) derived from ``secret`` for ``purpose``.

    HKDF-SHA256 with the purpose as context, so one configured secret yields independent keys
    and a token sealed for one purpose never opens under another.
    """
    _check_key(secret)
    return hkdf_fernet_key(secret=secret, info=_KDF_CONTEXT + _purpose_bytes(purpose))


# --- Sealed tokens --------------------------------------------------------------------------

NONCE_FIELD: Final = "n"
_TOKEN_SHAPE: Final = re.compile(r"[A-Za-z0-9_-]+=*")


def seal(*, keys: Sequence[bytes], payload: Mapping[str, Any], now: int | None = None) -> str:
    """Encrypt and authenticate ``payload`` as a URL-safe, timestamped token.

    The first key encrypts; list older keys after it so :func:`unseal` still opens tokens
    issued before a rotation. A random nonce is added, so sealing the same payload twice gives
    different tokens. ``payload`` must be JSON-serialisable with string keys.
    """
    # JSON would turn other key types into strings, and unseal would return a different dict.
    if not all(isinstance(field, str) for field in payload):
        raise TypeError("payload keys must be strings")
    if NONCE_FIELD in payload:
        raise ValueError(f"the payload field {NONCE_FIELD!r} is reserved for the nonce")
    content = {**payload, NONCE_FIELD: secrets.token_urlsafe(16)}
    data = json.dumps(content, separators=(",", ":"), sort_keys=True, allow_nan=False)
    token = _fernet(keys).encrypt_at_time(data.encode("ascii"), _now(now))
    return token.decode("ascii")


def unseal(
    *, keys: Sequence[bytes], token: str, max_age_seconds: int, now: int | None = None
) -> dict[str, Any]:
    """Open a token made by :func:`seal` and return the payload it was given.

    Raises :class:`TokenExpired` if the token is authentic but more than ``max_age_seconds``
    old, and :class:`TokenInvalid` for anything else that is wrong with it.
    """
    raw = _canonical_token(token)
    fernet = _fernet(keys)
    current = _now(now)
    try:
        data = fernet.decrypt_at_time(raw, ttl=max_age_seconds, current_time=current)
    except InvalidToken:
        raise _why_rejected(fernet, raw, max_age_seconds, current) from None
    return _payload(data)


def _fernet(keys: Sequence[bytes]) -> MultiFernet:
    return multi_fernet(keys)


def _now(now: int | None) -> int:
    return int(time.time()) if now is None else now


def _canonical_token(token: str) -> bytes:
    # base64 decoding ignores stray characters and the spare low bits of the last symbol, so
    # without this check several different strings would open as the same token.
    if not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token):
        raise TokenInvalid("the token has characters a sealed token never contains")
    raw = token.encode("ascii")
    try:
        decoded = base64.urlsafe_b64decode(raw)
    except (binascii.Error, ValueError):
        raise TokenInvalid("the token is not valid base64") from None
    if base64.urlsafe_b64encode(decoded) != raw:
        raise TokenInvalid("the token is not in canonical form")
    return raw


def _why_rejected(fernet: MultiFernet, raw: bytes, max_age: int, now: int) -> TokenError:
    try:
        fernet.decrypt(raw)
    except InvalidToken:
        return TokenInvalid("the token was not sealed by any current key, or was altered")
    issued = _issued_at(raw)
    if issued + max_age < now:
        return TokenExpired("the token is too old")
    return TokenInvalid("the token claims to be issued in the future")


def _issued_at(raw: bytes) -> int:
    # Fernet layout: version byte, then the issue time as a 64-bit big-endian integer.
    return int.from_bytes(base64.urlsafe_b64decode(raw)[1:9], "big")


def _payload(data: bytes) -> dict[str, Any]:
    try:
        content = json.loads(data)
    except ValueError:
        raise TokenInvalid("the token does not hold JSON") from None
    if not isinstance(content, dict) or not isinstance(content.pop(NONCE_FIELD, None), str):
        raise TokenInvalid("the token does not hold a sealed payload")
    return content


# --- Receipts and signing codes -------------------------------------------------------------

CODE_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford base32: no I, L, O or U, so codes survive being read aloud or copied by hand."""

_GROUP: Final = 4
_BITS_PER_CHAR: Final = 5
_RECEIPT_CHARS: Final = 20
_SIGNING_CODE_CHARS: Final = 12
RECEIPT_BITS: Final = _RECEIPT_CHARS * _BITS_PER_CHAR
SIGNING_CODE_BITS: Final = _SIGNING_CODE_CHARS * _BITS_PER_CHAR

_CONFUSABLES: Final = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS: Final = re.compile(r"[\s-]+")


def new_receipt() -> str:
    """A fresh receipt code such as ``7KQ2-M9XA-...``: 5 groups of 4, 100 random bits."""
    return _new_code(_RECEIPT_CHARS)


def new_signing_code() -> str:
    """A fresh code for a printed slip: 3 groups of 4, 60 random bits.

    Shorter than a receipt because people type it from paper; it is only ever stored as a
    keyed hash (:func:`signing_code_hash`), so 60 bits cannot be brute-forced from a dump.
    """
    return _new_code(_SIGNING_CODE_CHARS)


def normalise_receipt(code: str) -> str:
    """The receipt in canonical form: upper case, no separators, confusables mapped."""
    return _normalise_code(code, _RECEIPT_CHARS)


def normalise_signing_code(code: str) -> str:
    """The signing code in canonical form, by the same rules as :func:`normalise_receipt`."""
    return _normalise_code(code, _SIGNING_CODE_CHARS)


_SHORT_ADDRESS_CHARS: Final = 8


def new_short_address() -> str:
    """A petition's typeable address for printed slips, such as ``7KQ2-M9XA``: 40 random bits,
    not case-sensitive, so unlisted petitions still cannot be found by counting."""
    return _new_code(_SHORT_ADDRESS_CHARS)


def normalise_short_address(text: str) -> str:
    """The short address in canonical form (``7KQ2M9XA``), by the rules of the codes."""
    return _normalise_code(text, _SHORT_ADDRESS_CHARS)


def receipt_hash(code: str) -> str:
    """SHA-256 hex of the normalised receipt, deliberately unkeyed.

    Anyone can hash their own receipt and find it in the public list without trusting the
    server. This is safe only because a receipt carries 100 random bits: nobody can enumerate
    the receipts behind the published hashes.
    """
    return hashlib.sha256(normalise_receipt(code).encode("ascii")).hexdigest()


def signing_code_hash(*, key: bytes, code: str) -> str:
    """Keyed hash of a signing code: 60 bits would fall to brute force if hashed unkeyed."""
    return keyed_hash(key=key, purpose=PURPOSE_CODE, value=normalise_signing_code(code))


def _new_code(length: int) -> str:
    # One draw of length * 5 random bits, five per character: the alphabet has exactly 32.
    bits = secrets.randbits(length * _BITS_PER_CHAR)
    mask = len(CODE_ALPHABET) - 1
    chars = "".join(CODE_ALPHABET[(bits >> (_BITS_PER_CHAR * i)) & mask] for i in range(length))
    return "-".join(chars[i : i + _GROUP] for i in range(0, length, _GROUP))


def _normalise_code(code: str, length: int) -> str:
    compact = _SEPARATORS.sub("", code).upper().translate(_CONFUSABLES)
    if len(compact) != length:
        raise InvalidCode(f"a code has {length} characters, not counting dashes")
    if not all(char in CODE_ALPHABET for char in compact):
        raise InvalidCode("a code uses only the digits and the letters A-Z without U")
    return compact


# --- Public count digest --------------------------------------------------------------------

DIGEST_RECIPE: Final = (
    "Write each receipt hash in lower-case hex on its own line, sort the lines in byte order "
    "dropping duplicates, end every line (including the last) with a newline, and take the "
    "SHA-256 of the result; for example: LC_ALL=C sort -u hashes.txt | sha256sum"
)

_HEX_DIGEST: Final = re.compile(r"[0-9a-f]{64}")


def count_digest(receipt_hashes: Iterable[str]) -> str:
    """SHA-256 hex that pins down the set of receipt hashes, computed as :data:`DIGEST_RECIPE`.

    Order and duplicates do not matter, so anyone holding the public list can recompute it.
    """
    unique = {value.strip().lower() for value in receipt_hashes}
    if not all(_HEX_DIGEST.fullmatch(value) for value in unique):
        raise ValueError("receipt hashes are 64 hex digits")
    text = "".join(f"{value}\n" for value in sorted(unique))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def sorted_digest(receipt_hashes: Iterable[str]) -> str:
    """:func:`count_digest` of hashes that arrive already in byte order, each once, streamed.

    For a listing read in order from the database: memory stays flat however many signed.
    Refuses input out of order, repeated or not in lower-case hex, rather than give a digest
    that would not match the recipe.
    """
    digest = hashlib.sha256()
    previous = ""
    for value in receipt_hashes:
        if not _HEX_DIGEST.fullmatch(value) or value <= previous:
            raise ValueError("receipt hashes must be lower-case hex, sorted and unique")
        digest.update(value.encode("ascii") + b"\n")
        previous = value
    return digest.hexdigest()


# --- The pending pool -----------------------------------------------------------------------

PENDING_NAME_BYTES: Final = 80 * 4
PENDING_COMMENT_BYTES: Final = 500 * 4
"""Room for the longest name (80 characters) and comment (500) in UTF-8, 4 bytes a character.

Every pending signature is padded to the same size before it is encrypted, so the stored
ciphertext has one length whatever the signer typed: its length cannot be matched to the
published name and comment.
"""
POOL_KEY_BYTES: Final = 32
_PENDING_HEAD: Final = struct.Struct(">32sHH")  # receipt hash, name and comment lengths
_PENDING_CONTEXT: Final = b"standing/pending-signature/v1"
_NONCE_BYTES: Final = 12
PENDING_SEALED_BYTES: Final = (
    _NONCE_BYTES + _PENDING_HEAD.size + PENDING_NAME_BYTES + PENDING_COMMENT_BYTES + 16
)


def new_pool_key() -> bytes:
    return secrets.token_bytes(POOL_KEY_BYTES)


def seal_pending(*, key: bytes, receipt_hash: str, name: str, comment: str) -> bytes:
    """Encrypt one waiting signature under a pool key (AES-256-GCM), padded to one length."""
    name_bytes, comment_bytes = name.encode(), comment.encode()
    if len(name_bytes) > PENDING_NAME_BYTES or len(comment_bytes) > PENDING_COMMENT_BYTES:
        raise ValueError("a name or comment is longer than a pending signature holds")
    head = _PENDING_HEAD.pack(bytes.fromhex(receipt_hash), len(name_bytes), len(comment_bytes))
    plain = b"".join(
        [
            head,
            name_bytes.ljust(PENDING_NAME_BYTES, b"\0"),
            comment_bytes.ljust(PENDING_COMMENT_BYTES, b"\0"),
        ]
    )
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plain, _PENDING_CONTEXT)


def open_pending(*, key: bytes, sealed: bytes) -> dict[str, Any]:
    """The waiting signature: receipt hash, name and comment."""
    sealed = bytes(sealed)
    try:
        plain = AESGCM(key).decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], _PENDING_CONTEXT)
    except InvalidTag:
        raise TokenInvalid("the pending signature was not sealed under this pool key") from None
    digest, name_length, comment_length = _PENDING_HEAD.unpack_from(plain)
    name_start = _PENDING_HEAD.size
    comment_start = name_start + PENDING_NAME_BYTES
    return {
        "receipt_hash": digest.hex(),
        "name": plain[name_start : name_start + name_length].decode(),
        "comment": plain[comment_start : comment_start + comment_length].decode(),
    }


def pending_lookup(*, key: bytes, receipt_hash: str) -> str:
    """Where a pending signature is found by its receipt, under its pool key only.

    Once the pool key is destroyed, nobody can say which pending row a receipt belonged to.
    """
    return hmac.new(key, b"lookup:" + receipt_hash.encode(), "sha256").hexdigest()


def petition_field(petition_id: int) -> str:
    """The petition id as it travels in a token: fixed width, so every token has one length."""
    return f"{int(petition_id):012d}"
