"""Spacecraft roll-up: breakdown sums, batteries vs curtailment, the array energy balance, the
bottom-up power model, the presets and the target-kW/t solvers (answer put back gives target)."""
from __future__ import annotations

import numpy as np
import pytest

import orbital
from orbital.core.units import Q_
from orbital.space import requirements
from orbital.space import spacecraft as sc

PRESETS = ["default", "iss-heritage", "good-current-tech", "aggressive-design"]


@pytest.fixture(scope="module")
def sets():
    return {name: orbital.load(name) for name in PRESETS}


@pytest.mark.parametrize("name", PRESETS)
def test_preset_loads_evaluates_and_breakdown_sums(sets, name):
    res = orbital.evaluate(sets[name])
    parts = [res[n].m_as("kg/t") for n, _ in sc.BREAKDOWN]
    assert sum(parts) == pytest.approx(1000.0, rel=1e-12)
    assert all(p >= 0 for p in parts)
    assert res["spacecraft.specific_power"].m_as("W/kg") == pytest.approx(
        res["spacecraft.compute_duty"].m / res["spacecraft.mass_per_power"].m_as("kg/W"))
    if name != "default":
        assert sets[name]["power.model"].value == "bottom_up"
        assert res["power.specific_power"].m_as("kW/t") == pytest.approx(
            res["spacecraft.specific_power"].m_as("kW/t"), rel=1e-15)


def test_breakdown_sums_for_array_inputs(sets):
    n = 50
    rng = np.random.default_rng(4)
    res = orbital.evaluate(sets["default"], {
        "array.specific_power": Q_(rng.uniform(30, 400, n), "W/kg"),
        "thermal.temperature": Q_(rng.uniform(280, 360, n), "K"),
        "spacecraft.bus_mass_fraction": Q_(rng.uniform(0, 0.5, n), "1"),
        "orbit.altitude": Q_(rng.uniform(400, 1500, n), "km"),
    })
    total = sum(res[name].m_as("kg/t") for name, _ in sc.BREAKDOWN)
    np.testing.assert_allclose(total, 1000.0, rtol=1e-12)
    assert res["spacecraft.specific_power"].shape == (n,)


def test_mass_rollup_parts_sum_to_the_total():
    parts = sc.mass_rollup(np.array([10.0, 5.0]), 16.0, 6.0, 4.0, 1.0, 2.0, np.array([0.2, 0.0]))
    pieces = sum(v for k, v in parts.items() if k != "total")
    np.testing.assert_allclose(pieces, parts["total"])
    np.testing.assert_allclose(parts["bus"], np.array([0.2, 0.0]) * parts["total"])


def test_battery_sized_for_the_longest_eclipse(sets):
    base = sets["default"]
    res = orbital.evaluate(base)
    eta = base["spacecraft.power_management_efficiency"].value
    dod = base["spacecraft.battery_depth_of_discharge"].value
    e_spec = base["spacecraft.battery_specific_energy"].value  # Wh/kg
    t = res["orbit.longest_eclipse"].m_as("h")
    wh_per_kw = 1000.0 / eta * t / dod
    assert res["spacecraft.battery_energy_per_power"].m_as("Wh/kW") == pytest.approx(wh_per_kw)
    assert res["spacecraft.battery_mass_per_power"].m_as("kg/kW") == pytest.approx(
        wh_per_kw / e_spec)
    assert res["spacecraft.compute_duty"].m == 1.0


def test_array_recharges_the_battery_over_the_worst_orbit(sets):
    """Energy balance over the worst orbit: array output in sunlight = load in sunlight + load
    in shadow / battery efficiency (SMAD eq. 11-5)."""
    base = sets["default"]
    res = orbital.evaluate(base)
    f = res["orbit.max_eclipse_fraction"].m
    eta_b = base["spacecraft.battery_efficiency"].value
    load = res["thermal.heat_per_power"].m  # bus load per W of IT
    needed = res["array.power_ratio"].m * (res["orbit.min_irradiance_factor"].m *
                                           base["array.operating_factor"].value)
    assert needed * (1 - f) == pytest.approx(load * (1 - f) + load * f / eta_b, rel=1e-12)
    area = res["array.area_per_power"].m_as("m^2/W")
    rated = (base["array.irradiance"].value * base["array.cell_efficiency"].value *
             base["array.packing_factor"].value) * area
    assert rated == pytest.approx(res["array.power_ratio"].m, rel=1e-12)


def test_curtailing_trades_battery_mass_for_delivered_energy(sets):
    base = sets["default"]
    bat = orbital.evaluate(base)
    cur = orbital.evaluate(base, {"spacecraft.eclipse_model": "curtail"})
    assert cur["spacecraft.battery_mass_per_power"].m == 0.0
    assert cur["spacecraft.compute_duty"].m == pytest.approx(cur["orbit.sunlit_fraction"].m)
    assert cur["spacecraft.mass_per_power"].m < bat["spacecraft.mass_per_power"].m
    assert cur["spacecraft.delivered_energy"].m_as("MWh/t/yr") == pytest.approx(
        cur["spacecraft.specific_power"].m_as("kW/t") * 8766 / 1000)


