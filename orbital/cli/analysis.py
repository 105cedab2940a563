"""``orbital sweep``, ``orbital tornado``, ``orbital mc`` and ``orbital sobol``.

    orbital sweep   [FILE] --x NAME=SPEC [--y NAME=SPEC] [--result NAME ...]
    orbital tornado [FILE] [--result NAME] [--param NAME ...]
    orbital mc      [FILE] [-n N] [--lhs] [--result NAME ...] [--param NAME ...]
    orbital sobol   [FILE] [-n N] [--result NAME] [--param NAME ...]

SPEC is ``LOW:HIGH[:NUM[:log|lin]]`` or a list ``V1,V2,...``; each number may carry a unit
(``launch.price_per_kg=100 USD/kg:2 kUSD/kg:20:log``), else it is in the declared unit.
Common options: ``--set``, ``--seed``, ``--out TABLE.csv|.parquet``, ``--chart CHART.html|.png``,
``--engine numpy|dask [--scheduler ADDRESS]``, ``--chunk-size``, ``--no-progress``.
The analysis libraries load only when one of these commands runs.
"""
from __future__ import annotations

import math
import sys
import warnings

from ..core.errors import InputError
from .common import EXIT_OK, Command, load_with_sets
from .files import check_chart_path, check_table_path, write_chart, write_table
from ..core.numbers import fmt_value
from .output import fmt_number, table


#: The longest run the CLI starts without being asked for more (``--max-time``).
DEFAULT_MAX_TIME = 600.0


def _add_common(sp, seed=True, engine=True):
    sp.add_argument("file", nargs="?", default="default", metavar="FILE",
                    help="preset name or path to a .toml/.json assumption set (default: default)")
    sp.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                    help="override a parameter first, e.g. --set \"launch.price_per_kg=200 USD/kg\"")
    if seed:
        sp.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sp.add_argument("--out", metavar="TABLE", help="write the table to .csv or .parquet")
    sp.add_argument("--chart", metavar="CHART", help="write a chart to .html or .png "
                    "(PNG needs the kaleido package)")
    if engine:
        sp.add_argument("--engine", choices=("numpy", "dask"), default="numpy",
                        help="where chunks run: this process (numpy) or dask")
        sp.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler address "
                        "(default: a local cluster), or synchronous/threads")
        sp.add_argument("--chunk-size", type=int, default=None, metavar="N",
                        help="samples per chunk (default 65536)")
    sp.add_argument("--no-progress", action="store_true", help="no progress bar")
    if engine:
        sp.add_argument("--max-time", type=float, default=DEFAULT_MAX_TIME, metavar="SECONDS",
                        help="refuse a run estimated (from its first chunk) to take longer "
                        f"(default {DEFAULT_MAX_TIME:g} s)")


def add_sweep(sw) -> None:
    _add_common(sw, seed=False)
    sw.add_argument("--x", required=True, metavar="NAME=SPEC",
                    help="swept parameter: NAME=LOW:HIGH[:NUM[:log|lin]] or NAME=V1,V2,...")
    sw.add_argument("--y", metavar="NAME=SPEC", help="second parameter for a 2-D grid")
    sw.add_argument("--result", dest="results", action="append", metavar="NAME",
                    help="result to report (repeatable; default compare.cost_ratio)")


def add_tornado(to) -> None:
    _add_common(to, seed=False, engine=False)
    to.add_argument("--result", metavar="NAME", help="result (default compare.cost_ratio)")
    to.add_argument("--param", dest="params", action="append", metavar="NAME",
                    help="parameter to include (repeatable; default: all with distributions)")


def add_mc(mc) -> None:
    _add_common(mc)
    mc.add_argument("-n", type=int, default=100_000, help="number of draws (default 100000)")
    mc.add_argument("--lhs", action="store_true", help="Latin hypercube sampling")
    mc.add_argument("--result", dest="results", action="append", metavar="NAME",
                    help="result to summarise (repeatable; default compare.cost_ratio)")
    mc.add_argument("--param", dest="params", action="append", metavar="NAME",
                    help="parameter to draw (repeatable; default: all with distributions)")


def add_sobol(so) -> None:
    _add_common(so)
    so.add_argument("-n", type=int, default=None,
                    help="base sample size, a power of 2 (default 4096)")
    so.add_argument("--result", metavar="NAME", help="result (default compare.cost_ratio)")
    so.add_argument("--param", dest="params", action="append", metavar="NAME",
                    help="parameter to vary (repeatable; default: all with distributions)")


# ----------------------------------------------------------------------------- parsing

