"""The space side of the comparison (orbital/space/fleet.py): sizing, costs, scalar/array shapes and
properties (breakdowns sum to the total; higher $/kg costs more; higher kW/t costs less)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbital
from orbital import Q_
from orbital.core.constants import YEAR
from orbital.programme import finance
from orbital.space import fleet


@pytest.fixture(scope="module")
def base():
    return orbital.load("default")


def test_mean_capacity_factor_is_mccalips_sum():
    # McCalip math.js: avgCF = Σ_{y=0}^{n−1} (1−d)^y / n
    for d in (0.0, 0.025, 0.3):
        for n in (1, 5, 12):
            expected = sum((1 - d) ** y for y in range(n)) / n
            assert fleet.mean_capacity_factor(d, n) == pytest.approx(expected, rel=1e-14)


def test_mean_capacity_factor_zero_loss_is_exactly_one_and_broadcasts():
    out = fleet.mean_capacity_factor(np.array([0.0, 0.025]), np.array([[5.0], [10.0]]))
    assert out.shape == (2, 2)
    assert out[0, 0] == 1.0 and out[1, 0] == 1.0
    assert 0 < out[1, 1] < out[0, 1] < 1


def test_satellite_count_rounds_up_but_forgives_round_off():
    assert fleet.satellite_count(0.1 + 0.2, 0.1) == 3.0  # 3.0000000000000004 satellites
    assert fleet.satellite_count(27_001.0, 27_000.0) == 2.0
    assert fleet.satellite_count(27_001.0, 27_000.0, "none") == pytest.approx(27_001 / 27_000)
    with pytest.raises(ValueError, match="rounding"):
        fleet.satellite_count(1.0, 1.0, "nearest")


def test_end_of_life_sizing_needs_more_power_than_average_sizing():
    avg = fleet.required_power(1e9, 0.025, 5, 0.98, "average")
    eol = fleet.required_power(1e9, 0.025, 5, 0.98, "end_of_life")
    assert eol == pytest.approx(1e9 / (0.975 ** 5 * 0.98))
    assert eol > avg


def test_renewal_factor_counts_generations_and_discounts_them():
    assert finance.renewal_factor(0.0, 5, 5) == 1.0
    assert finance.renewal_factor(0.0, 10, 5) == 2.0
    assert finance.renewal_factor(0.0, 11, 5) == 3.0
    assert finance.renewal_factor(0.08, 10, 5) == pytest.approx(1 + 1.08 ** -5, rel=1e-14)
    # the zero rate is the limit of small rates
    assert finance.renewal_factor(1e-10, 15, 5) == pytest.approx(3.0, rel=1e-8)


@pytest.mark.parametrize("r", [0.0, 0.05, 0.15])
@pytest.mark.parametrize("n,life", [(5, 5), (6, 5), (10, 5), (7.5, 2.5), (3, 12.5)])
def test_charge_factor_is_buying_every_life_less_the_residual(r, n, life):
    # oracle: buy at 0, T, 2T, … while the period lasts; at the end credit the value left,
    # which under annuity depreciation is the present value of the remaining recovery
    # payments, CRF(T)·AF(remaining); at r = 0 straight-line. Discount all to t = 0.
    def af(years):
        return years if r == 0 else (1 - (1 + r) ** -years) / r
    pv, t = 0.0, 0.0
    while t < n - 1e-9:
        pv += (1 + r) ** -t
        t += life
    left = t - n  # years of life left on the last purchase at the end of the period
    pv -= af(left) / af(life) * (1 + r) ** -n
    assert finance.charge_factor(r, n, life) == pytest.approx(pv, rel=1e-12)
    assert finance.charge_factor(r, n, life) == pytest.approx(af(n) / af(life), rel=1e-12)


def test_levelised_cost_is_smooth_in_the_period_with_residual_value(base):
    # before: no residual value made $/kW-yr jump with the period modulo the life
    # ($25.3 k at 5 years, $36.7 k at 6, $25.2 k at 10 at r = 0). With the annuity residual
    # each generation is charged for the years it serves in the period.
    o = {"finance.discount_rate": Q_(0, "1/yr"), "buildout.service_life": Q_(5, "yr")}
    none = orbital.evaluate(base, dict(o, **{"finance.residual_value": "none",
                                             "finance.analysis_period": Q_([5, 6, 10], "yr")}))
    kwy = none.magnitude("space.cost_per_kw_year")
    assert kwy[1] > 1.25 * kwy[0] and kwy[2] == pytest.approx(kwy[0], rel=0.05)  # the jump
    years = np.linspace(5, 15, 41)
    smooth = orbital.evaluate(base, dict(o, **{"finance.residual_value": "annuity",
                                               "finance.analysis_period": Q_(years, "yr")}))
    kwy = smooth.magnitude("space.cost_per_kw_year")
    # capital per kW-yr is constant; only the one-off NRE and ground segment spread thinner
    assert np.all(np.diff(kwy) <= 1e-9 * kwy[0])
    assert np.max(np.abs(np.diff(kwy))) < 0.02 * kwy[0]


def test_launched_power_price_formula():
    # Suncatcher: mass × price / (power × life); 575 kg, 28 kW, 5 yr at $200/kg
    got = fleet.launched_power_price(200.0, 28_000 / 575, 5 * YEAR)
    assert got * 1000 * YEAR == pytest.approx(575 * 200 / (28 * 5))


def test_breakdown_sums_to_total(base):
    res = orbital.evaluate(base)
    total = sum(res.si(n) for n in fleet.BREAKDOWN)
    assert total == pytest.approx(res.si("space.total_cost"), rel=1e-12)
    target = base["space.target_power"].quantity.m_as("W")
    assert res["space.cost_per_watt"].m_as("USD/W") == pytest.approx(
        res["space.total_cost"].m_as("USD") / target, rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(price=st.floats(10, 20_000), sp=st.floats(5, 500), rate=st.floats(0, 0.2),
       years=st.integers(1, 30),
       model=st.sampled_from(("not_restored", "replace_spacecraft", "repair_in_orbit")))
def test_breakdown_sums_to_total_property(base, price, sp, rate, years, model):
    res = orbital.evaluate(base, {"launch.price_per_kg": Q_(price, "USD/kg"),
                                  "power.specific_power": Q_(sp, "kW/t"),
                                  "finance.discount_rate": Q_(rate, "1/yr"),
                                  "finance.analysis_period": Q_(years, "yr"),
                                  "buildout.failure_restoration": model})
    parts = sum(res.si(n) for n in fleet.BREAKDOWN)
    assert parts == pytest.approx(res.si("space.total_cost"), rel=1e-12)
    assert all(res.si(n) >= 0 for n in fleet.BREAKDOWN)


def test_higher_launch_price_costs_more(base):
    prices = Q_(np.geomspace(10, 10_000, 25), "USD/kg")
    res = orbital.evaluate(base, {"launch.price_per_kg": prices})
    total = res.magnitude("space.total_cost")
    assert total.shape == (25,)
    assert np.all(np.diff(total) > 0)
    assert np.all(np.diff(res.magnitude("space.launch_cost")) > 0)


def test_higher_specific_power_costs_less(base):
    sp = Q_(np.geomspace(5, 1000, 25), "kW/t")
    res = orbital.evaluate(base, {"power.specific_power": sp})
    assert np.all(np.diff(res.magnitude("space.total_cost")) < 0)
    assert np.all(np.diff(res.magnitude("space.mass")) < 0)


def test_array_inputs_match_scalar_evaluations(base):
    prices = [150.0, 900.0, 3000.0]
    sp = [20.0, 35.0, 80.0]
    res = orbital.evaluate(base, {"launch.price_per_kg": Q_(prices, "USD/kg"),
                                  "power.specific_power": Q_(sp, "kW/t")})
    for i, (p, s) in enumerate(zip(prices, sp)):
        one = orbital.evaluate(base, {"launch.price_per_kg": Q_(p, "USD/kg"),
                                      "power.specific_power": Q_(s, "kW/t")})
        for name in ("space.total_cost", "space.lcoe", "space.mass", "ground.total_cost",
                     "compare.cost_ratio"):
            assert res.magnitude(name)[i] == pytest.approx(one.magnitude(name), rel=1e-13)


def test_replacement_models_are_exclusive(base):
    res = {m: orbital.evaluate(base, {"space.replacement_model": m})
           for m in ("replace_and_pay", "replace_hardware_only")}
    lost = orbital.evaluate(base, {"buildout.failure_restoration": "not_restored"})
    # not restoring costs nothing each year but needs a bigger fleet
    assert lost["space.replacement_cost"].m == 0
    assert lost.si("space.fleet_power") > res["replace_and_pay"].si("space.fleet_power")
    # paying for launch of replacements costs more than flying them free
    assert res["replace_and_pay"].si("space.replacement_cost") > \
        res["replace_hardware_only"].si("space.replacement_cost") > 0


def test_zero_discount_rate_is_the_limit_of_small_rates(base):
    at_zero = orbital.evaluate(base, {"finance.discount_rate": Q_(0.0, "1/yr")})
    tiny = orbital.evaluate(base, {"finance.discount_rate": Q_(1e-9, "1/yr")})
    for name in ("space.total_cost", "space.lcoe", "ground.total_cost", "ground.lcoe"):
        assert np.isfinite(at_zero.si(name))
        assert at_zero.si(name) == pytest.approx(tiny.si(name), rel=1e-7)
    # at zero, yearly costs count in full: ops = rate × hardware × years × generations' share
    years = base["finance.analysis_period"].quantity.m_as("yr")
    hw = at_zero.si("space.hardware_cost") + at_zero.si("space.compute_cost")
    gens = at_zero.si("space.fleet_generations")
    rate = base["space.operations_rate"].quantity.m_as("1/yr")
    assert at_zero.si("space.operations_cost") == pytest.approx(rate * hw / gens * years,
                                                                rel=1e-12)


def test_discounting_lowers_present_value_of_yearly_costs(base):
    res = orbital.evaluate(base, {"finance.discount_rate": Q_([0.0, 0.05, 0.1], "1/yr")})
    assert np.all(np.diff(res.magnitude("space.operations_cost")) < 0)
    assert np.all(np.diff(res.magnitude("ground.it_energy_cost")) < 0)
    # … while the levelised cost of energy rises with the cost of capital
    assert np.all(np.diff(res.magnitude("space.lcoe")) > 0)


def test_per_kg_hardware_basis(base):
    res = orbital.evaluate(base, {"space.hardware_cost_basis": "per_kg",
                                  "space.build_cost_per_kg": Q_(1000, "USD/kg"),
                                  "finance.discount_rate": Q_(0, "1/yr")})
    gens = res.si("space.fleet_generations")
    assert res.si("space.hardware_cost") == pytest.approx(1000 * res.si("space.mass") * gens,
                                                          rel=1e-12)


def test_buildout_mean_launch_pricing_uses_the_buildout_price(base):
    res = orbital.evaluate(base, {"space.launch_pricing": "buildout_mean"})
    assert res.si("space.launch_price_per_kg") == pytest.approx(
        res.si("buildout.mean_price_per_kg") * res.si("transfer.mass_ratio"), rel=1e-15)
    assert res.si("space.launch_price_per_kg") < res.si("launch.initial_price_per_kg")


def test_unknown_choice_is_refused(base):
    with pytest.raises(orbital.InputError, match="space.replacement_model"):
        orbital.evaluate(base, {"space.replacement_model": "both"})


def test_sunlight_model_selects_the_fraction_used_to_size_the_fleet():
    """'given' reads space.sunlight_fraction, 'orbit' the orbit's annual sunlit fraction,
    'in_specific_power' 1; the required power scales as 1/sunlight in each case."""
    import orbital

    base = orbital.load("default").with_values({"space.satellite_rounding": "none"})
    runs = {m: orbital.evaluate(base.with_values({"space.sunlight_model": m}))
            for m in ("given", "orbit", "in_specific_power")}
    given = base["space.sunlight_fraction"].display_value()
    assert runs["given"].magnitude("space.sunlight_fraction") == pytest.approx(given, rel=1e-15)
    assert runs["orbit"].magnitude("space.sunlight_fraction") == pytest.approx(
        runs["orbit"].magnitude("orbit.sunlit_fraction"), rel=1e-15)
    assert runs["in_specific_power"].magnitude("space.sunlight_fraction") == 1.0
    ref = runs["in_specific_power"].magnitude("space.required_power")
    for m, res in runs.items():
        assert res.magnitude("space.required_power") == pytest.approx(
            ref / res.magnitude("space.sunlight_fraction"), rel=1e-12), m
