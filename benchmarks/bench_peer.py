"""orbital side by side with its closest peer, spacedc-mdao (``import orbitdc``), in one run.

    .venv/bin/python benchmarks/bench_peer.py [--n 1000000] [--sobol-n 16384]
                                              [--peer-python PATH] [--repeats 3]

The peer is installed into a temporary virtual environment (``pip install spacedc-mdao``), or
taken from ``--peer-python``; where it cannot be installed its column says so and orbital's
figures are printed alone. Both run on this machine in this run:

* Monte Carlo of ``--n`` draws: orbital with economic inputs only and with every distribution
  of the default set; the peer's own Monte Carlo (``orbitdc.optimize.uncertainty``, a Python
  loop of scalar evaluations over its default drivers) timed on 10⁴ draws and scaled to ``--n``;
* Sobol' of 12 parameters with N = ``--sobol-n`` (N·14 model runs): orbital's analysis (the 12
  parameters that move the result, the orbit's altitude among them, as ``bench_speed.py``);
  the peer's cost is N·14 of its scalar evaluations (its ``sobol`` command needs an optional
  extra);
* one scalar evaluation: ``orbital.evaluate(default)`` against ``orbitdc.evaluate(space)``,
  each in a fresh process of its own, best of 5 × 200;
* cold start in a fresh process: ``orbital --help``, ``orbital evaluate``, ``orbital compare``
  against ``orbitdc compare space.yaml earth.yaml`` (a minimal pair of the peer's scenarios),
  both with their bytecode cached (as pip leaves an installed package), after one untimed
  start.

Budgets: scalar evaluate ≤ 3× the peer's; ``orbital evaluate``/``compare`` cold ≤ 0.8× the
peer's ``compare``; ``orbital --help`` < 0.25 s.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_core import cold_start  # noqa: E402
from bench_speed import distributed_params, interleaved, movers  # noqa: E402

import orbital  # noqa: E402
from orbital import analysis  # noqa: E402

SPACE = """name: bench-space
kind: space
mission_life_years: 5
space:
  orbit: {altitude_km: 650}
  architecture: {satellites: 100, accelerators_per_satellite: 8}
"""
EARTH = """name: bench-earth
kind: earth
mission_life_years: 5
earth: {n_accelerators: 800}
"""
#: One scalar evaluation ``{call}``, timed the same way on both sides: best of 5 × 200.
TIMING_LOOP = """
{call}
best = 1e9
for _ in range(5):
    t = time.perf_counter()
    for _ in range(200):
        {call}
    best = min(best, (time.perf_counter() - t) / 200)
"""
PEER_SCRIPT = """
import json, sys, time
import orbitdc as odc
from orbitdc.optimize.uncertainty import default_drivers, monte_carlo
space = odc.load_scenario(sys.argv[1])
""" + TIMING_LOOP.format(call="odc.evaluate(space)") + """
t = time.perf_counter()
monte_carlo(space, 1.0, n=10000, seed=1)
mc = (time.perf_counter() - t) / 10000
print(json.dumps({"evaluate": best, "mc_per_draw": mc, "drivers": len(default_drivers(space)),
                  "version": odc.__version__}))
