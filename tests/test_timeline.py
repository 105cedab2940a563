"""The time axis (orbital/compare/timeline.py): both sides year by year and when orbit wins,
checked against hand-built cases, the static comparison, and properties."""
from __future__ import annotations

import math

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.compare import timeline

HOURS = 8766.0


def simple(years, **extra):
    """The hand-checkable set of :func:`simple_overrides`, evaluated."""
    return orbital.evaluate(orbital.load("default"), simple_overrides(years, **extra))


def simple_overrides(years, **extra):
    """A hand-checkable set: per-watt hardware, no NRE, operations, insurance, degradation or
    failures, r = 0, one generation for the period, a benchmark ground, Wright's law on launch
    from $1,000/kg at 400 t (LR 20 %, no floor), 40,000 t/yr, 100 kW/t."""
    o = {"finance.analysis_period": Q_(years, "yr"), "buildout.service_life": Q_(years, "yr"),
         "finance.discount_rate": Q_(0, "1/yr"), "finance.residual_value": "none",
         "launch.price_model": "given", "launch.price_per_kg": Q_(1000, "USD/kg"),
         "learning.model": "wright", "learning.rate": Q_(0.2, "1"),
         "learning.reference_mass": Q_(400, "t"), "learning.initial_cumulative_mass": Q_(400, "t"),
         "learning.floor_model": "given", "learning.price_floor": Q_(0, "USD/kg"),
         "buildout.mass_per_year": Q_(40_000, "t/yr"), "buildout.mass_growth_rate": Q_(0, "1/yr"),
         "launch.max_flights_per_year": Q_(1e6, "1/yr"), "power.model": "given",
         "power.specific_power": Q_(100, "kW/t"), "space.sunlight_model": "in_specific_power",
         "space.satellite_rounding": "none", "space.hardware_cost_basis": "per_watt",
         "space.satellite_cost_per_watt": Q_(2, "USD/W"), "compare.compute_cost_per_watt":
         Q_(0, "USD/W"), "space.nre": Q_(0, "USD"), "space.ground_segment": Q_(0, "USD"),
         "space.operations_rate": Q_(0, "1/yr"), "space.launch_insurance": Q_(0, "1"),
         "buildout.array_degradation": Q_(0, "1/yr"), "buildout.compute_failure_rate":
         Q_(0, "1/yr"), "space.launch_destination": "as_priced", "space.capacity_factor":
         Q_(1, "1"), "ground.cost_model": "benchmark", "ground.capacity_factor": Q_(1, "1"),
         "ground.benchmark_cost": Q_(12_000, "USD/kW"), "timeline.start_year": Q_(2026, "1")}
    o.update(extra)
    return o


def year_price(y):
    """Average launch price paid in year y (1-based) by hand: ∫ P0 (M/M0)^b dM over the year's
    40,000 t from 400 t, ÷ the mass; closed form of Wright's law."""
    b = math.log2(0.8)
    m1, m2 = 400 + 40_000 * (y - 1), 400 + 40_000 * y
    return 1000 * 400 * ((m2 / 400) ** (b + 1) - (m1 / 400) ** (b + 1)) / (b + 1) / 40_000


@pytest.mark.parametrize("years", [2, 3])
def test_hand_built_vintage_costs_and_crossover(years):
    r = simple(years)
    # a vintage: hardware $2/W + launch (price / 100 W/kg), over years × 8,766 h (cf 1)
    space = [(2.0 + year_price(y) / 100.0) / (years * HOURS) * 1e6 for y in range(1, years + 1)]
    ground = 12.0 / (years * HOURS) * 1e6  # $/W of the benchmark over the period's MWh
    np.testing.assert_allclose(r.magnitude("timeline.space_lcoe"), space, rtol=1e-10)
    np.testing.assert_allclose(r.magnitude("timeline.ground_lcoe"), ground, rtol=1e-10)
    cheaper = [s <= ground for s in space]
    first = next((i for i in range(years) if all(cheaper[i:])), None)
    if first is None:
        assert math.isinf(r.magnitude("compare.crossover_year"))
    else:
        assert r.magnitude("compare.crossover_year") == 2026 + first
    assert r.magnitude("timeline.year").tolist() == list(range(2026, 2026 + years))


