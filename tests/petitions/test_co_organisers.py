"""Co-organisers: invited by e-mail, accepted with an account verified for that address, and
the petition passes to them when the organiser leaves."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.owndata import delete_account
from petitions.models import CoOrganiser, Petition

pytestmark = pytest.mark.django_db

INVITED = "co.organiser@union.example"


def account(email: str):
    user = get_user_model().objects.create_user(username=email, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def invite(client, organiser, petition, mailoutbox, email=INVITED) -> str:
    client.force_login(organiser)
    client.post(reverse("petitions:invite", args=[petition.slug]), {"email": email})
    return re.search(r"https?://testserver(/\S+/join/\S+/)", mailoutbox[-1].body)[1]


def test_an_invited_colleague_joins_and_manages_the_petition(
    client, organiser, petition, mailoutbox
):
    link = invite(client, organiser, petition, mailoutbox)
    assert "help organise a petition" in mailoutbox[-1].subject
    assert petition.title not in mailoutbox[-1].subject  # a neutral subject
    colleague = account(INVITED)
    client.force_login(colleague)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302

    assert CoOrganiser.objects.filter(petition=petition, user=colleague).exists()
    assert client.get(reverse("petitions:manage", args=[petition.slug])).status_code == 200
    assert petition.title in client.get(reverse("petitions:mine")).content.decode()


def test_an_invitation_works_only_for_an_account_verified_for_that_address(
    client, organiser, petition, mailoutbox
):
    link = invite(client, organiser, petition, mailoutbox)
    client.force_login(account("someone.else@example.org"))
    for refused in (client.get(link), client.post(link)):
        assert refused.status_code == 400 and "not valid" in refused.content.decode()
        assert petition.title not in refused.content.decode()  # the link names nothing
    assert not CoOrganiser.objects.exists()
    tampered = link.replace("/join/", "/join/x")
    client.force_login(account(INVITED))
    assert client.post(tampered).status_code == 400


def test_when_the_organiser_leaves_the_petition_passes_to_the_co_organiser(
    client, organiser, petition, mailoutbox
):
    link = invite(client, organiser, petition, mailoutbox)
    colleague = account(INVITED)
    client.force_login(colleague)
    client.post(link)

    delete_account(user=organiser)

    petition = Petition.objects.get(pk=petition.pk)
    assert petition.organiser == colleague and not CoOrganiser.objects.exists()
    assert client.get(reverse("petitions:manage", args=[petition.slug])).status_code == 200
