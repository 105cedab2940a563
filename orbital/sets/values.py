"""A value typed by a person: ``--set NAME=VALUE``, a URL parameter, a widget, an API call,
turned into a checked :class:`~orbital.sets.entries.Assumption`."""
from __future__ import annotations

import dataclasses
import math
import re

import numpy as np

from ..core.errors import InputError
from ..core.spec import did_you_mean
from ..core.units import format_unit, is_offset
from ..core import units  # pint's objects (units.ureg ...) made on first use
from .distributions import recentred
from .entries import (
    LOG_KINDS,
    Assumption,
    Distribution,
    check_number,
    check_range,
    check_unit,
    offset_log_problem,
    unit_of,
)

# applied to stripped text, so the unit group needs no lazy match against trailing spaces
# (``(.*?)\s*$`` backtracks quadratically on "1x" + 300,000 spaces + "y")
_NUMBER = re.compile(r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan|infinity))"
                     r"\s*(.*)", re.IGNORECASE | re.ASCII | re.DOTALL)  # ASCII digits: no '١٢'

#: The longest value text read (``--set``, a URL, a widget): a number and a unit fit in far less.
MAX_VALUE_CHARS = 1000


def parse_setting(text: str, place: str = "--set") -> tuple[str, str]:
    """Split ``NAME=VALUE`` (as given to ``--set``) into name and value text."""
    if "=" not in text:
        raise InputError(f"{place} {text!r}", "no '='", "NAME=VALUE, e.g. "
                         "\"launch.price_per_kg=200 USD/kg\"")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def value_from_text(spec, text: str, where: str, default_unit: str | None = None):
    """Parse ``"200 USD/kg"``, ``"200"`` (in ``default_unit``, else the declared unit) or a
    choice keyword into (value, unit) for an :class:`Assumption`."""
    if spec.kind == "choice":
        if text not in spec.options:
            shown = text if len(text) <= 60 else text[:57] + "..."
            raise InputError(where, f"'{spec.name}' = {shown!r}" + (did_you_mean(
                text, spec.options) if len(text) <= MAX_VALUE_CHARS else ""), spec.range_text())
        return text, ""
    if len(text) > MAX_VALUE_CHARS:
        raise InputError(where, f"'{spec.name}' is given {len(text):,} characters",
                         f"a number and a unit in at most {MAX_VALUE_CHARS} characters")
    m = _NUMBER.fullmatch(text.strip())
    if not m:
        raise InputError(where, f"'{spec.name}' = {text!r} is not a number with a unit",
                         f"e.g. \"{spec.name}=1.0 {spec.unit}\"")
    number = float(m.group(1))
    if not math.isfinite(number):
        raise InputError(where, f"'{spec.name}' = {text!r}", "a finite number")
    unit_text = m.group(2) or (default_unit if default_unit is not None else spec.unit)
    check_unit(unit_text, spec, where)
    value = int(number) if number.is_integer() and abs(number) < 2**53 and \
        re.fullmatch(r"[-+]?\d+", m.group(1).strip()) else number
    return value, unit_text


#: A schedule typed as text: "2026:1000, 2030:300 USD/kg log" (years, values, a unit, a
#: way to interpolate).
_SCHEDULE = re.compile(r"\s*\d{4}\s*:", re.ASCII)


def is_schedule_text(text: str) -> bool:
    """Whether ``text`` is written as a schedule ("2026:1000, ..."), not a single value."""
    return bool(_SCHEDULE.match(text))


def schedule_from_text(spec, text: str, old: Assumption, src: str, place: str) -> Assumption:
    """``"2026:1000, 2030:300 USD/kg log"`` as a scheduled :class:`Assumption`: each point a
    year and a number, the unit after the last number (else the old unit), then optionally
    'linear' or 'log'."""
    where = f"{place} '{spec.name}'"
    if len(text) > MAX_VALUE_CHARS:
        raise InputError(where, f"'{spec.name}' is given {len(text):,} characters",
                         f"at most {MAX_VALUE_CHARS}")
    words = text.strip().rsplit(None, 1)
    interp = "linear"
    if len(words) == 2 and words[1] in ("linear", "log"):
        text, interp = words[0], words[1]
    parts = [p.strip() for p in text.split(",")]
    points, unit_text = [], None
    for i, part in enumerate(parts):
        year, sep, rest = part.partition(":")
        if not sep or not re.fullmatch(r"\d{4}", year.strip(), re.ASCII):
            raise InputError(where, f"schedule point {part[:40]!r}", "YEAR:VALUE, e.g. 2030:300")
        m = _NUMBER.fullmatch(rest.strip())
        if not m or (m.group(2) and i != len(parts) - 1):
            raise InputError(where, f"schedule point {part[:40]!r}",
                             "YEAR:NUMBER, with the unit once after the last number")
        points.append((int(year), float(m.group(1))))
        unit_text = m.group(2) or unit_text
    unit_text = unit_text or old.unit or spec.unit
    check_unit(unit_text, spec, where)
    from .entries import parse_entry

    entry = {"unit": unit_text, "source": src, "interpolation": interp,
             "schedule": {str(y): v for y, v in points}}
    new = parse_entry(spec, entry, where, place)
    same_unit = unit_text == old.unit
    return dataclasses.replace(new, note=old.note, confidence=old.confidence,
                               distribution=old.distribution if same_unit else None)


