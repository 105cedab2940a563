"""The one pint registry of ``orbital``, and the only place units are defined.

Every quantity in ``orbital`` is a :class:`pint.Quantity` from :data:`ureg`. Currency is its own
dimension (``USD = [currency]``), so a price per kilogram can never be confused with a price per
watt or with a mass. Astropy quantities (from boinor) enter through :func:`from_astropy`, which
goes through SI magnitudes: never through unit strings, because astropy's ``AU`` parses in pint
as an absorbance unit.

The registry is built from ``units.txt`` beside this file (a curated subset of pint's default
definitions plus currency), on first use. What the everyday paths need of a unit (its SI
factor, dimension and kind, offset, label) they read from the unit table, ``unit_facts.json``
beside this file: pint's answers for every unit the catalogue declares and the presets write
(made by ``python -m orbital.model.unit_table``; a test checks it against pint, so it cannot
drift). A unit not in it is asked of pint. So loading a set and printing results, the CLI's
start, never load pint; a Quantity given to the API, an offset unit's conversion (``degC``) and
the error messages that name a dimension still go through pint itself.
"""
from __future__ import annotations

import dataclasses
import functools
import json
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


DEFINITIONS = Path(__file__).with_name("units.txt")

#: The names below that are pint's objects: made on first use (importing pint and building the
#: registry costs ~0.15 s, which a CLI run that only loads a set and prints results never pays:
#: the unit table below answers those with pint's own answers). ``from orbital.core.units
#: import ureg`` at a module's top loads pint; import inside the function that needs it.
LAZY = ("pint", "ureg", "Quantity", "Unit", "Q_", "DimensionalityError", "UndefinedUnitError")


@functools.lru_cache(maxsize=1)
def registry():
    """The application registry (built once). Never build a second one."""
    pint = _import_pint()
    ureg = pint.UnitRegistry(
        str(DEFINITIONS),
        autoconvert_offset_to_baseunit=True,
        on_redefinition="raise",
        cache_folder=None,
    )
    ureg.formatter.default_format = "~P"
    pint.set_application_registry(ureg)
    return ureg


def __getattr__(name):
    if name not in LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    ureg = registry()
    pint = sys.modules["pint"]
    value = {"pint": pint, "ureg": ureg, "Quantity": ureg.Quantity, "Unit": ureg.Unit,
             "Q_": ureg.Quantity, "DimensionalityError": pint.DimensionalityError,
             "UndefinedUnitError": pint.UndefinedUnitError}[name]
    globals()[name] = value
    return value


#: Seconds in one (Julian) year: the ``yr`` of ``units.txt``.
YEAR_S = 365.25 * 86400.0


@functools.lru_cache(maxsize=None)
def unit(text: str):
    """Return the pint Unit for ``text`` (cached: parsing a unit string costs ~60 µs)."""
    return registry().Unit(text)


@functools.lru_cache(maxsize=None)
def si_unit(text: str):
    """The coherent SI (base) unit of the unit ``text``, e.g. ``"kW/t"`` -> ``m²/s³``."""
    return registry().Quantity(1.0, unit(text)).to_base_units().units


def si_factor(text: str) -> float:
    """Multiply a magnitude in unit ``text`` by this to get its SI (base-unit) magnitude (pint's
    answer, from the unit table where it has it)."""
    return facts(text).factor


#: Dimensionless base units that still name a kind of quantity (pint calls angles, solid angles
#: and counts "dimensionless" just like fractions): an angle is never a fraction or a percent.
KIND_UNITS = {"radian": "angle", "count": "count"}


@functools.lru_cache(maxsize=4096)
def unit_kind(u) -> tuple:
    """What kind of quantity unit ``u`` measures beyond its dimensionality: the exponents of
    :data:`KIND_UNITS` in its root units, e.g. ``deg`` -> ``(("radian", 1),)``, ``sr`` ->
    ``(("radian", 2),)``, ``%`` and ``Btu/kWh`` -> ``()``."""
    _, root = registry().get_root_units(u)
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
    return registry().Quantity(0.0, u).to_base_units().magnitude != 0.0


def to_si(q, unit_text: str):
    """SI magnitude (float or ndarray) of quantity ``q``, checked against ``unit_text``'s dimension.

    Raises :class:`pint.DimensionalityError` when the dimensions differ.
    """
    return q.m_as(si_unit(unit_text))


def from_si(magnitude, unit_text: str):
    """A Quantity in unit ``unit_text`` from an SI magnitude (float or ndarray)."""
    return registry().Quantity(np.asarray(magnitude) / si_factor(unit_text), unit(unit_text))


