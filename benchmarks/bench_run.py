"""Time a full sample run with ``sqmkit run`` (default jobs) against the plain tools one after another.

Baseline: for every bundled notebook, ``papermill`` CLI (same parameters as the runner) then
``jupyter nbconvert --to html``, sequentially. Both in one invocation, same machine, same sample:

    python benchmarks/bench_run.py [--jobs N] [--workbook DIR]

An untimed warm-up run comes first (byte-code, font and disk caches). Prints both wall times and
their ratio sqmkit / plain (goal of issue 13: <= 0.4), and the machine's load average before and
after (the machine may be shared). Nothing is asserted.
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


def time_sqmkit(workbook: str, out: Path, jobs: int | None) -> float:
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "sqmkit", "run", "--out", str(out), "--no-progress"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
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
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (default: sqmkit's default)")
    parser.add_argument("--workbook", default="", help="workbook folder (default: the bundled sample)")
    args = parser.parse_args()
    notebooks = sorted(p.stem for p in resources.notebooks_folder().glob("*.ipynb"))
    tmp = Path(tempfile.mkdtemp(prefix="sqmkit-bench-"))
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    try:
        time_sqmkit(args.workbook, tmp / "warm-up", 1)  # untimed: byte-code, font and disk caches
        plain = time_plain(args.workbook, tmp / "plain")
        ours = time_sqmkit(args.workbook, tmp / "sqmkit", args.jobs)
        import json

        log = json.loads((tmp / "sqmkit" / "run.json").read_text(encoding="utf-8"))
        statuses = ", ".join(f"{nb['name']} {nb['status']}" for nb in log["notebooks"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    from sqmkit.runner import default_jobs

    jobs = args.jobs or default_jobs()
    print(f"notebooks: {len(notebooks)} ({statuses})")
    print(f"sqmkit run, {jobs} jobs (validate + execute + offline report + tables): {ours:7.1f} s")
    print(f"papermill CLI + jupyter nbconvert, one after another:               {plain:7.1f} s")
    print(f"ratio sqmkit / plain: {ours / plain:.2f} (goal <= 0.4)")
    if load_before is not None:
        load = ", ".join(f"{x:.1f}" for x in load_before) + " before, " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average (1, 5, 15 min): {load} after, on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
