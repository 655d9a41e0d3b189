"""Invariant 3: drafting a request without an account persists nothing about the requester."""

import logging

import pytest
from django.db import connection
from django.urls import reverse

from tests.support.storage import cache_as_text, every_table_as_text

pytestmark = pytest.mark.usefixtures("reference_data")


def run_whole_journey(client, answers: dict) -> None:
    client.get(reverse("rights:new"))
    for name in ("preview", "pdf", "text", "edit"):
        assert client.post(reverse(f"rights:{name}"), answers).status_code == 200
    broken = {**answers, "rights": ["us_ca_ccpa:delete"], "regime": "eu_gdpr"}
    assert client.post(reverse("rights:preview"), broken).status_code == 400
    oversized = {**answers, "applications": "x" * 100_000}
    assert client.post(reverse("rights:pdf"), oversized).status_code == 400


@pytest.mark.parametrize(
    "answers_fixture", ["dublin_answers", "menlo_park_answers", "london_answers"]
)
def test_drafting_leaves_no_trace_of_the_requester_in_tables_cache_or_logs(
    client, caplog, request, answers_fixture
):
    answers = request.getfixturevalue(answers_fixture)
    caplog.set_level(logging.DEBUG)
    run_whole_journey(client, answers)

    stored = "\n".join([every_table_as_text(), cache_as_text(), caplog.text])
    secrets = [answers["full_name"], answers["reply_to"], answers["full_name"].split()[-1]]
    if answers["employee_id"]:
        secrets.append(answers["employee_id"])
    assert "Meta Platforms Ireland Limited" in stored  # the dump really holds the rows
    assert [secret for secret in secrets if secret in stored] == []


def test_drafting_creates_no_session(client, dublin_answers):
    run_whole_journey(client, dublin_answers)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_session")
        assert cursor.fetchone()[0] == 0
    assert "sessionid" not in client.cookies


def test_the_dump_would_show_a_requester_if_one_were_stored(db, caplog):
    from django.contrib.auth.models import User

    User.objects.create(username="aoife", first_name="Aoife", last_name="Byrne")
    logging.getLogger("rights").warning("drafting for MPI-448812")
    assert "Byrne" in every_table_as_text()
    assert "MPI-448812" in caplog.text
