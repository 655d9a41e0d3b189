"""Export follow-up letters (reminder, extension challenge, gap, complaint) as PDF.

The letters are composed by the pure rights.followups module; this renders them on the same
letter sheet as request letters. A complaint carries the original request as an annex, after a
page break.
"""

from core.pdf import render_template_pdf

from ..followups import FollowUpLetter


def followup_pdf(*, letter: FollowUpLetter) -> bytes:
    """The letter as PDF bytes: A4 for the EU and UK, US Letter for California."""
    return render_template_pdf("rights/letter_document.html", {"followup": letter})


def followup_filename(*, letter: FollowUpLetter, extension: str = "pdf") -> str:
    kind = letter.kind.value.replace("_", "-")
    return f"{kind}-{letter.reference}.{extension}"
