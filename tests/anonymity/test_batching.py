"""How the pool decides when to write: at k, after the maximum delay, after the grace."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from petitions import documents, services
from petitions.models import PendingSignature, Signature
from tests.petitions.conftest import text_of

from .conftest import K, make_petition, sign_in_order

pytestmark = pytest.mark.django_db


def test_fewer_than_k_signatures_wait_and_k_are_written_together():
    petition = make_petition()
    sign_in_order(petition, K - 1)
    services.refresh_count(petition=petition)
    assert Signature.objects.count() == 0 and PendingSignature.objects.count() == K - 1

    sign_in_order(petition, 1, start=K - 1)
    services.refresh_count(petition=petition)
    assert Signature.objects.count() == K and PendingSignature.objects.count() == 0
    assert set(Signature.objects.values_list("batch", flat=True)) == {1}


def test_a_lone_signature_is_written_after_the_maximum_delay_but_not_yet_published(settings):
    petition = make_petition()
    sign_in_order(petition, 2)
    later = timezone.now() + datetime.timedelta(hours=settings.PETITIONS_BATCH_MAX_HOURS, minutes=1)
    with time_machine.travel(later):
        petition = services.refresh_count(petition=petition)
    assert Signature.objects.count() == 2
    assert petition.counted == 0  # published only once k are new, or at closing


def test_a_retired_pool_is_written_only_after_the_grace_period(settings):
    settings.PETITIONS_POOL_GRACE_SECONDS = 30
    petition = make_petition()
    sign_in_order(petition, K)
    services.refresh_count(petition=petition)  # retires the pool key, writes nothing yet
    assert Signature.objects.count() == 0 and PendingSignature.objects.count() == K
    sign_in_order(petition, 1, start=K)  # goes to the new pool, not the retired one

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
        services.refresh_count(petition=petition)
    assert Signature.objects.count() == K and PendingSignature.objects.count() == 1


def test_closing_writes_a_smaller_final_batch_and_the_delivery_says_so():
    petition = make_petition()
    sign_in_order(petition, 3)
    services.close_petition(petition=petition)
    petition.refresh_from_db()
    assert Signature.objects.count() == 3 and petition.final_batch_size == 3
    assert services.refresh_count(petition=petition).counted == 3

    services.build_delivery(petition=petition, render=documents.delivery_pdf)
    text = text_of(services.delivery_pdf(petition=petition))
    assert "The last batch, written when the petition closed, held 3 signatures" in text


def test_every_signature_of_a_batch_carries_the_day_the_batch_was_written():
    """Not the day of each confirmation: a batch spanning midnight would split in two."""
    petition = make_petition()
    evening = timezone.now().replace(hour=23, minute=50)
    with time_machine.travel(evening, tick=False):
        sign_in_order(petition, K // 2)
    with time_machine.travel(evening + datetime.timedelta(minutes=20), tick=False):
        sign_in_order(petition, K - K // 2, start=K // 2)
        services.refresh_count(petition=petition)
        written_on = timezone.localdate()
    assert set(Signature.objects.values_list("signed_on", flat=True)) == {written_on}
