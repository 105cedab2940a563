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
    """Solve, put the answer back as ``param`` and check space.lcoe = ground.lcoe (the
    levelised target), i.e. compare.cost_ratio = 1."""
    res = orbital.evaluate(base, overrides)
    assert (np.asarray(res.magnitude(solvers.SOLVERS[solver])) == 0).all()
    x = res.magnitude(solver)
    again = orbital.evaluate(base, dict(overrides, **{param: Q_(x, unit)}))
    np.testing.assert_allclose(again.si("space.lcoe"), again.si("ground.lcoe"), rtol=1e-10)
    np.testing.assert_allclose(again.magnitude("compare.cost_ratio"), 1.0, rtol=1e-10)


RESTORATIONS = [(a, b) for a in ("not_restored", "replace_spacecraft", "repair_in_orbit")
                for b in ("replace_and_pay", "replace_hardware_only")]


@pytest.mark.parametrize("restoration,payment", RESTORATIONS)
def test_breakeven_price_gives_equal_levelised_costs(base, restoration, payment):
    assert_solution_closes(base, dict(CASES, **{"buildout.failure_restoration": restoration,
                                                "space.replacement_model": payment}),
                           "compare.breakeven_price_per_kg", "launch.price_per_kg", "USD/kg")


def test_required_specific_power_gives_equal_levelised_costs(base):
    o = dict(CASES, **{"launch.price_per_kg": Q_([500, 1000, 2000, 300], "USD/kg")})
    assert_solution_closes(base, o, "compare.required_specific_power", "power.specific_power",
                           "kW/t")


def test_required_specific_power_with_per_kg_hardware(base):
    o = {"space.hardware_cost_basis": "per_kg", "space.build_cost_per_kg": Q_(300, "USD/kg"),
         "launch.price_per_kg": Q_(200, "USD/kg"), "compare.compute_cost_per_watt": Q_(0, "USD/W")}
    assert_solution_closes(base, o, "compare.required_specific_power", "power.specific_power",
                           "kW/t")


def test_required_satellite_cost_gives_equal_levelised_costs(base):
    o = dict(CASES, **{"launch.price_per_kg": Q_([100, 200, 50, 150], "USD/kg")})
    assert_solution_closes(base, o, "compare.required_satellite_cost_per_watt",
                           "space.satellite_cost_per_watt", "USD/W")


@pytest.mark.parametrize("pricing", ["initial", "buildout_mean"])
@pytest.mark.parametrize("model", ["wright", "wright_above_floor"])
def test_breakeven_base_price_carries_back_through_the_learning_curve(pricing, model):
    # the answer is the base price P0 on the same curve (same floor): put back with a given
    # price and that floor, the fleet pays exactly the break-even price
    aset = orbital.load("default").with_values({"learning.model": model,
                                                "space.launch_pricing": pricing})
    o = dict(CASES, **{"space.satellite_cost_per_watt": Q_([0.2, 0.1, 0.3, 0.1], "USD/W"),
                       "learning.price_floor": Q_([8, 60, 0, 150], "USD/kg")})
    res = orbital.evaluate(aset, o)
    assert (res.magnitude("compare.breakeven_status") == 0).all()
    back = dict(o, **{"launch.price_model": "given", "learning.floor_model": "given",
                      "launch.price_per_kg": res["compare.breakeven_price_per_kg"],
                      "learning.price_floor": res["learning.price_floor"]})
    again = orbital.evaluate(aset, back)
    np.testing.assert_allclose(again.si("space.launch_price_per_kg"),
                               res.si("compare.breakeven_paid_price_per_kg"), rtol=1e-9)
    np.testing.assert_allclose(again.magnitude("compare.cost_ratio"), 1.0, rtol=1e-9)


def test_allowable_launch_and_build_closes_with_the_build_cost_held(base):
    o = dict(CASES, **{"space.hardware_cost_basis": "per_kg",
                       "space.build_cost_per_kg": Q_([100, 50, 20, 10], "USD/kg"),
                       "learning.model": "none"})
    res = orbital.evaluate(base, o)
    assert (res.magnitude("compare.allowable_status") == 0).all()
    lb = res.magnitude("compare.allowable_launch_and_build_per_kg")
    paid = lb - np.array([100, 50, 20, 10])
    factor = res.si("space.launch_price_per_kg") / res.si("launch.price_per_kg")
    again = orbital.evaluate(base, dict(o, **{"launch.price_per_kg": Q_(paid / factor,
                                                                        "USD/kg")}))
    np.testing.assert_allclose(again.magnitude("compare.cost_ratio"), 1.0, rtol=1e-10)


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
    assert "already costs more than the ground side" in sol.reason
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
    o["space.launch_destination"] = "as_priced"  # McCalip's price is to the operating orbit
    res = orbital.evaluate(base, o)
    g = res.si("ground.total_cost")
    p_req = res.si("space.required_power")
    sp = res.si("power.specific_power")
    expected = (g - 5.0 * p_req) / (p_req / sp)
    assert res.si("compare.breakeven_price_per_kg") == pytest.approx(expected, rel=1e-12)
    # with the full method the answer is lower: ops, NRE and replacement also need room
    full = orbital.evaluate(base, dict(o, **{"compare.method": "full"}))
    assert full.si("compare.breakeven_price_per_kg") < expected


def test_cost_ratio_is_levelised_and_totals_stay_results(base):
    res = orbital.evaluate(base)
    s, g = res.si("space.total_cost"), res.si("ground.total_cost")
    assert res.si("compare.total_cost_ratio") == pytest.approx(s / g, rel=1e-15)
    assert res.si("compare.cost_ratio") == pytest.approx(
        res.si("space.lcoe") / res.si("ground.lcoe"), rel=1e-15)
    assert res.si("compare.lcoe_difference") == pytest.approx(
        res.si("space.lcoe") - res.si("ground.lcoe"), rel=1e-12)


