"""Tests for orbital.analysis: sampling, sketches, sweep, tornado, Monte Carlo, Sobol', solve,
and the numpy and dask engines giving the same answers."""
from __future__ import annotations

import dataclasses
import math
import sys
import warnings

import numpy as np
import pytest

import orbital
from orbital import Q_, analysis
from orbital.analysis import common, engine, sampling
from orbital.core.errors import InputError
from orbital.model import catalogue
from orbital.sets.entries import Distribution

YEAR = 365.25 * 86400.0


@pytest.fixture(scope="module")
def base():
    return orbital.load("default")


def with_dist(aset, name, kind, unit=None, value=None, **fields):
    """A copy of ``aset`` whose ``name`` carries the given distribution (fields in ``unit``)."""
    a = aset[name]
    new = dataclasses.replace(a, distribution=Distribution(kind, tuple(fields.items())))
    if unit is not None:
        new = dataclasses.replace(new, unit=unit, value=value)
    return aset.with_values({name: new})


@pytest.fixture(scope="module")
def linear_case(base):
    """First-year launch spend = price × tonnage exactly: a quoted price, no learning, no
    cadence cap in reach; price and tonnage drawn uniformly and independently."""
    aset = base.with_values({"launch.price_model": "given", "learning.model": "none",
                             "launch.max_flights_per_year": Q_(1e9, "1/yr")})
    aset = with_dist(aset, "launch.price_per_kg", "uniform", low=100.0, high=900.0)
    return with_dist(aset, "buildout.mass_per_year", "uniform", low=1000.0, high=5000.0)


LINEAR_PARAMS = ["launch.price_per_kg", "buildout.mass_per_year"]


# ----------------------------------------------------------------------------- sampling

def test_distribution_fields_convert_to_si_through_the_file_unit(base):
    # the same distribution written in USD/t instead of USD/kg draws the same SI values
    in_kg = sampling.from_assumption(base, "launch.price_per_kg")
    moved = base.with_values({"launch.price_per_kg": Q_(1_000_000, "USD/t")})
    assert moved["launch.price_per_kg"].unit == "USD/t"
    in_t = sampling.from_assumption(moved, "launch.price_per_kg")
    u = np.random.default_rng(1).random(1000)
    np.testing.assert_allclose(in_t.ppf(u), in_kg.ppf(u), rtol=1e-12)
    lo, hi = base["launch.price_per_kg"].distribution.bounds()  # P5 and P95 of a lognormal
    f = catalogue.parameters()["launch.price_per_kg"].si_factor
    assert base["launch.price_per_kg"].distribution.kind == "lognormal"
    assert in_kg.ppf(np.array([0.05]))[0] == pytest.approx(lo * f, rel=1e-9)
    assert in_kg.ppf(np.array([0.95]))[0] == pytest.approx(hi * f, rel=1e-9)
    assert in_kg.ppf(np.array([0.5]))[0] == pytest.approx(
        base["launch.price_per_kg"].distribution["median"] * f, rel=1e-12)


def test_normal_is_truncated_to_the_physical_range_not_clipped(base):
    # launch.margin must be >= 0; a normal(0.05, 0.1) reaches below it
    aset = with_dist(base, "launch.margin", "normal", mean=0.05, sd=0.1)
    d = sampling.from_assumption(aset, "launch.margin")
    assert d.truncated
    x = sampling.draw([d], seed=3, start=0, stop=200_000, n_total=200_000)["launch.margin"]
    assert x.min() >= 0.0
    # no pile-up at the bound (a clipped normal would put 31 % of draws at exactly 0)
    assert np.mean(x == 0.0) < 1e-4
    from scipy.stats import truncnorm

    a = (0.0 - 0.05) / 0.1
    expected = truncnorm(a, np.inf, loc=0.05, scale=0.1).mean()
    assert x.mean() == pytest.approx(expected, abs=4 * x.std() / math.sqrt(x.size))


def test_lognormal_and_triangular_ppf_match_scipy():
    from scipy import stats

    u = np.linspace(0.001, 0.999, 101)
    d = sampling.make_distribution("launch.price_per_kg", "lognormal",
                                   {"median": 500.0, "sigma": 0.7}, "USD/kg")
    np.testing.assert_allclose(d.ppf(u), stats.lognorm(0.7, scale=500.0).ppf(u), rtol=1e-10)
    t = sampling.make_distribution("launch.price_per_kg", "triangular",
                                   {"low": 100.0, "mode": 300.0, "high": 900.0}, "USD/kg")
    np.testing.assert_allclose(t.ppf(u), stats.triang(0.25, loc=100, scale=800).ppf(u),
                               rtol=1e-10)


