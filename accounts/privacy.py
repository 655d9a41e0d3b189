"""What the sessions list keeps about a signed-in browser: no IP address, only a coarse family.

allauth.usersessions records each session's IP address and full User-Agent header. An IP address
ties an account to a place (often the employer's own network), and a full User-Agent string is
most of a browser fingerprint. Neither is needed to recognise a session in the list, so both are
reduced before every save of a UserSession: the address becomes the unspecified address 0.0.0.0
(the column cannot be empty), the User-Agent becomes "browser|system", such as "Firefox|Linux".

The account adapter (accounts/adapter.py) already hands allauth a keyed hash instead of the
address, for its rate limits in the cache; this module makes sure nothing of it is stored here.
"""

import contextlib
import re

from django.utils.translation import gettext as _

UNRECORDED_IP = "0.0.0.0"  # noqa: S104 -- a placeholder stored in place of an address, never bound

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = [
    (r"\bEdg(e|A|iOS)?/", "Edge"),
    (r"\b(OPR|Opera)/", "Opera"),
    (r"\bSamsungBrowser/", "Samsung Internet"),
    (r"\b(Firefox|FxiOS)/", "Firefox"),
    (r"\b(Chrome|CriOS|Chromium)/", "Chrome"),
    (r"\bVersion/[\d.]+.*\bSafari/", "Safari"),
]
SYSTEMS = [
    (r"\bAndroid\b", "Android"),
    (r"\biPhone\b", "iPhone"),
    (r"\biPad\b", "iPad"),
    (r"\bCrOS\b", "ChromeOS"),
    (r"\bWindows\b", "Windows"),
    (r"\bMac OS X\b|\bMacintosh\b", "macOS"),
    (r"\bLinux\b|\bX11\b", "Linux"),
]
SEPARATOR = "|"


def _first_match(patterns: list[tuple[str, str]], user_agent: str) -> str:
    for pattern, name in patterns:
        if re.search(pattern, user_agent):
            return name
    return ""


def client_family(user_agent: str) -> str:
    """The stored form of a User-Agent header: "browser|system", either part empty if unknown.

    Idempotent: an already reduced value comes back unchanged.
    """
    if SEPARATOR in user_agent:
        browser, _sep, system = user_agent.partition(SEPARATOR)
        known_browsers = {name for _pattern, name in BROWSERS}
        known_systems = {name for _pattern, name in SYSTEMS}
        if browser in known_browsers | {""} and system in known_systems | {""}:
            return user_agent
    return f"{_first_match(BROWSERS, user_agent)}{SEPARATOR}{_first_match(SYSTEMS, user_agent)}"


def describe_client(stored: str) -> str:
    """A stored "browser|system" value as words for the sessions page."""
    browser, _sep, system = client_family(stored).partition(SEPARATOR)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser:
        return browser
    if system:
        return _("A browser on %(system)s") % {"system": system}
    return _("An unrecognised browser")


def minimise_user_session(sender, instance, **kwargs) -> None:
    """pre_save receiver for allauth's UserSession: drop the address, coarsen the browser."""
    instance.ip = UNRECORDED_IP
    instance.user_agent = client_family(instance.user_agent or "")


def store_hashed_session_keys(user_session_model) -> None:
    """allauth's sessions list keeps the hashed session key (core/sessions.py), never the
    cookie's: both places where it reads the current request's key are shown the hashed form."""
    manager_class = type(user_session_model.objects)
    if getattr(manager_class, "standing_hashed", False):
        return
    create_from_request = manager_class.create_from_request
    is_current = user_session_model.is_current

    def create_hashed(self, request) -> None:
        with _stored_key_shown(request.session):
            create_from_request(self, request)

    def is_current_hashed(self) -> bool:
        from allauth.core import context

        with _stored_key_shown(context.request.session):
            return is_current(self)

    manager_class.create_from_request = create_hashed
    manager_class.standing_hashed = True
    user_session_model.is_current = is_current_hashed


def _stored_key_shown(session):
    exposing = getattr(session, "exposing_stored_key", None)
    return exposing() if exposing else contextlib.nullcontext()
