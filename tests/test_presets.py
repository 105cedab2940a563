"""Every shipped assumption set loads, and every value in it has a unit and a source."""
from __future__ import annotations

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

import pytest

import orbital
from orbital.core.spec import CONFIDENCE
from orbital.model import catalogue
from orbital.sets.entries import parse_unit
from orbital.sets.files import preset_paths

PRESETS = preset_paths()


def test_the_two_issue_presets_exist():
    stems = [p.stem for p in PRESETS]
    assert stems[0] == "default" and "musk-moonshot-2026" in stems


@pytest.mark.parametrize("path", PRESETS, ids=[p.stem for p in PRESETS])
def test_preset_loads_complete(path):
    a = orbital.load(path)
    assert a.name == path.stem
    assert set(a) == set(catalogue.parameters().names())
    assert a.description


@pytest.mark.parametrize("path", PRESETS, ids=[p.stem for p in PRESETS])
def test_every_value_written_in_the_file_has_unit_source_and_valid_confidence(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    specs = catalogue.parameters()
    entries = [(f"{sec}.{key}", e) for sec, table in data.items() if sec != "meta"
               for key, e in table.items()]
    assert entries
    for name, e in entries:
        spec = specs[name]
        assert isinstance(e["source"], str) and e["source"].strip(), name
        if spec.kind == "quantity":
            assert "unit" in e, name
            assert parse_unit(e["unit"], name).dimensionality == spec.pint_unit.dimensionality
        else:
            assert "unit" not in e and e["value"] in spec.options, name
        if "confidence" in e:
            assert e["confidence"] in CONFIDENCE, name


@pytest.mark.parametrize("path", PRESETS, ids=[p.stem for p in PRESETS])
def test_every_loaded_value_has_unit_and_source(path):
    a = orbital.load(path)
    for name, entry in a.items():
        assert entry.source.strip(), name
        if entry.spec.kind == "quantity":
            assert entry.unit, name
            assert entry.quantity.check(entry.spec.pint_unit.dimensionality), name
        assert entry.confidence in ("",) + CONFIDENCE


@pytest.mark.parametrize("path", PRESETS, ids=[p.stem for p in PRESETS])
def test_preset_evaluates_to_finite_core_results(path):
    import numpy as np
    r = orbital.evaluate(orbital.load(path))
    never = {"launch.floor_mass"}  # inf is its answer "never" (no learning, or no floor)
    for name in r:
        if name in never:
            assert not np.isnan(r.magnitude(name)) and r.magnitude(name) >= 0, name
        elif name.split(".")[0] in ("launch", "buildout", "lunar", "power"):
            assert np.all(np.isfinite(r.magnitude(name))), name


def test_seed_preset_reproduces_the_claim():
    a = orbital.load("musk-moonshot-2026")
    assert a.based_on == ("default",)
    assert a.quantity("launch.price_per_kg").m_as("USD/kg") == 100
    assert a.quantity("buildout.mass_per_year").m_as("t/yr") == 1_000_000
    assert a.quantity("power.specific_power").m_as("kW/t") == 100
    r = orbital.evaluate(a)
    assert r["buildout.power_added_per_year"].m_as("GW/yr") == pytest.approx(100)
    assert r["launch.spend_per_year"].m_as("USD/yr") == pytest.approx(100e9)
    assert r["launch.flights_per_year"].m_as("1/yr") == pytest.approx(10_000)
