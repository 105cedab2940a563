"""The programme presets on the time axis: the seed's programme between a skeptical and an
optimistic one, every schedule point sourced, and the order of their answers as their inputs
imply."""
from __future__ import annotations

import math

import numpy as np
import pytest

import orbital

PROGRAMMES = ("programme-skeptical-2026", "seed-programme-2026", "programme-optimistic-2026")


@pytest.mark.parametrize("preset", PROGRAMMES)
def test_every_schedule_is_sourced_and_on_the_time_axis(preset):
    aset = orbital.load(preset)
    scheduled = [a for _, a in aset.items() if a.schedule]
    assert {"launch.price_per_kg", "buildout.mass_per_year"} <= {a.name for a in scheduled}
    for a in scheduled:
        assert a.source.strip(), a.name
    r = orbital.evaluate(aset)
    years = r.magnitude("timeline.year")
    assert years[0] == 2026 and len(years) == 15


def test_optimistic_inputs_give_a_cheaper_vintage_every_year_than_the_seeds():
    # every input of the optimistic programme is at least as favourable to orbit as the seed's
    seed = orbital.evaluate(orbital.load("seed-programme-2026"))
    opt = orbital.evaluate(orbital.load("programme-optimistic-2026"))
    assert np.all(opt.si("timeline.space_lcoe") <= seed.si("timeline.space_lcoe") * (1 + 1e-12))
    np.testing.assert_allclose(opt.si("timeline.ground_lcoe"), seed.si("timeline.ground_lcoe"),
                               rtol=1e-12)
    assert np.all(opt.si("buildout.gross_power_added")
                  >= seed.si("buildout.gross_power_added") * (1 - 1e-12))


def test_the_three_programmes_answer_in_order():
    years = {p: orbital.evaluate(orbital.load(p)).magnitude("compare.crossover_year")
             for p in PROGRAMMES}
    skeptical, seed, optimistic = (years[p] for p in PROGRAMMES)
    assert math.isfinite(optimistic) and optimistic <= seed <= skeptical
    assert math.isinf(skeptical)  # never within the horizon, an answer with its reason
