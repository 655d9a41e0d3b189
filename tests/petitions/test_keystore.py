"""The petition key store: pure, on a folder of the test's own."""

import stat

import pytest

from petitions.keystore import HASH_KEY_BYTES, KeyDestroyed, KeyStore


def test_a_new_petition_gets_a_random_hash_key_and_a_pool_key_readable_only_by_the_app(tmp_path):
    store = KeyStore(tmp_path)
    store.create(7, now=100.0)
    store.create(7, now=200.0)  # idempotent: the keys stay

    folder = tmp_path / "petition-7"
    assert len(store.hash_key(7)) == HASH_KEY_BYTES
    assert stat.S_IMODE((folder / "hash.key").stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert store.current_pool_key(7).since == 100.0


def test_rotating_retires_the_pool_key_until_it_is_destroyed(tmp_path):
    store = KeyStore(tmp_path)
    store.create(1, now=0.0)
    first = store.current_pool_key(1)

    retired = store.rotate_pool_key(1, now=50.0)

    assert retired.epoch == first.epoch and retired.retired and retired.since == 50.0
    assert store.current_pool_key(1).epoch != first.epoch
    assert store.pool_key(1, first.epoch) == first.key
    store.destroy_pool_key(1, first.epoch)
    assert store.pool_key(1, first.epoch) is None
    assert first.key.decode() not in (tmp_path / "petition-1" / "pool.json").read_text()


def test_destroying_a_petitions_keys_leaves_nothing_to_read(tmp_path):
    store = KeyStore(tmp_path)
    store.create(3, now=0.0)
    store.destroy(3)

    assert not (tmp_path / "petition-3").exists() and not store.has_keys(3)
    with pytest.raises(KeyDestroyed):
        store.hash_key(3)
    with pytest.raises(KeyDestroyed):
        store.current_pool_key(3)
    assert store.petition_ids() == set()


def test_a_second_store_on_the_same_folder_sees_a_rotation(tmp_path):
    """Each web process has its own store object; all share the folder."""
    one, two = KeyStore(tmp_path), KeyStore(tmp_path)
    one.create(5, now=0.0)
    before = two.current_pool_key(5).epoch
    one.rotate_pool_key(5, now=1.0)
    assert two.current_pool_key(5).epoch != before
