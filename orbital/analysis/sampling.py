"""Drawing inputs: each parameter's distribution in SI, truncated to its physical range.

An assumption file states a distribution in the parameter's own unit with named fields
(``uniform(low, high)``, ``triangular(low, mode, high)``, ``normal(mean, sd)``,
``lognormal(median, sigma)``, ``loguniform(low, high)``). :func:`si_distribution` converts
those fields to SI through the parameter's declared unit and intersects the support with the
parameter's physical range (``Param.low``/``high``): a normal price never goes negative, a
lognormal efficiency never passes 1. The draw is the *truncated* distribution, not a clipped
one: the inverse CDF is applied to ``F(lo) + u·(F(hi) − F(lo))``, so no probability piles up
at a bound. Whole-number parameters (``Param.integer``) are rounded to the nearest whole number
in their declared unit after the draw (the two end values then carry half the weight of the
others).

Every sampler maps unit-cube points ``u ∈ [0, 1)`` to values (:meth:`SIDistribution.ppf`), so
one code path serves plain random draws, Latin hypercube blocks and SALib's Sobol' design.
Random streams are keyed by ``(seed, block)`` with a fixed block of :data:`BLOCK` samples, so
sample *i* is the same number whatever the chunk size or engine.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from ..core.errors import InputError
from ..core.units import is_offset, kind_text, same_kind
from ..core import units  # pint's objects (units.ureg ...) made on first use
from ..model import catalogue

#: Samples per random block. Chunks are whole numbers of blocks; each block has its own
#: stream (``SeedSequence(seed, spawn_key=(block,))``), so draws do not depend on chunking.
BLOCK = 2 ** 14

#: Sampling methods for Monte Carlo.
METHODS = ("random", "lhs")

#: A span of at least this ratio (high/low) counts as "spanning decades": ranges given without
#: a distribution are then sampled log-uniformly (for parameters marked ``log_scale``).
LOG_SPAN = 10.0

_Z_INF = math.inf


@dataclasses.dataclass(frozen=True)
class SIDistribution:
    """One parameter's distribution in SI magnitudes, truncated to ``[lo, hi]``.

    ``kind`` and ``fields`` as in the assumption file, but with every field in SI (``sigma`` of a
    lognormal is dimensionless and unchanged). ``lo``/``hi`` are the truncation bounds in SI
    (the physical range intersected with the support; ``±inf`` when unbounded).
    ``integer_factor`` is the SI size of one declared unit for whole-number parameters.
    """

    name: str
    kind: str
    fields: tuple
    lo: float
    hi: float
    integer_factor: float | None = None

    def __getitem__(self, key):
        return dict(self.fields)[key]

    @property
    def truncated(self) -> bool:
        """True when the physical range cuts into an unbounded kind's support."""
        if self.kind == "normal":
            return math.isfinite(self.lo) or math.isfinite(self.hi)
        if self.kind == "lognormal":
            return self.lo > 0 or math.isfinite(self.hi)
        return False

    def ppf(self, u) -> np.ndarray:
        """Values [SI] at unit-cube points ``u`` (the truncated distribution's inverse CDF)."""
        u = np.asarray(u, dtype=float)
        d = dict(self.fields)
        if self.kind == "uniform":
            x = u * (self.hi - self.lo)
            x += self.lo
        elif self.kind == "loguniform":
            a, b = math.log(self.lo), math.log(self.hi)
            x = u * (b - a)
            x += a
            np.exp(x, out=x)
        elif self.kind == "triangular":
            x = _triangular_ppf(u, d["low"], d["mode"], d["high"], self.lo, self.hi)
        elif self.kind == "normal":
            x = _normal_ppf(u, d["mean"], d["sd"], self.lo, self.hi)
        elif self.kind == "lognormal":
            lo = math.log(self.lo) if self.lo > 0 else -_Z_INF
            hi = math.log(self.hi) if math.isfinite(self.hi) else _Z_INF
            x = np.exp(_normal_ppf(u, math.log(d["median"]), d["sigma"], lo, hi))
        else:  # pragma: no cover - kinds are checked when the file loads
            raise ValueError(f"unknown distribution kind {self.kind!r}")
        if self.integer_factor:
            x = np.rint(x / self.integer_factor) * self.integer_factor
        # the open end of a range (e.g. > 0) and round-off never leak outside it (in place:
        # np.clip's wrapper costs more than the two ufuncs)
        x = np.asarray(x, dtype=float)  # a fresh array from the lines above
        np.maximum(x, self.lo, out=x)
        return np.minimum(x, self.hi, out=x)

    def bounds(self) -> tuple[float, float]:
        """Low/high [SI] for a tornado: the support for bounded kinds, P5/P95 otherwise
        (the same convention as :meth:`orbital.assumptions.Distribution.bounds`)."""
        if self.kind in ("uniform", "loguniform"):
            return self.lo, self.hi
        if self.kind == "triangular":
            return self.lo, self.hi
        lo, hi = self.ppf(np.array([0.05, 0.95]))
        return float(lo), float(hi)

    def describe(self) -> str:
        spec = catalogue.parameters()[self.name]
        f = spec.si_factor
        text = f"{self.kind}(" + ", ".join(
            f"{k}={v if k == 'sigma' else v / f:g}" for k, v in self.fields) + f") {spec.unit}"
        if self.truncated:
            text += f", truncated to [{self.lo / f:g}, {self.hi / f:g}]"
        return text


