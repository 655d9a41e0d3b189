"""A database that cannot be reached gives a clear 503 to retry, never a 500."""

import pytest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse

from core.resilience import DatabaseUnavailableMiddleware


def middleware() -> DatabaseUnavailableMiddleware:
    return DatabaseUnavailableMiddleware(lambda request: HttpResponse("ok"))


@pytest.mark.parametrize("error", [OperationalError("the connection is lost"), InterfaceError()])
def test_a_lost_database_gives_a_503_that_says_to_try_again(rf, error):
    response = middleware().process_exception(rf.post("/petitions/x/confirm/y/"), error)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "try again" in text.lower() and "never counted twice" in text


def test_other_errors_are_left_to_django(rf):
    assert middleware().process_exception(rf.get("/"), ValueError("bug")) is None


def test_the_middleware_is_installed_last_so_it_sees_view_errors_first(settings):
    assert settings.MIDDLEWARE[-1] == "core.resilience.DatabaseUnavailableMiddleware"