def from_astropy(aq, unit_text: str):
    """Convert an astropy Quantity into a pint Quantity in ``unit_text``, through SI magnitudes.

    >>> from astropy import units as u
    >>> from_astropy(1 * u.AU, "km").magnitude   # doctest: +SKIP
    149597870.7
    """
    si = aq.si
    pq = registry().Quantity(np.asarray(si.value), _si_pint_unit(si.unit))
    return pq.to(unit(unit_text))


def _si_pint_unit(astropy_unit):
    """Build the pint unit for an astropy SI unit from its decomposition into base units."""
    dec = astropy_unit.decompose()
    names = {"m": "meter", "s": "second", "kg": "kilogram", "K": "kelvin", "A": "ampere",
             "rad": "radian"}
    result = registry().Unit("")
    for base, power in zip(dec.bases, dec.powers):
        result = result * registry().Unit(names[base.to_string()]) ** power
    if dec.scale == 1:
        return result
    return registry().Quantity(dec.scale, result).to_base_units().units


def format_unit(u) -> str:
    """Short, readable label for a unit: ``USD/kg``, ``kW/t``, ``GW/yr``."""
    if isinstance(u, str):
        return _format_text(u)
    return f"{u:~P}" or "1"


def _format_text(text: str) -> str:
    return facts(text).label


# ------------------------------------------------------------ the unit table

TABLE = Path(__file__).with_name("unit_facts.json")


@dataclasses.dataclass(frozen=True)
class UnitFacts:
    """One unit as pint sees it."""

    factor: float   #: SI (base-unit) magnitude of 1 in the unit
    offset: bool    #: its zero is not SI's zero (degC): convert through pint
    dims: tuple     #: dimensionality, ((dimension, exponent), ...) sorted
    kind: tuple     #: angle/count exponents (:func:`orbital.core.units.unit_kind`)
    label: str      #: short label, pint's ``~P`` form ("1" for a plain number)

    def same_kind(self, other: "UnitFacts") -> bool:
        """The same dimensionality *and* the same angle/count content."""
        return self.dims == other.dims and self.kind == other.kind

    def to_data(self) -> list:
        return [self.factor, self.offset, [list(d) for d in self.dims],
                [list(k) for k in self.kind], self.label]


def normalise(text: str) -> str:
    """The key of a unit string: as written, trimmed, ``·`` as ``*``, ``$`` as USD, ``1`` as
    the empty unit (how a set's unit strings are read)."""
    t = (text or "").strip().replace("·", "*").replace("$", "USD")
    return "" if t == "1" else t


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    data = json.loads(TABLE.read_text(encoding="utf-8")) if TABLE.exists() else {}
    return {k: UnitFacts(v[0], v[1], tuple(tuple(d) for d in v[2]),
                         tuple(tuple(x) for x in v[3]), v[4]) for k, v in data.items()}


def from_pint(u) -> UnitFacts:
    """The facts of pint unit ``u`` (loads pint)."""
    ureg = registry()
    dims = tuple(sorted((str(k), float(v)) for k, v in dict(u.dimensionality).items()))
    return UnitFacts(float(ureg.Quantity(1.0, u).to_base_units().magnitude), bool(is_offset(u)),
                     dims, tuple((n, float(e)) for n, e in unit_kind(u)), f"{u:~P}" or "1")


def known(text: str) -> UnitFacts | None:
    """The table's facts of unit ``text``, None when the table does not hold it."""
    return _table().get(normalise(text))


@functools.lru_cache(maxsize=4096)
def facts(text: str) -> UnitFacts:
    """The facts of the unit ``text``: from the table, else from pint (which raises pint's
    errors for a string that is not a unit)."""
    found = known(text)
    return found if found is not None else from_pint(registry().Unit(normalise(text)))


def value_to_si(value, text: str):
    """SI magnitude of ``value`` [in unit ``text``]: value × factor, which is what pint's
    conversion to base units computes for a multiplicative unit; an offset unit through pint."""
    f = facts(text)
    if not f.offset:
        return value * f.factor
    return registry().Quantity(value, registry().Unit(normalise(text))).to_base_units().magnitude


def convert(value, src: str, dst: str):
    """``value`` [in unit ``src``] in unit ``dst``: itself in the same unit, else value ×
    (factor_src / factor_dst), within a few ulps of pint's (which cancels the units' names
    first); offset units through pint."""
    if normalise(src) == normalise(dst):
        return value
    a, b = facts(src), facts(dst)
    if a.offset or b.offset:
        ureg = registry()
        return ureg.Quantity(value, ureg.Unit(normalise(src))).m_as(ureg.Unit(normalise(dst)))
    return value * (a.factor / b.factor)
