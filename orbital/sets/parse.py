"""Text to nested data: TOML or JSON, refusing malformed text, duplicate keys and nesting too
deep with the line where it happens; and where a key sits in TOML text, for messages."""
from __future__ import annotations

import json
import re

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

from ..core.errors import InputError


def parse_text(text: str, fmt: str, place: str) -> dict:
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
        except ValueError as exc:  # an integer over Python's 4,300-digit limit
            raise InputError(place, f"malformed JSON: {str(exc).split(';')[0]}",
                             "numbers of at most 4,300 digits") from None
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
    except ValueError as exc:  # an integer over Python's 4,300-digit limit
        raise InputError(place, f"malformed TOML: {str(exc).split(';')[0]}",
                         "numbers of at most 4,300 digits") from None


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


def line_of(text: str, section: str, key: str | None = None) -> str:
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


class LinePlace:
    """``place, line N`` of a key in TOML text, looked up only when a message is written: a
    valid file costs one pass, not one scan of every line per parameter (a 1 MB file padded
    with newlines would otherwise take a minute)."""

    def __init__(self, place: str, text: str, section: str, key: str | None = None):
        self._args = (place, text, section, key)
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            place, text, section, key = self._args
            self._text = f"{place}{line_of(text, section, key)}"
        return self._text