def test_hand_built_three_years_cross_in_the_second():
    # year prices: ~$580, ~$361, ~$305 /kg; with the ground at $11.5/W the 3-year vintage
    # crosses from year 2 (by hand: 2 + 3.61 = 5.61 ≤ 11.5/... per period)
    ground_per_w = 2.0 + (year_price(1) + year_price(2)) / 2 / 100.0  # between years 1 and 2
    r = simple(3, **{"ground.benchmark_cost": Q_(ground_per_w * 1e3, "USD/kW")})
    assert r.magnitude("compare.crossover_year") == 2027
    assert r.magnitude("compare.crossover_status") == 0
    assert timeline.CROSSOVER_STATUS[0].startswith("orbit's levelised cost falls")


def test_cash_flows_by_hand_and_npv_at_zero_rate():
    r = simple(3)
    # space capital each year: the year's launch spend + $2/W × the power launched
    launch = [year_price(y) * 40_000e3 for y in (1, 2, 3)]
    power = 40_000e3 * 100.0  # W launched a year
    np.testing.assert_allclose(r.magnitude("timeline.space_capital"),
                               [l + 2.0 * power for l in launch], rtol=1e-10)
    assert r.magnitude("timeline.space_npv") == pytest.approx(sum(launch) + 3 * 2.0 * power,
                                                              rel=1e-10)
    np.testing.assert_allclose(r.magnitude("timeline.space_capacity"),
                               np.array([1, 2, 3]) * power / 1e9, rtol=1e-12)


def test_a_flat_path_reproduces_the_static_comparison():
    # no learning, the fleet priced as the static model does: every year's vintage is the
    # static space.lcoe, exactly, and the ground's the static ground.lcoe
    for preset in ("mccalip-2025", "default", "semianalysis-2026"):
        r = orbital.evaluate(orbital.load(preset), {"learning.model": "none",
                                                    "timeline.satellite_learning_rate": Q_(0, "1"),
                                                    "space.launch_pricing": "initial"})
        np.testing.assert_allclose(r.si("timeline.space_lcoe"), r.si("space.lcoe"), rtol=1e-12)
        np.testing.assert_allclose(r.si("timeline.ground_lcoe"), r.si("ground.lcoe"), rtol=1e-12)


def test_never_is_an_answer_not_a_wrong_year():
    r = simple(3, **{"ground.benchmark_cost": Q_(1, "USD/kW")})
    assert math.isinf(r.magnitude("compare.crossover_year"))
    assert r.magnitude("compare.crossover_status") == 1
    # a dip below the ground that comes back above is no crossover
    idx, status = timeline.crossover(np.array([3.0, 1.0, 3.0]), np.array([2.0, 2.0, 2.0]))
    assert idx == 3 and status == 3
    idx, status = timeline.crossover(np.array([1.0, 1.0]), np.array([2.0, 2.0]))
    assert idx == 0 and status == 2


def test_cheaper_launch_never_makes_the_crossover_later():
    prices = np.geomspace(50, 100_000, 30)
    r = simple(8, **{"launch.price_per_kg": Q_(prices, "USD/kg"),
                     "ground.benchmark_cost": Q_(30_000, "USD/kW")})
    years = r.magnitude("compare.crossover_year")
    assert np.all(years[1:] >= years[:-1])  # dearer launch: later (or never)
    assert np.isfinite(years[0]) and np.isinf(years[-1])


def test_longer_time_to_power_never_makes_the_crossover_later():
    base = orbital.load("default")
    waits = np.linspace(0, 5, 11)
    r = orbital.evaluate(base, {"ground.time_to_power": Q_(waits, "yr"),
                                "launch.price_per_kg": Q_(150, "USD/kg"),
                                "space.satellite_cost_per_watt": Q_(1.5, "USD/W"),
                                "finance.analysis_period": Q_(20, "yr")})
    years = r.magnitude("compare.crossover_year")
    assert np.all(years[1:] <= years[:-1])
    assert np.isinf(years[0]) and np.isfinite(years[-1])  # the wait is what lets orbit win
    cap = r.magnitude("ground.capacity_year")
    assert np.all(cap[1:] >= cap[:-1])


