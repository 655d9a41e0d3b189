"""The pending pool: confirmed signatures wait here, encrypted, and are written in batches.

docs/architecture.md, invariant 2. Confirming writes the dedupe claim and an encrypted pending
row in one transaction. A flush later writes the waiting signatures of a retired pool key as
Signature rows, in random order, in one transaction of its own, and then destroys that key.
So a dump, the WAL or dead tuples show a signature's dedupe claim beside a ciphertext nobody
can open, and the signature itself among at least PETITIONS_BATCH_MIN others written at once.
"""

import functools
import random
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .. import anonymity
from ..keystore import KeyDestroyed, KeyStore
from ..models import PendingSignature, Petition, Signature
from . import postgres

_shuffle = random.SystemRandom().shuffle


def key_store() -> KeyStore:
    # The current pool key may be reused for a second, or half the grace if shorter: a
    # confirmation never uses a key retired longer ago than that, let alone a destroyed one.
    reuse = min(1.0, settings.PETITIONS_POOL_GRACE_SECONDS / 2)
    return _key_store(str(key_directory()), reuse)


@functools.cache
def _key_store(directory: str, current_key_max_age: float) -> KeyStore:
    return KeyStore(directory, current_key_max_age=current_key_max_age)


def key_directory():
    return settings.PETITIONS_KEY_DIR or settings.VAR_DIR / "petition-keys"


def batch_min() -> int:
    return max(1, settings.PETITIONS_BATCH_MIN)


# Writing a pending signature


def pending_row(*, petition_id: int, receipt_hash: str, name: str, comment: str) -> dict:
    """The columns of a pending row, sealed under the petition's current pool key."""
    pool = key_store().current_pool_key(petition_id)
    sealed = anonymity.seal_pending(
        key=pool.key, receipt_hash=receipt_hash, name=name, comment=comment
    )
    return {
        "epoch": pool.epoch,
        "lookup": anonymity.pending_lookup(key=pool.key, receipt_hash=receipt_hash),
        "sealed": sealed,
    }


# Finding a pending signature by its receipt


def _pending_lookups(petition_id: int, receipt_hash: str) -> list[str]:
    try:
        keys = key_store().pool_keys(petition_id)
    except KeyDestroyed:
        return []
    return [anonymity.pending_lookup(key=k.key, receipt_hash=receipt_hash) for k in keys]


def is_pending(*, petition: Petition, receipt_hash: str) -> bool:
    return _pending_rows(petition.pk, receipt_hash, delete=False) > 0


def withdraw_pending(*, petition: Petition, receipt_hash: str) -> bool:
    return _pending_rows(petition.pk, receipt_hash, delete=True) > 0


def _pending_rows(petition_id: int, receipt_hash: str, *, delete: bool) -> int:
    lookups = _pending_lookups(petition_id, receipt_hash)
    if not lookups:
        return 0
    return postgres.find_or_delete(
        rows=PendingSignature.objects.filter(petition_id=petition_id, lookup__in=lookups),
        where="petition_id = %(petition)s AND lookup = ANY(%(lookups)s)",
        params={"petition": petition_id, "lookups": lookups},
        delete=delete,
    )


# Flushing


def flush_pool(*, petition: Petition, final: bool = False) -> int:
    """Write the waiting signatures whose batch is due; the number written.

    Two steps, each on its own schedule. A retired pool key's signatures are written once
    PETITIONS_POOL_GRACE_SECONDS have passed since it was retired, so a confirmation that read
    the key just before it retired has long committed. The current key is retired once it
    holds PETITIONS_BATCH_MIN signatures, or has held some for PETITIONS_BATCH_MAX_HOURS, or
    the petition has closed (``final``).
    """
    store = key_store()
    try:
        with store.locked(petition.pk):
            written = _write_retired(petition, store, final=final)
            if _retire_current_if_due(petition, store, final=final) and _no_grace(final):
                written += _write_retired(petition, store, final=final)
    except KeyDestroyed:
        return 0
    return written


def _no_grace(final: bool) -> bool:
    return final or settings.PETITIONS_POOL_GRACE_SECONDS <= 0


