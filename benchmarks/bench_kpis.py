"""Benchmark: service KPIs by month x channel on big synthetic ticket logs.

For each size, the synthetic workbook is written once with ``sqmkit.sample.write_sample(...,
ticket_format="parquet")``; then each method runs in its own subprocess (so its peak memory,
``ru_maxrss``, is its own), starting from the Parquet file:

- ``sqmkit-file``   ``kpis.ticket_kpis(path, by="channel", freq="MS", sla=...)`` (DuckDB over the file)
- ``sqmkit-frame-duckdb`` ``pd.read_parquet`` + ``kpis.ticket_kpis(df, ..., engine="duckdb")`` (DuckDB over
  the frame's Arrow buffers)
- ``sqmkit-pandas`` ``pd.read_parquet`` + ``kpis.ticket_kpis(df, ...)`` (the vectorised pandas engine)
- ``naive-pandas``  ``pd.read_parquet`` + a straightforward groupby as an analyst would write it

The results of the three are compared (same numbers), then time, peak memory and the ratio to
the naive groupby are printed. Usage::

    python benchmarks/bench_kpis.py                      # 1M and 10M tickets
    python benchmarks/bench_kpis.py --sizes 1000000      # one size
    python benchmarks/bench_kpis.py --methods sqmkit-file # only the file engine
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
METHODS = ["sqmkit-file", "sqmkit-frame-duckdb", "sqmkit-pandas", "naive-pandas"]
COMPARE = ["tickets", "frt_mean_min", "frt_median_min", "frt_p90_min", "resolution_mean_h", "resolution_median_h",
           "fcr_pct", "sla_met_pct", "escalated_pct", "reopened_pct", "repeat_pct"]


def naive(path: Path):
    """KPIs by channel x month the straightforward way (same definitions as DESIGN.md section 6)."""
    import pandas as pd

    df = pd.read_parquet(path)
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

    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_start = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    if method == "sqmkit-file":
        table = kpis.ticket_kpis(path, by="channel", freq="MS", sla=SLA)
    elif method == "sqmkit-frame-duckdb":
        table = kpis.ticket_kpis(pd.read_parquet(path), by="channel", freq="MS", sla=SLA, engine="duckdb")
    elif method == "sqmkit-pandas":
        table = kpis.ticket_kpis(pd.read_parquet(path), by="channel", freq="MS", sla=SLA)
    else:
        table = naive(path)
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
        for method in args.methods:
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
        base = tables[args.methods[0]]
        for method, table in tables.items():
            pd.testing.assert_frame_equal(table[COMPARE], base[COMPARE], check_dtype=False, rtol=1e-9)
        print(f"  {size:,} tickets: all methods give the same {len(base)} rows of KPIs", flush=True)
    report = pd.DataFrame(rows)
    naive_rows = report[report["method"] == "naive-pandas"].set_index("tickets")
    if len(naive_rows):
        report["time_vs_naive"] = report["seconds"] / report["tickets"].map(naive_rows["seconds"])
        report["memory_vs_naive"] = report["peak_mib"] / report["tickets"].map(naive_rows["peak_mib"])
    report["s_per_million"] = report["seconds"] / (report["tickets"] / 1e6)
    report["cpu_s_per_million"] = report["cpu_s"] / (report["tickets"] / 1e6)
    print()
    print("KPIs by month x channel (time includes reading the Parquet file; CPU = user+system of the process,\n"
          "less sensitive than wall time to other jobs on a shared machine; peak = ru_maxrss of the process)")
    print(report.drop(columns="rows_out").to_string(index=False, float_format=lambda v: f"{v:,.2f}"))


if __name__ == "__main__":
    main()
