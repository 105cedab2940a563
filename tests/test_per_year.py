"""Per-year inputs beyond the launch programme: kW/t, compute and accelerators, discount rates
and the ground's hardware, each read year by year by the buildout and each year's vintage,
checked by hand on the time axis's hand-checkable set; and a schedule on a parameter that is
read once is refused, for every such parameter of the catalogue."""
from __future__ import annotations

import math

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.core.errors import InputError
from orbital.core.schedule import PER_YEAR
from orbital.model import catalogue

from test_timeline import HOURS, simple, year_price

YEARS = 3


def mwh(per_watt, years=YEARS):
    """$/W of capital over ``years`` of full output at r = 0, as $/MWh."""
    return per_watt / (years * HOURS * 1e-6)


def test_kw_per_tonne_by_year_in_the_buildout_and_each_vintage():
    # 100 → 300 kW/t linearly over 2026–2028: 100, 200, 300 W/kg in the three years
    r = simple(YEARS, **{"power.specific_power": {2026: Q_(100, "kW/t"), 2028: Q_(300, "kW/t")}})
    kwt = np.array([100.0, 200.0, 300.0])  # W/kg
    mass = 40_000e3  # kg launched a year (no cap)
    np.testing.assert_allclose(r.magnitude("buildout.gross_power_added"), mass * kwt / 1e9,
                               rtol=1e-12)  # GW/yr
    # no losses and a 3-year life: each cohort keeps the kW/t it was built with
    np.testing.assert_allclose(r.magnitude("timeline.space_capacity"),
                               np.cumsum(mass * kwt) / 1e9, rtol=1e-12)
    # each vintage: $2/W of hardware + that year's launch price ÷ that year's kW/t
    by_hand = [mwh(2.0 + year_price(y) / kwt[y - 1]) for y in (1, 2, 3)]
    np.testing.assert_allclose(r.magnitude("timeline.space_lcoe"), by_hand, rtol=1e-10)
    # the first year's figure reads the first year's kW/t
    assert r.magnitude("buildout.power_added_per_year") == pytest.approx(mass * 100 / 1e9,
                                                                         rel=1e-12)
    # the space capital spent each year buys that year's launched power
    np.testing.assert_allclose(r.magnitude("timeline.space_capital"),
                               [year_price(y) * mass + 2.0 * mass * kwt[y - 1]
                                for y in (1, 2, 3)], rtol=1e-10)


def test_per_kg_hardware_follows_each_years_kw_per_tonne():
    r = simple(YEARS, **{"power.specific_power": {2026: Q_(100, "kW/t"), 2028: Q_(300, "kW/t")},
                         "space.hardware_cost_basis": "per_kg",
                         "space.build_cost_per_kg": Q_(500, "USD/kg")})
    kwt = np.array([100.0, 200.0, 300.0])
    by_hand = [mwh((500 + year_price(y)) / kwt[y - 1]) for y in (1, 2, 3)]
    np.testing.assert_allclose(r.magnitude("timeline.space_lcoe"), by_hand, rtol=1e-10)


def test_compute_price_and_accelerator_power_by_year():
    plan = {"compare.compute_cost_per_watt": {2026: Q_(0, "USD/W"), 2028: Q_(2, "USD/W")},
            "compare.accelerator_power": {2026: Q_(1, "kW"), 2028: Q_(2, "kW")}}
    r = simple(YEARS, **plan)
    cpw = np.array([0.0, 1.0, 2.0])
    acc = np.array([1.0, 1.5, 2.0])  # kW
    space = np.array([mwh(2.0 + cpw[y - 1] + year_price(y) / 100.0) for y in (1, 2, 3)])
    np.testing.assert_allclose(r.magnitude("timeline.space_lcoe"), space, rtol=1e-10)
    # $/MWh × kW = $/h ÷ 1000
    np.testing.assert_allclose(r.magnitude("timeline.space_cost_per_gpu_hour"),
                               space * acc / 1000, rtol=1e-10)
    ground = r.magnitude("timeline.ground_lcoe")
    np.testing.assert_allclose(r.magnitude("timeline.ground_cost_per_gpu_hour"),
                               ground * acc / 1000, rtol=1e-10)


