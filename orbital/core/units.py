"""The one pint registry of ``orbital``, and the only place units are defined.

Every quantity in ``orbital`` is a :class:`pint.Quantity` from :data:`ureg`. Currency is its own
dimension (``USD = [currency]``), so a price per kilogram can never be confused with a price per
watt or with a mass. Astropy quantities (from boinor) enter through :func:`from_astropy`, which
goes through SI magnitudes: never through unit strings, because astropy's ``AU`` parses in pint
as an absorbance unit.

The registry is built from ``units.txt`` beside this file (a curated subset of pint's default
definitions plus currency), which keeps ``orbital``'s start-up fast.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import numpy as np


def _import_pint():
    # pint probes for scipy and dask at import time (~0.3 s) for features orbital never uses
    # (dask-backed Quantities, scipy wrappers). Hide them during that one import when no one has
    # imported them yet; they stay importable afterwards.
    hidden = [name for name in ("dask", "scipy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import pint
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return pint


pint = _import_pint()

DEFINITIONS = Path(__file__).with_name("units.txt")

#: The application registry. Never build a second one.
ureg = pint.UnitRegistry(
    str(DEFINITIONS),
    autoconvert_offset_to_baseunit=True,
    on_redefinition="raise",
    cache_folder=None,
)
ureg.formatter.default_format = "~P"
pint.set_application_registry(ureg)

Quantity = ureg.Quantity
Unit = ureg.Unit
Q_ = Quantity
DimensionalityError = pint.DimensionalityError
UndefinedUnitError = pint.UndefinedUnitError

#: Seconds in one (Julian) year: the ``yr`` of ``units.txt``.
YEAR_S = 365.25 * 86400.0


@functools.lru_cache(maxsize=None)
def unit(text: str):
    """Return the pint Unit for ``text`` (cached: parsing a unit string costs ~60 µs)."""
    return ureg.Unit(text)


@functools.lru_cache(maxsize=None)
def si_unit(text: str):
    """The coherent SI (base) unit of the unit ``text``, e.g. ``"kW/t"`` -> ``m²/s³``."""
    return ureg.Quantity(1.0, unit(text)).to_base_units().units


@functools.lru_cache(maxsize=None)
def si_factor(text: str) -> float:
    """Multiply a magnitude in unit ``text`` by this to get its SI (base-unit) magnitude."""
    return float(ureg.Quantity(1.0, unit(text)).to_base_units().magnitude)


#: Dimensionless base units that still name a kind of quantity (pint calls angles, solid angles
#: and counts "dimensionless" just like fractions): an angle is never a fraction or a percent.
KIND_UNITS = {"radian": "angle", "count": "count"}


@functools.lru_cache(maxsize=4096)
def unit_kind(u) -> tuple:
    """What kind of quantity unit ``u`` measures beyond its dimensionality: the exponents of
    :data:`KIND_UNITS` in its root units, e.g. ``deg`` -> ``(("radian", 1),)``, ``sr`` ->
    ``(("radian", 2),)``, ``%`` and ``Btu/kWh`` -> ``()``."""
    _, root = ureg.get_root_units(u)
    exps = dict(root._units)
    return tuple((name, exps[name]) for name in KIND_UNITS if exps.get(name))


def kind_text(u) -> str:
    """The kind of unit ``u`` in words, with an article: ``an angle``, ``a solid angle``,
    ``a count`` or ``a plain number (a fraction, ratio or percent)``."""
    kind = unit_kind(u)
    if not kind:
        return "a plain number (a fraction, ratio or percent)" if u.dimensionless else \
            f"a {u.dimensionality}"
    if kind == (("radian", 1),):
        return "an angle"
    if kind == (("radian", 2),):
        return "a solid angle"
    return "a " + " × ".join(f"{KIND_UNITS[n]}^{e:g}" if e != 1 else KIND_UNITS[n]
                             for n, e in kind)


@functools.lru_cache(maxsize=4096)
def same_kind(given, declared) -> bool:
    """True when unit ``given`` measures the same kind of quantity as ``declared``: the same
    dimensionality *and* the same angle/count content (so ``deg`` is refused for a fraction
    and ``%`` or ``sr`` for an angle, which pint alone would convert)."""
    return given.dimensionality == declared.dimensionality and \
        unit_kind(given) == unit_kind(declared)


@functools.lru_cache(maxsize=4096)
def is_offset(u) -> bool:
    """True for units with an offset zero (``degC``): 0 in them is not 0 in SI."""
    return ureg.Quantity(0.0, u).to_base_units().magnitude != 0.0


def to_si(q, unit_text: str):
    """SI magnitude (float or ndarray) of quantity ``q``, checked against ``unit_text``'s dimension.

    Raises :class:`pint.DimensionalityError` when the dimensions differ.
    """
    return q.m_as(si_unit(unit_text))


def from_si(magnitude, unit_text: str):
    """A Quantity in unit ``unit_text`` from an SI magnitude (float or ndarray)."""
    return ureg.Quantity(np.asarray(magnitude) / si_factor(unit_text), unit(unit_text))


def from_astropy(aq, unit_text: str):
    """Convert an astropy Quantity into a pint Quantity in ``unit_text``, through SI magnitudes.

    >>> from astropy import units as u
    >>> from_astropy(1 * u.AU, "km").magnitude   # doctest: +SKIP
    149597870.7
    """
    si = aq.si
    pq = ureg.Quantity(np.asarray(si.value), _si_pint_unit(si.unit))
    return pq.to(unit(unit_text))


def _si_pint_unit(astropy_unit):
    """Build the pint unit for an astropy SI unit from its decomposition into base units."""
    dec = astropy_unit.decompose()
    names = {"m": "meter", "s": "second", "kg": "kilogram", "K": "kelvin", "A": "ampere",
             "rad": "radian"}
    result = ureg.Unit("")
    for base, power in zip(dec.bases, dec.powers):
        result = result * ureg.Unit(names[base.to_string()]) ** power
    return ureg.Quantity(dec.scale, result).to_base_units().units if dec.scale != 1 else result


def format_unit(u) -> str:
    """Short, readable label for a unit: ``USD/kg``, ``kW/t``, ``GW/yr``."""
    if isinstance(u, str):
        return _format_text(u)
    return f"{u:~P}" or "1"


@functools.lru_cache(maxsize=None)
def _format_text(text: str) -> str:
    return f"{unit(text):~P}" or "1"
