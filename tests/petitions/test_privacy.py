"""Invariants 1 and 2: no signer address or client address is stored; nothing links the tables."""

import logging

from django.urls import reverse

from petitions import services
from petitions.models import PendingSignature, Petition, Signature, SignerHash, SigningCode
from tests.support.petitions import CLIENT_IP, SIGNER, confirm, receipt_from, sign_by_email
from tests.support.storage import cache_as_text, every_table_as_text

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) SignerBrowser/99.1"


def test_after_every_sign_flow_no_table_cache_or_log_holds_the_address_or_client(
    client, make_petition, mailoutbox, caplog
):
    caplog.set_level(logging.DEBUG)
    by_email = make_petition()
    receipt = receipt_from(confirm(client, sign_by_email(client, by_email, mailoutbox)))
    client.post(reverse("petitions:receipt", args=[by_email.slug]), {"receipt": receipt})
    # A second attempt, refused, and a refused domain must leave nothing either.
    confirm(client, sign_by_email(client, by_email, mailoutbox))
    by_domain = make_petition(eligibility=Petition.Eligibility.DOMAIN, allowed_domains="x.org")
    client.post(
        reverse("petitions:sign", args=[by_domain.slug]),
        {"email": SIGNER, "consent": "on"},
        REMOTE_ADDR=CLIENT_IP,
        HTTP_USER_AGENT=USER_AGENT,
    )
    by_code = make_petition(eligibility=Petition.Eligibility.CODES)
    code = services.generate_codes(petition=by_code, count=1)[0]
    client.post(
        reverse("petitions:sign", args=[by_code.slug]),
        {"code": code, "consent": "on"},
        REMOTE_ADDR=CLIENT_IP,
        HTTP_USER_AGENT=USER_AGENT,
    )

    waiting = "\n".join([every_table_as_text(), cache_as_text(), caplog.text])
    assert PendingSignature.objects.count() == 2  # the dump really covers pooled signatures
    for petition in (by_email, by_code):
        services.refresh_count(petition=petition)
    stored = waiting + "\n".join([every_table_as_text(), cache_as_text(), caplog.text])
    assert Signature.objects.count() == 2  # ... and written ones
    forms_of_the_address = {SIGNER, SIGNER.lower(), "joworker@gmail.com", "jo.worker"}
    assert [form for form in forms_of_the_address if form.lower() in stored.lower()] == []
    assert CLIENT_IP not in stored
    assert "SignerBrowser" not in stored
    assert code not in stored and receipt not in stored


def test_no_column_or_key_links_a_signature_to_a_duplicate_prevention_row():
    signature_fields = {f.name for f in Signature._meta.get_fields()}
    hash_fields = {f.name for f in SignerHash._meta.get_fields()}
    code_fields = {f.name for f in SigningCode._meta.get_fields()}
    assert signature_fields == {
        "id",
        "petition",
        "public_name",
        "comment",
        "receipt_hash",
        "signed_on",
        "batch",
    }
    pending_fields = {f.name for f in PendingSignature._meta.get_fields()}
    assert pending_fields == {"id", "petition", "epoch", "lookup", "sealed"}
    assert hash_fields == {"digest", "petition"}
    assert code_fields == {"digest", "petition", "used"}
    for model in (SignerHash, SigningCode, PendingSignature):
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert related == {Petition}
    related = {f.related_model for f in Signature._meta.get_fields() if f.is_relation}
    assert related == {Petition}


def test_signature_rows_carry_a_random_id_and_the_day_not_the_time(client, petition, mailoutbox):
    confirm(client, sign_by_email(client, petition, mailoutbox))
    confirm(client, sign_by_email(client, petition, mailoutbox, email="other@example.org"))
    services.refresh_count(petition=petition)
    first, second = Signature.objects.all()
    assert first.id.version == 4 and second.id.version == 4
    assert type(first.signed_on).__name__ == "date"
    assert not [f for f in Signature._meta.get_fields() if f.get_internal_type() == "DateTimeField"]


def test_the_confirmation_link_does_not_carry_the_address_in_clear(client, petition, mailoutbox):
    link = sign_by_email(client, petition, mailoutbox)
    assert "gmail" not in link.lower() and "worker" not in link.lower()
