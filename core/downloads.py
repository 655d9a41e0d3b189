"""Files handed to the browser to save: letters, PDFs, calendar entries, archives."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """``content`` as an attachment named ``filename``: saved by the browser, never shown in a
    tab (where a PDF viewer could fetch anything). The name is quoted, and given as RFC 6266's
    ``filename*`` when it is not plain ASCII."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
