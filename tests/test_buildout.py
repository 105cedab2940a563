"""orbital.programme.buildout and .ledger: the year-by-year mass-flow ledger, checked against
hand-built cohort sums and a plain per-cohort simulation written here as the oracle."""
from __future__ import annotations

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.programme.buildout import year_weights
from orbital.programme.ledger import ledger, steady_state, steady_state_power

YEAR = 365.25 * 86400
S = 100.0  # W/kg (100 kW/t)


def test_no_losses_fleet_is_cumulative_mass_times_specific_power():
    launched = np.array([1e6, 2e6, 5e5, 3e6, 0.0, 1e6])
    out = ledger(launched, S, 0.0, 0.0, 1.0, 100)
    np.testing.assert_allclose(out["installed"], np.cumsum(launched) * S, rtol=1e-12)
    np.testing.assert_allclose(out["new"], launched * S)
    assert not out["replacement"].any() and not out["retired"].any()


@pytest.mark.parametrize("d", [0.0075, 0.05, 0.3])
def test_degradation_only_single_cohort_decays_geometrically(d):
    launched = np.zeros(12)
    launched[0] = 1e6
    out = ledger(launched, S, d, 0.0, 1.0, 100)
    age = np.arange(12)
    np.testing.assert_allclose(out["installed"], 1e6 * S * (1 - d) ** age, rtol=1e-12)
    # the loss each year is d × last year's fleet
    np.testing.assert_allclose(out["degradation_loss"][1:], d * out["installed"][:-1], rtol=1e-12)


def test_retirement_after_service_life():
    d, life = 0.01, 4
    launched = np.zeros(8)
    launched[0] = 1e6
    out = ledger(launched, S, d, 0.0, 1.0, life)
    inst = out["installed"]
    np.testing.assert_allclose(inst[:life], 1e6 * S * (1 - d) ** np.arange(life), rtol=1e-12)
    assert np.all(inst[life:] == 0)
    # it retires at the end of its last year with the power it had then
    assert out["retired"][life] == pytest.approx(1e6 * S * (1 - d) ** (life - 1))
    assert np.count_nonzero(out["retired"]) == 1


def test_cohorts_each_retire_at_their_own_age():
    launched = np.array([1e6, 2e6, 0, 0, 0, 0])
    out = ledger(launched, S, 0.0, 0.0, 1.0, 2)
    np.testing.assert_allclose(out["installed"], [1e8, 3e8, 2e8, 0, 0, 0])
    np.testing.assert_allclose(out["retired"], [0, 0, 1e8, 2e8, 0, 0])


@pytest.mark.parametrize("phi", [1.0, 0.3])
def test_replacement_mass_is_f_c_phi_over_s(phi):
    f = 0.09
    launched = np.full(3, 1e6)
    out = ledger(launched, S, 0.0, f, phi, 100)
    c1 = 1e6 * S
    assert out["replacement"][0] == 0
    assert out["replacement"][1] == pytest.approx(f * c1 * phi / S)
    # what is left of the year's mass becomes new power; failed compute was restored
    assert out["new"][1] == pytest.approx((1e6 - f * c1 * phi / S) * S)
    assert out["installed"][1] == pytest.approx(c1 + out["new"][1])
    assert out["failure_loss"][1] == pytest.approx(f * c1)
    assert out["restored"][1] == pytest.approx(f * c1)


def test_unrestored_failures_when_the_mass_runs_out():
    # year 2 launches nothing: all failures stay failed and the fleet shrinks by f
    f = 0.1
    out = ledger(np.array([1e6, 0.0, 0.0]), S, 0.0, f, 1.0, 100)
    np.testing.assert_allclose(out["installed"], 1e8 * (1 - f) ** np.arange(3), rtol=1e-12)
    np.testing.assert_allclose(out["failure_loss"][1:], f * out["installed"][:-1], rtol=1e-12)


def plain_cohorts(launched, s, d, f, restoration, phi, life):
    """The oracle: a plain simulation with one record per cohort (its power at last year's
    level and its age), written from the accounting's definition, not from the ledger's
    running sums. Returns the fleet power in service each year."""
    cohorts = []  # [power, age]
    installed = []
    for mass in launched:
        for c in cohorts:
            c[1] += 1
        in_service = [c for c in cohorts if life - c[1] > 0]
        older = sum(c[0] * min(life - c[1], 1.0) for c in in_service)
        failed = f * (1 - d) * older
        if restoration == "repair_in_orbit":
            need = phi * failed / s
            used = min(mass, need)
            share = used / need if need > 0 else 1.0
            for c in cohorts:
                c[0] *= (1 - d) * (1 - f * (1 - share))
            new = (mass - used) * s
        else:
            for c in cohorts:
                c[0] *= (1 - d) * (1 - f)
            new = mass * s  # whole spacecraft: replacements and growth alike are new cohorts
        cohorts.append([new, 0])
        installed.append(sum(c[0] * min(max(life - c[1], 0.0), 1.0) for c in cohorts))
    return np.array(installed)