def test_whole_number_parameters_are_drawn_whole(base):
    d = sampling.from_range("thermal.sides", 1, 2)
    x = d.ppf(np.random.default_rng(0).random(1000))
    np.testing.assert_allclose(x, np.round(x), atol=1e-9)
    assert set(np.round(x)) == {1, 2}


def test_ranges_over_decades_of_log_parameters_sample_log_uniformly():
    wide = sampling.from_range("launch.price_per_kg", 10, 10_000)
    narrow = sampling.from_range("launch.price_per_kg", 100, 200)
    assert (wide.kind, narrow.kind) == ("loguniform", "uniform")
    median = wide.ppf(np.array([0.5]))[0]
    assert median == pytest.approx(math.sqrt(10 * 10_000))  # geometric, not arithmetic, mean


def test_lhs_blocks_put_one_point_in_each_stratum():
    u = sampling.unit_block(seed=5, block=0, n=1000, d=3, method="lhs")
    for row in u:
        assert sorted(np.floor(row * 1000).astype(int)) == list(range(1000))


def test_draws_do_not_depend_on_chunking():
    d = [sampling.from_range("launch.price_per_kg", 100, 900)]
    n = 3 * sampling.BLOCK + 17
    whole = sampling.draw(d, 9, 0, n, n)["launch.price_per_kg"]
    parts = [sampling.draw(d, 9, a, b, n)["launch.price_per_kg"]
             for a, b in engine.chunks(n, sampling.BLOCK)]
    np.testing.assert_array_equal(np.concatenate(parts), whole)


# ----------------------------------------------------------------------------- sketch

@pytest.mark.parametrize("make", [
    lambda r: r.lognormal(3.0, 2.0, 50_000),
    lambda r: r.normal(0.0, 5.0, 50_000),  # both signs
    lambda r: np.r_[r.uniform(1.0, 2.0, 30_000), np.zeros(10), [np.inf]],
])
def test_sketch_quantiles_within_the_stated_bound(make):
    x = make(np.random.default_rng(2))
    sk = engine.Sketch.of(x[:20_000]).merge(engine.Sketch.of(x[20_000:]))
    for q in (0.1, 0.5, 0.9):
        exact = np.quantile(x, q, method="lower")
        assert abs(sk.quantile(q) - exact) <= engine.QUANTILE_RTOL * abs(exact) + 1e-300
    finite = x[np.isfinite(x)]
    assert sk.mean == pytest.approx(finite.mean(), rel=1e-12, abs=1e-12)
    assert sk.sd == pytest.approx(finite.std(ddof=1), rel=1e-10)
    assert (sk.min, sk.max) == (x.min(), x.max())


def test_sketch_counts_below_threshold_and_nans():
    x = np.array([0.5, 0.9, 1.0, 1.5, np.nan, 3.0])
    sk = engine.Sketch.of(x, threshold=1.0)
    assert (sk.below, sk.n, sk.n_nan) == (2, 6, 1)


# ----------------------------------------------------------------------------- sweep

def test_sweep_1d_equals_pointwise_evaluation(base):
    prices = Q_([150.0, 700.0, 2500.0], "USD/kg")
    results = ["buildout.total_launch_spend", "buildout.final_installed_power"]
    df = analysis.sweep(base, "launch.price_per_kg", prices, results=results)
    assert list(df.columns) == ["launch.price_per_kg [USD/kg]", "buildout.total_launch_spend [USD]",
                                "buildout.final_installed_power [GW]"]
    for i, p in enumerate(prices):
        res = orbital.evaluate(base, {"launch.price_per_kg": p})
        for name in results:
            assert df[common.result_column(name)][i] == pytest.approx(res.magnitude(name),
                                                                       rel=1e-12)


def test_sweep_2d_grid_equals_pointwise_and_pivots(base):
    x = Q_([200.0, 1000.0], "USD/kg")
    y = Q_([20.0, 60.0, 100.0], "kW/t")
    r = analysis.default_result()
    df = analysis.sweep(base, "launch.price_per_kg", x, y="power.specific_power", y_values=y,
                        results=r)
    assert len(df) == 6
    grid = analysis.pivot(df)
    assert grid.shape == (3, 2)
    for xi in x:
        for yi in y:
            res = orbital.evaluate(base, {"launch.price_per_kg": xi, "power.specific_power": yi})
            assert grid.loc[yi.magnitude, xi.magnitude] == pytest.approx(res.magnitude(r),
                                                                         rel=1e-12)


