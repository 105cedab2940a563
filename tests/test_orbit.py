"""Orbit and sunlight: closed forms checked against boinor/astropy and independent geometry.

Worked examples and oracles:
* sun-synchronous inclination: boinor ``twobody.elements.heliosynchronous`` (same node rate,
  exact) and boinor ``Orbit.heliosynchronous`` (its own year, to 1e-4);
* eclipse fraction: the shadow entry/exit found by root-finding on boinor orbit positions
  against a cylindrical shadow (exact to 1e-9);
* annual β history: astropy ``get_sun`` and boinor orbits (``sunlight_history_boinor``).
"""
from __future__ import annotations

import os

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # boinor's kernels run as Python: fast single calls

import numpy as np
import pytest
from scipy.optimize import brentq

import orbital
from orbital.core.constants import EARTH_J2, EARTH_MU, EARTH_R
from orbital.space import astro, eclipses, orbit

ALTITUDES_KM = np.array([300.0, 450.0, 650.0, 800.0, 1200.0, 2000.0, 5000.0])


@pytest.fixture(scope="module")
def boinor():
    astro.astropy_offline()
    from astropy import units as u
    from boinor.bodies import Earth
    from boinor.twobody import Orbit
    from boinor.twobody.elements import heliosynchronous

    return u, Earth, Orbit, heliosynchronous


def test_constants_are_boinors(boinor):
    u, Earth, _, _ = boinor
    assert EARTH_MU == pytest.approx(Earth.k.to_value(u.m ** 3 / u.s ** 2), rel=1e-12)
    assert EARTH_R == pytest.approx(Earth.R.to_value(u.m), rel=1e-12)
    assert EARTH_J2 == pytest.approx(Earth.J2.value, rel=1e-12)


def test_sun_synchronous_inclination_matches_boinor_on_a_grid(boinor):
    u, Earth, Orbit, heliosynchronous = boinor
    h = ALTITUDES_KM * 1e3
    mine = orbit.sun_synchronous_inclination(h)
    for hi, ii in zip(h, mine):
        _, _, inc = heliosynchronous(Earth.k, Earth.R, Earth.J2, orbit.SSO_NODE_RATE / u.s,
                                     a=(EARTH_R + hi) * u.m, ecc=0 * u.one)
        assert ii == pytest.approx(inc.to_value(u.rad), rel=1e-9)
        # boinor's own Orbit.heliosynchronous uses the Earth's Keplerian year, not the tropical
        ref = Orbit.heliosynchronous(Earth, a=(EARTH_R + hi) * u.m, ecc=0 * u.one)
        assert ii == pytest.approx(ref.inc.to_value(u.rad), rel=1e-4)


def test_sun_synchronous_node_follows_the_sun():
    h = ALTITUDES_KM * 1e3
    rate = orbit.node_precession_rate(h, orbit.sun_synchronous_inclination(h))
    np.testing.assert_allclose(rate, orbit.SSO_NODE_RATE, rtol=1e-12)
    assert np.all(np.degrees(orbit.sun_synchronous_inclination(h)) > 90.0)  # retrograde


def test_no_sun_synchronous_orbit_above_the_limit():
    top = orbit.max_sun_synchronous_altitude()
    assert np.degrees(orbit.sun_synchronous_inclination(top - 1.0)) == pytest.approx(180.0, abs=0.1)
    assert np.isnan(orbit.sun_synchronous_inclination(top + 1e3))
    base = orbital.load("default")
    with pytest.raises(orbital.InputError, match="orbit.altitude.*sun-synchronous"):
        orbital.evaluate(base, {"orbit.altitude": orbital.Q_(7000, "km")})


def test_period_matches_boinor(boinor):
    u, Earth, Orbit, _ = boinor
    for hk in ALTITUDES_KM:
        o = Orbit.circular(Earth, alt=hk * u.km)
        assert orbit.circular_period(hk * 1e3) == pytest.approx(o.period.to_value(u.s), rel=1e-12)


