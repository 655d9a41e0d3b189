"""Requests saved before the residence question still open, render and track."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rights.answers import CURRENT_VERSION, upgrade
from rights.models import SavedRequest
from rights.services import escalation, tracking

# A Menlo Park CCPA request as the form saved it before residence was asked (schema version 1).
OLD_CCPA = {
    "employer": ["meta-platforms-inc"],
    "workplace": ["US-CA"],
    "regime": [""],
    "rights": ["us_ca_ccpa:know", "us_ca_ccpa:delete"],
    "categories": ["keystrokes", "screen"],
    "full_name": ["Sam Rivera"],
    "employee_id": ["100234"],
    "reply_to": ["sam.rivera@example.net"],
    "sent_on": ["2026-11-02"],
}


def test_a_version_1_ccpa_request_keeps_the_california_residence_its_letter_stated():
    assert upgrade(OLD_CCPA, version=1, regime_id="us_ca_ccpa")["residence"] == ["US-CA"]


def test_a_version_1_gdpr_request_needs_no_residence():
    old = {"workplace": ["IE"], "rights": ["eu_gdpr:access"]}
    assert upgrade(old, version=1, regime_id="eu_gdpr") == old


def test_answers_from_an_unknown_future_schema_are_refused():
    with pytest.raises(ValueError, match="version"):
        upgrade(OLD_CCPA, version=CURRENT_VERSION + 1, regime_id="us_ca_ccpa")


@pytest.mark.usefixtures("reference_data")
def test_a_request_saved_in_the_old_shape_opens_renders_and_tracks(db):
    owner = get_user_model().objects.create_user(username="sam@example.net", password="x" * 20)
    saved = SavedRequest.objects.create(
        owner=owner, regime_id="us_ca_ccpa", answers=OLD_CCPA, answers_version=1
    )
    rendered = tracking.rendered_letter(saved=saved)
    assert "I am a California resident" in rendered.body_text
    today = datetime.date(2026, 12, 20)
    tracking.add_event(
        saved=saved, kind="sent", on=datetime.date(2026, 11, 2), today=today, channel="email"
    )
    saved.refresh_from_db()
    assert saved.due_on == datetime.date(2026, 12, 17)
    kinds = escalation.available_followups(saved=saved, today=today)
    assert "reminder" in kinds
    letter = escalation.followup_letter(saved=saved, kind="reminder", today=today)
    assert "December 17, 2026" in letter.body_text


@pytest.mark.django_db(transaction=True)
def test_migration_0003_upgrades_rows_saved_in_the_old_shape():
    executor = MigrationExecutor(connection)
    executor.migrate([("rights", "0002_saved_requests")])
    old_apps = executor.loader.project_state([("rights", "0002_saved_requests")]).apps
    user_model = old_apps.get_model(*get_user_model()._meta.label.split("."))
    owner = user_model.objects.create(username="old@example.net", password="x")
    old = old_apps.get_model("rights", "SavedRequest").objects.create(
        owner_id=owner.pk, regime_id="us_ca_ccpa", answers=OLD_CCPA
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    upgraded = SavedRequest.objects.get(pk=old.pk)
    assert upgraded.answers_version == CURRENT_VERSION
    assert upgraded.answers["residence"] == ["US-CA"]
    assert upgraded.answers["rights"] == OLD_CCPA["rights"]
