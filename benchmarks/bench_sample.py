"""Time and peak memory of the sample workbook generator (sqmkit.sample.write_sample).

Usage::

    python benchmarks/bench_sample.py            # 50k and 1M tickets, CSV and Parquet
    python benchmarks/bench_sample.py --big      # also 10M tickets
    python benchmarks/bench_sample.py --sizes 100000000 --formats parquet   # the 100M log (goal: < 8 GiB)

Each size runs in its own interpreter, so the peak resident memory (getrusage ru_maxrss) is that
of one generation, imports included. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one(tickets: int, fmt: str) -> dict:
    import resource

    from sqmkit.sample import write_sample

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        book = write_sample(tmp, tickets=tickets, ticket_format=fmt)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (book / "data").iterdir())
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"tickets": tickets, "format": fmt, "seconds": round(seconds, 2),
            "peak_rss_mb": round(peak_kb / 1024), "data_mb": round(size / 2**20, 1)}  # MiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also 10 million tickets")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of tickets (instead of 50k and 1M)")
    parser.add_argument("--formats", nargs="+", default=["csv", "parquet"], choices=["csv", "parquet"])
    parser.add_argument("--one", nargs=2, metavar=("TICKETS", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(int(args.one[0]), args.one[1])))
        return
    sizes = args.sizes or [50_000, 1_000_000] + ([10_000_000] if args.big else [])
    print(f"{'tickets':>12} {'format':>8} {'seconds':>8} {'peak RSS MB':>12} {'files MB':>9}")
    for n in sizes:
        for fmt in args.formats:
            out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", str(n), fmt],
                                 check=True, capture_output=True, text=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"{r['tickets']:>12,} {r['format']:>8} {r['seconds']:>8} {r['peak_rss_mb']:>12} {r['data_mb']:>9}",
                  flush=True)


if __name__ == "__main__":
    main()
