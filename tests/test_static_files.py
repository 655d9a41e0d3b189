"""Static files: hashed, compressed and cached for a year in production, straight from static/
under DEBUG, and no folder made just by reading the settings."""

import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings
from django.urls import reverse

from tests.support.production import PRODUCTION_ENV, settings_under

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"
PLAIN = "django.contrib.staticfiles.storage.StaticFilesStorage"


def paths_in(folder) -> dict[str, str]:
    return {
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "PETITIONS_KEY_DIR": str(folder / "petition-keys"),
        "EMAIL_FILE_PATH": str(folder / "mail"),
        "DATABASE_URL": f"sqlite:///{folder / 'db' / 'standing.sqlite3'}",
    }


@pytest.mark.parametrize("debug", ["true", "false"])
def test_importing_the_settings_creates_no_directory(tmp_path, debug):
    settings_under({**PRODUCTION_ENV, **paths_in(tmp_path), "DJANGO_DEBUG": debug})

    assert list(tmp_path.iterdir()) == []


def test_production_serves_collected_hashed_files_and_debug_serves_the_source():
    production = settings_under(PRODUCTION_ENV)
    debug = settings_under({**PRODUCTION_ENV, "DJANGO_DEBUG": "true"})

    assert production["STORAGES"]["staticfiles"]["BACKEND"] == MANIFEST
    assert production["WHITENOISE_USE_FINDERS"] is False
    assert debug["STORAGES"]["staticfiles"]["BACKEND"] == PLAIN
    assert debug["WHITENOISE_USE_FINDERS"] is True


def test_collected_files_carry_their_hash_come_compressed_and_are_cached_for_a_year(
    tmp_path, client, db
):
    production = settings_under(PRODUCTION_ENV)["STORAGES"]
    with override_settings(
        STORAGES=production, STATIC_ROOT=str(tmp_path), WHITENOISE_USE_FINDERS=False
    ):
        # Django's admin files are its own and three quarters of the time: left out here.
        call_command("collectstatic", "--noinput", ignore_patterns=["admin"], verbosity=0)
        stylesheet = static("css/site.css")
        pages = [reverse("home"), reverse("rights:new"), reverse("account_login")]
        responses = [client.get(page) for page in pages]
        served = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")

    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", stylesheet)
    collected = tmp_path / stylesheet.removeprefix("/static/")
    assert collected.exists()
    assert collected.with_name(collected.name + ".gz").exists()
    assert [response.status_code for response in responses] == [200, 200, 200]
    assert all(stylesheet in response.content.decode() for response in responses)
    assert served.status_code == 200
    assert served["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in served["Cache-Control"]
