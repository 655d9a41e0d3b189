"""allauth's session tracking, except on the pages where people sign petitions.

"Last seen" is a write to the signed-in person's session row on every request. On a signing
page it would sit in the database right beside the signature's dedupe claim, in time and in
transaction order (docs/architecture.md, invariant 2), tying the account to the signature.
"""

from allauth.usersessions.middleware import UserSessionsMiddleware as TrackingMiddleware
from django.urls import Resolver404, resolve

UNTRACKED = {"petitions:sign", "petitions:confirm", "petitions:receipt"}


def is_signing_page(path: str) -> bool:
    try:
        return resolve(path).view_name in UNTRACKED
    except Resolver404:
        return False


class UserSessionsMiddleware(TrackingMiddleware):
    def __call__(self, request):
        if is_signing_page(request.path_info):
            return self.get_response(request)
        return super().__call__(request)
