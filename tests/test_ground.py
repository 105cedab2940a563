"""The ground side of the comparison (orbital/ground/site.py): power sources, facility split, the
wait for power, the benchmark model and breakdowns that sum to the total."""
import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.ground import site


@pytest.fixture(scope="module")
def base():
    return orbital.load("default")


def _plain(base, **extra):
    """The default ground side without discounting, chips, operations or water."""
    o = {"finance.discount_rate": Q_(0, "1/yr"), "compare.compute_cost_per_watt": Q_(0, "USD/W"),
         "ground.operations_rate": Q_(0, "1/yr"), "ground.water_price": Q_(0, "USD/m^3")}
    o.update(extra)
    return orbital.evaluate(base, o)


def test_fuel_price_is_heat_rate_times_gas_price():
    # McCalip math.js: fuel $/MWh = heat rate (Btu/kWh) × gas ($/MMBtu) / 1000 = 26.66
    hr = Q_(6200, "Btu/kWh").m_as("")
    gas = Q_(4.30, "USD/MMBtu").m_as("USD/J")
    assert Q_(site.fuel_price(hr, gas), "USD/J").m_as("USD/MWh") == pytest.approx(
        6200 * 4.30 / 1000, rel=1e-12)


def test_breakdown_sums_to_total_for_every_power_source(base):
    for source in ("grid", "gas", "solar_battery"):
        for residual in ("annuity", "none"):
            res = orbital.evaluate(base, {"ground.power_source": source,
                                          "ground.time_to_power": Q_(2, "yr"),
                                          "finance.residual_value": residual})
            parts = sum(res.si(n) for n in site.BREAKDOWN)
            assert parts == pytest.approx(res.si("ground.total_cost"), rel=1e-12), source


def test_grid_energy_cost_is_price_times_pue_times_energy(base):
    res = _plain(base, **{"ground.power_source": "grid", "ground.grid_price": Q_(0.1, "USD/kWh")})
    p_kw = base["space.target_power"].quantity.m_as("kW")
    years = base["finance.analysis_period"].quantity.m_as("yr")
    hours = base["finance.year_length"].quantity.m_as("h")
    cf, pue = 0.85, 1.2
    assert res["ground.it_energy"].m_as("kWh") == pytest.approx(p_kw * cf * years * hours)
    assert res["ground.energy_cost"].m_as("USD") == pytest.approx(
        0.1 * pue * p_kw * cf * years * hours, rel=1e-12)
    assert res["ground.cooling_energy_cost"].m_as("USD") == pytest.approx(
        0.1 * (pue - 1) * p_kw * cf * years * hours, rel=1e-12)
    assert res["ground.power_generation_cost"].m == 0


def test_solar_battery_sizing_energy_balance():
    # the night's share of the day's energy passes through the batteries: at 100 % efficiency
    # the array is the average load over the capacity factor, whatever the night
    array, battery = site.solar_battery_sizing(1e6, 0.25, 14 * 3600.0, 12 * 3600.0, 1.0)
    assert array == pytest.approx(4e6) and battery == pytest.approx(1e6 * 14 * 3600)
    # losses in the battery on the stored half need a bigger array
    array, _ = site.solar_battery_sizing(1e6, 0.25, 12 * 3600.0, 12 * 3600.0, 0.8)
    assert array == pytest.approx(4e6 * (0.5 + 0.5 / 0.8))


def test_solar_battery_refuses_a_load_left_unserved_at_night(base):
    # before: storage_duration = 0 was accepted and priced a 24/7 load as if the sun never set
    for hours in (0, 6, 11.9):
        with pytest.raises(orbital.InputError, match="night"):
            orbital.evaluate(base, {"ground.power_source": "solar_battery",
                                    "ground.storage_duration": Q_(hours, "h")})
    ok = orbital.evaluate(base, {"ground.power_source": "solar_battery",
                                 "ground.storage_duration": Q_(12, "h")})
    assert ok.magnitude("ground.battery_energy") == pytest.approx(
        1000 * 1.2 * 0.85 * 12, rel=1e-12)  # MW × PUE × cf × h = MWh


def test_solar_battery_is_priced_installed_and_replaced_on_its_life(base):
    # r = 0, no residual: a 10-year period with a 4-year battery life buys it 3 times
    o = {"ground.power_source": "solar_battery", "finance.discount_rate": Q_(0, "1/yr"),
         "finance.residual_value": "none", "ground.battery_life": Q_(4, "yr"),
         "ground.power_plant_life": Q_(30, "yr"), "ground.storage_duration": Q_(12, "h")}
    res = orbital.evaluate(base, o)
    facility_mw = 1000 * 1.2 * 0.85  # IT MW × PUE × capacity factor
    battery_usd = facility_mw * 1000 * 12 * 400  # kWh × installed $/kWh
    eta, cf, solar = 0.9, base["ground.solar_capacity_factor"].quantity.m, 1.0
    array_w = facility_mw * 1e6 / cf * (0.5 + 0.5 / eta)
    assert res.si("ground.power_generation_cost") == pytest.approx(
        array_w * solar + 3 * battery_usd, rel=1e-12)


