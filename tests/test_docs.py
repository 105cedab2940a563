"""The README stays true: its glossary matches the catalogue and its Python examples run."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from orbital.model import catalogue, docs

README = Path(__file__).resolve().parent.parent / "README.md"


def test_glossary_is_generated_from_the_catalogue():
    text = README.read_text(encoding="utf-8")
    assert docs.render_readme(text) == text, "run `python -m orbital.model.docs` to update README.md"


def test_glossary_names_every_parameter_and_result_with_its_unit():
    text = README.read_text(encoding="utf-8")
    for spec in list(catalogue.parameters()) + list(catalogue.results()):
        assert f"`{spec.name}`" in text, spec.name


@pytest.mark.parametrize("block", re.findall(r"```python\n(.*?)```",
                                             README.read_text(encoding="utf-8"), re.S))
def test_readme_python_examples_run(block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that export write here
    exec(compile(block, "README.md", "exec"), {})
