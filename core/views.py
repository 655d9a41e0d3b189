from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Oversized or malformed requests get a page that says what happened."""
    return render(request, "400.html", status=400)


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """A rate limit was reached: a page that says so, and when to try again."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A page that helps on; under /petitions/ it says why a typed address may not match."""
    context = {
        "petition_address": request.path.startswith(reverse("petitions:list")),
        "short_address": request.path.startswith("/s/"),
    }
    return render(request, "404.html", context, status=404)


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """What is and is not stored, per journey; the numbers come from the running settings."""
    context = {
        "batch_min": max(1, settings.PETITIONS_BATCH_MIN),
        "batch_max_hours": settings.PETITIONS_BATCH_MAX_HOURS,
        "petition_retention_days": settings.PETITIONS_RETENTION_DAYS,
        "confirm_hours": settings.PETITIONS_CONFIRM_MAX_AGE_SECONDS // 3600,
        "request_retention_days": settings.RIGHTS_RETENTION_DAYS,
        "request_warning_days": settings.RIGHTS_RETENTION_WARNING_DAYS,
    }
    return render(request, "core/privacy.html", context)