def test_sweep_span_defaults_to_the_distribution_and_log_spacing(base):
    df = analysis.sweep(base, "launch.price_per_kg", num=5, results="buildout.total_launch_spend")
    v = df["launch.price_per_kg [USD/kg]"].to_numpy()
    lo, hi = base["launch.price_per_kg"].distribution.bounds()
    assert (v[0], v[-1]) == pytest.approx((lo, hi))
    np.testing.assert_allclose(np.diff(np.log(v)), np.log(v[1] / v[0]))  # log spaced


def test_sweep_refuses_bad_input(base):
    with pytest.raises(InputError, match="unknown result"):
        analysis.sweep(base, "launch.price_per_kg", [1.0, 2.0], results="nope.result")
    with pytest.raises(InputError, match="series"):
        analysis.sweep(base, "launch.price_per_kg", [1.0, 2.0], results="buildout.installed_power")
    with pytest.raises(InputError, match="range"):
        analysis.sweep(base, "launch.price_per_kg", [-5.0, 2.0])
    with pytest.raises(InputError, match="model choice"):
        analysis.sweep(base, "launch.price_model", [1.0, 2.0])


# ----------------------------------------------------------------------------- tornado

def test_tornado_ranks_an_obvious_case(base):
    # flights per year = tonnage / payload: tonnage over 100x dominates payload over 1.5x,
    # and the learning rate does not enter at all
    ranges = {"learning.rate": (0.1, 0.3), "launch.payload_per_flight": (100, 150),
              "buildout.mass_per_year": (1_000, 100_000)}
    df = analysis.tornado(base, "launch.flights_needed", ranges=ranges)
    assert df["parameter"].tolist() == ["buildout.mass_per_year", "launch.payload_per_flight",
                                        "learning.rate"]
    swing = df["swing [1/yr]"].to_numpy()
    payload = base["launch.payload_per_flight"].display_value()
    mass = base["buildout.mass_per_year"].display_value()
    assert swing[0] == pytest.approx((100_000 - 1_000) / payload)
    assert swing[1] == pytest.approx(mass / 100 - mass / 150)
    assert swing[2] == 0.0
    assert df.attrs["base"] == pytest.approx(mass / payload)


def test_tornado_defaults_to_every_distribution(base):
    df = analysis.tornado(base)
    assert set(df["parameter"]) == {n for n, a in base.items() if a.distribution is not None}
    swing = df.iloc[:, -1].to_numpy()
    assert np.all(np.diff(swing) <= 0)


# ----------------------------------------------------------------------------- Monte Carlo

def test_monte_carlo_is_reproducible_and_chunking_free(linear_case):
    kw = dict(results="launch.spend_per_year", n=50_000, params=LINEAR_PARAMS)
    a = analysis.monte_carlo(linear_case, seed=11, **kw)
    again = analysis.monte_carlo(linear_case, seed=11, **kw)
    other_chunks = analysis.monte_carlo(linear_case, seed=11, chunk_size=sampling.BLOCK, **kw)
    c = analysis.monte_carlo(linear_case, seed=12, **kw)
    assert a.equals(again)
    # the same draws; moments merged in other chunk groupings agree to round-off
    np.testing.assert_allclose(other_chunks.to_numpy(), a.to_numpy(), rtol=1e-12)
    assert not np.allclose(c.to_numpy(), a.to_numpy(), rtol=1e-6)


@pytest.mark.parametrize("method", ["random", "lhs"])
def test_monte_carlo_matches_the_analytic_mean_of_a_linear_case(linear_case, method):
    n = 200_000
    df = analysis.monte_carlo(linear_case, "launch.spend_per_year", n=n, seed=4,
                              params=LINEAR_PARAMS, method=method)
    col = df["launch.spend_per_year [USD/yr]"]
    # E[price × tonnage] = E[price] E[tonnage] for independent draws: $/kg × t/yr → USD/yr
    expected = (100 + 900) / 2 * (1000 + 5000) / 2 * 1000.0
    assert col["mean"] == pytest.approx(expected, abs=4 * col["sd"] / math.sqrt(n))
    assert col["P10"] < col["P50"] < col["P90"]
    assert col["min"] >= 100 * 1000 * 1000 and col["max"] <= 900 * 5000 * 1000


