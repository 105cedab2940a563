"""Bad input never crashes, nothing is lost, files are data: a bounded fuzz run of the loader,
interrupted exports (an exception midway, a SIGKILL), a scan of the package for code execution
on data, and the analyses at the edges of their valid ranges."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orbital
from orbital import Q_, InputError, analysis
from orbital.model import catalogue
from orbital.sets.files import atomic_write, preset_paths
from orbital.sets.loading import load, loads

PACKAGE = Path(orbital.__file__).resolve().parent
PRESET_BYTES = [p.read_bytes() for p in preset_paths()]
PRESET_JSON = [load(p.stem).to_json().encode() for p in preset_paths()[:3]]
FUZZ_SECONDS = float(os.environ.get("ORBITAL_FUZZ_SECONDS", "15"))


# ----------------------------------------------------------------------------- fuzz

@st.composite
def mutated(draw):
    """A preset's bytes with random edits: flipped bytes, cut, spliced, repeated or inserted
    hostile fragments (TOML and JSON both)."""
    data = bytearray(draw(st.sampled_from(PRESET_BYTES + PRESET_JSON)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup", "token", "swap"]))
        i = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        elif op == "cut":
            j = draw(st.integers(i, min(len(data), i + 200)))
            del data[i:j]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif op == "dup":
            j = draw(st.integers(i, min(len(data), i + 300)))
            data[i:i] = data[i:j] * draw(st.integers(1, 3))
        elif op == "token":
            data[i:i] = draw(st.sampled_from([
                b"nan", b"inf", b"-1", b"1e999", b"true", b"[", b"{", b"\"", b"=", b"\n[launch]\n",
                b"\nextends = \"../../etc/passwd\"\n", b"\xff\xfe", b"\x00", b"\"unit\": \"kg\"",
                b"unit = \"kg\"\n", b"distribution = { kind = \"normal\", mean = 0, sd = 0 }\n",
                "\u0430".encode(), b"[" * 200, b"1" * 400, b"degC", b"%"]))
        elif op == "swap" and len(data) > 2:
            j = draw(st.integers(0, len(data) - 1))
            data[i], data[j] = data[j], data[i]
    return bytes(data)


def test_fuzz_the_loader_for_a_bounded_time():
    """Only InputError (or a valid set) for mutated presets; never another exception or a hang.
    ORBITAL_FUZZ_SECONDS sets the budget (15 s by default; longer runs find more)."""
    deadline = time.monotonic() + FUZZ_SECONDS
    seen = {"refused": 0, "loaded": 0}

    @settings(max_examples=100, deadline=5000, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=mutated(), fmt=st.sampled_from(["toml", "json"]))
    def batch(data, fmt):
        try:
            loads(data, fmt=fmt)
            seen["loaded"] += 1
        except InputError as exc:
            assert "\n" not in str(exc)
            seen["refused"] += 1

    while time.monotonic() < deadline:  # fresh random batches until the budget is spent
        batch()
    assert seen["refused"] > 50, seen  # the run really exercised the refusals


# ----------------------------------------------------------------------------- interrupted export

@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_an_export_failing_midway_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch, where):
    target = tmp_path / "set.toml"
    old = load("default").to_toml()
    target.write_text(old)
    big = load("musk-moonshot-2026")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, where, boom)  # (a write cut midway: test_assumptions.py)
    with pytest.raises(InputError, match="No space left on device"):
        big.export(target)
    assert target.read_text() == old
    assert [p.name for p in tmp_path.iterdir()] == ["set.toml"]
    assert load(target) == load("default")


_KILLED_WRITER = r"""
import os, sys, time
import orbital
from orbital.sets import files

real = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)     # the temp file holds the new text, not yet renamed
    time.sleep(60)
    real(fd)
