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
