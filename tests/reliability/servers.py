"""Throwaway servers for the reliability tests, each on a free loopback port: a PostgreSQL
cluster of the test's own (so it can be restarted without touching anyone else's) and gunicorn
serving the app against it. Everything is stopped by the fixtures that start it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "reliability-test-secret-key-long-enough-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return versions[-1].parent if versions else None


def _as_postgres_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI runs as root, a developer usually does not.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class Cluster:
    """A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 only."""

    data: Path
    port: int
    bin: Path

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/standing"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres_user([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", *args]),
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} -c fsync=on"
        self._ctl("-o", options, "-l", str(self.data / "server.log"), "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def remove(self) -> None:
        postmaster = self._postmaster_pid()
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.stop()
        # A server pg_ctl could not stop must not outlive the test, serving a deleted folder.
        if postmaster is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(postmaster, signal.SIGKILL)
        shutil.rmtree(self.data, ignore_errors=True)

    def _postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def restart(self) -> None:
        self.stop()
        self.start()

    @classmethod
    def create(cls) -> Cluster:
        binaries = postgres_bin()
        if binaries is None:
            raise RuntimeError("PostgreSQL's server binaries are not installed")
        # Not under pytest's tmp_path: as root that is closed to the postgres user.
        data = Path(tempfile.mkdtemp(prefix="standing-pg-"))
        if os.geteuid() == 0:
            shutil.chown(data, "postgres")
        subprocess.run(
            _as_postgres_user([str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                               "--auth=trust", "--no-sync", "-E", "UTF8"]),
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        cluster = cls(data=data, port=free_port(), bin=binaries)
        cluster.start()
        subprocess.run(
            [str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port),
             "-U", "postgres", "standing"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        return cluster


# One key directory for the seeding process, every gunicorn and the flush: they share petitions.
KEY_DIR = tempfile.mkdtemp(prefix="standing-petition-keys-")
# Outside DEBUG the pages name hashed static files, so each run collects them once, here.
STATIC_ROOT = tempfile.mkdtemp(prefix="standing-static-")
_collected: list[bool] = []


def app_environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "CACHE_URL": "",
        "CELERY_BROKER_URL": "",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_DEBUG": "false",
        # Every client here is 127.0.0.1: the limit stays on the path but is never reached.
        "PETITIONS_CONFIRM_RATE": "100000000/h",
        "PETITIONS_SIGN_RATE": "100000000/h",
        "PETITIONS_KEY_DIR": KEY_DIR,
        "DJANGO_STATIC_ROOT": STATIC_ROOT,
        # The flush the tests run afterwards writes everything confirmed so far.
        "PETITIONS_POOL_GRACE_SECONDS": "0",
        "PYTHONPATH": str(ROOT),
    }


def collect_static(database_url: str) -> None:
    """Collect the static files as a release does (Django's admin files left out), once."""
    if _collected:
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--ignore", "admin",
         "--verbosity", "0"],
        cwd=ROOT, env=app_environment(database_url), check=True, timeout=300,
    )  # fmt: skip
    _collected.append(True)


def seed_petition(database_url: str, folder: Path, *, signers: int, duplicates: int) -> dict:
    """Migrate the database, create a live petition and seal confirmation links.

    Returns {"slug", "links", "duplicates"}: one link per distinct signer, and for the first
    `duplicates` signers a second link (a fresh seal of the same address)."""
    out = folder / "seed.json"
    subprocess.run(
        [sys.executable, "-m", "tests.reliability.seed", str(out), str(signers), str(duplicates)],
        cwd=ROOT, env=app_environment(database_url), check=True, timeout=600,
    )  # fmt: skip
    return json.loads(out.read_text())


def flush_signatures(database_url: str) -> None:
    """Write every pooled signature, as beat would, so the tests can count the rows."""
    subprocess.run(
        [sys.executable, "manage.py", "flush_signatures"],
        cwd=ROOT, env=app_environment(database_url), check=True, timeout=600, capture_output=True,
    )  # fmt: skip


class Gunicorn:
    def __init__(
        self,
        database_url: str,
        folder: Path,
        workers: int = 4,
        env: dict[str, str] | None = None,
        access_log: bool = False,
    ) -> None:
        collect_static(database_url)
        self.port = free_port()
        self.path = folder / f"gunicorn-{self.port}.log"
        self.log = self.path.open("w")
        # "-" with no --access-logformat: gunicorn's default access-log format, to the log.
        logging = ["--access-logfile", "-"] if access_log else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
             "--chdir", str(ROOT), "--timeout", "60", *logging],
            env={**app_environment(database_url), **(env or {})},
            stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait_until_serving()

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited before serving")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=2):  # noqa: S310 (loopback)
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start serving")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
