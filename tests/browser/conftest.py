"""Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded."""

import os
import shutil
from pathlib import Path

import pytest

from tests.support.reference import write_reference_rows

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        message = f"Debian's chromium is not installed at {CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required under CI=true)")
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="package", autouse=True)
def orm_beside_playwright(reference_rows):
    """Playwright's sync API leaves its event loop marked as running in the main thread, so
    Django would refuse the ORM calls these tests make (creating users and petitions, flushing
    the database after each): they are still synchronous and safe. Set for this folder only,
    until its last test is torn down; tests/conftest.py runs the browser tests last, so no
    other test runs beside that loop. The reference rows are read before Playwright starts."""
    saved = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if saved is None:
        del os.environ[ASYNC_UNSAFE]
    else:
        os.environ[ASYNC_UNSAFE] = saved


@pytest.fixture
def served(live_server, transactional_db, reference_rows):
    write_reference_rows(reference_rows)
    return live_server