def _shadow_oracle(altitude, beta, Earth, Orbit, u):
    """Eclipse fraction from boinor positions: the Sun lies at angle β above the orbit plane
    (x–z plane); find where the orbit enters and leaves the cylinder of radius R behind the
    Earth by root-finding on the true anomaly."""
    sun = np.array([np.cos(beta), 0.0, np.sin(beta)])
    a = (EARTH_R + altitude) * u.m

    def position(nu):
        nu = (nu + np.pi) % (2 * np.pi) - np.pi  # boinor wants -π <= ν < π
        o = Orbit.from_classical(Earth, a, 0 * u.one, 0 * u.rad, 0 * u.rad, 0 * u.rad,
                                 nu * u.rad)
        return o.r.to_value(u.m)

    def outside(nu):  # > 0 outside the shadow cylinder, < 0 inside (night side only)
        r = position(nu)
        along = r @ sun
        return np.linalg.norm(r - along * sun) - EARTH_R

    if outside(np.pi) >= 0:  # the deepest point of the night side is lit: no eclipse
        return 0.0
    enter = brentq(outside, np.pi / 2, np.pi, xtol=1e-15, rtol=1e-15)
    leave = brentq(outside, np.pi, 1.5 * np.pi, xtol=1e-15, rtol=1e-15)
    return (leave - enter) / (2 * np.pi)


@pytest.mark.parametrize("altitude_km", [300.0, 650.0, 1200.0, 8000.0])
def test_eclipse_fraction_matches_boinor_geometry(boinor, altitude_km):
    u, Earth, Orbit, _ = boinor
    h = altitude_km * 1e3
    betas = np.radians([0.0, 15.0, 35.0, 55.0, 70.0])
    mine = orbit.eclipse_fraction(h, betas)  # array in, array out
    assert mine.shape == betas.shape
    for b, f in zip(betas, mine):
        expected = _shadow_oracle(h, b, Earth, Orbit, u)
        if expected == 0.0:
            assert f == 0.0
        else:
            assert f == pytest.approx(expected, rel=1e-9)


def test_eclipse_fraction_edges_and_broadcasting():
    h = np.array([400e3, 650e3, 1000e3])
    bstar = orbit.critical_beta(h)
    np.testing.assert_array_equal(orbit.eclipse_fraction(h, bstar + 1e-9), 0.0)
    assert np.all(orbit.eclipse_fraction(h, bstar - 1e-3) > 0)
    grid = orbit.eclipse_fraction(h[:, None], np.radians([0, 30, 60, 89])[None, :])
    assert grid.shape == (3, 4)
    assert np.all(np.diff(grid, axis=1) <= 0)  # less shadow as β grows
    assert np.isnan(orbit.eclipse_fraction(np.nan, 0.0))
    assert np.ndim(orbit.eclipse_fraction(650e3, 0.1)) == 0
    # symmetric in β, and the duration is fraction × period
    assert orbit.eclipse_fraction(650e3, -0.3) == orbit.eclipse_fraction(650e3, 0.3)
    assert orbit.eclipse_duration(650e3, 0.2) == pytest.approx(
        orbit.eclipse_fraction(650e3, 0.2) * orbit.circular_period(650e3), rel=1e-15)


@pytest.fixture(scope="module")
def dawn_dusk(boinor):
    """One boinor/astropy annual history of the default dawn–dusk orbit (650 km, LTAN 18:00)."""
    return astro.sunlight_history_boinor(650e3, ltan=18.0, sun_synchronous=True, samples=3600)


