"""How results look on a terminal and in files: readable numbers, aligned tables, strict JSON
and CSV rows ``name,year,value,unit``. The model's modules load inside the functions that need
them, so that ``orbital --help`` starts without pint or numpy."""
from __future__ import annotations

import csv
import io
import json
import math

from ..core.numbers import fmt_number, fmt_value
from ..core.version import __version__


def table(rows: list[tuple], headers: tuple) -> str:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    out = []
    line = "  ".join(str(h).ljust(w) for h, w in zip(headers, widths))
    out.append(line.rstrip())
    out.append("  ".join("-" * w for w in widths))
    for r in rows:
        cells = []
        for i, (c, w) in enumerate(zip(r, widths)):
            cells.append(str(c).rjust(w) if i == 1 else str(c).ljust(w))
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def results_table(res, aset) -> str:
    """The human-readable results: scalars by section, then the buildout by year."""
    from ..core.units import format_unit
    from ..model import catalogue

    specs = catalogue.results()
    lines = [f"orbital {aset.name}: {aset.description}".rstrip(": ")]
    if aset.changes:
        lines.append("changed: " + "; ".join(aset.changes))
    section = None
    rows: list[tuple] = []
    blocks = []
    for name in res.scalars():
        spec = specs[name]
        if spec.section != section:
            if rows:
                blocks.append((section, rows))
            section, rows = spec.section, []
        rows.append((name, fmt_value(name, res.magnitude(name)), format_unit(spec.unit)))
    if rows:
        blocks.append((section, rows))
    for sec, rws in blocks:
        lines.append("")
        lines.append(f"== {catalogue.SECTIONS.get(sec, sec)}")
        lines.append(table(rws, ("result", "value", "unit")))
    series = [n for n in res.series_names() if n.startswith("buildout.")]
    if series:
        lines.append("")
        lines.append("== Buildout by year")
        headers = ("year",) + tuple(f"{n.split('.', 1)[1]} [{format_unit(specs[n].unit)}]"
                                    for n in series)
        rows = []
        for i, year in enumerate(res.years):
            rows.append((str(year),) + tuple(fmt_number(res.magnitude(n)[i]) for n in series))
        lines.append(wide_table(rows, headers))
    side = side_by_side(res)
    if side:
        lines.append("")
        lines.append("== Earth launch vs lunar mass driver")
        lines.append(table(side, ("", "Earth", "Moon", "unit")))
    return "\n".join(lines)


def wide_table(rows, headers) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    out = ["  ".join(h.rjust(w) for h, w in zip(headers, widths))]
    for r in rows:
        out.append("  ".join(c.rjust(w) for c, w in zip(r, widths)))
    return "\n".join(out)


def side_by_side(res) -> list[tuple]:
    if "lunar.cost_per_kg" not in res:
        return []
    return [
        ("cost per kg delivered to LEO",
         fmt_number(res.magnitude("launch.initial_price_per_kg")),
         fmt_number(res.magnitude("lunar.delivered_price_per_kg")), "USD/kg"),
        ("cost per kg delivered to the fleet's orbit",
         fmt_number(res.magnitude("space.launch_price_per_kg")),
         fmt_number(res.magnitude("lunar.operating_orbit_price_per_kg")), "USD/kg"),
        ("mass per year delivered", fmt_number(res.magnitude("buildout.launched_mass")[0]),
         fmt_number(res.magnitude("lunar.delivered_mass")), "t/yr"),
        ("power added per year", fmt_number(res.magnitude("buildout.power_added_per_year")),
         fmt_number(res.magnitude("lunar.power_added_per_year")), "GW/yr"),
    ]


def json_text(obj) -> str:
    """Strict JSON: non-finite numbers (no break-even, an unbounded fleet) become null."""
    return json.dumps(_finite_or_null(obj), indent=2, allow_nan=False, ensure_ascii=False)


def _finite_or_null(obj):
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite_or_null(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite_or_null(v) for v in obj]
    return obj


def results_json(res, aset) -> dict:
    return {"assumption_set": aset.name, "orbital_version": __version__,
            "changes": list(aset.changes), "years": res.years.tolist(),
            "results": res.to_dict()}


def results_csv(res) -> str:
    from ..core.units import format_unit
    from ..model import catalogue

    specs = catalogue.results()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "year", "value", "unit"])
    for name in res.scalars():
        w.writerow([name, "", repr(res.magnitude(name)), format_unit(specs[name].unit)])
    for name in res.series_names():
        for year, v in zip(res.years, res.magnitude(name)):
            w.writerow([name, int(year), repr(float(v)), format_unit(specs[name].unit)])
    return buf.getvalue()
