"""orbital.space.launch: vehicle economics, flights, spend and the cadence cap (known values by hand)."""
from __future__ import annotations

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.space.launch import flights_per_year, launch_spend, vehicle_cost_terms


def test_vehicle_terms_by_hand():
    # $90 M vehicle flown 10 times, $5 M refurbishment, $0.9 M propellant, $2 M operations,
    # 100 t payload, 20 % margin: (9 + 5 + 0.9 + 2) M = 16.9 M per flight → $169/kg cost,
    # $202.80/kg price.
    t = vehicle_cost_terms(90e6, 10, 5e6, 0.9e6, 2e6, 100e3, 0.2)
    assert t["build"] == pytest.approx(90.0)
    assert t["refurbishment"] == pytest.approx(50.0)
    assert t["propellant"] == pytest.approx(9.0)
    assert t["operations"] == pytest.approx(20.0)
    assert t["margin"] == pytest.approx(0.2 * 169.0)
    assert t["cost_per_flight"] == pytest.approx(16.9e6)
    assert t["price"] == pytest.approx(202.8)


def test_vehicle_terms_sum_to_the_price_for_arrays():
    rng = np.random.default_rng(1)
    n = 50
    args = (rng.uniform(1e7, 1e9, n), rng.integers(1, 200, n), rng.uniform(0, 1e7, n),
            rng.uniform(0, 2e6, n), rng.uniform(0, 5e6, n), rng.uniform(1e4, 2e5, n),
            rng.uniform(0, 0.5, n))
    t = vehicle_cost_terms(*args)
    parts = t["build"] + t["refurbishment"] + t["propellant"] + t["operations"] + t["margin"]
    np.testing.assert_allclose(parts, t["price"], rtol=1e-12)
    np.testing.assert_allclose(t["price"] * args[5], t["cost_per_flight"] * (1 + args[6]),
                               rtol=1e-12)
    assert t["price"].shape == (n,)


def test_suncatcher_bottom_up_expendable_case():
    # Suncatcher's expendable Starship: build cost over one flight dominates the price; with no
    # reuse the whole vehicle is paid by one payload
    t = vehicle_cost_terms(90e6, 1, 0, 0, 0, 200e3)
    assert t["price"] == pytest.approx(450.0)


def test_seed_flights_and_spend():
    # 1 Mt/yr at 100 t per flight is 10,000 flights; at $100/kg it is $100 B
    mass = 1e9  # kg
    assert flights_per_year(mass, 100e3) == pytest.approx(10_000)
    assert launch_spend(100.0, mass) == pytest.approx(100e9)


def test_vehicle_price_model_through_evaluate():
    base = orbital.load("default").with_values({"launch.price_model": "vehicle",
                                                "learning.model": "none"})
    r = orbital.evaluate(base)
    s = base.si()
    by_hand = ((s["launch.vehicle_build_cost"] / s["launch.reuses_per_vehicle"]
                + s["launch.refurbishment_per_flight"] + s["launch.propellant_per_flight"]
                + s["launch.operations_per_flight"]) * (1 + s["launch.margin"])
               / s["launch.payload_per_flight"])
    assert r["launch.price_per_kg"].m_as("USD/kg") == pytest.approx(by_hand)
    terms = sum(r[f"launch.{k}_per_kg"] for k in ("build_cost", "refurbishment", "propellant",
                                                  "operations", "margin"))
    assert terms.m_as("USD/kg") == pytest.approx(r["launch.vehicle_price_per_kg"].m_as("USD/kg"))
    # a given price ignores the vehicle terms
    given = orbital.evaluate(base.with_values({"launch.price_model": "given"}))
    assert given["launch.price_per_kg"].m_as("USD/kg") == pytest.approx(
        s["launch.price_per_kg"])


def test_cadence_cap_limits_launched_mass_and_spend():
    base = orbital.load("musk-moonshot-2026")
    # 100 flights a year × 100 t = 10,000 t/yr, far below the wanted 1 Mt/yr
    r = orbital.evaluate(base, {"launch.max_flights_per_year": Q_(100, "1/yr")})
    assert r["launch.cadence_limit"].m_as("t/yr") == pytest.approx(10_000)
    assert r["launch.cadence_utilisation"].m_as("") == pytest.approx(100)
    # before: "10,000 flights/yr" beside 1 GW/yr added; now the flights flown are the cap's
    assert r["launch.flights_needed"].m_as("1/yr") == pytest.approx(10_000)  # wanted
    assert r["launch.flights_per_year"].m_as("1/yr") == pytest.approx(100)   # flown
    np.testing.assert_allclose(r["buildout.launched_mass"].m_as("t/yr"), 10_000)
    assert r["launch.spend_per_year"].m_as("USD/yr") == pytest.approx(100 * 10_000e3)
    # and the results say so: the limit binds, with the capped figures in words
    binding = {b["name"]: b["message"] for b in r.binding}
    assert "buildout.cadence_binds" in binding
    assert binding["buildout.cadence_binds"] == (
        "the cadence cap of 100 flights/yr limits 1,000,000 t/yr to 10,000 t/yr")
    free = orbital.evaluate(base)
    assert "buildout.cadence_binds" not in {b["name"] for b in free.binding}
    assert r["buildout.power_added_per_year"].m_as("GW/yr") == pytest.approx(1.0)  # 1e4 t×100 kW
