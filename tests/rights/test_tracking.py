"""Saved requests: saving, the timeline, due dates, the dashboard, uploads, calendar entries."""

import datetime
import hashlib
import io
import zipfile

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from icalendar import Calendar
from pypdf import PdfReader

from rights.models import ResponseFile, SavedRequest, TimelineEvent

pytestmark = pytest.mark.usefixtures("reference_data")

TODAY = datetime.date(2026, 11, 23)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def make_user(email: str):
    user = get_user_model().objects.create_user(username=email, email=email, password="x" * 20)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


@pytest.fixture
def worker(db):
    return make_user("aoife@example.org")


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)):
        yield


def save(client, answers) -> SavedRequest:
    response = client.post(reverse("rights:save"), answers)
    assert response.status_code == 302, response.content
    return SavedRequest.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def log(client, saved, **fields):
    return client.post(reverse("rights:add_event", kwargs={"request_id": saved.pk}), fields)


def test_a_signed_in_worker_saves_the_letter_from_the_preview(signed_in, dublin_answers):
    preview = signed_in.post(reverse("rights:preview"), dublin_answers)
    assert "Save to my requests" in preview.content.decode()

    saved = save(signed_in, dublin_answers)

    assert saved.regime_id == "eu_gdpr"
    assert saved.answers["full_name"] == ["Aoife Byrne"]
    assert saved.due_on is None
    page = signed_in.get(reverse("rights:saved", kwargs={"request_id": saved.pk}))
    assert "Meta" in page.content.decode()
    assert "Mark it as sent" in page.content.decode() or "Log: Sent" in page.content.decode()


def test_saving_needs_an_account_and_the_preview_says_how(client, dublin_answers):
    preview = client.post(reverse("rights:preview"), dublin_answers)
    assert "Keep it in a new account" in preview.content.decode()
    response = client.post(reverse("rights:save"), dublin_answers)
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert not SavedRequest.objects.exists()


def test_marking_the_dublin_request_sent_gives_the_gdpr_due_date(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)

    response = log(signed_in, saved, kind="sent", on="2026-11-23", channel="email")

    assert response.status_code == 302
    saved.refresh_from_db()
    # GDPR Art. 12(3): 23 November + one month = 23 December 2026, a Wednesday.
    assert saved.computed_due_on == datetime.date(2026, 12, 23)
    assert saved.due_on == datetime.date(2026, 12, 23)


def test_a_posted_letter_counts_from_the_day_it_was_received(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)

    log(signed_in, saved, kind="sent", on="2026-11-20", received_on="2026-11-23", channel="post")

    saved.refresh_from_db()
    assert saved.due_on == datetime.date(2026, 12, 23)


def test_a_response_before_sending_is_refused_with_a_reason(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)

    response = log(signed_in, saved, kind="responded", on="2026-11-20")

    assert response.status_code == 400
    forms = {kind: form for kind, _label, form in response.context["event_forms"]}
    assert "cannot come before the request was sent" in forms["responded"].errors["on"][0]
    assert not TimelineEvent.objects.exists()


def test_an_event_before_the_request_was_sent_is_refused_next_to_its_date(
    signed_in, dublin_answers
):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-11-20", channel="email")

    response = log(signed_in, saved, kind="acknowledged", on="2026-11-10")

    assert response.status_code == 400
    failed = dict((kind, form) for kind, _label, form in response.context["event_forms"])
    assert failed["acknowledged"].errors["on"]
    assert TimelineEvent.objects.count() == 1


def test_an_extension_in_time_moves_the_date_and_a_late_one_does_not(
    signed_in, dublin_answers, london_answers
):
    in_time = save(signed_in, dublin_answers)
    log(signed_in, in_time, kind="sent", on="2026-09-01", channel="email")
    log(signed_in, in_time, kind="extended", on="2026-09-20", details="complexity")
    in_time.refresh_from_db()
    # Three months from 1 September 2026 is 1 December 2026, a Tuesday.
    assert in_time.due_on == datetime.date(2026, 12, 1)

    late = save(signed_in, dublin_answers)
    log(signed_in, late, kind="sent", on="2026-09-01", channel="email")
    log(signed_in, late, kind="extended", on="2026-10-20", details="complexity")
    late.refresh_from_db()
    assert late.due_on == datetime.date(2026, 10, 1)
    page = signed_in.get(reverse("rights:saved", kwargs={"request_id": late.pk}))
    assert "announced too late" in page.content.decode()


