"""PDF documents for petitions: the sheet of signing-code slips and the delivery document."""

import segno

from core.pdf import ARCHIVAL, render_template_pdf

from . import anonymity
from .models import Petition

NAMES_PER_PARAGRAPH = 1000
SLIPS_PER_ROW, ROWS_PER_PAGE = 2, 4


def _qr(url: str) -> str:
    # A fixed mask: choosing the best of eight took most of the time of a 2,000-code sheet, and
    # any mask scans.
    return segno.make(url, error="m", mask=0, micro=False).png_data_uri(scale=3)


def _pages(slips: list[dict]) -> list[list[list[dict]]]:
    """Slips as pages of rows, each page a table of its own."""
    per_page = SLIPS_PER_ROW * ROWS_PER_PAGE
    pages = [slips[i : i + per_page] for i in range(0, len(slips), per_page)]
    return [
        [page[i : i + SLIPS_PER_ROW] for i in range(0, len(page), SLIPS_PER_ROW)] for page in pages
    ]


def code_sheet_pdf(*, petition: Petition, codes: list[str], sign_url: str) -> bytes:
    slips = [{"code": code, "qr": _qr(f"{sign_url}?code={code}")} for code in codes]
    # Printed for typing: no scheme, no trailing slash, and the short path never split.
    host, _, path = sign_url.split("://", 1)[-1].rstrip("/").partition("/")
    context = {
        "petition": petition,
        "pages": _pages(slips),
        "printed_host": host,
        "printed_path": f"/{path}" if path else "",
    }
    return render_template_pdf("petitions/documents/code_sheet.html", context)


def delivery_pdf(
    *, petition: Petition, named: list[tuple[str, str]], digest: str, count: int | None
) -> bytes:
    context = {
        "petition": petition,
        "body_html": petition.body_html,
        # Runs of names as flowing paragraphs, not a list item each: WeasyPrint's time and
        # memory grow with the number of boxes, and 100,000 list items take minutes and GBs.
        "named_runs": [
            named[i : i + NAMES_PER_PARAGRAPH] for i in range(0, len(named), NAMES_PER_PARAGRAPH)
        ],
        "digest": digest,
        "count": count,
        "recipe": anonymity.DIGEST_RECIPE,
    }
    return render_template_pdf("petitions/documents/delivery.html", context, variant=ARCHIVAL)
