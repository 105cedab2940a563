"""Every combination of model choices evaluates or is refused with a reason, and each physical
effect is counted once whatever the combination.

The full cross product of the catalogue's choices is ~10^8 sets, so it is covered as: every
pair of options of every two choices (an all-pairs covering array built here, greedily), on
every preset; a seeded random sample of the full product; and the exhaustive product of the
choices that size the fleet for sunlight."""
from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pytest

import orbital
from orbital.model import catalogue

PRESETS = sorted(p.stem for p in Path("assumptions").glob("*.toml"))
CHOICES = {spec.name: spec.options for spec in catalogue.parameters() if spec.kind == "choice"}


def all_pairs(choices: dict, seed: int = 0) -> list[dict]:
    """Rows of options such that every option pair of every two choices appears in some row
    (greedy: each row picks, choice by choice, the option covering most uncovered pairs)."""
    names = list(choices)
    uncovered = {(a, x, b, y) for a, b in itertools.combinations(names, 2)
                 for x in choices[a] for y in choices[b]}
    rng = random.Random(seed)
    rows = []
    while uncovered:
        row = {}
        order = names[:]
        rng.shuffle(order)
        for n in order:
            def gain(opt):
                return sum((a, x, b, y) in uncovered or (b, y, a, x) in uncovered
                           for m, v in row.items()
                           for a, x, b, y in ((n, opt, m, v),))
            row[n] = max(choices[n], key=lambda o: (gain(o), rng.random()))
        covered = {(a, row[a], b, row[b]) for a, b in itertools.combinations(names, 2)}
        uncovered -= covered
        rows.append(row)
    return rows


def test_the_covering_array_covers_every_pair():
    rows = all_pairs(CHOICES)
    for a, b in itertools.combinations(CHOICES, 2):
        seen = {(r[a], r[b]) for r in rows}
        assert seen == set(itertools.product(CHOICES[a], CHOICES[b])), (a, b)
    assert len(rows) < 40


def evaluate_or_refuse(aset, row):
    """Evaluate; a refusal must be an InputError naming a parameter, with a reason."""
    try:
        res = orbital.evaluate(aset, row)
    except orbital.InputError as exc:
        text = str(exc)
        assert text and "\n" not in text
        assert any(spec.name in text for spec in catalogue.parameters()), text
        return None
    for name in ("compare.cost_ratio", "space.lcoe", "ground.lcoe"):
        v = res.magnitude(name)
        assert np.isfinite(v) and v > 0, (name, v, row)
    for name in ("space.total_cost", "ground.total_cost", "buildout.steady_state_power"):
        assert np.isfinite(res.magnitude(name)) and res.magnitude(name) >= 0, (name, row)
    return res


@pytest.mark.parametrize("preset", PRESETS)
def test_every_pair_of_choices_on_every_preset(preset):
    aset = orbital.load(preset)
    evaluated = 0
    for row in all_pairs(CHOICES):
        evaluated += evaluate_or_refuse(aset, row) is not None
    assert evaluated > 0


@pytest.mark.parametrize("preset", PRESETS)
def test_a_random_sample_of_the_full_product(preset):
    aset = orbital.load(preset)
    rng = random.Random(preset)
    for _ in range(30):
        evaluate_or_refuse(aset, {n: rng.choice(o) for n, o in CHOICES.items()})


SUNLIGHT = ("power.model", "space.sunlight_model", "orbit.model", "spacecraft.eclipse_model",
            "space.sizing", "space.fleet_renewal")


def test_eclipses_are_counted_once_in_every_sunlight_combination():
    # before: space.sunlight_model = 'orbit' with power.model = 'bottom_up' divided a kW/t that
    # already averaged over eclipses by the orbit's sunlit fraction again: 1.45 GW of fleet
    # against 1.015 GW on the default set's inclined orbit
    base = orbital.load("default").with_values({"space.satellite_rounding": "none"})
    runs = {}
    for combo in itertools.product(*(CHOICES[n] for n in SUNLIGHT)):
        row = dict(zip(SUNLIGHT, combo))
        res = orbital.evaluate(base, row)
        runs[combo] = res
        sunlit = res.magnitude("orbit.sunlit_fraction")
        used = res.magnitude("space.sunlight_fraction")
        if row["power.model"] == "bottom_up" or row["space.sunlight_model"] == "in_specific_power":
            assert used == 1.0
        elif row["space.sunlight_model"] == "orbit":
            assert used == sunlit
        else:
            assert used == base["space.sunlight_fraction"].display_value()
    # with a bottom-up kW/t the fleet does not depend on the sunlight model at all
    for combo, res in runs.items():
        row = dict(zip(SUNLIGHT, combo))
        if row["power.model"] != "bottom_up":
            continue
        ref = runs[tuple(row[n] if n != "space.sunlight_model" else "in_specific_power"
                         for n in SUNLIGHT)]
        assert res.si("space.fleet_power") == ref.si("space.fleet_power")
    # the old double count, by hand: dividing once more by the inclined orbit's sunlit fraction
    inclined = orbital.evaluate(base, {"power.model": "bottom_up", "orbit.model": "inclined",
                                       "space.sunlight_model": "orbit"})
    once = inclined.magnitude("space.fleet_power")
    twice = once / inclined.magnitude("orbit.sunlit_fraction")
    assert twice / once == pytest.approx(1 / inclined.magnitude("orbit.sunlit_fraction"))
    assert twice > 1.3 * once
