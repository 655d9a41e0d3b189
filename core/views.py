from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Oversized or malformed requests get a page that says what happened."""
    return render(request, "400.html", status=400)
