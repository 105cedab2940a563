"""Loading: a preset name, a path or uploaded text to a checked :class:`AssumptionSet`.

Loading refuses bad input with one message naming the file (and line), the parameter, what was
given and what was expected; nothing is half-loaded. ``extends`` chains resolve through
:func:`orbital.sets.files.resolve` with the confinement rule for names read from files.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import InputError
from ..core.spec import did_you_mean
from ..model import catalogue
from .aset import SCHEMA_VERSION, AssumptionSet
from .entries import Assumption, describe_given, parse_entry
from .files import MAX_FILE_BYTES, display_path, resolve
from .parse import LinePlace, line_of, parse_text

META_KEYS = ("name", "description", "extends", "schema_version", "orbital_version", "exported",
             "based_on", "changes", "source")
#: The longest chain of sets extending one another (each link reads a file; hundreds would
#: exhaust the stack).
MAX_EXTENDS_DEPTH = 16


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
    elif not isinstance(text, str):
        raise InputError(name, f"got {type(text).__name__}", "the text (str or bytes) of a TOML "
                         "or JSON file")
    elif len(text) > MAX_FILE_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > \
            MAX_FILE_BYTES:
        raise InputError(name, f"text is {len(text.encode('utf-8', 'surrogatepass')):,} bytes "
                         "as UTF-8", f"at most {MAX_FILE_BYTES:,}")
    if fmt not in ("toml", "json"):
        raise InputError(name, f"format {fmt!r}", "'toml' or 'json'")
    data = parse_text(text, fmt, name)
    return _build(data, text, name, base_dir, (), stem=Path(name).stem)


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
    data = parse_text(text, fmt, place)
    return _build(data, text, place, path.parent, chain + (path.resolve(),), stem=path.stem,
                  path=path)


def _build(data: dict, text: str, place: str, base_dir: Path | None, chain: tuple,
           stem: str, path: Path | None = None) -> AssumptionSet:
    specs = catalogue.parameters()
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(f"{place}{line_of(text, 'meta')}", "'meta' is not a table",
                         "[meta] with name, description, extends")
    for key in meta:
        if key not in META_KEYS:
            raise InputError(f"{place}{line_of(text, 'meta', key)}", f"unknown meta key '{key}'"
                             + did_you_mean(key, META_KEYS), "one of " + ", ".join(META_KEYS))
    for key in ("name", "description", "extends"):
        if key in meta and not isinstance(meta[key], str):
            raise InputError(f"{place}{line_of(text, 'meta', key)}", f"meta.{key} is "
                             f"{type(meta[key]).__name__}", "a string")
    version = meta.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > SCHEMA_VERSION \
            or version < 1:
        raise InputError(f"{place}{line_of(text, 'meta', 'schema_version')}",
                         f"schema_version {version!r}",
                         f"a whole number from 1 to {SCHEMA_VERSION} (this orbital's format)")
    for key in ("based_on", "changes"):
        if key in meta and not (isinstance(meta[key], list)
                                and all(isinstance(x, str) for x in meta[key])):
            raise InputError(f"{place}{line_of(text, 'meta', key)}", f"meta.{key} is not a list "
                             "of strings", "a list of strings")

    parent: AssumptionSet | None = None
    based_on: tuple[str, ...] = tuple(meta.get("based_on", ()))
    if "extends" in meta:
        try:
            target = resolve(meta["extends"], base_dir, confined=True)
        except InputError as exc:
            raise InputError(f"{place}{line_of(text, 'meta', 'extends')}",
                             f"extends {exc}") from None
        if len(chain) >= MAX_EXTENDS_DEPTH:
            too_long = InputError(f"{place}{line_of(text, 'meta', 'extends')}",
                                  f"extends '{meta['extends']}', a chain of more than "
                                  f"{MAX_EXTENDS_DEPTH} sets", f"at most {MAX_EXTENDS_DEPTH} "
                                  "sets extending one another")
            too_long.whole_chain = True  # said once, not wrapped by every link
            raise too_long
        if target.resolve() in chain:
            raise InputError(f"{place}{line_of(text, 'meta', 'extends')}",
                             f"extends '{meta['extends']}', which extends this file again",
                             "a chain of extends without a cycle")
        try:
            parent = _load_path(target, chain)
        except InputError as exc:
            if getattr(exc, "whole_chain", False):
                raise
            raise InputError(f"{place}{line_of(text, 'meta', 'extends')}",
                             f"in the set it extends, {exc}") from None
        based_on = (parent.name,) + parent.based_on

    params: dict[str, Assumption] = dict(parent.items()) if parent else {}
    for section, table in data.items():
        if section == "meta":
            continue
        if section not in catalogue.SECTIONS:
            raise InputError(f"{place}{line_of(text, section)}", f"unknown section '{section}'"
                             + did_you_mean(section, catalogue.SECTIONS),
                             "a section of parameters (" + ", ".join(catalogue.SECTIONS) + ")")
        if not isinstance(table, dict):
            raise InputError(f"{place}{line_of(text, section)}",
                             f"'{section}' is {describe_given(table)}", f"a table [{section}.<name>]")
        for key, entry in table.items():
            name = f"{section}.{key}"
            where = LinePlace(place, text, section, key)
            if name not in specs:
                raise InputError(str(where), f"unknown parameter '{name}'" + specs.hint(name))
            params[name] = parse_entry(specs[name], entry, where, origin=place)

    return AssumptionSet(meta.get("name", stem), params, meta.get("description", ""),
                         based_on=based_on, path=path, changes=tuple(meta.get("changes", ())),
                         place=place)


