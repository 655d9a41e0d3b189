"""Files made from saved requests: calendar entries, timeline PDFs and case files."""

from __future__ import annotations

import datetime
import hashlib
import io
import uuid
import zipfile
from pathlib import PurePosixPath, PureWindowsPath

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from core.pdf import ARCHIVAL, render_template_pdf

from ..models import SavedRequest
from .drafting import letter_pdf
from .tracking import StoredAnswersInvalid, rendered_letter, request_label, schedule_of


def calendar_entry(*, saved: SavedRequest, link: str) -> bytes:
    """An all-day .ics event on the due date (the override when one is set).

    It names no employer and no law: calendars get shared and synced, sometimes to a work
    account the employer can read. The link leads to the details behind a sign-in.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Standing//saved request//EN")
    calendar.add("version", "2.0")
    event = CalendarEvent()
    event.add("uid", f"{saved.pk}@standing")
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", saved.due_on)
    event.add("dtend", saved.due_on + datetime.timedelta(days=1))
    event.add("summary", "Reply due")
    event.add("description", f"If nothing has come, see what you can do next: {link}")
    calendar.add_component(event)
    return calendar.to_ical()


def unsaved_calendar_entry(*, due_on: datetime.date, link: str) -> bytes:
    """The same all-day event for a letter drafted without an account, made from the posted
    answers and kept nowhere. Its id is random, so two downloads cannot be tied together."""
    calendar = Calendar()
    calendar.add("prodid", "-//Standing//request//EN")
    calendar.add("version", "2.0")
    event = CalendarEvent()
    event.add("uid", f"{uuid.uuid4()}@standing")
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", due_on)
    event.add("dtend", due_on + datetime.timedelta(days=1))
    event.add("summary", "Reply due")
    event.add("description", f"If nothing has come, see what you can do next: {link}")
    calendar.add_component(event)
    return calendar.to_ical()


def timeline_pdf(*, saved: SavedRequest, today: datetime.date) -> bytes:
    context = {
        "label": request_label(saved=saved),
        "saved": saved,
        "events": list(saved.events.all()),
        "schedule": schedule_of(saved=saved, today=today),
        "today": today,
    }
    return render_template_pdf("rights/documents/timeline.html", context, variant=ARCHIVAL)


def original_letter_pdf(*, saved: SavedRequest) -> bytes | None:
    try:
        return letter_pdf(rendered=rendered_letter(saved=saved))
    except StoredAnswersInvalid:
        return None


MANIFEST = "SHA256SUMS.txt"


def case_file(*, saved: SavedRequest, today: datetime.date, followups: dict[str, bytes]) -> bytes:
    """A zip for a regulator or a lawyer: every letter, the timeline and the responses.

    It ends with a manifest in `sha256sum` format, so that whoever receives it can check that
    no file was altered (`sha256sum -c SHA256SUMS.txt` in the unzipped folder).
    """
    files = _case_files(saved=saved, today=today, followups=followups)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(name, content)
        sums = "".join(
            f"{hashlib.sha256(content).hexdigest()}  {name}\n" for name, content in files
        )
        archive.writestr(MANIFEST, sums)
    return buffer.getvalue()


def _case_files(
    *, saved: SavedRequest, today: datetime.date, followups: dict[str, bytes]
) -> list[tuple[str, bytes]]:
    files = []
    original = original_letter_pdf(saved=saved)
    if original is not None:
        files.append(("01-request-letter.pdf", original))
    files.append(("02-timeline.pdf", timeline_pdf(saved=saved, today=today)))
    for number, (name, pdf) in enumerate(sorted(followups.items()), start=3):
        files.append((f"{number:02d}-{name}.pdf", pdf))
    for event in saved.events.prefetch_related("files"):
        for upload in event.files.all():
            name = f"responses/{event.on:%Y-%m-%d}-{upload.pk}-{_bare_name(upload.name)}"
            files.append((name, bytes(upload.content)))
    return files


def _bare_name(name: str) -> str:
    # An uploaded name such as "../../x" or "C:\\x" must not place a file outside the folder.
    return PurePosixPath(PureWindowsPath(name).name).name or "file"
