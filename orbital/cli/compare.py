"""``orbital compare [FILE] [--set NAME=VALUE ...] [--json | --csv]``: ground vs space.

Prints the space and ground columns side by side with their cost breakdowns, the headline
measures ($/W, LCOE, $/kW-year, $/GPU-hour), the ratios and the solvers' answers ("what must be
true" for orbit to win), each with its status in words. Bad input exits with status 2 and one
line on stderr, like ``orbital evaluate``.
"""
from __future__ import annotations

import csv
import io

from .common import Command, add_file, add_formats, add_set, evaluate_and_print
from .output import fmt_number, results_json, table

#: Rows of the side-by-side table: (label, space result, ground result).
HEADLINE = (
    ("total", "space.total_cost", "ground.total_cost"),
    ("per watt of target power", "space.cost_per_watt", "ground.cost_per_watt"),
    ("LCOE", "space.lcoe", "ground.lcoe"),
    ("per kW-year", "space.cost_per_kw_year", "ground.cost_per_kw_year"),
    ("per accelerator-hour", "space.cost_per_gpu_hour", "ground.cost_per_gpu_hour"),
    ("per PFLOP-hour", "space.cost_per_pflop_hour", "ground.cost_per_pflop_hour"),
    ("power: launched vs spent, per kW-year", "space.launched_power_price",
     "ground.power_cost_per_kw_year"),
)

#: Sizing and physical results shown under each column.
SPACE_FACTS = ("space.satellite_count", "space.fleet_generations", "space.fleet_power",
               "space.mass", "space.launch_price_per_kg", "space.energy")
GROUND_FACTS = ("ground.it_energy", "ground.energy_price", "ground.water_use")

COMPARE = ("compare.cost_ratio", "compare.lcoe_difference", "compare.total_cost_ratio",
           "compare.launched_power_ratio", "compare.allowable_launch_and_build_per_kg")


def add_arguments(sp) -> None:
    add_file(sp)
    add_set(sp)
    add_formats(sp, "section,name,value,unit")


def _unit(name: str) -> str:
    from ..core.units import format_unit
    from ..model import catalogue

    return format_unit(catalogue.results()[name].unit)


def _cell(res, name: str) -> str:
    return fmt_number(res.magnitude(name)) if name else ""


def comparison_table(res, aset) -> str:
    """The human-readable comparison: columns side by side, breakdowns, solvers."""
    from ..compare.solvers import solutions
    from ..ground import site
    from ..space import fleet

    lines = [f"orbital compare {aset.name}: {aset.description}".rstrip(": ")]
    if aset.changes:
        lines.append("changed: " + "; ".join(aset.changes))
    lines.append("")
    lines.append("== Space vs ground")
    rows = [(label, _cell(res, s), _cell(res, g), _unit(s)) for label, s, g in HEADLINE]
    lines.append(table(rows, ("", "space", "ground", "unit")))
    for title, items, facts in (("Space breakdown", fleet.BREAKDOWN, SPACE_FACTS),
                                ("Ground breakdown", site.BREAKDOWN, GROUND_FACTS)):
        lines.append("")
        lines.append(f"== {title}")
        total = res.magnitude(items[0].split(".")[0] + ".total_cost")
        rows = []
        for name in items:
            v = res.magnitude(name)
            share = f"{100 * v / total:.1f} %" if total else ""
            rows.append((name.split(".", 1)[1], fmt_number(v), _unit(name), share))
        rows.append(("total", fmt_number(total), "USD", "100.0 %" if total else ""))
        lines.append(table(rows, ("item", "value", "unit", "share")))
        lines.append(table([(n.split(".", 1)[1], fmt_number(res.magnitude(n)),
                                  _unit(n)) for n in facts], ("", "value", "unit")))
    lines.append("")
    lines.append("== Comparison")
    lines.append(table([(n.split(".", 1)[1], fmt_number(res.magnitude(n)), _unit(n))
                             for n in COMPARE], ("", "value", "unit")))
    lines.append("")
    method = aset["compare.method"].value
    lines.append(f"== What must be true for space = ground (compare.method = {method})")
    rows = []
    for name, sol in solutions(res).items():
        rows.append((name.split(".", 1)[1], fmt_number(res.magnitude(name)), _unit(name),
                     sol.reason))
    lines.append(table(rows, ("solver", "value", "unit", "status")))
    return "\n".join(lines)


def comparison_json(res, aset) -> dict:
    """Plain data: the evaluate JSON's header, the space, ground and compare results and each
    solver's status in words."""
    from ..compare.solvers import solutions

    base = results_json(res, aset)
    data = base["results"]
    out = {k: v for k, v in base.items() if k not in ("results", "years")}
    for section in ("space", "ground", "compare"):
        out[section] = {n: data[n] for n in data if n.split(".", 1)[0] == section}
    out["solvers"] = {n: {"status": int(sol.status), "reason": sol.reason}
                      for n, sol in solutions(res).items()}
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


def run(args) -> int:
    return evaluate_and_print(args, comparison_table, comparison_json, comparison_csv)


COMMANDS = (Command("compare", "ground vs space: both sides with breakdowns and the "
                    "break-even solvers", add_arguments, run),)
