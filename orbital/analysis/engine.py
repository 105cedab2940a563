"""Running chunks: on this machine with numpy, or on dask (a local cluster or any scheduler).

An analysis is a picklable *task* ``task(start, stop) -> part`` over sample indices and a
*merge* of parts. :func:`run` cuts ``0 … n`` into chunks of whole :data:`~.sampling.BLOCK`\\ s,
evaluates them one after another (``engine="numpy"``) or on dask workers
(``engine="dask"``) with at most a few chunks in flight, and folds each finished part into the
running total at once, so memory stays bounded by the chunk size whatever ``n`` is.

Monte Carlo parts are :class:`Sketch`\\ es: mergeable summaries of one result's SI magnitudes
(count, exact mean and variance by Chan's parallel update, min, max, counts below a threshold,
and a histogram on a fixed logarithmic grid). Quantiles from the sketch are approximate with a
stated bound: the grid has :data:`BINS_PER_DECADE` bins per decade of |x| between
``10**LOG_MIN`` and ``10**LOG_MAX`` (SI), so a quantile read from it lies within one bin of the
sample's order statistic, i.e. within a relative :data:`QUANTILE_RTOL` (≈ 0.113 %). Exact
quantiles need every value in memory, which the numpy engine keeps for up to
``exact_limit`` samples. Everything is reduced as plain SI magnitudes (dask, like numpy's
percentile, knows nothing of pint units) and units go back on when the table is built.
"""
from __future__ import annotations

import math
import sys
import time

import numpy as np

from ..core.errors import InputError
from .cluster import free_chunk, run_dask
from .limits import MAX_CHUNK, check_time, whole_number
from .sampling import BLOCK

ENGINES = ("numpy", "dask")

#: Default samples per chunk: big enough to amortise Python overhead, small enough that the
#: model's (chunk × years) intermediates stay in cache-friendly, bounded memory.
DEFAULT_CHUNK = 2 ** 16

#: Logarithmic histogram grid of the streaming sketch (SI magnitudes).
BINS_PER_DECADE = 2048
LOG_MIN = -24
LOG_MAX = 24
_NBINS = (LOG_MAX - LOG_MIN) * BINS_PER_DECADE
#: Relative error bound of a sketch quantile: the relative width of one bin.
QUANTILE_RTOL = 10.0 ** (1.0 / BINS_PER_DECADE) - 1.0


