"""Reading generated PDFs as a person would: with pypdf, page by page."""

import io

from pypdf import PdfReader


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
