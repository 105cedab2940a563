"""Ground vs space solvers (orbital/compare/solvers.py) and discounting (orbital/programme/finance.py).

Solver consistency: put each solver's answer back into the model and the space total equals
the ground total; no break-even gives nan and a reason; everything is vectorised."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbital
from orbital import Q_
from orbital.compare import solvers
from orbital.programme import finance


@pytest.fixture(scope="module")
def base():
    # flat launch price so the price the fleet pays is launch.price_per_kg itself
    return orbital.load("default").with_values({"learning.model": "none"})


# ----------------------------------------------------------------------------- finance

def test_crf_at_zero_rate_is_exactly_one_over_n():
    assert finance.capital_recovery_factor(0.0, 5) == 0.2
    assert finance.annuity_factor(0.0, 7.5) == 7.5
    out = finance.capital_recovery_factor(np.array([0.0, 0.08]), np.array([10.0, 10.0]))
    assert out[0] == 0.1 and np.all(np.isfinite(out))


def test_crf_matches_the_textbook_formula_and_its_limit():
    r, n = 0.08, 20
    assert finance.capital_recovery_factor(r, n) == pytest.approx(r * (1 + r) ** n /
                                                                  ((1 + r) ** n - 1), rel=1e-13)
    for tiny in (1e-9, 1e-12):
        assert finance.capital_recovery_factor(tiny, n) == pytest.approx(1 / n, rel=1e-7)


@settings(max_examples=60, deadline=None)
@given(r=st.floats(0, 1), n=st.floats(0.5, 100))
def test_annuity_is_the_sum_of_discounted_payments(r, n):
    whole = float(np.floor(n))
    if whole == n:
        expected = sum((1 + r) ** -k for k in range(1, int(n) + 1))
        assert finance.annuity_factor(r, n) == pytest.approx(expected, rel=1e-10)
    assert finance.annuity_factor(r, n) * finance.capital_recovery_factor(r, n) == \
        pytest.approx(1.0, rel=1e-14)
    assert 0 < finance.annuity_factor(r, n) <= n


# ----------------------------------------------------------------------------- solve_affine

def test_solve_affine_statuses():
    assert solvers.solve_affine(10.0, 2.0, 4.0) == (4.0, 0)
    x, status = solvers.solve_affine(1.0, 2.0, 4.0)
    assert np.isnan(x) and status == 1
    x, status = solvers.solve_affine(10.0, 2.0, 2.0)
    assert np.isnan(x) and status == 2
    x, status = solvers.solve_affine(np.nan, 2.0, 4.0)
    assert np.isnan(x) and status == 3
    x, status = solvers.solve_affine([10.0, 1.0, 3.0], 2.0, [4.0, 4.0, 2.0])
    assert x[0] == 4.0 and np.isnan(x[1]) and np.isnan(x[2])
    assert status.tolist() == [0, 1, 2]
    assert solvers.explain(status) == [solvers.STATUS[0], solvers.STATUS[1], solvers.STATUS[2]]


# ----------------------------------------------------------------------------- consistency

CASES = {  # array inputs covering discounting, renewal, replacement models and sizing choices
    "finance.discount_rate": Q_([0.0, 0.05, 0.1, 0.0], "1/yr"),
    "finance.analysis_period": Q_([5, 10, 7, 12], "yr"),
    "ground.gas_price": Q_([4.3, 8.0, 12.0, 6.0], "USD/MMBtu"),
    "space.satellite_cost_per_watt": Q_([2.0, 1.0, 1.5, 0.5], "USD/W"),
    "compare.compute_cost_per_watt": Q_([0.0, 2.0, 0.0, 1.0], "USD/W"),
    "power.specific_power": Q_([35.0, 80.0, 150.0, 50.0], "kW/t"),
}


def assert_solution_closes(base, overrides, solver, param, unit):
    """Solve, put the answer back as ``param`` and check space total = ground total."""
    res = orbital.evaluate(base, overrides)
    assert (np.asarray(res.magnitude(solvers.SOLVERS[solver])) == 0).all()
    x = res.magnitude(solver)
    again = orbital.evaluate(base, dict(overrides, **{param: Q_(x, unit)}))
    np.testing.assert_allclose(again.si("space.total_cost"), again.si("ground.total_cost"),
                               rtol=1e-12)


@pytest.mark.parametrize("model", ["replace_and_pay", "replace_hardware_only",
                                   "degrade_and_dont_pay"])
def test_breakeven_price_gives_equal_totals(base, model):
    assert_solution_closes(base, dict(CASES, **{"space.replacement_model": model}),
                           "compare.breakeven_price_per_kg", "launch.price_per_kg", "USD/kg")


def test_required_specific_power_gives_equal_totals(base):
    o = dict(CASES, **{"launch.price_per_kg": Q_([500, 1000, 2000, 300], "USD/kg")})
    assert_solution_closes(base, o, "compare.required_specific_power", "power.specific_power",
                           "kW/t")


def test_required_specific_power_with_per_kg_hardware(base):
    o = {"space.hardware_cost_basis": "per_kg", "space.build_cost_per_kg": Q_(300, "USD/kg"),
         "launch.price_per_kg": Q_(200, "USD/kg"), "compare.compute_cost_per_watt": Q_(0, "USD/W")}
    assert_solution_closes(base, o, "compare.required_specific_power", "power.specific_power",
                           "kW/t")


def test_required_satellite_cost_gives_equal_totals(base):
    o = dict(CASES, **{"launch.price_per_kg": Q_([100, 200, 50, 150], "USD/kg")})
    assert_solution_closes(base, o, "compare.required_satellite_cost_per_watt",
                           "space.satellite_cost_per_watt", "USD/W")


def test_solutions_are_on_the_right_side(base):
    # below the break-even price space is cheaper, above it dearer
    res = orbital.evaluate(base, CASES)
    p = res.magnitude("compare.breakeven_price_per_kg")
    lo = orbital.evaluate(base, dict(CASES, **{"launch.price_per_kg": Q_(0.9 * p, "USD/kg")}))
    hi = orbital.evaluate(base, dict(CASES, **{"launch.price_per_kg": Q_(1.1 * p, "USD/kg")}))
    assert (lo.magnitude("compare.cost_ratio") < 1).all()
    assert (hi.magnitude("compare.cost_ratio") > 1).all()


def test_no_breakeven_is_nan_with_a_reason(base):
    # satellites at $200/W already cost more than the whole ground build
    res = orbital.evaluate(base, {"space.satellite_cost_per_watt": Q_(200, "USD/W")})
    assert np.isnan(res.magnitude("compare.breakeven_price_per_kg"))
    assert res.magnitude("compare.breakeven_status") == 1
    sol = solvers.solutions(res)["compare.breakeven_price_per_kg"]
    assert not sol.solved
    assert "already costs more than the whole ground side" in sol.reason
    assert np.isnan(sol.value.m)


def test_status_two_when_the_unknown_does_not_matter(base):
    # a free launch and per-watt hardware: the mass, hence kW/t, does not change the total
    res = orbital.evaluate(base, {"launch.price_per_kg": Q_(1e-300, "USD/kg"),
                                  "space.launch_insurance": Q_(0, "1")})
    assert res.magnitude("compare.specific_power_status") in (0.0, 2.0)
    res = orbital.evaluate(base, {"space.hardware_cost_basis": "per_kg"})
    assert res.magnitude("compare.satellite_cost_status") in (0.0, 1.0)
    x, status = solvers.solve_affine(5.0, 3.0, 3.0, positive=True)
    assert status == 2 and solvers.explain(status).startswith("no break-even")


def test_solver_arrays_match_scalar_solves(base):
    res = orbital.evaluate(base, CASES)
    for i in range(4):
        one = orbital.evaluate(base, {k: v[i] for k, v in CASES.items()})
        for name in solvers.SOLVERS:
            a, b = res.magnitude(name)[i], one.magnitude(name)
            assert (np.isnan(a) and np.isnan(b)) or a == pytest.approx(b, rel=1e-12)


def test_mccalip_method_is_mccalips_formula(base):
    # math.js: breakeven = (terrestrial total − $/W · P_req) / (P_req / specific power), with
    # P_req unrounded and ops, NRE and replacement left out
    o = {"compare.method": "mccalip", "space.satellite_cost_per_watt": Q_(5, "USD/W"),
         "compare.compute_cost_per_watt": Q_(0, "USD/W")}
    res = orbital.evaluate(base, o)
    g = res.si("ground.total_cost")
    p_req = res.si("space.required_power")
    sp = res.si("power.specific_power")
    expected = (g - 5.0 * p_req) / (p_req / sp)
    assert res.si("compare.breakeven_price_per_kg") == pytest.approx(expected, rel=1e-12)
    # with the full method the answer is lower: ops, NRE and replacement also need room
    full = orbital.evaluate(base, dict(o, **{"compare.method": "full"}))
    assert full.si("compare.breakeven_price_per_kg") < expected


def test_cost_ratio_and_difference(base):
    res = orbital.evaluate(base)
    s, g = res.si("space.total_cost"), res.si("ground.total_cost")
    assert res.si("compare.cost_ratio") == pytest.approx(s / g, rel=1e-15)
    assert res.si("compare.cost_difference") == pytest.approx(s - g, rel=1e-15)
