"""PDF documents for petitions: the sheet of signing-code slips and the delivery document."""

import segno
from django.conf import settings
from django.template.loader import render_to_string

from core.pdf import render_pdf

from . import anonymity
from .models import Petition

NAMES_PER_PARAGRAPH = 1000


def code_sheet_pdf(*, petition: Petition, codes: list[str], sign_url: str) -> bytes:
    slips = [
        {"code": code, "qr": segno.make(f"{sign_url}?code={code}", error="m").png_data_uri(scale=3)}
        for code in codes
    ]
    html = render_to_string(
        "petitions/documents/code_sheet.html",
        {"petition": petition, "slips": slips, "sign_url": sign_url},
    )
    return render_pdf(html=html, static_dir=settings.BASE_DIR / "static")


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
    html = render_to_string("petitions/documents/delivery.html", context)
    return render_pdf(html=html, static_dir=settings.BASE_DIR / "static")
