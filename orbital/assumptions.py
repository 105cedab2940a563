"""Assumption sets: the only place files are read.

An assumption set is a TOML (or JSON) file in which every parameter carries a value, a unit and
a source, optionally a note, a confidence label and an uncertainty distribution::

    [meta]
    name = "my-case"
    description = "Starship at $200/kg"
    extends = "default"            # take everything else from assumptions/default.toml

    [launch.price_per_kg]
    value = 200
    unit = "USD/kg"
    source = "assumption: a user's scenario"
    confidence = "assumption"
    distribution = { kind = "triangular", low = 100, mode = 200, high = 500 }

Loading refuses bad input with one message naming the file (and line), the parameter, what was
given and what was expected; nothing is half-loaded. Sets are frozen; ``with_values`` returns a
changed copy that remembers what changed. Export (TOML or JSON) is atomic and exact: loading an
export gives back an equal set.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import json
import math
import os
import re
import tempfile
try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from . import schema
from .errors import InputError
from .units import UndefinedUnitError, format_unit, ureg

#: Version of the assumption-file format this orbital reads and writes.
SCHEMA_VERSION = 1

#: The largest assumption file orbital reads (uploads and files alike).
MAX_FILE_BYTES = 1_000_000

META_KEYS = ("name", "description", "extends", "schema_version", "orbital_version", "exported",
             "based_on", "changes", "source")
FIELD_KEYS = ("value", "unit", "source", "note", "confidence", "distribution")

#: Uncertainty distributions and their named fields (in the parameter's own unit).
DISTRIBUTIONS = {
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("median", "sigma"),
    "loguniform": ("low", "high"),
}
_DIST_ALIASES = {"log-uniform": "loguniform", "log_uniform": "loguniform"}


def assumptions_dir() -> Path:
    """Where the shipped assumption sets live: ``$ORBITAL_ASSUMPTIONS``, the source tree's
    ``assumptions/`` or the copy packaged inside an installed wheel."""
    env = os.environ.get("ORBITAL_ASSUMPTIONS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "assumptions", here / "_assumptions"):
        if candidate.is_dir():
            return candidate
    return here.parent / "assumptions"


def preset_paths() -> list[Path]:
    """Every assumption set shipped with orbital, ``default`` first."""
    paths = sorted(assumptions_dir().glob("*.toml"))
    return sorted(paths, key=lambda p: (p.stem != "default", p.stem))


@dataclasses.dataclass(frozen=True)
class Distribution:
    """An uncertainty distribution with named fields in the parameter's unit."""

    kind: str
    fields: tuple  # ((name, value), ...) in DISTRIBUTIONS[kind] order

    def as_dict(self) -> dict:
        return {"kind": self.kind, **dict(self.fields)}

    def __getitem__(self, key):
        return dict(self.fields)[key]

    def bounds(self) -> tuple[float, float]:
        """A low/high pair for tornado-style use: the support for bounded kinds, P5/P95 else."""
        d = dict(self.fields)
        if self.kind in ("uniform", "triangular", "loguniform"):
            return d["low"], d["high"]
        if self.kind == "normal":
            return d["mean"] - 1.6448536269514722 * d["sd"], d["mean"] + 1.6448536269514722 * d["sd"]
        return (d["median"] * math.exp(-1.6448536269514722 * d["sigma"]),
                d["median"] * math.exp(1.6448536269514722 * d["sigma"]))