CASES = [(0.0075, 0.09, 1.0, 5), (0.02, 0.05, 0.4, 12), (0.0, 0.1, 1.0, 7), (0.05, 0.0, 1.0, 20),
         (0.0075, 0.09, 0.3, 12.5), (0.01, 0.2, 0.5, 3.25)]


@pytest.mark.parametrize("restoration", ["not_restored", "replace_spacecraft",
                                         "repair_in_orbit"])
@pytest.mark.parametrize("d,f,phi,life", CASES)
def test_ledger_matches_a_plain_cohort_simulation(d, f, phi, life, restoration):
    rng = np.random.default_rng(int(life * 100))
    launched = rng.uniform(0, 2e6, 40)
    launched[7] = 0.0  # a year with no mass: repairs fall short
    out = ledger(launched, S, d, f, phi, life, restoration)
    np.testing.assert_allclose(out["installed"], plain_cohorts(launched, S, d, f, restoration,
                                                               phi, life), rtol=1e-10)


@pytest.mark.parametrize("restoration", ["not_restored", "replace_spacecraft",
                                         "repair_in_orbit"])
@pytest.mark.parametrize("d,f,phi,life", CASES)
def test_steady_state_matches_a_long_plain_simulation(d, f, phi, life, restoration):
    oracle = plain_cohorts(np.full(300, 1e6), S, d, f, restoration, phi, life)[-1]
    ss, _ = steady_state(1e6, S, d, f, restoration, phi, life)
    assert ss == pytest.approx(oracle, rel=1e-9)


def test_seed_steady_state_counts_replacements_as_their_own_cohorts():
    # the seed: 1 Mt/yr at 100 kW/t, 0.75 %/yr degradation, 9 %/yr failures, 5-year life.
    # Before, replacement mass was attached to the old cohort and retired with it:
    # C* = L·s·G/(1 + f·φ·G), G = Σ_{a<5} (1 − d)^a, i.e. 341.27 GW (by hand below).
    d, f, life = 0.0075, 0.09, 5
    g = sum((1 - d) ** a for a in range(life))
    before = 1e9 * 100.0 * g / (1 + f * 1.0 * g)
    assert before / 1e9 == pytest.approx(341.27, abs=0.01)
    # now replacement spacecraft age and retire on their own life: a plain cohort loop
    oracle = plain_cohorts(np.full(300, 1e9), 100.0, d, f, "replace_spacecraft", 1.0, life)[-1]
    assert oracle / 1e9 == pytest.approx(412.1, abs=0.1)
    r = orbital.evaluate(_simple(), {"buildout.array_degradation": Q_(d, "1/yr"),
                                     "buildout.compute_failure_rate": Q_(f, "1/yr"),
                                     "buildout.service_life": Q_(life, "yr"),
                                     "buildout.failure_restoration": "replace_spacecraft"})
    assert r["buildout.steady_state_power"].m_as("W") == pytest.approx(oracle, rel=1e-9)
    # failures that are not restored are lost capacity: a zero failure rate is not the same
    lost = orbital.evaluate(_simple(), {"buildout.failure_restoration": "not_restored",
                                        "buildout.compute_failure_rate": Q_(f, "1/yr")})
    none = orbital.evaluate(_simple(), {"buildout.failure_restoration": "not_restored",
                                        "buildout.compute_failure_rate": Q_(0, "1/yr")})
    assert lost["buildout.final_installed_power"].m < 0.9 * none["buildout.final_installed_power"].m


def test_ledger_balances_every_year():
    rng = np.random.default_rng(3)
    launched = rng.uniform(0, 2e6, 30)
    for restoration in ("not_restored", "replace_spacecraft", "repair_in_orbit"):
        out = ledger(launched, S, 0.01, 0.08, 0.7, 6.5, restoration)
        prev = np.concatenate([[0.0], out["installed"][:-1]])
        change = out["new"] + out["restored"] - out["degradation_loss"] - out["failure_loss"] \
            - out["retired"]
        np.testing.assert_allclose(out["installed"] - prev, change,
                                   atol=1e-6 * out["installed"].max())