def _retire_current_if_due(petition: Petition, store: KeyStore, *, final: bool) -> bool:
    current = store.current_pool_key(petition.pk)
    waiting = PendingSignature.objects.filter(petition=petition, epoch=current.epoch).count()
    now = time.time()
    if not waiting:
        # An empty pool restarts its clock: the pool's age then bounds its oldest signature.
        store.restart_pool_epoch(petition.pk, now=now)
        return False
    too_old = now - current.since >= settings.PETITIONS_BATCH_MAX_HOURS * 3600
    if waiting >= batch_min() or too_old or final:
        store.rotate_pool_key(petition.pk, now=now)
        return True
    return False


def _write_retired(petition: Petition, store: KeyStore, *, final: bool) -> int:
    grace = 0 if final else settings.PETITIONS_POOL_GRACE_SECONDS
    due = [k for k in store.pool_keys(petition.pk) if k.retired and time.time() - k.since >= grace]
    if not due:
        return 0
    keys = {k.epoch: k.key for k in due}
    written = _write_batch(petition, keys, final=final)
    for epoch in keys:
        # A key goes only once none of its signatures wait: nothing is ever left unreadable.
        if not PendingSignature.objects.filter(petition=petition, epoch=epoch).exists():
            store.destroy_pool_key(petition.pk, epoch)
    return written


def _write_batch(petition: Petition, keys: dict[str, bytes], *, final: bool) -> int:
    with transaction.atomic():
        rows = list(
            PendingSignature.objects.select_for_update().filter(
                petition=petition, epoch__in=list(keys)
            )
        )
        if not rows:
            return 0
        flushed = Petition.objects.select_for_update().values_list("batches_flushed", flat=True)
        batch = flushed.get(pk=petition.pk) + 1
        today = timezone.localdate()
        signatures = [_signature(petition, row, keys[row.epoch], batch, today) for row in rows]
        _shuffle(signatures)
        Signature.objects.bulk_create(signatures)
        PendingSignature.objects.filter(pk__in=[row.pk for row in rows]).delete()
        small_final = final and len(signatures) < batch_min()
        Petition.objects.filter(pk=petition.pk).update(
            batches_flushed=batch,
            **({"final_batch_size": len(signatures)} if small_final else {}),
        )
    return len(signatures)


def _signature(petition: Petition, row: PendingSignature, key: bytes, batch: int, day) -> Signature:
    content = anonymity.open_pending(key=key, sealed=row.sealed)
    return Signature(
        petition=petition,
        public_name=content["name"],
        comment=content["comment"],
        receipt_hash=content["receipt_hash"],
        # The day the batch is written, the same for every signature in it: the day of each
        # confirmation would split a batch that spans midnight into smaller groups.
        signed_on=day,
        batch=batch,
    )


def flush_due_pools() -> int:
    """Beat: flush every petition that may have signatures waiting."""
    written = 0
    waiting = PendingSignature.objects.values_list("petition_id", flat=True).distinct()
    for petition in Petition.objects.filter(pk__in=list(waiting)):
        final = petition.status == Petition.Status.CLOSED
        written += flush_pool(petition=petition, final=final)
    return written


# Publishing


def publish_if_due(*, petition: Petition) -> None:
    """Make flushed batches public once at least PETITIONS_BATCH_MIN new signatures wait.

    So the public count and receipt list change in steps of k or more: polling them cannot
    place one signature in time. At closing, the rest is published whatever its size.
    """
    fresh = Petition.objects.get(pk=petition.pk)
    unpublished = Signature.objects.filter(petition=petition, batch__gt=fresh.published_batch)
    closed = fresh.status == Petition.Status.CLOSED
    count = unpublished.count()
    if count and (count >= batch_min() or closed):
        latest = unpublished.aggregate(n=Max("batch"))["n"]
        Petition.objects.filter(pk=petition.pk).update(published_batch=latest)
    petition.published_batch = Petition.objects.values_list("published_batch", flat=True).get(
        pk=petition.pk
    )


def published_signatures(petition: Petition):
    return petition.signatures.filter(batch__lte=petition.published_batch)