def test_waiting_for_power_costs_only_the_financing_of_the_committed_plant(base):
    # before: capital × CRF per idle year, $14.3 B for 2 years at r = 0, GPUs included.
    # Now: the plant (facility + generation, not the compute bought when power arrives)
    # carries interest for the wait: zero at r = 0, plant × ((1 + r)^t − 1) otherwise.
    zero = _plain(base, **{"ground.time_to_power": Q_(2, "yr")})
    assert zero.si("ground.delay_cost") == 0
    r = 0.08
    res = orbital.evaluate(base, {"ground.time_to_power": Q_(2, "yr"),
                                  "finance.discount_rate": Q_(r, "1/yr")})
    s = base.si()
    p = s["space.target_power"]
    plant = p * (s["ground.turbine_cost"] * s["ground.pue"] + s["ground.backup_power"]
                 + s["ground.electrical"] + s["ground.mechanical"] + s["ground.civil"]
                 + s["ground.fitout"])
    assert res.si("ground.delay_cost") == pytest.approx(plant * ((1 + r) ** 2 - 1), rel=1e-12)


def test_lost_output_is_a_value_lens_outside_every_cost(base):
    res = _plain(base, **{"ground.time_to_power": Q_(1.5, "yr"),
                          "ground.output_value": Q_(2000, "USD/MWh")})
    mwh_per_year = 1000 * 0.85 * base["finance.year_length"].quantity.m_as("h")
    assert res["ground.lost_output_value"].m_as("USD") == pytest.approx(
        1.5 * mwh_per_year * 2000, rel=1e-12)
    same = _plain(base, **{"ground.time_to_power": Q_(1.5, "yr"),
                           "ground.output_value": Q_(9000, "USD/MWh")})
    assert same.si("ground.total_cost") == res.si("ground.total_cost")
    assert same.magnitude("compare.cost_ratio") == res.magnitude("compare.cost_ratio")


def test_longer_wait_for_power_costs_more(base):
    res = orbital.evaluate(base, {"ground.time_to_power": Q_([0, 1, 2, 4], "yr"),
                                  "finance.discount_rate": Q_(0.08, "1/yr")})
    assert np.all(np.diff(res.magnitude("ground.total_cost")) > 0)
    assert res.magnitude("ground.delay_cost")[0] == 0


def test_benchmark_model_is_cost_per_kw_times_power(base):
    res = orbital.evaluate(base, {"ground.cost_model": "benchmark",
                                  "ground.benchmark_cost": Q_(20_000, "USD/kW")})
    assert res["ground.total_cost"].m_as("USD") == pytest.approx(20_000 * 1e6)
    assert res.si("ground.benchmark_total") == res.si("ground.total_cost")
    assert res.si("ground.electrical_cost") == 0


def test_ground_lcoe_and_cost_per_kw_year(base):
    res = _plain(base)
    total = res["ground.total_cost"].m_as("USD")
    assert res["ground.lcoe"].m_as("USD/MWh") == pytest.approx(
        total / res["ground.it_energy"].m_as("MWh"), rel=1e-12)
    years = base["finance.analysis_period"].quantity.m_as("yr")
    assert res["ground.cost_per_kw_year"].m_as("USD/kW/yr") == pytest.approx(
        total / 1e6 / years, rel=1e-12)
    assert res["ground.cost_per_gpu_hour"].m_as("USD/h") == pytest.approx(
        res["ground.lcoe"].m_as("USD/kWh") * base["compare.accelerator_power"].quantity.m_as("kW"))


def test_higher_pue_and_price_cost_more(base):
    res = orbital.evaluate(base, {"ground.pue": Q_([1.1, 1.3, 1.6], "1"),
                                  "ground.gas_price": Q_([3, 4, 6], "USD/MMBtu")})
    assert np.all(np.diff(res.magnitude("ground.total_cost")) > 0)
    assert np.all(np.diff(res.magnitude("ground.power_generation_cost")) > 0)  # turbines × PUE


def test_water_use(base):
    res = _plain(base)
    kwh = res["ground.it_energy"].m_as("kWh")
    assert res["ground.water_use"].m_as("t") == pytest.approx(kwh * 0.5 / 1000, rel=1e-12)


def test_ground_compute_is_bought_again_every_refresh():
    """At a zero discount rate, a 10-year period with a 5-year refresh buys the compute twice,
    a 10-year refresh once, a 3-year refresh four times (years 0, 3, 6, 9)."""
    import orbital
    from orbital import Q_

    base = orbital.load("default").with_values({"finance.discount_rate": Q_(0, "1/yr"),
                                                "finance.analysis_period": Q_(10, "yr"),
                                                "finance.residual_value": "none"})
    once = base["compare.compute_cost_per_watt"].quantity.m_as("USD/W") * \
        base.quantity("space.target_power").m_as("W")
    for refresh, buys in ((10, 1), (5, 2), (3, 4), (20, 1)):
        res = orbital.evaluate(base, {"ground.compute_refresh": Q_(refresh, "yr")})
        assert res.magnitude("ground.compute_cost") == pytest.approx(buys * once, rel=1e-12)
        # with residual value each life is charged only for the years of the period: n/T
        res = orbital.evaluate(base, {"ground.compute_refresh": Q_(refresh, "yr"),
                                      "finance.residual_value": "annuity"})
        assert res.magnitude("ground.compute_cost") == pytest.approx(10 / refresh * once,
                                                                     rel=1e-12)
        # failures are replaced on the installed compute, not on every purchase
        rate = base.quantity("ground.compute_failure_rate").m_as("1/yr")
        assert res.magnitude("ground.replacement_cost") == pytest.approx(rate * 10 * once,
                                                                         rel=1e-12)