@dataclasses.dataclass(frozen=True)
class Assumption:
    """One parameter's value with its unit and provenance."""

    name: str
    value: Any  # int/float for quantities, str for choices
    unit: str  # as written in the file ("" for choices)
    source: str
    note: str = ""
    confidence: str = ""
    distribution: Distribution | None = None
    origin: str = dataclasses.field(default="", compare=False)  # file it came from

    @property
    def spec(self):
        return schema.parameters()[self.name]

    @property
    def quantity(self):
        """The value as a pint Quantity in the unit it was written in (choices: the string)."""
        if isinstance(self.value, str):
            return self.value
        return ureg.Quantity(self.value, _unit(self.unit))

    def display_value(self) -> float | str:
        """The value in the parameter's declared (display) unit."""
        if isinstance(self.value, str):
            return self.value
        return float(self.quantity.m_as(self.spec.pint_unit))

    def to_data(self) -> dict:
        d: dict[str, Any] = {"value": self.value}
        if self.unit:
            d["unit"] = self.unit
        d["source"] = self.source
        if self.note:
            d["note"] = self.note
        if self.confidence:
            d["confidence"] = self.confidence
        if self.distribution is not None:
            d["distribution"] = self.distribution.as_dict()
        return d


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
        specs = schema.parameters()
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
            n: (_reuse._si[n] if prev.get(n) is a else _to_si(a, place or name))
            for n, a in ordered.items()})

    # mapping-ish access
    def __getitem__(self, name: str) -> Assumption:
        try:
            return self._params[name]
        except KeyError:
            raise KeyError(f"unknown parameter '{name}'" + schema.parameters().hint(name)) from None

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
        specs = schema.parameters()
        for name, value in overrides.items():
            if name not in specs:
                raise InputError(f"{place} '{name}'", "unknown parameter" + specs.hint(name))
            old = params[name]
            if isinstance(value, Assumption):  # checked like a file entry, never trusted
                if value.name != name:
                    raise InputError(f"{place} '{name}'", f"got the assumption for "
                                     f"'{value.name}'", f"one for '{name}'")
                new = _parse_entry(specs[name], value.to_data(), f"{place} '{name}'",
                                   origin=value.origin)
            else:
                new = _assumption_from_value(specs[name], value, old, source, place)
            if new != old:
                changes.append(f"{name}: {_fmt(old)} -> {_fmt(new)}")
            params[name] = new
        return AssumptionSet(self.name, params, self.description, self.based_on, self.path,
                             tuple(changes), place=place, _reuse=self)

    def to_data(self, exported: bool = True) -> dict:
        """Plain nested data in the file layout, with metadata."""
        from . import __version__

        meta: dict[str, Any] = {"name": self.name, "description": self.description,
                                "schema_version": SCHEMA_VERSION}
        if exported:
            meta["orbital_version"] = __version__
            meta["exported"] = _dt.datetime.now(_dt.timezone.utc).replace(
                microsecond=0).isoformat()
        if self.based_on:
            meta["based_on"] = list(self.based_on)
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
        for name in schema.parameters().names():
            a, b = self._params.get(name), other._params.get(name)
            if a != b:
                out.append((name, a, b))
        return out


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temp file in the same folder and an atomic rename."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# ----------------------------------------------------------------------------- loading

def load(source: str | os.PathLike = "default") -> AssumptionSet:
    """Load an assumption set by preset name (``"default"``, ``"musk-moonshot-2026"``) or path
    (``.toml`` or ``.json``). Raises :class:`InputError` on any bad input."""
    path = resolve(source)
    return _load_path(path, ())


