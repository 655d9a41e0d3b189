"""Production settings and a site with something on every page; the helpers that judge
responses are in tests/support/."""

import pytest
from django.test import Client, override_settings

from tests.support.production import PRODUCTION_ENV, SECURITY_SETTINGS, settings_under
from tests.support.users import make_user


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


@pytest.fixture
def organiser(db):
    return make_user("steward@union.example")


@pytest.fixture
def worker(db):
    return make_user("aoife@example.org")
