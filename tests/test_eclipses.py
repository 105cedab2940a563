"""The eclipse-statistics kernel against the daily history it replaces.

The oracle is :func:`orbital.space.orbit.sunlight_history`: today's day-by-day computation (β
for every day, the CelestLab eclipse fraction for every day, the statistics taken from those
arrays), itself checked against boinor/astropy in ``test_orbit.py``. The orbits are generated
over the catalogue's declared ranges of ``orbit.altitude``, ``orbit.inclination`` and
``orbit.ltan`` (plus their edges), for both node models, every code path of the kernel (dense
grid, windowed blocks of each length, one node or many, several chunks) and day counts that do
and do not divide into blocks.
"""
from __future__ import annotations

import numpy as np
import pytest

from orbital.model import catalogue
from orbital.space import eclipses, orbit

COUNTS = ("eclipse_days", "season_start", "season_length")


def catalogue_orbits(n, seed):
    """n orbits drawn over the catalogue ranges (SI), the ranges' ends included."""
    params = catalogue.parameters()
    rng = np.random.default_rng(seed)

    def draw(name, low=None, high=None):
        p = params[name]
        lo = p.low if low is None else low
        hi = p.high if high is None else high
        values = rng.uniform(lo, hi, n)
        values[:2] = lo, hi
        return values * p.si_factor

    # altitude: most draws where orbits see the Earth's shadow, a few up to the catalogue's top
    h = np.concatenate([draw("orbit.altitude", high=3000.0)[: n - n // 8],
                        draw("orbit.altitude")[: n // 8]])
    return h, draw("orbit.inclination"), draw("orbit.ltan") / 3600.0


def assert_same(fast, ref):
    for key in eclipses.STATISTICS:
        a, b = np.asarray(fast[key]), np.asarray(ref[key])
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b), err_msg=key)
        ok = ~np.isnan(b)
        if key in COUNTS:
            np.testing.assert_array_equal(a[ok], b[ok], err_msg=key)
        else:
            scale = 3600.0 if key == "longest_eclipse" else 1.0  # [s]
            np.testing.assert_allclose(a[ok], b[ok], rtol=1e-9, atol=1e-12 * scale, err_msg=key)


@pytest.mark.parametrize("days", [365, 40, 37])
@pytest.mark.parametrize("blocks", [(5, 4, 3, 2), (4,), ()])
def test_sun_synchronous_statistics_equal_the_daily_history(monkeypatch, days, blocks):
    monkeypatch.setattr(eclipses, "BLOCK_DAYS", blocks)
    monkeypatch.setattr(eclipses, "CHUNK_CELLS", 97 * days)  # several chunks, uneven
    h, _, ltan = catalogue_orbits(400, seed=days)
    h = np.minimum(h, orbit.max_sun_synchronous_altitude() * 1.01)  # a few have no SSO (nan)
    inc = orbit.sun_synchronous_inclination(h)
    for lt in (ltan, 18.0, 6.0, 10.5):  # many nodes, then one node for all
        kw = {"days": days, "node_rate": orbit.SSO_NODE_RATE}
        assert_same(orbit.annual_sunlight(h, inc, lt, **kw),
                    orbit.sunlight_history(h, inc, lt, **kw))


@pytest.mark.parametrize("days", [365, 37])
def test_inclined_statistics_equal_the_daily_history(monkeypatch, days):
    monkeypatch.setattr(eclipses, "CHUNK_CELLS", 89 * days)
    h, inc, ltan = catalogue_orbits(400, seed=7 + days)
    assert_same(orbit.annual_sunlight(h, inc, ltan, days=days),
                orbit.sunlight_history(h, inc, ltan, days=days))
    # one orbit repeated: one node rate shared (the windowed kernel)
    for k in range(0, 400, 37):
        one = [np.full(3, x[k]) for x in (h, inc, ltan)]
        assert_same(orbit.annual_sunlight(*one, days=days),
                    orbit.sunlight_history(*one, days=days))


@pytest.mark.parametrize("one_node", [True, False])
def test_threads_give_the_same_numbers_as_one(monkeypatch, one_node):
    """The chunks shared among threads are the chunks one thread runs: equal to the bit."""
    monkeypatch.setattr(eclipses, "CHUNK_CELLS", 61 * 365)  # many chunks, uneven
    h, inc, ltan = catalogue_orbits(3000, seed=11)
    h = np.minimum(h, orbit.max_sun_synchronous_altitude() * 0.99)
    inc = orbit.sun_synchronous_inclination(h) if one_node else inc
    lt = 10.5 if one_node else ltan
    kw = {"node_rate": orbit.SSO_NODE_RATE} if one_node else {}
    got = {}
    for threads in (1, 2, 3):
        monkeypatch.setattr(eclipses, "THREADS", threads)
        got[threads] = orbit.annual_sunlight(h, inc, lt, **kw)
    for threads in (2, 3):
        for key in eclipses.STATISTICS:
            np.testing.assert_array_equal(got[threads][key], got[1][key], err_msg=key)


def test_non_finite_orbits_give_nan_and_leave_the_others_alone():
    h = np.array([650e3, np.nan, 700e3, 800e3])
    inc = np.radians([98.0, 98.0, np.nan, 53.0])
    fast = orbit.annual_sunlight(h, inc, 18.0)
    ref = orbit.sunlight_history(h, inc, 18.0)
    assert_same(fast, ref)
    for key in eclipses.STATISTICS:
        assert np.isnan(fast[key][1]) and np.isnan(fast[key][2])
        assert np.isfinite(fast[key][[0, 3]]).all() or key == "season_start"


def random_masks(seed):
    rng = np.random.default_rng(seed)
    rows = []
    for d in (1, 2, 5, 12, 365):
        for p in (0.0, 0.05, 0.3, 0.5, 0.7, 0.95, 1.0):
            rows.append((rng.random((40, d)) < p))
    return rows


def test_longest_runs_follow_the_cumulative_scan_rule():
    """Runs from their edges against :func:`orbital.space.orbit.longest_circular_run` (the
    doubled-array scan), ties and runs over the year end included."""
    for mask in random_masks(3):
        length, start = eclipses.longest_runs(mask)
        ref_length, ref_start = orbit.longest_circular_run(mask)
        np.testing.assert_array_equal(length, ref_length)
        np.testing.assert_array_equal(start, ref_start)
    tie = np.zeros((1, 10), dtype=bool)
    tie[0, [9, 0, 1, 2, 5, 6, 7]] = True  # runs 9–2 (over the year end) and 5–7: the longer
    assert eclipses.longest_runs(tie)[0][0] == 4 and eclipses.longest_runs(tie)[1][0] == 9
    tie[0, 8] = False
    tie[0, [0, 3, 4]] = [False, True, False]  # runs 9–9, 1–3, 5–7: two of 3, the first wins
    assert eclipses.longest_runs(tie)[0][0] == 3 and eclipses.longest_runs(tie)[1][0] == 1


def test_the_season_left_out_then_computed_when_read():
    import orbital
    from orbital import Q_

    h, _, _ = catalogue_orbits(200, seed=11)
    h = np.minimum(h, 5000e3)
    inc = orbit.sun_synchronous_inclination(h)
    full = orbit.annual_sunlight(h, inc, 18.0, node_rate=orbit.SSO_NODE_RATE)
    part = orbit.annual_sunlight(h, inc, 18.0, node_rate=orbit.SSO_NODE_RATE, seasons=False)
    assert set(part) == set(eclipses.STATISTICS) - {"season_start", "season_length"}
    for key in part:
        np.testing.assert_array_equal(part[key], full[key], err_msg=key)
    # through the model: many orbits defer the season, and reading it gives the day-by-day one
    res = orbital.evaluate(orbital.load("default"), {"orbit.altitude": Q_(h[:50], "m")})
    ref = orbit.sunlight_history(h[:50], inc[:50], 18.0, node_rate=orbit.SSO_NODE_RATE)
    for name, key in (("orbit.eclipse_season_start", "season_start"),
                      ("orbit.eclipse_season_length", "season_length")):
        np.testing.assert_array_equal(res.si(name), ref[key] * 86400.0, err_msg=name)
