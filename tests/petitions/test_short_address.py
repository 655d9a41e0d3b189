"""Printed slips carry a short, typeable address that is not case-sensitive and leads to the
sign page; a mistyped one gets a 404 that says how it is read."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from petitions import anonymity, services
from petitions.models import Petition
from tests.support.migrations import migrate_to, migrate_to_latest
from tests.support.petitions import (
    download_code_sheet,
    old_petition_fields,
)

pytestmark = pytest.mark.django_db


def test_each_petition_gets_its_own_eight_character_address_from_the_code_alphabet(make_petition):
    first, second = make_petition(), make_petition()
    for petition in (first, second):
        assert len(petition.short_address) == 8
        assert set(petition.short_address) <= set(anonymity.CODE_ALPHABET)
    assert first.short_address != second.short_address


@pytest.mark.parametrize("typed", ["{upper}", "{lower}", "{dashed}", "{dashed_lower}"])
def test_the_short_address_leads_to_the_sign_page_however_it_is_typed(client, petition, typed):
    address = petition.short_address
    dashed = f"{address[:4]}-{address[4:]}"
    text = typed.format(
        upper=address, lower=address.lower(), dashed=dashed, dashed_lower=dashed.lower()
    )
    response = client.get(f"/s/{text}/")
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:sign", args=[petition.slug])


def test_a_code_carried_by_the_qr_survives_the_short_address(client, petition):
    response = client.get(f"/s/{petition.short_address}/?code=7KQ2-M9XA-3D4F")
    assert response["Location"].endswith("?code=7KQ2-M9XA-3D4F")


def test_letters_read_alike_are_taken_as_the_digits(client, petition):
    confusable = petition.short_address.replace("0", "O").replace("1", "I")
    assert client.get(f"/s/{confusable}/").status_code == 302


@pytest.mark.parametrize("address", ["ZZZZ-ZZZZ", "short", "UUUUUUUU", "x" * 40])
def test_an_unknown_or_malformed_short_address_gets_a_helpful_404(client, petition, address):
    if address == "ZZZZ-ZZZZ" and petition.short_address == "ZZZZZZZZ":
        pytest.skip("the drawn address happens to be the probe")
    response = client.get(f"/s/{address}/")
    assert response.status_code == 404
    assert "capital or small letters and the dash do not matter" in response.text


def test_a_petition_waiting_for_approval_is_not_found_by_its_short_address(client, petition):
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.PENDING)
    assert client.get(f"/s/{petition.short_address}/").status_code == 404


def test_the_code_sheet_prints_the_short_address(
    client, organiser, make_petition, django_capture_on_commit_callbacks
):
    petition = make_petition(eligibility=Petition.Eligibility.CODES)
    client.force_login(organiser)
    pdf = download_code_sheet(client, petition, 4, django_capture_on_commit_callbacks).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    printed = services.short_address(petition=petition)
    assert f"/s/{printed}" in text
    assert petition.slug not in text
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", printed)
    manage = client.get(reverse("petitions:manage", args=[petition.slug])).content.decode()
    assert f"/s/{printed}/" in manage


@pytest.mark.django_db(transaction=True)
def test_migration_0012_gives_each_existing_petition_its_own_short_address():
    old_apps = migrate_to(("petitions", "0011_closed_on_a_day"))
    OldPetition = old_apps.get_model("petitions", "Petition")
    common = old_petition_fields(eligibility="codes")
    for slug in ("one", "two", "three"):
        OldPetition.objects.create(slug=slug, **common)

    migrate_to_latest()
    addresses = list(Petition.objects.values_list("short_address", flat=True))
    assert len(addresses) == 3 and len(set(addresses)) == 3
    assert all(anonymity.normalise_short_address(a) == a for a in addresses)
