"""What a journalist publishes from: labels in words, provenance of changed values, distinct
diff columns, offline charts, and why the Monte Carlo's centre can differ from the value."""
from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from orbital.cli.files import write_chart
from orbital.cli.main import main
from orbital.core.units import Q_
from orbital.model import catalogue
from orbital.model.labels import label, unit_text, words
from orbital.sets.loading import load


def every_name():
    return [(p.name, False) for p in catalogue.parameters()] + \
        [(r.name, True) for r in catalogue.results()]


@pytest.mark.parametrize("name,result", every_name())
def test_every_name_has_words_and_its_unit(name, result):
    text = label(name, result=result)
    spec = (catalogue.results() if result else catalogue.parameters())[name]
    assert not re.search(r"[a-z]_[a-z]", text) and name not in text
    u = "" if getattr(spec, "kind", "") == "choice" else unit_text(spec.unit)
    if u and not (u == "per yr" and "per year" in words(name)):
        assert text.endswith(f"({u})"), text


def test_parameter_labels_are_distinct():
    texts = [label(p.name) for p in catalogue.parameters()]
    assert len(set(texts)) == len(texts)


def numeric_params(aset):
    return [p.name for p in catalogue.parameters()
            if p.kind != "choice" and not isinstance(aset[p.name].value, str)]


def test_a_changed_value_says_what_it_was_and_became():
    aset = load("default")
    for name in numeric_params(aset)[:12]:
        old = aset[name]
        spec = catalogue.parameters()[name]
        new_value = old.value * 0.5 if old.value else 0.5
        if spec.low is not None and new_value <= spec.low:
            new_value = (old.value + (spec.high if spec.high is not None else old.value + 1)) / 2
        changed = aset.with_values({name: Q_(new_value, old.unit or "1")}, source="a test",
                                   place="here")[name]
        assert f"was {old.value:g}" in changed.note and f"became {new_value:g}" in changed.note
        assert old.source in changed.note and "a test" in changed.note and "here" in changed.note
        assert re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", changed.note)
        assert changed.confidence == "assumption"


def test_diff_columns_are_distinct_for_sets_of_one_name(tmp_path, capsys):
    aset = load("default")
    name = numeric_params(aset)[0]
    p = tmp_path / "changed.toml"
    p.write_text(aset.with_values({name: Q_(aset[name].value * 2, aset[name].unit or "1")},
                                  source="x").to_toml())
    assert main(["diff", "default", str(p)]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    cells = [c for c in re.split(r"\s{2,}", header.strip()) if c]
    assert len(cells) >= 3 and cells[1] != cells[2], header


def test_html_charts_work_offline(tmp_path):
    out = write_chart(go.Figure(go.Bar(x=[1], y=[2])), str(tmp_path / "c.html"))
    text = out.read_text()
    assert not re.search(r"<script[^>]*src=[\"']https?:", text)  # nothing fetched
    assert len(text) > 1_000_000  # plotly.js itself, embedded


def test_monte_carlo_flags_a_distribution_off_its_value():
    from orbital.analysis import monte_carlo

    aset = load("default")
    name = numeric_params(aset)[0]
    v = aset[name].value
    lo, hi = (v * 1.5, v * 2.0) if v > 0 else (1.0, 2.0)  # a range that misses the value
    df = monte_carlo(aset, ["compare.cost_ratio"], n=1000, ranges={name: (lo, hi)})
    [flag] = [f for f in df.attrs["off_centre"] if f["parameter"] == name]
    assert not flag["inside"] and flag["value"] == pytest.approx(v)
    assert lo <= flag["median"] <= hi


def test_an_exported_changed_set_says_what_it_was_derived_from(tmp_path):
    import orbital
    seed = orbital.load("musk-moonshot-2026")
    changed = seed.with_values({"launch.price_per_kg": orbital.Q_(200, "USD/kg")})
    back = orbital.load(str(changed.export(tmp_path / "x.toml")))
    assert back.name == "musk-moonshot-2026-modified"
    assert back.based_on[:2] == ("musk-moonshot-2026", "default")
    assert back.description.startswith("Derived from 'musk-moonshot-2026' with 1 change(s)")
    # an unchanged set exports as itself
    same = orbital.load(str(seed.export(tmp_path / "y.toml")))
    assert same.name == "musk-moonshot-2026" and same.based_on == seed.based_on
