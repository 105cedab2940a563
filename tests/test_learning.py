"""Wright's law on cumulative launched mass (Suncatcher, arXiv 2511.19468)."""
from __future__ import annotations

import math

import numpy as np
from scipy.integrate import quad
import pytest

import orbital
from orbital import Q_
from orbital.programme.learning import wright_price


@pytest.mark.parametrize("lr", [0.05, 0.2, 0.24, 0.5])
def test_each_doubling_cuts_the_price_by_exactly_lr(lr):
    m = np.array([400e3, 800e3, 1600e3, 3200e3])
    p = wright_price(m, 1800.0, 400e3, lr)
    np.testing.assert_allclose(p[1:] / p[:-1], 1 - lr, rtol=1e-12)
    assert p[0] == pytest.approx(1800.0)


def test_the_floor_binds():
    m = np.logspace(5, 15, 30)
    p = wright_price(m, 1800.0, 400e3, 0.2, floor=8.0)
    assert p.min() == 8.0
    assert np.all(np.diff(p) <= 0)
    free = 1800.0 * (m / 400e3) ** math.log2(0.8)
    np.testing.assert_allclose(p, np.maximum(free, 8.0), rtol=1e-12)


def test_no_learning_keeps_the_base_price():
    assert wright_price(1e9, 500.0, 400e3, 0.0) == pytest.approx(500.0)


def test_suncatcher_370000_t_to_reach_200_usd_per_kg():
    # Suncatcher: P0 ≈ $1,800/kg at M0 ≈ 400 t, LR ≈ 20 %; < $200/kg needs ≈ 370,000 t more
    # (~1,800 Starship launches of 200 t). Solve M/M0 = (200/1800)^(1/log2(0.8)) by hand:
    ratio = math.exp(math.log(200 / 1800) / math.log2(0.8))
    needed = 400e3 * ratio  # kg
    assert wright_price(needed, 1800.0, 400e3, 0.2) == pytest.approx(200.0, rel=1e-12)
    more_t = (needed - 400e3) / 1000
    assert more_t == pytest.approx(370_000, rel=0.02)
    assert more_t / 200 == pytest.approx(1800, rel=0.03)
    # just short of it the price is still above $200/kg
    assert wright_price(needed * 0.99, 1800.0, 400e3, 0.2) > 200.0


def wright_oracle(p0, m0, lr, floor):
    b = math.log2(1 - lr)
    return lambda m: max(floor, p0 * (m / m0) ** b)


def test_learning_through_the_buildout():
    base = orbital.load("default").with_values({
        "launch.price_per_kg": "1800 USD/kg", "learning.reference_mass": "400 t",
        "learning.initial_cumulative_mass": "400 t", "learning.rate": "0.2",
        "learning.price_floor": "8 USD/kg", "buildout.mass_per_year": "40000 t/yr",
        "launch.max_flights_per_year": "10000 1/yr", "buildout.mass_growth_rate": "0 1/yr"})
    r = orbital.evaluate(base)
    assert r["launch.initial_price_per_kg"].m_as("USD/kg") == pytest.approx(1800.0)
    spend = r["buildout.launch_spend"].m_as("USD/yr")
    # each year pays the curve integrated over its own mass (oracle: adaptive quadrature)
    p = wright_oracle(1800, 400e3, 0.2, 8)
    for y in range(len(spend)):
        m1 = 400e3 + 40_000e3 * y
        expected, _ = quad(p, m1, m1 + 40_000e3, epsrel=1e-12, limit=200)
        assert spend[y] == pytest.approx(expected, rel=1e-9)
    price = r["buildout.price_per_kg"].m_as("USD/kg")
    np.testing.assert_allclose(price, spend / 40_000e3, rtol=1e-12)  # average paid
    # the marginal price at the end of each year is the curve at the cumulative mass
    end = 400 + 40_000 * np.arange(1, len(price) + 1)
    np.testing.assert_allclose(r["buildout.marginal_price_per_kg"].m_as("USD/kg"),
                               np.maximum(8, 1800 * (end / 400) ** math.log2(0.8)), rtol=1e-12)
    assert r["buildout.mean_price_per_kg"].m_as("USD/kg") == pytest.approx(
        spend.sum() / (40_000e3 * len(price)))


