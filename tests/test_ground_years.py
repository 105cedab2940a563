"""The ground year by year (orbital/ground/years.py): capacity in service as the least of its
power build, its chips and the target, what binds each year, the per-source build limits, and
the ground's hardware prices on their own decline; each case derived by hand."""
from __future__ import annotations

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.ground.years import GROUND_CONSTRAINT, POWER_LIMIT

HOURS = 8766.0


def run(years=3, **extra):
    """A 1 GW-style gas site whose build is easy by hand: the region builds 8 GW/yr of gas
    (turbines to spare), half of new power goes to data centres, PUE 1.25, so the programme
    energises 0.5 · 8 / 1.25 = 3.2 GW/yr of IT; power after 0.5 yr; chips to spare."""
    o = {"finance.analysis_period": Q_(years, "yr"), "space.target_power": Q_(10, "GW"),
         "ground.power_source": "gas", "ground.time_to_power": Q_(0.5, "yr"),
         "race.gas_build_rate": Q_(8, "GW/yr"), "race.turbine_deliveries": Q_(20, "GW/yr"),
         "race.compute_share": Q_(0.5, "1"), "ground.pue": Q_(1.25, "1"),
         "race.accelerator_supply": Q_(100, "GW/yr"), "race.growth_rate": Q_(0, "1/yr")}
    o.update(extra)
    return orbital.evaluate(orbital.load("default"), o)


def caps(r):
    return r.magnitude("timeline.ground_capacity"), r.magnitude("ground.build_constraint")


def binding(r):
    return {b["name"]: b for b in r.binding}


def test_power_build_binds_by_hand():
    r = run()
    cap, code = caps(r)
    # 3.2 GW/yr from t = 0.5: half of year 1, then whole years
    np.testing.assert_allclose(cap, [1.6, 4.8, 8.0], rtol=1e-12)
    np.testing.assert_array_equal(code, [1, 1, 1])
    assert r["ground.power_build_rate"].m_as("GW/yr") == pytest.approx(3.2, rel=1e-12)
    assert r["ground.power_build_years"].m_as("yr") == pytest.approx(3)
    assert "ground.power_build_binds" in binding(r)
    assert r.magnitude("ground.power_build_limit") == 1  # the region's gas build
    assert "set by the region's gas build" in binding(r)["ground.power_build_binds"]["message"]
    assert "ground.chips_bind" not in binding(r)
    assert np.isinf(r.magnitude("ground.capacity_year"))


