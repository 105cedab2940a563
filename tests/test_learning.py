"""Wright's law on cumulative launched mass (Suncatcher, arXiv 2511.19468)."""
from __future__ import annotations

import math

import numpy as np
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


def test_learning_through_the_buildout():
    base = orbital.load("default").with_values({
        "launch.price_per_kg": "1800 USD/kg", "learning.reference_mass": "400 t",
        "learning.initial_cumulative_mass": "400 t", "learning.rate": "0.2",
        "learning.price_floor": "8 USD/kg", "buildout.mass_per_year": "40000 t/yr",
        "launch.max_flights_per_year": "10000 1/yr", "buildout.mass_growth_rate": "0 1/yr"})
    r = orbital.evaluate(base)
    assert r["launch.initial_price_per_kg"].m_as("USD/kg") == pytest.approx(1800.0)
    price = r["buildout.price_per_kg"].m_as("USD/kg")
    # the price each year is Wright's law at the cumulative mass at the start of the year
    start = 400 + 40_000 * np.arange(len(price))
    np.testing.assert_allclose(price, np.maximum(8, 1800 * (start / 400) ** math.log2(0.8)),
                               rtol=1e-12)
    spend = r["buildout.launch_spend"].m_as("USD/yr")
    np.testing.assert_allclose(spend, price * 40_000e3, rtol=1e-12)
    assert r["buildout.mean_price_per_kg"].m_as("USD/kg") == pytest.approx(
        spend.sum() / (40_000e3 * len(price)))


def test_learning_with_array_inputs_matches_scalars():
    base = orbital.load("default")
    rates = np.array([0.1, 0.2, 0.3])
    arr = orbital.evaluate(base, {"learning.rate": Q_(rates, "")})
    for i, lr in enumerate(rates):
        one = orbital.evaluate(base, {"learning.rate": Q_(lr, "")})
        np.testing.assert_allclose(arr.magnitude("buildout.price_per_kg")[i],
                                   one.magnitude("buildout.price_per_kg"), rtol=1e-12)
