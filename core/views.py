from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Oversized or malformed requests get a page that says what happened."""
    return render(request, "400.html", status=400)


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """A rate limit was reached: a page that says so, and when to try again."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response
