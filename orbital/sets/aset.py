"""The assumption set: a complete, checked, frozen set of every parameter's entry."""
from __future__ import annotations

import dataclasses

import datetime as _dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..core.errors import InputError
from ..core.version import __version__
from ..model import catalogue
from .entries import Assumption, parse_entry, to_si
from .files import atomic_write, check_writable
from .values import assumption_from_value, describe

#: Version of the assumption-file format this orbital reads and writes.
SCHEMA_VERSION = 1

class AssumptionSet:
    """A complete, checked, frozen set of assumptions.

    ``set[name]`` is the :class:`Assumption`; ``set.quantity(name)`` its Quantity;
    ``set.inputs(overrides)`` the mapping ``evaluate`` takes; ``set.si()`` the checked SI
    magnitudes.
    """

    def __init__(self, name: str, params: Mapping[str, Assumption], description: str = "",
                 based_on: tuple[str, ...] = (), path: Path | None = None,
                 changes: tuple[str, ...] = (), place: str = "",
                 _reuse: "AssumptionSet | None" = None):
        self.name = name
        self.description = description
        self.based_on = tuple(based_on)
        self.path = path
        self.changes = tuple(changes)
        specs = catalogue.parameters()
        ordered = {n: params[n] for n in specs.names() if n in params}
        self._params = MappingProxyType(ordered)
        missing = [n for n in specs.names() if n not in ordered]
        if missing:
            raise InputError(place or name, f"parameter '{missing[0]}' is missing"
                             + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
                             "a value for every parameter: add it, or extend a set that has it "
                             "(extends = \"default\")")
        # SI magnitudes; a copy made by with_values reuses its parent's for unchanged entries
        prev = _reuse._params if _reuse is not None else {}
        self._si = MappingProxyType({
            n: (_reuse._si[n] if prev.get(n) is a else to_si(a, place or name))
            for n, a in ordered.items()})

    # mapping-ish access
    def __getitem__(self, name: str) -> Assumption:
        try:
            return self._params[name]
        except KeyError:
            raise KeyError(f"unknown parameter '{name}'" + catalogue.parameters().hint(name)) from None

    def __iter__(self):
        return iter(self._params)

    def __len__(self):
        return len(self._params)

    def __contains__(self, name):
        return name in self._params

    def items(self):
        return self._params.items()

    def __eq__(self, other) -> bool:
        if not isinstance(other, AssumptionSet):
            return NotImplemented
        return (self.name, self.description, dict(self._params)) == (
            other.name, other.description, dict(other._params))

    def __repr__(self) -> str:
        return f"<AssumptionSet {self.name!r}: {len(self)} parameters>"

    def quantity(self, name: str):
        return self[name].quantity

    def si(self) -> Mapping[str, Any]:
        """Checked SI magnitudes of every parameter (choices as strings)."""
        return self._si

    def schedules(self) -> dict:
        """Every per-year schedule in SI: {name: :class:`~orbital.core.schedule.Schedule`}
        (found once per set: a scalar ``evaluate`` asks every time)."""
        found = self.__dict__.get("_schedules")
        if found is None:
            found = self._schedules = self._find_schedules()
        return dict(found)

    def _find_schedules(self) -> dict:
        from ..core.schedule import Schedule

        out = {}
        for n, a in self._params.items():
            if a.schedule:
                si = [to_si(dataclasses.replace(a, value=v), self.name) for _, v in a.schedule]
                out[n] = Schedule(tuple(float(y) for y, _ in a.schedule), tuple(si),
                                  a.interpolation or "linear", float(to_si(a, self.name)))
        return out

    def inputs(self, overrides: Mapping[str, Any] | None = None) -> dict:
        """Every parameter as a Quantity (or choice string), with ``overrides`` applied."""
        out = {n: a.quantity for n, a in self._params.items()}
        if overrides:
            out.update(overrides)
        return out

    def with_values(self, overrides: Mapping[str, Any], source: str = "",
                    place: str = "override") -> "AssumptionSet":
        """A copy with some values changed (each a Quantity, a choice string, or an
        :class:`Assumption`), recording the change in ``changes``. Checked like a file."""
        params = dict(self._params)
        changes = list(self.changes)
        specs = catalogue.parameters()
        for name, value in overrides.items():
            if name not in specs:
                raise InputError(f"{place} '{name}'", "unknown parameter" + specs.hint(name))
            old = params[name]
            if isinstance(value, Assumption):  # checked like a file entry, never trusted
                if value.name != name:
                    raise InputError(f"{place} '{name}'", f"got the assumption for "
                                     f"'{value.name}'", f"one for '{name}'")
                new = parse_entry(specs[name], value.to_data(), f"{place} '{name}'",
                                   origin=value.origin)
            else:
                new = assumption_from_value(specs[name], value, old, source, place)
            if new != old:
                changes.append(f"{name}: {describe(old)} -> {describe(new)}")
            params[name] = new
        return AssumptionSet(self.name, params, self.description, self.based_on, self.path,
                             tuple(changes), place=place, _reuse=self)

    def to_data(self, exported: bool = True) -> dict:
        """Plain nested data in the file layout, with metadata."""

        meta: dict[str, Any] = {"name": self.name, "description": self.description,
                                "schema_version": SCHEMA_VERSION}
        based_on = list(self.based_on)
        if exported:
            meta["orbital_version"] = __version__
            stamp = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
            meta["exported"] = stamp
            if self.changes:  # a changed set is a new set, derived from this one
                meta["name"] = self.name if self.name.endswith("-modified") else \
                    f"{self.name}-modified"
                meta["description"] = (f"Derived from '{self.name}' with {len(self.changes)} "
                                       f"change(s), exported {stamp}: {self.description}")
                based_on = [self.name] + [b for b in based_on if b != self.name]
        if based_on:
            meta["based_on"] = based_on
        if self.changes:
            meta["changes"] = list(self.changes)
        data: dict[str, Any] = {"meta": meta}
        for name, a in self._params.items():
            section, key = name.split(".", 1)
            data.setdefault(section, {})[key] = a.to_data()
        return data

    def to_toml(self) -> str:
        import tomli_w

        return tomli_w.dumps(self.to_data())

    def to_json(self) -> str:
        return json.dumps(self.to_data(), indent=2, ensure_ascii=False) + "\n"

    def export(self, path: str | os.PathLike) -> Path:
        """Write the set to ``path`` (.toml or .json) atomically: a temp file renamed into place,
        so an interrupted export leaves any old file intact."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".toml", ".json"):
            raise InputError(str(path), f"unknown export format '{suffix or '(none)'}'",
                             "a file name ending in .toml or .json")
        check_writable(path, str(path))
        text = self.to_toml() if suffix == ".toml" else self.to_json()
        try:
            atomic_write(path, text)
        except OSError as exc:
            raise InputError(str(path), f"cannot write the file ({exc.strerror or exc})",
                             "a path in an existing folder you can write to") from None
        return path

    def diff(self, other: "AssumptionSet") -> list[tuple[str, Assumption | None, Assumption | None]]:
        """Parameters whose value, unit or provenance differ: (name, mine, theirs)."""
        out = []
        for name in catalogue.parameters().names():
            a, b = self._params.get(name), other._params.get(name)
            if a != b:
                out.append((name, a, b))
        return out