def test_a_uk_stopped_clock_adds_the_paused_days(signed_in, london_answers):
    saved = save(signed_in, london_answers)
    log(signed_in, saved, kind="sent", on="2026-03-09", channel="email")
    log(signed_in, saved, kind="clock_stopped", on="2026-03-12")
    log(signed_in, saved, kind="clock_restarted", on="2026-03-18")

    saved.refresh_from_db()
    # 9 March + one month = 9 April; 12 to 18 March (7 days) do not count: 16 April 2026.
    assert saved.due_on == datetime.date(2026, 4, 16)


def test_an_exact_due_date_overrides_and_the_computed_one_stays_visible(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-11-23", channel="email")

    url = reverse("rights:due_date", kwargs={"request_id": saved.pk})
    assert signed_in.post(url, {"due_on_override": "2027-01-08"}).status_code == 302

    saved.refresh_from_db()
    assert saved.due_on == datetime.date(2027, 1, 8)
    assert saved.computed_due_on == datetime.date(2026, 12, 23)
    page = signed_in.get(reverse("rights:saved", kwargs={"request_id": saved.pk})).content
    assert "23 December 2026" in page.decode() and "8 January 2027" in page.decode()

    signed_in.post(url, {"due_on_override": ""})
    saved.refresh_from_db()
    assert saved.due_on == datetime.date(2026, 12, 23)


def test_the_dashboard_sorts_requests_by_urgency(signed_in, dublin_answers):
    overdue, this_week, waiting, unsent, closed = (
        save(signed_in, dublin_answers) for _ in range(5)
    )
    log(signed_in, overdue, kind="sent", on="2026-10-01", channel="email")  # due 2 Nov
    log(signed_in, this_week, kind="sent", on="2026-10-27", channel="email")  # due 27 Nov
    log(signed_in, waiting, kind="sent", on="2026-11-20", channel="email")  # due 21 Dec
    log(signed_in, closed, kind="sent", on="2026-10-01", channel="email")
    log(signed_in, closed, kind="closed", on="2026-11-01", outcome="complete")

    board = signed_in.get(reverse("rights:mine")).context["board"]

    def ids(rows):
        return [row.saved.pk for row in rows]

    assert ids(board.overdue) == [overdue.pk]
    assert ids(board.due_this_week) == [this_week.pk]
    assert ids(board.waiting) == [waiting.pk]
    assert ids(board.not_sent) == [unsent.pk]
    assert ids(board.closed) == [closed.pk]


def test_nothing_can_follow_closing(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    log(signed_in, saved, kind="closed", on="2026-11-01", outcome="ignored")

    response = log(signed_in, saved, kind="responded", on="2026-11-02")

    assert response.status_code == 400
    saved.refresh_from_db()
    assert saved.status == "closed" and saved.outcome == "ignored"


def test_a_response_file_is_stored_encrypted_and_downloads_intact(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    upload = SimpleUploadedFile("answer.pdf", PDF_BYTES, content_type="application/pdf")

    response = log(
        signed_in,
        saved,
        kind="responded",
        on="2026-11-01",
        answered_items=["art15_1_a"],
        file=upload,
    )

    assert response.status_code == 302
    stored = ResponseFile.objects.get()
    assert stored.content == PDF_BYTES and stored.content_type == "application/pdf"
    url = reverse("rights:response_file", kwargs={"request_id": saved.pk, "file_id": stored.pk})
    download = signed_in.get(url)
    assert download.content == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("big.pdf", PDF_BYTES + b"0" * 2048, "application/pdf", "largest file"),
        ("tool.exe", b"MZ\x90\x00\x03" + b"\x00" * 64, "application/pdf", "Only PDF"),
        ("photo.pdf", PNG_BYTES, "application/pdf", "does not match"),
        ("answer.pdf", PDF_BYTES, "image/png", "does not match"),
    ],
)
def test_bad_uploads_are_refused_next_to_the_file_field(
    signed_in, dublin_answers, settings, name, content, content_type, message
):
    settings.RIGHTS_UPLOAD_MAX_BYTES = 1024
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    upload = SimpleUploadedFile(name, content, content_type=content_type)

    response = log(signed_in, saved, kind="responded", on="2026-11-01", file=upload)

    assert response.status_code == 400
    forms = {kind: form for kind, _label, form in response.context["event_forms"]}
    assert message in forms["responded"].errors["file"][0]
    assert not TimelineEvent.objects.filter(kind="responded").exists()
    assert not ResponseFile.objects.exists()


def test_the_calendar_entry_falls_on_the_due_date(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-11-23", channel="email")

    response = signed_in.get(reverse("rights:calendar", kwargs={"request_id": saved.pk}))

    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.date(2026, 12, 23)
    # Calendars get synced to work accounts: the entry names neither employer nor law.
    entry = response.content.decode()
    assert "Meta" not in entry and "GDPR" not in entry
    assert f"/requests/mine/{saved.pk}/" in entry.replace("\r\n ", "")


def test_deleting_a_request_deletes_its_timeline_and_files(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf")
    log(signed_in, saved, kind="responded", on="2026-11-01", file=upload)

    response = signed_in.post(
        reverse("rights:delete", kwargs={"request_id": saved.pk}), {"confirm": "yes"}
    )

    assert response.status_code == 302
    assert not SavedRequest.objects.exists()
    assert not TimelineEvent.objects.exists()
    assert not ResponseFile.objects.exists()


def id_urls(saved: SavedRequest, file_id: int) -> list[tuple[str, str]]:
    """Every URL that takes a request id, with its method."""
    kwargs = {"request_id": saved.pk}
    return (
        [
            ("get", reverse("rights:saved", kwargs=kwargs)),
            ("post", reverse("rights:add_event", kwargs=kwargs)),
            ("post", reverse("rights:due_date", kwargs=kwargs)),
            ("post", reverse("rights:notes", kwargs=kwargs)),
            ("post", reverse("rights:delete", kwargs=kwargs)),
            ("get", reverse("rights:saved_pdf", kwargs=kwargs)),
            ("get", reverse("rights:calendar", kwargs=kwargs)),
            ("get", reverse("rights:timeline_pdf", kwargs=kwargs)),
            ("get", reverse("rights:case_file", kwargs=kwargs)),
            ("get", reverse("rights:response_file", kwargs={**kwargs, "file_id": file_id})),
        ]
        + [
            ("get", reverse("rights:followup", kwargs={**kwargs, "kind": kind}))
            for kind in ("reminder", "extension_challenge", "gap", "complaint")
        ]
        + [
            ("get", reverse("rights:followup_pdf", kwargs={**kwargs, "kind": kind}))
            for kind in ("reminder", "extension_challenge", "gap", "complaint")
        ]
    )


def test_another_users_request_file_and_letters_are_not_found(
    client, signed_in, worker, dublin_answers
):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf")
    log(signed_in, saved, kind="responded", on="2026-11-01", file=upload)
    file_id = ResponseFile.objects.get().pk
    urls = id_urls(saved, file_id)
    # The owner reaches them (a follow-up the timeline does not call for is a 404 for them too).
    owner = {url: signed_in.get(url).status_code for method, url in urls if method == "get"}
    kwargs = {"request_id": saved.pk}
    for name in ("saved", "saved_pdf", "calendar", "timeline_pdf", "case_file"):
        assert owner[reverse(f"rights:{name}", kwargs=kwargs)] == 200, name
    for kind in ("gap", "complaint"):
        assert owner[reverse("rights:followup", kwargs={**kwargs, "kind": kind})] == 200, kind
        assert owner[reverse("rights:followup_pdf", kwargs={**kwargs, "kind": kind})] == 200, kind

    intruder = make_user("manager@example.com")
    client.force_login(intruder)
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 404, url
    assert SavedRequest.objects.filter(pk=saved.pk).exists()
    assert ResponseFile.objects.filter(pk=file_id).exists()


def test_a_request_file_from_another_request_of_the_same_user_is_not_found(
    signed_in, dublin_answers
):
    first, second = save(signed_in, dublin_answers), save(signed_in, dublin_answers)
    log(signed_in, first, kind="sent", on="2026-10-01", channel="email")
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf")
    log(signed_in, first, kind="responded", on="2026-11-01", file=upload)
    file_id = ResponseFile.objects.get().pk

    url = reverse("rights:response_file", kwargs={"request_id": second.pk, "file_id": file_id})
    assert signed_in.get(url).status_code == 404


def test_the_case_file_holds_every_letter_the_timeline_and_the_responses(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    upload = SimpleUploadedFile("../../reply from Meta.pdf", PDF_BYTES, "application/pdf")
    log(
        signed_in,
        saved,
        kind="responded",
        on="2026-11-01",
        answered_items=["art15_1_a"],
        file=upload,
    )

    response = signed_in.get(reverse("rights:case_file", kwargs={"request_id": saved.pk}))

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names[:2] == ["01-request-letter.pdf", "02-timeline.pdf"]
    assert "03-complaint.pdf" in names and "04-gap.pdf" in names
    (response_name,) = [name for name in names if name.startswith("responses/")]
    assert ".." not in response_name and response_name.endswith("reply from Meta.pdf")
    assert archive.read(response_name) == PDF_BYTES
    timeline = pdf_text(archive.read("02-timeline.pdf"))
    assert "Sent (E-mail)" in timeline and "Response received" in timeline
    gap = pdf_text(archive.read("04-gap.pdf"))
    assert "Art. 15(1)(c)" in gap  # the recipients were not answered
    complaint = pdf_text(archive.read("03-complaint.pdf"))
    assert "Data Protection Commission" in complaint and "Art. 77" in complaint


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


text = st.text(max_size=200)
event_posts = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from([*TimelineEvent.Kind.values, "bogus", ""]),
        "on": st.one_of(st.dates().map(str), text),
        "received_on": st.one_of(st.dates().map(str), text),
        "channel": st.sampled_from(["email", "post", "web_form", "fax", ""]),
        "details": text,
        "answered_items": st.lists(st.sampled_from(["art15_1_a", "category:mouse", "x"])),
        "outcome": st.sampled_from(["complete", "partial", "nope", ""]),
    },
)


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=event_posts, due=st.one_of(st.dates().map(str), text), notes=text)
def test_arbitrary_timeline_posts_never_give_a_server_error(
    signed_in, dublin_answers, data, due, notes
):
    saved = SavedRequest.objects.filter(owner__email="aoife@example.org").first() or save(
        signed_in, dublin_answers
    )
    kwargs = {"request_id": saved.pk}

    responses = [
        signed_in.post(reverse("rights:add_event", kwargs=kwargs), data),
        signed_in.post(reverse("rights:due_date", kwargs=kwargs), {"due_on_override": due}),
        signed_in.post(reverse("rights:notes", kwargs=kwargs), {"notes": notes}),
        signed_in.get(reverse("rights:saved", kwargs=kwargs)),
    ]

    assert all(response.status_code in {200, 302, 400} for response in responses)


def test_deleting_a_request_asks_first_and_says_it_cannot_be_undone(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    url = reverse("rights:delete", kwargs={"request_id": saved.pk})
    detail = signed_in.get(reverse("rights:saved", kwargs={"request_id": saved.pk}))
    assert f'href="{url}"' in detail.content.decode()

    for asked in [signed_in.get(url), signed_in.post(url)]:
        html = asked.content.decode()
        assert asked.status_code == 200
        assert "This cannot be undone." in html
        assert 'name="confirm" value="yes"' in html
        assert reverse("rights:case_file", kwargs={"request_id": saved.pk}) in html
    assert SavedRequest.objects.filter(pk=saved.pk).exists()

    signed_in.post(url, {"confirm": "yes"})
    assert not SavedRequest.objects.exists()


def test_closing_asks_how_it_ended_and_chooses_nothing_in_advance(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    page = signed_in.get(reverse("rights:saved", kwargs={"request_id": saved.pk}))
    select = page.content.decode().split('name="outcome"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>Choose how it ended</option>' in select

    response = log(signed_in, saved, kind="closed", on="2026-11-20")

    assert "Say how it ended." in response.content.decode()
    saved.refresh_from_db()
    assert saved.status != "closed"


def test_the_case_file_ends_with_a_sha256_of_every_file_in_it(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    response = signed_in.get(reverse("rights:case_file", kwargs={"request_id": saved.pk}))

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist()[-1] == "SHA256SUMS.txt"
    listed = {
        name: digest
        for digest, name in (
            line.split("  ", 1) for line in archive.read("SHA256SUMS.txt").decode().splitlines()
        )
    }
    others = archive.namelist()[:-1]
    assert sorted(listed) == sorted(others) and len(others) >= 2
    for name in others:
        assert listed[name] == hashlib.sha256(archive.read(name)).hexdigest()