def test_monte_carlo_samples_are_the_draws_behind_the_summary(linear_case):
    kw = dict(n=3000, seed=8, params=LINEAR_PARAMS)
    s = analysis.monte_carlo_samples(linear_case, "launch.spend_per_year", **kw)
    summary = analysis.monte_carlo(linear_case, "launch.spend_per_year", **kw)
    v = s["launch.spend_per_year [USD/yr]"]
    assert summary.loc["mean"].iloc[0] == pytest.approx(v.mean(), rel=1e-12)
    # the order statistic ⌊q·(m − 1)⌋, as the sketch defines it (never an interpolation)
    assert summary.loc["P50"].iloc[0] == pytest.approx(v.quantile(0.5, interpolation="lower"),
                                                       rel=1e-12)
    np.testing.assert_allclose(v, s["launch.price_per_kg [USD/kg]"]
                               * s["buildout.mass_per_year [t/yr]"] * 1000.0, rtol=1e-12)


@pytest.mark.skipif("compare.cost_ratio" not in catalogue.results(), reason="no comparison")
def test_probability_space_beats_ground_is_the_share_of_ratios_below_one(base):
    params = ["launch.price_per_kg", "power.specific_power", "space.satellite_cost_per_watt"]
    s = analysis.monte_carlo_samples(base, "compare.cost_ratio", n=5000, seed=2, params=params)
    df = analysis.monte_carlo(base, "compare.cost_ratio", n=5000, seed=2, params=params)
    share = float(np.mean(s["compare.cost_ratio [1]"] < 1.0))
    assert df.attrs["p_space_beats_ground"] == share
    assert df.loc["P(space beats ground)", "compare.cost_ratio [1]"] == share


def test_monte_carlo_units_survive(linear_case):
    df = analysis.monte_carlo(linear_case, "launch.spend_per_year", n=2000, params=LINEAR_PARAMS)
    q = analysis.column_quantity(df, "launch.spend_per_year", "P50")
    assert q.check("[currency]/[time]")
    assert q.to("USD/yr").magnitude == pytest.approx(df.loc["P50"].iloc[0])


# ----------------------------------------------------------------------------- engines

def test_dask_and_numpy_engines_agree_on_the_same_seed(linear_case):
    kw = dict(results=["launch.spend_per_year", "buildout.total_launch_spend"], n=70_000,
              seed=21, params=LINEAR_PARAMS, chunk_size=2 * sampling.BLOCK)
    exact = analysis.monte_carlo(linear_case, **kw)
    sketch = analysis.monte_carlo(linear_case, exact_limit=0, **kw)
    on_dask = analysis.monte_carlo(linear_case, engine="dask", scheduler="synchronous", **kw)
    assert on_dask.attrs["quantiles"] == "sketch"
    # the same draws: the same moments and extremes, and sketch quantiles within their bound
    for row in ("mean", "sd", "min", "max"):
        np.testing.assert_allclose(on_dask.loc[row], exact.loc[row], rtol=1e-12)
    pd_testing = pytest.importorskip("pandas").testing
    pd_testing.assert_frame_equal(on_dask, sketch)
    for row in ("P10", "P50", "P90"):
        np.testing.assert_allclose(on_dask.loc[row], exact.loc[row],
                                   rtol=2 * engine.QUANTILE_RTOL)


