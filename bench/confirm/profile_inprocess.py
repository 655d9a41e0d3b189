"""Profile the confirm view and the bare insert in one process, through the real WSGI handler.

    .venv/bin/python bench/confirm/profile_inprocess.py [--requests 3000] [--profile confirm|bare]
        [--dump PREFIX]

Same database set-up as bench/confirm_throughput.py (a throwaway PostgreSQL database, Redis as
the cache), but no gunicorn or wrk: each request is a WSGI call with the CSRF cookie and header,
so the figures are the Python cost of the whole middleware stack and view, per request, with
the database and Redis round trips included. Prints each kind's wall time and the process's CPU
time per request, interleaved in blocks of 100; with --profile the top of a cProfile listing
(CPU clock) for one kind, with --dump both kinds' cProfile stats for pstats.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import confirm_throughput as bench  # noqa: E402

CSRF = "b" * 32


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_COOKIE": f"csrftoken={CSRF}",
        "HTTP_X_CSRFTOKEN": CSRF,
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": "0",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(app, path: str) -> tuple[float, float]:
    """Wall and CPU seconds of this process for one request."""
    statuses = []
    start, start_cpu = time.perf_counter(), time.process_time()
    body = app(environ(path), lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{path}: {statuses[0]}")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests of each kind")
    parser.add_argument("--profile", choices=["confirm", "bare"])
    parser.add_argument("--dump", help="write each kind's cProfile stats to DUMP-<kind>.pstats")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    env = bench.server_environment(bench.recreate_database(args.postgres), args.redis)
    os.environ.update(env)
    confirm, bare = bench.set_up_petitions()
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    app = get_wsgi_application()
    confirm_paths = bench.sealed_links(confirm, 0, args.requests + 200)
    to_bare = (f"petitions/{confirm.slug}/confirm", f"bench/bare/{bare.pk}")
    bare_paths = [path.replace(*to_bare) for path in confirm_paths]
    for path in confirm_paths[-200:]:  # warm up both
        call(app, path)
        call(app, path.replace(*to_bare))
    times = {"confirm": [], "bare": []}
    profilers = {kind: cProfile.Profile(time.process_time) for kind in ("confirm", "bare")}
    block = 100
    for first in range(0, args.requests, block):
        for kind, paths in (("confirm", confirm_paths), ("bare", bare_paths)):
            profiling = args.profile == kind or args.dump
            if profiling:
                profilers[kind].enable()
            times[kind] += [call(app, path) for path in paths[first : first + block]]
            if profiling:
                profilers[kind].disable()
    for kind, pairs in times.items():
        wall, cpu = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
        print(
            f"{kind:8s} wall median {statistics.median(wall) * 1000:.3f} ms, "
            f"mean {statistics.mean(wall) * 1000:.3f} ms; "
            f"Python CPU mean {statistics.mean(cpu) * 1000:.3f} ms ({len(pairs)} requests)"
        )
    if args.dump:
        for kind, profiler in profilers.items():
            profiler.dump_stats(f"{args.dump}-{kind}.pstats")
    if args.profile:
        stats = pstats.Stats(profilers[args.profile]).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
    connection.close()
    bench.drop_database(args.postgres)


if __name__ == "__main__":
    main()
