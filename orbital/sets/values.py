"""A value typed by a person: ``--set NAME=VALUE``, a URL parameter, a widget, an API call,
turned into a checked :class:`~orbital.sets.entries.Assumption`."""
from __future__ import annotations

import dataclasses
import math
import re

import numpy as np

from ..core.errors import InputError
from ..core.spec import did_you_mean
from ..core.units import format_unit, ureg
from .entries import (
    Assumption,
    Distribution,
    check_number,
    check_range,
    check_unit,
    unit_of,
)

_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan|infinity))"
                     r"\s*(.*?)\s*$", re.IGNORECASE | re.ASCII)  # ASCII digits only: no '١٢'


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
            raise InputError(where, f"'{spec.name}' = {text!r}" + did_you_mean(
                text, spec.options), spec.range_text())
        return text, ""
    m = _NUMBER.match(text)
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


def assumption_from_value(spec, value, old: Assumption, source: str, place: str) -> Assumption:
    where = f"{place} '{spec.name}'"
    src = source or "user override"
    if spec.kind == "choice":
        if not isinstance(value, str) or value not in spec.options:
            raise InputError(where, f"got {value!r}" + did_you_mean(str(value),
                                                                           spec.options),
                             spec.range_text())
        return dataclasses.replace(old, value=value, source=src, origin=place)
    if isinstance(value, str):
        v, u = value_from_text(spec, value, where)
    elif hasattr(value, "_REGISTRY"):
        if value._REGISTRY is not ureg:
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
                              distribution=_rescale(old, u))
    check_number(v, spec, where, "value")
    check_range(new, spec, where)
    return new


def _rescale(old: Assumption, unit_text: str) -> Distribution | None:
    """Keep an old distribution meaningful under a new unit by converting its fields."""
    if old.distribution is None or unit_text == old.unit:
        return old.distribution
    src, dst = unit_of(old.unit), unit_of(unit_text)

    def point(v):  # a position: affine for offset units (K -> degC adds -273.15)
        return float(ureg.Quantity(v, src).m_as(dst))

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
