"""One parameter's entry in a set: its value, unit, provenance and distribution, checked
against the parameter's spec (dimension, range, finiteness, fields)."""
from __future__ import annotations

import dataclasses
import functools
import math
import re
from typing import Any

from ..core.errors import InputError
from ..core.spec import CONFIDENCE, did_you_mean
from ..core.units import kind_text, same_kind, unit_kind
from ..core import units  # units.ureg ...: pint's objects, made on first use
from ..model import catalogue
from .distributions import (  # the distribution types, re-exported for the set's users
    DIST_ALIASES,
    DISTRIBUTIONS,
    LOG_KINDS,
    OFFSET_LOG_EXPECTED,
    Distribution,
    offset_log_problem,
)
from .schedules import read_schedule

FIELD_KEYS = ("value", "unit", "source", "note", "confidence", "distribution", "off_centre",
              "schedule", "interpolation", "schedule_sources")


@dataclasses.dataclass(frozen=True)
class Assumption:
    """One parameter's value with its unit and provenance."""

    name: str
    value: Any  # int/float for quantities, str for choices
    unit: str  # as written in the file ("" for choices)
    source: str
    note: str = ""
    confidence: str = ""
    distribution: Distribution | None = None
    origin: str = dataclasses.field(default="", compare=False)  # file it came from
    off_centre: str = ""  # why the value is not its distribution's centre, when it is not
    #: per-year values: ((year, value in ``unit``), ...) sorted by year; () for none
    schedule: tuple = ()
    interpolation: str = ""  # "linear" or "log" with a schedule
    schedule_sources: tuple = ()  # ((year, source), ...) for points with their own source

    def centre_gap(self) -> float | None:
        """The distribution's centre (in the value's unit) when the value is not at it (more
        than 1 % of the distribution's width away), else None."""
        if self.distribution is None or isinstance(self.value, str):
            return None
        c = self.distribution.centre()
        lo, hi = self.distribution.bounds()
        return c if abs(float(self.value) - c) > 0.01 * abs(hi - lo) else None

    @property
    def spec(self):
        return catalogue.parameters()[self.name]

    @property
    def quantity(self):
        """The value as a pint Quantity in the unit it was written in (choices: the string)."""
        if isinstance(self.value, str):
            return self.value
        return units.ureg.Quantity(self.value, unit_of(self.unit))

    def display_value(self) -> float | str:
        """The value in the parameter's declared (display) unit."""
        if isinstance(self.value, str):
            return self.value
        return float(self.quantity.m_as(self.spec.pint_unit))

    def to_data(self) -> dict:
        d: dict[str, Any] = {"value": self.value}
        if self.unit:
            d["unit"] = self.unit
        d["source"] = self.source
        if self.note:
            d["note"] = self.note
        if self.confidence:
            d["confidence"] = self.confidence
        if self.distribution is not None:
            d["distribution"] = self.distribution.as_dict()
        if self.off_centre:
            d["off_centre"] = self.off_centre
        if self.schedule:
            d["schedule"] = {str(y): v for y, v in self.schedule}
            d["interpolation"] = self.interpolation
            if self.schedule_sources:
                d["schedule_sources"] = {str(y): src for y, src in self.schedule_sources}
        return d


