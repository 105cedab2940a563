"""Writes ``orbital/core/unit_facts.json``: pint's facts (:mod:`orbital.core.units`) for
every unit the catalogue declares and the shipped presets write, so that loading a set and
printing results need not load pint.

    .venv/bin/python -m orbital.model.unit_table          # rewrite the table
    .venv/bin/python -m orbital.model.unit_table --check  # exit 1 if it is stale
"""
from __future__ import annotations

import json
import sys
import tomllib

from ..core import units
from ..sets.files import preset_paths
from . import catalogue


def _preset_units(node, out: set) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("unit"), str):
            out.add(node["unit"])
        for v in node.values():
            _preset_units(v, out)


def unit_texts() -> list[str]:
    """Every unit string orbital meets on its own: the catalogue's and the presets'."""
    specs = [*catalogue.parameters(), *catalogue.results()]
    texts = {spec.unit for spec in specs if getattr(spec, "kind", "") != "choice"}
    for path in preset_paths():
        _preset_units(tomllib.loads(path.read_text(encoding="utf-8")), texts)
    return sorted({units.normalise(t) for t in texts})


def table() -> dict:
    """``{normalised unit text: facts as plain data}``, computed by pint."""
    return {t: units.from_pint(units.ureg.Unit(t)).to_data() for t in unit_texts()}


def text() -> str:
    rows = sorted(table().items())
    return "{\n" + ",\n".join(f"{json.dumps(k, ensure_ascii=False)}: "
                               f"{json.dumps(v, ensure_ascii=False)}" for k, v in rows) + "\n}\n"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    want = text()
    if "--check" in argv:
        have = units.TABLE.read_text(encoding="utf-8") if units.TABLE.exists() else ""
        if have != want:
            print(f"{units.TABLE} is stale: run python -m orbital.model.unit_table")
            return 1
        return 0
    units.TABLE.write_text(want, encoding="utf-8")
    print(f"wrote {len(json.loads(want))} units to {units.TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