os.fsync = slow_fsync
aset = orbital.load("default")
aset = aset.with_values({"launch.price_per_kg": orbital.Q_(1234, "USD/kg")})
aset.export(sys.argv[1])
"""


def test_an_export_killed_midway_leaves_the_old_file_and_no_set_behind(tmp_path):
    folder = tmp_path / "sets"
    folder.mkdir()
    target = folder / "mine.toml"
    old = load("iss-heritage").to_toml()
    target.write_text(old)
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_text() == old
    leftovers = [p for p in folder.iterdir() if p != target]
    assert leftovers, "the kill came after the temp file was made"
    # a leftover temp file is hidden and ends in .tmp: never listed or loaded as a set
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in leftovers)
    env = dict(os.environ, ORBITAL_ASSUMPTIONS=str(folder))
    listed = subprocess.run([sys.executable, "-c", "from orbital.sets.files import "
                             "preset_paths; print([p.name for p in preset_paths()])"],
                            env=env, capture_output=True, text=True, check=True).stdout
    assert listed.strip() == "['mine.toml']"
    assert load(target) == load("iss-heritage")
    for p in leftovers:  # named directly it is refused, not half-read
        with pytest.raises(InputError, match="no such assumption set"):
            load(p.name)


def test_atomic_write_into_a_missing_folder_is_an_input_error(tmp_path, capsys):
    from orbital import cli

    assert cli.main(["export", "-o", str(tmp_path / "nope" / "x.toml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orbital: error: ") and "cannot write the file" in err
    with pytest.raises(OSError):  # the low-level writer still raises for its callers
        atomic_write(tmp_path / "nope" / "x.toml", "x")


# ----------------------------------------------------------------------------- files are data

FORBIDDEN = [
    (r"(?<![\w.])eval\s*\(", "eval("), (r"(?<![\w.])exec\s*\(", "exec("),
    (r"(?<![\w.])compile\s*\(", "compile("), (r"\bimport\s+pickle\b|\bfrom\s+pickle\b", "pickle"),
    (r"\bpickle\.", "pickle."), (r"\bmarshal\b", "marshal"), (r"\bshelve\b", "shelve"),
    (r"yaml\.(?:load|unsafe_load|full_load)\s*\(", "yaml.load"), (r"\bdill\b", "dill"),
    (r"__import__\s*\(", "__import__("), (r"subprocess|os\.system|os\.popen", "a shell"),
    (r"\bimportlib\.import_module\s*\(", "import_module("),
]


def test_the_package_never_executes_data():
    hits = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        code = re.sub(r'""".*?"""|\'\'\'.*?\'\'\'', "", text, flags=re.S)  # docstrings
        code = "\n".join(line.split("#", 1)[0] for line in code.splitlines())
        rel = path.relative_to(PACKAGE).as_posix()
        for pattern, what in FORBIDDEN:
            if what == "a shell" and rel in PROCESS_RUNNERS:
                continue
            for m in re.finditer(pattern, code):
                hits.append(f"{rel}: {what}: {m.group(0)!r}")
    assert len(list(PACKAGE.rglob("*.py"))) > 10  # the scan really read the package
    assert hits == []


#: Modules allowed to start a process: the PDF print runs Chromium with a fixed argument list
#: (the executable, constant flags and two file paths), never through a shell.
PROCESS_RUNNERS = {"reports/pdf.py"}


def test_the_one_process_runner_takes_no_shell_and_no_data():
    for rel in PROCESS_RUNNERS:
        code = (PACKAGE / rel).read_text(encoding="utf-8")
        assert "shell=" not in code and not re.search(r"os\.system|os\.popen|Popen", code)
        calls = re.findall(r"subprocess\.run\((\w+)", code)
        assert calls == ["argv"]  # one call, on the list built from the executable and flags
        assert re.search(r"argv = \[exe, \*FLAGS, ", code)


def test_the_scan_would_catch_them(tmp_path):
    samples = {"eval(": "x = eval(text)", "pickle": "import pickle",
               "yaml.load": "yaml.load(f)", "exec(": "exec(code)"}
    for what, line in samples.items():
        assert any(re.search(p, line) for p, w in FORBIDDEN if w == what), what


def test_uploads_and_files_have_a_size_cap():
    from orbital.sets.files import MAX_FILE_BYTES

    assert 0 < MAX_FILE_BYTES <= 10_000_000
    with pytest.raises(InputError, match="at most"):
        loads(b" " * (MAX_FILE_BYTES + 1))


# ----------------------------------------------------------------------------- edges

EDGE_OVERRIDES = [
    {"finance.discount_rate": Q_(0, "1/yr")},
    {"finance.analysis_period": Q_(1, "yr")},
    {"finance.analysis_period": Q_(100, "yr")},
    {"buildout.mass_per_year": Q_(0, "t/yr")},
    {"buildout.mass_growth_rate": Q_(0, "1/yr")},
    {"learning.rate": Q_(0, "1")},
    {"learning.rate": Q_(1, "1")},
    {"buildout.array_degradation": Q_(1, "1/yr")},
    {"buildout.compute_failure_rate": Q_(1, "1/yr")},
    {"buildout.service_life": Q_(1, "yr")},
    {"space.operations_rate": Q_(0, "1/yr")},
    {"ground.storage_duration": Q_(0, "h")},
    {"ground.time_to_power": Q_(0, "yr")},
    {"spacecraft.bus_mass_fraction": Q_(0, "1")},
    {"orbit.inclination": Q_(0, "deg")},
    {"orbit.inclination": Q_(180, "deg")},
    {"lunar.duty_cycle": Q_(0, "1")},
    {"lunar.shots_per_second": Q_(0, "1/s")},
    {"launch.margin": Q_(0, "1")},
]


@pytest.mark.parametrize("preset", ["default", "musk-moonshot-2026"])
def test_evaluate_at_the_edges_of_the_valid_ranges(preset):
    base = load(preset)
    for ov in EDGE_OVERRIDES:
        ov = {k: v for k, v in ov.items() if k in catalogue.parameters()}
        try:
            r = orbital.evaluate(base, ov)
        except InputError:  # a refusal that names the input is allowed; a crash is not
            continue
        assert set(r.scalars()) and all(np.ndim(r.magnitude(n)) == 0 for n in r.scalars())
    # every closed bound of every parameter, one evaluate call per bound
    for spec in catalogue.parameters():
        if spec.kind == "choice":
            continue
        for bound, is_open in ((spec.low, spec.low_open), (spec.high, spec.high_open)):
            if bound is None or is_open:
                continue
            try:
                orbital.evaluate(base, {spec.name: Q_(bound, spec.unit)})
            except InputError:
                pass


def _edge_set():
    """default with the edges at once: mode at a bound, zero discount rate, a single year."""
    base = load("default")
    txt = base.to_toml() + ""
    aset = loads(txt).with_values({"finance.discount_rate": Q_(0, "1/yr"),
                                   "finance.analysis_period": Q_(1, "yr")})
    p = "launch.price_per_kg"
    data = {"meta": {"extends": "default"},
            "launch": {"price_per_kg": {"value": 100, "unit": "USD/kg", "source": "edge",
                                        "distribution": {"kind": "triangular", "low": 100,
                                                         "mode": 100, "high": 1000}}},
            "finance": {"discount_rate": {"value": 0, "unit": "1/yr", "source": "edge",
                                          "distribution": {"kind": "triangular", "low": 0,
                                                           "mode": 0, "high": 0.1}},
                        "analysis_period": {"value": 1, "unit": "yr", "source": "edge"}},
            "array": {"cell_efficiency": {"value": 1, "unit": "1", "source": "edge",
                                          "distribution": {"kind": "triangular", "low": 0.2,
                                                           "mode": 1, "high": 1}}}}
    import json

    edge = loads(json.dumps(data), fmt="json")
    assert edge[p].distribution["mode"] == edge[p].distribution["low"]
    return edge, aset


def test_analyses_run_with_modes_at_bounds_zero_rate_and_one_year():
    edge, _ = _edge_set()
    names = ["launch.price_per_kg", "finance.discount_rate", "array.cell_efficiency"]
    mc = analysis.monte_carlo(edge, "compare.cost_ratio", n=2000, seed=1, params=names)
    col = [c for c in mc.columns if c.startswith("compare.cost_ratio")][0]
    assert np.isfinite(mc.loc["P50", col])
    lhs = analysis.monte_carlo(edge, "compare.cost_ratio", n=512, seed=2, params=names,
                               method="lhs")
    assert np.isfinite(lhs.loc["mean", col])
    tor = analysis.tornado(edge, "compare.cost_ratio", params=names)
    assert list(tor["parameter"]) and np.isfinite(tor.filter(like="swing").to_numpy()).all()
    sw = analysis.sweep(edge, "finance.discount_rate", Q_([0.0, 0.05, 0.1], "1/yr"),
                        results="space.total_cost")
    assert np.isfinite(sw.filter(like="space.total_cost").to_numpy()).all()
    so = analysis.sobol(edge, "compare.cost_ratio", n=64, seed=3, params=names)
    assert np.isfinite(so.filter(like="S1").to_numpy()).all()
    samples = analysis.monte_carlo_samples(edge, "compare.cost_ratio", n=500, seed=4,
                                           params=names)
    lo_hi = samples.filter(like="launch.price_per_kg").to_numpy()
    assert lo_hi.min() >= 100 and lo_hi.max() <= 1000  # the mode at the bound keeps the support


def test_analyses_with_zero_tonnage_and_a_one_year_period():
    base = load("default").with_values({"buildout.mass_per_year": Q_(0, "t/yr"),
                                        "finance.analysis_period": Q_(1, "yr")})
    r = orbital.evaluate(base)
    assert r.magnitude("buildout.power_added_per_year") == 0
    sw = analysis.sweep(base, "launch.price_per_kg", Q_([10, 100, 1000], "USD/kg"),
                        results=["buildout.total_launch_spend"])
    assert (sw.filter(like="buildout.total_launch_spend").to_numpy() == 0).all()
    mc = analysis.monte_carlo(base, "compare.cost_ratio", n=256, seed=0,
                              ranges={"buildout.mass_per_year": (Q_(0, "t/yr"),
                                                                 Q_(1000, "t/yr"))})
    assert mc.attrs["n"] == 256
