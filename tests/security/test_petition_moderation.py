"""Issue: moderation could be bypassed by editing. Each test is the attack, now refused."""

import pytest
from django.urls import reverse

from petitions.models import Petition
from tests.petitions.test_organising import FORM

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, organiser, settings):
    settings.PETITIONS_MODERATION = True
    client.force_login(organiser)
    return client


def edit(client, petition, **changes):
    return client.post(reverse("petitions:edit", args=[petition.slug]), {**FORM, **changes})


def test_an_unlisted_petition_edited_to_listed_waits_for_review(organiser_client):
    organiser_client.post(reverse("petitions:new"), FORM)  # unlisted: live at once
    petition = Petition.objects.get()
    assert petition.status == Petition.Status.LIVE

    edit(organiser_client, petition, visibility="listed")

    petition.refresh_from_db()
    assert petition.status == Petition.Status.PENDING
    assert (
        organiser_client.get(reverse("petitions:list")).content.decode().count(FORM["title"]) == 0
    )
    assert (
        organiser_client.get(reverse("petitions:detail", args=[petition.slug])).status_code == 404
    )


def test_an_approved_listed_petition_rewritten_waits_for_review_again(organiser_client):
    organiser_client.post(reverse("petitions:new"), {**FORM, "visibility": "listed"})
    petition = Petition.objects.get()
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.LIVE)  # approved

    edit(organiser_client, petition, visibility="listed", title="Something else entirely")

    petition.refresh_from_db()
    assert petition.status == Petition.Status.PENDING and petition.opened_on is None


def test_changing_only_the_goal_of_a_listed_petition_keeps_it_live(organiser_client):
    organiser_client.post(reverse("petitions:new"), {**FORM, "visibility": "listed"})
    petition = Petition.objects.get()
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.LIVE)

    edit(organiser_client, petition, visibility="listed", goal="500")

    petition.refresh_from_db()
    assert petition.status == Petition.Status.LIVE and petition.goal == 500


def test_the_edit_page_says_that_listing_sends_the_petition_back_for_review(organiser_client):
    organiser_client.post(reverse("petitions:new"), FORM)
    page = organiser_client.get(reverse("petitions:edit", args=[Petition.objects.get().slug]))
    assert "sends it back for review" in page.content.decode()
