"""System checks for settings that would lose or leak data in production."""

import os

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
