"""Earth's side: the ground's power supply in engineering counts, time to power from a queue,
build rates and the race, and the Earth-side claims (orbital/ground/supply.py, race.py)."""
from __future__ import annotations

import math

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.reports.claims import claim_check


def test_mccalip_1_gw_ccgt_column_turbines_and_gas_by_hand():
    r = orbital.evaluate(orbital.load("mccalip-2025"))
    # 1 GW IT × PUE 1.2 = 1.2 GW of turbines; 50 MW units
    assert r["ground.generation_capacity"].m_as("GW") == pytest.approx(1.2)
    assert r.magnitude("ground.turbine_count") == math.ceil(1200 / 50)
    # gas: 1 GW × 0.85 × 8,760 h × 1.2 = 8,935 GWh of facility energy × 6,200 Btu/kWh
    kwh = 1e6 * 0.85 * 8760 * 1.2
    btu = kwh * 6200
    assert r["ground.gas_burned"].m_as("Btu/yr") == pytest.approx(btu, rel=1e-9)
    assert r["ground.gas_burned"].m_as("TBtu/yr") == pytest.approx(55.4, abs=0.05)
    # and its fuel bill is McCalip's $1.19 B over 5 years at $4.30/MMBtu
    assert btu / 1e6 * 4.30 * 5 == pytest.approx(r["ground.energy_cost"].m_as("USD"), rel=1e-9)
    assert r["ground.gas_volume"].m_as("ft^3/yr") == pytest.approx(btu / 1037, rel=1e-9)


def test_solar_and_gas_battery_counts():
    base = orbital.load("default")
    r = orbital.evaluate(base, {"ground.power_source": "solar_battery"})
    facility_mw = 1000 * 1.2 * 0.85  # MW carried round the clock
    array_mw = facility_mw / 0.25 * (0.5 + 0.5 / 0.9)
    assert r["ground.solar_power"].m_as("MW") == pytest.approx(array_mw, rel=1e-12)
    assert r["ground.land_area"].m_as("ha") == pytest.approx(array_mw * 2.95, rel=1e-12)
    assert r["ground.battery_power"].m_as("MW") == pytest.approx(facility_mw)
    g = orbital.evaluate(base, {"ground.power_source": "gas_battery"})
    assert g["ground.battery_energy"].m_as("MWh") == pytest.approx(1200 * 1.0)  # 1 h of 1.2 GW
    assert g.magnitude("ground.turbine_count") == 24
    gas = orbital.evaluate(base, {"ground.power_source": "gas"})
    assert g.si("ground.total_cost") > gas.si("ground.total_cost")  # batteries cost extra


def test_time_to_power_from_lead_time_and_queue_and_a_longer_queue_never_earlier():
    backlogs = np.linspace(0, 200, 9)
    r = orbital.evaluate(orbital.load("default"), {
        "ground.time_to_power_model": "lead_time_and_queue",
        "ground.queue_backlog": Q_(backlogs, "GW"), "ground.queue_rate": Q_(25, "GW/yr"),
        "finance.analysis_period": Q_(20, "yr")})
    wait = r.magnitude("ground.time_to_power_used")
    np.testing.assert_allclose(wait, 0.67 + backlogs / 25, rtol=1e-12)
    cap = r.magnitude("ground.capacity_year")
    assert np.all(cap[1:] >= cap[:-1]) and cap[-1] > cap[0]
    assert np.all(np.diff(r.magnitude("ground.delay_cost")) > 0)


