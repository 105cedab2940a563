"""The spec types: what a parameter, a model choice and a result are.

One name per quantity everywhere: the key in an assumption file, the CLI's ``--set`` key, the
web page's widget key and the Python mapping key are the same dotted string, e.g.
``launch.price_per_kg``. Names carry no unit; the declared unit is the one the glossary, the
tables and the widgets show, and any dimensionally compatible unit is accepted on input.

Each model step declares its own ``PARAMETERS`` and ``RESULTS`` with these types; the
catalogue (:mod:`orbital.model.catalogue`) gathers them. This module imports nothing of the
model.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Iterable

from .errors import did_you_mean
from .units import si_factor, si_unit, unit

#: Confidence labels an assumption may carry (from ../shared/reference/sources.md).
CONFIDENCE = ("measured", "published", "estimate", "claim", "unconfirmed", "assumption")


class _Spec:
    """What every spec derives from its dotted name and its declared unit."""

    name: str
    unit: str

    @property
    def section(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def si_factor(self) -> float:
        return si_factor(self.unit)

    @property
    def si_unit(self):
        return si_unit(self.unit)

    @property
    def pint_unit(self):
        return unit(self.unit)


@dataclasses.dataclass(frozen=True)
class Param(_Spec):
    """A numeric input: its name, declared unit, meaning and physical range.

    ``low``/``high`` are bounds in the declared unit; ``low_open``/``high_open`` make a bound
    strict (e.g. a payload must be > 0, an efficiency may be exactly 1).
    """

    name: str
    unit: str
    doc: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    integer: bool = False
    log_scale: bool = False  # shown on a log slider; sampled log-uniformly by default
    #: when the chosen models read this input: alternatives, each a dict of choice name →
    #: the options under which it is read; () = always. See :func:`unused_reason`.
    used_when: tuple = dataclasses.field(default=(), compare=False, repr=False)

    kind = "quantity"

    def range_text(self) -> str:
        """The allowed range in words, in the declared unit, e.g. ``> 0 t`` or ``0–1``."""
        u = "" if self.unit in ("", "1") else f" {self.unit}"
        lo = None if self.low is None else ((">" if self.low_open else "≥") + f" {self.low:g}")
        hi = None if self.high is None else ((("<" if self.high_open else "≤")) + f" {self.high:g}")
        if lo and hi:
            return f"{lo} and {hi}{u}"
        return (lo or hi or "any finite value") + (u if (lo or hi) else "")

    def check_range_si(self, x) -> str | None:
        """Return why SI magnitude(s) ``x`` break this parameter's range, or None if fine.

        Works on scalars and arrays (reporting the first offending element).
        """
        import numpy as np

        arr = np.asarray(x, dtype=float)
        bad = ~np.isfinite(arr)
        if bad.any():
            return _describe(arr, bad, "is not finite")
        f = self.si_factor
        if self.low is not None:
            lo = self.low * f
            bad = arr <= lo if self.low_open else arr < lo
            # tolerate conversion round-off at the bound (e.g. 100 % -> 1.0000000000000002)
            if not self.low_open:
                bad &= ~np.isclose(arr, lo, rtol=1e-12, atol=0.0)
            if bad.any():
                return _describe(arr / f, bad, f"is outside the range {self.range_text()}")
        if self.high is not None:
            hi = self.high * f
            bad = arr >= hi if self.high_open else arr > hi
            if not self.high_open:
                bad &= ~np.isclose(arr, hi, rtol=1e-12, atol=0.0)
            if bad.any():
                return _describe(arr / f, bad, f"is outside the range {self.range_text()}")
        if self.integer:  # whole in the declared unit, forgiving unit-conversion round-off
            x = arr / f
            bad = np.abs(x - np.round(x)) > 1e-9 * np.maximum(1.0, np.abs(x))
            if bad.any():
                return _describe(arr / f, bad, "is not a whole number")
        return None


@dataclasses.dataclass(frozen=True)
class Choice(_Spec):
    """A model choice: one keyword from a closed set (never a free string)."""

    name: str
    options: tuple[str, ...]
    doc: str
    used_when: tuple = dataclasses.field(default=(), compare=False, repr=False)

    kind = "choice"
    unit = ""

    def range_text(self) -> str:
        return "one of " + ", ".join(repr(o) for o in self.options)


@dataclasses.dataclass(frozen=True)
class Result(_Spec):
    """A model output: name, display unit and meaning. ``series`` results have a year axis."""

    name: str
    unit: str
    doc: str
    series: bool = False


@dataclasses.dataclass(frozen=True)
class Limit(Result):
    """A limit that can bind (a cap, a floor, a shortfall): a result of unit 1 that its step
    sets to 1 where the limit binds and 0 where it does not, with ``message(res, i)`` saying
    in words, from the results of case ``i`` (None for a scalar evaluation), what binds and by
    how much. ``Results.binding`` lists the limits that bind; nothing caps silently."""

    name: str
    unit: str
    doc: str
    message: Callable = dataclasses.field(default=None, compare=False, repr=False)
    series: bool = False
    #: the results whose figures the limit shapes (where interfaces put the warning)
    affects: tuple = dataclasses.field(default=(), compare=False, repr=False)


def _describe(values, bad, what: str) -> str:
    import numpy as np

    idx = int(np.flatnonzero(bad)[0])
    v = values.flat[idx] if values.ndim else float(values)
    where = "" if values.ndim == 0 else f" (element {idx} of {values.size})"
    return f"{v:g}{where} {what}"


class Catalogue:
    """An ordered, read-only collection of specs with did-you-mean lookups."""

    def __init__(self, specs: Iterable, what: str):
        self._specs: dict[str, object] = {}
        self.what = what
        for s in specs:
            if s.name in self._specs:
                raise ValueError(f"{what} {s.name!r} is declared twice")
            self._specs[s.name] = s

    def __getitem__(self, name: str):
        try:
            return self._specs[name]
        except KeyError:
            raise KeyError(f"unknown {self.what} '{name}'{did_you_mean(name, self._specs)}") from None

    def __contains__(self, name) -> bool:
        return name in self._specs

    def __iter__(self):
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def names(self) -> list[str]:
        return list(self._specs)

    def hint(self, name: str) -> str:
        return did_you_mean(name, self._specs)


def unused_reason(spec, choices) -> str | None:
    """Why the chosen models ignore ``spec`` (a sentence), or None when they read it.

    ``choices`` maps choice names to the chosen option. ``spec.used_when`` lists alternatives;
    the input is read when every condition of some alternative holds.
    """
    alternatives = getattr(spec, "used_when", ())
    if not alternatives:
        return None
    for alt in alternatives:
        if all(choices.get(name) in options for name, options in alt.items()):
            return None
    needs = " or ".join(
        " and ".join(f"{name} = " + "/".join(repr(o) for o in options)
                     for name, options in alt.items()) for alt in alternatives)
    here = sorted({name for alt in alternatives for name in alt})
    now = ", ".join(f"{name} = {choices.get(name)!r}" for name in here)
    return f"not used: read only when {needs} (here {now})"


def with_conditions(specs, table):
    """``specs`` with ``used_when`` set from ``table`` ({name: alternatives}); a module
    declares when the chosen models read each of its conditional inputs this way."""
    unknown = set(table) - {spec.name for spec in specs}
    if unknown:
        raise ValueError(f"conditions for unknown parameters: {sorted(unknown)}")
    return tuple(dataclasses.replace(spec, used_when=tuple(table[spec.name]))
                 if spec.name in table else spec for spec in specs)
