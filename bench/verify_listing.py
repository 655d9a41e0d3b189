"""Benchmark: the verification listing of a petition with 1,000,000 signatures, in memory.

The JSON list is streamed from the database and the HTML page reads one page of rows, so
neither holds the whole list. Builds the petition in a throwaway SQLite database (as
bench/petition_page.py does), then requests the JSON (reading the stream chunk by chunk and
dropping it, as a client socket would) and a page of the HTML list, and prints the peak of
Python allocations during each (tracemalloc) and the process's peak RSS. Target: under 100 MB.

    .venv/bin/python bench/verify_listing.py [--signatures 1000000]
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import petition_page  # noqa: E402 - after the path is set


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(what: str, request) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    size = request()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{what}: {size / 1e6:.1f} MB sent in {seconds:.1f} s; peak Python allocations "
        f"{peak / 2**20:.1f} MiB; process peak RSS so far {peak_mib():.0f} MiB"
    )


def build(database: Path, signatures: int) -> None:
    """In a process of its own, so that building the rows does not count in the peak."""
    petition_page.setup_django(database)
    from django.contrib.auth import get_user_model

    organiser = get_user_model().objects.create_user(username="bench", email="b@example.org")
    petition_page.make_petition(organiser, 10)
    petition_page.make_petition(organiser, signatures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signatures", type=int, default=1_000_000)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(Path(args.build), args.signatures)
        return
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    command = [sys.executable, __file__, "--build", str(database)]
    subprocess.run([*command, "--signatures", str(args.signatures)], check=True)  # noqa: S603
    petition_page.setup_django(database)
    from django.test import Client
    from django.urls import reverse

    from petitions.models import Petition

    small, petition = Petition.objects.order_by("pk")
    print(f"{args.signatures:,} signatures; RSS with Django loaded {peak_mib():.0f} MiB")
    client = Client()
    # The first request of a process imports and compiles what every later one reuses: warm up
    # on a small petition, so the figures are the listing's own.
    client.get(reverse("petitions:verify", args=[small.slug]))
    b"".join(client.get(reverse("petitions:verify_json", args=[small.slug])).streaming_content)
    print(f"RSS after one warm-up request of each kind {peak_mib():.0f} MiB")

    def stream_json() -> int:
        response = client.get(reverse("petitions:verify_json", args=[petition.slug]))
        return sum(len(chunk) for chunk in response.streaming_content)

    def last_page() -> int:
        page = args.signatures // 1000
        url = reverse("petitions:verify", args=[petition.slug])
        return len(client.get(url, {"page": page}).content)

    measure("JSON list, streamed", stream_json)
    measure("HTML, last page", last_page)
    print("target: under 100 MB")


if __name__ == "__main__":
    main()
