"""The orbital command line: outputs, --set, export/diff, and exit status 2 on bad input."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import subprocess
import sys

import pytest

import orbital
from orbital.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_table(capsys):
    code, out, err = run(capsys, "evaluate", "musk-moonshot-2026")
    assert code == 0 and err == ""
    assert "buildout.power_added_per_year" in out and "GW/yr" in out
    assert "Buildout by year" in out


def test_evaluate_json_shape(capsys):
    code, out, _ = run(capsys, "evaluate", "musk-moonshot-2026", "--json")
    assert code == 0
    data = json.loads(out)
    res = data["results"]
    assert set(res) == set(orbital.evaluate(orbital.load("musk-moonshot-2026")))
    for name, item in res.items():
        assert set(item) == {"value", "unit"}, name
    assert res["buildout.power_added_per_year"] == {"value": pytest.approx(100.0),
                                                     "unit": "GW/yr"}
    assert res["launch.spend_per_year"]["value"] == pytest.approx(1e11)
    assert res["launch.flights_per_year"]["value"] == pytest.approx(1e4)
    assert len(res["buildout.installed_power"]["value"]) == len(data["years"])


def test_evaluate_csv_shape(capsys):
    code, out, _ = run(capsys, "evaluate", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["name", "year", "value", "unit"]
    r = orbital.evaluate(orbital.load("default"))
    scalars = [row for row in rows if row["year"] == ""]
    assert {row["name"] for row in scalars} == set(r.scalars())
    per_year = [row for row in rows if row["name"] == "buildout.installed_power"]
    assert [int(row["year"]) for row in per_year] == r.years.tolist()
    for row in rows:
        float(row["value"])


def test_set_with_units_and_bare_number(capsys):
    _, out1, _ = run(capsys, "evaluate", "--json", "--set", "launch.price_per_kg=200 USD/kg",
                     "--set", "learning.model=none")
    _, out2, _ = run(capsys, "evaluate", "--json", "--set", "launch.price_per_kg=200",
                     "--set", "learning.model=none")
    _, out3, _ = run(capsys, "evaluate", "--json", "--set", "launch.price_per_kg=200000 USD/t",
                     "--set", "learning.model=none")
    r1, r2, r3 = (json.loads(o)["results"] for o in (out1, out2, out3))
    assert r1["launch.price_per_kg"]["value"] == pytest.approx(200)
    assert r1 == r2
    assert r3["launch.spend_per_year"]["value"] == pytest.approx(r1["launch.spend_per_year"]
                                                                 ["value"])
    assert "launch.price_per_kg" in json.loads(out1)["changes"][0]


def test_params(capsys):
    code, out, _ = run(capsys, "params", "musk-moonshot-2026", "--json")
    assert code == 0
    params = json.loads(out)["parameters"]
    assert params["launch.price_per_kg"]["value"] == 100
    assert params["launch.price_per_kg"]["unit"] == "USD/kg"
    assert all(p["source"] for p in params.values())
    code, out, _ = run(capsys, "params")
    assert code == 0 and "launch.price_per_kg" in out and "source" in out


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_export_then_load_equals(capsys, tmp_path, suffix):
    out = tmp_path / f"x{suffix}"
    code, text, _ = run(capsys, "export", "musk-moonshot-2026", "--set",
                        "launch.price_per_kg=42 USD/kg", "-o", str(out))
    assert code == 0 and str(out) in text
    expected = orbital.load("musk-moonshot-2026").with_values(
        {"launch.price_per_kg": "42 USD/kg"}, source="--set on the command line", place="--set")
    back = orbital.load(out)

    def when_removed(aset):  # the change's time stamp is the clock's (the export ran earlier)
        return {k: dataclasses.replace(a, note=re.sub(r"^Changed \S+ ", "Changed <when> ", a.note))
                for k, a in aset.items()}

    assert when_removed(back) == when_removed(expected)
    assert re.match(r"Changed \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", back["launch.price_per_kg"].note)
    assert back.name == "musk-moonshot-2026-modified"


def test_diff(capsys, tmp_path):
    code, out, _ = run(capsys, "diff", "default", "musk-moonshot-2026")
    assert code == 0 and "launch.price_per_kg" in out
    code, out, _ = run(capsys, "diff", "default", "default")
    assert code == 0 and "same" in out
    code, out, _ = run(capsys, "diff", "default", "musk-moonshot-2026", "--json")
    names = [d["name"] for d in json.loads(out)["differences"]]
    assert "launch.price_per_kg" in names and "power.specific_power" in names


BAD = [
    (["evaluate", "nonexistent"], "nonexistent"),
    (["evaluate", "--set", "launch.price_per_kg=100 kg"], "launch.price_per_kg"),
    (["evaluate", "--set", "launch.price_per_kg=abc"], "launch.price_per_kg"),
    (["evaluate", "--set", "launch.price_per_kgg=1"], "did you mean"),
    (["evaluate", "--set", "launch.price_per_kg"], "NAME=VALUE"),
    (["evaluate", "--set", "launch.price_per_kg=-1"], "launch.price_per_kg"),
    (["evaluate", "--set", "launch.price_per_kg=nan"], "finite"),
    (["evaluate", "--set", "lunar.efficiency=120 %"], "lunar.efficiency"),
    (["evaluate", "--set", "launch.price_model=cheap"], "launch.price_model"),
    (["evaluate", "--json", "--csv"], "not allowed"),
    (["evaluate", "--bogus"], "--bogus"),
    (["frobnicate"], "frobnicate"),
    (["export", "default"], "-o"),
    (["export", "default", "-o", "x.yaml"], ".yaml"),
    (["diff", "default"], "B"),
    (["diff", "default", "nonexistent"], "nonexistent"),
    (["params", "nonexistent.toml"], "nonexistent.toml"),
]


@pytest.mark.parametrize("argv,part", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, monkeypatch, argv, part):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("orbital: error:"), err
    assert part in lines[0]
    assert "Traceback" not in err + out


def test_bad_file_through_the_real_process(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[meta]\nextends = "default"\n\n[launch.price_per_kg]\nvalue = 100\n'
                   'unit = "kg"\nsource = "x"\n')
    p = subprocess.run([sys.executable, "-m", "orbital.cli", "evaluate", str(bad)],
                       capture_output=True, text=True)
    assert p.returncode == 2
    assert p.stdout == ""
    assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr
    for part in ("bad.toml", "line 4", "launch.price_per_kg", "'kg'", "USD/kg"):
        assert part in p.stderr
    ok = subprocess.run([sys.executable, "-m", "orbital.cli", "evaluate", "--json"],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and json.loads(ok.stdout)["results"]


def test_json_is_strict_when_a_result_is_not_finite(capsys):
    """No break-even gives nan internally; --json prints null, which strict parsers accept."""
    import json as _json

    from orbital.cli import main as _main

    assert _main(["evaluate", "--json"]) == 0
    text = capsys.readouterr().out
    assert "NaN" not in text and "Infinity" not in text

    def strict(name):
        raise ValueError(f"non-standard JSON constant {name}")

    data = _json.loads(text, parse_constant=strict)
    be = data["results"]["compare.breakeven_price_per_kg"]
    assert be["unit"] == "USD/kg"
    assert be["value"] is None or isinstance(be["value"], float)