def _triangular_cdf(x, a, c, b):
    x = np.clip(x, a, b)
    left = (x - a) ** 2 / ((b - a) * (c - a)) if c > a else np.zeros_like(x)
    right = 1.0 - (b - x) ** 2 / ((b - a) * (b - c)) if b > c else np.ones_like(x)
    return np.where(x <= c, left, right)


def _triangular_ppf(u, a, c, b, lo, hi):
    if lo > a or hi < b:
        flo, fhi = float(_triangular_cdf(np.array(lo), a, c, b)), \
            float(_triangular_cdf(np.array(hi), a, c, b))
        u = flo + u * (fhi - flo)
    fc = (c - a) / (b - a)
    # a + √(u (b − a)(c − a)) below the mode's quantile, b − √((1 − u)(b − a)(b − c)) above,
    # in place (the same operations in the same order, two arrays instead of eleven)
    with np.errstate(invalid="ignore"):
        left = u * (b - a)
        left *= c - a
        np.sqrt(left, out=left)
        left += a
        right = np.subtract(1.0, u)
        right *= b - a
        right *= b - c
        np.sqrt(right, out=right)
        np.subtract(b, right, out=right)
    np.copyto(right, left, where=u < fc)
    return right


def _normal_ppf(u, mean, sd, lo, hi):
    from scipy.special import ndtr, ndtri

    plo = float(ndtr((lo - mean) / sd)) if math.isfinite(lo) else 0.0
    phi = float(ndtr((hi - mean) / sd)) if math.isfinite(hi) else 1.0
    if phi - plo <= 1e-12:
        raise InputError("distribution", f"a normal({mean:g}, {sd:g}) [SI] keeps almost no "
                         f"probability inside the range [{lo:g}, {hi:g}] [SI]",
                         "a distribution centred inside the parameter's range")
    p = plo + u * (phi - plo)
    # keep p strictly inside (0, 1) so the tails stay finite
    p = np.clip(p, np.nextafter(0.0, 1.0), np.nextafter(1.0, 0.0))
    return mean + sd * ndtri(p)


def _physical_range_si(spec) -> tuple[float, float]:
    f = spec.si_factor
    lo = -math.inf if spec.low is None else spec.low * f
    hi = math.inf if spec.high is None else spec.high * f
    if spec.low is not None and spec.low_open:
        lo = math.nextafter(lo, math.inf)
    if spec.high is not None and spec.high_open:
        hi = math.nextafter(hi, -math.inf)
    return lo, hi


