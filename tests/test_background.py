"""The year of eclipses on a thread of its own (orbital/space/background.py) while the steps
that do not read it run (orbital/model/pipeline.py ``run_order``): every step still reads only
what the steps run before it wrote, the numbers are those of one thread, and an error in the
background is the evaluation's error."""
from __future__ import annotations

import numpy as np
import pytest

import orbital
from orbital.analysis.common import SampleTask, base_inputs, distributions
from orbital.core.deferred import Deferred
from orbital.model import pipeline
from orbital.model.evaluate import evaluate_si
from orbital.space import background, eclipses, orbit

PRESETS = ("default", "good-current-tech", "semianalysis-2026", "mccalip-2025")


def _draws(preset, n=256, seed=3):
    a = orbital.load(preset)
    return SampleTask(base_inputs(a, {}), distributions(a, None, None), seed, n, "random",
                      []).inputs(0, n)


class Reads(dict):
    """The results dict, recording every name a step reads."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = set()

    def __getitem__(self, name):
        self.read.add(name)
        return super().__getitem__(name)

    def get(self, name, default=None):
        self.read.add(name)
        return super().get(name, default)


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("many", [False, True])
def test_each_step_reads_only_what_the_steps_run_before_it_wrote(preset, many):
    s = _draws(preset) if many else orbital.load(preset).si()
    order = pipeline.run_order(pipeline.MODULES)
    assert order[0] is orbit and set(order) == set(pipeline.MODULES)
    assert order.index(pipeline.array) > max(order.index(m) for m in pipeline.WHILE_SUNLIGHT)
    r = Reads()
    settled = False
    for module in order:
        if module is pipeline.array:
            background.settle(r)
            settled = True
        before = set(r)
        r.read = set()
        module.step(s, r)
        own = {spec.name for spec in module.RESULTS}
        foreign = {k for k in r.read - own if "." in k}
        missing = sorted(k for k in foreign if k not in before)
        assert not missing, (module.__name__, missing)
        if not settled:   # a step running beside the year of eclipses never reads it
            assert not foreign & set(background.SUNLIGHT), module.__name__


@pytest.mark.parametrize("preset", PRESETS)
def test_the_year_of_eclipses_in_the_background_gives_one_threads_numbers(monkeypatch, preset):
    s = _draws(preset)
    monkeypatch.setattr(eclipses, "THREADS", 2)
    two = evaluate_si(s)
    monkeypatch.setattr(eclipses, "THREADS", 1)
    one = evaluate_si(s)
    for name in one.scalars():
        np.testing.assert_array_equal(np.asarray(two.si(name)), np.asarray(one.si(name)),
                                      err_msg=name)


def test_the_sunlight_is_a_part_until_settled_and_an_error_there_is_the_evaluations(
        monkeypatch):
    monkeypatch.setattr(eclipses, "THREADS", 2)
    s = _draws("default", n=64)
    r = {}
    orbit.step(s, r)
    assert all(isinstance(r[k], Deferred) for k in background.SUNLIGHT)
    background.settle(r)
    assert all(isinstance(r[k], np.ndarray) and r[k].shape == (64,) for k in background.SUNLIGHT)

    def broken(*args, **kwargs):
        raise FloatingPointError("a year of eclipses that fails")

    monkeypatch.setattr(orbit, "annual_sunlight", broken)
    with pytest.raises(FloatingPointError, match="fails"):
        evaluate_si(s)
