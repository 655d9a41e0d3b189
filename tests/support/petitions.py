"""Petitions made through the service, and signing them through the pages as signers do."""

import datetime
import re
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from petitions import services
from petitions.models import PendingSignature, Petition, Signature

SIGNER = "Jo.Worker+petition@gmail.com"
CLIENT_IP = "203.0.113.77"


def new_organiser():
    return get_user_model().objects.create_user(
        username="organiser", email="steward@union.example", password="a-long-password-1"
    )


def new_petition(organiser, **overrides) -> Petition:
    """A live, unlisted petition by e-mail; any field can be overridden."""
    fields = {
        "title": "Stop feeding our keystrokes to AI",
        "body": "We **object** to the Model Capability Initiative.",
        "employer": "Meta Platforms, Inc.",
        "decision_maker": "The Chief People Officer",
        "demands": "End the keystroke logging.\nDelete the data collected.",
        "goal": 10,
        "closes_on": timezone.localdate() + datetime.timedelta(days=30),
        "group_name": "Workers for Privacy",
        "visibility": Petition.Visibility.UNLISTED,
        "eligibility": Petition.Eligibility.EMAIL,
    }
    fields.update(overrides)
    return services.create_petition(organiser=organiser, data=services.PetitionInput(**fields))


def list_publicly(petition: Petition) -> Petition:
    petition.visibility = Petition.Visibility.LISTED
    petition.save(update_fields=["visibility"])
    services.approve_petition(petition=petition)
    petition.refresh_from_db()
    return petition


CONFIRM_FIELDS = {"show_name", "public_name", "comment"}


def sign_by_email(client, petition, mailoutbox, email=SIGNER, **extra) -> str:
    """Sign and return the confirmation link from the e-mail.

    A public name or comment in ``extra`` is typed on the confirm page, as signers do: the
    returned link then carries it along for confirm() (after a "#", never sent in the mail).
    """
    data = {"email": email, "consent": "on", **extra}
    typed_later = {name: data.pop(name) for name in CONFIRM_FIELDS & set(data)}
    response = client.post(
        reverse("petitions:sign", args=[petition.slug]), data, REMOTE_ADDR=CLIENT_IP
    )
    assert response.status_code == 200, response.content.decode()
    link = re.search(r"https?://\S+/confirm/\S+/", mailoutbox[-1].body).group(0)
    return link + ("#" + urlencode(typed_later) if typed_later else "")


def confirm(client, link: str, **typed):
    path = link.split("testserver", 1)[1]
    path, _hash, typed_later = path.partition("#")
    data = {**dict(parse_qsl(typed_later)), **typed}
    return client.post(path, data, REMOTE_ADDR=CLIENT_IP)


def confirm_link(client, petition, mailoutbox, **fields) -> str:
    """Sign by e-mail; the path of the confirmation link from the e-mail."""
    data = {"email": "jo.worker@example.net", "consent": "on", **fields}
    response = client.post(reverse("petitions:sign", args=[petition.slug]), data)
    assert response.status_code == 200, response.content.decode()
    link = re.search(r"https?://[^/\s]+(/\S+/confirm/\S+/)", mailoutbox[-1].body)
    return link.group(1)


def signatures_taken() -> int:
    """Signatures written plus those still waiting, encrypted, for their batch."""
    return Signature.objects.count() + PendingSignature.objects.count()


def receipt_from(response) -> str:
    return re.search(r'id="receipt-code">([^<]+)<', response.content.decode()).group(1)


def download_code_sheet(client, petition, count: int, on_commit):
    """Ask for a sheet of codes, let the task make it (on commit), and download it."""
    with on_commit(execute=True):
        client.post(reverse("petitions:codes", args=[petition.slug]), {"count": count})
    sheet = petition.code_sheets.get(state="ready")
    return client.get(reverse("petitions:code_sheet", args=[petition.slug, sheet.pk]))


def old_petition_fields(**overrides) -> dict:
    """The fields every petition row has had since the first migration, for migration tests."""
    owner = get_user_model().objects.create(username="old-organiser")
    return {
        "organiser_id": owner.pk,
        "title": "Old",
        "body": "b",
        "employer": "e",
        "decision_maker": "d",
        "demands": "x",
        "goal": 5,
        "closes_on": "2099-01-01",
        "group_name": "g",
        "visibility": "unlisted",
        "eligibility": "email",
    } | overrides