def test_dask_local_cluster_runs_the_same_chunks(linear_case):
    distributed = pytest.importorskip("distributed")
    kw = dict(results="launch.spend_per_year", n=40_000, seed=5, params=LINEAR_PARAMS,
              chunk_size=sampling.BLOCK, exact_limit=0)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        on_cluster = analysis.monte_carlo(linear_case, engine="dask", scheduler=client, **kw)
        swept = analysis.sweep(linear_case, "launch.price_per_kg", np.linspace(100, 900, 7),
                               results="launch.spend_per_year", engine="dask", scheduler=client)
    local = analysis.monte_carlo(linear_case, **kw)
    np.testing.assert_allclose(on_cluster.to_numpy(), local.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(
        swept.to_numpy(),
        analysis.sweep(linear_case, "launch.price_per_kg", np.linspace(100, 900, 7),
                       results="launch.spend_per_year").to_numpy(), rtol=0)


def test_cluster_tasks_group_whole_chunks_in_order():
    from orbital.analysis import cluster

    for n, chunk, workers in ((10 ** 8, 2 ** 16, 2), (70_000, 4096, 3), (4096, 4096, 8),
                              (10 ** 9, 2 ** 16, 16)):
        spans = engine.chunks(n, chunk)
        groups = cluster.task_groups(spans, workers)
        assert [s for g in groups for s in g] == spans  # every chunk once, in order
        sizes = [g[-1][1] - g[0][0] for g in groups]
        assert max(sizes) <= max(cluster.MAX_TASK_SAMPLES, spans[0][1] - spans[0][0])
        # enough tasks to keep every worker busy (or one chunk each when there are few)
        assert len(groups) >= min(len(spans), workers * cluster.TASKS_PER_WORKER) or \
            max(sizes) > cluster.MAX_TASK_SAMPLES // 2


def test_dask_streams_on_the_clients_own_loop_with_another_client_open(linear_case,
                                                                       monkeypatch):
    """A Client open in the caller is dask's default client; a run given a scheduler address
    makes a client of its own and must collect on that client's loop, not the default's."""
    distributed = pytest.importorskip("distributed")
    loops = []
    real = distributed.as_completed

    def recording(*args, **kwargs):
        loops.append(kwargs.get("loop"))
        return real(*args, **kwargs)

    monkeypatch.setattr(distributed, "as_completed", recording)
    kw = dict(results="launch.spend_per_year", n=40_000, seed=5, params=LINEAR_PARAMS,
              chunk_size=sampling.BLOCK, exact_limit=0)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as outer:
        by_address = analysis.monte_carlo(linear_case, engine="dask",
                                          scheduler=cluster.scheduler_address, **kw)
        by_client = analysis.monte_carlo(linear_case, engine="dask", scheduler=outer, **kw)
    assert len(loops) == 2 and loops[0] is not None and loops[0] is not outer.loop
    assert loops[1] is outer.loop
    local = analysis.monte_carlo(linear_case, **kw)
    np.testing.assert_allclose(by_address.to_numpy(), local.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(by_client.to_numpy(), local.to_numpy(), rtol=1e-12)


def test_unknown_engine_is_refused(linear_case):
    with pytest.raises(InputError, match="engine"):
        analysis.monte_carlo(linear_case, n=10, engine="spark", params=LINEAR_PARAMS)


# ----------------------------------------------------------------------------- Sobol'

def ishigami(u, a=7.0, b=0.1):
    x = -np.pi + 2 * np.pi * u
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices(a=7.0, b=0.1):
    """Analytic Sobol' indices of the Ishigami function (Ishigami & Homma 1990; Saltelli et
    al. 2008, Global Sensitivity Analysis: The Primer, §4.6)."""
    v1 = 0.5 * (1 + b * np.pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * np.pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def test_saltelli_design_is_salibs():
    from SALib.sample import sobol as salib_sample

    problem = {"num_vars": 4, "names": list("abcd"), "bounds": [[0, 1]] * 4}
    ours = analysis.saltelli_design(64, 4, seed=7)
    theirs = salib_sample.sample(problem, 64, calc_second_order=False, seed=7)
    np.testing.assert_array_equal(ours, theirs)


def test_sobol_recovers_the_ishigami_indices():
    s1, st = ishigami_indices()
    df = analysis.sobol_function(ishigami, ["x1", "x2", "x3"], 2 ** 13, seed=3)
    got = df.set_index("parameter").loc[["x1", "x2", "x3"]]
    np.testing.assert_allclose(got["S1 [1]"], s1, atol=0.03)
    np.testing.assert_allclose(got["ST [1]"], st, atol=0.03)
    # the reported intervals cover the truth (95 % each; all six at a 3σ-ish margin)
    assert np.all(np.abs(got["ST [1]"] - st) <= 1.5 * got["ST_conf [1]"] + 0.01)
    assert df.attrs["converged"]


def test_sobol_default_n_ranks_ishigami_correctly():
    with warnings.catch_warnings():
        warnings.simplefilter("error", analysis.SobolConvergenceWarning)
        df = analysis.sobol_function(ishigami, ["x1", "x2", "x3"], seed=1)
    assert df["parameter"].tolist() == ["x1", "x2", "x3"]  # ST 0.56 > 0.44 > 0.24


def test_sobol_is_seeded():
    a = analysis.sobol_function(ishigami, ["x1", "x2", "x3"], 512, seed=4, tol=1)
    b = analysis.sobol_function(ishigami, ["x1", "x2", "x3"], 512, seed=4, tol=1)
    assert a.equals(b)


def test_sobol_warns_when_intervals_are_wide():
    with pytest.warns(analysis.SobolConvergenceWarning, match="rerun with n ="):
        df = analysis.sobol_function(ishigami, ["x1", "x2", "x3"], 64, seed=0)
    assert not df.attrs["converged"]


def test_sobol_on_the_model_finds_the_inputs_that_matter(base):
    # flights per year = tonnage / payload; the learning rate does not enter
    ranges = {"buildout.mass_per_year": (1_000, 100_000), "launch.payload_per_flight": (100, 150),
              "learning.rate": (0.1, 0.3)}
    df = analysis.sobol(base, "launch.flights_per_year", n=1024, ranges=ranges, seed=2, tol=1)
    assert df["parameter"].tolist()[0] == "buildout.mass_per_year"
    row = df.set_index("parameter").loc["learning.rate"]
    assert row["ST [1]"] == 0.0 and row["S1 [1]"] == 0.0


def test_sobol_refuses_bad_n_and_constant_results(base):
    with pytest.raises(InputError, match="power of 2"):
        analysis.sobol_function(ishigami, ["x1", "x2", "x3"], 1000)
    with pytest.raises(InputError, match="does not vary"):
        analysis.sobol(base, "launch.flights_per_year", n=64,
                       ranges={"learning.rate": (0.1, 0.3)})


# ----------------------------------------------------------------------------- solve

@pytest.mark.skipif(not analysis.solvers(), reason="no comparison solvers in the model")
def test_solve_over_a_grid_is_the_models_own_solver(base):
    solver = "compare.breakeven_price_per_kg"
    values = Q_([10.0, 35.0, 100.0, 300.0], "kW/t")
    df = analysis.solve(base, solver, over={"power.specific_power": values})
    for i, v in enumerate(values):
        res = orbital.evaluate(base, {"power.specific_power": v})
        want = res.magnitude(solver)
        got = df[common.result_column(solver)][i]
        assert (math.isnan(want) and math.isnan(got)) or got == pytest.approx(want, rel=1e-12)
        status = int(res.magnitude(analysis.solvers()[solver]))
        assert df["status"][i] == status
    assert set(df.columns) >= {"status", "reason"}
    assert df.loc[df["status"] != 0, common.result_column(solver)].isna().all()


@pytest.mark.skipif(not analysis.solvers(), reason="no comparison solvers in the model")
def test_solve_over_draws_reports_every_case(base):
    df = analysis.solve(base, "compare.required_specific_power", n=500, seed=1,
                        params=["launch.price_per_kg", "ground.grid_price"])
    assert len(df) == 500
    solved = df["status"] == 0
    assert df.attrs["solved_share"] == pytest.approx(solved.mean())
    assert (df.loc[solved, "compare.required_specific_power [kW/t]"] > 0).all()
    with pytest.raises(InputError, match="either"):
        analysis.solve(base, n=10, over={"launch.price_per_kg": [100.0, 200.0]})
    with pytest.raises(InputError, match="unknown solver"):
        analysis.solve(base, "compare.breakeven_price", n=10)


def test_default_result_follows_the_catalogue():
    expected = "compare.cost_ratio" if "compare.cost_ratio" in catalogue.results() else \
        "buildout.final_installed_power"
    assert analysis.default_result() == expected


def test_in_place_block_draws_equal_the_block_generator():
    """draw() fills whole blocks in place; it must give unit_block()'s numbers exactly, for
    any chunk, so results do not depend on the chunking."""
    import numpy as np

    import orbital
    from orbital.analysis import sampling

    base = orbital.load("default")
    dists = [sampling.from_assumption(base, n) for n, a in base.items()
             if a.distribution is not None][:8]
    B = sampling.BLOCK
    n_total = 5 * B + 123
    for start, stop in ((0, 2 * B), (2 * B, 4 * B), (4 * B, n_total), (B, B + 17)):
        got = sampling.draw(dists, 11, start, stop, n_total)
        blocks = [sampling.unit_block(11, b, min(B, n_total - b * B), len(dists))
                  for b in range(start // B, -(-stop // B))]
        u = np.concatenate(blocks, axis=1)[:, :stop - start]
        for j, dist in enumerate(dists):
            np.testing.assert_array_equal(got[dist.name], dist.ppf(u[j]))


def test_worker_allocator_is_set_once_per_process():
    from orbital.analysis import cluster

    first = cluster.worker_allocator()
    assert isinstance(first, bool) and cluster.worker_allocator() is first
    if sys.platform.startswith("linux"):
        assert first  # glibc takes both thresholds
