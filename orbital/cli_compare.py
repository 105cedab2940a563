"""``orbital compare [FILE] [--set NAME=VALUE ...] [--json | --csv]``: ground vs space.

Prints the space and ground columns side by side with their cost breakdowns, the headline
measures ($/W, LCOE, $/kW-year, $/GPU-hour), the ratios and the solvers' answers ("what must be
true" for orbit to win), each with its status in words. Bad input exits with status 2 and one
line on stderr, like ``orbital evaluate``. Registered into :mod:`orbital.cli` at import.
"""
from __future__ import annotations

import csv
import io
import sys

from . import cli

#: Rows of the side-by-side table: (label, space result, ground result).
HEADLINE = (
    ("total", "space.total_cost", "ground.total_cost"),
    ("per watt of target power", "space.cost_per_watt", "ground.cost_per_watt"),
    ("LCOE", "space.lcoe", "ground.lcoe"),
    ("per kW-year", "space.cost_per_kw_year", "ground.cost_per_kw_year"),
    ("per accelerator-hour", "space.cost_per_gpu_hour", "ground.cost_per_gpu_hour"),
    ("power: launched vs spent, per kW-year", "space.launched_power_price",
     "ground.power_cost_per_kw_year"),
)

#: Sizing and physical results shown under each column.
SPACE_FACTS = ("space.satellite_count", "space.fleet_generations", "space.fleet_power",
               "space.mass", "space.launch_price_per_kg", "space.energy")
GROUND_FACTS = ("ground.it_energy", "ground.energy_price", "ground.water_use")

COMPARE = ("compare.cost_ratio", "compare.cost_difference", "compare.lcoe_ratio",
           "compare.launched_power_ratio", "compare.allowable_launch_and_build_per_kg")


def add_parser(sub) -> None:
    """Add the ``compare`` subcommand to the subparsers object ``sub``."""
    cp = sub.add_parser("compare", help="ground vs space: both sides with breakdowns and the "
                        "break-even solvers")
    cp.add_argument("file", nargs="?", default="default", metavar="FILE",
                    help="preset name or path to a .toml/.json assumption set (default: default)")
    cp.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                    help="override a parameter, e.g. --set \"launch.price_per_kg=200 USD/kg\"")
    fmt = cp.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON object")
    fmt.add_argument("--csv", action="store_true", help="print CSV rows section,name,value,unit")


def _unit(name: str) -> str:
    from . import schema
    from .units import format_unit

    return format_unit(schema.results()[name].unit)


def _cell(res, name: str) -> str:
    return cli.fmt_number(res.magnitude(name)) if name else ""


def comparison_table(res, aset) -> str:
    """The human-readable comparison: columns side by side, breakdowns, solvers."""
    from . import compare, ground, space

    lines = [f"orbital compare {aset.name}: {aset.description}".rstrip(": ")]
    if aset.changes:
        lines.append("changed: " + "; ".join(aset.changes))
    lines.append("")
    lines.append("== Space vs ground")
    rows = [(label, _cell(res, s), _cell(res, g), _unit(s)) for label, s, g in HEADLINE]
    lines.append(cli._table(rows, ("", "space", "ground", "unit")))
    for title, items, facts in (("Space breakdown", space.BREAKDOWN, SPACE_FACTS),
                                ("Ground breakdown", ground.BREAKDOWN, GROUND_FACTS)):
        lines.append("")
        lines.append(f"== {title}")
        total = res.magnitude(items[0].split(".")[0] + ".total_cost")
        rows = []
        for name in items:
            v = res.magnitude(name)
            share = f"{100 * v / total:.1f} %" if total else ""
            rows.append((name.split(".", 1)[1], cli.fmt_number(v), _unit(name), share))
        rows.append(("total", cli.fmt_number(total), "USD", "100.0 %" if total else ""))
        lines.append(cli._table(rows, ("item", "value", "unit", "share")))
        lines.append(cli._table([(n.split(".", 1)[1], cli.fmt_number(res.magnitude(n)),
                                  _unit(n)) for n in facts], ("", "value", "unit")))
    lines.append("")
    lines.append("== Comparison")
    lines.append(cli._table([(n.split(".", 1)[1], cli.fmt_number(res.magnitude(n)), _unit(n))
                             for n in COMPARE], ("", "value", "unit")))
    lines.append("")
    method = aset["compare.method"].value
    lines.append(f"== What must be true for space = ground (compare.method = {method})")
    rows = []
    for name, sol in compare.solutions(res).items():
        rows.append((name.split(".", 1)[1], cli.fmt_number(res.magnitude(name)), _unit(name),
                     sol.reason))
    lines.append(cli._table(rows, ("solver", "value", "unit", "status")))
    return "\n".join(lines)


def comparison_json(res, aset) -> dict:
    """Plain data: the evaluate JSON's header, the space, ground and compare results and each
    solver's status in words."""
    from . import compare

    base = cli.results_json(res, aset)
    data = base["results"]
    out = {k: v for k, v in base.items() if k not in ("results", "years")}
    for section in ("space", "ground", "compare"):
        out[section] = {n: data[n] for n in data if n.split(".", 1)[0] == section}
    out["solvers"] = {n: {"status": int(sol.status), "reason": sol.reason}
                      for n, sol in compare.solutions(res).items()}
    return out


def comparison_csv(res) -> str:
    """CSV rows ``section,name,value,unit`` for every space, ground and compare result."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "name", "value", "unit"])
    for name in res.scalars():
        section = name.split(".", 1)[0]
        if section in ("space", "ground", "compare"):
            w.writerow([section, name, repr(res.magnitude(name)), _unit(name)])
    return buf.getvalue()


def cmd_compare(args) -> int:
    from .model import evaluate

    aset = cli.load_with_sets(args.file, args.sets)
    res = evaluate(aset)
    if args.json:
        print(cli.json_text(comparison_json(res, aset)))
    elif args.csv:
        sys.stdout.write(comparison_csv(res))
    else:
        print(comparison_table(res, aset))
    return cli.EXIT_OK


cli._EXTRA_COMMANDS.append(add_parser)
cli._HANDLERS["compare"] = cmd_compare
