"""The petition key store: pure, on a folder of the test's own."""

import base64
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
    assert (
        base64.b64encode(first.key).decode()
        not in (tmp_path / "petition-1" / "pool.json").read_text()
    )


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


def test_another_process_may_reuse_the_current_pool_key_only_for_its_short_window(tmp_path):
    writer = KeyStore(tmp_path)
    reader = KeyStore(tmp_path, current_key_max_age=3600)
    never = KeyStore(tmp_path)
    writer.create(9, now=0.0)
    old = reader.current_pool_key(9).epoch
    writer.rotate_pool_key(9, now=1.0)

    assert reader.current_pool_key(9).epoch == old  # within its window: the retired key
    assert never.current_pool_key(9).epoch != old  # no window: always the file
