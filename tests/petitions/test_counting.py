import datetime
import json
import re
import uuid

import time_machine
from django.urls import reverse
from django.utils import timezone

from petitions import anonymity, services
from petitions.models import Petition, Signature
from tests.support.petitions import confirm, sign_by_email


def json_of(response) -> dict:
    """The verification JSON, which is streamed."""
    return json.loads(b"".join(response.streaming_content))


def sign_many(client, petition, mailoutbox, n: int) -> None:
    for _ in range(n):
        confirm(
            client,
            sign_by_email(client, petition, mailoutbox, email=f"w{uuid.uuid4().hex}@example.org"),
        )


def page(client, petition) -> str:
    return client.get(reverse("petitions:detail", args=[petition.slug])).content.decode()


def test_counts_below_five_show_as_fewer_than_five(client, petition, mailoutbox, settings):
    settings.PETITIONS_COUNT_INTERVAL_SECONDS = 0
    sign_many(client, petition, mailoutbox, 4)
    assert "fewer than 5 signatures" in page(client, petition)
    sign_many(client, petition, mailoutbox, 1)
    html = page(client, petition)
    assert "5 signatures" in html and "fewer than 5 signatures" not in html


def test_the_public_count_refreshes_in_batches_not_per_signature(client, petition, mailoutbox):
    sign_many(client, petition, mailoutbox, 5)
    page(client, petition)  # first view counts
    assert Petition.objects.get(pk=petition.pk).counted == 5
    sign_many(client, petition, mailoutbox, 2)
    assert Petition.objects.get(pk=petition.pk).counted == 5
    assert "5 signatures" in page(client, petition)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        assert "7 signatures" in page(client, petition)


def test_petition_pages_are_cacheable_for_the_refresh_interval(client, petition, settings):
    response = client.get(reverse("petitions:detail", args=[petition.slug]))
    assert f"max-age={settings.PETITIONS_COUNT_INTERVAL_SECONDS}" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_the_verification_list_holds_every_counted_receipt_hash_and_its_digest(
    client, petition, mailoutbox, settings
):
    settings.PETITIONS_COUNT_INTERVAL_SECONDS = 0
    sign_many(client, petition, mailoutbox, 5)
    services.refresh_count(petition=petition)
    data = json_of(client.get(reverse("petitions:verify_json", args=[petition.slug])))
    stored = sorted(petition.signatures.values_list("receipt_hash", flat=True))
    assert data["count"] == 5 and data["receipt_hashes"] == stored
    from petitions import anonymity

    assert data["digest"] == anonymity.count_digest(stored)


def test_the_verification_list_is_withheld_below_five(client, petition, mailoutbox):
    sign_many(client, petition, mailoutbox, 3)
    services.refresh_count(petition=petition)
    data = json_of(client.get(reverse("petitions:verify_json", args=[petition.slug])))
    assert data["receipt_hashes"] == [] and data["count"] == 0


def test_a_withdrawn_signature_leaves_the_verification_list(client, petition, mailoutbox, settings):
    from tests.support.petitions import receipt_from

    settings.PETITIONS_COUNT_INTERVAL_SECONDS = 0
    sign_many(client, petition, mailoutbox, 5)
    receipt = receipt_from(
        confirm(client, sign_by_email(client, petition, mailoutbox, email="leaver@example.org"))
    )
    services.withdraw(petition=petition, receipt=receipt)
    services.refresh_count(petition=petition)
    data = json_of(client.get(reverse("petitions:verify_json", args=[petition.slug])))
    from petitions import anonymity

    assert anonymity.receipt_hash(receipt) not in data["receipt_hashes"]
    assert data["count"] == 5


def test_the_verification_page_lists_the_hashes_a_page_at_a_time(
    client, petition, mailoutbox, settings, monkeypatch
):
    from petitions import views

    settings.PETITIONS_COUNT_INTERVAL_SECONDS = 0
    monkeypatch.setattr(views, "VERIFY_PAGE_SIZE", 2)
    sign_many(client, petition, mailoutbox, 5)
    services.refresh_count(petition=petition)
    url = reverse("petitions:verify", args=[petition.slug])
    stored = sorted(petition.signatures.values_list("receipt_hash", flat=True))

    def listed(query: str) -> list[str]:
        page = client.get(url + query)
        assert page.status_code == 200
        return re.findall(r"<li><code>([0-9a-f]{64})</code></li>", page.content.decode())

    assert listed("") == stored[:2]
    assert listed("?page=3") == stored[4:]
    assert 'start="5"' in client.get(url + "?page=3").content.decode()
    assert listed("?page=99") == stored[4:] and listed("?page=x") == stored[:2]


def test_pages_and_the_streamed_json_list_every_hash_once_in_byte_order(client, petition):
    hashes = [uuid.uuid4().hex + uuid.uuid4().hex for _ in range(2_500)]
    Signature.objects.bulk_create(
        Signature(petition=petition, receipt_hash=h, signed_on=timezone.localdate(), batch=0)
        for h in hashes
    )
    services.refresh_count(petition=petition)
    verify = reverse("petitions:verify", args=[petition.slug])
    shown = []
    for number in (1, 2, 3):
        page = client.get(verify, {"page": number}).content.decode()
        shown += re.findall(r"<li><code>([0-9a-f]{64})</code></li>", page)
    data = json_of(client.get(reverse("petitions:verify_json", args=[petition.slug])))

    assert shown == sorted(hashes) == data["receipt_hashes"]
    assert data["count"] == 2_500 and data["digest"] == anonymity.count_digest(hashes)
