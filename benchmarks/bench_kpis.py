"""Benchmark: service KPIs by month x channel on big synthetic ticket logs, sqmkit against plain pandas.

For each size, the synthetic workbook is written once with ``sqmkit.sample.write_sample(...,
ticket_format="parquet")``; then each method runs in its own subprocess (so its peak memory,
``ru_maxrss``, is its own):

- ``sqmkit-frame``  ``kpis.ticket_kpis(df, by="channel", freq="MS", sla=...)`` on a DataFrame already in
  memory (read before the clock starts): the in-memory path
- ``naive-frame``   a straightforward pandas groupby, as an analyst would write it, on the same DataFrame
- ``sqmkit-file``   ``kpis.ticket_kpis(path, ...)``: DuckDB over the Parquet file (time includes reading it)
- ``naive-file``    ``pd.read_parquet`` + the same groupby

The results are compared (same numbers), then time, CPU, peak memory and the ratio to the peer
(``sqmkit-frame`` / ``naive-frame``, ``sqmkit-file`` / ``naive-file``) are printed, never asserted.
pandas methods run only up to ``--pandas-max`` tickets (the log must fit in memory several times).
Usage::

    python benchmarks/bench_kpis.py                                  # 1M and 10M tickets
    python benchmarks/bench_kpis.py --sizes 1000000                  # one size
    python benchmarks/bench_kpis.py --sizes 100000000 --methods sqmkit-file --folder /tmp/bench13
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

SLA = {"P1": 4, "P2": 24, "P3": 72}
METHODS = ["sqmkit-frame", "naive-frame", "sqmkit-file", "naive-file"]
PEERS = {"sqmkit-frame": "naive-frame", "sqmkit-file": "naive-file"}
COMPARE = ["tickets", "frt_mean_min", "frt_median_min", "frt_p90_min", "resolution_mean_h", "resolution_median_h",
           "fcr_pct", "sla_met_pct", "escalated_pct", "reopened_pct", "repeat_pct"]


def naive(df):
    """KPIs by channel x month the straightforward way (same definitions as DESIGN.md section 6)."""
    import pandas as pd

    df["period"] = df["created_at"].dt.to_period("M").dt.start_time
    df["frt"] = (df["first_response_at"] - df["created_at"]).dt.total_seconds() / 60
    df["res_h"] = (df["resolved_at"] - df["created_at"]).dt.total_seconds() / 3600
    resolved = df["resolved_at"].notna()
    df["fcr"] = (df["contacts"] == 1).astype(float).where(resolved & df["contacts"].notna())
    df["sla_met"] = (df["res_h"] <= df["priority"].astype("string").map(SLA).astype(float)).astype(float).where(resolved)
    df["esc"] = df["escalated"].fillna(False).astype(float)
    df["reo"] = df["reopened"].fillna(False).astype(float)
    df = df.sort_values(["customer_id", "category", "created_at", "ticket_id"])
    previous = df.groupby(["customer_id", "category"])["created_at"].shift()
    df["rep"] = ((df["created_at"] - previous) <= pd.Timedelta(days=7)).astype(float)
    out = df.groupby(["channel", "period"]).agg(
        tickets=("ticket_id", "size"), frt_mean_min=("frt", "mean"), frt_median_min=("frt", "median"),
        frt_p90_min=("frt", lambda s: s.quantile(0.9)), resolution_mean_h=("res_h", "mean"),
        resolution_median_h=("res_h", "median"), fcr_pct=("fcr", "mean"), sla_met_pct=("sla_met", "mean"),
        escalated_pct=("esc", "mean"), reopened_pct=("reo", "mean"), repeat_pct=("rep", "mean")).reset_index()
    for col in ("fcr_pct", "sla_met_pct", "escalated_pct", "reopened_pct", "repeat_pct"):
        out[col] *= 100
    return out


def worker(method: str, path: Path, result: Path) -> None:
    import pandas as pd

    from sqmkit import kpis

    frame = pd.read_parquet(path) if method.endswith("-frame") else None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_start = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    if method == "sqmkit-file":
        table = kpis.ticket_kpis(path, by="channel", freq="MS", sla=SLA)
    elif method == "sqmkit-frame":
        table = kpis.ticket_kpis(frame, by="channel", freq="MS", sla=SLA)
    elif method == "naive-frame":
        table = naive(frame)
    else:
        table = naive(pd.read_parquet(path))
    seconds = time.perf_counter() - start
    table.to_parquet(result)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime - cpu_start,
                      "peak_mib": usage.ru_maxrss / 1024, "rows_out": len(table)}))


def ensure_sample(folder: Path, tickets: int) -> Path:
    path = folder / f"t{tickets}" / "data" / "tickets.parquet"
    if not path.exists():
        from sqmkit.sample import write_sample

        started = time.perf_counter()
        write_sample(folder / f"t{tickets}", tickets=tickets, ticket_format="parquet")
        print(f"  wrote {tickets:,} tickets in {time.perf_counter() - started:.0f} s: {path}", flush=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/sqmkit-bench-kpis"))
    parser.add_argument("--methods", nargs="+", default=METHODS, choices=METHODS)
    parser.add_argument("--pandas-max", type=int, default=10_000_000, help="largest log for the pandas methods")
    parser.add_argument("--worker", nargs=3, metavar=("METHOD", "PATH", "RESULT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), Path(args.worker[2]))
        return
    import pandas as pd

    rows = []
    for size in args.sizes:
        path = ensure_sample(args.folder, size)
        tables = {}
        for method in [m for m in args.methods if size <= args.pandas_max or m == "sqmkit-file"]:
            result = args.folder / f"result-{method}-{size}.parquet"
            done = subprocess.run([sys.executable, __file__, "--worker", method, str(path), str(result)],
                                  capture_output=True, text=True)
            if done.returncode:
                print(done.stderr, file=sys.stderr)
                raise SystemExit(f"{method} failed on {size:,} tickets")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append({"tickets": size, "method": method, **figures})
            table = pd.read_parquet(result)
            table["channel"] = table["channel"].astype(str)
            tables[method] = table.sort_values(["channel", "period"]).reset_index(drop=True)
            print(f"  {size:>11,}  {method:<14} {figures['seconds']:8.1f} s wall {figures['cpu_s']:8.1f} s CPU "
                  f"{figures['peak_mib']:9.0f} MiB", flush=True)
        base = next(iter(tables.values()))
        for method, table in tables.items():
            pd.testing.assert_frame_equal(table[COMPARE], base[COMPARE], check_dtype=False, rtol=1e-9)
        print(f"  {size:,} tickets: all methods give the same {len(base)} rows of KPIs", flush=True)
    report = pd.DataFrame(rows)
    figures = report.set_index(["method", "tickets"])
    for column, measure in (("time_vs_peer", "seconds"), ("cpu_vs_peer", "cpu_s"), ("memory_vs_peer", "peak_mib")):
        report[column] = [figures[measure].get((method, size), float("nan")) for method, size in zip(
            report["method"].map(PEERS), report["tickets"])]
        report[column] = report[measure] / report[column]
    report["s_per_million"] = report["seconds"] / (report["tickets"] / 1e6)
    report["cpu_s_per_million"] = report["cpu_s"] / (report["tickets"] / 1e6)
    print()
    print("KPIs by month x channel (-frame: the DataFrame is in memory before the clock starts; -file: time\n"
          "includes reading the Parquet file; CPU = user+system of the process, less sensitive than wall time to\n"
          "other jobs on a shared machine; peak = ru_maxrss of the process; *_vs_peer: sqmkit / plain pandas)")
    print(report.drop(columns="rows_out").to_string(index=False, float_format=lambda v: f"{v:,.2f}"))


if __name__ == "__main__":
    main()
