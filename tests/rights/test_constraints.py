"""A saved request is closed with how it ended and the day, or open with neither; the database
refuses any other combination, and any kind, channel or reminder point the code does not know."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from rights.models import EVENT_KINDS, Reminder, SavedRequest, TimelineEvent
from rights.services import tracking

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def saved(db):
    owner = get_user_model().objects.create_user(username="w", email="w@example.org")
    answers = {"employer": ["other"], "rights": ["eu_gdpr:access"]}
    saved = tracking.save_request(owner=owner, answers=answers, regime_id="eu_gdpr")
    tracking.add_event(saved=saved, kind="sent", on=TODAY, channel="email", today=TODAY)
    return saved


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "closed", "closed_on": TODAY, "outcome": ""},
        {"status": "closed", "closed_on": None, "outcome": "complete"},
        {"status": "open", "closed_on": None, "outcome": "refused"},
        {"status": "open", "closed_on": TODAY, "outcome": ""},
        {"status": "archived"},
        {"status": "closed", "closed_on": TODAY, "outcome": "won"},
    ],
    ids=[
        "closed without an outcome",
        "closed without a day",
        "an outcome while open",
        "a closing day while open",
        "an unknown status",
        "an unknown outcome",
    ],
)
def test_the_database_refuses_a_request_whose_closing_fields_disagree(saved, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedRequest.objects.filter(pk=saved.pk).update(**fields)


def test_closing_records_the_outcome_and_the_day(saved):
    tracking.add_event(saved=saved, kind="closed", on=TODAY, outcome="refused", today=TODAY)
    saved.refresh_from_db()
    assert (saved.status, saved.outcome, saved.closed_on) == ("closed", "refused", TODAY)


def test_closing_without_an_outcome_is_refused_and_writes_nothing(saved):
    with pytest.raises(ValueError, match="how it ended"):
        tracking.add_event(saved=saved, kind="closed", on=TODAY, today=TODAY)
    saved.refresh_from_db()
    assert saved.status == "open" and not saved.events.filter(kind="closed").exists()


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (TimelineEvent, {"kind": "won"}),
        (TimelineEvent, {"channel": "pigeon"}),
        (Reminder, {"point": "someday"}),
    ],
    ids=["event kind", "channel", "reminder point"],
)
def test_the_database_refuses_a_choice_the_code_does_not_know(saved, model, fields):
    if model is Reminder:
        Reminder.objects.create(request=saved, point="due", due_on=TODAY)
    rows = model.objects.filter(request=saved)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(**fields)


def test_the_kinds_the_database_accepts_are_the_timelines_kinds():
    assert sorted(EVENT_KINDS) == sorted(TimelineEvent.Kind.values)


@pytest.mark.django_db(transaction=True)
def test_migration_0008_makes_older_requests_consistent_before_the_check():
    before = [("rights", "0007_route_requests")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    user_model = old_apps.get_model(*get_user_model()._meta.label.split("."))
    owner = user_model.objects.create(username="old@example.net", password="x")
    OldRequest = old_apps.get_model("rights", "SavedRequest")
    OldEvent = old_apps.get_model("rights", "TimelineEvent")

    def old(**fields):
        return OldRequest.objects.create(
            owner_id=owner.pk, regime_id="eu_gdpr", answers={}, **fields
        )

    no_outcome = old(status="closed", closed_on=TODAY)
    no_day = old(status="closed", outcome="complete")
    OldEvent.objects.create(request=no_day, kind="closed", on=datetime.date(2026, 10, 2))
    stray = old(status="open", outcome="refused")
    fine = old(status="closed", outcome="ignored", closed_on=TODAY)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    now = {s.pk: (s.status, s.outcome, s.closed_on) for s in SavedRequest.objects.all()}
    assert now[no_outcome.pk] == ("closed", "partial", TODAY)
    assert now[no_day.pk] == ("closed", "complete", datetime.date(2026, 10, 2))
    assert now[stray.pk] == ("open", "", None)
    assert now[fine.pk] == ("closed", "ignored", TODAY)