def test_a_year_pays_the_curve_not_the_price_where_the_year_begins():
    # 1 Mt/yr from 400 t at $1,000/kg, LR 20 %: pricing the whole year at the start-of-year
    # price (the old accounting) gives $1,000 B; the curve integrates to about $118 B
    base = orbital.load("default").with_values({
        "launch.price_model": "given", "launch.price_per_kg": "1000 USD/kg",
        "learning.model": "wright", "learning.reference_mass": "400 t",
        "learning.initial_cumulative_mass": "400 t", "learning.rate": "0.2",
        "learning.price_floor": "0 USD/kg", "buildout.mass_per_year": "1000000 t/yr",
        "launch.max_flights_per_year": "1e9 1/yr"})
    r = orbital.evaluate(base)
    old = 1e9 * 1000.0
    expected, _ = quad(wright_oracle(1000, 400e3, 0.2, 0), 400e3, 400e3 + 1e9, epsrel=1e-12,
                       limit=400)
    # closed form too: P0·M0·(x^(b+1) − 1)/(b+1), x = 2501
    b = math.log2(0.8)
    closed = 1000 * 400e3 * (2501 ** (b + 1) - 1) / (b + 1)
    assert expected == pytest.approx(closed, rel=1e-9)
    assert closed / 1e9 == pytest.approx(118, abs=1)
    assert r["launch.spend_per_year"].m_as("USD/yr") == pytest.approx(expected, rel=1e-9)
    assert r["buildout.launch_spend"].m_as("USD/yr")[0] == pytest.approx(expected, rel=1e-9)
    assert old / expected == pytest.approx(8.5, abs=0.1)
    assert r["launch.first_year_price_per_kg"].m_as("USD/kg") == pytest.approx(expected / 1e9)


def test_vehicle_learning_stops_at_the_per_flight_marginal_cost():
    # before: with price_model = 'vehicle' the whole price learned, to $27/kg in year 5 against
    # $79/kg of refurbishment, propellant and operations. With floor_model 'auto' the floor is
    # that per-flight marginal cost; 'given' keeps learning.price_floor for one who says so.
    base = orbital.load("default").with_values({
        "launch.price_model": "vehicle", "buildout.mass_per_year": "100000 t/yr",
        "launch.max_flights_per_year": "1e6 1/yr"})
    s = base.si()
    marginal = (s["launch.refurbishment_per_flight"] + s["launch.propellant_per_flight"]
                + s["launch.operations_per_flight"]) / s["launch.payload_per_flight"]
    auto = orbital.evaluate(base)
    assert auto.si("learning.price_floor") == pytest.approx(marginal, rel=1e-12)
    assert np.all(auto.si("buildout.marginal_price_per_kg") >= marginal * (1 - 1e-12))
    given = orbital.evaluate(base, {"learning.floor_model": "given"})
    assert given.si("learning.price_floor") == s["learning.price_floor"]
    assert given.si("buildout.marginal_price_per_kg")[4] < marginal  # the old fault


def test_suncatcher_mass_to_200_per_kg():
    # Suncatcher: $1,800/kg at 400 t, LR 20 %: $200/kg after 400·9^(1/0.3219) − 400 ≈ 367,600 t
    base = orbital.load("default").with_values({
        "launch.price_model": "given", "launch.price_per_kg": "1800 USD/kg",
        "learning.model": "wright", "learning.reference_mass": "400 t",
        "learning.initial_cumulative_mass": "400 t", "learning.rate": "0.2",
        "learning.price_floor": "8 USD/kg", "learning.target_price_per_kg": "200 USD/kg",
        "buildout.mass_per_year": "40000 t/yr", "buildout.mass_growth_rate": "0 1/yr",
        "launch.max_flights_per_year": "1e6 1/yr", "finance.analysis_period": "12 yr"})
    r = orbital.evaluate(base)
    by_hand = 400 * 9 ** (-1 / math.log2(0.8)) - 400
    assert by_hand == pytest.approx(367_600, rel=2e-3)
    assert r["learning.mass_to_target"].m_as("t") == pytest.approx(by_hand, rel=1e-12)
    # at 40,000 t/yr it is reached in year 10 (9.19 years)
    assert r["learning.year_to_target"].m_as("yr") == pytest.approx(by_hand / 40_000, rel=1e-12)
    assert r.magnitude("learning.target_status") == 0
    short = orbital.evaluate(base, {"finance.analysis_period": Q_(5, "yr")})
    assert short.magnitude("learning.target_status") == 1
    floor = orbital.evaluate(base, {"learning.target_price_per_kg": Q_(5, "USD/kg")})
    assert floor.magnitude("learning.target_status") == 2
    assert np.isinf(floor.magnitude("learning.mass_to_target"))


def test_learning_with_array_inputs_matches_scalars():
    base = orbital.load("default")
    rates = np.array([0.1, 0.2, 0.3])
    arr = orbital.evaluate(base, {"learning.rate": Q_(rates, "")})
    for i, lr in enumerate(rates):
        one = orbital.evaluate(base, {"learning.rate": Q_(lr, "")})
        np.testing.assert_allclose(arr.magnitude("buildout.price_per_kg")[i],
                                   one.magnitude("buildout.price_per_kg"), rtol=1e-12)


