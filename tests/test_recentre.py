"""A changed value's distribution describes the changed value (issue 13: "distributions that
still describe a changed value"): moved to centre on it with its shape kept, or flagged."""
from __future__ import annotations

import math

import pytest

import orbital
from orbital import Q_
from orbital.sets.distributions import Distribution, recentred
from orbital.sets.values import recentred_names


def test_lognormal_is_scaled_to_the_new_value_keeping_its_spread():
    base = orbital.load("default")
    d0 = base["launch.price_per_kg"].distribution
    assert d0.kind == "lognormal" and d0["median"] == 1000
    a = base.with_values({"launch.price_per_kg": Q_(200, "USD/kg")})["launch.price_per_kg"]
    assert a.distribution["median"] == pytest.approx(200.0)
    assert a.distribution["sigma"] == d0["sigma"]  # the same relative spread
    assert "re-centred" in a.note and "lognormal(median=1000" in a.note
    assert not a.off_centre


def test_triangular_is_shifted_keeping_its_width():
    base = orbital.load("default")
    d0 = base["ground.grid_price"].distribution  # triangular(0.06, 0.08, 0.19) USD/kWh
    a = base.with_values({"ground.grid_price": Q_(0.05, "USD/kWh")})["ground.grid_price"]
    d = a.distribution
    assert (d["low"], d["mode"], d["high"]) == pytest.approx((0.03, 0.05, 0.16))
    assert d["high"] - d["low"] == pytest.approx(d0["high"] - d0["low"])


def test_a_moved_support_is_cut_to_the_range_and_said_so():
    base = orbital.load("default")  # ground.time_to_power: triangular(0.25, 0.67, 4) yr, ≥ 0
    a = base.with_values({"ground.time_to_power": Q_(0.1, "yr")})["ground.time_to_power"]
    d = a.distribution
    # shifted by 0.1 - 0.67 = -0.57: the low end (-0.32 yr) is cut to the range's 0
    assert (d["low"], d["mode"], d["high"]) == pytest.approx((0.0, 0.1, 3.43))
    assert "cut to the parameter's range" in a.note and a.off_centre


def test_a_distribution_that_cannot_move_is_flagged_and_kept():
    base = orbital.load("default")  # a lognormal cannot be centred on 0 t/yr
    a = base.with_values({"buildout.mass_per_year": Q_(0, "t/yr")})
    assert a["buildout.mass_per_year"].distribution == base["buildout.mass_per_year"].distribution
    assert recentred_names(a, moved=False) == ["buildout.mass_per_year"]


def test_monte_carlo_draws_around_the_changed_value():
    from orbital.analysis import monte_carlo

    aset = orbital.load("default").with_values({"launch.price_per_kg": Q_(200, "USD/kg")})
    df = monte_carlo(aset, ["launch.initial_price_per_kg"], n=20_000, seed=3,
                     params=["launch.price_per_kg"])
    point = orbital.evaluate(aset).magnitude("launch.initial_price_per_kg")
    # the only input drawn is lognormal around 200 (truncated to the range far out in its
    # tails), and the result is proportional to it: the middle of the draws is the point value
    assert df.loc["P50"].iloc[0] == pytest.approx(point, rel=0.03)


def test_the_rule_on_plain_distributions():
    ok = lambda x: x >= 0  # noqa: E731
    u = recentred(Distribution("uniform", (("low", 2.0), ("high", 6.0))), 5.0, ok, (0.0, None))
    assert u.fields == (("low", 3.0), ("high", 7.0))
    n = recentred(Distribution("normal", (("mean", 1.0), ("sd", 0.5))), 3.0, ok)
    assert n.fields == (("mean", 3.0), ("sd", 0.5))
    lu = recentred(Distribution("loguniform", (("low", 1.0), ("high", 100.0))), 100.0, ok)
    assert lu["low"] == pytest.approx(10.0) and lu["high"] == pytest.approx(1000.0)
    assert math.sqrt(lu["low"] * lu["high"]) == pytest.approx(100.0)
    assert recentred(Distribution("lognormal", (("median", 5.0), ("sigma", 1.0))), 0.0, ok) is None


def test_cli_mc_says_which_distributions_moved(capsys):
    from orbital.cli import main

    assert main(["mc", "default", "--result", "compare.cost_ratio", "-n", "1000",
                 "--set", "launch.price_per_kg=200", "--set", "buildout.mass_per_year=0"]) == 0
    out = capsys.readouterr().out
    assert "re-centred on a changed value (same shape): launch.price_per_kg" in out
    assert "could not be moved to them (the draws describe the old value): " \
           "buildout.mass_per_year" in out