def test_annual_beta_matches_astropy_sun_and_boinor_orbit(dawn_dusk):
    inc = orbit.sun_synchronous_inclination(650e3)
    assert inc == pytest.approx(dawn_dusk["inclination"], rel=1e-4)
    closed = orbit.annual_sunlight(650e3, inc, 18.0, daily=True)
    # the Almanac's low-precision Sun is good to ~0.01°
    np.testing.assert_allclose(closed["beta"], dawn_dusk["beta"], atol=np.radians(0.02))
    assert closed["sunlit_fraction"] == pytest.approx(dawn_dusk["sunlit_fraction"], abs=1e-3)
    assert abs(closed["eclipse_days"] - dawn_dusk["eclipse_days"]) <= 2
    # the sampled oracle resolves the eclipse to 1/3600 of an orbit
    assert closed["longest_eclipse"] == pytest.approx(dawn_dusk["longest_eclipse"], rel=1e-2)
    # the pipeline's statistics (no daily history; the node at the sun-synchronous rate)
    fast = orbit.annual_sunlight(650e3, inc, 18.0, node_rate=orbit.SSO_NODE_RATE)
    assert fast["sunlit_fraction"] == pytest.approx(dawn_dusk["sunlit_fraction"], abs=1e-3)
    assert abs(fast["eclipse_days"] - dawn_dusk["eclipse_days"]) <= 2
    assert fast["longest_eclipse"] == pytest.approx(dawn_dusk["longest_eclipse"], rel=1e-2)


def test_dawn_dusk_orbit_has_an_eclipse_season_around_a_solstice(dawn_dusk):
    """A dawn–dusk SSO is not continuously lit: the eclipse season falls around the solstice at
    which the Sun is furthest on the night side of the orbit plane. LTAN 18:00 → June,
    LTAN 06:00 → December; the solstices come from astropy's Sun."""
    sun = astro.sun_direction_astropy(dawn_dusk["jd"])
    june = int(np.argmax(sun[:, 2])) + 1  # day of the year of the largest declination
    december = int(np.argmin(sun[:, 2])) + 1
    inc = orbit.sun_synchronous_inclination(650e3)
    for ltan, solstice in ((18.0, june), (6.0, december)):
        s = orbit.annual_sunlight(650e3, inc, ltan)
        assert 30 <= s["eclipse_days"] <= 120
        assert s["season_length"] == s["eclipse_days"]  # one season a year
        middle = (s["season_start"] + s["season_length"] / 2.0 - 1.0) % 365 + 1.0
        gap = min(abs(middle - solstice), 365 - abs(middle - solstice))
        assert gap <= 10
        assert 0 < s["longest_eclipse"] < 25 * 60
        assert 0.9 < s["sunlit_fraction"] < 1.0


def test_inclined_orbit_beta_history_matches_boinor():
    """An ISS-like orbit whose node regresses ~5°/day: the closed form follows boinor/astropy."""
    inc = np.radians(51.6)
    ref = astro.sunlight_history_boinor(420e3, inc, ltan=12.0, sun_synchronous=False, days=40,
                                        samples=3600)
    closed = orbit.annual_sunlight(420e3, inc, 12.0, days=40, daily=True)
    np.testing.assert_allclose(closed["beta"], ref["beta"], atol=np.radians(0.02))
    np.testing.assert_allclose(closed["eclipse_fraction"], ref["eclipse_fraction"], atol=2e-3)


def test_annual_sunlight_vectorised_equals_one_at_a_time(monkeypatch):
    monkeypatch.setattr(orbit, "_CHUNK_CELLS", 365 * 3)  # force several chunks
    monkeypatch.setattr(eclipses, "CHUNK_CELLS", 365 * 3)
    h = np.array([400e3, 550e3, 650e3, 800e3, 1500e3, 3000e3, 500e3])
    inc = np.radians([51.6, 97.6, 98.0, 60.0, 30.0, 120.0, 0.0])
    ltan = np.array([12.0, 6.0, 18.0, 10.5, 3.0, 22.0, 9.0])
    many = orbit.annual_sunlight(h, inc, ltan)
    for k in range(h.size):
        one = orbit.annual_sunlight(h[k], inc[k], ltan[k])
        for key, value in one.items():
            # one orbit shares its node rate with itself (the windowed kernel), many do not
            # (every cell evaluated): the same days, rounded differently
            np.testing.assert_allclose(many[key][k], value, rtol=1e-11, atol=1e-13,
                                       err_msg=key)
    grid = orbit.annual_sunlight(h[:, None], inc[:, None], np.array([6.0, 12.0])[None, :])
    assert grid["sunlit_fraction"].shape == (7, 2)


