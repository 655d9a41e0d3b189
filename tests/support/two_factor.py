"""Two-factor sign-in in tests: authenticator codes computed as an app would (RFC 6238)."""

import base64
import datetime
import hashlib
import hmac
import re
import struct
import time

from django.urls import reverse

# The moment two-factor tests stop the clock at: a code never turns between being computed and
# being checked.
TWO_FACTOR_MOMENT = datetime.datetime(2026, 11, 23, 9, 0, 15, tzinfo=datetime.UTC)


def totp(secret: str, at: float) -> str:
    """RFC 6238 with SHA-1, 30-second steps and 6 digits, as authenticator apps compute it."""
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def activate_totp(client) -> str:
    """Turn the authenticator app on with a code computed from the secret on the page (at the
    stopped clock's time: see stopped_clock)."""
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7=]+)"', html)
    if secret is None:
        secret = re.search(r'value="([A-Z2-7=]+)"[^>]*id="authenticator_secret"', html)
    assert secret is not None
    response = client.post(
        reverse("mfa_activate_totp"), {"code": totp(secret.group(1), time.time())}
    )
    assert response.status_code == 302, response.content.decode()
    return secret.group(1)
