"""``orbital compare``: both columns with breakdowns and the solvers; exit codes as evaluate."""
import csv
import io
import json
import os
import subprocess
import sys

import pytest

from orbital import cli


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_shows_both_columns_breakdowns_and_solvers(capsys):
    code, out, err = run(capsys, "compare", "mccalip-2025")
    assert code == 0 and err == ""
    assert "space" in out and "ground" in out
    for row in ("hardware_cost", "launch_cost", "replacement_cost", "power_generation_cost",
                "it_energy_cost", "breakeven_price_per_kg", "required_specific_power",
                "required_satellite_cost_per_watt", "compare.method = mccalip"):
        assert row in out
    # the calibration totals, as printed
    assert "51,095,348,397" in out and "15,851,062,160" in out
    assert "no break-even" in out  # the page-default break-even does not exist, and says why


def test_json_has_sides_and_solver_reasons(capsys):
    code, out, _ = run(capsys, "compare", "starcloud-2024", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["assumption_set"] == "starcloud-2024"
    assert set(("space", "ground", "compare", "solvers")) <= set(data)
    assert data["space"]["space.total_cost"]["unit"] == "USD"
    assert data["ground"]["ground.total_cost"]["value"] == pytest.approx(167.168e6)
    sol = data["solvers"]["compare.breakeven_price_per_kg"]
    assert sol["status"] == 0 and sol["reason"] == "solved"


def test_csv_rows(capsys):
    code, out, _ = run(capsys, "compare", "--csv", "--set", "launch.price_per_kg=200",
                       "--set", "space.launch_destination=as_priced")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    names = {r["name"] for r in rows}
    assert {"space.total_cost", "ground.total_cost", "compare.cost_ratio",
            "compare.breakeven_price_per_kg"} <= names
    assert {r["section"] for r in rows} == {"space", "ground", "compare"}
    price = next(r for r in rows if r["name"] == "space.launch_price_per_kg")
    assert float(price["value"]) == pytest.approx(200.0)


def test_set_changes_the_answer(capsys):
    _, a, _ = run(capsys, "compare", "--json")
    _, b, _ = run(capsys, "compare", "--json", "--set", "space.satellite_cost_per_watt=5 USD/W")
    ta = json.loads(a)["space"]["space.total_cost"]["value"]
    tb = json.loads(b)["space"]["space.total_cost"]["value"]
    assert tb < ta
    assert json.loads(b)["changes"]


@pytest.mark.parametrize("argv", [
    ["compare", "--set", "launch.price_per_kg=abc"],
    ["compare", "--set", "space.replacement_model=both"],
    ["compare", "--set", "space.target_power=-1 GW"],
    ["compare", "--set", "space.target_power=1 kg"],
    ["compare", "no-such-preset"],
    ["compare", "--json", "--csv"],
])
def test_bad_input_exits_2_with_one_line(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("orbital: error:")
    assert "Traceback" not in err


def test_console_script_runs_compare():
    exe = os.path.join(os.path.dirname(sys.executable), "orbital")
    p = subprocess.run([exe, "compare", "turyshev-2026"], capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    assert "allowable_launch_and_build_per_kg" in p.stdout
    p = subprocess.run([exe, "compare", "--set", "nope=1"], capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 2 and "Traceback" not in p.stderr