def test_price_needed_by_a_target_year_put_back_gives_equal_costs():
    r = simple(6, **{"timeline.target_year": Q_(2029, "1")})
    assert r.magnitude("compare.target_year_status") == 0
    p = r["compare.price_needed_by_target_year"]
    again = simple(6, **{"timeline.target_year": Q_(2029, "1"), "launch.price_per_kg": p})
    k = 2029 - 2026
    assert again.magnitude("timeline.space_lcoe")[k] == pytest.approx(
        again.magnitude("timeline.ground_lcoe")[k], rel=1e-9)
    assert again.magnitude("compare.crossover_year") <= 2029
    outside = simple(6, **{"timeline.target_year": Q_(2040, "1")})
    assert outside.magnitude("compare.target_year_status") == 5


def test_capacity_years():
    r = simple(5, **{"space.target_power": Q_(10, "GW"), "ground.time_to_power": Q_(1.5, "yr"),
                     "ground.build_model": "given_rate", "ground.build_rate": Q_(4, "GW/yr")})
    # space: 4 GW a year launched (40,000 t × 100 kW/t) reaches 10 GW in year 3
    assert r.magnitude("compare.capacity_year") == 2028
    # ground: energised after 1.5 years, 4 GW/yr: 2 GW by the end of year 2, 6, 10 by year 4
    np.testing.assert_allclose(r.magnitude("timeline.ground_capacity"), [0, 2, 6, 10, 10])
    assert r.magnitude("ground.capacity_year") == 2029