def test_annual_statistics_follow_from_the_daily_history():
    inc = np.radians(97.9)
    s = orbit.annual_sunlight(700e3, inc, 10.5, daily=True)
    f = s["eclipse_fraction"]
    assert s["sunlit_fraction"] == pytest.approx(1.0 - f.mean(), rel=1e-15)
    assert s["eclipse_days"] == (f > 0).sum()
    assert s["longest_eclipse"] == pytest.approx(f.max() * orbit.circular_period(700e3), rel=1e-15)
    np.testing.assert_allclose(f, orbit.eclipse_fraction(700e3, s["beta"]), rtol=0)


def test_equatorial_orbit_is_eclipsed_every_day():
    s = orbit.annual_sunlight(500e3, 0.0, 0.0)
    # β never exceeds the obliquity, which is below β* at 500 km
    assert s["eclipse_days"] == 365 and s["season_length"] == 365 and s["season_start"] == 1
    assert s["min_beta"] <= np.radians(0.6)


def test_longest_run_wraps_round_the_year_end():
    mask = np.zeros((2, 10), dtype=bool)
    mask[0, [0, 1, 8, 9]] = True  # one 4-day season over the new year
    length, start = orbit.longest_circular_run(mask)
    assert list(length) == [4, 0] and list(start) == [8, -1]


def test_sun_distance_and_irradiance_match_astropy():
    astro.astropy_offline()
    from astropy import units as u
    from astropy.coordinates import get_sun
    from astropy.time import Time

    jd = orbit.day_grid(365)[::30]
    _, _, r = orbit.sun_ecliptic(jd)
    ref = get_sun(Time(jd, format="jd", scale="tt")).distance.to_value(u.au)
    np.testing.assert_allclose(r, ref, atol=2e-4)
    mean_k, min_k = orbit.irradiance_factors()
    assert min_k == pytest.approx(1.0 / 1.0167 ** 2, rel=1e-3)  # aphelion
    assert mean_k == pytest.approx(1.0, abs=1e-3)


def test_pipeline_orbit_results_are_consistent():
    base = orbital.load("default")
    res = orbital.evaluate(base, {"orbit.altitude": orbital.Q_([500, 650, 900], "km")})
    h = np.array([500e3, 650e3, 900e3])
    np.testing.assert_allclose(res.si("orbit.inclination"), orbit.sun_synchronous_inclination(h))
    np.testing.assert_allclose(res["orbit.period"].m_as("s"), orbit.circular_period(h))
    assert res["orbit.sunlit_fraction"].shape == (3,)
    inclined = orbital.evaluate(base, {"orbit.model": "inclined",
                                       "orbit.inclination": orbital.Q_(51.6, "deg")})
    assert inclined["orbit.inclination"].m_as("deg") == pytest.approx(51.6)
    assert inclined["orbit.sunlit_fraction"].m < res["orbit.sunlit_fraction"].m[1]


def test_twobody_api_comes_from_boinor_here():
    """orbital.space.astro picks boinor (poliastro's maintained fork) when it is installed."""
    import os

    os.environ.setdefault("NUMBA_DISABLE_JIT", "1")
    from orbital.space.astro import twobody

    Orbit, Earth, Moon, Maneuver = twobody()
    assert Orbit.__module__.startswith("boinor") and Maneuver.__module__.startswith("boinor")
    assert Moon.R.to_value("m") == pytest.approx(1737400.0)
