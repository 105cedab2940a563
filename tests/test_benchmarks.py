"""The benchmarks' baselines compute what the model computes: a floor that has gone stale
compares unequal work (bench_core's raw numpy once lagged the model's launch and buildout)."""
import sys
from pathlib import Path

import numpy as np
import pytest

import orbital
from orbital import Q_
from orbital.model.evaluate import checked_si_inputs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
bench_core = pytest.importorskip("bench_core")


@pytest.fixture(scope="module")
def core_case():
    base = orbital.load("default")
    rng = np.random.default_rng(7)
    n = 300
    overrides = {"launch.price_per_kg": Q_(rng.uniform(100.0, 3000.0, n), "USD/kg"),
                 "power.specific_power": Q_(rng.uniform(10.0, 150.0, n), "kW/t"),
                 "buildout.mass_per_year": Q_(rng.uniform(1e3, 1e6, n), "t/yr")}
    si = checked_si_inputs(base, overrides)
    with bench_core.core_pipeline_only():
        res = orbital.evaluate(base, overrides)
    return base, si, overrides, res, bench_core.orbit_mass_ratio(base)


def test_raw_numpy_baseline_equals_the_core_model(core_case):
    base, si, overrides, res, ratio = core_case
    ref = bench_core.raw_numpy(dict(base.si()), *(si[k] for k in overrides), mass_ratio=ratio)
    assert len(ref) >= 25
    for name, value in ref.items():
        np.testing.assert_allclose(res.si(name), value, rtol=1e-9, atol=0, err_msg=name)


def test_the_floor_without_series_writes_the_same_single_values(core_case):
    base, si, overrides, res, ratio = core_case
    full = bench_core.raw_numpy(dict(base.si()), *(si[k] for k in overrides), mass_ratio=ratio)
    singles = bench_core.raw_numpy(dict(base.si()), *(si[k] for k in overrides), series=False,
                                   mass_ratio=ratio)
    assert set(singles) == {k for k, v in full.items() if np.ndim(v) == 1}
    for name, value in singles.items():
        np.testing.assert_array_equal(value, full[name], err_msg=name)