def _field_to_si(value: float, unit_text: str, spec, scale_only: bool) -> float:
    u = units.ureg.Unit(unit_text) if unit_text not in ("", "1") else units.ureg.Unit("")
    if scale_only:  # a width (sd): affine-safe, the difference of two converted points
        return float(units.ureg.Quantity(value, u).m_as(spec.si_unit)
                     - units.ureg.Quantity(0.0, u).m_as(spec.si_unit))
    return float(units.ureg.Quantity(value, u).m_as(spec.si_unit))


def numeric_spec(name: str, place: str = "parameter"):
    """The :class:`~orbital.catalogue.Param` of ``name``; refuses unknown names and model choices
    (which cannot be varied or swept)."""
    params = catalogue.parameters()
    if name not in params:
        raise InputError(f"{place} '{name}'", "unknown parameter" + params.hint(name))
    spec = params[name]
    if spec.kind == "choice":
        raise InputError(f"{place} '{name}'", "is a model choice, which cannot be varied",
                         "a numeric parameter")
    return spec


def make_distribution(name: str, kind: str, fields: dict, unit_text: str) -> SIDistribution:
    """Build a truncated :class:`SIDistribution` for parameter ``name`` from ``fields`` given in
    ``unit_text`` (the unit the file or the caller used)."""
    spec = numeric_spec(name)
    if kind in ("lognormal", "loguniform") and unit_text not in ("", "1") \
            and is_offset(units.ureg.Unit(unit_text)):
        raise InputError(f"parameter '{name}'", f"a {kind} distribution in '{unit_text}', an "
                         "offset unit whose zero is not the quantity's zero",
                         "the distribution in an absolute unit (K)")
    si = {}
    for k, v in fields.items():
        if k == "sigma":
            si[k] = float(v)
        else:
            si[k] = _field_to_si(float(v), unit_text, spec, scale_only=(k == "sd"))
    lo, hi = _physical_range_si(spec)
    if kind in ("uniform", "loguniform", "triangular"):
        lo, hi = max(lo, si["low"]), min(hi, si["high"])
        if kind == "loguniform" and not lo > 0:
            raise InputError(f"parameter '{name}'", "a log-uniform range must be above zero",
                             "low > 0")
        if not lo <= hi:
            raise InputError(f"parameter '{name}'", f"the {kind} range lies outside the "
                             "parameter's physical range", spec.range_text())
    elif kind == "lognormal":
        lo = max(lo, 0.0)
    integer = spec.si_factor if getattr(spec, "integer", False) else None
    return SIDistribution(name, kind, tuple(si.items()), lo, hi, integer)


def from_assumption(aset, name: str) -> SIDistribution:
    """The distribution attached to ``name`` in assumption set ``aset``, in SI."""
    a = aset[name]
    if a.distribution is None:
        raise InputError(f"parameter '{name}'", f"has no distribution in '{aset.name}'",
                         "a distribution in the assumption file, or an explicit range")
    return make_distribution(name, a.distribution.kind, dict(a.distribution.fields),
                             a.unit or "1")


def from_range(name: str, low, high, scale: str | None = None) -> SIDistribution:
    """A uniform (or log-uniform) distribution over ``[low, high]``.

    ``low``/``high``: Quantities, or plain numbers in the parameter's declared unit.
    ``scale``: ``"linear"``, ``"log"`` or None (log when the parameter is marked ``log_scale``
    and the range spans at least a factor :data:`LOG_SPAN`, so quantities spanning decades
    are not starved of small values).
    """
    spec = numeric_spec(name)
    lo_v, hi_v = (_in_declared(spec, v) for v in (low, high))
    for v in (lo_v, hi_v):  # a range the caller asks for is never silently clipped
        problem = spec.check_range_si(v * spec.si_factor)
        if problem:
            raise InputError(f"parameter '{name}'", f"range {lo_v:g} to {hi_v:g} {spec.unit}: "
                             + problem, spec.range_text())
    if not lo_v < hi_v:
        raise InputError(f"parameter '{name}'", f"range {lo_v:g} to {hi_v:g} {spec.unit}",
                         "low < high")
    if scale is None:
        scale = "log" if (getattr(spec, "log_scale", False) and lo_v > 0
                          and hi_v / lo_v >= LOG_SPAN) else "linear"
    if scale not in ("linear", "log"):
        raise InputError(f"parameter '{name}'", f"scale {scale!r}", "'linear' or 'log'")
    kind = "loguniform" if scale == "log" else "uniform"
    return make_distribution(name, kind, {"low": lo_v, "high": hi_v}, spec.unit)


