"""axe-core, run inside the page, on every state a browser test visits.

axe-core comes from the npm registry, pinned with its integrity hash in package-lock.json and
installed by `npm ci --ignore-scripts` (`make test-tools`); it is a test tool and is never
served. It is evaluated through the DevTools protocol, which the strict CSP does not govern, so
the page itself is tested as served.
"""

import os
from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe files 2.2 level A rules under wcag2a/wcag21a).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary),
  }));
}"""


@cache
def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE}: run `make test-tools` (npm ci)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required under CI=true)")
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def violations(page: Page) -> list[dict]:
    page.wait_for_load_state()
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(RUN, TAGS)


def audit(
    page: Page,
    name: str = "",
    sizes: tuple[dict, ...] = (DESKTOP, PHONE),
    *,
    javascript: bool = True,
) -> None:
    """Fail on any WCAG 2.2 A or AA violation on this page state, at each size given; the
    viewport is put back as it was.

    A page in a context without JavaScript cannot run axe (its timers are stopped too), so its
    HTML as it stands is audited in a context of its own, from the same address and with the
    same styles, its scripts refused: the state audited is still the one without them.
    """
    if not javascript:
        _audit_a_copy(page, name, sizes)
        return
    before = page.viewport_size
    found: list[str] = []
    for size in sizes:
        page.set_viewport_size(size)
        for v in violations(page):
            where = f"{name or page.url} at {size['width']}px"
            found.append(f"{where}: {v['id']} ({v['impact']}) {v['help']}: {v['nodes']}")
    if before:
        page.set_viewport_size(before)
    assert not found, "axe-core found WCAG violations:\n" + "\n".join(found)


def _audit_a_copy(page: Page, name: str, sizes: tuple[dict, ...]) -> None:
    html, url = page.content(), page.url
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context()
    try:
        copy = context.new_page()
        copy.route("**/*.js", lambda route: route.abort())
        copy.route(
            lambda address: address == url,
            lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
        )
        copy.goto(url)
        audit(copy, name + " (without script)", sizes)
    finally:
        context.close()