def loads(text: str | bytes, fmt: str = "toml", name: str = "upload",
          base_dir: Path | None = None) -> AssumptionSet:
    """Load an assumption set from text (an upload). ``extends`` resolves among the presets."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise InputError(name, f"file is {len(text):,} bytes", f"at most {MAX_FILE_BYTES:,}")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(name, f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                             "a UTF-8 TOML or JSON file") from None
    data = _parse(text, fmt, name)
    return _build(data, text, name, base_dir, (), stem=Path(name).stem)


def resolve(source: str | os.PathLike, base_dir: Path | None = None, *,
            confined: bool = False) -> Path:
    """The path of a preset name or a file path, checked to exist.

    The path rule: a name the *caller* gives (``load(path)``, a command-line FILE) may be any
    file the user can read. A name read *from a file, an upload or a URL* (``extends``;
    ``confined=True``) never names a path on the server outside two folders: the assumptions
    folder and the folder of the file that names it (an upload has no folder, so only the
    presets). Inside those it is a preset name (``"default"``) or a relative ``.toml``/``.json``
    path; absolute paths, ``~``, ``..`` that leaves the folder, and symlinks that point out of
    it are refused, judged on the real path after every symlink is resolved.
    """
    text = str(source)
    if confined:
        _check_confined_text(text)
    candidates: list[tuple[Path, Path | None]] = []  # (candidate, folder it must stay in)
    p = Path(text)
    if p.suffix.lower() in (".toml", ".json") or os.sep in text or "/" in text:
        if confined:
            if base_dir is not None:
                candidates.append((base_dir / p, base_dir))
            candidates.append((assumptions_dir() / p, assumptions_dir()))
        else:
            candidates.append((p if p.is_absolute() or base_dir is None else base_dir / p, None))
            if base_dir is not None and not p.is_absolute():
                candidates.append((p, None))
    else:
        if base_dir is not None:
            candidates.append((base_dir / f"{text}.toml", base_dir if confined else None))
        candidates.append((assumptions_dir() / f"{text}.toml",
                           assumptions_dir() if confined else None))
    for c, root in candidates:
        try:
            found = c.is_file()
            inside = root is None or (found and c.resolve().is_relative_to(root.resolve()))
        except (OSError, ValueError):  # a name too long, a NUL byte: not a file
            continue
        if found and not inside:
            raise InputError(text, "names a file outside the assumptions folder and the "
                             "file's own folder (after following symlinks)", _CONFINED)
        if found:
            return c
    names = [q.stem for q in preset_paths()]
    hint = schema.did_you_mean(text, names)
    raise InputError(text, "no such assumption set" + hint,
                     "a preset name (" + ", ".join(names) + ") or a path to a .toml/.json file")


_CONFINED = ("a preset name or a relative .toml/.json path inside the file's own folder or the "
             "assumptions folder")


def _check_confined_text(text: str) -> None:
    """Refuse, from the text alone, a name in a file that tries to reach elsewhere."""
    if not text.strip() or len(text) > 255 or "\0" in text:
        raise InputError(repr(text[:60]), "is not a usable assumption-set name", _CONFINED)
    if text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", text) \
            or Path(text).is_absolute():
        raise InputError(text, "is an absolute path, which a file may not name", _CONFINED)
    if ".." in re.split(r"[/\\]", text):
        raise InputError(text, "climbs out of its folder with '..', which a file may not do",
                         _CONFINED)


def display_path(path: Path) -> str:
    """How messages name a file: shipped presets as ``assumptions/NAME.toml`` (never the
    server's own folders, which a page user has no business seeing), other paths as given."""
    try:
        return str(Path("assumptions") / Path(path).resolve().relative_to(
            assumptions_dir().resolve()))
    except (ValueError, OSError):
        return str(path)


def _load_path(path: Path, chain: tuple) -> AssumptionSet:
    place = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(place, f"file is {size:,} bytes", f"at most {MAX_FILE_BYTES:,}")
        with open(path, "rb") as fh:  # never more than the cap, even if the file grows
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError(place, f"file is over {MAX_FILE_BYTES:,} bytes",
                             f"at most {MAX_FILE_BYTES:,}")
    except OSError as exc:
        raise InputError(place, f"cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(place, f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                         "a UTF-8 TOML or JSON file") from None
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    data = _parse(text, fmt, place)
    return _build(data, text, place, path.parent, chain + (path.resolve(),), stem=path.stem,
                  path=path)


def _parse(text: str, fmt: str, place: str) -> dict:
    if fmt == "json":
        try:
            # NaN/Infinity parse as floats so that the per-parameter checks refuse them with the
            # parameter's name (every number read is checked finite there)
            data = json.loads(text, parse_constant=float, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise InputError(f"{place}, line {exc.lineno}", f"malformed JSON: {exc.msg}",
                             "valid JSON") from None
        except _DuplicateKey as exc:
            raise InputError(f"{place}{_json_line(text, exc.key)}",
                             f"malformed JSON: key {exc.key!r} appears twice",
                             "each key once (TOML refuses duplicates too)") from None
        except RecursionError:
            raise InputError(place, "malformed JSON: nested too deeply", "valid JSON") from None
        except ValueError as exc:
            raise InputError(place, str(exc), "finite numbers") from None
        if not isinstance(data, dict):
            raise InputError(place, f"the top level is a {type(data).__name__}",
                             "an object of sections")
        return data
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        where = f"{place}, line {m.group(1)}" if m else place
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        if m:
            msg += f" (column {m.group(2)})"
        raise InputError(where, f"malformed TOML: {msg}", "valid TOML") from None
    except RecursionError:
        raise InputError(place, "malformed TOML: nested too deeply", "valid TOML") from None


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list) -> dict:
    """A JSON object hook that refuses a repeated key instead of keeping the last one."""
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _json_line(text: str, key: str) -> str:
    """', line N' of the second occurrence of ``"key":`` in JSON ``text`` (best effort)."""
    pattern = re.compile(r'"' + re.escape(key) + r'"\s*:')
    hits = [m.start() for m in pattern.finditer(text)]
    return f", line {text.count(chr(10), 0, hits[1]) + 1}" if len(hits) > 1 else ""


def _build(data: dict, text: str, place: str, base_dir: Path | None, chain: tuple,
           stem: str, path: Path | None = None) -> AssumptionSet:
    specs = schema.parameters()
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(f"{place}{_line(text, 'meta')}", "'meta' is not a table",
                         "[meta] with name, description, extends")
    for key in meta:
        if key not in META_KEYS:
            raise InputError(f"{place}{_line(text, 'meta', key)}", f"unknown meta key '{key}'"
                             + schema.did_you_mean(key, META_KEYS), "one of " + ", ".join(META_KEYS))
    for key in ("name", "description", "extends"):
        if key in meta and not isinstance(meta[key], str):
            raise InputError(f"{place}{_line(text, 'meta', key)}", f"meta.{key} is "
                             f"{type(meta[key]).__name__}", "a string")
    version = meta.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > SCHEMA_VERSION \
            or version < 1:
        raise InputError(f"{place}{_line(text, 'meta', 'schema_version')}",
                         f"schema_version {version!r}",
                         f"a whole number from 1 to {SCHEMA_VERSION} (this orbital's format)")
    for key in ("based_on", "changes"):
        if key in meta and not (isinstance(meta[key], list)
                                and all(isinstance(x, str) for x in meta[key])):
            raise InputError(f"{place}{_line(text, 'meta', key)}", f"meta.{key} is not a list "
                             "of strings", "a list of strings")

    parent: AssumptionSet | None = None
    based_on: tuple[str, ...] = tuple(meta.get("based_on", ()))
    if "extends" in meta:
        try:
            target = resolve(meta["extends"], base_dir, confined=True)
        except InputError as exc:
            raise InputError(f"{place}{_line(text, 'meta', 'extends')}",
                             f"extends {exc}") from None
        if target.resolve() in chain:
            raise InputError(f"{place}{_line(text, 'meta', 'extends')}",
                             f"extends '{meta['extends']}', which extends this file again",
                             "a chain of extends without a cycle")
        try:
            parent = _load_path(target, chain)
        except InputError as exc:
            raise InputError(f"{place}{_line(text, 'meta', 'extends')}",
                             f"in the set it extends, {exc}") from None
        based_on = (parent.name,) + parent.based_on

    params: dict[str, Assumption] = dict(parent.items()) if parent else {}
    for section, table in data.items():
        if section == "meta":
            continue
        if section not in schema.SECTIONS:
            raise InputError(f"{place}{_line(text, section)}", f"unknown section '{section}'"
                             + schema.did_you_mean(section, schema.SECTIONS),
                             "a section of parameters (" + ", ".join(schema.SECTIONS) + ")")
        if not isinstance(table, dict):
            raise InputError(f"{place}{_line(text, section)}",
                             f"'{section}' is {_given(table)}", f"a table [{section}.<name>]")
        for key, entry in table.items():
            name = f"{section}.{key}"
            where = f"{place}{_line(text, section, key)}"
            if name not in specs:
                raise InputError(where, f"unknown parameter '{name}'" + specs.hint(name))
            params[name] = _parse_entry(specs[name], entry, where, origin=place)

    return AssumptionSet(meta.get("name", stem), params, meta.get("description", ""),
                         based_on=based_on, path=path, changes=tuple(meta.get("changes", ())),
                         place=place)


def _parse_entry(spec, entry, where: str, origin: str) -> Assumption:
    if not isinstance(entry, dict):
        raise InputError(where, f"'{spec.name}' is {_given(entry)}",
                         "a table with value, unit and source, e.g. "
                         f"{{ value = 1.0, unit = \"{spec.unit or '1'}\", source = \"...\" }}")
    for key in entry:
        if key not in FIELD_KEYS:
            raise InputError(where, f"'{spec.name}' has an unknown field '{key}'"
                             + schema.did_you_mean(key, FIELD_KEYS),
                             "fields " + ", ".join(FIELD_KEYS))
    if "value" not in entry:
        raise InputError(where, f"'{spec.name}' has no value", "value = ...")
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        raise InputError(where, f"'{spec.name}' has no source",
                         "source = \"...\" (a citation, or \"assumption: why\")")
    note = entry.get("note", "")
    confidence = entry.get("confidence", "")
    if not isinstance(note, str):
        raise InputError(where, f"'{spec.name}' note is {_given(note)}", "a string")
    if confidence and confidence not in schema.CONFIDENCE:
        raise InputError(where, f"'{spec.name}' confidence {confidence!r}"
                         + schema.did_you_mean(str(confidence), schema.CONFIDENCE),
                         "one of " + ", ".join(schema.CONFIDENCE))
    value = entry["value"]
    if spec.kind == "choice":
        if "unit" in entry:
            raise InputError(where, f"'{spec.name}' is a model choice but has a unit",
                             "no unit for a choice")
        if not isinstance(value, str) or value not in spec.options:
            raise InputError(where, f"'{spec.name}' = {value!r}"
                             + schema.did_you_mean(str(value), spec.options), spec.range_text())
        if "distribution" in entry:
            raise InputError(where, f"'{spec.name}' is a model choice with a distribution",
                             "no distribution for a choice")
        return Assumption(spec.name, value, "", source, note, confidence, None, origin)

    if "unit" not in entry:
        raise InputError(where, f"'{spec.name}' = {_given(value)} has no unit",
                         f"unit = \"{spec.unit or '1'}\" (or a compatible unit)")
    unit_text = entry["unit"]
    if not isinstance(unit_text, str):
        raise InputError(where, f"'{spec.name}' unit is {_given(unit_text)}",
                         f"a unit string compatible with {spec.unit or '1'}")
    _check_number(value, spec, where, "value")
    _check_unit(unit_text, spec, where)
    a = Assumption(spec.name, value, unit_text, source, note, confidence, None, origin)
    _check_range(a, spec, where)
    dist = None
    if "distribution" in entry:
        dist = _parse_distribution(entry["distribution"], spec, unit_text, where)
    return dataclasses.replace(a, distribution=dist)


def _check_number(value, spec, where, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(where, f"'{spec.name}' {what} is {_given(value)}",
                         f"a number in {spec.unit or '1'}")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # a JSON integer beyond any float
        raise InputError(where, f"'{spec.name}' {what} is a {len(str(abs(value)))}-digit integer",
                         "a finite number") from None
    if not finite:
        raise InputError(where, f"'{spec.name}' {what} is {value}", "a finite number")


def _check_unit(unit_text: str, spec, where: str):
    u = parse_unit(unit_text, where, spec.name)
    if u.dimensionality != spec.pint_unit.dimensionality:
        raise InputError(where, f"'{spec.name}' has unit '{unit_text}' "
                         f"({_dim_text(u)}), which is not a {_dim_text(spec.pint_unit)}",
                         f"a unit compatible with {spec.unit or '1'}")
    return u


@functools.lru_cache(maxsize=4096)
def _unit(text: str):
    """Parse a unit string (cached: parsing costs ~60 µs); '' and '1' are dimensionless."""
    t = (text or "").strip().replace("·", "*").replace("$", "USD")
    return ureg.Unit("" if t == "1" else t)


def parse_unit(unit_text: str, where: str, name: str = ""):
    """Parse a unit string with orbital's registry, refusing anything that is not a unit."""
    label = f"'{name}' unit" if name else "unit"
    text = unit_text.strip()
    if len(text) > 100 or not text.isprintable() or not re.fullmatch(r"[\w\s/*^.()%°µμ¢$·⁻⁰¹²³-]*", text):
        raise InputError(where, f"{label} {unit_text!r} is not a unit",
                         "a unit such as USD/kg, kW/t, t/yr")
    if text in ("", "1"):
        return ureg.Unit("")
    try:
        u = _unit(text)
    except UndefinedUnitError as exc:
        names = getattr(exc, "unit_names", "")
        names = ", ".join(names) if isinstance(names, (tuple, list)) else str(names)
        raise InputError(where, f"{label} {unit_text!r}: unknown unit '{names}'"
                         if hasattr(exc, "unit_names") else f"{label} {unit_text!r} is unknown",
                         "a unit such as USD/kg, kW/t, t/yr") from None
    except Exception:
        raise InputError(where, f"{label} {unit_text!r} is not a unit",
                         "a unit such as USD/kg, kW/t, t/yr") from None
    return u


_DIM_NAMES = {
    "[currency] / [mass]": "price per mass",
    "[mass]": "mass",
    "[currency]": "cost",
    "[mass] / [time]": "mass per time",
    "[length] ** 2 / [time] ** 3": "power per mass",
    "[time]": "time",
    "1 / [time]": "rate",
    "[length] / [time]": "speed",
    "[length]": "length",
    "[length] / [time] ** 2": "acceleration",
    "[currency] / [time]": "cost per time",
    "[currency] * [time] ** 2 / [length] ** 2 / [mass]": "price per energy",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "dimensionless": "dimensionless number",
}


@functools.lru_cache(maxsize=None)
def _dim_names() -> dict:
    """_DIM_NAMES keyed by dimensionality (pint's string order varies: USD/kWh prints
    ``[currency] * [time] ** 2 / [mass] / [length] ** 2``)."""
    return {(ureg.get_dimensionality(k) if k != "dimensionless" else ureg.Unit("").dimensionality):
            v for k, v in _DIM_NAMES.items()}


def _dim_text(u) -> str:
    return _dim_names().get(u.dimensionality, str(u.dimensionality))


def _check_range(a: Assumption, spec, where: str):
    si = _to_si(a, where)
    problem = spec.check_range_si(si)
    if problem:
        unit = "" if a.unit in ("", "1") else f" {a.unit}"
        raise InputError(where, f"'{spec.name}' = {a.value:g}{unit} "
                         + problem.split(" ", 1)[1] if " " in problem else problem,
                         spec.range_text())


def _to_si(a: Assumption, where: str):
    if isinstance(a.value, str):
        return a.value
    try:
        return float(ureg.Quantity(a.value, _unit(a.unit)).m_as(a.spec.si_unit))
    except Exception as exc:  # a unit that passed parsing but fails conversion
        raise InputError(where, f"'{a.name}' = {a.value!r} {a.unit}: {exc}",
                         f"a value in {a.spec.unit}") from None


def _parse_distribution(d, spec, unit_text: str, where: str) -> Distribution:
    label = f"'{spec.name}' distribution"
    if not isinstance(d, dict):
        raise InputError(where, f"{label} is {_given(d)}",
                         "a table such as { kind = \"uniform\", low = 1, high = 2 }")
    kind = d.get("kind")
    kind = _DIST_ALIASES.get(kind, kind)
    if kind not in DISTRIBUTIONS:
        raise InputError(where, f"{label} kind {d.get('kind')!r}"
                         + schema.did_you_mean(str(d.get("kind")), DISTRIBUTIONS),
                         "one of " + ", ".join(DISTRIBUTIONS))
    names = DISTRIBUTIONS[kind]
    extra = [k for k in d if k not in names and k != "kind"]
    if extra:
        raise InputError(where, f"{label} ({kind}) has an unknown field '{extra[0]}'"
                         + schema.did_you_mean(extra[0], names), "fields " + ", ".join(names))
    missing = [k for k in names if k not in d]
    if missing:
        raise InputError(where, f"{label} ({kind}) lacks '{missing[0]}'",
                         "fields " + ", ".join(names))
    for k in names:
        _check_number(d[k], spec, where, f"distribution {k}")
    f = dict((k, d[k]) for k in names)
    bad = None
    if kind in ("uniform", "loguniform") and not f["low"] < f["high"]:
        bad = "needs low < high"
    elif kind == "triangular" and not (f["low"] <= f["mode"] <= f["high"] and f["low"] < f["high"]):
        bad = "needs low ≤ mode ≤ high and low < high"
    elif kind == "normal" and not f["sd"] > 0:
        bad = "needs sd > 0"
    elif kind == "lognormal" and not (f["median"] > 0 and f["sigma"] > 0):
        bad = "needs median > 0 and sigma > 0"
    elif kind == "loguniform" and not f["low"] > 0:
        bad = "needs low > 0"
    if bad:
        raise InputError(where, f"{label} ({kind}) {bad}: got "
                         + ", ".join(f"{k} = {v:g}" for k, v in f.items()),
                         f"a valid {kind} distribution")
    # the distribution's support (or centre, for unbounded kinds) must be physically allowed
    u = _unit(unit_text)
    check = [f["low"], f["high"]] if "low" in f else [f.get("mean", f.get("median"))]
    for v in check:
        si = float(ureg.Quantity(v, u).m_as(spec.si_unit))
        problem = spec.check_range_si(si)
        if problem:
            raise InputError(where, f"{label} ({kind}) reaches {v:g} {unit_text}, outside the "
                             "parameter's range", spec.range_text())
    return Distribution(kind, tuple((k, f[k]) for k in names))


def _given(v) -> str:
    if isinstance(v, str):
        return f"the text {v!r}"
    if isinstance(v, bool):
        return f"the boolean {str(v).lower()}"
    if isinstance(v, (int, float)):
        return f"{v!r}"
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, list):
        return "a list"
    return type(v).__name__


def _line(text: str, section: str, key: str | None = None) -> str:
    """', line N' for where ``section``/``key`` sits in TOML ``text`` (best effort; '' if
    not found, e.g. in JSON)."""
    lines = text.splitlines()
    sec_re = re.compile(r"^\s*\[\s*" + re.escape(section) + r"\s*\]")
    if key is None:
        for i, line in enumerate(lines, 1):
            if sec_re.match(line) or re.match(r"^\s*\[\[?\s*" + re.escape(section) + r"\s*[.\]]",
                                              line) or re.match(r"^\s*" + re.escape(section)
                                                                + r"\s*=", line):
                return f", line {i}"
        return ""
    full = re.compile(r"^\s*\[\s*" + re.escape(section) + r"\s*\.\s*" + re.escape(key)
                      + r"\s*[\].]")
    for i, line in enumerate(lines, 1):
        if full.match(line):
            return f", line {i}"
    inside = False
    key_re = re.compile(r"^\s*" + re.escape(key) + r"\s*[=.]")
    for i, line in enumerate(lines, 1):
        if re.match(r"^\s*\[", line):
            inside = bool(sec_re.match(line))
            continue
        if inside and key_re.match(line):
            return f", line {i}"
    dotted = re.compile(r"^\s*" + re.escape(section) + r"\s*\.\s*" + re.escape(key) + r"\s*[=.]")
    for i, line in enumerate(lines, 1):
        if dotted.match(line):
            return f", line {i}"
    return ""


# ----------------------------------------------------------------------------- settings

_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan|infinity))"
                     r"\s*(.*?)\s*$", re.IGNORECASE | re.ASCII)  # ASCII digits only: no '١٢'