def _in_declared(spec, v) -> float:
    """A value in the parameter's declared unit from a Quantity or a plain number."""
    if hasattr(v, "_REGISTRY"):
        if not same_kind(v.units, spec.pint_unit):
            raise InputError(f"parameter '{spec.name}'", f"got {v}, {kind_text(v.units)}",
                             f"a quantity in {spec.unit} ({kind_text(spec.pint_unit)})")
        try:
            return float(v.m_as(spec.pint_unit))
        except Exception:
            raise InputError(f"parameter '{spec.name}'", f"got {v}",
                             f"a quantity in {spec.unit}") from None
    try:
        if isinstance(v, (bool, np.bool_, str, bytes)):
            raise TypeError
        return float(v)
    except (TypeError, ValueError):
        raise InputError(f"parameter '{spec.name}'", f"got {v!r}",
                         f"a number in {spec.unit}") from None


def block_rng(seed: int, block: int) -> np.random.Generator:
    """The random stream of block ``block`` (independent of chunking and engine)."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))


def unit_block(seed: int, block: int, n: int, d: int, method: str = "random") -> np.ndarray:
    """``(d, n)`` points in ``[0, 1)`` for one block: plain random, or a Latin hypercube of the
    block (each of the ``n`` equal strata of every dimension holds exactly one point)."""
    rng = block_rng(seed, block)
    if method == "random":
        return rng.random((d, n))
    if method == "lhs":
        strata = rng.permuted(np.broadcast_to(np.arange(n, dtype=float), (d, n)), axis=1)
        return (strata + rng.random((d, n))) / n
    raise InputError("method", f"{method!r}", "one of " + ", ".join(METHODS))


def draw(dists, seed: int, start: int, stop: int, n_total: int, method: str = "random") -> dict:
    """SI samples ``start … stop−1`` (of ``n_total``) for each distribution: ``{name: array}``.

    ``start`` must be a multiple of :data:`BLOCK`; every block is generated whole (the last
    one may be shorter, being the tail of ``n_total``), so sample *i* is the same wherever it
    is computed.
    """
    if start % BLOCK:
        raise ValueError("chunks must start on a block boundary")
    d = len(dists)
    first, last = start // BLOCK, -(-stop // BLOCK)
    if method == "random" and all(min(BLOCK, n_total - b * BLOCK) == BLOCK
                                  for b in range(first, last)):
        # whole blocks: each block's generator writes its d rows straight into place — the
        # same numbers in the same order as unit_block()'s (d, BLOCK) fill, with no copies
        u = np.empty((d, (last - first) * BLOCK))
        for i, b in enumerate(range(first, last)):
            rng = block_rng(seed, b)
            for j in range(d):
                rng.random(out=u[j, i * BLOCK:(i + 1) * BLOCK])
        rows = (u[j, :stop - start] for j in range(d))
    else:
        parts = [unit_block(seed, b, min(BLOCK, n_total - b * BLOCK), d, method)
                 for b in range(first, last)]
        u = np.concatenate(parts, axis=1)[:, :stop - start] if len(parts) > 1 else \
            parts[0][:, :stop - start]
        rows = (u[j] for j in range(d))
    return {dist.name: dist.ppf(row) for dist, row in zip(dists, rows)}
