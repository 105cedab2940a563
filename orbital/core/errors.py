"""The one error type for bad input, with a one-line message a user can act on, and the
``did you mean`` hint such messages end with."""
from __future__ import annotations

import difflib
import re
from typing import Iterable

#: Characters never printed raw: C0/C1 controls (newlines, terminal escapes), line and
#: paragraph separators, and the bidirectional overrides that reorder what a terminal shows.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")

#: The longest place, problem and expectation a message quotes (a 300,000-character key in a
#: URL is named by its start).
MAX_PART = 600


def printable(text: str) -> str:
    """``text`` with every control character, line separator and bidi override written as an
    escape (``\\n``, ``\\x1b``, ``\\u202e``), so it prints on one line and cannot drive a
    terminal."""
    def escape(m):
        c = m.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
            f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
    return _UNPRINTABLE.sub(escape, text)


_UNSAFE_IN_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                               "\u2066-\u2069\ufeff]")


def terminal_safe(text: str) -> str:
    """``text`` for a terminal: lines and tabs kept, every other control character (escape
    sequences, carriage returns) and bidi override as a ``\\uXXXX`` escape, which is also how
    JSON spells the same character, so JSON output keeps its meaning."""
    return _UNSAFE_IN_OUTPUT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _part(text) -> str:
    text = printable(str(text))
    return text if len(text) <= MAX_PART else text[:MAX_PART - 1] + "…"


class InputError(ValueError):
    """Bad input, refused at the edge.

    The message always names the place (file and line, flag, widget or argument), the parameter,
    what was given and what was expected, on one line: control characters in any part are
    escaped, and overlong parts are cut.
    """

    def __init__(self, place, problem: str, expected: str | None = None):
        self.place = _part(place) if place else ""
        self.problem = _part(problem)
        self.expected = _part(expected) if expected else expected
        msg = f"{self.place}: {self.problem}" if self.place else self.problem
        if self.expected:
            msg += f"; expected {self.expected}"
        super().__init__(msg)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix for a misspelled name, or an empty string."""
    candidates = list(candidates)
    if len(name) > 200:  # difflib's cost grows with the length: no name is that long
        return ""
    close = [c for c in candidates if c.lower() == name.lower()][:1]  # "Inclined", "GRID"
    close = close or difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not close:
        # a right leaf in the wrong section ("launch.specific_power") still deserves a hint
        leaf = name.rsplit(".", 1)[-1]
        close = [c for c in candidates if c.rsplit(".", 1)[-1] == leaf][:1]
    return f"; did you mean '{close[0]}'?" if close else ""
