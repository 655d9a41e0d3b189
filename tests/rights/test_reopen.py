"""Closing a saved request can be undone: "Reopen" takes the closing off the timeline and
brings the deadline back, losing nothing the worker wrote."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from rights.models import SavedRequest, TimelineEvent
from tests.rights.test_tracking import log, make_user, save

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def signed_in(client, db):
    client.force_login(make_user("aoife@example.org"))
    return client


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)):
        yield


def reopen(client, saved):
    return client.post(reverse("rights:reopen", kwargs={"request_id": saved.pk}))


def test_reopening_restores_the_deadline_and_the_timeline(signed_in, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-10-01", channel="email")
    saved.refresh_from_db()
    due_before = saved.due_on
    log(signed_in, saved, kind="closed", on="2026-11-20", outcome="refused", details="No reply.")
    saved.refresh_from_db()
    assert saved.status == "closed" and saved.closed_on == datetime.date(2026, 11, 20)
    page = signed_in.get(reverse("rights:saved", kwargs={"request_id": saved.pk}))
    assert "Reopen" in page.content.decode()

    response = reopen(signed_in, saved)

    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.status == SavedRequest.Status.OPEN
    assert saved.outcome == "" and saved.closed_on is None
    assert saved.due_on == due_before
    kinds = list(saved.events.values_list("kind", flat=True))
    assert kinds == [TimelineEvent.Kind.SENT]
    assert "No reply." in saved.notes and "20 November 2026" in saved.notes
    page = signed_in.get(response.url).content.decode()
    assert "Reopened: the deadline and reminders are back." in page
    assert "Overdue: the employer has not answered in time." in page
    assert "Log: Closed" in page


def test_a_reopened_request_leaves_the_closed_column_and_can_be_closed_again(
    signed_in, dublin_answers
):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-11-20", channel="email")
    log(signed_in, saved, kind="closed", on="2026-11-21", outcome="complete")

    reopen(signed_in, saved)

    board = signed_in.get(reverse("rights:mine")).context["board"]
    assert [row.saved.pk for row in board.closed] == []
    assert [row.saved.pk for row in board.due_this_week + board.waiting] == [saved.pk]
    log(signed_in, saved, kind="closed", on="2026-11-22", outcome="partial")
    saved.refresh_from_db()
    assert saved.status == "closed" and saved.outcome == "partial"


def test_only_the_owner_can_reopen_and_only_by_post(signed_in, client, dublin_answers):
    saved = save(signed_in, dublin_answers)
    log(signed_in, saved, kind="sent", on="2026-11-20", channel="email")
    log(signed_in, saved, kind="closed", on="2026-11-21", outcome="complete")
    url = reverse("rights:reopen", kwargs={"request_id": saved.pk})
    assert signed_in.get(url).status_code == 405

    client.force_login(make_user("someone.else@example.org"))
    assert client.post(url).status_code == 404
    saved.refresh_from_db()
    assert saved.status == "closed"
