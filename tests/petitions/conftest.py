import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from petitions import services
from petitions.models import Petition

SIGNER = "Jo.Worker+petition@gmail.com"
CLIENT_IP = "203.0.113.77"


@pytest.fixture
def organiser(db):
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


@pytest.fixture
def make_petition(organiser):
    def make(**overrides) -> Petition:
        return new_petition(organiser, **overrides)

    return make


@pytest.fixture
def petition(make_petition):
    return make_petition()


def sign_by_email(client, petition, mailoutbox, email=SIGNER, **extra) -> str:
    """Sign and return the confirmation link from the e-mail."""
    data = {"email": email, "consent": "on", **extra}
    response = client.post(
        reverse("petitions:sign", args=[petition.slug]), data, REMOTE_ADDR=CLIENT_IP
    )
    assert response.status_code == 200, response.content.decode()
    return re.search(r"https?://\S+/confirm/\S+/", mailoutbox[-1].body).group(0)


def confirm(client, link: str):
    path = link.split("testserver", 1)[1]
    return client.post(path, REMOTE_ADDR=CLIENT_IP)


def receipt_from(response) -> str:
    return re.search(r'id="receipt-code">([^<]+)<', response.content.decode()).group(1)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
