"""Run mypy and fail if any file has more errors than the baseline records.

The baseline (tools/mypy-baseline.txt: "count path" per line) holds the errors the project had
when type checking began. It may only shrink: fix errors, then run with --update to lower it.

    python tools/mypy_baseline.py            # check (make lint)
    python tools/mypy_baseline.py --update   # rewrite the baseline from today's errors
"""

import collections
import re
import subprocess
import sys
from pathlib import Path

BASELINE = Path(__file__).with_name("mypy-baseline.txt")
ERROR = re.compile(r"^(?P<path>[^:\s]+\.pyi?):\d+: error: ")


def current_counts() -> tuple[collections.Counter[str], str]:
    run = subprocess.run(  # noqa: S603 (a fixed command line)
        [sys.executable, "-m", "mypy"], capture_output=True, text=True, check=False
    )
    if run.returncode not in (0, 1):  # 2 is a crash or a configuration error, not a type error
        sys.exit(run.stdout + run.stderr)
    counts: collections.Counter[str] = collections.Counter()
    for line in run.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            counts[match["path"]] += 1
    return counts, run.stdout


def read_baseline() -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()
    for line in BASELINE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            count, path = line.split(maxsplit=1)
            counts[path] = int(count)
    return counts


def write_baseline(counts: collections.Counter[str]) -> None:
    lines = [f"{counts[path]} {path}" for path in sorted(counts)]
    header = "# mypy errors per file; may only shrink (tools/mypy_baseline.py --update)\n"
    BASELINE.write_text(header + "\n".join(lines) + "\n")


def main() -> int:
    counts, output = current_counts()
    if "--update" in sys.argv[1:]:
        write_baseline(counts)
        print(f"baseline: {sum(counts.values())} errors in {len(counts)} files")
        return 0
    baseline = read_baseline()
    grown = {path: n for path, n in counts.items() if n > baseline.get(path, 0)}
    if grown:
        print(output, end="")
        for path, n in sorted(grown.items()):
            print(f"{path}: {n} mypy errors, the baseline allows {baseline.get(path, 0)}")
        return 1
    shrunk = {path for path, n in baseline.items() if counts.get(path, 0) < n}
    total, allowed = sum(counts.values()), sum(baseline.values())
    print(f"mypy: {total} errors, baseline {allowed}; no file has more than its baseline")
    if shrunk:
        print("fewer errors than the baseline in: " + ", ".join(sorted(shrunk)))
        print("lower it with: python tools/mypy_baseline.py --update")
    return 0


if __name__ == "__main__":
    sys.exit(main())
