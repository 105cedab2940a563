"""Tests for `orbital sweep | tornado | mc | sobol`: outputs, files, exit status 2 on bad input."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import orbital
from orbital import analysis
from orbital.cli import main

R = analysis.default_result()
PARAMS = ["--param", "launch.price_per_kg", "--param", "power.specific_power"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sweep_writes_csv_equal_to_the_api(capsys, tmp_path):
    out = tmp_path / "sweep.csv"
    code, text, err = run(capsys, "sweep", "--x", "launch.price_per_kg=100 USD/kg:2 kUSD/kg:5:log",
                          "--result", "buildout.total_launch_spend", "--out", str(out))
    assert code == 0, err
    assert "wrote" in text
    df = pd.read_csv(out)
    assert list(df.columns) == ["launch.price_per_kg [USD/kg]", "buildout.total_launch_spend [USD]"]
    want = analysis.sweep(orbital.load("default"), "launch.price_per_kg",
                          np.geomspace(100, 2000, 5), results="buildout.total_launch_spend")
    np.testing.assert_allclose(df.to_numpy(), want.to_numpy(), rtol=1e-12)


def test_sweep_2d_to_parquet_and_html(capsys, tmp_path):
    pytest.importorskip("pyarrow")
    table, chart = tmp_path / "grid.parquet", tmp_path / "grid.html"
    code, _, err = run(capsys, "sweep", "--x", "launch.price_per_kg=100,500,1000",
                       "--y", "power.specific_power=10:100:3:lin", "--out", str(table),
                       "--chart", str(chart))
    assert code == 0, err
    df = pd.read_parquet(table)
    from orbital.analysis.common import result_column

    assert len(df) == 9
    assert list(df.columns) == ["launch.price_per_kg [USD/kg]", "power.specific_power [kW/t]",
                                result_column(R)]
    assert sorted(set(df["power.specific_power [kW/t]"])) == pytest.approx([10, 55, 100])
    assert chart.read_text().lower().startswith("<html")


def test_tornado_prints_the_ranking(capsys, tmp_path):
    out = tmp_path / "t.csv"
    code, text, err = run(capsys, "tornado", *PARAMS, "--set", "launch.price_per_kg=500",
                          "--out", str(out))
    assert code == 0, err
    df = pd.read_csv(out)
    assert set(df["parameter"]) == {"launch.price_per_kg", "power.specific_power"}
    assert df.iloc[:, -1].is_monotonic_decreasing
    assert "base case" in text and df["parameter"][0] in text


def test_mc_is_seeded_and_reports_quantiles(capsys, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (a, b):
        code, text, err = run(capsys, "mc", "-n", "5000", "--seed", "7", *PARAMS,
                              "--out", str(path))
        assert code == 0, err
    assert a.read_text() == b.read_text()
    df = pd.read_csv(a, index_col=0)
    assert {"mean", "P10", "P50", "P90"} <= set(df.index)
    assert "5,000 draws" in text
    if R == "compare.cost_ratio":
        assert "P(space beats ground)" in text


def test_mc_on_dask_synchronous_matches_numpy(capsys, tmp_path):
    paths = {}
    for eng in ("numpy", "dask"):
        paths[eng] = tmp_path / f"{eng}.csv"
        extra = ["--engine", "dask", "--scheduler", "synchronous"] if eng == "dask" else []
        code, _, err = run(capsys, "mc", "-n", "20000", "--seed", "3", *PARAMS, *extra,
                           "--out", str(paths[eng]), "--no-progress")
        assert code == 0, err
    numpy_df = pd.read_csv(paths["numpy"], index_col=0)
    dask_df = pd.read_csv(paths["dask"], index_col=0)
    np.testing.assert_allclose(dask_df.loc["mean"], numpy_df.loc["mean"], rtol=1e-12)
    np.testing.assert_allclose(dask_df.loc["P50"], numpy_df.loc["P50"],
                               rtol=2 * analysis.QUANTILE_RTOL)


def test_sobol_prints_indices_and_warns_when_not_converged(capsys, tmp_path):
    out = tmp_path / "s.csv"
    code, text, err = run(capsys, "sobol", "-n", "64", *PARAMS, "--out", str(out))
    assert code == 0
    df = pd.read_csv(out)
    assert list(df.columns) == ["parameter", "S1 [1]", "S1_conf [1]", "ST [1]", "ST_conf [1]"]
    assert "warning" in err and "rerun with n =" in err


@pytest.mark.parametrize("argv, needle", [
    (["mc", "--param", "nope.param"], "unknown parameter"),
    (["mc", "--result", "buildout.installed_power"], "series"),
    (["mc", "-n", "1"], "a whole number from 2"),
    (["sobol", "-n", "100", "--param", "launch.price_per_kg"], "power of 2"),
    (["sweep", "--x", "launch.price_per_kg=a:b"], "not a number"),
    (["sweep", "--x", "launch.price_per_kg"], "'='"),
    (["sweep", "--x", "launch.price_per_kg=1:2:3:cubic"], "scale"),
    (["sweep", "--x", "launch.price_model=1:2"], "model choice"),
    (["sweep", "--x", "launch.price_per_kg=1:2 kg"], "launch.price_per_kg"),
    (["tornado", "--chart", "out.svg"], "chart format"),
    (["tornado", "--out", "out.xlsx", "--param", "launch.price_per_kg"], "table format"),
    (["mc", "--engine", "spark"], "invalid choice"),
    (["mc", "no-such-preset"], "no such assumption set"),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_png_without_kaleido_says_so_and_offers_html(capsys, tmp_path):
    import importlib.util

    if importlib.util.find_spec("kaleido") is not None:
        pytest.skip("kaleido is installed here")
    code, _, err = run(capsys, "tornado", *PARAMS, "--chart", str(tmp_path / "t.png"))
    assert code == 2
    assert "kaleido" in err and "t.html" in err


def test_png_chart_is_written_with_kaleido_and_chromium(capsys, tmp_path):
    import importlib.util
    import shutil

    if importlib.util.find_spec("kaleido") is None or not (shutil.which("chromium")
                                                           or shutil.which("google-chrome")):
        pytest.skip("PNG charts need kaleido and a Chrome/Chromium (CI installs both)")
    out = tmp_path / "t.png"
    code, _, err = run(capsys, "tornado", *PARAMS, "--chart", str(out))
    assert code == 0, err
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5_000


def test_analysis_commands_keep_the_cli_start_light():
    # the analysis libraries load only when an analysis runs
    code = ("import sys, orbital.cli; heavy = [m for m in ('pandas', 'scipy', 'SALib', 'dask', "
            "'tqdm', 'plotly') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_help_loads_neither_numpy_nor_pint():
    # `orbital --help` lists the commands only: the numerical stack stays unloaded (a module
    # of the CLI that imports the sets or the model at its top brings in both, ~0.25 s)
    code = ("import sys; sys.argv = ['orbital', '--help']\n"
            "from orbital.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('LOADED', ','.join(m for m in ('numpy', 'pint') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "COMMAND" in out and "evaluate" in out   # the help itself was printed
    assert out.strip().splitlines()[-1] == "LOADED"
