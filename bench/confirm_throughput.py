"""Benchmark: confirm-signature throughput and p99 latency against a bare one-row insert.

One gunicorn server on 127.0.0.1 serves the app from a throwaway PostgreSQL database, with Redis
as the cache. wrk posts pre-sealed confirmation links, each for a distinct signer, and in
alternating rounds of the same length posts to a bare Django view that inserts one signature row
and nothing else. Both requests pass the same middleware, CSRF check included.

    .venv/bin/python bench/confirm_throughput.py [--seconds 10] [--rounds 3] [--connections 16]
        [--workers 4] [--postgres URL] [--redis URL]

Needs wrk (Debian's package wrk), a PostgreSQL server and a Redis server.
"""

import argparse
import datetime
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LUA = ROOT / "bench" / "confirm" / "post_paths.lua"
DATABASE = "standing_bench_confirm"
UK_PARLIAMENT_PEAK_PER_MINUTE = 2_000
KEY_DIR = tempfile.mkdtemp(prefix="standing-bench-keys-")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each kind, alternating")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--tokens", type=int, default=20_000, help="sealed links per round")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    return parser.parse_args()


def recreate_database(admin_url: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return admin_url.rsplit("/", 1)[0] + "/" + DATABASE


def drop_database(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def server_environment(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "bench.confirm.settings",
        "DATABASE_URL": database_url,
        "CACHE_URL": redis_url,
        "DJANGO_SECRET_KEY": "bench-only-secret-key-that-is-long-enough-0123456789",
        # The limit stays on the path (its cache round trip is part of the cost), never reached.
        "PETITIONS_CONFIRM_RATE": "100000000/h",
        # The setup process and every gunicorn worker read the same petition keys.
        "PETITIONS_KEY_DIR": KEY_DIR,
        "PYTHONPATH": str(ROOT),
    }


def set_up_petitions():
    import django
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from petitions import services
    from petitions.models import Petition

    organiser = get_user_model().objects.create_user(
        username="bench", email="organiser@example.org", password=None
    )

    def petition(title: str) -> Petition:
        return services.create_petition(
            organiser=organiser,
            data=services.PetitionInput(
                title=title,
                body="We object to keystroke logging for model training.",
                employer="Example Corp",
                decision_maker="The CEO",
                demands="Stop it.",
                goal=100_000,
                closes_on=datetime.date(2099, 1, 1),
                group_name="Workers",
                visibility=Petition.Visibility.UNLISTED,
                eligibility=Petition.Eligibility.EMAIL,
            ),
        )

    return petition("Confirm benchmark"), petition("Bare insert benchmark")


def sealed_links(petition, first: int, count: int) -> list[str]:
    from petitions import services

    return [
        f"/petitions/{petition.slug}/confirm/"
        + services.seal_signature(petition=petition, address=f"worker{n}@example.org")
        + "/"
        for n in range(first, first + count)
    ]


def write_paths(folder: Path, name: str, paths: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(paths) + "\n")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--chdir", str(ROOT),
        ],
        env={**os.environ, **env},
    )  # fmt: skip
    return server


def wait_until_serving(url: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before serving")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start serving")


def cpu_seconds_by_process(server_pid: int) -> dict[int, tuple[str, float]]:
    """CPU time so far of the server's workers, PostgreSQL and Redis, read from /proc.

    PostgreSQL counts only the backends serving the benchmark's database (their process title
    names it): the shared background processes, and the backends of anything else running on
    the machine, are left out. Redis is one shared server, counted whole.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    seen = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            name = (entry / "comm").read_text().strip()
            title = (entry / "cmdline").read_bytes() if name.startswith("postgres") else b""
        except OSError:
            continue
        parent, cpu = int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks
        group = (
            "gunicorn" if parent == server_pid
            else "postgres" if f" {DATABASE} ".encode() in title
            else "redis" if name.startswith("redis-server")
            else None
        )  # fmt: skip
        if group:
            seen[int(entry.name)] = (group, cpu)
    return seen


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds per group between two readings; a process that exited meanwhile is lost."""
    used = {"gunicorn": 0.0, "postgres": 0.0, "redis": 0.0}
    for pid, (group, cpu) in after.items():
        used[group] += cpu - before.get(pid, (group, 0.0))[1]
    return used


