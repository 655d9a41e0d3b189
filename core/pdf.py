"""HTML to PDF bytes with WeasyPrint. No models; used by every app that makes PDFs."""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class StaticOnlyFetcher(URLFetcher):
    """Fetches files under one folder and data: URLs, and nothing from the network.

    A PDF must not tell any server that it was made, or for whom.
    """

    def __init__(self, *, root: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.root = root

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file" and not Path(unquote(parsed.path)).resolve().is_relative_to(
            self.root
        ):
            raise ValueError(f"Outside the static folder: {url}")
        return super().fetch(url, headers)


# Letters go to regulators, courts and screen readers: every PDF is tagged (a structure tree,
# marked content) with its language and title. Letters are PDF/UA-1; what is kept as a record
# (the delivery PDF, the timeline in a case file) is PDF/A-3b, archival, and tagged as well.
ACCESSIBLE = "pdf/ua-1"
ARCHIVAL = "pdf/a-3b"


def render_pdf(*, html: str, static_dir: Path, variant: str = ACCESSIBLE) -> bytes:
    """Render `html`, resolving relative URLs (CSS, fonts, images) inside `static_dir` only.

    The HTML must carry `<html lang>` and a `<title>`: they become the PDF's language and title.
    """
    root = static_dir.resolve()
    document = HTML(
        string=html, base_url=root.as_uri() + "/", url_fetcher=StaticOnlyFetcher(root=root)
    )
    return document.write_pdf(pdf_variant=variant, pdf_tags=True)


def render_template_pdf(template: str, context: dict, *, variant: str = ACCESSIBLE) -> bytes:
    """A template rendered to HTML, then to PDF, its CSS and fonts from the project's own
    static folder: every document the apps make (letters, timelines, code sheets, deliveries)."""
    html = render_to_string(template, context)
    return render_pdf(html=html, static_dir=settings.BASE_DIR / "static", variant=variant)
