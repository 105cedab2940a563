"""The scalar fast paths give the vectorised path's numbers.

A scalar ``evaluate`` takes plain-float paths where numpy's per-call overhead on 0-d arrays
dominates (orbital/programme/scalar.py: the buildout's year loop). The oracle is the
vectorised evaluation itself, which runs none of them: every single-valued result of a
scalar evaluation of each draw equals, to 1e-12 relative, the same result of one vectorised
evaluation of all the draws, over random draws of every distribution of the default set and of
presets whose choices take the loop's other branches.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import orbital
from orbital.analysis.common import SampleTask, base_inputs, distributions
from orbital.core import floats
from orbital.model.evaluate import evaluate_si
from orbital.programme import scalar

N = 40


def _draws(aset, seed, overrides=None):
    s = base_inputs(aset, overrides)
    return SampleTask(s, distributions(aset, None, None), seed, N, "random", []).inputs(0, N)


def _row(s, i):
    return {k: (v[i] if isinstance(v, np.ndarray) and v.ndim else v) for k, v in s.items()}


def _close(a, b):
    a, b = float(a), float(b)
    if np.isnan(a) or np.isnan(b):
        return np.isnan(a) and np.isnan(b)
    if np.isinf(a) or np.isinf(b):
        return a == b
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b)) or abs(a - b) <= 1e-300


def _check(s):
    vec = evaluate_si(s)
    names = vec.scalars()
    bad = []
    for i in range(N):
        res = evaluate_si(_row(s, i))
        for name in names:
            want = np.broadcast_to(np.asarray(vec.si(name), dtype=float), (N,))[i]
            got = res.si(name)
            assert np.ndim(got) == 0, name
            if not _close(got, want):
                bad.append((i, name, float(got), float(want)))
    assert not bad, bad[:10]


@pytest.mark.parametrize("seed", [1, 2])
def test_scalar_evaluate_equals_vectorised_default(seed):
    _check(_draws(orbital.load("default"), seed))


@pytest.mark.parametrize("restoration", ["not_restored", "replace_spacecraft",
                                         "repair_in_orbit"])
def test_scalar_evaluate_equals_vectorised_each_restoration(restoration):
    aset = orbital.load("default")
    _check(_draws(aset, 3, {"buildout.failure_restoration": restoration}))


@pytest.mark.parametrize("choices", [{"learning.model": "wright_above_floor"},
                                     {"learning.model": "none"},
                                     {"space.launch_pricing": "initial"},
                                     {"learning.model": "wright", "learning.price_floor":
                                      orbital.Q_(200, "USD/kg")}])
def test_scalar_evaluate_equals_vectorised_learning_curves(choices):
    """The learning curve's branches (a floor met within the period, no learning, the part
    above the floor) and both launch pricings."""
    _check(_draws(orbital.load("default"), 4, choices))


def test_scalar_loop_is_taken_and_falls_back(monkeypatch):
    """The default set takes the float loop; a non-finite input sends it to numpy's."""
    seen = []
    real = scalar.period_totals

    def spy(v):
        out = real(v)
        seen.append(out is not None)
        return out

    monkeypatch.setattr(scalar, "period_totals", spy)
    evaluate_si(dict(orbital.load("default").si()))
    assert seen == [True]
    v = {k: 0.0 for k in scalar.NUMBERS}
    v.update(shape=(), sp=0.0, target=1.0, wanted_by_year=None, cap_by_year=None,
             price_by_year=None)
    assert scalar.period_totals(v) is None  # no specific power: the vectorised loop decides
    v.update(sp=1.0, d=float("nan"))
    assert scalar.period_totals(v) is None


@pytest.mark.parametrize("preset", ["seed-programme-2026", "programme-optimistic-2026",
                                    "programme-skeptical-2026"])
def test_scalar_evaluate_equals_vectorised_with_schedules(preset):
    """Sets whose tonnage, price and kW/t are given by year: the float loop steps aside for a
    kW/t schedule, and every other path gives the vectorised numbers."""
    _check(_draws(orbital.load(preset), 5))


class _Step:
    """A one-step pipeline whose step is ``fn(s, r)``."""

    def __init__(self, fn):
        self.step = fn


def _run_counted(monkeypatch, s):
    from orbital.model import pipeline

    calls = []
    real = pipeline._steps

    def counted(x):
        calls.append(x)
        return real(x)

    monkeypatch.setattr(pipeline, "_steps", counted)
    return pipeline.run(s), calls


@pytest.mark.parametrize("fn, want", [
    (lambda s, r: r.update(q=1.0 / s["y"]), np.inf),            # Python raises, numpy: inf
    (lambda s, r: r.update(q=(s["y"] - 1.0) ** 0.5), np.nan),   # Python: complex, numpy: nan
    (lambda s, r: r.update(q=floats.exp(s["big"])), np.inf),    # math.exp overflows
])
def test_a_float_edge_is_decided_by_numpy(monkeypatch, fn, want):
    """Where Python's float arithmetic raises or turns complex, the evaluation runs again on
    numpy scalars and returns numpy's answer (one sample, and the undrawn floats of many)."""
    from orbital.model import pipeline

    monkeypatch.setattr(pipeline, "MODULES", (_Step(fn),))
    with np.errstate(all="ignore"):
        r, calls = _run_counted(monkeypatch, {"y": 0.0, "big": 5000.0})
        assert len(calls) == 2 and type(calls[1]["y"]) is np.float64
        np.testing.assert_equal(float(r["q"]), want)
        arrays = {"y": 0.0, "big": 5000.0, "a": np.ones(3)}
        r, calls = _run_counted(monkeypatch, arrays)
        assert len(calls) == 2
        np.testing.assert_equal(float(r["q"]), want)


@pytest.mark.parametrize("preset", sorted(p.stem for p in
                                          (Path(orbital.__file__).parents[1] / "assumptions")
                                          .glob("*.toml")))
def test_every_preset_runs_on_floats_without_the_numpy_rerun(monkeypatch, preset):
    """The re-run costs a second evaluation: no preset's own numbers should need it."""
    from orbital.model.evaluate import checked_si_inputs

    r, calls = _run_counted(monkeypatch, checked_si_inputs(orbital.load(preset)))
    assert len(calls) == 1
    if preset == "default":   # and every result a float (a kW/t schedule, or a ground side
        # of zero cost, keeps a few of other sets' results on numpy, by design)
        numpy_results = sorted(k for k, v in r.items()
                               if isinstance(v, (np.generic, np.ndarray)))
        assert numpy_results == [], numpy_results[:10]
