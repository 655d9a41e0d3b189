"""Helpers live in tests/support/ and fixtures in conftest.py files: no test module imports a
conftest, whose fixtures pytest finds by itself and whose import would run it twice."""

import ast
import os
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def conftest_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        if any("conftest" in name.split(".") for name in names):
            found.append(ast.unparse(node))
    return found


def test_the_check_catches_each_way_of_importing_a_conftest():
    sources = [
        "from .conftest import new_petition",
        "from tests.petitions.conftest import confirm",
        "from . import conftest",
        "import tests.security.conftest",
        "def helper():\n    from tests.anonymity.conftest import K\n",
    ]
    assert [len(conftest_imports(source)) for source in sources] == [1, 1, 1, 1, 1]
    assert conftest_imports("from tests.support.petitions import confirm") == []


def test_no_test_module_imports_a_conftest():
    offenders = {
        str(path.relative_to(TESTS)): conftest_imports(path.read_text(encoding="utf-8"))
        for path in sorted(TESTS.rglob("*.py"))
    }
    assert {path: lines for path, lines in offenders.items() if lines} == {}


def test_outside_the_browser_tests_django_keeps_refusing_the_orm_inside_an_event_loop():
    # Set only by tests/browser/conftest.py, for Playwright's loop; a global setting would hide
    # a real ORM call from async code anywhere else.
    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ
