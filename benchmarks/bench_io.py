"""Time and peak memory of loading and validating a ticket log with sqmkit.io.

Usage: python benchmarks/bench_io.py [ROWS ...]   (default 100000 1000000)

Each size runs in a fresh subprocess so the peak memory (ru_maxrss) is that load's own.
The workbook is written by sqmkit.sample when it is available, else by a plain synthetic log.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

CHILD = textwrap.dedent("""
    import resource, sys, time
    from sqmkit import io
    start = time.perf_counter()
    workbook = io.load_workbook(sys.argv[1], tables=["tickets"])
    seconds = time.perf_counter() - start
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"{len(workbook.get('tickets')):>10,d} rows  {seconds:7.2f} s  peak {peak_gib:5.2f} GiB")
""")


def write_log(folder: Path, rows: int) -> None:
    from sqmkit.sample import write_sample

    write_sample(folder, tickets=rows)


def main(sizes: list[int]) -> None:
    print("sqmkit.io.load_workbook(tickets) — load, convert and validate a CSV ticket log")
    for rows in sizes:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp) / "wb"
            write_log(folder, rows)
            subprocess.run([sys.executable, "-c", CHILD, str(folder)], check=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
