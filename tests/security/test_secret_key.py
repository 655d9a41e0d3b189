"""Production refuses a secret key anyone could know (issue: with DJANGO_SECRET_KEY unset,
production ran on the development key published in the repository, so signed links could be
forged offline and saved requests decrypted)."""

import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.keyfile import machine_secret
from tests.support.production import PRODUCTION_ENV, settings_under

PUBLISHED = "insecure-development-key-change-me"


def test_production_refuses_to_start_on_the_published_development_key():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is the development key"):
        settings_under({**PRODUCTION_ENV, "DJANGO_SECRET_KEY": PUBLISHED})


@pytest.mark.parametrize("length", [1, 20, 49])
def test_production_refuses_a_key_shorter_than_fifty_characters(length):
    with pytest.raises(ImproperlyConfigured, match=f"DJANGO_SECRET_KEY is {length} characters"):
        settings_under({**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "k" * length})


def test_a_key_of_fifty_characters_starts():
    derived = settings_under({**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "k" * 50})

    assert derived["SECRET_KEY"] == "k" * 50


def test_debug_mode_may_still_use_a_short_key_for_development():
    derived = settings_under({"DJANGO_DEBUG": "true", "DJANGO_SECRET_KEY": "short-but-sixteen+"})

    assert derived["SECRET_KEY"] == "short-but-sixteen+"


def test_an_unset_key_is_never_the_published_one():
    derived = settings_under({"DJANGO_DEBUG": "false"})

    assert derived["SECRET_KEY"] != PUBLISHED
    assert len(derived["SECRET_KEY"]) >= 50


def test_the_key_made_for_a_machine_is_random_private_and_kept(tmp_path):
    first = machine_secret(tmp_path / "secret-key")
    again = machine_secret(tmp_path / "secret-key")
    elsewhere = machine_secret(tmp_path / "other" / "secret-key")

    assert first == again
    assert first != elsewhere
    assert len(first) >= 50
    assert stat.S_IMODE((tmp_path / "secret-key").stat().st_mode) == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["other", "secret-key"]


def test_starting_the_site_on_the_published_key_fails_with_a_message_naming_the_variable():
    kept = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**kept, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": PUBLISHED},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is the development key" in result.stderr
