"""Attacks from the employer's mail system and from the app's own logs."""

import io
import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from core.mail import DEVELOPMENT_BANNER, DevelopmentConsoleBackend
from petitions import anonymity
from petitions.models import Petition, SignerHash
from tests.support.anonymity import make_petition

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://testserver(/\S+/confirm/(\S+)/)")


def request_link(client, petition, email: str) -> tuple[str, str]:
    client.post(reverse("petitions:sign", args=[petition.slug]), {"email": email, "consent": "on"})
    found = LINK.search(mail.outbox[-1].body)
    return found[1], found[2]


def test_every_confirmation_token_has_one_length_whatever_the_petition_or_address():
    keys = [anonymity.derive_key(secret=b"s" * 32, purpose="petition-confirm")]
    lengths = {
        len(anonymity.seal(keys=keys, payload={"p": anonymity.petition_field(pk), "d": "d" * 64}))
        for pk in (1, 42, 10**11)
    }
    assert len(lengths) == 1


def test_the_mail_names_no_petition_and_carries_nothing_the_signer_typed(client):
    short = make_petition(title="Pay")
    long = make_petition(title="Stop feeding every keystroke we type to an AI model " * 2)

    request_link(client, short, "a@example.org")
    request_link(client, long, "a.much.longer.address.than.the.first@example.org")

    first, second = mail.outbox[-2:]
    assert first.subject == second.subject == "Your confirmation link"
    for message in (first, second):
        assert "Pay" not in message.body and "keystroke" not in message.body
    # The only difference is the link's slug and token, and both have fixed lengths.
    assert len(first.body) == len(second.body)


def test_the_public_name_and_comment_are_asked_on_the_confirm_page_not_in_the_mail(client):
    petition = make_petition()
    path, _token = request_link(client, petition, "jo@example.org")
    page = client.get(path).content.decode()
    assert 'name="public_name"' in page and 'name="comment"' in page
    signing_page = client.get(reverse("petitions:sign", args=[petition.slug])).content.decode()
    assert 'name="public_name"' not in signing_page


def test_domain_mode_says_before_signing_what_the_employer_can_learn_and_do(client):
    petition = make_petition(
        eligibility=Petition.Eligibility.DOMAIN, allowed_domains="meta.example"
    )
    page = client.get(reverse("petitions:sign", args=[petition.slug])).content.decode()
    for warning in (
        "can press Confirm in your name",
        "learn, from that answer, whether the colleague has signed",
        "printed signing code",
    ):
        assert warning in page


def test_a_confirm_pressed_in_someone_elses_name_is_refused_openly_to_the_real_signer(client):
    """The employer, reading the work mailbox, confirms first: the worker is told, not fooled."""
    petition = make_petition(
        eligibility=Petition.Eligibility.DOMAIN, allowed_domains="meta.example"
    )
    path, _token = request_link(client, petition, "worker@meta.example")
    assert client.post(path).status_code == 200  # the employer's Confirm
    path, _token = request_link(client, petition, "worker@meta.example")
    later = client.post(path)
    assert later.status_code == 400
    assert "already signed" in later.content.decode()
    assert SignerHash.objects.count() == 1


def test_a_second_press_of_confirm_logs_no_token_receipt_or_hash(client, caplog):
    caplog.set_level(logging.DEBUG)
    petition = make_petition()
    path, token = request_link(client, petition, "jo@example.org")
    first = client.post(path, {"show_name": "on", "public_name": "Jo"})
    receipt = re.search(r'id="receipt-code">([^<]+)<', first.content.decode())[1]
    assert client.post(path).status_code == 400

    logged = caplog.text
    assert "Bad Request" in logged and "[redacted]" in logged  # the 4xx line was written
    digest = SignerHash.objects.get().digest
    for secret in (token, receipt, anonymity.receipt_hash(receipt), digest):
        assert secret not in logged


def test_the_console_mail_backend_says_on_its_first_line_that_it_is_for_development():
    stream = io.StringIO()
    backend = DevelopmentConsoleBackend(stream=stream)
    backend.send_messages([mail.EmailMessage("Subject", "Body", to=["a@example.org"])])
    assert stream.getvalue().splitlines()[0] == DEVELOPMENT_BANNER
