"""Real Celery worker processes and throwaway Redis servers, for the tests that need them.

A worker is a separate process on the PostgreSQL test database, so these run in the PostgreSQL
and Redis pass only."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from tests.reliability.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def require_postgres_and_redis() -> None:
    if connection.vendor != "postgresql" or not settings.CACHE_URL.startswith("redis"):
        pytest.skip("needs PostgreSQL and Redis; runs in the second pass of make test")


def database_url() -> str:
    """The test database, for a worker process to use."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def forget_broker_connections() -> None:
    # The app keeps the pools it opened for the broker it first saw; drop them so the next
    # message goes to the broker just configured (Celery does the same after a fork).
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def sending_to(broker: str):
    """This process sends its tasks to `broker` instead of running them eagerly."""
    eager, before = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.update(broker_url=broker, task_always_eager=False)
    forget_broker_connections()
    try:
        yield
    finally:
        celery_app.conf.update(broker_url=before, task_always_eager=eager)
        forget_broker_connections()


WORKER_ARGS = ["-A", "config", "worker", "--pool", "solo", "--without-gossip",
               "--without-mingle", "--without-heartbeat", "--loglevel", "info"]  # fmt: skip


def start_worker(*, broker: str, log: Path, env: dict | None = None, preamble: str = ""):
    """A worker process in a process group of its own; `preamble` is Python run before Celery
    starts in it (a test-only patch, say). Returns once the worker is ready."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        # The test's own petition keys and batching, so the worker can write pooled signatures.
        "PETITIONS_KEY_DIR": str(settings.PETITIONS_KEY_DIR),
        "PETITIONS_BATCH_MIN": str(settings.PETITIONS_BATCH_MIN),
        "PETITIONS_POOL_GRACE_SECONDS": str(settings.PETITIONS_POOL_GRACE_SECONDS),
        **(env or {}),
    }
    if preamble:
        start = f"{preamble}\nimport sys\nfrom celery.__main__ import main\n"
        start += "sys.argv[0] = 'celery'\nmain()"
        command = [sys.executable, "-c", start, *WORKER_ARGS]
    else:
        command = [sys.executable, "-m", "celery", *WORKER_ARGS]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=environment, cwd=ROOT,
            start_new_session=True,
        )  # fmt: skip
    try:
        wait_for(
            lambda: "ready." in log.read_text() or process.poll() is not None,
            seconds=60,
            what="the worker to start",
        )
    except AssertionError:
        stop_worker(process)
        raise
    if process.poll() is not None:
        raise AssertionError(f"the worker exited:\n{log.read_text()}")
    return process


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


class RedisServer:
    """A redis-server of the test's own on a free loopback port, with nothing kept on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        with (self.folder / f"redis-{self.port}.log").open("a") as output:
            self.process = subprocess.Popen(
                [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--daemonize", "no",
                 "--dir", str(self.folder)],
                stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_for(self._answers, seconds=10, what="redis-server to start")

    def _answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url(0), socket_connect_timeout=1).ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
