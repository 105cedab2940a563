"""The unit table (orbital/core/units.py, unit_facts.json) answers as pint does, so that loading a set and
printing results need not load pint; and the commands that only do that do not load it."""
from __future__ import annotations

import subprocess
import sys

import pytest

import orbital
from orbital.core import units
from orbital.model import unit_table
from orbital.sets.files import preset_paths
from orbital.sets.loading import load


def test_the_table_is_what_pint_says_for_every_unit_of_the_catalogue_and_presets():
    # rebuilt from pint and compared as text: a new unit in a preset, or a changed units.txt,
    # fails here until `python -m orbital.model.unit_table` is run
    assert unit_table.main(["--check"]) == 0


def test_each_table_entry_matches_pint_field_by_field():
    for text, fact in units._table().items():
        u = units.ureg.Unit(text)
        assert fact.factor == float(units.ureg.Quantity(1.0, u).to_base_units().magnitude), text
        assert fact.offset == units.is_offset(u), text
        assert dict(fact.dims) == {str(k): float(v) for k, v in dict(u.dimensionality).items()}
        assert fact.kind == tuple((n, float(e)) for n, e in units.unit_kind(u)), text
        assert fact.label == (f"{u:~P}" or "1"), text


@pytest.mark.parametrize("path", preset_paths(), ids=lambda p: p.stem)
def test_every_preset_value_reaches_si_exactly_as_through_pint(path):
    aset = load(path.stem)
    for name in aset._params:
        a = aset[name]
        if isinstance(a.value, str):
            continue
        q = units.ureg.Quantity(a.value, units.ureg.Unit(units.normalise(a.unit)))
        assert aset.si()[name] == float(q.m_as(a.spec.si_unit)) or a.schedule, name


def test_a_unit_outside_the_table_is_asked_of_pint():
    assert units.known("kt/d") is None
    f = units.facts("kt/d")
    assert f.factor == pytest.approx(1e6 / 86400.0, rel=1e-15)
    assert f.same_kind(units.facts("t/yr")) and not f.same_kind(units.facts("USD/kg"))
    aset = orbital.load("default").with_values({"buildout.mass_per_year": orbital.Q_(2, "kt/d")})
    assert aset.si()["buildout.mass_per_year"] == pytest.approx(2e6 / 86400.0, rel=1e-15)


def test_an_offset_unit_converts_through_pint():
    assert units.facts("degC").offset
    assert units.value_to_si(20.0, "degC") == pytest.approx(293.15, rel=1e-15)


def test_a_wrong_kind_is_refused_by_the_table_as_by_pint(tmp_path):
    # deg and percent are both dimensionless to pint: the kind tells them apart
    p = tmp_path / "s.toml"
    p.write_text('[meta]\nextends = "default"\n\n[array.cell_efficiency]\nvalue = 30\n'
                 'unit = "deg"\nsource = "x"\n', encoding="utf-8")
    with pytest.raises(orbital.InputError, match="an angle"):
        orbital.load(str(p))


@pytest.mark.parametrize("command", [["evaluate"], ["evaluate", "--json"], ["compare"],
                                     ["claims"], ["timeline"],
                                     ["compare", "musk-moonshot-2026"]])
def test_commands_that_load_and_print_do_not_load_pint(command):
    code = ("import sys, io, contextlib; sys.argv = ['orbital'] + sys.argv[1:]\n"
            "from orbital.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    try:\n        main()\n    except SystemExit as e:\n        code = e.code\n"
            "print(len(out.getvalue()), 'pint' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True,
                         check=True)
    printed, loaded = res.stdout.split()
    assert int(printed) > 200 and loaded == "False", res.stderr


def test_conversion_between_table_units_is_pints():
    table = units._table()
    pairs = [(a, b) for a in table for b in table
             if table[a].same_kind(table[b]) and not (table[a].offset or table[b].offset)]
    assert len(pairs) > 100
    for a, b in pairs:
        for v in (1.0, 20.0, 0.35, 12345.678):
            want = units.ureg.Quantity(v, units.ureg.Unit(a)).m_as(units.ureg.Unit(b))
            got = units.convert(v, a, b)
            # the same unit: the value itself; else within a few ulps of pint's
            assert got == want if a == b else got == pytest.approx(want, rel=1e-15, abs=0), \
                (a, b, v)
