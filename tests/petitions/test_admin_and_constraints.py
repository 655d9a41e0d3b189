"""Staff cannot change what people signed, and the database refuses a petition whose closing
fields disagree."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from petitions.admin import CONTENT_FIELDS
from petitions.models import Petition

from .conftest import confirm, sign_by_email


def _admin_form(petition: Petition, **changes) -> dict:
    data = {name: getattr(petition, name) for name in CONTENT_FIELDS}
    data["closes_on"] = petition.closes_on.isoformat()
    return {**data, **changes}


def test_staff_edit_an_unsigned_petition_in_the_admin(admin_client, petition):
    change = reverse("admin:petitions_petition_change", args=[petition.pk])
    response = admin_client.post(change, _admin_form(petition, title="Clearer title"))
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.title == "Clearer title"


def test_a_signed_petition_is_locked_in_the_admin(admin_client, client, petition, mailoutbox):
    confirm(client, sign_by_email(client, petition, mailoutbox))
    change = reverse("admin:petitions_petition_change", args=[petition.pk])
    page = admin_client.get(change).content.decode()
    assert "its text is locked" in page
    assert 'name="title"' not in page and 'name="body"' not in page

    admin_client.post(change, _admin_form(petition, title="Rewritten", body="Something else"))
    petition.refresh_from_db()
    assert petition.title == "Stop feeding our keystrokes to AI"
    assert "Model Capability Initiative" in petition.body


def test_the_admin_never_edits_what_the_services_keep(admin_client, petition):
    change = reverse("admin:petitions_petition_change", args=[petition.pk])
    admin_client.post(change, _admin_form(petition, status="closed", counted="9999"))
    petition.refresh_from_db()
    assert petition.status == Petition.Status.LIVE and petition.counted == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "closed", "closed_on": None},
        {"status": "live", "closed_on": "2026-11-30"},
        {"status": "live", "hashes_purged": True},
    ],
    ids=["closed without a day", "a closing day while live", "purged while live"],
)
def test_the_database_refuses_closing_fields_that_disagree(petition, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Petition.objects.filter(pk=petition.pk).update(**fields)
