"""orbital.model.evaluate: scalar and array inputs, broadcasting, and input checks."""
from __future__ import annotations

import numpy as np
import pytest

import orbital
from orbital import Q_, InputError
from orbital.model import catalogue


@pytest.fixture(scope="module")
def base():
    return orbital.load("default")


def _assert_results_equal(a, b, index=None):
    for name in a:
        x = np.asarray(a.magnitude(name))
        if index is not None:
            x = x[index]
        np.testing.assert_allclose(x, b.magnitude(name), rtol=1e-12, atol=0, err_msg=name)


def test_array_inputs_equal_per_element_scalar_evaluation(base):
    prices = np.array([50.0, 100.0, 500.0, 2600.0])
    sp = np.array([10.0, 35.0, 100.0, 150.0])
    mass = np.array([1e3, 1e4, 1e5, 1e6])
    arr = orbital.evaluate(base, {"launch.price_per_kg": Q_(prices, "USD/kg"),
                                  "power.specific_power": Q_(sp, "kW/t"),
                                  "buildout.mass_per_year": Q_(mass, "t/yr")})
    assert arr.shape == (4,)
    assert set(arr) == set(catalogue.results().names())
    for i in range(4):
        one = orbital.evaluate(base, {"launch.price_per_kg": Q_(prices[i], "USD/kg"),
                                      "power.specific_power": Q_(sp[i], "kW/t"),
                                      "buildout.mass_per_year": Q_(mass[i], "t/yr")})
        assert one.shape == ()
        _assert_results_equal(arr, one, i)


def test_result_shapes(base):
    n = 7
    r = orbital.evaluate(base, {"launch.price_per_kg": Q_(np.linspace(100, 1000, n), "USD/kg")})
    years = len(r.years)
    assert years == 10
    specs = catalogue.results()
    for name in r:
        expected = (n, years) if specs[name].series else (n,)
        # even results that do not depend on the varied input have the inputs' shape
        assert np.shape(r.magnitude(name)) == expected, name
        assert r[name].shape == expected, name
    assert np.shape(r.magnitude("buildout.launch_spend")) == (n, years)
    assert np.shape(r.magnitude("launch.spend_per_year")) == (n,)


def test_frames_of_array_results(base):
    pytest.importorskip("pandas")
    r = orbital.evaluate(base, {"launch.price_per_kg": Q_([100.0, 200.0, 300.0], "USD/kg")})
    frame = r.frame()
    assert frame.shape == (3, len(r.scalars()))
    assert "launch.price_per_kg [USD/kg]" in frame.columns
    series = r.series_frame(index=2)
    assert len(series) == len(r.years)
    assert series["buildout.price_per_kg [USD/kg]"].iloc[0] == pytest.approx(
        r.magnitude("buildout.price_per_kg")[2, 0])


def test_two_dimensional_broadcasting(base):
    prices = np.array([100.0, 1000.0, 3000.0])[:, None]
    sp = np.array([10.0, 35.0, 70.0, 100.0])[None, :]
    r = orbital.evaluate(base, {"launch.price_per_kg": Q_(prices, "USD/kg"),
                                "power.specific_power": Q_(sp, "kW/t")})
    assert r.shape == (3, 4)
    assert np.shape(r.magnitude("buildout.installed_power")) == (3, 4, 10)
    for i in range(3):
        for j in range(4):
            one = orbital.evaluate(base, {"launch.price_per_kg": Q_(prices[i, 0], "USD/kg"),
                                          "power.specific_power": Q_(sp[0, j], "kW/t")})
            for name in ("launch.spend_per_year", "buildout.power_added_per_year",
                         "buildout.steady_state_power", "lunar.cost_per_kg"):
                assert np.broadcast_to(r.magnitude(name), (3, 4))[i, j] == pytest.approx(
                    one.magnitude(name), rel=1e-12)
            np.testing.assert_allclose(r.magnitude("buildout.installed_power")[i, j],
                                       one.magnitude("buildout.installed_power"), rtol=1e-12)


def test_units_of_inputs_do_not_change_results(base):
    a = orbital.evaluate(base, {"launch.price_per_kg": Q_(200, "USD/kg")})
    b = orbital.evaluate(base, {"launch.price_per_kg": Q_(200_000, "USD/t")})
    _assert_results_equal(a, b)


