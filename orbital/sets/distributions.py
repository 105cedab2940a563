"""Uncertainty distributions of an assumption set's values: their kinds, fields, bounds and
centres (the best estimate each states)."""
from __future__ import annotations

import dataclasses
import math

#: Uncertainty distributions and their named fields (in the parameter's own unit).
DISTRIBUTIONS = {
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("median", "sigma"),
    "loguniform": ("low", "high"),
}
DIST_ALIASES = {"log-uniform": "loguniform", "log_uniform": "loguniform"}

#: Distributions over the logarithm of a value: meaningless on an offset scale (degC), whose
#: zero is not the quantity's zero.
LOG_KINDS = ("lognormal", "loguniform")
OFFSET_LOG_EXPECTED = ("the distribution in an absolute unit (K), or a uniform, triangular or "
                       "normal distribution")


def offset_log_problem(name: str, kind: str, unit_text: str) -> str:
    return (f"'{name}' has a {kind} distribution in '{unit_text}', an offset unit (its zero is "
            "not the quantity's zero, so a log-scale distribution in it has no meaning)")


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

    def centre(self) -> float:
        """The best estimate the distribution states: its median (the geometric mean for a
        log-uniform, the median for a lognormal, the mean for a normal or uniform), or the mode
        of a triangular."""
        d = dict(self.fields)
        if self.kind == "uniform":
            return (d["low"] + d["high"]) / 2
        if self.kind == "loguniform":
            return math.sqrt(d["low"] * d["high"])
        if self.kind == "triangular":
            return d["mode"]
        return d["mean"] if self.kind == "normal" else d["median"]


def recentred(dist: Distribution, value: float, allowed,
              bounds: tuple = (None, None)) -> Distribution | None:
    """``dist`` moved so that its centre is ``value``, keeping its shape: a log-scale kind
    scaled by value ÷ centre (its relative spread kept), any other kind shifted by
    value − centre (its width kept); its support cut to the parameter's range where it crosses
    it (``allowed(v)`` is True for a value the parameter may take; ``bounds`` its low and high
    in the distribution's unit, None where open-ended). None when it cannot be
    moved there (a log kind to a value ≤ 0, or a support the range cuts to nothing)."""
    old = dist.centre()
    if value == old:
        return dist
    if dist.kind in LOG_KINDS:
        if not (value > 0 and old > 0):
            return None
        ratio = value / old
        fields = {k: (v if k == "sigma" else v * ratio) for k, v in dist.fields}
    else:
        delta = value - old
        fields = {k: (v if k == "sd" else v + delta) for k, v in dist.fields}
    if "low" in fields:  # cut to the range, stepping back from a bound the range excludes
        for end, bound in zip(("low", "high"), bounds):
            if not allowed(fields[end]):
                fields[end] = bound if bound is not None and allowed(bound) else \
                    _last_allowed(fields[end], value, allowed)
                if fields[end] is None:
                    return None
        if not fields["low"] < fields["high"]:
            return None
    return Distribution(dist.kind, tuple((k, fields[k]) for k, _ in dist.fields))


def _last_allowed(outside: float, inside: float, allowed, steps: int = 60) -> float | None:
    """The allowed point nearest ``outside`` on the way to ``inside`` (bisection)."""
    if not allowed(inside):
        return None
    a, b = inside, outside
    for _ in range(steps):
        m = (a + b) / 2
        a, b = (m, b) if allowed(m) else (a, m)
    return a
