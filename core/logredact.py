"""Secrets never reach a log line: confirmation tokens, codes, receipts and digests are masked.

Installed as the LogRecord factory (core.apps), so it covers every logger in the process:
the app's, Django's 4xx warnings and runserver lines, gunicorn's access log (its workers load
the app), Celery's. docs/architecture.md, invariant 2: no log line links a signer to anything.
"""

import logging
import re

MASK = "[redacted]"
_SECRETS = [
    # The confirmation link's token, and the QR slip's code in a query string.
    (re.compile(r"(/confirm/)[^/\s\"?]+"), r"\1" + MASK),
    (re.compile(r"([?&](?:code|receipt|token)=)[^&\s\"]+", re.IGNORECASE), r"\1" + MASK),
    # Receipts (5 groups of 4) and signing codes (3 groups of 4), Crockford base32.
    # Receipts (5 groups of 4) and signing codes (3 groups of 4), Crockford base32; not the
    # middle of a longer dashed run such as a task's UUID.
    (
        re.compile(
            r"(?<![0-9A-Za-z-])[0-9A-Za-z]{4}(?:-[0-9A-Za-z]{4}){2}"
            r"(?:(?:-[0-9A-Za-z]{4}){2})?(?![0-9A-Za-z-])"
        ),
        MASK,
    ),
    # Keyed and unkeyed SHA-256 digests: signer hashes, code digests, receipt hashes.
    (re.compile(r"\b[0-9a-fA-F]{64}\b"), MASK),
    # Fernet tokens: sealed links and pending signatures.
    (re.compile(r"gAAAAA[0-9A-Za-z_\-=]{16,}"), MASK),
]


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


def install() -> None:
    """Wrap the current LogRecord factory once."""
    current = logging.getLogRecordFactory()
    if getattr(current, "standing_redacts", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = current(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: leave it to logging's own error report
            return record
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return record

    factory.standing_redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