def test_mapping_inputs_equal_assumption_set(base):
    a = orbital.evaluate(base)
    b = orbital.evaluate(base.inputs())
    _assert_results_equal(a, b)
    c = orbital.evaluate(base.inputs(), {"launch.price_per_kg": Q_(300, "USD/kg")})
    d = orbital.evaluate(base, {"launch.price_per_kg": Q_(300, "USD/kg")})
    _assert_results_equal(c, d)


def test_seed_arithmetic():
    r = orbital.evaluate(orbital.load("musk-moonshot-2026"))
    # 1 Mt/yr × 100 kW/t = 1e9 kg/yr × 100 W/kg = 1e11 W/yr = 100 GW/yr
    assert r["buildout.power_added_per_year"].m_as("GW/yr") == pytest.approx(100.0, rel=1e-12)
    # $100/kg × 1e9 kg/yr = $100 B/yr
    assert r["launch.spend_per_year"].m_as("USD/yr") == pytest.approx(1e11, rel=1e-12)
    # 1e6 t/yr ÷ 100 t = 10,000 flights/yr
    assert r["launch.flights_per_year"].m_as("1/yr") == pytest.approx(10_000, rel=1e-12)
    assert r["launch.cadence_utilisation"].m_as("") == pytest.approx(1.0)


@pytest.mark.parametrize("overrides,parts", [
    ({"launch.price_per_kgg": Q_(1, "USD/kg")}, ("launch.price_per_kgg", "did you mean")),
    ({"launch.price_per_kg": Q_(100, "kg")}, ("launch.price_per_kg", "kg", "USD/kg")),
    ({"launch.price_per_kg": 100}, ("launch.price_per_kg", "bare number", "USD/kg")),
    ({"launch.price_per_kg": "100 USD/kg"}, ("launch.price_per_kg", "text")),
    ({"launch.price_per_kg": Q_([100, -1], "USD/kg")}, ("launch.price_per_kg", "element 1")),
    ({"launch.price_per_kg": Q_([100, np.nan], "USD/kg")}, ("not finite",)),
    ({"lunar.efficiency": Q_(1.5, "")}, ("lunar.efficiency", "≤ 1")),
    ({"launch.price_model": "cheap"}, ("launch.price_model", "'given', 'vehicle'")),
    ({"launch.price_per_kg": Q_(np.ones(3), "USD/kg"), "power.specific_power":
      Q_(np.ones(4), "kW/t")}, ("broadcast",)),
])
def test_bad_overrides_are_refused(base, overrides, parts):
    with pytest.raises(InputError) as info:
        orbital.evaluate(base, overrides)
    msg = str(info.value)
    assert "\n" not in msg
    for p in parts:
        assert p in msg, msg


def test_quantity_from_another_registry_is_refused(base):
    import pint
    other = pint.UnitRegistry()
    with pytest.raises(InputError) as info:
        orbital.evaluate(base, {"buildout.mass_per_year": other.Quantity(1, "kg/s")})
    assert "another pint registry" in str(info.value)


def test_missing_input_in_a_mapping(base):
    inputs = base.inputs()
    del inputs["launch.price_per_kg"]
    with pytest.raises(InputError) as info:
        orbital.evaluate(inputs)
    assert "launch.price_per_kg" in str(info.value) and "missing" in str(info.value)


def test_results_are_frozen_and_carry_units(base):
    r = orbital.evaluate(base)
    with pytest.raises(AttributeError):
        r.x = 1
    with pytest.raises(TypeError):
        r["launch.price_per_kg"] = 1
    with pytest.raises(KeyError) as info:
        r["launch.price_per_kgg"]
    assert "did you mean" in str(info.value)
    for name in r:
        spec = catalogue.results()[name]
        assert r[name].units == orbital.ureg.Unit(spec.unit)
    d = r.to_dict()
    assert d["buildout.power_added_per_year"]["unit"] == "GW/yr"
    assert isinstance(d["buildout.installed_power"]["value"], list)


def test_evaluate_does_not_change_its_inputs(base):
    before = dict(base.si())
    prices = np.array([100.0, 200.0])
    q = Q_(prices, "USD/kg")
    orbital.evaluate(base, {"launch.price_per_kg": q})
    assert dict(base.si()) == before
    np.testing.assert_array_equal(q.magnitude, [100.0, 200.0])


def test_no_result_shares_an_inputs_name():
    """One name per quantity: a result named like a parameter would print the parameter's name
    beside a different value (the rate used was once 'space.discount_rate' = 0.08 beside the
    unused input space.discount_rate = 0.15)."""
    both = set(catalogue.parameters()) & set(catalogue.results())
    assert not both, sorted(both)
