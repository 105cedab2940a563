"""``orbital timeline``, ``orbital crossover`` and ``orbital cashflow``: the time axis.

    orbital timeline  [FILE] [--set ...] [--race] [--json | --csv]   both sides by year
    orbital crossover [FILE] [--set ...] [--json]           when orbit wins, why, what must be true
    orbital cashflow  [FILE] [--set ...] [--json | --csv]   cash flows by year, NPV at each rate
"""
from __future__ import annotations

import csv
import io

from .common import Command, add_file, add_formats, add_set, evaluate_and_print
from .output import fmt_number, table

#: The by-year columns of ``orbital timeline``.
COLUMNS = ("timeline.space_lcoe", "timeline.ground_lcoe", "timeline.space_cost_per_gpu_hour",
           "timeline.ground_cost_per_gpu_hour", "timeline.launch_price_per_kg",
           "timeline.satellite_cost_per_watt", "timeline.space_capacity",
           "timeline.ground_capacity", "ground.build_constraint")

#: The by-year columns of ``orbital timeline --race``: Earth's compute build against orbit's.
RACE = ("race.ground_added", "race.space_added", "race.ground_constraint",
        "race.space_constraint")
#: What the constraint codes say, per side.
BINDS = {"race.ground_constraint": ("power", "chips"),
         "ground.build_constraint": ("waiting for power", "power build", "chips", "target"),
         "race.space_constraint": ("tonnage", "cadence cap")}

#: The answers of ``orbital crossover``, each with the status result that explains it.
ANSWERS = (("compare.crossover_year", "compare.crossover_status"),
           ("compare.capacity_year", None), ("ground.capacity_year", None),
           ("compare.price_needed_by_target_year", "compare.target_year_status"),
           ("compare.market_crossover_year", "compare.market_crossover_status"),
           ("compare.budget_capacity_year", "compare.budget_capacity_status"))
#: Status results whose codes are the crossover's (the others are the solvers').
CROSSOVER_CODES = ("compare.crossover_status", "compare.market_crossover_status")


def header(spec) -> str:
    from ..core.units import format_unit

    return f"{spec.name} [{format_unit(spec.unit)}]"


def by_year(res, names) -> tuple[list, list[tuple]]:
    """Headers and rows (one per calendar year) of the series ``names``."""
    import numpy as np

    from ..model import catalogue

    specs = catalogue.results()
    years = np.asarray(res.magnitude("timeline.year")).astype(int).tolist()
    cols = [np.asarray(res.magnitude(n)).tolist() for n in names]
    rows = [(y, *(c[i] for c in cols)) for i, y in enumerate(years)]
    return ["year", *(header(specs[n]) for n in names)], rows


def when(value) -> str:
    """A calendar year, or 'never within the horizon'."""
    return "never within the horizon" if value == float("inf") else f"{value:.0f}"


def columns(args) -> tuple:
    return RACE if getattr(args, "race", False) else COLUMNS


def cells(names, row) -> tuple:
    """A table row: the year, then each value (a constraint code in words)."""
    return (row[0], *(BINDS[n][int(v)] if n in BINDS else fmt_number(v)
                      for n, v in zip(names, row[1:])))


def timeline_table(res, aset, names=COLUMNS) -> str:
    heads, rows = by_year(res, names)
    title = ("the race: IT power each side adds a year, and what limits it" if names == RACE
             else "both sides year by year (each year's vintage, levelised over its life)")
    lines = [f"orbital timeline {aset.name}: {title}", crossover_line(res), ""]
    lines.append(table([cells(names, r) for r in rows], heads))
    return "\n".join(lines)


def crossover_line(res) -> str:
    from ..compare.timeline import CROSSOVER_STATUS

    status = int(res.magnitude("compare.crossover_status"))
    year = res.magnitude("compare.crossover_year")
    if year == float("inf"):
        return f"crossover: {CROSSOVER_STATUS[status]}"
    return f"crossover: {year:.0f} ({CROSSOVER_STATUS[status]})"


def timeline_json(res, aset, names=COLUMNS) -> dict:
    heads, rows = by_year(res, names)
    return {"assumption_set": aset.name, "columns": heads, "rows": rows,
            **crossover_json(res, aset)}


def timeline_csv(res, names=COLUMNS) -> str:
    heads, rows = by_year(res, names)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(heads)
    for r in rows:
        w.writerow([r[0], *(repr(float(v)) for v in r[1:])])
    return buf.getvalue()


def crossover_json(res, aset) -> dict:
    from ..compare.budget import BUDGET_STATUS
    from ..compare.solvers import STATUS
    from ..compare.timeline import CROSSOVER_STATUS

    out = {"assumption_set": aset.name,
           "target_year": res.value_at("timeline.target_year")}
    for name, status in ANSWERS:
        v = float(res.magnitude(name))
        entry = {"value": v, "unit": f"{res[name].units:~}"}
        if name.endswith("_year"):
            entry["text"] = when(v)
        if status:
            code = int(res.magnitude(status))
            words = (CROSSOVER_STATUS if status in CROSSOVER_CODES else BUDGET_STATUS
                     if status == "compare.budget_capacity_status" else STATUS)
            entry.update(status=code, reason=words[code])
        out[name] = entry
    return out


