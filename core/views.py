from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


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
    context = {"petition_address": request.path.startswith(reverse("petitions:list"))}
    return render(request, "404.html", context, status=404)