def parse_setting(text: str, place: str = "--set") -> tuple[str, str]:
    """Split ``NAME=VALUE`` (as given to ``--set``) into name and value text."""
    if "=" not in text:
        raise InputError(f"{place} {text!r}", "no '='", "NAME=VALUE, e.g. "
                         "\"launch.price_per_kg=200 USD/kg\"")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def value_from_text(spec, text: str, where: str, default_unit: str | None = None):
    """Parse ``"200 USD/kg"``, ``"200"`` (in ``default_unit``, else the declared unit) or a
    choice keyword into (value, unit) for an :class:`Assumption`."""
    if spec.kind == "choice":
        if text not in spec.options:
            raise InputError(where, f"'{spec.name}' = {text!r}" + schema.did_you_mean(
                text, spec.options), spec.range_text())
        return text, ""
    m = _NUMBER.match(text)
    if not m:
        raise InputError(where, f"'{spec.name}' = {text!r} is not a number with a unit",
                         f"e.g. \"{spec.name}=1.0 {spec.unit}\"")
    number = float(m.group(1))
    if not math.isfinite(number):
        raise InputError(where, f"'{spec.name}' = {text!r}", "a finite number")
    unit_text = m.group(2) or (default_unit if default_unit is not None else spec.unit)
    _check_unit(unit_text, spec, where)
    value = int(number) if number.is_integer() and abs(number) < 2**53 and \
        re.fullmatch(r"[-+]?\d+", m.group(1).strip()) else number
    return value, unit_text