def test_power_model_choice(sets):
    base = sets["default"]
    given = orbital.evaluate(base)
    assert given["power.specific_power"].m_as("kW/t") == base["power.specific_power"].value
    up = orbital.evaluate(base, {"power.model": "bottom_up"})
    assert up["power.specific_power"].m == pytest.approx(up["spacecraft.specific_power"].m)
    # downstream results use it
    assert up["buildout.power_added_per_year"].m_as("GW/yr") == pytest.approx(
        base["buildout.mass_per_year"].value * up["spacecraft.specific_power"].m_as("kW/t") / 1e6)


SOLVERS = [
    (requirements.required_array_specific_power, lambda v: {"array.mass_model": "specific_power",
                                                  "array.specific_power": v}),
    (requirements.required_radiator_areal_density, lambda v: {"thermal.areal_density": v}),
    (requirements.required_compute_mass_per_power, lambda v: {"spacecraft.compute_mass_per_power": v}),
]


@pytest.mark.parametrize("solver, put_back", SOLVERS)
@pytest.mark.parametrize("name", PRESETS)
def test_solver_answer_put_back_gives_the_target(sets, name, solver, put_back):
    base = sets[name]
    now = orbital.evaluate(base)["spacecraft.specific_power"].m_as("kW/t")
    targets = Q_(now * np.array([0.8, 1.0, 1.1]), "kW/t")
    answer = solver(base, targets, errors="nan")
    ok = np.isfinite(answer.m)
    assert ok[0] and ok[1]  # below and at the present value are always reachable
    got = orbital.evaluate(base, put_back(answer[ok]))["spacecraft.specific_power"]
    np.testing.assert_allclose(got.m_as("kW/t"), targets.m[ok], rtol=1e-9)
    scalar = solver(base, Q_(now * 0.9, "kW/t"))
    assert np.ndim(scalar.m) == 0
    back = orbital.evaluate(base, put_back(scalar))["spacecraft.specific_power"].m_as("kW/t")
    assert back == pytest.approx(now * 0.9, rel=1e-9)


def test_solver_at_the_present_value_returns_the_present_input(sets):
    base = sets["default"]
    now = orbital.evaluate(base)["spacecraft.specific_power"]
    assert requirements.required_array_specific_power(base, now).m_as("W/kg") == pytest.approx(
        base["array.specific_power"].value, rel=1e-9)
    assert requirements.required_radiator_areal_density(base, now).m_as("kg/m^2") == pytest.approx(
        base["thermal.areal_density"].value, rel=1e-9)
    assert requirements.required_compute_mass_per_power(base, now).m_as("kg/kW") == pytest.approx(
        base["spacecraft.compute_mass_per_power"].value, rel=1e-9)


def test_solver_with_overrides_and_array_inputs(sets):
    base = sets["good-current-tech"]
    over = {"thermal.temperature": Q_([320.0, 350.0], "K")}
    ans = requirements.required_radiator_areal_density(base, Q_(20, "kW/t"), over)
    assert ans.shape == (2,)
    back = orbital.evaluate(base, {**over, "thermal.areal_density": ans})
    np.testing.assert_allclose(back["spacecraft.specific_power"].m_as("kW/t"), 20.0, rtol=1e-9)


def test_unreachable_target_is_refused_with_the_best_achievable(sets):
    base = sets["default"]
    with pytest.raises(orbital.InputError, match=r"100 kW/t is out of reach.*at most"):
        requirements.required_array_specific_power(base, Q_(100, "kW/t"))
    out = requirements.required_compute_mass_per_power(base, Q_([10, 1000], "kW/t"), errors="nan")
    assert np.isfinite(out.m[0]) and np.isnan(out.m[1])
    with pytest.raises(orbital.InputError, match="kW/t"):
        requirements.required_array_specific_power(base, 100.0)
    with pytest.raises(orbital.InputError, match="> 0"):
        requirements.required_array_specific_power(base, Q_(-5, "kW/t"))
    with pytest.raises(orbital.InputError, match="errors"):
        requirements.required_array_specific_power(base, Q_(5, "kW/t"), errors="ignore")


def test_radiator_that_cannot_reject_heat_is_named(sets):
    base = sets["default"]
    cold = {"thermal.temperature": Q_(120, "K"), "thermal.orientation": "nadir",
            "orbit.altitude": Q_(300, "km")}
    with pytest.raises(orbital.InputError, match="cannot reject heat"):
        requirements.required_radiator_areal_density(base, Q_(5, "kW/t"), cold)