def test_ledger_broadcasts_over_samples():
    launched = np.full((3, 15), 1e6)
    d = np.array([0.0, 0.01, 0.05])
    out = ledger(launched, S, d, 0.05, 1.0, 5)
    assert out["installed"].shape == (3, 15)
    for i in range(3):
        one = ledger(launched[i], S, d[i], 0.05, 1.0, 5)
        np.testing.assert_allclose(out["installed"][i], one["installed"], rtol=1e-12)


def test_year_weights_for_a_partial_final_year():
    np.testing.assert_allclose(year_weights(2.5 * YEAR, 3), [1, 1, 0.5])
    np.testing.assert_allclose(year_weights(np.array([1.0, 3.0]) * YEAR, 3),
                               [[1, 0, 0], [1, 1, 1]])


def _simple(**changes):
    base = orbital.load("musk-moonshot-2026")
    return base.with_values(changes) if changes else base


def test_partial_period_through_evaluate():
    r = orbital.evaluate(_simple(), {"finance.analysis_period": Q_(2.5, "yr")})
    assert r.years.tolist() == [1, 2, 3]
    assert r["buildout.total_mass"].m_as("t") == pytest.approx(2.5e6)
    assert r["buildout.total_launch_spend"].m_as("USD") == pytest.approx(2.5e6 * 1e3 * 100)
    inst = r["buildout.installed_power"].m_as("GW")
    assert r["buildout.final_installed_power"].m_as("GW") == pytest.approx(
        inst[1] + 0.5 * (inst[2] - inst[1]))


def test_growing_tonnage():
    r = orbital.evaluate(_simple(), {"buildout.mass_growth_rate": Q_(0.25, "1/yr"),
                                     "launch.max_flights_per_year": Q_(1e9, "1/yr")})
    np.testing.assert_allclose(r["buildout.launched_mass"].m_as("t/yr"),
                               1e6 * 1.25 ** np.arange(10), rtol=1e-12)
    np.testing.assert_allclose(r["buildout.cumulative_mass"].m_as("t"),
                               np.cumsum(1e6 * 1.25 ** np.arange(10)), rtol=1e-12)


def test_seed_buildout_with_no_losses():
    no_loss = {"buildout.array_degradation": Q_(0, "1/yr"),
               "buildout.compute_failure_rate": Q_(0, "1/yr"),
               "buildout.service_life": Q_(100, "yr")}
    r = orbital.evaluate(_simple(), no_loss)
    np.testing.assert_allclose(r["buildout.installed_power"].m_as("GW"),
                               100 * np.arange(1, 11), rtol=1e-12)
    np.testing.assert_allclose(r["buildout.net_power_added"].m_as("GW/yr"), 100, rtol=1e-12)
    np.testing.assert_allclose(r["buildout.gross_power_added"].m_as("GW/yr"), 100, rtol=1e-12)


def test_steady_state_results_through_evaluate():
    base = _simple()
    r = orbital.evaluate(base)
    s = base.si()
    d = s["buildout.array_degradation"] * YEAR
    f = s["buildout.compute_failure_rate"] * YEAR
    life = s["buildout.service_life"] / YEAR
    assert base["buildout.failure_restoration"].value == "replace_spacecraft"
    oracle = plain_cohorts(np.full(300, 1e9), 100.0, d, f, "replace_spacecraft", 1.0, life)
    assert r["buildout.steady_state_power"].m_as("W") == pytest.approx(oracle[-1], rel=1e-9)
    # the replacement mass at steady state: the failed power each year ÷ s
    b = (1 - d) * (1 - f)
    n = int(round(life))
    older = 1e9 * 100.0 * sum(b ** (a - 1) for a in range(1, n))  # W at last year's level
    assert r["buildout.steady_state_replacement_mass"].m_as("t/yr") == pytest.approx(
        f * (1 - d) * older / 100.0 / 1000)
    long = orbital.evaluate(base, {"finance.analysis_period": Q_(100, "yr")})
    assert long["buildout.final_installed_power"].m_as("W") == pytest.approx(oracle[-1],
                                                                             rel=1e-6)