def crossover_table(res, aset) -> str:
    from ..compare.solvers import STATUS

    target = int(res.value_at("timeline.target_year"))
    p = res.magnitude("compare.price_needed_by_target_year")
    code = int(res.magnitude("compare.target_year_status"))
    lines = [f"orbital crossover {aset.name}", crossover_line(res),
             f"space fleet reaches its target power: {when(res.magnitude('compare.capacity_year'))}",
             f"ground reaches it: {when(res.magnitude('ground.capacity_year'))}",
             budget_line(res),
             f"what must be true to win by {target}: a launch price to LEO of "
             + (f"{fmt_number(p)} USD/kg" if code == 0 else STATUS[code])]
    market = res.magnitude("timeline.ground_market_price")
    cost = res.magnitude("timeline.ground_lcoe")
    if (market > cost * (1 + 1e-12)).any():  # the lens, only where a premium is set
        first = res.value_at("timeline.ground_market_price") / res.value_at(
            "timeline.ground_lcoe") - 1
        lines.append(f"lens, not a cost: against the ground's market price (a "
                     f"{fmt_number(first * 100)} % scarcity premium in the first year), "
                     f"orbit undercuts it from "
                     f"{when(res.magnitude('compare.market_crossover_year'))}")
    return "\n".join(lines)


def budget_line(res) -> str:
    """Equal money: when orbit's fleet passes what the same budget builds on the ground."""
    from ..compare.budget import BUDGET_STATUS

    given = "timeline.ground_budget" not in res.unused  # read only under 'given'
    money = (f"{fmt_number(res.value_at('timeline.ground_budget') / 1e9)} billion USD a year"
             if given else "the capital orbit spends each year")
    year = res.magnitude("compare.budget_capacity_year")
    code = int(res.magnitude("compare.budget_capacity_status"))
    when_ = "" if year == float("inf") else f"{year:.0f}: "
    return f"equal money (the ground spends {money}): {when_}{BUDGET_STATUS[code]}"


def cashflow_table(res, aset) -> str:
    df = res.cashflow_frame()
    rows = [(y, *(fmt_number(v) for v in row)) for y, row in zip(df.index, df.to_numpy())]
    npv = "; ".join(f"{k}: {fmt_number(v)}" for k, v in df.attrs.items())
    return "\n".join([f"orbital cashflow {aset.name}: capital at the start of each year, "
                      "operations at its end", table(rows, ("year", *df.columns)), "", npv])


def cashflow_json(res, aset) -> dict:
    df = res.cashflow_frame()
    return {"assumption_set": aset.name, "columns": ["year", *df.columns],
            "rows": [[int(y), *map(float, row)] for y, row in zip(df.index, df.to_numpy())],
            "npv": dict(df.attrs)}


def cashflow_csv(res) -> str:
    """The by-year rows, then one ``npv`` row per side's total column."""
    df = res.cashflow_frame()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["year", *df.columns])
    for y, row in zip(df.index, df.to_numpy()):
        w.writerow([int(y), *(repr(float(v)) for v in row)])
    cols = list(df.columns)
    npv = [""] * len(cols)
    npv[cols.index("timeline.space_total [USD/yr]")] = repr(df.attrs["timeline.space_npv [USD]"])
    npv[cols.index("timeline.ground_total [USD/yr]")] = repr(df.attrs["timeline.ground_npv [USD]"])
    w.writerow(["npv [USD]", *npv])
    return buf.getvalue()


def add_arguments(sp) -> None:
    add_file(sp)
    add_set(sp)
    add_formats(sp, "year,<series [unit]>...")


def add_timeline_arguments(sp) -> None:
    add_arguments(sp)
    sp.add_argument("--race", action="store_true", help="the race instead: IT power each side "
                    "adds a year (Earth's power build and chips against orbit's launches) and "
                    "what limits each")


def run_timeline(args) -> int:
    names = columns(args)
    return evaluate_and_print(args, lambda res, aset: timeline_table(res, aset, names),
                              lambda res, aset: timeline_json(res, aset, names),
                              lambda res: timeline_csv(res, names))


def run_crossover(args) -> int:
    return evaluate_and_print(args, crossover_table, crossover_json, crossover_json_csv)


def crossover_json_csv(res) -> str:
    """``orbital crossover --csv``: one row per answer (name, value, unit, status, reason)."""
    from ..compare.solvers import STATUS
    from ..compare.timeline import CROSSOVER_STATUS

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "value", "unit", "status", "reason"])
    for name, status in ANSWERS:
        code = int(res.magnitude(status)) if status else ""
        words = CROSSOVER_STATUS if status in CROSSOVER_CODES else STATUS
        w.writerow([name, repr(float(res.magnitude(name))), f"{res[name].units:~}", code,
                    words[code] if status else ""])
    return buf.getvalue()


def run_cashflow(args) -> int:
    return evaluate_and_print(args, cashflow_table, cashflow_json, cashflow_csv)


COMMANDS = (
    Command("timeline", "both sides year by year and the crossover year (--race: the build race)",
            add_timeline_arguments, run_timeline),
    Command("crossover", "when orbit wins, why, and the launch price needed by a target year",
            add_arguments, run_crossover),
    Command("cashflow", "cash flows by year with each side's NPV", add_arguments, run_cashflow),
)
