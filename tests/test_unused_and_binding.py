"""Inputs the chosen models ignore are reported, never silently dropped; limits that bind are
carried in the results. Generated from the catalogue over every preset."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import orbital
from orbital.model import catalogue

PRESETS = sorted(p.stem for p in Path("assumptions").glob("*.toml"))


def choices_of(aset):
    return {name: a.value for name, a in aset.items() if isinstance(a.value, str)}


def scalars(res):
    return {n: np.asarray(res.magnitude(n), dtype=float) for n in res.scalars()}


def nudged(aset, name):
    """Another valid value of parameter ``name``: the next option of a choice, else the value
    moved 10 % inside its range."""
    spec = catalogue.parameters()[name]
    a = aset[name]
    if spec.kind == "choice":
        others = [o for o in spec.options if o != a.value]
        return others[0]
    q = a.quantity
    lo = -np.inf if spec.low is None else spec.low
    hi = np.inf if spec.high is None else spec.high
    x = q.m_as(spec.unit) if spec.unit not in ("", "1") else q.m_as("")
    for candidate in (x * 1.1 if x else 0.5, x * 0.9, (lo + hi) / 2 if np.isfinite(hi) else x + 1):
        if lo < candidate < hi and candidate != x:
            if spec.integer:
                candidate = round(candidate)
            return orbital.Q_(candidate, spec.unit if spec.unit else "")
    return None


@pytest.mark.parametrize("preset", PRESETS)
def test_declared_unused_inputs_move_no_result(preset):
    aset = orbital.load(preset)
    unused = catalogue.unused(choices_of(aset))
    assert unused, "every preset leaves some input unused by its model choices"
    base = scalars(orbital.evaluate(aset))
    for name, reason in unused.items():
        assert reason.startswith("not used: read only when"), reason
        value = nudged(aset, name)
        if value is None:
            continue
        try:
            res = orbital.evaluate(aset, {name: value})
        except orbital.InputError:
            continue  # the other value is refused for a stated reason: nothing moved silently
        for result, v in scalars(res).items():
            np.testing.assert_array_equal(v, base[result], err_msg=f"{name} moves {result}")


def test_choosing_the_model_that_reads_an_input_makes_it_used():
    aset = orbital.load("default")
    assert "power.specific_power" not in catalogue.unused(choices_of(aset)) or \
        aset["power.model"].value == "bottom_up"
    bottom = catalogue.unused(dict(choices_of(aset), **{"power.model": "bottom_up"}))
    assert "power.specific_power" in bottom
    assert "power.model = 'given'" in bottom["power.specific_power"]
    given = catalogue.unused(dict(choices_of(aset), **{"power.model": "given"}))
    assert "power.specific_power" not in given


def test_the_seed_claim_on_the_default_set_says_the_cadence_cap_binds():
    # the journalist's sliders: $100/kg, 1 Mt/yr, 100 kW/t on the default set
    res = orbital.evaluate(orbital.load("default"), {
        "launch.price_per_kg": orbital.Q_(100, "USD/kg"),
        "buildout.mass_per_year": orbital.Q_(1e6, "t/yr"),
        "power.specific_power": orbital.Q_(100, "kW/t"), "power.model": "given"})
    flights = res.value_at("launch.max_flights_per_year")
    payload = res.value_at("launch.payload_per_flight")
    cap = flights * payload
    binding = {b["name"]: b for b in res.binding}
    assert "buildout.cadence_binds" in binding
    msg = binding["buildout.cadence_binds"]["message"]
    assert f"{flights:,.0f} flights/yr" in msg and "1,000,000 t/yr" in msg
    assert f"{cap:,.0f} t/yr" in msg
    # the figures agree with the message: power added is the capped tonnage × 100 kW/t
    assert res["buildout.power_added_per_year"].m_as("GW/yr") == pytest.approx(cap * 100 / 1e6)
    assert res["launch.flights_per_year"].m_as("1/yr") == pytest.approx(flights)


def test_binding_share_over_array_inputs():
    res = orbital.evaluate(orbital.load("default"), {
        "buildout.mass_per_year": orbital.Q_([1e3, 1e6, 1e7, 1e3], "t/yr")})
    cadence = next(b for b in res.binding if b["name"] == "buildout.cadence_binds")
    assert cadence["share"] == pytest.approx(0.5)


@pytest.mark.parametrize("preset", PRESETS)
def test_every_shipped_value_sits_at_its_distribution_centre_or_says_why(preset):
    # before: the default's headline sat near P90 of its own Monte Carlo, with values at the
    # edges of their ranges (replacement fraction 1.0 at the top of U(0.3, 1), time to power
    # 0 at the bottom of U(0, 5), kW/t 35 against a median of 45.9)
    for name, a in orbital.load(preset).items():
        if a.distribution is None or isinstance(a.value, str):
            continue
        d = a.distribution.as_dict()
        centre = {"uniform": lambda: (d["low"] + d["high"]) / 2,
                  "loguniform": lambda: (d["low"] * d["high"]) ** 0.5,
                  "triangular": lambda: d["mode"], "normal": lambda: d["mean"],
                  "lognormal": lambda: d["median"]}[d["kind"]]()
        lo, hi = a.distribution.bounds()
        if abs(a.value - centre) > 0.01 * (hi - lo):
            assert a.off_centre, f"{preset}: {name} = {a.value} is off its centre {centre}"


def test_params_flags_an_unexplained_off_centre_value(tmp_path, capsys):
    from orbital.cli import main
    p = tmp_path / "off.toml"
    p.write_text('[meta]\nname = "off"\nextends = "default"\n\n[ground.pue]\nvalue = 1.5\n'
                 'unit = "1"\nsource = "x"\ndistribution = { kind = "uniform", low = 1.1, '
                 'high = 1.3 }\n')
    assert main(["params", str(p)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("ground.pue"))
    assert "OFF CENTRE" in row and "1.2" in row
    assert main(["params", str(p), "--json"]) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    assert data["parameters"]["ground.pue"]["distribution_centre"] == pytest.approx(1.2)
    assert data["parameters"]["ground.time_to_power"]["distribution_centre"] is None
    assert data["parameters"]["space.discount_rate"]["unused"].startswith("not used")


def test_monte_carlo_reports_how_often_each_limit_binds():
    from orbital import analysis
    aset = orbital.load("default")
    params = ["buildout.mass_per_year", "launch.max_flights_per_year"]
    df = analysis.monte_carlo(aset, ["compare.cost_ratio"], n=2000, seed=4, params=params)
    raw = analysis.monte_carlo_samples(aset, ["buildout.cadence_binds"], n=2000, seed=4,
                                       params=params)
    share = raw["buildout.cadence_binds [1]"].mean()
    assert 0.05 < share < 0.95
    assert df.attrs["binding"]["buildout.cadence_binds"] == pytest.approx(share)
