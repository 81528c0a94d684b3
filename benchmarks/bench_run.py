"""Time a full sample run with ``sqmkit run --jobs 2`` against the plain tools one after another.

Baseline: for every bundled notebook, ``papermill`` CLI (same parameters as the runner) then
``jupyter nbconvert --to html``, sequentially. Both in one invocation, same machine, same sample:

    python benchmarks/bench_run.py [--jobs 2] [--workbook DIR]

An untimed warm-up run comes first (byte-code, font and disk caches). Prints both wall times and
their ratio, and the machine's load average (the machine may be shared). Nothing is asserted.
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

from sqmkit import resources


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else name


def time_sqmkit(workbook: str, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "sqmkit", "run", "--out", str(out), "--jobs", str(jobs), "--no-progress"]
    if workbook:
        cmd.insert(4, workbook)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"sqmkit run failed:\n{proc.stderr}")
    return elapsed


def time_plain(workbook: str, out: Path) -> float:
    out.mkdir(parents=True)
    start = time.perf_counter()
    for nb in sorted(resources.notebooks_folder().glob("*.ipynb")):
        executed = out / nb.name
        subprocess.run([_tool("papermill"), str(nb), str(executed), "-k", "python3", "--no-progress-bar",
                        "-p", "workbook", workbook or str(resources.sample_workbook()),
                        "-p", "interactive", "False", "-p", "output_dir", str(out)],
                       capture_output=True, text=True)
        subprocess.run([_tool("jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                       capture_output=True, text=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workbook", default="", help="workbook folder (default: the bundled sample)")
    args = parser.parse_args()
    notebooks = sorted(p.stem for p in resources.notebooks_folder().glob("*.ipynb"))
    tmp = Path(tempfile.mkdtemp(prefix="sqmkit-bench-"))
    try:
        time_sqmkit(args.workbook, tmp / "warm-up", 1)  # untimed: byte-code, font and disk caches
        plain = time_plain(args.workbook, tmp / "plain")
        ours = time_sqmkit(args.workbook, tmp / "sqmkit", args.jobs)
        import json

        log = json.loads((tmp / "sqmkit" / "run.json").read_text(encoding="utf-8"))
        statuses = ", ".join(f"{nb['name']} {nb['status']}" for nb in log["notebooks"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"notebooks: {len(notebooks)} ({statuses})")
    print(f"sqmkit run --jobs {args.jobs} (validate + execute + offline report + tables): {ours:7.1f} s")
    print(f"papermill CLI + jupyter nbconvert, one after another:              {plain:7.1f} s")
    print(f"ratio plain / sqmkit: {plain / ours:.2f}x")
    if hasattr(os, "getloadavg"):
        print(f"load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
