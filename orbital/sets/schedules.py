"""A parameter's schedule as written in a file: years, values, interpolation, per-point
sources, checked for shape (each value is then checked like a scalar by the caller)."""
from __future__ import annotations

import re

from ..core.errors import InputError
from ..core.schedule import INTERPOLATIONS, per_year_error

#: Calendar years a schedule may name.
SCHEDULE_YEARS = (1957, 2300)


def describe(x) -> str:
    """What a wrong field holds, in a few words."""
    return f"a {type(x).__name__}" if not isinstance(x, str) else repr(x[:40])


def year_of(key) -> int | None:
    """A schedule's year key ("2030" in TOML/JSON, or an int) as an int, else None."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and re.fullmatch(r"\s*\d{4}\s*", key, re.ASCII):
        return int(key)
    return None


def read_schedule(spec, entry, where):
    """(points, interpolation, sources) of an entry: ((year, value), ...) sorted by year,
    'linear' or 'log', ((year, source), ...); ((), "", ()) without a schedule."""
    if "schedule" not in entry:
        if "interpolation" in entry or "schedule_sources" in entry:
            raise InputError(where, f"'{spec.name}' has interpolation or schedule_sources but "
                             "no schedule", "schedule = { 2026 = ..., 2030 = ... }")
        return (), "", ()
    if spec.kind == "choice":
        raise InputError(where, f"'{spec.name}' is a model choice with a schedule",
                         "one option for the whole period")
    why = per_year_error(spec.name)
    if why:
        raise InputError(where, why, "a single value")
    table = entry["schedule"]
    if not isinstance(table, dict) or not table:
        raise InputError(where, f"'{spec.name}' schedule is {describe(table)}",
                         "a table of year = value, e.g. { 2026 = 1000, 2030 = 300 }")
    points = []
    for key, v in table.items():
        year = year_of(key)
        if year is None or not SCHEDULE_YEARS[0] <= year <= SCHEDULE_YEARS[1]:
            raise InputError(where, f"'{spec.name}' schedule year {str(key)[:20]!r}",
                             f"a calendar year from {SCHEDULE_YEARS[0]} to {SCHEDULE_YEARS[1]}")
        points.append((year, v))
    if len({y for y, _ in points}) != len(points):
        raise InputError(where, f"'{spec.name}' schedule names a year twice", "each year once")
    interp = entry.get("interpolation", "linear")
    if interp not in INTERPOLATIONS:
        raise InputError(where, f"'{spec.name}' interpolation {describe(interp)}",
                         "'linear' or 'log'")
    sources = entry.get("schedule_sources", {})
    if not isinstance(sources, dict) or not all(
            isinstance(v, str) and v.strip() for v in sources.values()):
        raise InputError(where, f"'{spec.name}' schedule_sources is {describe(sources)}",
                         "a table of year = \"source\"")
    named = {y for y, _ in points}
    extra = [k for k in sources if year_of(k) not in named]
    if extra:
        raise InputError(where, f"'{spec.name}' schedule_sources names {str(extra[0])[:20]!r}, "
                         "which is not a year of its schedule", "a year of the schedule")
    return (tuple(sorted(points)), interp,
            tuple(sorted((year_of(k), v) for k, v in sources.items())))
