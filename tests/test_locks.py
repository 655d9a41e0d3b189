"""The two locks: production installs the app alone, development the same pins plus the tools."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", re.IGNORECASE | re.MULTILINE)
TOOLS = ["pytest", "pytest-django", "pytest-playwright", "playwright", "hypothesis", "ruff",
         "mypy", "django-stubs", "import-linter", "pip-audit", "pypdf", "time-machine"]  # fmt: skip


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {name.lower(): version for name, version in PIN.findall(text)}


def test_production_installs_no_test_browser_or_lint_tool():
    production = pins("requirements.lock")

    assert [tool for tool in TOOLS if tool in production] == []
    assert {"django", "weasyprint", "gunicorn", "redis"} <= set(production)


def test_development_has_every_production_pin_at_the_same_version_and_the_tools():
    production, development = pins("requirements.lock"), pins("requirements-dev.lock")

    differing = {
        name: (version, development.get(name))
        for name, version in production.items()
        if development.get(name) != version
    }
    assert differing == {}
    assert [tool for tool in TOOLS if tool not in development] == []


def test_the_redis_client_the_code_imports_is_declared_not_just_pulled_in():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [re.split(r"[<>=\[ ]", requirement)[0] for requirement in project["dependencies"]]

    assert "redis" in declared