class Sketch:
    """A mergeable summary of many SI values of one result.

    ``n`` values in all, ``n_nan`` of them NaN (left out of everything else); ``mean``/``m2``
    over the finite values (``m2`` = Σ(x − mean)²); ``below``: how many values are below
    ``threshold`` (when one is set); a histogram of |x| on the fixed log grid, separately for
    positive and negative values, with zero/underflow and overflow (incl. ±inf) buckets.
    """

    __slots__ = ("threshold", "n", "n_nan", "n_finite", "mean", "m2", "min", "max", "below",
                 "pos", "neg", "zero", "pos_over", "neg_over")

    def __init__(self, threshold: float | None = None):
        self.threshold = threshold
        self.n = self.n_nan = self.n_finite = 0
        self.mean = self.m2 = 0.0
        self.min, self.max = math.inf, -math.inf
        self.below = 0
        self.pos = np.zeros(_NBINS, dtype=np.int64)
        self.neg = np.zeros(_NBINS, dtype=np.int64)
        self.zero = self.pos_over = self.neg_over = 0

    @classmethod
    def of(cls, values, threshold: float | None = None) -> "Sketch":
        s = cls(threshold)
        s.add(values)
        return s

    def add(self, values) -> None:
        x = np.asarray(values, dtype=float).ravel()
        nan = np.isnan(x)
        n_nan = int(nan.sum())
        if n_nan:
            x = x[~nan]
        if self.threshold is not None:
            self.below += int(np.count_nonzero(x < self.threshold))
        finite = np.isfinite(x)
        xf = x if finite.all() else x[finite]
        other = Sketch.__new__(Sketch)
        other.n_finite = xf.size
        if xf.size:
            other.mean = float(xf.mean())
            other.m2 = float(np.square(xf - other.mean).sum())
        else:
            other.mean = other.m2 = 0.0
        self._merge_moments(other)
        self.n += x.size + n_nan
        self.n_nan += n_nan
        if x.size:
            self.min = min(self.min, float(x.min()))
            self.max = max(self.max, float(x.max()))
        a = np.abs(x)
        with np.errstate(divide="ignore", invalid="ignore"):
            idx = np.floor((np.log10(a) - LOG_MIN) * BINS_PER_DECADE)
        small = ~(idx >= 0)  # includes zeros (log10 0 = -inf)
        big = idx >= _NBINS
        ok = ~(small | big)
        negative = x < 0
        self.zero += int(small.sum())
        self.pos_over += int((big & ~negative).sum())
        self.neg_over += int((big & negative).sum())
        ii = idx[ok].astype(np.int64)
        neg_ok = negative[ok]
        if neg_ok.any():
            self.neg += np.bincount(ii[neg_ok], minlength=_NBINS)
            self.pos += np.bincount(ii[~neg_ok], minlength=_NBINS)
        else:
            self.pos += np.bincount(ii, minlength=_NBINS)

    def _merge_moments(self, other) -> None:
        na, nb = self.n_finite, other.n_finite
        if nb == 0:
            return
        if na == 0:
            self.n_finite, self.mean, self.m2 = nb, other.mean, other.m2
            return
        n = na + nb
        delta = other.mean - self.mean
        self.mean = self.mean + delta * nb / n
        self.m2 = self.m2 + other.m2 + delta * delta * na * nb / n
        self.n_finite = n

    def merge(self, other: "Sketch") -> "Sketch":
        """Fold ``other`` into this sketch (in place) and return it."""
        self._merge_moments(other)
        self.n += other.n
        self.n_nan += other.n_nan
        self.min, self.max = min(self.min, other.min), max(self.max, other.max)
        self.below += other.below
        self.pos += other.pos
        self.neg += other.neg
        self.zero += other.zero
        self.pos_over += other.pos_over
        self.neg_over += other.neg_over
        return self

    @property
    def sd(self) -> float:
        """Sample standard deviation of the finite values (ddof = 1)."""
        return math.sqrt(self.m2 / (self.n_finite - 1)) if self.n_finite > 1 else math.nan

    def quantile(self, q: float) -> float:
        """Approximate ``q``-quantile: the value of order statistic ⌊q·(m−1)⌋ of the m non-NaN
        values, to within one grid bin (:data:`QUANTILE_RTOL` relative) when it lies on the
        grid; exact min/max at the ends; values below 10**LOG_MIN read as 0."""
        m = self.n - self.n_nan
        if m == 0:
            return math.nan
        rank = int(math.floor(q * (m - 1)))
        if rank <= 0:
            return self.min
        if rank >= m - 1:
            return self.max
        # buckets in increasing value order
        counts = np.concatenate(([self.neg_over], self.neg[::-1], [self.zero], self.pos,
                                 [self.pos_over]))
        cum = np.cumsum(counts)
        b = int(np.searchsorted(cum, rank, side="right"))
        within = (rank - (cum[b - 1] if b else 0) + 0.5) / counts[b]
        if b == 0:
            return self.min
        if b == len(counts) - 1:
            return self.max
        if b == _NBINS + 1:
            return 0.0
        if b <= _NBINS:  # negative bins, reversed: bucket b ↔ |x| bin _NBINS − b
            k = _NBINS - b
            hi, lo = _edge(k + 1), _edge(k)  # |x| from hi down to lo as value increases
            return -float(hi * (lo / hi) ** within)
        k = b - _NBINS - 2
        lo, hi = _edge(k), _edge(k + 1)
        return float(np.clip(lo * (hi / lo) ** within, self.min, self.max))

    def histogram(self, bins: int = 60):
        """Counts and edges [SI] for a chart: the fine grid regrouped into about ``bins`` bins
        between the smallest and largest positive value (positive results only)."""
        nz = np.flatnonzero(self.pos)
        if nz.size == 0:
            return np.array([self.n - self.n_nan]), np.array([self.min, self.max])
        first, last = int(nz[0]), int(nz[-1]) + 1
        step = max(1, -(-(last - first) // bins))
        stop = first + step * (-(-(last - first) // step))
        counts = np.add.reduceat(np.pad(self.pos, (0, max(0, stop - _NBINS)))[first:stop],
                                 np.arange(0, stop - first, step))
        edges = np.array([_edge(k) for k in range(first, stop + 1, step)])
        return counts, edges


def _edge(k: int) -> float:
    return 10.0 ** (LOG_MIN + k / BINS_PER_DECADE)


# ----------------------------------------------------------------------------- running

def chunks(n: int, chunk_size: int | None = None) -> list[tuple[int, int]]:
    """``(start, stop)`` ranges covering ``0 … n``, each a whole number of blocks."""
    size = DEFAULT_CHUNK if chunk_size is None else whole_number(chunk_size, "chunk_size", 1,
                                                                  MAX_CHUNK)
    size = max(BLOCK, -(-size // BLOCK) * BLOCK)
    return [(a, min(a + size, n)) for a in range(0, n, size)]


def check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise InputError("engine", f"{engine!r}", "one of " + ", ".join(map(repr, ENGINES)))


def run_chunks(task, n: int, merge, *, chunk_size: int | None = None, engine: str = "numpy",
        scheduler=None, progress: bool = False, desc: str = "evaluating",
        max_seconds: float | None = None):
    """Evaluate ``task(start, stop)`` over chunks of ``0 … n`` and fold the parts with
    ``merge(total, part) -> total`` in chunk order (numpy) or completion order (dask).

    ``engine="dask"``: ``scheduler`` is None (start a :class:`distributed.LocalCluster` for
    this call), an address ``"tcp://host:port"``, a :class:`distributed.Client`, or one of
    dask's local schedulers ``"synchronous"``/``"threads"``/``"processes"``.
    ``progress``: a tqdm bar on stderr, shown once the run has taken a second.
    ``max_seconds``: the first chunk's time (the first window's, on dask), scaled to ``n``,
    estimates the run; a run estimated beyond it is refused then instead of running for hours.
    """
    check_engine(engine)
    if max_seconds is not None and not (isinstance(max_seconds, (int, float))
                                        and not isinstance(max_seconds, bool)
                                        and 0 < max_seconds < math.inf):
        raise InputError("max_seconds", f"got {max_seconds!r}", "a positive number of seconds")
    spans = chunks(n, chunk_size)
    bar = _bar(n, progress, desc)
    try:
        if engine == "numpy":
            total = None
            started = time.monotonic()
            for i, (a, b) in enumerate(spans):
                part = task(a, b)
                free_chunk()
                total = part if total is None else merge(total, part)
                bar.update(b - a)
                if i == 0 and max_seconds is not None and len(spans) > 1:
                    check_time(time.monotonic() - started, b - a, n, max_seconds)
            return total
        return run_dask(task, spans, merge, scheduler, bar, max_seconds)
    finally:
        bar.close()


class _NoBar:
    def update(self, k):
        pass

    def close(self):
        pass


def _bar(n, progress, desc):
    if not progress:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=n, unit="samples", unit_scale=True, desc=desc, delay=1.0,
                file=sys.stderr, leave=False)


def peak_rss_bytes() -> int:
    """Peak resident memory of this process [bytes] (for benchmarks and workers)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