def assumption_from_value(spec, value, old: Assumption, source: str, place: str) -> Assumption:
    where = f"{place} '{spec.name}'"
    src = source or "user override"
    if isinstance(value, str) and spec.kind != "choice" and is_schedule_text(value):
        return schedule_from_text(spec, value, old, src, place)
    if spec.kind == "choice":
        if not isinstance(value, str) or value not in spec.options:
            raise InputError(where, f"got {value!r}" + did_you_mean(str(value),
                                                                           spec.options),
                             spec.range_text())
        new = dataclasses.replace(old, value=value, source=src, origin=place)
        return new if value == old.value else changed_provenance(old, new, src, place)
    if isinstance(value, str):
        v, u = value_from_text(spec, value, where)
    elif hasattr(value, "_REGISTRY"):
        if value._REGISTRY is not units.ureg:
            raise InputError(where, "got a Quantity from another pint registry",
                             "one built with orbital.Q_")
        mag = value.magnitude
        if np.ndim(mag) != 0:
            raise InputError(where, "got an array", "a single value (arrays go to evaluate())")
        try:
            if isinstance(mag, (bool, np.bool_)) or np.iscomplexobj(mag):
                raise TypeError
            v = float(mag)
        except (TypeError, ValueError, OverflowError):
            raise InputError(where, f"got a Quantity whose magnitude is {mag!r}",
                             f"a real number in {spec.unit}") from None
        u = f"{value.units:~C}" if str(value.units) else "1"
        check_unit(u, spec, where)
    else:
        check_number(value, spec, where, "value")
        v, u = value, old.unit
    new = dataclasses.replace(old, value=v, unit=u, source=src, origin=place,
                              distribution=_rescale(old, u, where), schedule=(),
                              interpolation="", schedule_sources=())  # a value replaces it
    check_number(v, spec, where, "value")
    check_range(new, spec, where)
    if new.quantity != old.quantity:
        new = changed_provenance(old, new, src, place)
        new = recentre(new, spec)
    return new


#: What a changed value's note says when its distribution was moved to it.
RECENTRED = "Its distribution was re-centred on the new value"


#: What a changed value's off_centre says when its distribution could not be moved to it.
NOT_MOVED = "the value was changed; its distribution"


def recentred_names(aset, moved: bool = True) -> list[str]:
    """The parameters of ``aset`` whose distribution was moved to a changed value (or, with
    ``moved=False``, whose distribution could not be and still describes the old value)."""
    if moved:
        return [n for n, a in aset.items() if RECENTRED in (a.note or "")]
    return [n for n, a in aset.items() if (a.off_centre or "").startswith(NOT_MOVED)]


def recentre(a: Assumption, spec) -> Assumption:
    """A changed value's distribution moved to describe it: centred on the new value with the
    old shape (:func:`~orbital.sets.distributions.recentred`), said in the note. Where it
    cannot be moved, it is kept and marked ``off_centre``, which the Monte Carlo reports."""
    d = a.distribution
    if d is None or not isinstance(a.value, (int, float)):
        return a
    unit = unit_of(a.unit)

    def allowed(x: float) -> bool:
        return not spec.check_range_si(float(units.ureg.Quantity(x, unit).m_as(spec.si_unit)))

    def bound(b):
        if b is None:
            return None
        return float(units.ureg.Quantity(float(b), spec.pint_unit).m_as(unit))

    moved = recentred(d, float(a.value), allowed, (bound(spec.low), bound(spec.high)))
    if moved is None:
        return dataclasses.replace(a, off_centre=(
            f"{NOT_MOVED}: {dist_text(d)} could not be moved to it, so the Monte Carlo still "
            "draws around the old value"))
    cut = moved != recentred(d, float(a.value), lambda x: True)
    note = (f"{a.note} {RECENTRED}: {dist_text(d)} "
            f"became {dist_text(moved)}" + (" (cut to the parameter's range)" if cut else "")
            + ".").strip()
    return dataclasses.replace(a, distribution=moved, note=note, off_centre=(
        "re-centred on the changed value, then cut to the parameter's range" if cut else ""))


def dist_text(d: Distribution) -> str:
    return f"{d.kind}(" + ", ".join(f"{k}={v:g}" for k, v in d.fields) + ")"


def changed_provenance(old: Assumption, new: Assumption, source: str, place: str) -> Assumption:
    """A changed value's note says what it was (with its source and confidence), what it
    became, where and when; its confidence is no longer the old source's."""
    import datetime as _dt

    when = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    was = f"was {describe(old)} (source: {old.source}" + (
        f"; confidence: {old.confidence}" if old.confidence else "") + ")"
    note = f"Changed {when} ({source}; {place}): {was}, became {describe(new)}."
    return dataclasses.replace(new, note=note, confidence="assumption")


def _rescale(old: Assumption, unit_text: str, where: str) -> Distribution | None:
    """Keep an old distribution meaningful under a new unit by converting its fields (a
    log-scale distribution cannot be restated in an offset unit such as degC: refused)."""
    if old.distribution is None or unit_text == old.unit:
        return old.distribution
    src, dst = unit_of(old.unit), unit_of(unit_text)
    if old.distribution.kind in LOG_KINDS and is_offset(dst):
        raise InputError(where, offset_log_problem(old.name, old.distribution.kind, unit_text),
                         "the value in " + (old.unit or "its declared unit") + " (the "
                         "distribution's unit)")

    def point(v):  # a position: affine for offset units (K -> degC adds -273.15)
        return float(units.ureg.Quantity(v, src).m_as(dst))

    fields = []
    for k, v in old.distribution.fields:
        if k == "sd":  # a width: the difference of two converted points, never offset
            v = point(v) - point(0.0)
        elif k != "sigma":  # lognormal sigma is dimensionless
            v = point(v)
        fields.append((k, v))
    return Distribution(old.distribution.kind, tuple(fields))


def describe(a: Assumption) -> str:
    if isinstance(a.value, str):
        return a.value
    return f"{a.value:g}" + ("" if a.unit in ("", "1") else f" {format_unit(a.unit)}")
