"""orbital.core.units: the one registry, checked against pint's full default registry as an oracle.

The oracle registry is built here and only here (orbital itself must never build a second one).
"""
from __future__ import annotations

import math
import re

import numpy as np
import pint
import pytest
from astropy import constants as const
from astropy import units as u

from orbital.core.units import (
    Q_,
    YEAR_S,
    DimensionalityError,
    format_unit,
    from_astropy,
    from_si,
    si_factor,
    si_unit,
    to_si,
    ureg,
)
from orbital.model import catalogue
from orbital.sets.entries import parse_unit
from orbital.sets.files import preset_paths


@pytest.fixture(scope="module")
def full():
    """pint's full default registry: an independent oracle for our curated units.txt."""
    return pint.UnitRegistry()


def _units_in_assumption_files() -> set[str]:
    found = set()
    for path in preset_paths():
        found.update(re.findall(r'^\s*unit\s*=\s*"([^"]*)"', path.read_text(), re.M))
    return found


def test_every_unit_in_assumptions_and_catalogue_parses():
    used = _units_in_assumption_files()
    assert used, "no unit = \"...\" lines found in assumptions/"
    declared = {p.unit for p in catalogue.parameters() if p.kind == "quantity"}
    declared |= {r.unit for r in catalogue.results()}
    for text in sorted(used | declared):
        parsed = parse_unit(text, "test")
        assert isinstance(parsed, ureg.Unit)


# Units whose meaning in orbital is the same as in pint's full registry.
ORACLE_UNITS = [
    "kg", "g", "t", "Mt", "lb", "short_ton",
    "m", "km", "au", "nmi", "mi", "ft",
    "s", "min", "h", "d", "week", "yr", "month",
    "W", "kW", "MW", "GW", "TW", "J", "kJ", "MJ", "GJ", "kWh", "MWh", "TWh", "eV", "cal", "Btu",
    "hp", "ton_TNT", "Pa", "bar", "N", "V", "A", "ohm",
    "kW/t", "W/kg", "t/yr", "Mt/yr", "GW/yr", "km/s", "m/s**2", "g0", "MJ/kg", "1/yr", "1/s",
    "km**3/s**2", "W/m**2", "%", "ppm", "deg", "rad", "arcsec", "sr", "Hz",
    "L", "gal", "ha", "m**2", "kelvin", "sidereal_day",
]


@pytest.mark.parametrize("text", ORACLE_UNITS)
def test_conversion_to_si_agrees_with_pint_full_registry(full, text):
    ours = ureg.Quantity(1.0, text).to_base_units()
    theirs = full.Quantity(1.0, text).to_base_units()
    assert ours.dimensionality == theirs.dimensionality
    assert ours.magnitude == pytest.approx(theirs.magnitude, rel=1e-9)
    # SI base units, not gram-based ones: the pipeline's "SI magnitudes" are kg, m, s
    assert ours.units == ureg.Unit(str(theirs.units))


@pytest.mark.parametrize("a,b", [("kW/t", "W/kg"), ("GW/yr", "MW/d"), ("Mt/yr", "kg/s"),
                                 ("MJ/kg", "kWh/t"), ("km/s", "m/s"), ("g0", "m/s**2"),
                                 ("TWh", "GJ"), ("1/yr", "1/d"), ("%", "ppm")])
def test_pairwise_conversions_agree_with_pint(full, a, b):
    assert ureg.Quantity(3.7, a).m_as(b) == pytest.approx(full.Quantity(3.7, a).m_as(b),
                                                          rel=1e-12)


def test_deliberate_meanings_that_differ_from_pint_defaults(full):
    # bbl is the oil barrel (42 US gal) prices are quoted in, not pint's 31.5-gal liquid barrel
    assert ureg.Quantity(1, "bbl").m_as("m**3") == pytest.approx(
        full.Quantity(1, "oil_barrel").m_as("m**3"), rel=1e-12)
    # rpm is revolutions (cycles) per minute, a frequency of 1/60 Hz
    assert ureg.Quantity(60, "rpm").m_as("Hz") == pytest.approx(1.0)
    # kt is the kilotonne (pint's full registry reads it as the knot, a speed)
    assert ureg.Quantity(1, "kt").m_as("kg") == 1e6
    assert full.Quantity(1, "kt").check("[speed]")
    # a decade is ten (Julian) years of time
    assert ureg.Quantity(1, "decade").m_as("yr") == pytest.approx(10.0)


