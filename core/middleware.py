"""Response headers every page gets (browser features the site never uses switched off, a cache
policy that never lets a shared cache keep one person's page), and a cap on request bodies."""

from django.conf import settings
from django.shortcuts import render
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
    # Anonymous visitors have no session cookie: no session or user is loaded for them. A
    # response made before authentication ran (a redirect to HTTPS, say) has no user.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _account_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.func.__module__.startswith(("allauth.", "accounts."))


class RequestBodyCapMiddleware:
    """Refuse a body larger than its view can use, by its Content-Length, before anything reads it.

    DATA_UPLOAD_MAX_MEMORY_SIZE leaves out file parts: without this, an anonymous 100 MiB upload
    was written to the temporary folder (CSRF checking parses the body first) before any form
    could refuse it. A signed-in visitor may send one response file (RIGHTS_UPLOAD_MAX_BYTES) to
    the views in UPLOAD_VIEWS; every other body must fit DATA_UPLOAD_MAX_MEMORY_SIZE. A body
    without a Content-Length is read by Django as empty.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return None
        if length <= _upload_allowance(request):
            return None
        return render(request, "400.html", status=400)


def _upload_allowance(request) -> int:
    match = request.resolver_match
    if match is None or match.view_name not in settings.UPLOAD_VIEWS:
        return 0
    if not _signed_in(request):
        return 0
    # The file, and the form's own fields around it.
    return settings.RIGHTS_UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