@pytest.mark.parametrize("arrays", [False, True])
def test_a_base_price_below_the_floor_still_pays_the_curve_above_it(arrays):
    # P0 = 7 < F = 8 USD/kg, but below the reference mass the curve is above the floor:
    # P0 (M/M0)^b = 10.94 USD/kg at 100 t (M0 = 400 t, LR 20 %); it meets the floor at
    # M* = M0 (F/P0)^(1/b) ≈ 264 t. The spend is the integral of the marginal price.
    from orbital.programme.learning import spend_between

    p0, floor, m0, lr = 7.0, 8.0, 400e3, 0.2
    b = math.log2(1.0 - lr)
    assert p0 * (100e3 / m0) ** b == pytest.approx(10.9375, rel=1e-4)

    def price(m):  # the marginal price, by hand
        return max(floor, p0 * (m / m0) ** b)

    m1, m2 = 50e3, 300e3
    want = quad(price, m1, m2, points=[m0 * (floor / p0) ** (1.0 / b)], epsabs=0,
                epsrel=1e-12)[0]
    args = (m1, m2, p0, m0, lr, floor)
    if arrays:
        args = tuple(np.full(3, a) for a in args)
    got = spend_between(*args)
    np.testing.assert_allclose(got, want, rtol=1e-10)
    assert np.all(np.asarray(got) > floor * (m2 - m1) * 1.05)   # not the floor for every kg


def _exact_integral(x1, x2, c):
    """(x2^c − x1^c)/c in exact rational arithmetic on the floats' own values, the powers
    by 60-digit decimals: the oracle for the learning integral."""
    from decimal import Decimal, getcontext

    getcontext().prec = 60
    d1, d2, dc = Decimal(x1), Decimal(x2), Decimal(c)
    return float(((d2.ln() * dc).exp() - (d1.ln() * dc).exp()) / dc)


@pytest.mark.parametrize("c", [0.678, 0.2, -0.4, 1.5])
def test_the_learning_integral_is_accurate_near_and_far(c):
    # the power difference where it keeps its bits, the log form for a small step on a large
    # mass: both within 1e-13 of a 60-digit oracle, on arrays and on floats alike
    from orbital.programme.learning import _power_integral, spend_between

    rng = np.random.default_rng(11)
    x1 = 10.0 ** rng.uniform(-1, 4, 400)
    step = 10.0 ** rng.uniform(-9, 2, 400)  # from a near-nothing year to a hundredfold one
    x2 = x1 * (1.0 + step)
    got = _power_integral(x1, x2, c)
    for a, b, g in zip(x1, x2, got):
        want = _exact_integral(a, b, c)
        assert g == pytest.approx(want, rel=1e-13), (a, b)
    # one number x1 for every sample (the spend from the initial mass), and the float path
    one = _power_integral(np.float64(50.0), x2, c)
    for b, g in zip(x2, one):
        assert g == pytest.approx(_exact_integral(50.0, b, c), rel=1e-13)
    lr = 1.0 - 2.0 ** (c - 1.0)  # c = b + 1, b = log2(1 − LR)
    for m2 in x2[:40] * 1e3:
        s = spend_between(5e4, float(5e4 + m2), 1000.0, 1e3, lr)
        want = 1000.0 * 1e3 * _exact_integral(50.0, (5e4 + m2) / 1e3, c)
        assert type(s) is float and s == pytest.approx(want, rel=1e-13)


def test_the_floor_mass_is_where_the_curve_meets_the_floor():
    s = orbital.load("default")
    given = {"launch.price_model": "given", "learning.model": "wright",
             "learning.floor_model": "given"}
    r = orbital.evaluate(s, given)
    si = s.si()
    p0, floor = float(r.si("launch.price_per_kg")), float(r.si("learning.price_floor"))
    m0, lr = si["learning.reference_mass"], si["learning.rate"]
    b = math.log2(1.0 - lr)
    m_star = float(r.si("launch.floor_mass"))
    assert m_star == pytest.approx(m0 * (floor / p0) ** (1.0 / b), rel=1e-12)
    assert wright_price(m_star, p0, m0, lr) == pytest.approx(floor, rel=1e-12)
    # the mass to the target price, through the crossing: M0 (T/P0)^(1/b) all the same
    target, m_init = si["learning.target_price_per_kg"], si["learning.initial_cumulative_mass"]
    assert target > floor
    assert float(r.si("learning.mass_to_target")) == pytest.approx(
        max(m0 * (target / p0) ** (1.0 / b) - m_init, 0.0), rel=1e-12)
    never = orbital.evaluate(s, {"learning.model": "none"})
    assert math.isinf(float(never.si("launch.floor_mass")))
    assert math.isinf(float(orbital.evaluate(s, dict(given, **{
        "learning.price_floor": Q_(0, "USD/kg")})).si("launch.floor_mass")))
    below = orbital.evaluate(s, dict(given, **{"launch.price_per_kg": Q_(5, "USD/kg"),
                                               "learning.price_floor": Q_(8, "USD/kg")}))
    m_below = float(below.si("launch.floor_mass"))  # the curve above the floor before M0
    assert m_below < m0 and wright_price(m_below, 5.0, m0, lr) == pytest.approx(8.0, rel=1e-12)