def test_a_bottom_up_ground_vintage_pays_its_years_hardware_and_energy():
    # a bottom-up ground on the grid, r = 0, one life for everything over 3 years: the vintage
    # of year y is (electrical_y + other facility + compute_y)·P·charge + energy·price_y
    o = {"ground.cost_model": "bottom_up", "ground.power_source": "grid",
         "ground.electrical": {2026: Q_(4, "USD/W"), 2028: Q_(2, "USD/W")},
         "compare.compute_cost_per_watt": {2026: Q_(10, "USD/W"), 2028: Q_(6, "USD/W")},
         "ground.grid_price": {2026: Q_(0.05, "USD/kWh"), 2028: Q_(0.09, "USD/kWh")},
         "ground.facility_life": Q_(YEARS, "yr"), "ground.power_plant_life": Q_(YEARS, "yr"),
         "ground.compute_refresh": Q_(YEARS, "yr"), "ground.time_to_power": Q_(0, "yr"),
         "ground.operations_rate": Q_(0, "1/yr"), "ground.compute_failure_rate": Q_(0, "1/yr"),
         "ground.water_intensity": Q_(0, "L/kWh"), "ground.pue": Q_(1.25, "1"),
         "ground.backup_power": Q_(0, "USD/W"), "ground.mechanical": Q_(1, "USD/W"),
         "ground.civil": Q_(1, "USD/W"), "ground.fitout": Q_(1, "USD/W")}
    r = simple(YEARS, **o)
    electrical, compute = np.array([4.0, 3.0, 2.0]), np.array([10.0, 8.0, 6.0])
    price = np.array([0.05, 0.07, 0.09]) / 1000  # $/Wh
    by_hand = mwh(electrical + 3.0 + compute) + price * 1.25 * 1e6
    np.testing.assert_allclose(r.magnitude("timeline.ground_lcoe"), by_hand, rtol=1e-10)
    # the static figures read each schedule's first point
    assert r.magnitude("ground.lcoe") == pytest.approx(by_hand[0], rel=1e-10)


def test_discount_rates_by_year_in_each_vintage_and_the_npv():
    rate = {2026: Q_(0, "1/yr"), 2027: Q_(0.1, "1/yr")}  # 0, 10 %, 10 %
    r = simple(YEARS, **{"finance.discount_rate": rate})
    rates = [0.0, 0.1, 0.1]
    # one generation for the period, no residual: the vintage's capital over its discounted
    # energy, AF(r, 3) = Σ_t (1 + r)^−t
    af = [sum((1 + x) ** -t for t in (1, 2, 3)) for x in rates]
    by_hand = [(2.0 + year_price(y) / 100.0) / (af[y - 1] * HOURS * 1e-6) for y in (1, 2, 3)]
    np.testing.assert_allclose(r.magnitude("timeline.space_lcoe"), by_hand, rtol=1e-10)
    # the NPV discounts year t's end by Π_{u ≤ t} (1 + r_u), capital at its start
    cap = r.magnitude("timeline.space_capital")
    ops = r.magnitude("timeline.space_operations")
    npv, grow = 0.0, 1.0
    for t in range(YEARS):
        npv += cap[t] / grow
        grow *= 1 + rates[t]
        npv += ops[t] / grow
    assert r.magnitude("timeline.space_npv") == pytest.approx(npv, rel=1e-12)


def test_a_flat_schedule_is_the_plain_value():
    plain = simple(YEARS, **{"finance.discount_rate": Q_(0.07, "1/yr")})
    flat = simple(YEARS, **{"finance.discount_rate": {2026: Q_(0.07, "1/yr"),
                                                      2040: Q_(0.07, "1/yr")}})
    for name in ("timeline.space_lcoe", "timeline.ground_lcoe", "timeline.space_npv",
                 "timeline.ground_npv"):
        np.testing.assert_allclose(flat.si(name), plain.si(name), rtol=1e-12)


def test_the_per_year_list_names_real_parameters():
    params = catalogue.parameters()
    for name in PER_YEAR:
        assert name in params and params[name].kind != "choice", name


def numeric_read_once():
    params = catalogue.parameters()
    return [p.name for p in params if p.kind != "choice" and p.name not in PER_YEAR]


@pytest.mark.parametrize("name", numeric_read_once())
def test_a_schedule_on_a_parameter_read_once_is_refused(name):
    aset = orbital.load("default")
    a = aset[name]
    value = Q_(a.value, a.unit)
    with pytest.raises(InputError, match="read once"):
        orbital.evaluate(aset, {name: {2026: value, 2030: value}})


def test_refused_in_a_file_and_in_set_text_too():
    from orbital.sets.loading import loads

    text = ('[meta]\nname = "x"\nextends = "default"\n\n[space.nre]\nunit = "USD"\n'
            'source = "s"\nschedule = { 2026 = 1e9, 2030 = 2e9 }\n')
    with pytest.raises(InputError, match="read once"):
        loads(text, "toml")
    with pytest.raises(InputError, match="read once"):
        orbital.load("default").with_values({"space.nre": "2026:1e9, 2030:2e9 USD"},
                                            place="--set")