def run_cli(capsys, *argv):
    from orbital.cli import main
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_timeline_crossover_and_cashflow(capsys):
    import csv
    import io
    import json
    sets = ["--set", "launch.price_per_kg=200", "--set", "space.satellite_cost_per_watt=1",
            "--set", "finance.analysis_period=20"]
    code, out, _ = run_cli(capsys, "timeline", "default", *sets, "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(r["year"]) for r in rows] == list(range(2026, 2046))
    assert "timeline.space_lcoe [USD/MWh]" in rows[0]
    code, out, _ = run_cli(capsys, "crossover", "default", *sets, "--json")
    data = json.loads(out)
    need = data["compare.price_needed_by_target_year"]
    assert need["status"] == 0 and need["unit"] == "USD / kg" and need["value"] > 0
    assert data["compare.crossover_year"]["text"] == "never within the horizon"
    assert "stays above" in data["compare.crossover_year"]["reason"]
    # put the price back: orbit wins by the target year
    code, out, _ = run_cli(capsys, "crossover", "default", *sets[2:], "--set",
                           f"launch.price_per_kg={need['value']!r} USD/kg", "--json")
    again = json.loads(out)
    assert again["compare.crossover_year"]["value"] <= 2035
    code, out, _ = run_cli(capsys, "crossover", "default", *sets)
    assert "what must be true to win by 2035: a launch price to LEO of" in out
    code, out, _ = run_cli(capsys, "cashflow", "default", *sets, "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "year" and rows[-1][0] == "npv [USD]"
    assert len(rows) == 1 + 20 + 1


def test_cashflow_frame_npv_discounts_start_and_end_of_year():
    r = simple(3, **{"finance.discount_rate": Q_(0.1, "1/yr")})
    df = r.cashflow_frame()
    assert df.index.tolist() == [2026, 2027, 2028]
    cap = df["timeline.space_capital [USD/yr]"].to_numpy()
    ops = df["timeline.space_operations [USD/yr]"].to_numpy()
    by_hand = sum(cap[t] / 1.1 ** t + ops[t] / 1.1 ** (t + 1) for t in range(3))
    assert df.attrs["timeline.space_npv [USD]"] == pytest.approx(by_hand, rel=1e-12)
    assert r.magnitude("timeline.space_npv") == pytest.approx(by_hand, rel=1e-12)


def test_monte_carlo_of_the_crossover_year_counts_never():
    # a peer's trap: percentiles over only the draws that cross. Here "never" (inf) sorts after
    # every year, so P50 can be "never", and P(never) is reported.
    from orbital import analysis
    aset = orbital.load("default").with_values(
        simple_overrides(6, **{"ground.benchmark_cost": Q_(6_000, "USD/kW")}))
    ranges = {"launch.price_per_kg": (50, 50_000)}
    df = analysis.monte_carlo(aset, ["compare.crossover_year"], n=3000, ranges=ranges, seed=3)
    raw = analysis.monte_carlo_samples(aset, ["compare.crossover_year"], n=3000, ranges=ranges,
                                       seed=3)
    v = np.sort(raw["compare.crossover_year [1]"].to_numpy())  # inf sorts last
    never = np.isinf(v).mean()
    assert 0.05 < never < 0.95  # both kinds of draw are there
    col = df["compare.crossover_year [1]"]
    assert col["P(never)"] == pytest.approx(never)
    for q, name in ((0.1, "P10"), (0.5, "P50"), (0.9, "P90")):
        assert col[name] == v[int(np.floor(q * (v.size - 1)))]
    assert col["mean"] == np.inf and np.isnan(col["sd"])
    assert df.attrs["p_never"] == {"compare.crossover_year [1]": pytest.approx(never)}


@pytest.mark.parametrize("preset,extra", [
    ("mccalip-2025", {}),
    ("default", {"finance.residual_value": "none"}),
    ("semianalysis-2026", {"finance.residual_value": "none", "finance.compounding": "yearly"}),
])
def test_the_static_fleet_option_pays_exactly_the_static_total(preset, extra):
    # 'static_fleet': the static model's fleet in service from year one, each generation
    # bought at its start; its cash flows discounted at the space rate are space.total_cost
    # (whole-year lives, no residual value), and at r = 0 (McCalip) their plain sum
    o = dict(extra, **{"timeline.space_deployment": "static_fleet"})
    r = orbital.evaluate(orbital.load(preset), o)
    cap = r.magnitude("timeline.space_capital")
    ops = r.magnitude("timeline.space_operations")
    rate = r.magnitude("space.discount_rate_used")  # 1/yr
    by_hand = sum(cap[t] / (1 + rate) ** t + ops[t] / (1 + rate) ** (t + 1)
                  for t in range(len(cap)))
    assert by_hand == pytest.approx(r.magnitude("space.total_cost"), rel=1e-12)
    assert r.magnitude("timeline.space_npv") == pytest.approx(by_hand, rel=1e-12)
    target = r.value_at("space.target_power")  # GW
    np.testing.assert_allclose(r.magnitude("timeline.space_capacity"), target, rtol=1e-15)
    assert r.magnitude("compare.capacity_year") == r.magnitude("timeline.year")[0]


def test_mccalips_total_as_cash_flows():
    # McCalip's page: $51.10 B for 1 GW over 5 years at r = 0, all of it in the cash flows
    r = orbital.evaluate(orbital.load("mccalip-2025"), {"timeline.space_deployment":
                                                       "static_fleet"})
    total = r.magnitude("timeline.space_capital").sum() + r.magnitude(
        "timeline.space_operations").sum()
    assert total * 1e-9 == pytest.approx(51.10, rel=1e-3)


def test_accelerator_hours_and_replacement_capital_by_hand():
    o = {"compare.accelerator_power": Q_(2, "kW"), "ground.cost_model": "bottom_up",
         "ground.power_source": "grid", "compare.compute_cost_per_watt": Q_(10, "USD/W"),
         "ground.compute_refresh": Q_(1, "yr"), "ground.compute_failure_rate": Q_(0.1, "1/yr"),
         "ground.time_to_power": Q_(0, "yr"), "ground.build_rate": Q_(1000, "GW/yr"),
         "space.target_power": Q_(1, "GW")}
    r = simple(3, **o)
    # space: 4 GW launched a year, all in service, for 8,766 h a year ÷ 2 kW per accelerator
    space_w = np.array([1, 2, 3]) * 40_000e3 * 100.0
    np.testing.assert_allclose(r.magnitude("timeline.space_accelerator_hours"),
                               space_w * HOURS / 2000, rtol=1e-12)
    np.testing.assert_allclose(r.magnitude("timeline.ground_accelerator_hours"),
                               [1e9 * HOURS / 2000] * 3, rtol=1e-12)
    # the ground's 1 GW is all built in year 1; its compute is bought again every year
    # (refresh 1 yr) and 10 % of it fails in service each year: $10/W × 1 GW × (0.1, 1.1, 1.1)
    np.testing.assert_allclose(r.magnitude("timeline.ground_replacement_capital"),
                               10 * 1e9 * np.array([0.1, 1.1, 1.1]), rtol=1e-12)
    # no failures or losses in orbit here: nothing of the space capital replaces anything
    np.testing.assert_array_equal(r.magnitude("timeline.space_replacement_capital"), 0.0)


def test_the_ground_buys_each_part_again_on_its_own_life_by_hand():
    """Bottom-up ground on gas over 10 years, facility life 4 years, turbines 3 years, no
    compute cost: each year's ground capital is the facility $/W × (the capacity added that
    year and 4 and 8 years before) plus the turbines' $/W × (added that year and 3, 6, 9 years
    before); the facility $/W is the sum of its items, the turbines' $/kW × PUE ÷ 1000
    (McCalip's power-generation $/W)."""
    aset = orbital.load("default")
    o = {"finance.analysis_period": Q_(10, "yr"), "ground.facility_life": Q_(4, "yr"),
         "ground.power_plant_life": Q_(3, "yr"), "ground.power_source": "gas",
         "compare.compute_cost_per_watt": Q_(0, "USD/W"), "ground.build_model": "given_rate",
         "ground.build_rate": Q_(0.25, "GW/yr"), "space.target_power": Q_(1, "GW")}
    res = orbital.evaluate(aset, o)
    facility = sum(aset[k].quantity.to("USD/W").magnitude for k in (
        "ground.backup_power", "ground.electrical", "ground.mechanical", "ground.civil",
        "ground.fitout"))
    turbines = aset["ground.turbine_cost"].quantity.to("USD/kW").magnitude * \
        aset["ground.pue"].quantity.to("1").magnitude / 1000
    cap = res.si("timeline.ground_capacity")
    added = np.diff(cap, prepend=0.0)
    assert (added > 0).sum() >= 4  # capacity arrives over several years
    want = [facility * sum(added[y - j] for j in (0, 4, 8) if y - j >= 0)
            + turbines * sum(added[y - j] for j in (0, 3, 6, 9) if y - j >= 0)
            for y in range(10)]
    got = res["timeline.ground_capital"].to("USD/yr").magnitude
    np.testing.assert_allclose(got, want, rtol=1e-12)
    again = res["timeline.ground_replacement_capital"].to("USD/yr").magnitude
    np.testing.assert_allclose(again, np.array(want) - (facility + turbines) * added, rtol=1e-9,
                               atol=1e-6 * max(want))
    np.testing.assert_allclose(res.magnitude("timeline.ground_capital_cost_per_watt"),
                               facility + turbines, rtol=1e-12)


def test_series_spread_over_the_full_shape_without_copies_unless_a_space_cost_is_not_finite():
    from orbital.compare.cashflow import Spread

    cost = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    column = np.array([[10.0], [20.0]])
    finite = Spread(cost)
    view = finite(column)
    assert view.shape == (2, 3) and np.shares_memory(view, column)
    np.testing.assert_array_equal(view, [[10.0] * 3, [20.0] * 3])
    assert not view.flags.writeable  # a result cannot be written through into another's
    bad = cost.copy()
    bad[1, 2] = np.nan
    bad[0, 0] = np.inf
    spread = Spread(bad)(column)  # the draw's series carry the year's NaN (inf × 0 is NaN)
    expected = np.array([[np.nan, 10.0, 10.0], [20.0, 20.0, np.nan]])
    np.testing.assert_array_equal(spread, expected)


def test_npvs_read_without_the_flow_series_equal_a_loop_over_the_flows():
    # the NPVs come from the flows in USD a year, the series only when read: a plain loop over
    # the published series (USD/yr) at each side's rate gives the same sums
    rates = {"space": 0.09, "ground": 0.06}
    r = orbital.evaluate(orbital.load("default"), {
        "finance.analysis_period": Q_(12, "yr"), "finance.rate_model": "per_side",
        "finance.compounding": "yearly", "space.discount_rate": Q_(rates["space"], "1/yr"),
        "ground.discount_rate": Q_(rates["ground"], "1/yr")})
    npvs = {side: r.magnitude(f"timeline.{side}_npv") for side in rates}  # before the series
    for side, rate in rates.items():
        cap = r.magnitude(f"timeline.{side}_capital")
        ops = r.magnitude(f"timeline.{side}_operations")
        total, grow = 0.0, 1.0
        for t in range(len(cap)):
            total += cap[t] / grow
            grow *= 1.0 + rate
            total += ops[t] / grow
        assert npvs[side] == pytest.approx(total, rel=1e-12)
        assert total > 0