def run_wrk(base: str, paths_file: Path, seconds: int, connections: int, server_pid: int) -> dict:
    before = cpu_seconds_by_process(server_pid)
    result = subprocess.run(
        [
            "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(LUA), base,
            "--", str(paths_file),
        ],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    used = cpu_used(before, cpu_seconds_by_process(server_pid))
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["cpu_ms"] = {
        group: seconds * 1000 / max(figures["requests"], 1) for group, seconds in used.items()
    }
    return figures


def signatures_of(petition) -> int:
    """Signatures taken: written, or confirmed and waiting in the pool for their batch."""
    from django.db import connection

    from petitions.models import PendingSignature

    waiting = PendingSignature.objects.filter(petition=petition).count()
    count = petition.signatures.count() + waiting
    connection.close()
    return count


def cpu_line(cpu_ms: dict[str, float]) -> str:
    return "CPU ms/request: " + ", ".join(f"{group} {ms:.2f}" for group, ms in cpu_ms.items())


def summarise(kind: str, rounds: list[dict]) -> dict:
    return {
        "cpu_ms": {
            group: statistics.median(r["cpu_ms"][group] for r in rounds)
            for group in rounds[0]["cpu_ms"]
        },
        "kind": kind,
        "rps": statistics.median(r["rps"] for r in rounds),
        "p50_ms": statistics.median(r["p50_us"] for r in rounds) / 1000,
        "p99_ms": max(r["p99_us"] for r in rounds) / 1000,
        "requests": sum(r["requests"] for r in rounds),
        "refused": sum(r["non_2xx"] for r in rounds),
        "socket_errors": sum(r["socket_errors"] for r in rounds),
    }


def measure(
    args, base: str, server_pid: int, confirm, bare, folder: Path
) -> tuple[list, list, int]:
    warm = sealed_links(confirm, 10_000_000, 2_000)
    run_wrk(base, write_paths(folder, "warm-confirm", warm), 2, args.connections, server_pid)
    to_bare = (f"petitions/{confirm.slug}/confirm", f"bench/bare/{bare.pk}")
    bare_paths = [path.replace(*to_bare) for path in warm]
    bare_file = write_paths(folder, "bare", bare_paths)
    run_wrk(base, bare_file, 2, args.connections, server_pid)
    confirm_rounds, bare_rounds = [], []
    stored_before = signatures_of(confirm)
    for number in range(args.rounds):
        links = write_paths(
            folder, f"confirm-{number}", sealed_links(confirm, number * args.tokens, args.tokens)
        )
        order = [("confirm", links), ("bare", bare_file)]
        for kind, paths_file in order if number % 2 == 0 else reversed(order):
            figures = run_wrk(base, paths_file, args.seconds, args.connections, server_pid)
            (confirm_rounds if kind == "confirm" else bare_rounds).append(figures)
            print(
                f"round {number + 1} {kind:8s} {figures['rps']:8.1f} req/s "
                f"p99 {figures['p99_us'] / 1000:7.2f} ms  non-2xx {figures['non_2xx']}  "
                + cpu_line(figures["cpu_ms"])
            )
        if confirm_rounds[-1]["requests"] >= args.tokens:
            print(f"warning: round {number + 1} used every sealed link; raise --tokens")
    return confirm_rounds, bare_rounds, signatures_of(confirm) - stored_before


def main() -> None:
    args = parse_args()
    database_url = recreate_database(args.postgres)
    env = server_environment(database_url, args.redis)
    os.environ.update(env)
    confirm, bare = set_up_petitions()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, args.workers, env)
    try:
        wait_until_serving(f"{base}/petitions/{confirm.slug}/", server)
        with tempfile.TemporaryDirectory() as folder:
            confirm_rounds, bare_rounds, stored = measure(
                args, base, server.pid, confirm, bare, Path(folder)
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(args, summarise("confirm", confirm_rounds), summarise("bare", bare_rounds), stored)
    drop_database(args.postgres)


def report(args, confirm: dict, bare: dict, stored: int) -> None:
    accepted = confirm["requests"] - confirm["refused"]
    print()
    print(
        f"gunicorn {args.workers} sync workers, wrk -t1 -c{args.connections}, "
        f"{args.rounds} x {args.seconds}s rounds of each, interleaved; PostgreSQL + Redis"
    )
    print(f"{'':8s} {'median req/s':>13s} {'median p50':>11s} {'worst p99':>10s} {'non-2xx':>8s}")
    for row in (confirm, bare):
        print(
            f"{row['kind']:8s} {row['rps']:13.1f} {row['p50_ms']:9.2f}ms "
            f"{row['p99_ms']:8.2f}ms {row['refused']:8d}"
        )
    for row in (confirm, bare):
        print(f"{row['kind']:8s} median {cpu_line(row['cpu_ms'])}")
    print(f"ratio confirm / bare: {confirm['rps'] / bare['rps']:.3f} (target at least 0.8)")
    # Less sensitive to other work on the machine than the request rates: the CPU each request
    # cost in the server's workers, PostgreSQL and Redis (wrk and the kernel's share aside).
    cpu = {row["kind"]: sum(row["cpu_ms"].values()) for row in (confirm, bare)}
    print(
        f"CPU ms/request, all three: confirm {cpu['confirm']:.2f}, bare {cpu['bare']:.2f}; "
        f"bare / confirm {cpu['bare'] / cpu['confirm']:.3f}"
    )
    per_minute = confirm["rps"] * 60
    print(
        f"confirmations per minute: {per_minute:,.0f} "
        f"({per_minute / UK_PARLIAMENT_PEAK_PER_MINUTE:.1f}x UK Parliament e-petitions' peak "
        f"of about {UK_PARLIAMENT_PEAK_PER_MINUTE:,}/min)"
    )
    print(
        f"confirm responses 2xx: {accepted}; signatures stored: {stored} "
        f"(stored may exceed 2xx by requests in flight when a round ended)"
    )
    print(f"socket errors: confirm {confirm['socket_errors']}, bare {bare['socket_errors']}")


if __name__ == "__main__":
    main()