def parse_entry(spec, entry, where: str, origin: str) -> Assumption:
    if not isinstance(entry, dict):
        raise InputError(where, f"'{spec.name}' is {describe_given(entry)}",
                         "a table with value, unit and source, e.g. "
                         f"{{ value = 1.0, unit = \"{spec.unit or '1'}\", source = \"...\" }}")
    for key in entry:
        if key not in FIELD_KEYS:
            raise InputError(where, f"'{spec.name}' has an unknown field '{key}'"
                             + did_you_mean(key, FIELD_KEYS),
                             "fields " + ", ".join(FIELD_KEYS))
    if "value" not in entry and "schedule" not in entry:
        raise InputError(where, f"'{spec.name}' has no value", "value = ... (or a schedule)")
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        raise InputError(where, f"'{spec.name}' has no source",
                         "source = \"...\" (a citation, or \"assumption: why\")")
    note = entry.get("note", "")
    confidence = entry.get("confidence", "")
    if not isinstance(note, str):
        raise InputError(where, f"'{spec.name}' note is {describe_given(note)}", "a string")
    if "confidence" in entry and (not isinstance(confidence, str)
                                  or confidence not in CONFIDENCE):
        raise InputError(where, f"'{spec.name}' confidence " + (
            repr(confidence) if isinstance(confidence, str) else describe_given(confidence))
                         + did_you_mean(str(confidence), CONFIDENCE),
                         "one of " + ", ".join(CONFIDENCE))
    if "schedule" in entry and spec.kind == "choice":
        raise InputError(where, f"'{spec.name}' is a model choice with a schedule",
                         "one option for the whole period")
    points, interp, sources = read_schedule(spec, entry, where)
    value = entry["value"] if "value" in entry else points[0][1]
    if spec.kind == "choice":
        if "unit" in entry:
            raise InputError(where, f"'{spec.name}' is a model choice but has a unit",
                             "no unit for a choice")
        if not isinstance(value, str) or value not in spec.options:
            raise InputError(where, f"'{spec.name}' = {value!r}"
                             + did_you_mean(str(value), spec.options), spec.range_text())
        if "distribution" in entry:
            raise InputError(where, f"'{spec.name}' is a model choice with a distribution",
                             "no distribution for a choice")
        return Assumption(spec.name, value, "", source, note, confidence, None, origin)

    if "unit" not in entry:
        raise InputError(where, f"'{spec.name}' = {describe_given(value)} has no unit",
                         f"unit = \"{spec.unit or '1'}\" (or a compatible unit)")
    unit_text = entry["unit"]
    if not isinstance(unit_text, str):
        raise InputError(where, f"'{spec.name}' unit is {describe_given(unit_text)}",
                         f"a unit string compatible with {spec.unit or '1'}")
    check_number(value, spec, where, "value")
    check_unit(unit_text, spec, where)
    a = Assumption(spec.name, value, unit_text, source, note, confidence, None, origin)
    check_range(a, spec, where)
    dist = None
    if "distribution" in entry:
        dist = _parse_distribution(entry["distribution"], spec, unit_text, where)
    off = entry.get("off_centre", "")
    if not isinstance(off, str) or ("off_centre" in entry and not off.strip()):
        raise InputError(where, f"'{spec.name}' off_centre is {describe_given(off)}",
                         "a sentence saying why the value is not its distribution's centre")
    if off and dist is None:
        raise InputError(where, f"'{spec.name}' has off_centre but no distribution",
                         "a distribution to be off the centre of")
    a = dataclasses.replace(a, distribution=dist, off_centre=off)
    if points:
        for year, v in points:
            check_number(v, spec, f"{where} schedule {year}", "value")
            check_range(dataclasses.replace(a, value=v), spec, f"{where} schedule {year}")
        if interp == "log" and any(v <= 0 for _, v in points):
            raise InputError(where, f"'{spec.name}' has a log-interpolated schedule with a value "
                             "at or below 0", "positive values, or interpolation = 'linear'")
        a = dataclasses.replace(a, schedule=points, interpolation=interp,
                                schedule_sources=sources)
    return a