def parse_spec(text: str, where: str):
    """``NAME=LOW:HIGH[:NUM[:log|lin]]`` or ``NAME=V1,V2,...`` -> (name, dict for sweep)."""
    from ..analysis.sampling import numeric_spec
    from ..core.units import ureg
    from ..sets.values import parse_setting, value_from_text

    name, rest = parse_setting(text, where)
    spec = numeric_spec(name, where)

    def quantity(t):
        v, u = value_from_text(spec, t.strip(), f"{where} '{name}'")
        return ureg.Quantity(float(v), ureg.Unit(u) if u not in ("", "1") else ureg.Unit(""))

    if "," in rest:
        import numpy as np

        qs = [quantity(t) for t in rest.split(",") if t.strip()]
        return name, {"values": ureg.Quantity(np.array([q.m_as(spec.pint_unit) for q in qs]),
                                              spec.pint_unit)}
    parts = rest.split(":")
    if len(parts) < 2 or len(parts) > 4:
        raise InputError(f"{where} '{name}'", f"{rest!r}",
                         "LOW:HIGH[:NUM[:log|lin]] or V1,V2,... e.g. "
                         f"{name}=1:10:20:log")
    out = {"low": quantity(parts[0]), "high": quantity(parts[1]), "num": 21, "scale": None}
    if len(parts) >= 3 and parts[2].strip():
        try:
            out["num"] = int(parts[2])
        except ValueError:
            raise InputError(f"{where} '{name}'", f"number of points {parts[2]!r}",
                             "a whole number") from None
    if len(parts) == 4:
        scale = parts[3].strip().lower()
        scale = {"lin": "linear", "linear": "linear", "log": "log"}.get(scale)
        if scale is None:
            raise InputError(f"{where} '{name}'", f"scale {parts[3]!r}", "'log' or 'lin'")
        out["scale"] = scale
    return name, out


def _values(name, spec_dict, aset):
    from ..analysis import span
    from ..core.units import ureg
    from ..model import catalogue

    if "values" in spec_dict:
        return spec_dict["values"]
    pspec = catalogue.parameters()[name]
    si = span(name, spec_dict["low"], spec_dict["high"], spec_dict["num"], spec_dict["scale"],
              aset=aset)
    return ureg.Quantity(si / pspec.si_factor, pspec.pint_unit)


def _progress(args) -> bool:
    if getattr(args, "scheduler", None) and args.engine != "dask":
        raise InputError(f"--scheduler {args.scheduler}", "is only used by the dask engine",
                         "--engine dask with --scheduler, or no --scheduler")
    return not args.no_progress


def _result_names(names):
    from ..analysis import default_result

    return names or [default_result()]


# ----------------------------------------------------------------------------- commands

def run_sweep(args) -> int:
    from .. import analysis

    check_chart_path(args.chart)
    check_table_path(args.out)
    aset = load_with_sets(args.file, args.sets)
    xname, xs = parse_spec(args.x, "--x")
    kw = {}
    if args.y:
        yname, ys = parse_spec(args.y, "--y")
        kw = {"y": yname, "y_values": _values(yname, ys, aset)}
    results = _result_names(args.results)
    df = analysis.sweep(aset, xname, _values(xname, xs, aset), results=results,
                        chunk_size=args.chunk_size, engine=args.engine,
                        scheduler=args.scheduler, progress=_progress(args),
                        max_seconds=args.max_time, **kw)
    _print_frame(df, index=False)
    _finish(df, args, index=False, figure="sweep_figure", result=results[0])
    return EXIT_OK


def run_tornado(args) -> int:
    from .. import analysis

    check_chart_path(args.chart)
    check_table_path(args.out)
    aset = load_with_sets(args.file, args.sets)
    df = analysis.tornado(aset, args.result, params=args.params)
    unit = "" if df.attrs["unit"] == "1" else f" {df.attrs['unit']}"
    print(f"{df.attrs['result']} at the base case: {fmt_number(df.attrs['base'])}{unit}  "
          f"({aset.name})")
    _print_frame(df, index=False)
    _finish(df, args, index=False, figure="tornado_figure")
    return EXIT_OK