def test_race_arithmetic_by_hand_and_chips_idle():
    base = orbital.load("default")
    r = orbital.evaluate(base)
    s = base.si()
    # 30 GW of solar at cf 0.25 carrying 12 h of night at 90 %: 30·0.25/(0.5 + 0.5/0.9) GW
    # round the clock, were its nights' batteries built: 12 h of that a year
    whole = 30 * 0.25 / (0.5 + 0.5 / 0.9)
    assert r["race.night_storage_needed"].m_as("GWh/yr") == pytest.approx(whole * 12, rel=1e-12)
    # the US installs 37 GWh a year, which carries 37 / 12 GW through its nights
    firm = min(whole, 37 / 12)
    it = 0.3 * (firm + 4) / 1.2
    assert r["race.solar_firm_power"].m_as("GW/yr") == pytest.approx(firm, rel=1e-12)
    assert r["race.power_limited_compute"].m_as("GW/yr") == pytest.approx(it, rel=1e-12)
    assert r["race.chips_idle"].m_as("GW/yr") == pytest.approx(10 - it, rel=1e-12)
    binding = {b["name"]: b["message"] for b in r.binding}
    assert "race.power_binds" in binding
    assert binding["race.batteries_bind"].startswith("the region's battery installs of 37 GWh/yr")
    # China's own battery installs (101 GWh in 2024) still carry only 101/12 GW of its 315 GW
    china = orbital.evaluate(orbital.load("china-2025"))
    whole_cn = 315 * 0.25 / (0.5 + 0.5 / 0.9)
    assert china["race.solar_firm_power"].m_as("GW/yr") == pytest.approx(101 / 12, rel=1e-12)
    assert china["race.power_limited_compute"].m_as("GW/yr") == pytest.approx(
        0.3 * (101 / 12 + 15) / 1.2, rel=1e-12)
    # with the batteries its whole solar build needs, power is to spare: chips bind, none idle
    built = orbital.evaluate(orbital.load("china-2025"), {
        "race.battery_build_rate": Q_(whole_cn * 12, "GWh/yr")})
    assert built["race.solar_firm_power"].m_as("GW/yr") == pytest.approx(whole_cn, rel=1e-12)
    assert built.magnitude("race.batteries_bind") == 0
    assert built.magnitude("race.chips_idle") == 0
    assert np.all(built.magnitude("race.ground_constraint") == 1)
    assert built["race.ground_compute_added"].m_as("GW/yr") == pytest.approx(
        s["race.accelerator_supply"] / 1e9 * 365.25 * 86400, rel=1e-12)
    # orbit's side of the race is the buildout's launched mass × kW/t
    np.testing.assert_allclose(r.si("race.space_added"), r.si("buildout.gross_power_added"))


def test_more_battery_installs_never_less_24_7_solar_or_compute():
    rates = np.linspace(0, 1200, 13)
    r = orbital.evaluate(orbital.load("china-2025"),
                         {"race.battery_build_rate": Q_(rates, "GWh/yr")})
    for name in ("race.solar_firm_power", "race.power_limited_compute",
                 "race.ground_compute_added"):
        v = r.magnitude(name)
        assert np.all(np.diff(v) >= 0), name
    idle = r.magnitude("race.chips_idle")
    assert np.all(np.diff(idle) <= 0) and idle[0] > 0 and idle[-1] == 0
    # the cap binds exactly while the installs fall short of the nights' need
    need = r.magnitude("race.night_storage_needed")
    np.testing.assert_array_equal(r.magnitude("race.batteries_bind"), (rates < need).astype(float))


def test_the_earth_claims_are_checked():
    rows = {row.quantity: row for row in claim_check(orbital.load("musk-moonshot-2026"))}
    grid = rows["grid capacity available at any hour"]
    assert grid.needed == 1100 and grid.today == 870 and "needs" in grid.gap
    solar = rows["solar built a year"]
    assert solar.needed == 1500 and solar.today == 315
    assert solar.gap.startswith("needs 4.76")
    # 1,500 GW of solar at cf 0.25 runs 1500·0.25/(0.5 + 0.5/0.9) GW round the clock only with
    # 12 h of it stored each night: against China's 101 GWh installed in 2024
    night = rows["batteries built a year for the solar's nights"]
    need = 1500 * 0.25 / (0.5 + 0.5 / 0.9) * 12
    assert night.needed == pytest.approx(need, rel=1e-12) and night.today == 101
    assert night.gap == f"needs {need / 101:,.3g}× higher than today"
    # Colossus 2: a year to power (claim) against ~8 months with turbines in hand: met; its
    # 1 GW × PUE 1.2 = 1.2 GW is ceil(1200/35) = 35 turbines, far inside 20 GW/yr of deliveries
    wait = rows["time to power an on-site gas site"]
    assert (wait.needed, wait.today, wait.gap) == (1, 0.67, "already met today")
    turbines = rows["gas turbines the site needs, against a year's deliveries"]
    assert turbines.needed == pytest.approx(1.2) and turbines.today == 20
    assert turbines.gap == "already met today" and turbines.why.startswith("35 turbines of 35 MW")
    # TSMC's idle chips: 10 GW/yr of accelerators against the US power build's
    # 0.3·(37/12 + 4)/1.2 GW/yr: the claim holds while power must grow this much
    chips = rows["power for the accelerators shipped"]
    powered = 0.3 * (37 / 12 + 4) / 1.2
    assert chips.needed == 10 and chips.today == pytest.approx(powered, rel=1e-12)
    assert chips.gap == f"needs {10 / powered:,.3g}× higher than today"
    assert f"{10 - powered:.4g} GW/yr idle" in chips.why
    # the rows of on-site gas are only for a site on on-site gas
    solar_site = orbital.load("default").with_values({"ground.power_source": "solar_battery"})
    assert not {"time to power an on-site gas site"} & {r.quantity for r in claim_check(solar_site)}


