"""Screenshots for reviewers: with STANDING_SCREENSHOTS set to a folder (`make screenshots`),
each journey step is saved there as a full-page PNG named after the journey, step and width."""

import os
from pathlib import Path

from playwright.sync_api import Page


def shot(page: Page, journey: str, step: str) -> None:
    folder = os.environ.get("STANDING_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    width = (page.viewport_size or {"width": 0})["width"]
    path = Path(folder) / f"journey-{journey}-{step}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
