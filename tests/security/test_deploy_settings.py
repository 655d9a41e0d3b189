"""Production settings pass Django's deployment checks; the embedded default stays plain HTTP."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tests.support.production import PRODUCTION_ENV, settings_under


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "STANDING_", "PETITIONS_", "RIGHTS_", "CELERY_"))
        and name not in {"DATABASE_URL", "CACHE_URL", "EMAIL_HOST"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={**kept, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "proxy_header",
    [None, "X-Forwarded-Proto"],
    ids=["gunicorn serving or behind a local proxy", "behind a proxy on another machine"],
)
def test_the_deploy_check_gives_no_warning_under_production_settings(proxy_header):
    env = dict(PRODUCTION_ENV)
    if proxy_header:
        env["DJANGO_SECURE_PROXY_SSL_HEADER"] = proxy_header

    result = deploy_check(env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_still_warns_about_the_development_defaults():
    result = deploy_check({})

    output = result.stdout + result.stderr
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "standing.W002"):
        assert check in output
    # The insecure session cookie: W010 now that sessions go through core.sessions' middleware.
    assert "security.W010" in output or "security.W012" in output


@pytest.mark.parametrize(
    ("change", "check_id"),
    [
        ({"PETITIONS_KEY_DIR": ""}, "standing.E001"),
        ({"PETITIONS_SIGNING_KEYS": ""}, "standing.E002"),
        ({"PETITIONS_SIGNING_KEYS": PRODUCTION_ENV["DJANGO_SECRET_KEY"]}, "standing.E002"),
        ({"EMAIL_HOST": ""}, "standing.E003"),
    ],
    ids=["no key directory", "no signing keys", "signing key is the secret key", "console mail"],
)
def test_the_deploy_check_fails_when_petition_keys_hang_on_the_secret_key_or_mail_is_printed(
    change, check_id
):
    result = deploy_check({**PRODUCTION_ENV, **change})

    assert result.returncode != 0
    assert check_id in result.stdout + result.stderr


def test_https_turns_on_redirection_and_a_year_of_hsts_with_subdomains_and_preload():
    production = settings_under(PRODUCTION_ENV)

    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"] and production["CSRF_COOKIE_HTTPONLY"]
    assert "SECURE_PROXY_SSL_HEADER" not in production


def test_the_embedded_default_serves_plain_http_without_redirect_or_hsts():
    embedded = settings_under({})

    assert embedded["SECURE_SSL_REDIRECT"] is False
    assert embedded["SECURE_HSTS_SECONDS"] == 0
    assert embedded["SESSION_COOKIE_SECURE"] is False
    assert embedded["CSRF_COOKIE_SECURE"] is False


def test_each_https_setting_can_be_set_on_its_own():
    tuned = settings_under(
        {
            **PRODUCTION_ENV,
            "DJANGO_SSL_REDIRECT": "false",
            "DJANGO_HSTS_SECONDS": "3600",
            "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "false",
            "DJANGO_HSTS_PRELOAD": "false",
        }
    )

    assert tuned["SECURE_SSL_REDIRECT"] is False
    assert tuned["SECURE_HSTS_SECONDS"] == 3600
    assert tuned["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert tuned["SECURE_HSTS_PRELOAD"] is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("X-Forwarded-Proto", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("x-forwarded-proto", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("X-Forwarded-Ssl=on", ("HTTP_X_FORWARDED_SSL", "on")),
    ],
)
def test_the_proxy_header_is_given_by_its_http_name(value, expected):
    assert (
        settings_under({"DJANGO_SECURE_PROXY_SSL_HEADER": value})["SECURE_PROXY_SSL_HEADER"]
        == expected
    )


def test_the_content_security_policy_allows_no_inline_code_or_third_party():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]

    every_source = [source for sources in directives.values() for source in sources]
    assert "'unsafe-inline'" not in every_source
    assert "'unsafe-eval'" not in every_source
    assert all(source in {"'self'", "'none'", "data:"} for source in every_source)


def test_trusted_proxies_are_read_as_addresses_or_networks():
    derived = settings_under({"STANDING_TRUSTED_PROXIES": "127.0.0.1, ::1, 10.0.0.0/8"})

    assert derived["STANDING_TRUSTED_PROXIES"] == ["127.0.0.1", "::1", "10.0.0.0/8"]
    assert settings_under({})["STANDING_TRUSTED_PROXIES"] == []


def test_a_trusted_proxy_that_is_not_an_address_stops_start_up_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="STANDING_TRUSTED_PROXIES.*nginx"):
        settings_under({"STANDING_TRUSTED_PROXIES": "nginx"})