def test_lower_ground_capacity_factor_raises_the_ground_side_not_the_ratio_down(base):
    # before: the headline divided totals, so halving the ground's delivered energy (cf 0.85
    # -> 0.5) *raised* space/ground (ground total falls with its energy bill). Levelised, the
    # ground pays its capital over fewer MWh and the ratio falls.
    hi = orbital.evaluate(base, {"ground.capacity_factor": Q_(0.85, "1")})
    lo = orbital.evaluate(base, {"ground.capacity_factor": Q_(0.5, "1")})
    assert lo.si("compare.total_cost_ratio") > hi.si("compare.total_cost_ratio")  # the old fault
    assert lo.si("ground.lcoe") > hi.si("ground.lcoe")
    assert lo.magnitude("compare.cost_ratio") < hi.magnitude("compare.cost_ratio")
    # the ratio is per MWh delivered on each side: check by hand from the totals and energies
    for res in (hi, lo):
        af_s = finance.annuity_factor(0.08, 10)
        e_s = res.si("space.energy") / 10 * af_s
        e_g = res.si("ground.it_energy") / 10 * af_s
        assert res.magnitude("compare.cost_ratio") == pytest.approx(
            (res.si("space.total_cost") / e_s) / (res.si("ground.total_cost") / e_g), rel=1e-12)


PRESETS = [p.stem for p in sorted(__import__("pathlib").Path("assumptions").glob("*.toml"))]
CHEAP = {"space.satellite_cost_per_watt": Q_(0.05, "USD/W"), "space.build_cost_per_kg":
         Q_(5, "USD/kg"), "space.nre": Q_(0, "USD"), "space.ground_segment": Q_(0, "USD"),
         "compare.compute_cost_per_watt": Q_(0, "USD/W")}


@pytest.mark.parametrize("preset", PRESETS)
def test_every_solver_closes_on_every_preset_and_past_the_service_life(preset):
    aset = orbital.load(preset)
    life = aset["buildout.service_life"].quantity.m_as("yr")
    for period in (aset["finance.analysis_period"].quantity.m_as("yr"), 2.4 * life):
        o = {"finance.analysis_period": Q_(period, "yr")}
        res = orbital.evaluate(aset, o)
        if res.magnitude("compare.breakeven_status") != 0:
            o.update(CHEAP)
            res = orbital.evaluate(aset, o)
        assert res.magnitude("compare.breakeven_status") == 0, (preset, period)
        back = dict(o, **{"launch.price_model": "given", "learning.floor_model": "given",
                          "launch.price_per_kg": res["compare.breakeven_price_per_kg"],
                          "learning.price_floor": res["learning.price_floor"]})
        again = orbital.evaluate(aset, back)
        mccalip = aset["compare.method"].value == "mccalip"
        got = (again.si("space.total_cost") / again.si("ground.total_cost")) if mccalip else \
            again.magnitude("compare.cost_ratio")
        if mccalip:  # McCalip balances the simplified space cost; check the paid price instead
            assert again.si("space.launch_price_per_kg") == pytest.approx(
                res.si("compare.breakeven_paid_price_per_kg"), rel=1e-9)
        else:
            assert got == pytest.approx(1.0, rel=1e-9), (preset, period)
        for solver, param, unit in (
                ("compare.required_specific_power", "power.specific_power", "kW/t"),
                ("compare.required_satellite_cost_per_watt", "space.satellite_cost_per_watt",
                 "USD/W")):
            if res.magnitude(solvers.SOLVERS[solver]) != 0 or mccalip:
                continue
            if param == "power.specific_power" and aset["power.model"].value != "given":
                continue
            if param == "space.satellite_cost_per_watt" and \
                    aset["space.hardware_cost_basis"].value != "per_watt":
                continue
            again = orbital.evaluate(aset, dict(o, **{param: Q_(res.magnitude(solver), unit)}))
            assert again.magnitude("compare.cost_ratio") == pytest.approx(1.0, rel=1e-9)


def test_turyshev_allowable_counts_fleet_renewal():
    # Turyshev's C_orbit = (L + B)·m: at r = 0 with no residual and no degradation, a 10-year
    # period buys two 5-year generations, so the allowable L + B halves (by hand: C_terr / m_kW
    # at 5 years, C_terr / (2·m_kW) at 10). The old formula, (ground − segment − ops − NRE) /
    # mass, gave C_terr / m_kW at both, and put back it did not break even at 10 years.
    m_kw = 29.0
    for years, generations in ((5, 1), (10, 2)):
        r = orbital.evaluate(orbital.load("turyshev-2026"),
                             {"finance.analysis_period": Q_(years, "yr")})
        lb = r.magnitude("compare.allowable_launch_and_build_per_kg")
        assert lb == pytest.approx(10_000 / (generations * m_kw), rel=1e-9)
        old = r.si("ground.total_cost") / r.si("space.mass")
        assert old == pytest.approx(10_000 / m_kw, rel=1e-9)
        half = old / 2
        put_back = orbital.evaluate(orbital.load("turyshev-2026"), {
            "finance.analysis_period": Q_(years, "yr"),
            "launch.price_per_kg": Q_(half, "USD/kg"),
            "space.build_cost_per_kg": Q_(half, "USD/kg")})
        assert put_back.magnitude("compare.cost_ratio") == pytest.approx(generations, rel=1e-9)
