"""Sobol' of the crossover year: "never" counted as the first year after the horizon, its
share reported, checked against a plain loop over the same design."""
from __future__ import annotations

import math

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.analysis import sobol
from orbital.analysis.sobol import saltelli_design

from test_timeline import simple_overrides, year_price


def crossover_by_hand(ground_per_watt, hardware_per_watt, years=3, start=2026):
    """The crossover year of the hand-checkable set (a plain loop): orbit's vintage costs
    hardware + the year's launch price ÷ 100 W/kg per watt, the ground its benchmark $/W."""
    ok = [hardware_per_watt + year_price(y) / 100.0 <= ground_per_watt for y in
          range(1, years + 1)]
    for i in range(years):
        if all(ok[i:]):
            return start + i
    return math.inf


def test_sobol_of_the_crossover_year_counts_never():
    n, seed = 64, 3
    ranges = {"ground.benchmark_cost": (Q_(2000, "USD/kW"), Q_(8000, "USD/kW")),
              "space.satellite_cost_per_watt": (Q_(0.5, "USD/W"), Q_(4, "USD/W"))}
    aset = orbital.load("default")
    df = sobol(aset, "compare.crossover_year", n=n, seed=seed, ranges=ranges,
               overrides={k: v for k, v in simple_overrides(3).items()
                          if k not in ranges}, tol=1.0)
    u = saltelli_design(n, 2, seed)
    years = [crossover_by_hand((2000 + 6000 * a) / 1000, 0.5 + 3.5 * b) for a, b in u]
    never = np.isinf(years)
    assert 0 < never.mean() < 1  # both answers occur in this design
    assert df.attrs["p_never"] == pytest.approx(never.mean(), abs=1e-12)
    assert df.attrs["never_as"] == "the first year after the horizon"
    st = dict(zip(df["parameter"], df["ST [1]"]))
    assert st["ground.benchmark_cost"] > 0 and st["space.satellite_cost_per_watt"] > 0


def test_cli_sobol_prints_the_share_of_never(capsys):
    from orbital.cli import main

    code = main(["sobol", "suncatcher-2025", "--result", "compare.crossover_year", "-n", "64",
                 "--param", "launch.price_per_kg", "--param", "ground.grid_price"])
    out = capsys.readouterr().out
    assert code == 0 and "P(never within the horizon) = " in out