def test_fused_totals_equal_the_recorded_series():
    """The period totals come from a fused pass; the by-year series from a recording pass of
    the same generators, computed only when read. They must agree."""
    import orbital
    from orbital import Q_
    from orbital.core.constants import YEAR

    rng = np.random.default_rng(7)
    n = 300
    period = rng.uniform(1, 12, n)  # years, many ending part-way through a year
    res = orbital.evaluate(orbital.load("default"), {
        "launch.price_per_kg": Q_(prices := rng.uniform(50, 3000, n), "USD/kg"),
        "buildout.mass_growth_rate": Q_(rng.uniform(-0.5, 1.0, n), "1/yr"),
        "buildout.service_life": Q_(rng.integers(1, 12, n).astype(float), "yr"),
        "finance.analysis_period": Q_(period, "yr"),
        "buildout.compute_failure_rate": Q_(rng.uniform(0, 0.5, n), "1/yr"),
        "learning.rate": Q_(rng_rates := rng.uniform(0, 0.4, n), "1")})
    years = res.years
    w = np.clip(period[:, None] - (years - 1)[None, :], 0.0, 1.0)
    launched = res.si("buildout.launched_mass") * YEAR
    spend = res.si("buildout.launch_spend") * YEAR
    np.testing.assert_allclose(res.si("buildout.total_mass"), (w * launched).sum(-1), rtol=1e-12)
    # whole years' spend plus the partial year's share of its mass, priced on the curve:
    # an independent quadrature of max(F, P0·(M/M0)^b) over the mass the period launched
    from scipy.integrate import quad
    p0 = prices
    base = orbital.load("default").si()
    m0, m_init = base["learning.reference_mass"], base["learning.initial_cumulative_mass"]
    floor = res.si("learning.price_floor")
    b = np.log2(1 - rng_rates)
    total = res.si("buildout.total_mass")
    for i in range(0, n, 15):
        def price(m, i=i):
            return max(floor[i], p0[i] * (m / m0) ** b[i])
        expected, _ = quad(price, m_init, m_init + total[i], limit=200, epsrel=1e-12)
        assert res.si("buildout.total_launch_spend")[i] == pytest.approx(expected, rel=1e-8)
    # whole years agree with the series exactly
    whole = (period == np.floor(period))
    np.testing.assert_allclose(res.si("buildout.total_launch_spend")[whole],
                               (w * spend).sum(-1)[whole], rtol=1e-12)
    inst = res.si("buildout.installed_power")
    idx = np.clip(np.ceil(period - 1e-9).astype(int) - 1, 0, years.size - 1)
    end = inst[np.arange(n), idx]
    begin = np.where(idx > 0, inst[np.arange(n), np.maximum(idx - 1, 0)], 0.0)
    np.testing.assert_allclose(res.si("buildout.final_installed_power"),
                               begin + (end - begin) * np.minimum(period - idx, 1.0),
                               rtol=1e-12, atol=1e-9 * np.abs(inst).max())


@pytest.mark.parametrize("idle", [False, True])
def test_the_target_year_from_the_count_equals_the_year_by_year_rule(monkeypatch, idle):
    """The year the learning target is passed, read from the count of years past it, equals
    the rule tested year by year (the oracle: a plain loop over samples and years), including
    years that launch nothing, targets already reached or never reached, and nan masses."""
    from orbital.programme import yearly

    rng = np.random.default_rng(5)
    n, years = 4000, 9
    launched = rng.uniform(0.0, 10.0, (years, n))
    if idle:   # years that launch nothing: the count's year may launch nothing
        launched[:, :300] = 0.0
        launched[rng.integers(0, years, 600), rng.integers(0, n, 600)] = 0.0
    else:      # the count alone decides: the year-by-year rule is not run
        monkeypatch.setattr(yearly, "_target_year_by_year", None)
    m_init = 5.0
    target = rng.uniform(-5.0, 70.0, n)
    target[:50] = 0.0
    cumulative = m_init + np.cumsum(launched, axis=0)
    kept, before = [], np.full(n, m_init)
    reached = np.zeros(n, dtype=np.int64)
    for y in range(years):
        after = before + launched[y]
        reached += after - m_init >= target
        kept.append((before, after, launched[y]))
        before = after
    got = yearly.target_year(kept, reached, target, m_init, (n,))
    want = np.full(n, np.inf)
    for i in range(n):
        for y in range(years):
            b = m_init if y == 0 else cumulative[y - 1, i]
            if cumulative[y, i] - m_init >= target[i] and launched[y, i] > 0:
                want[i] = y + min(max((target[i] - (b - m_init)) / launched[y, i], 0.0), 1.0)
                break
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)
    if not idle:
        return
    # a nan mass: the per-year rule decides (nan never reaches the target)
    kept[-1] = (kept[-1][0], np.where(np.arange(n) == 7, np.nan, kept[-1][1]), kept[-1][2])
    again = yearly.target_year(kept, reached, target, m_init, (n,))
    np.testing.assert_array_equal(np.delete(again, 7), np.delete(got, 7))