def test_power_added_by_year_follows_a_kw_per_tonne_schedule_on_a_preset():
    # the seed's claim with kW/t rising from 100 to 200: the tonnage's GW doubles with it
    r = orbital.evaluate(orbital.load("musk-moonshot-2026"), {
        "power.specific_power": {2026: Q_(100, "kW/t"), 2036: Q_(200, "kW/t")},
        "finance.analysis_period": Q_(11, "yr")})
    gross = r.magnitude("buildout.gross_power_added")
    launched = r.magnitude("buildout.launched_mass")  # t/yr
    kwt = 100 + 10 * np.arange(11)
    np.testing.assert_allclose(gross, launched * kwt * 1e3 / 1e9, rtol=1e-12)
    assert math.isclose(gross[-1] / gross[0], 2 * launched[-1] / launched[0], rel_tol=1e-12)



def test_an_analysis_that_draws_a_scheduled_parameter_moves_its_path():
    # the seed programme's price path 1000 → 100 $/kg: a sweep of the launch price scales the
    # whole path (value ÷ the set's 1000 $/kg), so the sweep is never inert
    from orbital.analysis import sweep
    from orbital.analysis.common import base_inputs
    from orbital.model.evaluate import evaluate_si

    aset = orbital.load("seed-programme-2026")
    df = sweep(aset, "launch.price_per_kg", [500, 1000, 2000],
               results=["buildout.total_launch_spend", "space.lcoe"])
    spend = df["buildout.total_launch_spend [USD]"].to_numpy()
    np.testing.assert_allclose(spend / spend[1], [0.5, 1.0, 2.0], rtol=1e-12)
    s = base_inputs(aset, None)
    s["launch.price_per_kg"] = np.array([500.0, 1000.0])
    paid = evaluate_si(s).si("buildout.price_per_kg")
    path = aset.schedules()["launch.price_per_kg"].at(2026 + np.arange(paid.shape[-1]))
    np.testing.assert_allclose(paid, [path / 2, path], rtol=1e-12)


def test_a_drawn_value_shifts_a_path_whose_set_value_is_zero():
    from orbital.analysis.common import base_inputs
    from orbital.model.evaluate import evaluate_si

    aset = orbital.load("default").with_values(
        {"timeline.ground_market_premium": "2026:0, 2030:1 1"}, place="--set")
    s = base_inputs(aset, None)
    s["timeline.ground_market_premium"] = np.array([0.0, 0.25])
    r = evaluate_si(s)
    ratio = r.si("timeline.ground_market_price") / r.si("timeline.ground_lcoe") - 1
    path = np.interp(2026 + np.arange(ratio.shape[-1]), [2026, 2030], [0.0, 1.0])
    np.testing.assert_allclose(ratio, [path, path + 0.25], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("preset", ["seed-programme-2026"])
def test_analyses_start_from_the_sets_schedules(preset):
    # the analyses' base inputs carry the schedules: a Monte Carlo of a programme is the
    # programme, not its first year held flat
    from orbital.analysis.common import base_inputs
    from orbital.model.evaluate import evaluate_si

    aset = orbital.load(preset)
    direct = orbital.evaluate(aset)
    via = evaluate_si(base_inputs(aset, None))
    for name in ("buildout.price_per_kg", "buildout.launched_mass", "timeline.space_lcoe",
                 "compare.crossover_year"):
        np.testing.assert_array_equal(via.si(name), direct.si(name), err_msg=name)
    # and a plain override replaces the schedule, as in evaluate
    flat = evaluate_si(base_inputs(aset, {"launch.price_per_kg": Q_(1000, "USD/kg")}))
    paid = flat.si("buildout.price_per_kg")
    np.testing.assert_allclose(paid, np.full_like(paid, paid[0]), rtol=1e-12)


def test_cost_per_pflop_hour_follows_each_years_performance_per_watt():
    # 2.5 → 10 TFLOP/s/W over 2026–2028 (linear: 2.5, 6.25, 10): $/MWh ÷ (TFLOP/s/W) by hand,
    # 1 MWh at 1 TFLOP/s/W runs 1e6 W·h × 1e12 FLOP/s/W = 1e18 FLOP·h/s = 1,000 PFLOP-hours
    r = simple(YEARS, **{"compare.compute_efficiency": {2026: Q_(2.5, "TFLOP/s/W"),
                                                        2028: Q_(10, "TFLOP/s/W")}})
    eff = np.array([2.5, 6.25, 10.0])
    for side in ("space", "ground"):
        lcoe = r.magnitude(f"timeline.{side}_lcoe")  # $/MWh
        np.testing.assert_allclose(r.magnitude(f"timeline.{side}_cost_per_pflop_hour"),
                                   lcoe / (eff * 1000), rtol=1e-12)
        assert r.magnitude(f"{side}.cost_per_pflop_hour") == pytest.approx(
            r.magnitude(f"{side}.lcoe") / 2500, rel=1e-12)
