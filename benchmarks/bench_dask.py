"""Scale-out: one process against dask.distributed with 1 and 2 worker processes, and the same
run from the API and the CLI; ratios measured in one run.

    .venv/bin/python benchmarks/bench_dask.py [--n 20000000] [--params 8] [--every]
    .venv/bin/python benchmarks/bench_dask.py --n 1000000000 --cluster-only

``--cluster-only``: only the 2-worker cluster from the API, with a progress bar, the time and
each worker's peak resident memory (the 10⁹-draw check: every worker under 2 GB).

A Monte Carlo of ``--n`` draws of the default set (the first ``--params`` economic
distributions, or ``--every`` distribution), with streaming sketches:

1. the numpy engine in this process (the reference throughput);
2. a LocalCluster of 1 and of 2 worker processes (one thread each) started here, reached from
   the API by its address while a ``Client`` is open in the caller (the case that used to
   collect on the wrong event loop): throughput, throughput per worker, and the peak resident
   memory of every worker;
3. the same 2-worker cluster from the CLI (``orbital mc --engine dask --scheduler ADDRESS``).

Budgets: 2 workers ≥ 1.5× one process; throughput per worker at 2 workers ≥ 0.85× that at 1;
the CLI within 1.2× of the API's time; P50 and mean equal on every path.
"""
from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orbital  # noqa: E402
from orbital import analysis  # noqa: E402
from orbital.analysis import engine  # noqa: E402

PHYSICS = ("orbit", "array", "thermal", "spacecraft", "transfer", "lunar")


def run_api(base, n, params, scheduler):
    t0 = time.perf_counter()
    df = analysis.monte_carlo(base, n=n, seed=1, params=params, engine="dask",
                              scheduler=scheduler)
    return time.perf_counter() - t0, df


def cluster_only(base, n, params, col) -> int:
    """2 worker processes from the API, with progress; time, throughput and peak memory."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", memory_limit=0) as cluster, \
            Client(cluster) as client:
        client.run(lambda: None)
        t0 = time.perf_counter()
        df = analysis.monte_carlo(base, n=n, seed=1, params=params, engine="dask",
                                  scheduler=cluster.scheduler_address, progress=True)
        t = time.perf_counter() - t0
        peaks = client.run(engine.peak_rss_bytes)
    worst = max(peaks.values())
    print(f"dask, 2 workers, API by address: {t:,.0f} s, {n / t / 1e6:.2f} M/s; P50 "
          f"{df.loc['P50', col]:.6g}, mean {df.loc['mean', col]:.6g}; peak RSS per worker "
          + ", ".join(f"{v / 2**20:,.0f} MiB" for v in peaks.values())
          + f" (budget < 2048 MiB: {'within' if worst < 2 * 2**30 else 'OVER'})")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000_000)
    ap.add_argument("--params", type=int, default=8)
    ap.add_argument("--every", action="store_true", help="every distribution of the set")
    ap.add_argument("--cluster-only", action="store_true",
                    help="only 2 dask workers from the API, with progress and peak memory")
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    base = orbital.load("default")
    every = [p for p, a in base.items() if a.distribution is not None]
    params = every if args.every else [p for p in every
                                        if p.split(".")[0] not in PHYSICS][:args.params]
    n = args.n
    col = analysis.monte_carlo(base, n=4096, seed=1, params=params).columns[0]
    print(f"Monte Carlo of {n:,} draws, {len(params)} distributions, result {col}")
    if args.cluster_only:
        return cluster_only(base, n, params, col)

    t0 = time.perf_counter()
    ref = analysis.monte_carlo(base, n=n, seed=1, params=params, exact_limit=0)
    t_one = time.perf_counter() - t0
    print(f"\n1. one process (numpy engine)        {t_one:7.1f} s   {n / t_one / 1e6:6.2f} M/s")

    rates, ok = {}, True
    for workers in (1, 2):
        with contextlib.ExitStack() as stack:
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=":0", memory_limit=0))
            client = stack.enter_context(Client(cluster))  # the caller's open client
            client.run(lambda: None)
            t, df = run_api(base, n, params, cluster.scheduler_address)
            peaks = client.run(engine.peak_rss_bytes)
            rates[workers] = n / t
            same = all(abs(df.loc[r, col] - ref.loc[r, col]) <= 1e-9 * abs(ref.loc[r, col])
                       for r in ("P50", "mean"))
            ok &= same
            print(f"2. dask, {workers} worker(s), API by address   {t:7.1f} s   "
                  f"{n / t / 1e6:6.2f} M/s  per worker {n / t / workers / 1e6:6.2f} M/s;  "
                  f"peak RSS per worker " + ", ".join(f"{v / 2**20:,.0f} MiB"
                                                      for v in peaks.values())
                  + f"; numbers {'equal' if same else 'DIFFER'}")
            if workers == 2:
                table = Path(tempfile.mkdtemp()) / "mc.csv"
                cmd = [sys.executable, "-m", "orbital.cli", "mc", "-n", str(n), "--seed", "1",
                       "--engine", "dask", "--scheduler", cluster.scheduler_address,
                       "--no-progress", "--out", str(table)]
                for p in params:
                    cmd += ["--param", p]
                t0 = time.perf_counter()
                out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
                t_cli = time.perf_counter() - t0
                if out.returncode:
                    print("3. CLI failed: " + (out.stderr.strip().splitlines() or ["?"])[-1])
                    ok = False
                else:
                    print(f"3. dask, 2 workers, CLI              {t_cli:7.1f} s   "
                          f"ratio to the API {t_cli / t:5.2f}  (budget ≤ 1.20)")
                    import pandas as pd

                    cli = pd.read_csv(table, index_col=0)
                    same = abs(float(cli.loc["P50", col]) - df.loc["P50", col]) <= \
                        1e-6 * abs(df.loc["P50", col])
                    print(f"   CLI P50 {float(cli.loc['P50', col]):.6g}, API P50 "
                          f"{df.loc['P50', col]:.6g}: {'equal' if same else 'DIFFER'}")
                    ok &= t_cli / t <= 1.2 and same
    speedup = rates[2] / (n / t_one)
    flat = (rates[2] / 2) / rates[1]
    print(f"\n2 workers against one process: {speedup:5.2f}x  (budget ≥ 1.50)")
    print(f"throughput per worker, 2 workers against 1: {flat:5.2f}  (budget ≥ 0.85)")
    ok &= speedup >= 1.5 and flat >= 0.85
    print("\nall within budget" if ok else "\nOVER BUDGET (see ratios above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
