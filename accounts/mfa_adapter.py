"""Two-factor secrets (the TOTP key, the recovery-code seed) are encrypted at rest with the same
keyring as saved requests, so a database dump cannot mint sign-in codes."""

from allauth.mfa.adapter import DefaultMFAAdapter

from core.fields import keyring

# The fields of allauth's Authenticator.data that hold a secret passed through encrypt().
SECRET_FIELDS = ("secret", "seed")


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return keyring().encrypt(text.encode("utf-8")).decode("ascii")

    def decrypt(self, encrypted_text: str) -> str:
        return keyring().decrypt(encrypted_text.encode("ascii")).decode("utf-8")
