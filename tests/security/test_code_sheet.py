"""Issue: a sheet of 2,000 codes got the worker killed with a 500, while the codes were saved."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from petitions import services
from petitions.models import CodeSheet, Petition, SigningCode
from tests.support.petitions import download_code_sheet, new_petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def code_petition(organiser):
    return new_petition(organiser, eligibility=Petition.Eligibility.CODES)


def test_asking_for_a_sheet_answers_at_once_and_a_task_makes_it(
    client, organiser, code_petition, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(reverse("petitions:codes", args=[code_petition.slug]), {"count": 3})
    assert response.status_code == 302 and len(queued) == 1
    assert CodeSheet.objects.get().state == "queued" and SigningCode.objects.count() == 0
    page = client.get(reverse("petitions:manage", args=[code_petition.slug])).content.decode()
    assert "Making the sheet of 3 codes" in page and 'http-equiv="refresh"' in page


def test_when_the_sheet_cannot_be_made_no_code_is_kept_and_the_organiser_is_told(
    client, organiser, code_petition
):
    sheet = CodeSheet.objects.create(petition=code_petition, count=5)

    def broken_render(**_kwargs):
        raise MemoryError("the worker ran out of memory")

    assert services.build_code_sheet(sheet_id=sheet.pk, render=broken_render) is False
    assert SigningCode.objects.count() == 0
    client.force_login(organiser)
    page = client.get(reverse("petitions:manage", args=[code_petition.slug])).content.decode()
    assert "could not be made, and no code from it was kept" in page


def test_a_sheet_is_built_once_however_often_its_message_arrives(code_petition):
    sheet = CodeSheet.objects.create(petition=code_petition, count=2)
    renders = []

    def render(**kwargs):
        renders.append(kwargs["codes"])
        return b"%PDF-1.7 sheet"

    assert services.build_code_sheet(sheet_id=sheet.pk, render=render) is True
    assert services.build_code_sheet(sheet_id=sheet.pk, render=render) is False
    assert len(renders) == 1 and SigningCode.objects.count() == 2


def test_the_sheet_downloads_once_and_only_for_its_organiser(
    client, organiser, code_petition, django_capture_on_commit_callbacks
):
    stranger = get_user_model().objects.create_user(username="s", email="s@example.org")
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("petitions:codes", args=[code_petition.slug]), {"count": 2})
    url = reverse("petitions:code_sheet", args=[code_petition.slug, CodeSheet.objects.get().pk])

    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(organiser)
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert client.get(url).status_code == 404  # the plain codes are not kept
    assert not CodeSheet.objects.exists() and SigningCode.objects.count() == 2


def test_the_form_refuses_more_than_two_thousand_codes(
    client, organiser, code_petition, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    response = client.post(reverse("petitions:codes", args=[code_petition.slug]), {"count": 2001})
    assert response.status_code == 400 and not CodeSheet.objects.exists()
    sheet = download_code_sheet(client, code_petition, 1, django_capture_on_commit_callbacks)
    assert sheet.status_code == 200


def test_an_organiser_cannot_flood_the_workers_or_the_mail(
    client, organiser, code_petition, settings
):
    settings.PETITIONS_ORGANISER_RATE = "2/h"
    client.force_login(organiser)
    # Inside one hour window, wherever the clock stands.
    middle = timezone.now().replace(minute=30) + datetime.timedelta(days=1)
    with time_machine.travel(middle, tick=False):
        sheets, invites = asks(client, code_petition)
    assert [r.status_code for r in sheets] == [302, 302, 429]
    assert [r.status_code for r in invites] == [302, 302, 429]
    assert CodeSheet.objects.count() == 2


def asks(client, code_petition):
    sheets = [
        client.post(reverse("petitions:codes", args=[code_petition.slug]), {"count": 2000})
        for _ in range(3)
    ]
    invites = [
        client.post(reverse("petitions:invite", args=[code_petition.slug]), {"email": "a@b.org"})
        for _ in range(3)
    ]
    return sheets, invites