def _assumption_from_value(spec, value, old: Assumption, source: str, place: str) -> Assumption:
    where = f"{place} '{spec.name}'"
    src = source or "user override"
    if spec.kind == "choice":
        if not isinstance(value, str) or value not in spec.options:
            raise InputError(where, f"got {value!r}" + schema.did_you_mean(str(value),
                                                                           spec.options),
                             spec.range_text())
        return dataclasses.replace(old, value=value, source=src, origin=place)
    if isinstance(value, str):
        v, u = value_from_text(spec, value, where)
    elif hasattr(value, "_REGISTRY"):
        if value._REGISTRY is not ureg:
            raise InputError(where, "got a Quantity from another pint registry",
                             "one built with orbital.Q_")
        mag = value.magnitude
        if np.ndim(mag) != 0:
            raise InputError(where, "got an array", "a single value (arrays go to evaluate())")
        try:
            if isinstance(mag, (bool, np.bool_)) or np.iscomplexobj(mag):
                raise TypeError
            v = float(mag)
        except (TypeError, ValueError, OverflowError):
            raise InputError(where, f"got a Quantity whose magnitude is {mag!r}",
                             f"a real number in {spec.unit}") from None
        u = f"{value.units:~C}" if str(value.units) else "1"
        _check_unit(u, spec, where)
    else:
        _check_number(value, spec, where, "value")
        v, u = value, old.unit
    new = dataclasses.replace(old, value=v, unit=u, source=src, origin=place,
                              distribution=_rescale(old, u))
    _check_number(v, spec, where, "value")
    _check_range(new, spec, where)
    return new


def _rescale(old: Assumption, unit_text: str) -> Distribution | None:
    """Keep an old distribution meaningful under a new unit by converting its fields."""
    if old.distribution is None or unit_text == old.unit:
        return old.distribution
    src, dst = _unit(old.unit), _unit(unit_text)

    def point(v):  # a position: affine for offset units (K -> degC adds -273.15)
        return float(ureg.Quantity(v, src).m_as(dst))

    fields = []
    for k, v in old.distribution.fields:
        if k == "sd":  # a width: the difference of two converted points, never offset
            v = point(v) - point(0.0)
        elif k != "sigma":  # lognormal sigma is dimensionless
            v = point(v)
        fields.append((k, v))
    return Distribution(old.distribution.kind, tuple(fields))


def _fmt(a: Assumption) -> str:
    if isinstance(a.value, str):
        return a.value
    return f"{a.value:g}" + ("" if a.unit in ("", "1") else f" {format_unit(a.unit)}")
