"""orbital.sets: the loader refuses every bad input with one clear line; export is exact
and atomic."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

import orbital
from orbital import InputError
from orbital.model import catalogue
from orbital.sets.entries import Assumption, Distribution
from orbital.sets.files import atomic_write
from orbital.sets.loading import load, loads

HEAD = '[meta]\nextends = "default"\n\n'


def entry(name: str, body: str) -> str:
    return f"[{name}]\n{body}\n"


def write(tmp_path: Path, filename: str, text: str) -> Path:
    p = tmp_path / filename
    p.write_text(text, encoding="utf-8")
    return p


def refused(path: Path, *parts: str) -> str:
    """Load ``path``, expect InputError, check the message is one line naming each part."""
    with pytest.raises(InputError) as info:
        load(path)
    msg = str(info.value)
    assert "\n" not in msg, msg
    assert path.name in msg, msg
    for part in parts:
        assert part in msg, f"{part!r} not in {msg!r}"
    return msg


PRICE = "launch.price_per_kg"


# ----------------------------------------------------------------------------- bad inputs

def test_unknown_parameter_with_did_you_mean(tmp_path):
    p = write(tmp_path, "typo.toml", HEAD + entry("launch.price_per_kgg",
                                                  'value = 1\nunit = "USD/kg"\nsource = "x"'))
    refused(p, "line 4", "launch.price_per_kgg", "unknown parameter", "did you mean", PRICE)


def test_unknown_section_with_did_you_mean(tmp_path):
    p = write(tmp_path, "sec.toml", HEAD + entry("lanch.price_per_kg",
                                                 'value = 1\nunit = "USD/kg"\nsource = "x"'))
    refused(p, "unknown section 'lanch'", "did you mean 'launch'", "expected")


def test_unknown_field_with_did_you_mean(tmp_path):
    p = write(tmp_path, "field.toml", HEAD + entry(PRICE, 'value = 1\nunit = "USD/kg"\n'
                                                   'source = "x"\nsorce = "y"'))
    refused(p, PRICE, "'sorce'", "did you mean 'source'", "expected fields")


def test_unknown_meta_key_with_did_you_mean(tmp_path):
    p = write(tmp_path, "meta.toml", '[meta]\nextend = "default"\n')
    refused(p, "unknown meta key 'extend'", "did you mean 'extends'")


def test_wrong_dimension(tmp_path):
    p = write(tmp_path, "dim.toml", HEAD + entry(PRICE, 'value = 100\nunit = "kg"\nsource = "x"'))
    refused(p, PRICE, "'kg'", "mass", "USD/kg")


def test_unknown_unit(tmp_path):
    p = write(tmp_path, "unit.toml", HEAD + entry(PRICE, 'value = 100\nunit = "USD/kgg"\n'
                                                  'source = "x"'))
    msg = refused(p, PRICE, "USD/kgg", "kgg", "expected a unit")
    assert "('" not in msg  # the unknown unit's name, not a Python tuple


@pytest.mark.parametrize("name,value,unit,given,expected", [
    ("launch.payload_per_flight", "-5", "t", "-5", "> 0 t"),            # negative mass
    ("buildout.mass_per_year", "-1", "t/yr", "-1", "≥ 0"),
    ("lunar.efficiency", "1.2", "1", "1.2", "≤ 1"),                     # efficiency above 1
    ("lunar.efficiency", "120", "%", "120", "≤ 1"),                      # ... in percent
    ("learning.rate", "1.0", "1", "1", "< 1"),                            # open bound
    ("thermal.sides", "1.5", "1", "1.5", "whole number"),
])
def test_values_outside_physical_range(tmp_path, name, value, unit, given, expected):
    p = write(tmp_path, "range.toml", HEAD + entry(name, f'value = {value}\nunit = "{unit}"\n'
                                                   'source = "x"'))
    refused(p, name, given, expected)


def test_lifetimes_accept_fractional_years(tmp_path):
    # Iridium NEXT's design life is 12.5 years: every lifetime takes fractional years
    from orbital.model.catalogue import parameters
    lives = [p.name for p in parameters() if str(getattr(p, "unit", "")) == "yr"
             and ("life" in p.name or "refresh" in p.name)]
    assert "buildout.service_life" in lives and len(lives) >= 4
    for name in lives:
        aset = orbital.load("default").with_values({name: orbital.Q_(12.5, "yr")})
        assert aset[name].quantity.m_as("yr") == 12.5
        assert np.isfinite(orbital.evaluate(aset).magnitude("compare.cost_ratio"))


@pytest.mark.parametrize("literal", ["nan", "inf", "-inf", "+nan"])
def test_toml_nan_and_inf_literals(tmp_path, literal):
    p = write(tmp_path, "nan.toml", HEAD + entry(PRICE, f'value = {literal}\nunit = "USD/kg"\n'
                                                 'source = "x"'))
    refused(p, PRICE, literal.lstrip("+"), "finite")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity(tmp_path, literal):
    text = ('{"meta": {"extends": "default"}, "launch": {"price_per_kg": '
            f'{{"value": {literal}, "unit": "USD/kg", "source": "x"}}}}}}')
    p = write(tmp_path, "nan.json", text)
    msg = refused(p, PRICE, "finite")
    assert literal.lower().lstrip("-")[:3] in msg.lower()


def test_json_nan_inside_a_distribution(tmp_path):
    text = json.dumps({"meta": {"extends": "default"}, "launch": {"price_per_kg": {
        "value": 100, "unit": "USD/kg", "source": "x",
        "distribution": {"kind": "uniform", "low": 1, "high": 2}}}}).replace('"high": 2', '"high": NaN')
    refused(write(tmp_path, "nan.json", text), PRICE, "high", "finite")


def test_missing_unit(tmp_path):
    p = write(tmp_path, "nounit.toml", HEAD + entry(PRICE, 'value = 100\nsource = "x"'))
    refused(p, PRICE, "100", "no unit", 'unit = "USD/kg"')


@pytest.mark.parametrize("source_line", ["", 'source = ""', 'source = "   "', "source = 3"])
def test_missing_or_empty_source(tmp_path, source_line):
    p = write(tmp_path, "nosrc.toml", HEAD + entry(PRICE, f'value = 100\nunit = "USD/kg"\n'
                                                   f'{source_line}'))
    refused(p, PRICE, "no source", "source =")


def test_value_given_as_text(tmp_path):
    p = write(tmp_path, "txt.toml", HEAD + entry(PRICE, 'value = "100"\nunit = "USD/kg"\n'
                                                 'source = "x"'))
    refused(p, PRICE, "'100'", "a number in USD/kg")


def test_malformed_toml_names_the_line(tmp_path):
    p = write(tmp_path, "bad.toml", HEAD + entry(PRICE, 'value = = 100\nunit = "USD/kg"'))
    refused(p, "line 5", "malformed TOML", "valid TOML")


def test_malformed_json_names_the_line(tmp_path):
    p = write(tmp_path, "bad.json", '{"meta": {"extends": "default"},\n "launch": {,}}')
    refused(p, "line 2", "malformed JSON")


@pytest.mark.parametrize("dist,parts", [
    ('{ kind = "triangular", low = 50, mode = 500, high = 200 }', ("triangular", "mode = 500",
                                                                    "low ≤ mode ≤ high")),
    ('{ kind = "gaussian", mean = 50, sd = 5 }', ("'gaussian'", "one of uniform")),
    ('{ kind = "normal", mean = 50 }', ("normal", "lacks 'sd'", "fields mean, sd")),
    ('{ kind = "uniform", low = 1, high = 2, mode = 1 }', ("unknown field 'mode'",)),
    ('{ kind = "uniform", low = 5, high = 2 }', ("low < high", "low = 5", "high = 2")),
    ('{ kind = "loguniform", low = -1, high = 2 }', ("low > 0",)),
    ('{ kind = "lognormal", median = 100, sigma = 0 }', ("sigma > 0",)),
    ('{ low = 1, high = 2 }', ("kind None",)),
    ('"wide"', ("distribution is the text 'wide'",)),
    ('{ kind = "uniform", low = "1", high = 2 }', ("distribution low", "the text '1'")),
])
def test_bad_distribution(tmp_path, dist, parts):
    p = write(tmp_path, "dist.toml", HEAD + entry(PRICE, 'value = 100\nunit = "USD/kg"\n'
                                                  f'source = "x"\ndistribution = {dist}'))
    refused(p, PRICE, "distribution", *parts)


def test_distribution_outside_the_physical_range(tmp_path):
    p = write(tmp_path, "dist.toml", HEAD + entry(
        "lunar.efficiency", 'value = 0.9\nunit = "1"\nsource = "x"\n'
        'distribution = { kind = "uniform", low = 0.5, high = 1.5 }'))
    refused(p, "lunar.efficiency", "1.5", "≤ 1")


def test_extends_cycle(tmp_path):
    write(tmp_path, "b.toml", '[meta]\nextends = "a.toml"\n')
    a = write(tmp_path, "a.toml", '[meta]\nextends = "b.toml"\n')
    refused(a, "b.toml", "extends", "cycle")
    own = write(tmp_path, "own.toml", '[meta]\nextends = "own.toml"\n')
    refused(own, "own.toml", "cycle")


def test_extends_a_missing_file(tmp_path):
    p = write(tmp_path, "child.toml", '[meta]\nextends = "nope.toml"\n')
    refused(p, "line 2", "nope.toml", "no such assumption set")


def test_extends_a_misspelled_preset(tmp_path):
    p = write(tmp_path, "child.toml", '[meta]\nextends = "defualt"\n')
    refused(p, "defualt", "did you mean 'default'")


def test_error_in_the_parent_names_both_files(tmp_path):
    write(tmp_path, "parent.toml", HEAD + entry(PRICE, 'value = -1\nunit = "USD/kg"\n'
                                                'source = "x"'))
    child = write(tmp_path, "child.toml", '[meta]\nextends = "parent.toml"\n')
    refused(child, "parent.toml", PRICE, "-1")


def test_bad_confidence_label(tmp_path):
    p = write(tmp_path, "conf.toml", HEAD + entry(PRICE, 'value = 100\nunit = "USD/kg"\n'
                                                  'source = "x"\nconfidence = "sure"'))
    refused(p, PRICE, "'sure'", "one of measured")


def test_choice_with_a_unit(tmp_path):
    p = write(tmp_path, "choice.toml", HEAD + entry("launch.price_model", 'value = "given"\n'
                                                    'unit = "1"\nsource = "x"'))
    refused(p, "launch.price_model", "choice", "has a unit", "no unit")


def test_choice_outside_its_options(tmp_path):
    p = write(tmp_path, "choice.toml", HEAD + entry("launch.price_model", 'value = "givn"\n'
                                                    'source = "x"'))
    refused(p, "launch.price_model", "'givn'", "'given', 'vehicle'")


def test_file_missing_parameters_without_extends(tmp_path):
    p = write(tmp_path, "partial.toml", '[meta]\nname = "partial"\n\n' + entry(
        PRICE, 'value = 100\nunit = "USD/kg"\nsource = "x"'))
    first = catalogue.parameters().names()[0]
    n = len(catalogue.parameters()) - 2
    refused(p, "missing", f"'{first}'", f"and {n} more", "extends")


def test_nothing_is_half_loaded(tmp_path):
    before = load("default")
    # a good value before a bad one: the load must fail as a whole
    p = write(tmp_path, "half.toml", HEAD + entry(PRICE, 'value = 5\nunit = "USD/kg"\n'
                                                  'source = "x"') + "\n" +
              entry("lunar.efficiency", 'value = 2\nunit = "1"\nsource = "x"'))
    refused(p, "lunar.efficiency")
    assert load("default") == before
    assert load("default")[PRICE].value == before[PRICE].value
    # a failed with_values leaves the set it was called on untouched
    with pytest.raises(InputError):
        before.with_values({PRICE: "5 USD/kg", "lunar.efficiency": "2"})
    assert before == load("default") and not before.changes


def test_loads_text_and_bytes():
    text = HEAD + entry(PRICE, 'value = 250\nunit = "USD/kg"\nsource = "x"')
    a = loads(text, name="upload.toml")
    assert a[PRICE].value == 250 and a.based_on == ("default",)
    with pytest.raises(InputError) as info:
        loads(b"\xff\xfe", name="upload.toml")
    assert "upload.toml" in str(info.value) and "UTF-8" in str(info.value)


# ----------------------------------------------------------------------------- good inputs

def test_compatible_units_are_accepted_and_kept(tmp_path):
    p = write(tmp_path, "units.toml", HEAD
              + entry(PRICE, 'value = 100000\nunit = "USD/t"\nsource = "x"')
              + entry("lunar.efficiency", 'value = 90\nunit = "%"\nsource = "x"')
              + entry("buildout.service_life", 'value = 60\nunit = "month"\nsource = "x"'))
    a = load(p)
    assert a[PRICE].unit == "USD/t"
    assert a.si()[PRICE] == pytest.approx(100.0)            # USD/kg
    assert a.si()["lunar.efficiency"] == pytest.approx(0.9)
    assert a.si()["buildout.service_life"] == pytest.approx(5 * 365.25 * 86400)
    assert a[PRICE].display_value() == pytest.approx(100.0)


def test_with_values_records_changes_and_checks():
    a = load("default")
    b = a.with_values({PRICE: "250 USD/kg", "buildout.mass_per_year": "2"})
    assert b[PRICE].value == 250 and b[PRICE].unit == "USD/kg"
    assert b["buildout.mass_per_year"].unit == "t/yr"       # bare number: the declared unit
    assert len(b.changes) == 2 and PRICE in b.changes[0]
    assert a != b
    with pytest.raises(InputError) as info:
        a.with_values({PRICE: "100 kg"})
    assert PRICE in str(info.value) and "kg" in str(info.value)
    with pytest.raises(InputError) as info:
        a.with_values({"launch.price_per_kgg": "1"})
    assert "did you mean" in str(info.value)


def test_with_values_rescales_the_distribution_to_the_new_unit():
    a = load("default")
    assert a[PRICE].distribution is not None
    b = a.with_values({PRICE: orbital.Q_(1_000_000, "USD/t")})
    low, high = b[PRICE].distribution.bounds()
    low0, high0 = a[PRICE].distribution.bounds()
    assert (low, high) == pytest.approx((low0 * 1000, high0 * 1000))


def test_distribution_bounds():
    assert Distribution("uniform", (("low", 1), ("high", 3))).bounds() == (1, 3)
    lo, hi = Distribution("normal", (("mean", 10.0), ("sd", 2.0))).bounds()
    assert (lo + hi) / 2 == pytest.approx(10.0)
    from statistics import NormalDist
    assert hi == pytest.approx(NormalDist(10, 2).inv_cdf(0.95))


# ----------------------------------------------------------------------------- export

def _all_presets():
    from orbital.sets.files import preset_paths
    return [p.stem for p in preset_paths()]


@pytest.mark.parametrize("preset", _all_presets())
@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_export_then_load_gives_the_same_set(tmp_path, preset, suffix):
    a = load(preset)
    out = a.export(tmp_path / f"{preset}{suffix}")
    b = load(out)
    assert b == a
    assert dict(b.si()) == dict(a.si())
    for name in a:
        assert b[name] == a[name]
        assert type(b[name].value) is type(a[name].value)
    ra, rb = orbital.evaluate(a), orbital.evaluate(b)
    assert set(ra) == set(rb)
    for name in ra:
        assert np.array_equal(ra.magnitude(name), rb.magnitude(name), equal_nan=True), name
    meta = (json.loads(out.read_text()) if suffix == ".json" else
            __import__("tomllib").loads(out.read_text()))["meta"]
    assert meta["name"] == a.name and meta["orbital_version"] == orbital.__version__
    assert meta["schema_version"] == 1 and meta["exported"]


def test_export_of_a_changed_set_round_trips(tmp_path):
    a = load("musk-moonshot-2026").with_values({PRICE: "37.5 USD/kg", "lunar.efficiency": "85 %"})
    b = load(a.export(tmp_path / "x.toml"))
    # the same values and changes, as a new set derived from the one changed
    assert dict(b.items()) == dict(a.items()) and b.changes == a.changes
    assert b.name == "musk-moonshot-2026-modified" and b.based_on[0] == "musk-moonshot-2026"
    assert dict(load(a.export(tmp_path / "x.json")).items()) == dict(a.items())


def test_export_refuses_an_unknown_format(tmp_path):
    with pytest.raises(InputError) as info:
        load("default").export(tmp_path / "x.yaml")
    assert ".yaml" in str(info.value) and ".toml or .json" in str(info.value)


def test_export_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "set.toml"
    target.write_text("old contents\n")

    def fail(src, dst):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="cannot write the file .disk full"):  # exit 2, no traceback
        load("default").export(target)
    assert target.read_text() == "old contents\n"
    assert sorted(q.name for q in tmp_path.iterdir()) == ["set.toml"]   # no temp file left


def test_atomic_write_interrupted_midway(tmp_path, monkeypatch):
    target = tmp_path / "set.json"
    target.write_text("{}")
    real_fdopen = os.fdopen

    class Boom:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, text):
            self.fh.write(text[: len(text) // 2])
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Boom(real_fdopen(fd, *a, **k)))
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "x" * 1000)
    assert target.read_text() == "{}"
    assert [q.name for q in tmp_path.iterdir()] == ["set.json"]


def test_assumption_equality_ignores_origin_only():
    a = Assumption(PRICE, 100, "USD/kg", "src", origin="a.toml")
    assert a == Assumption(PRICE, 100, "USD/kg", "src", origin="b.toml")
    assert a != Assumption(PRICE, 100, "USD/kg", "other source")
    assert a != Assumption(PRICE, 100, "USD/t", "src")