def test_colossus_2_preset():
    aset = orbital.load("colossus-2")
    r = orbital.evaluate(aset)
    assert aset["ground.power_source"].value == "gas_battery"
    assert r["ground.time_to_power_used"].m_as("yr") == 1
    assert r.magnitude("ground.turbine_count") == math.ceil(1200 / 35)
    assert r["ground.battery_power"].m_as("MW") == pytest.approx(1200)


def test_cli_race_table_says_what_limits_each_side(capsys):
    from orbital.cli import main
    assert main(["timeline", "default", "--race"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line[:4].isdigit()]
    assert len(rows) == 10 and rows[0][0] == "2026"
    r = orbital.evaluate(orbital.load("default"))
    ground = r.magnitude("race.ground_added")
    assert rows[0][1] == f"{ground[0]:.4g}"
    assert rows[0][3] == ("chips" if r.magnitude("race.ground_constraint")[0] else "power")
    assert main(["timeline", "default", "--race", "--csv"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head.startswith("year,race.ground_added [GW/yr]")


def test_cli_claims_prints_each_claim_as_table_json_and_csv(capsys):
    import csv
    import io
    import json

    from orbital.cli import main
    rows = claim_check(orbital.load("musk-moonshot-2026"))
    assert main(["claims", "musk-moonshot-2026"]) == 0
    out = capsys.readouterr().out
    for row in rows:
        assert f"{row.quantity}: needs " in out and row.gap in out
    assert "needs 4,263 GWh/yr, today 101 GWh/yr" in out
    assert main(["claims", "musk-moonshot-2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["quantity"] for d in data["claims"]] == [r.quantity for r in rows]
    # no break-even is null in strict JSON, not NaN
    assert all(d["needed"] is None for d in data["claims"] if d["gap"].startswith("no value"))
    assert main(["claims", "colossus-2", "--set", "ground.turbine_size=50 MW", "--csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    turbines = next(d for d in table if d["quantity"].startswith("gas turbines"))
    assert turbines["why"].startswith("24 turbines of 50 MW")  # ceil(1200 / 50)


def test_simple_cycle_gas_burns_more_and_costs_less_by_hand():
    base = orbital.load("mccalip-2025")
    combined = orbital.evaluate(base)
    simple = orbital.evaluate(base, {"ground.gas_cycle": "simple",
                                     "ground.simple_cycle_cost": Q_(1000, "USD/kW"),
                                     "ground.simple_cycle_heat_rate": Q_(9500, "Btu/kWh")})
    # the same 1 GW × 0.85 × 8,760 h × PUE 1.2 of facility energy, at 9,500 Btu/kWh
    kwh = 1e6 * 0.85 * 8760 * 1.2
    assert simple["ground.gas_burned"].m_as("Btu/yr") == pytest.approx(kwh * 9500, rel=1e-9)
    assert simple.magnitude("ground.turbine_count") == combined.magnitude("ground.turbine_count")
    # turbines bought at $1,000/kW of the 1.2 GW generating capacity, McCalip's $/kW · PUE
    assert simple["ground.power_generation_cost"].m_as("USD") == pytest.approx(
        combined["ground.power_generation_cost"].m_as("USD") * 1000 / 1800, rel=1e-9)
    # each cycle reads only its own pair; the other pair is reported unused
    assert {"ground.turbine_cost", "ground.heat_rate"} <= set(simple.unused)
    assert {"ground.simple_cycle_cost", "ground.simple_cycle_heat_rate"} <= set(combined.unused)
    assert orbital.load("colossus-2")["ground.gas_cycle"].value == "simple"