"""
#: orbital's scalar evaluation timed as the peer's is, in a fresh process.
ORBITAL_SCRIPT = """
import json, time, orbital
base = orbital.load("default")
""" + TIMING_LOOP.format(call="orbital.evaluate(base)") + """
print(json.dumps({"evaluate": best}))
"""


def scalar_evaluate() -> float:
    """One scalar ``orbital.evaluate(default)`` [s] in a process of its own, with the loop the
    peer's is timed with (not in this process after its Monte Carlo and Sobol' runs, whose
    heap a scalar evaluation would then walk at every garbage collection)."""
    out = subprocess.run([sys.executable, "-c", ORBITAL_SCRIPT], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])["evaluate"]


def install_peer(where: Path):
    """The peer's python in a fresh venv under ``where``, or (None, reason)."""
    venv = where / "peer"
    steps = ([sys.executable, "-m", "venv", str(venv)],
             [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "spacedc-mdao"])
    for cmd in steps:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        if out.returncode:
            lines = [ln for ln in (out.stderr or out.stdout).splitlines()
                     if ln.strip() and "WARNING" not in ln]
            return None, (lines[-1] if lines else f"exit {out.returncode}")
    return venv / "bin" / "python", None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--sobol-n", type=int, default=2 ** 14)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--peer-python", help="a python with spacedc-mdao installed")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="orbital-peer-"))
    (tmp / "space.yaml").write_text(SPACE)
    (tmp / "earth.yaml").write_text(EARTH)
    peer_py, why = (Path(args.peer_python), None) if args.peer_python else install_peer(tmp)
    peer = None
    if peer_py is not None:
        out = subprocess.run([str(peer_py), "-c", PEER_SCRIPT, str(tmp / "space.yaml")],
                             capture_output=True, text=True)
        if out.returncode:
            why = (out.stderr.strip().splitlines() or ["?"])[-1]
        else:
            peer = json.loads(out.stdout.strip().splitlines()[-1])
            peer_cli = peer_py.parent / "orbitdc"
            peer["cold_compare"] = cold_start([str(peer_cli), "compare",
                                               str(tmp / "space.yaml"), str(tmp / "earth.yaml")])
    if peer is None:
        print(f"peer spacedc-mdao not measured: {why}")

    base = orbital.load("default")
    every, econ = distributed_params(base)
    n, sn, reps = args.n, args.sobol_n, args.repeats
    for params in (every, econ):
        analysis.monte_carlo(base, n=4096, seed=1, params=params)
    t_every, t_econ = interleaved(
        [lambda: analysis.monte_carlo(base, n=n, seed=1, params=every),
         lambda: analysis.monte_carlo(base, n=n, seed=1, params=econ)], reps)
    twelve = movers(base, every, 12)
    if "orbit.altitude" not in twelve:
        twelve = twelve[:11] + ["orbit.altitude"]
    econ12 = movers(base, econ, 12)

    def sobol(params):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", analysis.SobolConvergenceWarning)
            analysis.sobol(base, "compare.cost_ratio", n=sn, seed=1, params=params)

    sobol(twelve)
    t_sob, t_sob_econ = interleaved([lambda: sobol(twelve), lambda: sobol(econ12)], reps)
    t_eval = scalar_evaluate()
    orb = [sys.executable, "-m", "orbital.cli"]
    c_help, c_eval, c_cmp = (cold_start(orb + ["--help"]), cold_start(orb + ["evaluate"]),
                             cold_start(orb + ["compare"]))

    def row(label, mine, theirs=None, note=""):
        if theirs is None:
            other, ratio = "—", ""
        else:
            other, ratio = theirs, f"{mine[0] / theirs[0]:.2f}×"
        fmt = (lambda v: f"{v[0] * v[1]:.3g} {v[2]}" if isinstance(v, tuple) else v)
        print(f"| {label} | {fmt(mine)} | {fmt(other)} | {ratio} | {note} |")

    version = f" {peer['version']}" if peer else ""
    print(f"\n| measure (this run) | orbital | peer{version} | ratio | note |")
    print("|---|---|---|---|---|")
    row(f"Monte Carlo, {n:,} draws, {len(econ)} economic inputs", (t_econ, 1, "s"))
    row(f"Monte Carlo, {n:,} draws, every distribution ({len(every)})", (t_every, 1, "s"),
        (peer["mc_per_draw"] * n, 1, "s") if peer else None,
        f"orbital every/economic {t_every / t_econ:.2f}× (budget ≤ 1.5)"
        + (f"; peer: {peer['drivers']} drivers, from 10⁴ draws" if peer else ""))
    row(f"Sobol', 12 movers incl. orbit.altitude, N = {sn:,}", (t_sob, 1, "s"),
        (peer["evaluate"] * sn * 14, 1, "s") if peer else None,
        f"vs 12 economic movers {t_sob / t_sob_econ:.2f}× (budget ≤ 1.5)"
        + ("; peer: N·14 scalar evaluations" if peer else ""))
    row("Sobol', 12 economic movers", (t_sob_econ, 1, "s"))
    row("one scalar evaluate", (t_eval, 1e3, "ms"),
        (peer["evaluate"], 1e3, "ms") if peer else None, "budget ≤ 3×")
    row("cold `orbital evaluate` vs `orbitdc compare`", (c_eval, 1, "s"),
        (peer["cold_compare"], 1, "s") if peer else None, "budget ≤ 0.8×")
    row("cold `orbital compare` vs `orbitdc compare`", (c_cmp, 1, "s"),
        (peer["cold_compare"], 1, "s") if peer else None, "budget ≤ 0.8×")
    row("cold `orbital --help`", (c_help, 1, "s"), None, "budget < 0.25 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
