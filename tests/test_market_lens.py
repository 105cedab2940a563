"""The market lens (orbital/compare/market.py): orbit's vintage cost against the ground's
market price with a scarcity premium, by hand, and never mixed into any cost, ratio or the
cost crossover."""
from __future__ import annotations

import math

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.model import catalogue

from test_timeline import HOURS, simple, year_price

LENS = ("timeline.ground_market_price", "compare.market_crossover_year",
        "compare.market_crossover_status")


def first_year_staying(ok, start=2026):
    """The first calendar year from which ``ok`` holds to the end (a plain loop), else inf."""
    for i in range(len(ok)):
        if all(ok[i:]):
            return start + i
    return math.inf


@pytest.mark.parametrize("premium", [0.0, 0.5, {2026: 1.0, 2028: 0.0}])
def test_market_price_and_its_crossover_by_hand(premium):
    # a $3,000/kW benchmark ground: 3 $/W against orbit's $2/W + the year's launch per watt
    if isinstance(premium, dict):
        q = [1.0, 0.5, 0.0]  # linear from 100 % in 2026 to 0 in 2028
        value = {y: Q_(v, "1") for y, v in premium.items()}
    else:
        q, value = [premium] * 3, Q_(premium, "1")
    r = simple(3, **{"ground.benchmark_cost": Q_(3000, "USD/kW"),
                     "timeline.ground_market_premium": value})
    to_mwh = 1 / (3 * HOURS * 1e-6)
    ground = 3.0 * to_mwh
    space = [(2.0 + year_price(y) / 100.0) * to_mwh for y in (1, 2, 3)]
    market = [ground * (1 + x) for x in q]
    np.testing.assert_allclose(r.magnitude("timeline.ground_market_price"), market, rtol=1e-12)
    want = first_year_staying([s <= m for s, m in zip(space, market)])
    assert r.magnitude("compare.market_crossover_year") == want
    # the cost comparison never sees the premium: this ground is never undercut at cost
    assert r.magnitude("compare.crossover_year") == first_year_staying(
        [s <= ground for s in space]) == math.inf


def test_the_premium_moves_only_the_lens():
    base = orbital.load("seed-programme-2026")
    plain = orbital.evaluate(base)
    lens = orbital.evaluate(base, {"timeline.ground_market_premium": Q_(2.0, "1")})
    assert lens.magnitude("compare.market_crossover_year") <= plain.magnitude(
        "compare.market_crossover_year")
    for spec in catalogue.results():
        if spec.name in LENS:
            continue
        a, b = plain.si(spec.name), lens.si(spec.name)
        np.testing.assert_array_equal(a, b, err_msg=spec.name)


def test_at_no_premium_the_lens_is_the_cost_crossover():
    for preset in ("default", "seed-programme-2026", "semianalysis-2026"):
        r = orbital.evaluate(orbital.load(preset))
        assert r.magnitude("compare.market_crossover_year") == r.magnitude(
            "compare.crossover_year")
        np.testing.assert_array_equal(r.si("timeline.ground_market_price"),
                                      r.si("timeline.ground_lcoe"))


def test_cli_crossover_shows_the_lens_only_when_set(capsys):
    from orbital.cli import main

    assert main(["crossover", "seed-programme-2026"]) == 0
    assert "lens, not a cost" not in capsys.readouterr().out
    assert main(["crossover", "seed-programme-2026", "--set",
                 "timeline.ground_market_premium=1.5"]) == 0
    out = capsys.readouterr().out
    assert "lens, not a cost" in out and "150 % scarcity premium" in out
