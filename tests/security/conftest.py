"""Production settings, a site with something on every page, and helpers to judge responses."""

import os
import re
import runpy
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from petitions import services as petition_services
from petitions.models import Petition
from rights.models import SavedRequest
from tests.petitions.conftest import new_petition  # noqa: F401 - used by the security tests

SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"
PASSWORD = "a long member passphrase 42"

# What a real deployment sets: no debug, its own long keys, HTTPS, its host name, PostgreSQL,
# Redis and SMTP. Nothing here connects anywhere: checks and settings only parse the URLs.
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k" * 10 + "production-secret-with-enough-length-and-variety-0123456789",
    "DJANGO_SECURE_COOKIES": "true",
    "DJANGO_ALLOWED_HOSTS": "standing.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://standing.example.org",
    "STANDING_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "STANDING_SITE_URL": "https://standing.example.org",
    "DATABASE_URL": "postgres://standing:secret@127.0.0.1:5432/standing",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "Standing <noreply@standing.example.org>",
    "PETITIONS_KEY_DIR": "/var/lib/standing/petition-keys",
    "PETITIONS_SIGNING_KEYS": "signing-" + "s" * 40,
}

# The settings the security tests take from a production run of config/settings.py.
SECURITY_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


def settings_under(env: dict[str, str]) -> dict:
    """Run config/settings.py with exactly these variables set, as a fresh process would."""
    saved = dict(os.environ)
    try:
        for name in list(os.environ):
            if name.startswith(("DJANGO_", "STANDING_", "PETITIONS_", "RIGHTS_")):
                del os.environ[name]
        for name in ("DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL", "EMAIL_HOST"):
            os.environ.pop(name, None)
        os.environ.update(env)
        return runpy.run_path(str(SETTINGS_FILE))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def policy_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split(None, 1) for part in header.split(";") if part.strip()]
    return {name: value for name, value in directives}


def inline_code(html: str) -> list[str]:
    """Inline scripts, style elements and attributes, and event handlers: what the policy
    blocks, so a page relying on them would break."""
    scripts = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
        if "src=" not in tag and "application/json" not in tag
    ]
    styles = re.findall(r"\sstyle\s*=", html, flags=re.IGNORECASE)
    handlers = re.findall(r"<[^>]*\son[a-z]+\s*=", html, flags=re.IGNORECASE)
    return scripts + styles + handlers + re.findall(r"<style\b", html, flags=re.IGNORECASE)


@pytest.fixture
def production_settings():
    """The security settings exactly as config/settings.py derives them in production, behind
    a proxy that says the request came over HTTPS."""
    env = {**PRODUCTION_ENV, "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}
    derived = settings_under(env)
    values = {name: derived[name] for name in SECURITY_SETTINGS}
    with override_settings(**values):
        yield values


@pytest.fixture
def https_client(production_settings):
    """A browser reaching the site through a TLS-terminating proxy."""
    return Client(HTTP_X_FORWARDED_PROTO="https")


def make_user(email: str):
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def sign_in(client, user) -> None:
    """Through the login form, then the password again (allauth's two-factor pages ask)."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def organiser(db):
    return make_user("steward@union.example")


@pytest.fixture
def worker(db):
    return make_user("aoife@example.org")


def list_publicly(petition: Petition) -> Petition:
    petition.visibility = Petition.Visibility.LISTED
    petition.save(update_fields=["visibility"])
    petition_services.approve_petition(petition=petition)
    petition.refresh_from_db()
    return petition


def confirm_link(client, petition, mailoutbox, **fields) -> str:
    """Sign by e-mail; the path of the confirmation link from the e-mail."""
    data = {"email": "jo.worker@example.net", "consent": "on", **fields}
    response = client.post(reverse("petitions:sign", args=[petition.slug]), data)
    assert response.status_code == 200, response.content.decode()
    link = re.search(r"https?://[^/\s]+(/\S+/confirm/\S+/)", mailoutbox[-1].body)
    return link.group(1)


def save_request(client, answers) -> SavedRequest:
    response = client.post(reverse("rights:save"), answers)
    assert response.status_code == 302, response.content.decode()
    return SavedRequest.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def log_event(client, saved, **fields):
    return client.post(reverse("rights:add_event", kwargs={"request_id": saved.pk}), fields)
