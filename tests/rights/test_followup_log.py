"""A follow-up letter sent is logged on the timeline with its date, channel and kind, and never
moves the due date."""

import datetime
import io
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from pypdf import PdfReader

from rights import timeline
from rights.followups import FollowUpKind
from rights.models import TimelineEvent
from rights.services import escalation, exports, tracking

pytestmark = pytest.mark.usefixtures("reference_data")

SENT = datetime.date(2026, 9, 1)
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def owner(db):
    return get_user_model().objects.create_user(username="w@example.org", password="x" * 20)


@pytest.fixture
def unsent(owner, dublin_answers):
    answers = {k: v if isinstance(v, list) else [v] for k, v in dublin_answers.items()}
    return tracking.save_request(owner=owner, answers=answers, regime_id="eu_gdpr")


@pytest.fixture
def saved(unsent):
    tracking.add_event(saved=unsent, kind="sent", on=SENT, today=TODAY, channel="email")
    return unsent


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner)
    return client


def log(client, saved, **fields):
    return client.post(reverse("rights:add_event", kwargs={"request_id": saved.pk}), fields)


def error_next_to(page: str, field: str) -> str:
    """The error text shown in the field's own box on the request page."""
    box = re.search(
        rf'<div class="field has-error">(?:(?!<div class="field).)*?id="id_followed_up_{field}"',
        page,
        re.S,
    )
    assert box, f"no error next to {field}"
    return box.group(0)


@pytest.mark.parametrize("kind", list(FollowUpKind))
def test_each_kind_of_follow_up_is_logged_with_its_date_and_channel(saved, kind):
    saved.refresh_from_db()
    before = (saved.due_on, saved.computed_due_on)
    assert before[0] is not None

    event = tracking.add_event(
        saved=saved,
        kind="followed_up",
        on=TODAY,
        today=TODAY,
        channel="post",
        followup_kind=kind.value,
    )

    event.refresh_from_db()
    assert (event.kind, event.on, event.channel, event.followup_kind) == (
        "followed_up",
        TODAY,
        "post",
        kind.value,
    )
    saved.refresh_from_db()
    assert (saved.due_on, saved.computed_due_on) == before


@pytest.mark.parametrize("followup_kind", ["", "thank_you"])
def test_a_follow_up_without_a_known_letter_is_refused_and_writes_nothing(saved, followup_kind):
    with pytest.raises(ValueError, match="which letter"):
        tracking.add_event(
            saved=saved, kind="followed_up", on=TODAY, today=TODAY, followup_kind=followup_kind
        )
    assert not saved.events.filter(kind="followed_up").exists()


def test_only_a_follow_up_sent_names_its_letter(saved):
    with pytest.raises(ValueError, match="which letter"):
        tracking.add_event(
            saved=saved, kind="acknowledged", on=TODAY, today=TODAY, followup_kind="reminder"
        )


def test_the_request_page_logs_a_follow_up_and_shows_it_on_the_timeline(signed_in, saved):
    page = signed_in.get(reverse("rights:saved", kwargs={"request_id": saved.pk}))
    assert "Log: Follow-up sent" in page.content.decode()
    assert 'name="followup_kind"' in page.content.decode()

    response = log(
        signed_in, saved, kind="followed_up", on="2026-11-20", channel="post", followup_kind="gap"
    )

    assert response.status_code == 302
    page = signed_in.get(response.url).content.decode()
    assert "Follow-up sent: Request for what the answer left out (Post)" in page


def test_a_follow_up_without_its_letter_gets_a_message_next_to_the_field(signed_in, saved):
    response = log(signed_in, saved, kind="followed_up", on="2026-11-20", channel="email")

    assert response.status_code == 400
    box = error_next_to(response.content.decode(), "followup_kind")
    assert "Choose which letter you sent" in box
    assert not saved.events.filter(kind="followed_up").exists()


@pytest.mark.parametrize(
    ("when", "on", "message"),
    [
        ("before sending", "2026-11-20", "Log the day you sent the request first."),
        ("before the sent date", "2026-08-31", "That date is before the day the request was sent"),
        ("after closing", "2026-11-22", "This request is closed."),
    ],
)
def test_a_follow_up_is_refused_with_the_reason_next_to_its_date(
    signed_in, unsent, when, on, message
):
    if when != "before sending":
        tracking.add_event(saved=unsent, kind="sent", on=SENT, today=TODAY, channel="email")
    if when == "after closing":
        tracking.add_event(
            saved=unsent,
            kind="closed",
            on=datetime.date(2026, 11, 21),
            today=TODAY,
            outcome="ignored",
        )

    response = log(
        signed_in, unsent, kind="followed_up", on=on, channel="email", followup_kind="reminder"
    )

    assert response.status_code == 400
    assert message in error_next_to(response.content.decode(), "on")
    assert not unsent.events.filter(kind="followed_up").exists()


