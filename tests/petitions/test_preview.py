"""A listed petition waiting for approval: its organiser sees a preview, everyone else a 404."""

import pytest
from django.urls import reverse

from petitions.models import Petition
from tests.support.petitions import new_petition


@pytest.fixture
def waiting(organiser, settings):
    settings.PETITIONS_MODERATION = True
    petition = new_petition(organiser, visibility=Petition.Visibility.LISTED)
    assert petition.status == Petition.Status.PENDING
    return petition


def test_the_organiser_previews_a_petition_waiting_for_approval(client, organiser, waiting):
    client.force_login(organiser)

    response = client.get(reverse("petitions:preview", args=[waiting.slug]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: only its organisers can see this page." in html
    assert "Signing opens once it is approved." in html
    assert reverse("petitions:sign", args=[waiting.slug]) not in html
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_the_manage_page_links_to_the_preview_not_to_a_404(client, organiser, waiting):
    client.force_login(organiser)

    html = client.get(reverse("petitions:manage", args=[waiting.slug])).content.decode()

    assert f'href="{reverse("petitions:preview", args=[waiting.slug])}"' in html
    assert f'href="{reverse("petitions:detail", args=[waiting.slug])}"' not in html


def test_no_one_else_sees_the_preview(client, django_user_model, waiting):
    assert client.get(reverse("petitions:preview", args=[waiting.slug])).status_code == 302
    someone = django_user_model.objects.create_user(username="s", email="s@example.org")
    client.force_login(someone)
    assert client.get(reverse("petitions:preview", args=[waiting.slug])).status_code == 404
    assert client.get(reverse("petitions:detail", args=[waiting.slug])).status_code == 404


def test_a_rejected_petition_is_previewed_as_not_approved(client, organiser, waiting):
    Petition.objects.filter(pk=waiting.pk).update(status=Petition.Status.REJECTED)
    client.force_login(organiser)

    html = client.get(reverse("petitions:preview", args=[waiting.slug])).content.decode()

    assert "This petition was not approved" in html
    assert "Signing opens once it is approved." not in html


def test_the_preview_of_a_live_petition_is_its_public_page(client, organiser, petition):
    client.force_login(organiser)

    response = client.get(reverse("petitions:preview", args=[petition.slug]))

    assert response.status_code == 302
    assert response.url == reverse("petitions:detail", args=[petition.slug])
