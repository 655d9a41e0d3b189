"""Per-petition keys kept outside the database, in a directory of their own.

Pure: no Django. The directory is passed in (settings.PETITIONS_KEY_DIR in the app).

Two kinds of key live here (docs/architecture.md, "Petition keys"):

* the **hash key**, random per petition, under which signer addresses and signing codes become
  duplicate-prevention digests. It is destroyed at the retention purge, so that a dump, a WAL
  copy or a backup of those digests can no longer be tested against a staff list.
* the **pool keys**, under which confirmed signatures wait, encrypted, until a batch flush
  writes them out in shuffled order. One is current; at a flush it is retired, and once its
  signatures are written it is destroyed, so copies of the pending rows left in the WAL or in
  dead tuples cannot be read any more.

Whoever holds this directory while a petition is live can test an address for membership.
Keep it apart from database dumps and backups.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HASH_KEY_BYTES = 32
POOL_KEY_BYTES = 32  # AES-256-GCM (petitions.anonymity.seal_pending)
_HASH_FILE = "hash.key"
_POOL_FILE = "pool.json"
_LOCK_FILE = "lock"


class KeyDestroyed(LookupError):
    """The petition's keys were destroyed at the retention purge (or never made)."""


@dataclass(frozen=True)
class PoolKey:
    epoch: str
    key: bytes
    since: float  # when this key became current (epoch start) or was retired
    retired: bool = False


class KeyStore:
    def __init__(self, directory: str | os.PathLike, *, current_key_max_age: float = 0) -> None:
        self.directory = Path(directory)
        # Confirming reads the current pool key on every request. It may be reused for this
        # long: keep it well below the grace period, after which a retired key can be destroyed.
        self.current_key_max_age = current_key_max_age
        self._current: dict[int, tuple[float, PoolKey]] = {}

    # --- hash keys ----------------------------------------------------------------------

    def create(self, petition_id: int, *, now: float) -> None:
        """Make the petition's hash key and first pool key; idempotent."""
        folder = self._folder(petition_id)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            _write_new(folder / _HASH_FILE, secrets.token_bytes(HASH_KEY_BYTES))
        with self.locked(petition_id):
            if not (folder / _POOL_FILE).exists():
                self._save_pool(petition_id, {"current": _new_pool_entry(now), "retired": []})

    def hash_key(self, petition_id: int) -> bytes:
        try:
            return (self._folder(petition_id) / _HASH_FILE).read_bytes()
        except FileNotFoundError as error:
            raise KeyDestroyed(petition_id) from error

    def has_keys(self, petition_id: int) -> bool:
        return (self._folder(petition_id) / _HASH_FILE).exists()

    def destroy(self, petition_id: int) -> None:
        """Overwrite, then delete, every key of the petition."""
        folder = self._folder(petition_id)
        if not folder.exists():
            return
        for path in folder.iterdir():
            _overwrite(path)
        shutil.rmtree(folder, ignore_errors=True)
        self._current.pop(petition_id, None)

    def petition_ids(self) -> set[int]:
        """Every petition that has a key folder here."""
        if not self.directory.exists():
            return set()
        names = (path.name for path in self.directory.iterdir() if path.is_dir())
        return {int(name.split("-", 1)[1]) for name in names if name.startswith("petition-")}

    # --- pool keys ----------------------------------------------------------------------

    def current_pool_key(self, petition_id: int) -> PoolKey:
        read_at, key = self._current.get(petition_id, (0.0, None))
        if key is not None and time.monotonic() - read_at < self.current_key_max_age:
            return key
        key = _pool_key(self._pool(petition_id)["current"])
        self._current[petition_id] = (time.monotonic(), key)
        return key

    def pool_keys(self, petition_id: int) -> list[PoolKey]:
        """The current key first, then the retired ones still holding pending signatures."""
        pool = self._pool(petition_id)
        retired = [_pool_key(entry, retired=True) for entry in pool["retired"]]
        return [_pool_key(pool["current"]), *retired]

    def pool_key(self, petition_id: int, epoch: str) -> bytes | None:
        for key in self.pool_keys(petition_id):
            if key.epoch == epoch:
                return key.key
        return None

    def rotate_pool_key(self, petition_id: int, *, now: float) -> PoolKey:
        """Retire the current key (returned) and start a new one. Hold locked() around it."""
        pool = self._pool(petition_id)
        retired = {**pool["current"], "since": now}
        pool = {"current": _new_pool_entry(now), "retired": [*pool["retired"], retired]}
        self._save_pool(petition_id, pool)
        return _pool_key(retired, retired=True)

    def destroy_pool_key(self, petition_id: int, epoch: str) -> None:
        pool = self._pool(petition_id)
        pool["retired"] = [entry for entry in pool["retired"] if entry["epoch"] != epoch]
        self._save_pool(petition_id, pool)

    def restart_pool_epoch(self, petition_id: int, *, now: float) -> None:
        """An empty current pool restarts its clock, so its age bounds its oldest signature."""
        pool = self._pool(petition_id)
        pool["current"] = {**pool["current"], "since": now}
        self._save_pool(petition_id, pool)

    @contextlib.contextmanager
    def locked(self, petition_id: int) -> Iterator[None]:
        """One flusher at a time per petition, across processes on this host."""
        folder = self._folder(petition_id)
        if not folder.exists():
            raise KeyDestroyed(petition_id)
        with open(folder / _LOCK_FILE, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # --- files --------------------------------------------------------------------------

    def _folder(self, petition_id: int) -> Path:
        return self.directory / f"petition-{int(petition_id)}"

    def _pool(self, petition_id: int) -> dict:
        # Read afresh every time: another process may have rotated the key a moment ago, and a
        # stale current key could outlive its destruction. A small file: tens of microseconds.
        try:
            return json.loads((self._folder(petition_id) / _POOL_FILE).read_text())
        except FileNotFoundError as error:
            raise KeyDestroyed(petition_id) from error

    def _save_pool(self, petition_id: int, pool: dict) -> None:
        self._current.pop(petition_id, None)
        folder = self._folder(petition_id)
        old = folder / _POOL_FILE
        temporary = folder / f"{_POOL_FILE}.{secrets.token_hex(4)}"
        _write_new(temporary, json.dumps(pool).encode())
        if old.exists():
            _overwrite(old)  # the replaced file held keys that may now be destroyed
        os.replace(temporary, old)
        _sync_directory(folder)


def _new_pool_entry(now: float) -> dict:
    key = base64.b64encode(secrets.token_bytes(POOL_KEY_BYTES)).decode()
    return {"epoch": secrets.token_hex(8), "key": key, "since": now}


def _pool_key(entry: dict, retired: bool = False) -> PoolKey:
    return PoolKey(
        epoch=entry["epoch"],
        key=base64.b64decode(entry["key"]),
        since=entry["since"],
        retired=retired,
    )


def _write_new(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _overwrite(path: Path) -> None:
    # Best effort: on a journalling or copy-on-write file system old blocks may survive. The
    # operator guide says to keep this directory on storage that is not snapshotted.
    with contextlib.suppress(OSError), open(path, "r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(0)
        handle.write(b"\0" * size)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
