"""allauth's session tracking, except on the pages where people sign petitions.

"Last seen" is a write to the signed-in person's session row on every request. On a signing
page it would sit in the database right beside the signature's dedupe claim, in time and in
transaction order (docs/architecture.md, invariant 2), tying the account to the signature.
"""

import re

from allauth.usersessions.middleware import UserSessionsMiddleware as TrackingMiddleware
from django.conf import settings

# petitions/urls.py: the sign, confirm and receipt pages. A pattern, not resolve(): this runs
# on every request, and confirming is the hot path of a petition going viral.
SIGNING_PAGE = re.compile(r"^/petitions/[-\w]+/(?:sign|confirm/[^/]+|receipt)/$")


def is_signing_page(path: str) -> bool:
    return SIGNING_PAGE.match(path) is not None


class UserSessionsMiddleware(TrackingMiddleware):
    def __call__(self, request):
        # Without a session cookie there is no session to track.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or is_signing_page(
            request.path_info
        ):
            return self.get_response(request)
        return super().__call__(request)
