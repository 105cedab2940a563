"""Per-year inputs: schedules in files, --set and the API, interpolated as stated, held flat
outside, round-tripped exactly, and read by the buildout and the time axis."""
from __future__ import annotations

import math

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.sets.loading import loads

HEAD = '[meta]\nname = "sched"\nextends = "default"\n\n'
PRICE = ('[launch.price_per_kg]\nunit = "USD/kg"\nsource = "a path"\ninterpolation = "log"\n'
         'schedule = { 2026 = 1000, 2030 = 300, 2035 = 100 }\n'
         'schedule_sources = { 2035 = "the seed: well below $100/kg" }\n')


def test_a_file_schedule_is_read_interpolated_and_held_flat():
    aset = loads(HEAD + PRICE, "toml")
    a = aset["launch.price_per_kg"]
    assert a.value == 1000 and a.schedule == ((2026, 1000), (2030, 300), (2035, 100))
    assert a.schedule_sources == ((2035, "the seed: well below $100/kg"),)
    plan = aset.schedules()["launch.price_per_kg"]
    # log interpolation by hand: 2028 is halfway from 1000 to 300 in the log
    assert plan.at(2028) == pytest.approx(math.sqrt(1000 * 300), rel=1e-12)
    assert plan.at(2020) == 1000 and plan.at(2050) == 100  # flat outside
    r = orbital.evaluate(aset, {"finance.analysis_period": Q_(12, "yr")})
    paid = r.magnitude("buildout.price_per_kg")  # each year pays its scheduled price
    years = 2026 + np.arange(12)
    np.testing.assert_allclose(paid, [plan.at(y) for y in years], rtol=1e-12)
    spend = r.magnitude("buildout.launch_spend")
    np.testing.assert_allclose(spend, paid * r.magnitude("buildout.launched_mass") * 1e3,
                               rtol=1e-12)


def test_linear_schedule_of_tonnage_and_cadence_in_the_buildout():
    r = orbital.evaluate(orbital.load("musk-moonshot-2026"), {
        "buildout.mass_per_year": {2026: Q_(1e5, "t/yr"), 2030: Q_(1e6, "t/yr")},
        "launch.max_flights_per_year": {2026: Q_(1e9, "1/yr")},
        "finance.analysis_period": Q_(6, "yr")})
    wanted = r.magnitude("buildout.wanted_mass")
    np.testing.assert_allclose(wanted, [1e5, 3.25e5, 5.5e5, 7.75e5, 1e6, 1e6], rtol=1e-12)
    np.testing.assert_allclose(r.magnitude("buildout.launched_mass"), wanted, rtol=1e-12)


def test_set_text_and_export_round_trip_exactly(tmp_path):
    aset = orbital.load("default").with_values(
        {"ground.gas_price": "2026:4.3, 2031:6, 2036:8 USD/MMBtu"}, place="--set")
    a = aset["ground.gas_price"]
    assert a.schedule == ((2026, 4.3), (2031, 6.0), (2036, 8.0)) and a.interpolation == "linear"
    for suffix in (".toml", ".json"):
        path = aset.export(tmp_path / f"s{suffix}")
        back = orbital.load(str(path))
        assert back["ground.gas_price"].schedule == a.schedule
        assert back["ground.gas_price"].interpolation == "linear"
        assert back.schedules() == aset.schedules()
    plain = orbital.load("default")
    changed = [name for name, x, y in plain.diff(aset)]
    assert "ground.gas_price" in changed


def test_a_plain_value_replaces_a_schedule():
    aset = loads(HEAD + PRICE, "toml").with_values({"launch.price_per_kg": Q_(500, "USD/kg")})
    assert not aset["launch.price_per_kg"].schedule and not aset.schedules()
    r = orbital.evaluate(loads(HEAD + PRICE, "toml"), {"launch.price_per_kg": Q_(500, "USD/kg")})
    assert np.all(r.magnitude("buildout.price_per_kg") <= 500)  # the curve from 500 again


@pytest.mark.parametrize("body,fragment", [
    ('schedule = { 2026 = 1, "2026 " = 2 }', "year twice"),
    ('schedule = { 26 = 1 }', "calendar year"),
    ('schedule = { 2026 = -5 }', "outside the range"),
    ('schedule = { 2026 = 0, 2030 = 5 }\ninterpolation = "log"', "outside the range"),
    ('schedule = { 2026 = 5 }\ninterpolation = "cubic"', "interpolation"),
    ('schedule = { 2026 = 5 }\nschedule_sources = { 2030 = "x" }', "not a year of its schedule"),
    ('value = 5\ninterpolation = "log"', "no schedule"),
    ('schedule = []', "a table of year = value"),
])
def test_bad_schedules_are_refused_with_a_reason(body, fragment):
    text = HEAD + f'[launch.price_per_kg]\nunit = "USD/kg"\nsource = "x"\n{body}\n'
    with pytest.raises(orbital.InputError, match=fragment):
        loads(text, "toml")


def test_a_choice_cannot_have_a_schedule():
    text = HEAD + '[power.model]\nsource = "x"\nschedule = { 2026 = "given" }\n'
    with pytest.raises(orbital.InputError, match="schedule"):
        loads(text, "toml")


def test_timeline_reads_hardware_and_energy_price_schedules():
    aset = orbital.load("default").with_values({
        "space.satellite_cost_per_watt": "2026:22, 2036:5 USD/W log",
        "ground.gas_price": "2026:4.3, 2036:8 USD/MMBtu", "finance.analysis_period": "12 yr"})
    r = orbital.evaluate(aset)
    hw = r.magnitude("timeline.satellite_cost_per_watt")
    assert hw[0] == pytest.approx(22) and hw[10] == pytest.approx(5) and hw[11] == hw[10]
    g = r.magnitude("timeline.ground_lcoe")
    # ground vintage: + PUE × heat rate × (gas price − today's), by hand in $/MWh
    gas = np.interp(2026 + np.arange(12), [2026, 2036], [4.3, 8.0])
    np.testing.assert_allclose(g - g[0], 1.2 * 6200 * (gas - 4.3) / 1000, rtol=1e-9)


def test_log_interpolation_needs_positive_values():
    text = HEAD + ('[ground.grid_price]\nunit = "USD/kWh"\nsource = "x"\ninterpolation = "log"\n'
                   'schedule = { 2026 = 0, 2030 = 0.1 }\n')
    with pytest.raises(orbital.InputError, match="log-interpolated"):
        loads(text, "toml")