def test_a_closed_request_offers_no_follow_up_to_log(signed_in, saved):
    tracking.add_event(saved=saved, kind="closed", on=TODAY, today=TODAY, outcome="ignored")
    assert "followed_up" not in tracking.next_kinds(saved=saved)
    url = reverse("rights:followup", kwargs={"request_id": saved.pk, "kind": "reminder"})
    page = signed_in.get(url).content.decode()
    assert "log it on the timeline" not in page


def test_the_follow_up_pages_button_logs_it_on_the_timeline(signed_in, saved):
    url = reverse("rights:followup", kwargs={"request_id": saved.pk, "kind": "reminder"})
    page = signed_in.get(url).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form and "I sent this — log it on the timeline" in form.group(2)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(2)))
    fields["on"] = re.search(r'name="on" value="([^"]*)"', form.group(2)).group(1)
    fields["channel"] = re.search(r'<option value="(\w+)" selected>', form.group(2)).group(1)
    # No e-mail address for this employer: post is the likely way, and can be changed.
    assert fields["on"] == "2026-11-23" and fields["channel"] == "post"

    response = signed_in.post(form.group(1), fields)

    assert response.status_code == 302
    event = saved.events.get(kind="followed_up")
    assert (event.on, event.channel, event.followup_kind) == (TODAY, "post", "reminder")
    page = signed_in.get(response.url).content.decode()
    assert "Follow-up sent: Reminder (Post)" in page


def test_the_timeline_pdf_and_the_complaint_show_the_follow_up_sent(saved):
    tracking.add_event(
        saved=saved,
        kind="followed_up",
        on=TODAY,
        today=TODAY,
        channel="email",
        followup_kind="reminder",
    )

    pdf = exports.timeline_pdf(saved=saved, today=TODAY)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Follow-up sent: Reminder (E-mail)" in " ".join(text.split())
    complaint = escalation.followup_letter(saved=saved, kind="complaint", today=TODAY)
    assert "Follow-up sent: Reminder (E-mail)" in complaint.body_text


def test_a_follow_up_sent_while_the_clock_is_stopped_changes_no_date(london_answers):
    sent = timeline.Event(timeline.EventKind.SENT, datetime.date(2026, 3, 9))
    stopped = timeline.Event(timeline.EventKind.CLOCK_STOPPED, datetime.date(2026, 3, 12))
    followed = timeline.Event(timeline.EventKind.FOLLOWED_UP, datetime.date(2026, 3, 14))
    restarted = timeline.Event(timeline.EventKind.CLOCK_RESTARTED, datetime.date(2026, 3, 18))

    def due(events):
        return timeline.schedule(regime_id="uk_gdpr", country=None, events=events)

    with_it = due([sent, stopped, followed, restarted])
    assert with_it == due([sent, stopped, restarted])
    assert with_it.due_on == datetime.date(2026, 4, 16) and with_it.clock_running


def test_a_follow_up_is_offered_only_between_sending_and_closing():
    sent = timeline.Event(timeline.EventKind.SENT, SENT)
    closed = timeline.Event(timeline.EventKind.CLOSED, TODAY)
    kind = timeline.EventKind.FOLLOWED_UP
    assert kind not in timeline.next_kinds(regime_id="eu_gdpr", events=[])
    assert kind in timeline.next_kinds(regime_id="eu_gdpr", events=[sent])
    assert kind not in timeline.next_kinds(regime_id="eu_gdpr", events=[sent, closed])


@pytest.mark.parametrize(
    "fields",
    [{"followup_kind": ""}, {"followup_kind": "thank_you"}, {"kind": "acknowledged"}],
    ids=["no letter", "an unknown letter", "a letter on another kind of event"],
)
def test_the_database_refuses_a_follow_up_that_does_not_name_its_letter(saved, fields):
    tracking.add_event(
        saved=saved, kind="followed_up", on=TODAY, today=TODAY, channel="post", followup_kind="gap"
    )
    rows = TimelineEvent.objects.filter(request=saved, kind="followed_up")
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(**fields)


@pytest.mark.django_db(transaction=True)
def test_the_follow_up_migration_applies_to_an_existing_timeline():
    before = [("rights", "0009_closed_with_outcome_known_choices")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    user_model = old_apps.get_model(*get_user_model()._meta.label.split("."))
    owner = user_model.objects.create(username="old@example.net", password="x")
    old = old_apps.get_model("rights", "SavedRequest").objects.create(
        owner_id=owner.pk, regime_id="eu_gdpr", answers={}
    )
    old_apps.get_model("rights", "TimelineEvent").objects.create(
        request=old, kind="sent", on=SENT, channel="email"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert TimelineEvent.objects.get(request_id=old.pk).followup_kind == ""
    TimelineEvent.objects.create(
        request_id=old.pk, kind="followed_up", on=TODAY, channel="post", followup_kind="complaint"
    )
    assert TimelineEvent.objects.filter(request_id=old.pk).count() == 2
