"""Claim check: what must be true for a set's headline, against today's sourced values."""
from __future__ import annotations

import math

import pytest

import orbital
from orbital.reports.claims import claim_check


def rows_by_quantity(name: str) -> dict:
    return {r.quantity: r for r in claim_check(orbital.load(name))}


def test_seed_needs_what_its_own_numbers_say_against_the_default_set():
    seed, today = orbital.load("musk-moonshot-2026"), orbital.load("default")
    rows = rows_by_quantity("musk-moonshot-2026")
    sp = rows["whole-spacecraft specific power"]
    # needed: the GW/yr the model gives for the claim, over the claimed tonnage, in kW/t
    added = orbital.evaluate(seed)["buildout.power_added_per_year"].m_as("kW/yr")
    assert sp.needed == pytest.approx(added / seed.quantity("buildout.mass_per_year")
                                      .m_as("t/yr"))
    assert sp.today == pytest.approx(today.quantity("power.specific_power").m_as("kW/t"))
    assert sp.factor == pytest.approx(sp.needed / sp.today)
    assert sp.gap.startswith("needs") and "higher than today" in sp.gap
    assert "1,000,000 t/yr" in sp.why and sp.today_source == today["power.specific_power"].source

    flights = rows["flights per year"]
    assert flights.needed == pytest.approx(
        seed.quantity("buildout.mass_per_year").m_as("t/yr")
        / seed.quantity("launch.payload_per_flight").m_as("t"))
    assert flights.today == pytest.approx(today.quantity("launch.max_flights_per_year")
                                          .m_as("1/yr"))

    price = rows["launch price to LEO"]
    assert price.better == "lower" and "lower than today" in price.gap


def test_default_against_itself_is_already_met():
    rows = rows_by_quantity("default")
    for q in ("whole-spacecraft specific power", "launch price to LEO"):
        assert rows[q].gap == "already met today"
        assert rows[q].factor == pytest.approx(1.0)


def test_no_break_even_says_why():
    rows = rows_by_quantity("musk-moonshot-2026")
    be = rows["launch price for space to match ground"]
    res = orbital.evaluate(orbital.load("musk-moonshot-2026"))
    if math.isnan(res.magnitude("compare.breakeven_price_per_kg")):
        assert math.isnan(be.needed) and be.gap == "no value works: see why"
        assert "no break-even" in be.why
    else:  # pragma: no cover - the seed has no break-even today; keep the test honest if it does
        assert be.needed == pytest.approx(res.magnitude("compare.breakeven_price_per_kg"))


def test_the_claim_check_uses_the_capped_figures():
    # before: the seed's sliders on the default set read "5 GW/yr from 1,000,000 t/yr needs
    # 100 kW/t": the sentence paired the capped power with the uncapped tonnage
    aset = orbital.load("default").with_values({
        "launch.price_per_kg": orbital.Q_(100, "USD/kg"),
        "buildout.mass_per_year": orbital.Q_(1e6, "t/yr"),
        "power.specific_power": orbital.Q_(100, "kW/t")})
    rows = {r.quantity: r for r in claim_check(aset)}
    why = rows["whole-spacecraft specific power"].why
    cap = aset.quantity("launch.max_flights_per_year").m_as("1/yr") * \
        aset.quantity("launch.payload_per_flight").m_as("t")
    assert why.startswith(f"{cap * 100 / 1e6:.4g} GW/yr from {cap:,.0f} t/yr launched")
    assert "the cadence cap of 500 flights/yr limits 1,000,000 t/yr to 50,000 t/yr" in why
    flights = rows["flights per year"]
    assert flights.needed == pytest.approx(1e6 / 100)  # the flights the claim needs
    assert "limits 1,000,000 t/yr to 50,000 t/yr" in flights.why


def test_gap_in_words_at_zero_need_and_zero_today():
    from orbital.reports.claims import ClaimRow
    # a claim of no wait at all against today's 0.67 yr: no ratio, but words
    wait = ClaimRow("wait", 0.0, 0.67, "yr", 0.0, "lower", "", "")
    assert wait.gap == "needs none at all, where today's is not zero"
    assert ClaimRow("wait", 0.0, 0.0, "yr", float("nan"), "lower", "", "").gap == \
        "no finite requirement"
    assert ClaimRow("flights", 0.0, 500.0, "1/yr", 0.0, "higher", "", "").gap == \
        "already met today"
    # every preset's claim check has its gap in words (no division fails on any row)
    from orbital.sets.files import preset_paths
    for name in (p.stem for p in preset_paths()):
        for row in claim_check(orbital.load(name)):
            assert isinstance(row.gap, str) and row.gap, (name, row.quantity)
