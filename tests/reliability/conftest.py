"""Real Celery workers and throwaway Redis servers for the tests in this folder; the helpers
are in tests/support/workers.py, which tests/petitions/test_worker.py uses too."""

import shutil
import subprocess

import pytest

from tests.support.workers import RedisServer, require_postgres_and_redis, start_worker, stop_worker


@pytest.fixture
def redis_server(tmp_path):
    require_postgres_and_redis()
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def workers(tmp_path):
    """start(name, broker=..., ...) -> (process, log); each is stopped after the test."""
    started: list[subprocess.Popen] = []

    def start(name: str, **kwargs):
        log = tmp_path / f"{name}.log"
        started.append(start_worker(log=log, **kwargs))
        return started[-1], log

    yield start
    for process in started:
        stop_worker(process)
