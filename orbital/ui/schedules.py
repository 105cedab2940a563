"""Per-year schedules on the page, without streamlit: which parameters, their rows, their text.

A schedule edited on the page is held in the session as the text ``--set`` reads
(``"2026:1000, 2030:300 USD/kg log"``, :func:`orbital.sets.values.schedule_from_text`), under
the key ``"@" + name``; the URL carries that same text, so a schedule round-trips exactly
(each number written with Python's shortest exact ``repr``).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..core.errors import InputError
from ..core.units import Q_
from ..model import catalogue
from ..sets.aset import AssumptionSet

#: The per-year inputs the time axis reads, when orbital.core.schedule does not list them.
FALLBACK = ("buildout.mass_per_year", "launch.max_flights_per_year", "launch.price_per_kg",
            "space.satellite_cost_per_watt", "space.build_cost_per_kg", "ground.grid_price",
            "ground.gas_price")
#: Session key prefix of a schedule typed on the page.
PREFIX = "@"
#: Session key of the editors' generation (bumped on every edit, so an editor restarts from
#: the schedule it wrote rather than re-applying its edits).
GENERATION = "_sched_generation"


def names() -> list[str]:
    """The schedulable parameters: ``orbital.core.schedule.PER_YEAR`` when it exists (the one
    list the time axis reads), else :data:`FALLBACK`; those in the catalogue only."""
    from ..core import schedule

    listed = getattr(schedule, "PER_YEAR", None) or FALLBACK
    specs = catalogue.parameters()
    return [n for n in listed if n in specs]


def key(name: str) -> str:
    return PREFIX + name


def number_text(v: float) -> str:
    """The shortest text that reads back as exactly ``v``."""
    f = float(v)
    return str(int(f)) if f.is_integer() and abs(f) < 2**53 else repr(f)


def text_of(rows: Sequence[tuple], interpolation: str, unit: str) -> str:
    """``rows`` of (year, value in ``unit``) as schedule text, sorted by year; rows with an
    empty year or value are left out."""
    points = sorted((int(y), float(v)) for y, v in rows
                    if y is not None and v is not None and not (
                        isinstance(y, float) and math.isnan(y))
                    and not (isinstance(v, float) and math.isnan(v)))
    body = ", ".join(f"{y}:{number_text(v)}" for y, v in points)
    return f"{body} {unit} {interpolation}" if body else ""


def rows_of(aset: AssumptionSet, name: str) -> tuple[list[tuple[int, float]], str]:
    """(rows of (year, value in the declared unit), interpolation) of ``name`` in ``aset``: its
    schedule, or one row at the start year holding its value."""
    a = aset[name]
    spec = catalogue.parameters()[name]
    if not a.schedule:
        start = int(round(float(aset["timeline.start_year"].display_value())))
        return [(start, a.display_value())], "linear"
    rows = [(int(y), float(Q_(float(v), a.unit or spec.unit).m_as(spec.pint_unit)))
            if (a.unit or spec.unit) != spec.unit else (int(y), float(v))
            for y, v in a.schedule]
    return rows, a.interpolation or "linear"


def base_text(aset: AssumptionSet, name: str) -> str | None:
    """The schedule text of ``name`` as ``aset`` has it (None when it has no schedule)."""
    if not aset[name].schedule:
        return None
    rows, interp = rows_of(aset, name)
    return text_of(rows, interp, catalogue.parameters()[name].unit)


def shown(state: Mapping, base: AssumptionSet, current: AssumptionSet,
          name: str) -> tuple[list[tuple[int, float]], str]:
    """The rows and interpolation an editor shows: the typed schedule, else the current set's."""
    text = state.get(key(name))
    if text:
        try:
            return rows_of(base.with_values({name: text}), name)
        except InputError:  # refused (and reported): show the set without it
            pass
    return rows_of(current, name)


def changes(state: Mapping, aset: AssumptionSet) -> dict[str, str]:
    """The schedules typed on the page that differ from ``aset``'s: {name: text}."""
    out = {}
    for name in names():
        text = state.get(key(name))
        if text and text != base_text(aset, name):
            out[name] = text
    return out


def clear(state) -> None:
    """Forget every typed schedule (a reset or a new base set)."""
    for k in [k for k in state if isinstance(k, str) and k.startswith(PREFIX)]:
        del state[k]
    state[GENERATION] = state.get(GENERATION, 0) + 1


def apply_edits(rows: Sequence[tuple], edits: Mapping) -> list[tuple]:
    """``rows`` of (year, value) after a data editor's edits (``edited_rows`` by position with
    ``year``/``value`` columns, ``added_rows``, ``deleted_rows``)."""
    out = [list(r) for r in rows]
    for i, cells in (edits.get("edited_rows") or {}).items():
        i = int(i)
        if 0 <= i < len(out):
            for col, v in cells.items():
                if col in ("year", "value"):
                    out[i][0 if col == "year" else 1] = v
    gone = {int(i) for i in edits.get("deleted_rows") or ()}
    out = [r for i, r in enumerate(out) if i not in gone]
    for added in edits.get("added_rows") or ():
        out.append([added.get("year"), added.get("value")])
    return [tuple(r) for r in out]
