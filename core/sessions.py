"""Sessions a database dump cannot replay or read (docs/architecture.md, invariant 2).

Django's database sessions keep the cookie's value as the row's key, so one key from a dump
signs its holder in as that person, and keep the data signed but readable. Here:

* the row's key is ``h$`` and a SHA-256 of the cookie value. The cookie carries 32 random
  characters, so the hash cannot be turned back into a cookie, and a cookie of the stored form
  is never accepted from a browser (HashedSessionMiddleware);
* the session data (pending sign-in codes, a TOTP secret being set up, ...) is encrypted with
  STANDING_ENCRYPTION_KEYS, like saved requests.

allauth's sessions list stores ``request.session.session_key``; accounts.apps makes it store the
hashed form, which this store also accepts (from the server side only).
"""

import contextlib
import hashlib
from collections.abc import Iterator

from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils import timezone

from core.crypto import DecryptionFailed
from core.fields import keyring

STORED_PREFIX = "h$"


def stored_key(session_key: str) -> str:
    """The form a session key has in the database; idempotent."""
    if session_key.startswith(STORED_PREFIX):
        return session_key
    return STORED_PREFIX + hashlib.sha256(session_key.encode()).hexdigest()[:38]


class SessionStore(db.SessionStore):
    _expose_stored = False

    @property
    def session_key(self):
        key = self._get_session_key()
        return stored_key(key) if key and self._expose_stored else key

    @contextlib.contextmanager
    def exposing_stored_key(self) -> Iterator[None]:
        """For code that keeps the key (allauth's sessions list): show it the hashed form."""
        self._expose_stored = True
        try:
            yield
        finally:
            self._expose_stored = False

    def _get_session_from_db(self):
        key = self._get_session_key()
        if key is None:
            return None
        session = self.model.objects.filter(
            session_key=stored_key(key), expire_date__gt=timezone.now()
        ).first()
        if session is None:
            self._session_key = None
        return session

    def exists(self, session_key):
        return super().exists(stored_key(session_key))

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.session_key = stored_key(instance.session_key)
        return instance

    def delete(self, session_key=None):
        session_key = session_key or self._get_session_key()
        if session_key is not None:
            self.model.objects.filter(session_key=stored_key(session_key)).delete()

    def encode(self, session_dict):
        signed = super().encode(session_dict)
        return keyring().encrypt(signed.encode()).decode("ascii")

    def decode(self, session_data):
        try:
            signed = keyring().decrypt(session_data.encode("ascii")).decode()
        except (DecryptionFailed, UnicodeError):
            return {}
        return super().decode(signed)


class HashedSessionMiddleware(SessionMiddleware):
    """Sessions through SessionStore; a cookie holding a stored (hashed) key is ignored."""

    def process_request(self, request):
        cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if cookie and cookie.startswith(STORED_PREFIX):
            cookie = None
        request.session = self.SessionStore(cookie)


def end_sessions_naming(*, user_id: int, email: str) -> int:
    """Delete every session that names this person, signed in or half-way through signing in.

    A pending login (a code sent, a second factor asked) is not in allauth's sessions list, so
    the rows are read one by one. Expired rows are cleared first; account deletion is rare.
    """
    store = SessionStore()
    model = store.model
    SessionStore.clear_expired()
    marks = {str(user_id), email.lower()}
    ended = 0
    for row in model.objects.iterator():
        data = store.decode(row.session_data)
        if marks & set(_strings_in(data)):
            row.delete()
            ended += 1
    return ended


def _strings_in(value) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_in(item)
    elif isinstance(value, str | int):
        yield str(value).lower()