def check_number(value, spec, where, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(where, f"'{spec.name}' {what} is {describe_given(value)}",
                         f"a number in {spec.unit or '1'}")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer beyond any float (str() of it may itself be refused)
        size = f"a {len(str(abs(value)))}-digit integer" if value.bit_length() < 14_000 else \
            f"an integer of about {int(value.bit_length() * 0.30103):,} digits"
        raise InputError(where, f"'{spec.name}' {what} is {size}", "a finite number") from None
    if not finite:
        raise InputError(where, f"'{spec.name}' {what} is {value}", "a finite number")


def check_unit(unit_text: str, spec, where: str):
    """Refuse a unit that is not one, or not of the parameter's dimension and kind (the
    unit table of :mod:`orbital.core.units`: a unit it holds is checked without pint)."""
    given = units.known(unit_text)
    if given is not None and given.same_kind(units.facts(spec.unit)):
        return
    u = parse_unit(unit_text, where, spec.name)
    if u.dimensionality != spec.pint_unit.dimensionality:
        raise InputError(where, f"'{spec.name}' has unit '{unit_text}' "
                         f"({_dim_text(u)}), which is not a {_dim_text(spec.pint_unit)}",
                         f"a unit compatible with {spec.unit or '1'}")
    if not same_kind(u, spec.pint_unit):  # pint converts 50 deg to 0.87 and 50 % to 0.5 rad
        raise InputError(where, f"'{spec.name}' has unit '{unit_text}', {kind_text(u)}, "
                         f"which is not {kind_text(spec.pint_unit)}",
                         f"a unit compatible with {spec.unit or '1'}"
                         + (" (deg, rad, arcmin)" if unit_kind(spec.pint_unit) else
                            " (1, %, ppm)" if spec.pint_unit.dimensionless else ""))


@functools.lru_cache(maxsize=4096)
def unit_of(text: str):
    """Parse a unit string (cached: parsing costs ~60 µs); '' and '1' are dimensionless."""
    return units.ureg.Unit(units.normalise(text))


def parse_unit(unit_text: str, where: str, name: str = ""):
    """Parse a unit string with orbital's registry, refusing anything that is not a unit."""
    label = f"'{name}' unit" if name else "unit"
    text = unit_text.strip()
    if len(text) > 100 or not text.isprintable() or not re.fullmatch(r"[\w\s/*^.()%°µμ¢$·⁻⁰¹²³-]*", text):
        raise InputError(where, f"{label} {unit_text!r} is not a unit",
                         "a unit such as USD/kg, kW/t, t/yr")
    if text in ("", "1"):
        return units.ureg.Unit("")
    _check_powers(text, unit_text, where, label)
    try:
        u = unit_of(text)
    except units.UndefinedUnitError as exc:
        names = getattr(exc, "unit_names", "")
        names = ", ".join(names) if isinstance(names, (tuple, list)) else str(names)
        raise InputError(where, f"{label} {unit_text!r}: unknown unit '{names}'"
                         if hasattr(exc, "unit_names") else f"{label} {unit_text!r} is unknown",
                         "a unit such as USD/kg, kW/t, t/yr") from None
    except Exception:
        raise InputError(where, f"{label} {unit_text!r} is not a unit",
                         "a unit such as USD/kg, kW/t, t/yr") from None
    return u


#: The most powers (``**``, ``^``, superscripts) a unit may hold, and the largest exponent:
#: pint evaluates ``9**9**9`` as an integer with 370 million digits before anything can check it.
MAX_POWERS = 4
MAX_EXPONENT = 12
_SUPER = str.maketrans("⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹", "-+0123456789")
_EXPONENT = re.compile(r"\s*\(?\s*([-+]?\s*(?:\d+\.?\d*|\.\d+))\s*\)?")


def _check_powers(text: str, unit_text: str, where: str, label: str) -> None:
    """Refuse unit powers that would cost more than any real unit needs (towers, huge
    exponents), before pint evaluates them."""
    t = re.sub(r"[⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "**" + m.group().translate(_SUPER) + " ", text)
    ops = list(re.finditer(r"\*\*|\^", t))
    expected = (f"a unit with at most {MAX_POWERS} powers, each a number from "
                f"-{MAX_EXPONENT} to {MAX_EXPONENT}, e.g. m**2, s^-1, kg·m²")
    if len(ops) > MAX_POWERS:
        raise InputError(where, f"{label} {unit_text!r} has {len(ops)} powers", expected)
    for op in ops:
        m = _EXPONENT.match(t, op.end())
        ok = m is not None and m.group(1).strip() and \
            abs(float(m.group(1).replace(" ", ""))) <= MAX_EXPONENT
        if not ok or re.match(r"\s*(\*\*|\^)", t[m.end():]):
            raise InputError(where, f"{label} {unit_text!r} has a power that is not a small "
                             "number", expected)


_DIM_NAMES = {
    "[currency] / [mass]": "price per mass",
    "[mass]": "mass",
    "[currency]": "cost",
    "[mass] / [time]": "mass per time",
    "[length] ** 2 / [time] ** 3": "power per mass",
    "[time]": "time",
    "1 / [time]": "rate",
    "[length] / [time]": "speed",
    "[length]": "length",
    "[length] / [time] ** 2": "acceleration",
    "[currency] / [time]": "cost per time",
    "[currency] * [time] ** 2 / [length] ** 2 / [mass]": "price per energy",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "dimensionless": "dimensionless number",
}


@functools.lru_cache(maxsize=None)
def _dim_names() -> dict:
    """_DIM_NAMES keyed by dimensionality (pint's string order varies: USD/kWh prints
    ``[currency] * [time] ** 2 / [mass] / [length] ** 2``)."""
    ureg = units.ureg
    return {(ureg.get_dimensionality(k) if k != "dimensionless" else ureg.Unit("").dimensionality):
            v for k, v in _DIM_NAMES.items()}


def _dim_text(u) -> str:
    return _dim_names().get(u.dimensionality, str(u.dimensionality))


def check_range(a: Assumption, spec, where: str):
    si = to_si(a, where)
    problem = spec.check_range_si(si)
    if problem:
        unit = "" if a.unit in ("", "1") else f" {a.unit}"
        raise InputError(where, f"'{spec.name}' = {a.value:g}{unit} "
                         + problem.split(" ", 1)[1] if " " in problem else problem,
                         spec.range_text())


def to_si(a: Assumption, where: str):
    if isinstance(a.value, str):
        return a.value
    try:
        return float(units.value_to_si(a.value, a.unit))
    except Exception as exc:  # a unit that passed parsing but fails conversion
        raise InputError(where, f"'{a.name}' = {a.value!r} {a.unit}: {exc}",
                         f"a value in {a.spec.unit}") from None


def _parse_distribution(d, spec, unit_text: str, where: str) -> Distribution:
    label = f"'{spec.name}' distribution"
    if not isinstance(d, dict):
        raise InputError(where, f"{label} is {describe_given(d)}",
                         "a table such as { kind = \"uniform\", low = 1, high = 2 }")
    kind = d.get("kind")
    kind = DIST_ALIASES.get(kind, kind) if isinstance(kind, str) else kind
    if not isinstance(kind, str) or kind not in DISTRIBUTIONS:
        raise InputError(where, f"{label} kind {d.get('kind')!r}"
                         + did_you_mean(str(d.get("kind")), DISTRIBUTIONS),
                         "one of " + ", ".join(DISTRIBUTIONS))
    names = DISTRIBUTIONS[kind]
    if kind in LOG_KINDS and units.facts(unit_text).offset:
        raise InputError(where, offset_log_problem(spec.name, kind, unit_text),
                         OFFSET_LOG_EXPECTED)
    extra = [k for k in d if k not in names and k != "kind"]
    if extra:
        raise InputError(where, f"{label} ({kind}) has an unknown field '{extra[0]}'"
                         + did_you_mean(extra[0], names), "fields " + ", ".join(names))
    missing = [k for k in names if k not in d]
    if missing:
        raise InputError(where, f"{label} ({kind}) lacks '{missing[0]}'",
                         "fields " + ", ".join(names))
    for k in names:
        check_number(d[k], spec, where, f"distribution {k}")
    f = dict((k, d[k]) for k in names)
    bad = None
    if kind in ("uniform", "loguniform") and not f["low"] < f["high"]:
        bad = "needs low < high"
    elif kind == "triangular" and not (f["low"] <= f["mode"] <= f["high"] and f["low"] < f["high"]):
        bad = "needs low ≤ mode ≤ high and low < high"
    elif kind == "normal" and not f["sd"] > 0:
        bad = "needs sd > 0"
    elif kind == "lognormal" and not (f["median"] > 0 and f["sigma"] > 0):
        bad = "needs median > 0 and sigma > 0"
    elif kind == "loguniform" and not f["low"] > 0:
        bad = "needs low > 0"
    if bad:
        raise InputError(where, f"{label} ({kind}) {bad}: got "
                         + ", ".join(f"{k} = {v:g}" for k, v in f.items()),
                         f"a valid {kind} distribution")
    # the distribution's support (or centre, for unbounded kinds) must be physically allowed
    check = [f["low"], f["high"]] if "low" in f else [f.get("mean", f.get("median"))]
    for v in check:
        si = float(units.value_to_si(v, unit_text))
        problem = spec.check_range_si(si)
        if problem:
            raise InputError(where, f"{label} ({kind}) reaches {v:g} {unit_text}, outside the "
                             "parameter's range", spec.range_text())
    return Distribution(kind, tuple((k, f[k]) for k in names))


def describe_given(v) -> str:
    if isinstance(v, str):
        return f"the text {v!r}"
    if isinstance(v, bool):
        return f"the boolean {str(v).lower()}"
    if isinstance(v, (int, float)):
        return f"{v!r}"
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, list):
        return "a list"
    return type(v).__name__


