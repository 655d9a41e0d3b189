"""The staff-list attack: an operator with a dump and the environment file hashes every
employee's address and looks for the digests."""

from pathlib import Path

import pytest
from django.conf import settings

from petitions import anonymity, services
from petitions.keystore import KeyDestroyed
from petitions.models import Petition, SignerHash
from tests.support.anonymity import K, make_petition, sign_in_order
from tests.support.storage import every_table_as_text

pytestmark = pytest.mark.django_db

STAFF = [f"worker{n:03d}@example.org" for n in range(3 * K)]


def digests_from(key: bytes, petition: Petition) -> set[str]:
    return {anonymity.signer_hash(key=key, petition_id=petition.pk, address=a) for a in STAFF}


def test_no_key_in_the_environment_or_the_dump_turns_a_staff_list_into_signer_hashes():
    petition = make_petition()
    sign_in_order(petition, 2 * K)
    stored = set(SignerHash.objects.values_list("digest", flat=True))
    environment_keys = [
        settings.SECRET_KEY,
        settings.PETITIONS_HASH_KEY,
        *settings.PETITIONS_SIGNING_KEYS,
        *settings.STANDING_ENCRYPTION_KEYS,
    ]
    for key in environment_keys:
        assert digests_from(key.encode().ljust(32, b"\0"), petition).isdisjoint(stored)
    # The key that does work is in the petition's key folder, not in the database.
    live_key = services.pool.key_store().hash_key(petition.pk)
    assert len(digests_from(live_key, petition) & stored) == 2 * K  # the honest limit
    dump = every_table_as_text()
    assert live_key.hex() not in dump and live_key.decode("latin-1") not in dump


def test_after_the_purge_no_key_remains_to_test_an_address_with():
    petition = make_petition()
    sign_in_order(petition, K)
    services.close_petition(petition=petition)
    Petition.objects.filter(pk=petition.pk).update(closed_on="2000-01-01")

    assert services.purge_expired_hashes() == 1
    with pytest.raises(KeyDestroyed):
        services.pool.key_store().hash_key(petition.pk)
    folder = Path(services.pool.key_directory()) / f"petition-{petition.pk}"
    assert not folder.exists()


def test_each_petition_has_its_own_random_key():
    first, second = make_petition(), make_petition()
    store = services.pool.key_store()
    assert store.hash_key(first.pk) != store.hash_key(second.pk)
    assert len(store.hash_key(first.pk)) == 32


def test_the_keys_of_a_deleted_petition_are_destroyed_at_the_next_purge():
    kept, deleted = make_petition(), make_petition()
    sign_in_order(deleted, 2)
    store = services.pool.key_store()
    Petition.objects.filter(pk=deleted.pk).delete()  # say, with its organiser's account

    services.purge_expired_hashes()

    assert not store.has_keys(deleted.pk) and store.has_keys(kept.pk)