def test_year_is_the_julian_year():
    assert ureg.Quantity(1, "yr").m_as("s") == 365.25 * 86400 == YEAR_S
    assert ureg.Quantity(1, "yr").m_as("s") == (1 * u.yr).to_value(u.s)  # astropy's year too


def test_si_helpers_use_kilogram_metre_second():
    assert si_factor("t") == 1000.0
    assert si_factor("USD/kg") == 1.0
    assert si_factor("USD/t") == 1e-3
    assert si_factor("kW/t") == 1.0          # 1 kW/t = 1 W/kg = 1 m²/s³
    assert si_factor("GW/yr") == pytest.approx(1e9 / YEAR_S, rel=1e-15)
    assert si_factor("MJ/kg") == 1e6
    assert si_unit("t") == ureg.Unit("kg")
    assert si_unit("USD/t") == ureg.Unit("USD/kg")
    x = np.array([1.0, 2.5, 1e6])
    assert np.allclose(to_si(Q_(x, "t/yr"), "t/yr"), x * 1000 / YEAR_S, rtol=1e-15)
    back = from_si(to_si(Q_(x, "GW"), "GW"), "GW")
    assert back.units == ureg.Unit("GW") and np.allclose(back.magnitude, x, rtol=1e-15)
    with pytest.raises(DimensionalityError):
        to_si(Q_(1.0, "kg"), "USD/kg")


def test_currency_is_its_own_dimension():
    price = Q_(100.0, "USD/kg")
    assert price.dimensionality == {"[currency]": 1, "[mass]": -1}
    for other in ("USD/W", "kg", "USD", "1/kg", "USD*kg"):
        with pytest.raises(DimensionalityError):
            price.to(other)
    assert price.m_as("USD/t") == pytest.approx(100_000.0)
    assert Q_(1.0, "USD/kWh").m_as("USD/MWh") == pytest.approx(1000.0)


def test_format_unit_is_short():
    assert format_unit("USD/kg") == "USD/kg"
    assert format_unit("kW/t") == "kW/t"
    assert format_unit(ureg.Unit("GW/yr")) == "GW/yr"
    assert format_unit("1") == "1"


def test_from_astropy_goes_through_si():
    au = from_astropy(1 * u.AU, "km")
    assert au.units == ureg.Unit("km")
    assert au.magnitude == pytest.approx(const.au.to_value(u.km), rel=1e-15)
    # astropy's AU must become a length, never pint's absorbance unit
    assert au.dimensionality == ureg.Unit("m").dimensionality
    moon_mu = from_astropy(4902.800066 * u.km ** 3 / u.s ** 2, "m**3/s**2")
    assert moon_mu.magnitude == pytest.approx(4.902800066e12, rel=1e-15)
    speeds = from_astropy(np.array([1.0, 2.0]) * u.AU / u.day, "km/s")
    assert speeds.shape == (2,)
    assert np.allclose(speeds.magnitude, (np.array([1.0, 2.0]) * u.AU / u.day).to_value(u.km / u.s))
    assert from_astropy(5 * u.percent, "1").magnitude == pytest.approx(0.05)
    with pytest.raises(DimensionalityError):
        from_astropy(1 * u.AU, "s")


def test_pint_string_au_would_be_wrong_which_is_why_we_never_cross_by_string(full):
    # the hazard DESIGN.md rule 4 avoids: in pint's registry "AU" is absorbance (dimensionless)
    assert full.Quantity(1, "AU").dimensionless
    assert not ureg.Quantity(1, "au").dimensionless


def test_registry_is_the_application_registry():
    assert pint.get_application_registry().get() is ureg
    assert math.isclose(Q_(1, "g0").m_as("m/s**2"), 9.80665)


def test_computation_is_its_own_dimension():
    # pint's full registry has no FLOP: orbital's is a base dimension, like currency
    assert ureg.Quantity(1, "TFLOP/s/W").m_as("FLOP/J") == 1e12
    assert ureg.Quantity(1, "PFLOP_h").m_as("FLOP") == pytest.approx(3.6e18, rel=1e-15)
    assert not ureg.Quantity(1, "FLOP").check("[]")
