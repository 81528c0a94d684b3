"""Time ``sqmkit validate`` + ``sqmkit run`` of a 1M-ticket workbook against the 50k-ticket one, in one run.

Both workbooks are the synthetic sample (``sqmkit.sample.write_sample``, tickets as Parquet), differing only
in the number of tickets; every other table is the same size. Usage::

    python benchmarks/bench_workbook_size.py                     # 50k against 1M tickets
    python benchmarks/bench_workbook_size.py --sizes 50000 200000

An untimed warm-up run comes first (byte-code, font and disk caches). Prints each wall time, the ratio to
the smallest workbook and the machine's load average (the machine may be shared). Nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _sqmkit(*args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "sqmkit", *args], capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"sqmkit {args[0]} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 1_000_000])
    args = parser.parse_args()
    from sqmkit.sample import write_sample

    tmp = Path(tempfile.mkdtemp(prefix="sqmkit-bench-size-"))
    try:
        books = {n: write_sample(tmp / f"t{n}", tickets=n, ticket_format="parquet") for n in args.sizes}
        _sqmkit("run", str(books[args.sizes[0]]), "--out", str(tmp / "warm-up"), "--no-progress")
        rows = []
        for n, book in books.items():
            validate = _sqmkit("validate", str(book))
            run = _sqmkit("run", str(book), "--out", str(tmp / f"out{n}"), "--no-progress")
            rows.append((n, validate, run))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    base = rows[0][1] + rows[0][2]
    print(f"{'tickets':>11} {'validate s':>11} {'run s':>8} {'total s':>8} {'ratio':>6}")
    for n, validate, run in rows:
        print(f"{n:>11,} {validate:>11.1f} {run:>8.1f} {validate + run:>8.1f} {(validate + run) / base:>6.2f}")
    if hasattr(os, "getloadavg"):
        print(f"load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
