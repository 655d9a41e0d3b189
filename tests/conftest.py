"""Fixtures for the whole suite. They stay thin: the builders and helpers they call are in
tests/support/, where tests import them from too."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from tests.support.petitions import new_organiser, new_petition
from tests.support.reference import read_reference_rows, write_reference_rows
from tests.support.saved_requests import MONITORING


def pytest_collection_modifyitems(items):
    """Browser tests last: once Playwright has started, its event loop stays marked as running
    in the main thread, and Django refuses ORM calls beside it (tests/browser/conftest.py)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """A fast hasher for the whole suite (production keeps Django's): most tests create users
    and sign in, and PBKDF2 would spend most of their time hashing. A test that checks hashing
    itself puts Django's hashers back with override_settings (tests/security/test_signup_timing.py).
    """
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def static_files_from_the_source(tmp_path_factory):
    """Pages name static files as they are in static/, and whitenoise finds them there: the
    production storage needs collectstatic before any page renders, so it has tests of its own
    (tests/test_static_files.py) and the rest of the suite does not wait for it."""
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={**settings.STORAGES, "staticfiles": plain},
        STATIC_ROOT=str(tmp_path_factory.mktemp("static-root")),
        WHITENOISE_USE_FINDERS=True,
    ):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and cached listings must not leak from one test into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def petition_keys(settings, tmp_path_factory):
    """Each test's petition keys in a folder of its own; batches of one are written at once.

    The anonymity tests (tests/anonymity/) set the production batch size and grace again.
    """
    settings.PETITIONS_KEY_DIR = str(tmp_path_factory.mktemp("petition-keys"))
    settings.PETITIONS_BATCH_MIN = 1
    settings.PETITIONS_POOL_GRACE_SECONDS = 0


@pytest.fixture(scope="session")
def reference_rows(django_db_setup, django_db_blocker):
    """The employers and authorities, read once per session (tests/support/reference.py)."""
    with django_db_blocker.unblock():
        return read_reference_rows()


@pytest.fixture
def reference_data(db, reference_rows):
    write_reference_rows(reference_rows)


@pytest.fixture
def organiser(db):
    return new_organiser()


@pytest.fixture
def make_petition(organiser):
    def make(**overrides):
        return new_petition(organiser, **overrides)

    return make


@pytest.fixture
def petition(make_petition):
    return make_petition()


@pytest.fixture
def dublin_answers() -> dict:
    """An employee of Meta Platforms Ireland in Dublin: GDPR access plus objection."""
    return {
        "employer": "meta-platforms-ireland",
        "workplace": "IE",
        "regime": "",
        "rights": ["eu_gdpr:access", "eu_gdpr:objection"],
        "categories": MONITORING,
        "programme_name": "Model Capability Initiative",
        "applications": "Gmail, Google Chat, VS Code",
        "period_start": "2026-04-01",
        "period_end": "",
        "full_name": "Aoife Byrne",
        "employee_id": "MPI-448812",
        "reply_to": "aoife.byrne@example.org",
        "sent_on": "2026-11-23",
        "ask_legal_basis": "on",
        "ask_dpia": "on",
        "ask_lia": "on",
    }


@pytest.fixture
def menlo_park_answers() -> dict:
    """An employee of Meta Platforms, Inc. in California: CCPA know, delete and limit."""
    return {
        "employer": "meta-platforms-inc",
        "workplace": "US-CA",
        "residence": "US-CA",
        "regime": "",
        "rights": ["us_ca_ccpa:know", "us_ca_ccpa:delete", "us_ca_ccpa:limit"],
        "categories": MONITORING,
        "programme_name": "Model Capability Initiative",
        "full_name": "Sam Rivera",
        "employee_id": "100234",
        "reply_to": "sam.rivera@example.net",
        "sent_on": "2026-11-23",
    }


@pytest.fixture
def london_answers() -> dict:
    """A worker in London whose employer is not in the directory: UK GDPR access and erasure."""
    return {
        "employer": "other",
        "other_employer_name": "Acme Logistics UK Ltd",
        "other_employer_address": "1 Example Street\nLondon EC1A 1AA",
        "other_employer_email": "dpo@acme.example",
        "workplace": "GB",
        "rights": ["uk_gdpr:access", "uk_gdpr:erasure", "uk_gdpr:automated_decisions"],
        "categories": ["keystrokes", "screen"],
        "full_name": "Priya Shah",
        "employee_id": "",
        "reply_to": "12 Park Road\nLondon N1 1AA",
        "sent_on": "2026-11-25",
        "ask_legal_basis": "on",
    }