def run_mc(args) -> int:
    from .. import analysis

    check_chart_path(args.chart)
    check_table_path(args.out)
    aset = load_with_sets(args.file, args.sets)
    df = analysis.monte_carlo(aset, _result_names(args.results), n=args.n, seed=args.seed,
                              params=args.params, method="lhs" if args.lhs else "random",
                              engine=args.engine, scheduler=args.scheduler,
                              chunk_size=args.chunk_size, progress=_progress(args),
                              max_seconds=args.max_time)
    a = df.attrs
    q = "exact quantiles" if a["quantiles"] == "exact" else \
        f"quantiles within {a['quantile_rtol']:.3%} (streaming sketch)"
    print(f"Monte Carlo: {a['n']:,} draws of {len(a['params'])} parameters ({a['method']}, "
          f"seed {a['seed']}, {a['engine']}; {q})  {aset.name}")
    if a["truncated"]:
        print("truncated to the physical range: " + ", ".join(a["truncated"]))
    from ..sets.values import recentred_names   # pint and numpy: off the start-up path

    moved = [n for n in recentred_names(aset) if n in a["params"]]
    if moved:
        print("distributions re-centred on a changed value (same shape): " + ", ".join(moved))
    stale = [n for n in recentred_names(aset, moved=False) if n in a["params"]]
    if stale:
        print("changed values whose distribution could not be moved to them (the draws "
              "describe the old value): " + ", ".join(stale))
    outside = [f["parameter"] for f in a.get("off_centre", []) if not f["inside"]]
    if outside:
        print("drawn from distributions that do not contain the set's value (the draws "
              "describe another value): " + ", ".join(outside))
    _print_frame(df, index=True)
    if a["p_space_beats_ground"] is not None:
        print(f"P(space beats ground) = P(compare.cost_ratio < 1) = "
              f"{a['p_space_beats_ground']:.4g}")
    if a.get("binding"):
        print("limits that bind (share of draws): " + "; ".join(
            f"{name} in {share:.1%}" for name, share in a["binding"].items()))
    _finish(df, args, index=True, figure="mc_figure")
    return EXIT_OK


def run_sobol(args) -> int:
    from .. import analysis

    check_chart_path(args.chart)
    check_table_path(args.out)
    aset = load_with_sets(args.file, args.sets)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", analysis.SobolConvergenceWarning)
        df = analysis.sobol(aset, args.result,
                            n=analysis.DEFAULT_SOBOL_N if args.n is None else args.n,
                            seed=args.seed, params=args.params, engine=args.engine,
                            scheduler=args.scheduler, chunk_size=args.chunk_size,
                            progress=_progress(args), max_seconds=args.max_time)
    a = df.attrs
    print(f"Sobol' indices of {a['result']}: n = {a['n']:,} ({a['evaluations']:,} model runs, "
          f"seed {a['seed']}, {a['conf_level']:.0%} intervals)  {aset.name}")
    _print_frame(df, index=False)
    if "p_never" in a:
        print(f"P(never within the horizon) = {a['p_never']:.4g} of the model runs, each "
              f"counted as {a['never_as']}")
    for w in caught:
        if issubclass(w.category, analysis.SobolConvergenceWarning):
            print(f"orbital: warning: {w.message}", file=sys.stderr)
    _finish(df, args, index=False, figure="sobol_figure")
    return EXIT_OK


#: The most rows a command prints to the terminal (a 10⁶-point sweep would print for minutes);
#: ``--out`` writes every row.
MAX_PRINTED_ROWS = 1000


def _print_frame(df, index: bool) -> None:
    rows = []
    cols = list(df.columns)
    shown = df if len(df) <= MAX_PRINTED_ROWS else df.iloc[:MAX_PRINTED_ROWS]
    for label, rec in shown.iterrows():
        cells = [str(label)] if index else []
        for c in cols:
            v = rec[c]
            cells.append(v if isinstance(v, str) else
                         ("" if isinstance(v, float) and math.isnan(v) else fmt_value(c, v)))
        rows.append(tuple(cells))
    headers = (("",) if index else ()) + tuple(cols)
    print(table(rows, headers))
    if len(df) > len(shown):
        print(f"... {len(df) - len(shown):,} more rows not shown ({len(df):,} in all; "
              "--out TABLE.csv writes every row)")


def _finish(df, args, index: bool, figure: str, **kw) -> None:
    """Write the table (--out) and the chart (--chart, drawn by ``charts.<figure>``)."""
    if args.out:
        print(f"wrote {write_table(df, args.out, index)}")
    if args.chart:
        from ..analysis import charts

        print(f"wrote {write_chart(getattr(charts, figure)(df, **kw), args.chart)}")


COMMANDS = (
    Command("sweep", "evaluate results over one or two parameters", add_sweep, run_sweep),
    Command("tornado", "rank parameters by the swing they cause in a result", add_tornado,
            run_tornado),
    Command("mc", "Monte Carlo over the assumption set's distributions", add_mc, run_mc),
    Command("sobol", "Sobol' sensitivity indices (SALib)", add_sobol, run_sobol),
)
