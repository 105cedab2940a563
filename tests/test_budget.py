"""Equal money on both sides (orbital/compare/budget.py): the ground capacity a budget builds
year by year, against the space fleet in service. Expected values by hand (the hand-built
time-axis set of tests/test_timeline.py), by a plain per-cohort loop, and by the budget's own
accounting identity."""
from __future__ import annotations

import math

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.compare.budget import built

from test_timeline import simple, year_price

@pytest.mark.parametrize("years", [2, 3])
def test_orbit_spend_buys_ground_capacity_by_hand(years):
    """Benchmark ground at $12/W, no compute to keep: each year the ground builds what orbit
    spends ÷ $12/W. Orbit spends its launch (40,000 t at the year's learning price) and $2/W
    hardware on the 4 GW it launches."""
    res = simple(years)
    spend = [year_price(y) * 40e6 + 2.0 * 4e9 for y in range(1, years + 1)]
    ground = np.cumsum(spend) / 12.0 / 1e9  # GW
    assert res.magnitude("timeline.ground_budget_capacity") == pytest.approx(ground, rel=1e-12)
    assert res["timeline.space_capital"].to("USD/yr").magnitude == pytest.approx(
        np.array(spend), rel=1e-12)  # the budget really is orbit's capital
    space = [4.0 * y for y in range(1, years + 1)]
    assert res.magnitude("timeline.space_capacity") == pytest.approx(space, rel=1e-12)
    ahead = [s >= g for s, g in zip(space, ground)]
    first = next(i for i in range(years) if all(ahead[i:]))
    assert res.magnitude("compare.budget_capacity_year") == 2026 + first
    assert res.magnitude("compare.budget_capacity_status") == (2 if first == 0 else 0)


def test_a_given_budget_by_hand_and_never_when_the_ground_stays_ahead():
    """$1 T a year at $12/W is 83.3 GW a year: the 4 GW a year orbit launches never catches
    up, and "never" is an answer, not a year."""
    res = simple(3, **{"timeline.ground_budget_model": "given",
                       "timeline.ground_budget": Q_(1e12, "USD/yr")})
    assert res.magnitude("timeline.ground_budget_capacity") == pytest.approx(
        [1e12 / 12 / 1e9 * y for y in (1, 2, 3)], rel=1e-12)
    assert res.magnitude("compare.budget_capacity_year") == math.inf
    assert res.magnitude("compare.budget_capacity_status") == 1


def oracle(budget, parts, compute, failure):
    """A plain per-cohort loop: each year's additions kept as cohorts; a part's price is due
    again on a cohort in every year a whole number of that part's lives after it was built;
    compute failing in service is bought for the capacity of the year."""
    cohorts, total, out = [], 0.0, []
    for y in range(len(budget)):
        due = sum(price[y] * a for price, life in parts for born, a in cohorts
                  if (y - born) > 0 and (y - born) % life == 0)
        capex = sum(price[y] for price, _ in parts)
        a = max(budget[y] - due - compute[y] * failure * total, 0.0) / (
            capex + compute[y] * failure)
        cohorts.append((y, a))
        total += a
        out.append(total)
    return out


def test_the_budget_recurrence_against_a_per_cohort_loop_and_its_own_books():
    rng = np.random.default_rng(7)
    n, years = 120, 23
    budget = rng.uniform(0, 1e11, (n, years))
    prices = [rng.uniform(1, 20, (n, years)) for _ in range(3)]  # facility, plant, compute
    lives = [rng.integers(1, 30, n).astype(float), rng.integers(1, 12, n).astype(float),
             rng.integers(1, 8, n).astype(float)]
    failure = rng.uniform(0, 0.2, n)
    got = built(budget, list(zip(prices, lives)), prices[2], failure)
    for i in range(n):
        parts = [(p[i], int(life[i])) for p, life in zip(prices, lives)]
        want = oracle(budget[i], parts, prices[2][i], failure[i])
        assert got[i] == pytest.approx(want, rel=1e-12)
    # the books: each year the budget pays exactly the new capacity and the upkeep, or, where
    # it cannot pay the upkeep, builds nothing
    added = np.diff(got, axis=-1, prepend=0.0)
    for i in range(0, n, 11):
        for y in range(years):
            upkeep = sum(p[i, y] * added[i, y - j] for p, life in zip(prices, lives)
                         for j in range(1, y + 1) if j % int(life[i]) == 0)
            upkeep += prices[2][i, y] * failure[i] * got[i, y]
            spent = sum(p[i, y] for p in prices) * added[i, y] + upkeep
            if added[i, y] > 0:
                assert spent == pytest.approx(budget[i, y], rel=1e-12)
            else:
                assert upkeep >= budget[i, y] * (1 - 1e-12)


def test_the_first_years_capital_per_watt_is_the_ground_cash_flows():
    """Bottom-up ground (the default set): the capital per watt the budget pays is the one the
    ground's own cash flows pay: year 1's ground capital = c × capacity + compute × failures."""
    aset = orbital.load("default")
    res = orbital.evaluate(aset, {"timeline.ground_budget_model": "given",
                                  "timeline.ground_budget": Q_(5e10, "USD/yr")})
    c = res.magnitude("timeline.ground_capital_cost_per_watt")[0]
    k = aset["compare.compute_cost_per_watt"].quantity.to("USD/W").magnitude
    f = aset["ground.compute_failure_rate"].quantity.to("1/yr").magnitude
    cap = res.si("timeline.ground_capacity")[0]  # W
    capital = res["timeline.ground_capital"].to("USD/yr").magnitude[0]
    assert cap > 0 and k > 0 and f > 0  # every term of the identity is at work
    assert capital == pytest.approx(c * cap + k * f * cap, rel=1e-12)
    g1 = res.si("timeline.ground_budget_capacity")[0]
    assert g1 == pytest.approx(5e10 / (c + k * f), rel=1e-12)


def test_a_bigger_budget_never_lets_orbit_pass_earlier():
    last = -math.inf
    for budget in (1e9, 1e10, 5e10, 1e11, 1e12):
        res = simple(3, **{"timeline.ground_budget_model": "given",
                           "timeline.ground_budget": Q_(budget, "USD/yr")})
        year = res.magnitude("compare.budget_capacity_year")
        assert year >= last
        last = year


def test_the_budget_is_unused_when_orbit_spend_sets_it():
    a = simple(3, **{"timeline.ground_budget": Q_(1e9, "USD/yr")})
    b = simple(3, **{"timeline.ground_budget": Q_(1e12, "USD/yr")})
    assert np.array_equal(a.magnitude("timeline.ground_budget_capacity"),
                          b.magnitude("timeline.ground_budget_capacity"))
    assert "timeline.ground_budget" in a.unused
