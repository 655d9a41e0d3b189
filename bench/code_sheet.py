"""Benchmark: the printed code sheet for 2,000 codes (the form's maximum).

    .venv/bin/python bench/code_sheet.py [--codes 2000]

Prints the wall time of rendering the sheet and the process's peak RSS. Targets: under 30 s
and under 600 MB. The sheet for 200 codes took 17 s, and 2,000 got the worker killed, while
the slips were laid out as one flexible box across pages.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import django

    django.setup()
    from petitions import anonymity, documents

    petition = SimpleNamespace(title="Stop feeding our keystrokes to AI", slug="bench")
    codes = [anonymity.new_signing_code() for _ in range(args.codes)]
    start = time.perf_counter()
    pdf = documents.code_sheet_pdf(
        petition=petition, codes=codes, sign_url="https://standing.example.org/petitions/x/sign/"
    )
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = len(pdf) / 1e6
    print(f"{args.codes} codes: {seconds:.1f} s, {size:.1f} MB of PDF, peak RSS {peak_mib:.0f} MiB")
    print("targets: under 30 s and under 600 MB")


if __name__ == "__main__":
    main()