def test_chips_bind_by_hand_after_waiting_for_power():
    # 2 GW/yr of accelerators, half to the programme: 1, 2, 3 GW shipped by the years' ends;
    # power only from t = 1.5: 0, 1.6, 4.8 GW energised
    r = run(**{"race.accelerator_supply": Q_(2, "GW/yr"), "ground.chip_share": Q_(0.5, "1"),
               "ground.time_to_power": Q_(1.5, "yr")})
    cap, code = caps(r)
    np.testing.assert_allclose(cap, [0.0, 1.6, 3.0], rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(code, [0, 1, 2])
    assert GROUND_CONSTRAINT[0].startswith("waiting for power")
    b = binding(r)
    assert "ground.chips_bind" in b and "ground.power_build_binds" in b
    assert "in 1 of the period's years" in b["ground.chips_bind"]["message"]
    assert "1 GW/yr of accelerators" in b["ground.chips_bind"]["message"]


def test_target_binds_by_hand():
    r = run(**{"space.target_power": Q_(4, "GW")})
    cap, code = caps(r)
    np.testing.assert_allclose(cap, [1.6, 4.0, 4.0], rtol=1e-12)
    np.testing.assert_array_equal(code, [1, 3, 3])
    assert r.magnitude("ground.capacity_year") == 2027


def test_growth_applies_to_the_power_build_and_the_chips():
    # 50 %/yr: the build is 3.2, 4.8, 7.2 GW/yr; year 1 counts from t = 0.5
    r = run(**{"race.growth_rate": Q_(0.5, "1/yr"), "race.accelerator_supply": Q_(2, "GW/yr")})
    cap, code = caps(r)
    # energised 1.6, 6.4, 13.6 GW; chips shipped 2, 5, 9.5 GW
    np.testing.assert_allclose(cap, [1.6, 5.0, 9.5], rtol=1e-12)
    np.testing.assert_array_equal(code, [1, 2, 2])


def test_turbine_deliveries_cap_the_gas_build():
    r = run(**{"race.turbine_deliveries": Q_(4, "GW/yr")})
    assert r["ground.power_build_rate"].m_as("GW/yr") == pytest.approx(0.5 * 4 / 1.25)
    assert r["race.gas_built"].m_as("GW/yr") == pytest.approx(4)
    assert POWER_LIMIT[int(r.magnitude("ground.power_build_limit"))].startswith("gas turbine")
    b = binding(r)
    assert "race.turbines_bind" in b
    assert "deliveries of 4 GW/yr" in b["race.turbines_bind"]["message"]
    assert "8 GW/yr" in b["race.turbines_bind"]["message"]
    # the race runs on the same capped gas (and its 24/7 solar on the US's 37 GWh/yr of
    # batteries: 37/12 GW through 12-hour nights)
    firm = min(30 * 0.25 / (0.5 + 0.5 / 0.9), 37 / 12)
    assert r["race.power_limited_compute"].m_as("GW/yr") == pytest.approx(
        0.5 * (firm + 4) / 1.25, rel=1e-12)


def test_grid_connections_and_battery_installs_per_source():
    grid = run(**{"ground.power_source": "grid", "race.grid_connection_rate": Q_(6, "GW/yr")})
    # large loads connected are data centres already: no compute share, ÷ PUE
    assert grid["ground.power_build_rate"].m_as("GW/yr") == pytest.approx(6 / 1.25)
    assert grid.magnitude("ground.power_build_limit") == 5
    # solar + battery: 30 GW of solar at cf 0.25 with 12 h nights at 90 % is 7.1 GW firm, but
    # 28 GWh/yr of batteries carry only 28/14 = 2 GW of 14-hour nights
    solar = run(**{"ground.power_source": "solar_battery",
                   "race.battery_build_rate": Q_(28, "GWh/yr")})
    assert solar["ground.power_build_rate"].m_as("GW/yr") == pytest.approx(0.5 * 2 / 1.25)
    assert "ground.batteries_bind" in binding(solar)
    assert solar.magnitude("ground.power_build_limit") == 4
    plenty = run(**{"ground.power_source": "solar_battery",
                    "race.battery_build_rate": Q_(1000, "GWh/yr")})
    firm = 30 * 0.25 / (0.5 + 0.5 / 0.9)
    assert plenty["ground.power_build_rate"].m_as("GW/yr") == pytest.approx(
        0.5 * firm / 1.25, rel=1e-12)
    assert "ground.batteries_bind" not in binding(plenty)
    assert plenty.magnitude("ground.power_build_limit") == 3
    # gas + battery: one hour of smoothing storage, 6 GWh/yr of batteries: 6 GW/yr < 8
    gb = run(**{"ground.power_source": "gas_battery", "race.battery_build_rate": Q_(6, "GWh/yr")})
    assert gb["ground.power_build_rate"].m_as("GW/yr") == pytest.approx(0.5 * 6 / 1.25)


def test_time_to_power_from_the_queue_sets_when_the_build_starts():
    r = run(**{"ground.power_source": "grid", "race.grid_connection_rate": Q_(5, "GW/yr"),
               "ground.time_to_power_model": "lead_time_and_queue",
               "ground.grid_lead_time": Q_(0.5, "yr"), "ground.queue_backlog": Q_(5, "GW"),
               "ground.queue_rate": Q_(5, "GW/yr")}, years=4)
    cap, code = caps(r)
    np.testing.assert_allclose(cap, [0, 2.0, 6.0, 10.0], atol=1e-12)  # 4 GW/yr from t = 1.5
    np.testing.assert_array_equal(code, [0, 1, 1, 3])
    # the grid's connections (transformers, substations) are what limit it, and say so
    assert "grid connects" in binding(r)["ground.power_build_binds"]["message"]


def test_given_rate_keeps_the_stated_pace_and_ignores_the_race():
    r = run(**{"ground.build_model": "given_rate", "ground.build_rate": Q_(2, "GW/yr"),
               "race.accelerator_supply": Q_(0.1, "GW/yr")})
    cap, code = caps(r)
    np.testing.assert_allclose(cap, [1.0, 3.0, 5.0], rtol=1e-12)
    np.testing.assert_array_equal(code, [1, 1, 1])
    assert "ground.power_build_binds" not in binding(r)
    assert "ground.power_share" in r.unused and "ground.build_rate" not in r.unused
    assert "ground.build_rate" in run().unused


def test_monotone_a_faster_build_never_lowers_capacity_in_any_year():
    rates = np.linspace(1, 20, 8)
    r = run(years=5, **{"race.gas_build_rate": Q_(rates, "GW/yr"),
                        "race.accelerator_supply": Q_(3, "GW/yr")})
    cap = r.magnitude("timeline.ground_capacity")
    assert np.all(np.diff(cap, axis=0) >= -1e-12) and cap[-1, 0] > cap[0, 0]
    share = run(years=5, **{"ground.power_share": Q_(np.linspace(0.1, 1, 6), "1")})
    assert np.all(np.diff(share.magnitude("timeline.ground_capacity"), axis=0) >= -1e-12)


def test_monotone_a_longer_queue_never_earlier_power():
    backlog = np.linspace(0, 60, 7)
    r = run(years=8, **{"ground.time_to_power_model": "lead_time_and_queue",
                        "ground.queue_backlog": Q_(backlog, "GW"),
                        "ground.queue_rate": Q_(20, "GW/yr")})
    cap = r.magnitude("timeline.ground_capacity")
    assert np.all(np.diff(cap, axis=0) <= 1e-12)
    years = r.magnitude("ground.capacity_year")
    assert np.all(np.diff(years) >= 0) and years[-1] > years[0]


def test_monotone_more_chips_never_less_capacity():
    supply = np.linspace(0.5, 10, 9)
    r = run(years=5, **{"race.accelerator_supply": Q_(supply, "GW/yr")})
    cap = r.magnitude("timeline.ground_capacity")
    assert np.all(np.diff(cap, axis=0) >= -1e-12) and cap[-1, -1] > cap[0, -1]


def learning_set(decline, years=4):
    """A bottom-up gas ground by hand: r = 0, residual 'none' (the facility, 15 yr, and the
    turbines, 30 yr, bought once in the period), no compute or water, 1 GW at 1 GW/yr."""
    return orbital.evaluate(orbital.load("default"), {
        "finance.analysis_period": Q_(years, "yr"), "finance.discount_rate": Q_(0, "1/yr"),
        "finance.residual_value": "none", "compare.compute_cost_per_watt": Q_(0, "USD/W"),
        "ground.water_intensity": Q_(0, "L/kWh"), "ground.power_source": "gas",
        "ground.hardware_price_decline": Q_(decline, "1/yr")})


def test_ground_hardware_learning_prices_each_vintage_by_hand():
    years, d = 4, 0.1
    r = learning_set(d, years)
    # $/W of IT: facility 5.25 + 3 + 2.5 + 1.75 = 12.5, turbines $2,400/kW × PUE 1.2 = 2.88
    plant = [(12.5 + 2.4 * 1.2) * (1 - d) ** k for k in range(years)]
    ops = 0.02 * years  # 2 %/yr of the plant over the period, undiscounted
    fuel = 6200 * 4.30 / 1e3 * 1.2  # $/MWh of IT: heat rate × gas price × PUE
    mwh_per_w = 0.85 * HOURS * years / 1e6
    by_hand = [p * (1 + ops) / mwh_per_w + fuel for p in plant]
    np.testing.assert_allclose(r.magnitude("timeline.ground_lcoe"), by_hand, rtol=1e-10)
    # no decline: every vintage is the static ground LCOE
    flat = learning_set(0.0, years)
    np.testing.assert_allclose(flat.magnitude("timeline.ground_lcoe"), by_hand[0], rtol=1e-10)
    # capital spent in year 2 (0.67 GW energised) pays year 2's prices
    added = np.diff(r.magnitude("timeline.ground_capacity"), prepend=0.0)
    np.testing.assert_allclose(r["timeline.ground_capital"].m_as("USD/yr"),
                               np.array(plant) * added * 1e9, rtol=1e-10)


def test_ground_learning_multiplies_a_schedule():
    r = orbital.evaluate(orbital.load("default"), {
        "finance.analysis_period": Q_(3, "yr"), "ground.hardware_price_decline": Q_(0.2, "1/yr"),
        "ground.electrical": {2026: Q_(5.25, "USD/W"), 2028: Q_(3.25, "USD/W")}})
    base = orbital.evaluate(orbital.load("default"), {
        "finance.analysis_period": Q_(3, "yr"),
        "ground.electrical": {2026: Q_(5.25, "USD/W"), 2028: Q_(3.25, "USD/W")}})
    lcoe, plain = r.magnitude("timeline.ground_lcoe"), base.magnitude("timeline.ground_lcoe")
    assert lcoe[0] == pytest.approx(plain[0], rel=1e-12)
    assert np.all(lcoe[1:] < plain[1:])


@pytest.mark.parametrize("preset,source,binds", [
    ("us-grid-2025", "grid", set()), ("ercot-2025", "gas", {"race.turbines_bind"}),
    ("pjm-2025", "grid", set())])
def test_region_presets_load_and_evaluate(preset, source, binds):
    aset = orbital.load(preset)
    assert aset["ground.power_source"].value == source
    r = orbital.evaluate(aset)
    assert binds <= set(binding(r))
    wait = r.magnitude("ground.time_to_power_used")
    backlog = aset["ground.queue_backlog"].quantity.m_as("GW")
    rate = aset["ground.queue_rate"].quantity.m_as("GW/yr")
    lead = aset["ground.grid_lead_time" if source == "grid" else "ground.lead_time"]
    assert wait == pytest.approx(lead.quantity.m_as("yr") + backlog / rate, rel=1e-12)
    assert np.isfinite(r.magnitude("ground.capacity_year"))


def test_the_us_grid_preset_carries_the_seeds_claim():
    aset = orbital.load("us-grid-2025")
    assert aset["grid.available_capacity"].quantity.m_as("GW") == 1100
    assert aset["grid.average_load"].quantity.m_as("GW") == 500
    r = orbital.evaluate(aset)
    assert r.magnitude("grid.output_ratio") > 2  # on its own numbers the claim holds
    assert r.magnitude("ground.time_to_power_used") == pytest.approx(4.0)  # sources.md's ~4 yr


def test_cli_timeline_says_what_limits_the_ground_each_year(capsys):
    from orbital.cli import main
    assert main(["timeline", "ercot-2025"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line[:4].isdigit()]
    # 0.67 yr lead + 80 GW ÷ 20 GW/yr of turbine orders ahead: power in the fifth year
    assert [r.split()[-1] for r in rows[:5]] == ["power"] * 4 + ["build"]
    assert rows[5].split()[-1] == "target"
    assert "gas turbine deliveries of 5 GW/yr cap the region's gas build of 8 GW/yr" in out
    assert main(["timeline", "ercot-2025", "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("ground.build_constraint [1]")
    assert [float(x.split(",")[-1]) for x in lines[1:7]] == [0, 0, 0, 0, 1, 3]
