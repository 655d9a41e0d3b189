"""Response headers every page gets: browser features the site never uses switched off, and a
cache policy that never lets a shared cache keep one person's page."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers


class PermissionsPolicyMiddleware:
    """Camera, microphone, location and the like stay off, even for an injected frame or script."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_OFF)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class PrivateCacheMiddleware:
    """Public petition pages may be cached by anyone for the count interval, but:

    - for a signed-in visitor, or when the response sets a cookie, they are private: a shared
      cache would otherwise hand one person's CSRF token and messages to the next;
    - every other page for a signed-in visitor, and every account page (sign-in, two-factor,
      recovery codes, sessions, own data), is no-store: on a work computer nothing is left in
      the browser's cache for the employer to read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        control = response.get("Cache-Control", "")
        if "no-store" in control:
            return response
        if "public" in control and (_signed_in(request) or response.cookies):
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        elif "public" not in control and (_signed_in(request) or _account_page(request)):
            add_never_cache_headers(response)
        return response


def _signed_in(request) -> bool:
    # Anonymous visitors have no session cookie: no session or user is loaded for them.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def _account_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.func.__module__.startswith(("allauth.", "accounts."))
