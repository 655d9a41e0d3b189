"""Two-factor secrets (the TOTP key, the recovery-code seed) are encrypted at rest with the same
keyring as saved requests, so a database dump cannot mint sign-in codes."""

from allauth.mfa.adapter import DefaultMFAAdapter
from django.db import transaction

from core.fields import keyring

# The fields of allauth's Authenticator.data that hold a secret passed through encrypt().
SECRET_FIELDS = ("secret", "seed")


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return keyring().encrypt(text.encode("utf-8")).decode("ascii")

    def decrypt(self, encrypted_text: str) -> str:
        return keyring().decrypt(encrypted_text.encode("ascii")).decode("utf-8")


def rotate_authenticator_secrets() -> int:
    """Re-encrypt the two-factor secrets inside allauth's JSON data under the newest key
    (``rotate_encryption_keys`` calls it; see AccountsConfig.ready)."""
    from allauth.mfa.models import Authenticator

    count = 0
    with transaction.atomic():
        for authenticator in Authenticator.objects.select_for_update():
            data = dict(authenticator.data)
            fields = [name for name in SECRET_FIELDS if isinstance(data.get(name), str)]
            for name in fields:
                data[name] = keyring().rotate(data[name].encode("ascii")).decode("ascii")
            if fields:
                authenticator.data = data
                authenticator.save(update_fields=["data"])
                count += 1
    return count
