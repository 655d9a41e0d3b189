"""System checks for settings that would lose or leak data in production."""

import os

from django.conf import settings
from django.core.checks import Error as CheckError
from django.core.checks import Warning as CheckWarning
from django.core.checks import register


@register(deploy=True)
def encryption_keys_are_set(app_configs, **kwargs) -> list[CheckWarning]:
    """Without its own keys, saved requests hang on DJANGO_SECRET_KEY: changing that key would
    make every saved request unreadable."""
    if os.environ.get("STANDING_ENCRYPTION_KEYS"):
        return []
    return [
        CheckWarning(
            "STANDING_ENCRYPTION_KEYS is not set: saved requests are encrypted with a key derived "
            "from DJANGO_SECRET_KEY, and changing the secret key would make them unreadable.",
            hint='Set it to a Fernet key: python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"',
            id="standing.W001",
        )
    ]


@register(deploy=True)
def petition_keys_are_separate(app_configs, **kwargs) -> list[CheckError]:
    """Petition keys that hang on DJANGO_SECRET_KEY, or sit in the app's folder, are one leak
    away from a dump: whoever has both can test a staff list against the signer hashes, or
    forge signing links."""
    errors = []
    if not os.environ.get("PETITIONS_KEY_DIR"):
        errors.append(
            CheckError(
                "PETITIONS_KEY_DIR is not set: each petition's hash and pool keys would sit in "
                "the app's own var/ folder.",
                hint="Point it at a folder of its own, kept apart from database dumps and "
                "backups, on storage that is not snapshotted.",
                id="standing.E001",
            )
        )
    if not os.environ.get("PETITIONS_SIGNING_KEYS") or settings.SECRET_KEY in (
        settings.PETITIONS_SIGNING_KEYS
    ):
        errors.append(
            CheckError(
                "PETITIONS_SIGNING_KEYS is not set, or repeats DJANGO_SECRET_KEY: signing links "
                "would be sealed with the secret key.",
                hint="Set it to a random value of its own: python -c "
                '"import secrets; print(secrets.token_urlsafe(48))"',
                id="standing.E002",
            )
        )
    return errors


@register(deploy=True)
def console_mail_is_for_development(app_configs, **kwargs) -> list[CheckError]:
    """The console backend writes whole messages, signing links included, to the logs."""
    if "console" not in settings.EMAIL_BACKEND.lower():
        return []
    return [
        CheckError(
            "The console e-mail backend prints every message, signing links included, to the "
            "process output.",
            hint="Set EMAIL_HOST (SMTP) or EMAIL_BACKEND for production.",
            id="standing.E003",
        )
    ]


@register(deploy=True)
def secret_key_is_set(app_configs, **kwargs) -> list[CheckWarning]:
    """Unset, the secret key is one made for this machine: a second machine would make another,
    and links signed on one would fail on the other."""
    if os.environ.get("DJANGO_SECRET_KEY"):
        return []
    return [
        CheckWarning(
            "DJANGO_SECRET_KEY is not set: a key made for this machine (var/secret-key) is in "
            "use, and every machine serving the site needs the same one.",
            hint="Set it to at least 50 random characters: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'",
            id="standing.W002",
        )
    ]
