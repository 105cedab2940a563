"""The annual eclipse statistics of many circular orbits at once, without a daily β history.

:func:`orbital.space.orbit.annual_sunlight` asks, for each orbit and each sampled day, whether
the orbit passes through the Earth's cylindrical shadow and for what fraction of its period.
This kernel answers the same question with the same numbers (the same days, the same Sun, the
same node drift; only the floating-point rounding differs) at a few nanoseconds a cell, by
working with sin β rather than β:

* sin β = h·ŝ with the orbit normal h = (sin i sin Ω, −sin i cos Ω, cos i) and the Sun
  ŝ = (X, Y, Z) = (cos λ, cos ε sin λ, sin ε sin λ). With the node Ω = Ω₀ + ω t this is
  sin β = sin i sin Ω₀ (X cos ωt + Y sin ωt) + sin i cos Ω₀ (X sin ωt − Y cos ωt) + cos i Z,
  so when every orbit shares the node rate ω (sun-synchronous orbits; one orbit) the whole
  (orbits × days) grid is one matrix product of a (N, 3) and a (3, days) matrix;
* a day is eclipsed when sin²β < σ² with σ = R/(R+h) (|β| < β* = arcsin σ);
* the eclipse fraction f = (1/π) arccos(k / cos β), k = √(h² + 2Rh)/(R+h) = √(1 − σ²), is
  evaluated on eclipsed cells only; it falls as |β| grows, so the year's largest f and the
  smallest |β| both come from the day with the smallest sin²β;
* the eclipse season (the longest run of consecutive eclipsed days, wrapping round the year
  end) comes from the starts and ends of the runs, not from a cumulative scan of every day.

Sources: Rickman, NASA JSC (2014) for β; CNES CelestLab ``CL_gm_betaEclipse`` for the shadow.
Everything is plain numpy on SI floats; no units, no model imports.
"""
from __future__ import annotations

import os
import threading

import numpy as np

#: Largest number of (orbit × day) cells handled at once (8 bytes each, a few arrays).
CHUNK_CELLS = 1 << 19
#: How many times more orbits a chunk of the windowed kernel holds than one of the dense grid.
WINDOW_ROWS = 4
#: Block lengths [days] tried, in order, for the bounded evaluation of :func:`windowed_chunk`.
BLOCK_DAYS = (5, 4, 3, 2)

def _threads_wanted() -> int:
    text = os.environ.get("ORBITAL_THREADS", "").strip()
    return max(1, int(text)) if text.isdigit() else min(2, os.cpu_count() or 1)


#: Threads that share a year of eclipses of many orbits, chunk by chunk (the same chunks, the
#: same numbers): the machine's cores, at most 2, or ``ORBITAL_THREADS``. A process that is one
#: of several workers on the machine sets 1 (:func:`use_threads`).
THREADS = _threads_wanted()


def use_threads(n: int) -> None:
    """Share each year of eclipses among ``n`` threads from now on (1: none)."""
    global THREADS
    THREADS = max(1, int(n))


#: No run edges (rows, first days, last days): what a chunk returns without the seasons.
NO_EDGES = (np.zeros(0, dtype=np.int64),) * 3

STATISTICS = ("sunlit_fraction", "max_eclipse_fraction", "eclipse_days", "longest_eclipse",
              "min_beta", "season_start", "season_length")


def shadow_fraction(k, sin2_beta):
    """Eclipse fraction f = arccos(k / cos β)/π [1] from k = √(1 − σ²) [1] and sin²β [1], for
    cells known to be eclipsed (sin²β < σ²). Source: CNES CelestLab ``CL_gm_betaEclipse``."""
    ratio = k / np.sqrt(1.0 - sin2_beta)
    np.minimum(ratio, 1.0, out=ratio)
    np.arccos(ratio, out=ratio)
    ratio *= 1.0 / np.pi
    return ratio


class Scratch:
    """Work arrays reused from chunk to chunk: a fresh chunk-sized array costs more to map
    and fault in than the arithmetic done on it, and a reused one stays in cache."""

    def __init__(self):
        self._flat = {}

    def array(self, name, shape, dtype=float):
        """An uninitialised array of ``shape`` backed by the buffer ``name`` (grown when
        needed; its previous contents are not kept)."""
        size = int(np.prod(shape))
        flat = self._flat.get(name)
        if flat is None or flat.size < size or flat.dtype != dtype:
            flat = self._flat[name] = np.empty(size, dtype=dtype)
        return flat[:size].reshape(shape)


def eclipse_sums(q, k, scratch=None):
    """From sin²β ``q`` (days × orbits, overwritten: each day's orbits contiguous, so every
    pass and every reduction runs along whole rows) and k = √(1 − σ²) per orbit [1]: the
    eclipsed days (where k / cos β < 1, as :func:`orbital.space.orbit.eclipse_fraction`
    decides them) as an (orbits × days) view, their count, Σ f over the days and the smallest
    sin²β, per orbit. Every cell is evaluated: a day in sunlight has k / cos β ≥ 1 and adds
    arccos(1) = 0. ``scratch`` (a :class:`Scratch`) holds the mask between calls."""
    qmin = q.min(axis=0)
    # x = (k / cos β)², and arccos √x = ½ arccos(2x − 1): one square root fewer per cell
    np.subtract(1.0, q, out=q)
    np.divide(2.0 * k * k, q, out=q)   # 2x, exactly twice k²/(1 − q): scaling by 2 is exact
    mask = np.less(q, 2.0, out=(scratch or Scratch()).array("mask", q.shape, bool))
    np.minimum(q, 2.0, out=q)   # a sunlit cell adds arccos(1) = 0
    q -= 1.0   # below 1 exactly where x < 1 (2x − 1 is exact for x ≥ ½)
    np.arccos(q, out=q)
    # (a year's days fit 16 bits: bytes summed as uint16 are 4× quicker than as intp)
    count = np.add.reduce(mask.view(np.uint8), axis=0,
                          dtype=np.uint16 if q.shape[0] < 1 << 16 else np.intp)
    # Σ f day after day, in day order, for any number of orbits: numpy adds the rows in turn,
    # but sums a lone column pairwise, which would round one orbit's year differently from the
    # same orbit's among many (sunlit days add exact zeros, so the days evaluated do not matter)
    total = q.sum(axis=0) if q.shape[1] != 1 or not q.size else np.add.accumulate(q, axis=0)[-1]
    return mask.T, count, total / (2.0 * np.pi), qmin


def longest_runs(mask):
    """Longest run of True along each row of ``mask`` (rows × D), wrapping round the year end:
    ``(length, start)`` integer arrays, start = -1 for a row with no True and 0 for a row that
    is all True. Among equally long runs the one that starts first wins, except that a run over
    the year end comes last (the rule of :func:`orbital.space.orbit.longest_circular_run`)."""
    return runs_from_edges(*run_edges(mask), np.count_nonzero(mask, axis=1) == mask.shape[1],
                           mask.shape[1])


def run_edges(mask, before=True, after=True):
    """The runs of True along the rows of ``mask`` (rows × m), circularly: (rows, first days,
    last days) of every run, row-major. ``before``/``after`` (m,) say whether each column's
    previous/next column is the day before/after it (False: that day is not in ``mask`` and
    holds no True)."""
    m = mask.shape[1]
    edge = np.empty_like(mask)
    prev = np.roll(mask, 1, axis=1) & before
    np.greater(mask, prev, out=edge)       # True after False: a run starts
    r_s, c_s = np.divmod(np.flatnonzero(edge), m)
    nxt = np.roll(mask, -1, axis=1) & after
    np.greater(mask, nxt, out=edge)        # True before False: a run ends
    return r_s, c_s, np.flatnonzero(edge) % m


def runs_from_edges(r_s, c_s, c_e, full, d):
    """(length, start) of the longest circular run of each row (see :func:`longest_runs`) from
    its runs' first days ``c_s`` (rows ``r_s``) and last days ``c_e``, both in row-major order,
    and ``full`` (rows × bool: every day True, a row without edges)."""
    rows = full.size
    length = np.where(full, d, 0)
    start = np.where(full, 0, -1)
    if r_s.size == 0:
        return length, start
    runs = np.bincount(r_s, minlength=rows)
    has = np.flatnonzero(runs)
    per = runs[has]
    first = np.concatenate([[0], np.cumsum(per)[:-1]])
    # a row whose first run end comes before its first start has a run over the year end:
    # its last start pairs with its first end, every other start with the next end
    row_first = np.repeat(first, per)
    n_runs = np.repeat(per, per)
    pos = np.arange(r_s.size) - row_first
    wrap = np.repeat(c_e[first] < c_s[first], per)
    ends = c_e[row_first + np.where(wrap, (pos + 1) % n_runs, pos)]
    lengths = (ends - c_s) % d + 1
    best = np.maximum.reduceat(lengths, first)
    # the first run (in start order) of the longest length
    pick = np.flatnonzero(lengths == np.repeat(best, per))
    rows_picked = r_s[pick]
    first_pick = pick[np.concatenate([[True], rows_picked[1:] != rows_picked[:-1]])]
    length[has] = best
    start[has] = c_s[first_pick]
    return length, start


def sun_frame(sun_xyz, t, rate):
    """The Sun in the frame that turns with a node drifting at ``rate`` ω [rad/s]: the rows
    (X cos ωt + Y sin ωt, X sin ωt − Y cos ωt, Z) [1], shape (3, days), from the Sun's unit
    vectors ``sun_xyz`` (3, days) in the equatorial frame and the times ``t`` [s] since the
    start."""
    x, y, z = sun_xyz
    c, s = np.cos(rate * t), np.sin(rate * t)
    return np.stack([x * c + y * s, x * s - y * c, z])


def sin_beta_grid(inc, raan0, rate, sun_xyz, t):
    """sin β [1] on the (days × orbits) grid of orbits with inclination ``inc`` [rad], node
    ``raan0`` [rad] at the start and node rate ``rate`` [rad/s] (each shape (n,)); the Sun's
    unit vectors ``sun_xyz`` (3, days) at times ``t`` [s]."""
    x, y, z = (c[:, None] for c in sun_xyz)
    omega = raan0 + t[:, None] * rate
    s = x * np.sin(omega)
    s -= y * np.cos(omega)
    s *= np.sin(inc)
    s += np.cos(inc) * z
    return s


def dense_chunk(inc, raan0, rate, k, sun_xyz, t, seasons=True):
    """Per orbit: eclipsed days, Σ eclipse fraction, min sin²β and the runs' edges (rows, first
    days, last days, row-major), from every cell of the (orbits × days) grid."""
    q = sin_beta_grid(inc, raan0, rate, sun_xyz, t)
    np.square(q, out=q)
    mask, count, total, qmin = eclipse_sums(q, k)
    return (count, total, qmin) + (run_edges(mask) if seasons else NO_EDGES)


def day_blocks(frame, length):
    """The days cut into blocks of ``length``: each block's centre (3, B) and radius (B,) [1]
    (the largest distance of its Sun vectors in ``frame`` (3, days) from the centre, plus a
    margin for rounding), so that |u·ŝ_d − u·c_b| ≤ r_b for every unit vector u."""
    v = frame.reshape(3, -1, length)
    centre = v.mean(axis=2)
    radius = np.sqrt(((v - centre[..., None]) ** 2).sum(axis=0)).max(axis=1) + 1e-12
    return centre, radius


def windowed_chunk(inc, raan0, sigma2, k, frame, blocks, seasons=True, scratch=None):
    """:func:`dense_chunk` for orbits sharing one node rate, whose Sun vectors ``frame``
    (:func:`sun_frame`, (3, days)) are the same for all. A block's centre bounds sin β over its
    days (|sin β − u·c_b| ≤ r_b, :func:`day_blocks`); only the days of blocks where some orbit
    may be eclipsed or may have its smallest |sin β| are evaluated, day by day, so every
    statistic is the day-by-day one. ``scratch`` (a :class:`Scratch`) holds the grid between
    calls."""
    scratch = scratch or Scratch()
    centre, radius = blocks
    n, days = inc.size, frame.shape[1]
    length = days // radius.size
    si, ci = np.sin(inc), np.cos(inc)
    one_node = raan0.size > 0 and bool(np.all(raan0 == raan0[0]))
    if one_node:   # one node for all: sin β = sin i · p_d + cos i · z_d
        w = np.stack([np.sin(raan0[0]) * frame[0] + np.cos(raan0[0]) * frame[1], frame[2]])
        u = np.stack([si, ci])
    else:
        w = frame
        u = np.stack([si * np.sin(raan0), si * np.cos(raan0), ci])
    wc = w.reshape(w.shape[0], -1, length).mean(axis=2) if one_node else centre
    if not np.isfinite(u).all():
        wanted = np.ones(radius.size, dtype=bool)
    else:
        # first for the chunk as a whole: every u lies within δ of their mean, so
        # |u·c_b| is within δ of |ū·c_b| (|c_b| ≤ 1)
        mean = u.mean(axis=1)
        delta = np.sqrt(((u - mean[:, None]) ** 2).sum(axis=0)).max() + 1e-12
        sb = np.abs(mean @ wc)
        low = sb - radius - delta
        wanted = (low < np.sqrt(sigma2.max())) | (low <= (sb + radius + delta).min())
        if wanted.mean() > 0.5:   # then orbit by orbit (a subset of the same blocks)
            sb = np.multiply.outer(u[0], wc[0])   # outer products: BLAS is slow at inner size 2-3
            for j in range(1, u.shape[0]):
                sb += np.multiply.outer(u[j], wc[j])
            np.abs(sb, out=sb)
            low = sb - radius
            wanted = ((low < np.sqrt(sigma2)[:, None])
                      | (low <= (sb + radius).min(axis=1)[:, None])).any(axis=0)
    day = np.flatnonzero(np.repeat(wanted, length))
    # days × orbits, as eclipse_sums takes them
    q = np.multiply(w[0, day][:, None], u[0], out=scratch.array("q", (day.size, n)))
    term = scratch.array("term", q.shape)
    for j in range(1, u.shape[0]):
        q += np.multiply(w[j, day][:, None], u[j], out=term)
    np.square(q, out=q)
    e, count, total, qmin = eclipse_sums(q, k, scratch)
    # run edges: a day whose neighbour was not evaluated borders a day without eclipse
    if not seasons:
        return (count, total, qmin) + NO_EDGES
    r_s, j_s, j_e = run_edges(e, np.roll(day, 1) == (day - 1) % days,
                              np.roll(day, -1) == (day + 1) % days)
    return count, total, qmin, r_s, day[j_s], day[j_e]


def by_inclination(inc, bins=4096):
    """An order that groups orbits of like inclination ``inc`` [rad]: sorted by which of
    ``bins`` equal slices of their range holds them (a radix sort of small integers, several
    times faster than sorting the floats; the chunks need like orbits, not a strict order)."""
    lo, hi = inc.min(), inc.max()
    if not (np.isfinite(lo) and np.isfinite(hi)) or hi <= lo:
        return np.argsort(inc)
    key = ((inc - lo) * ((bins - 1) / (hi - lo))).astype(np.int16)
    return np.argsort(key, kind="stable")


def annual_statistics(altitude, inc, raan0, rate, period, sun_xyz, t, radius, frame=None,
                      seasons=True):
    """The annual eclipse statistics of orbits given as flat arrays of shape (n,): altitude
    [m], inclination ``inc`` [rad], node ``raan0`` [rad] at the first sample, node ``rate``
    [rad/s], ``period`` [s]; the Sun's unit vectors ``sun_xyz`` (3, days) at times ``t`` [s]
    since the first sample; the Earth's ``radius`` [m]; ``frame``, the :func:`sun_frame` of
    the node rate, when every orbit shares one (else None); ``seasons=False`` leaves out the
    eclipse season (its run-length work), for callers that compute it only when read.

    Returns a dict of (n,) arrays named as in :data:`STATISTICS`: sunlit_fraction [1] (mean
    over the days), max_eclipse_fraction [1], eclipse_days [count], longest_eclipse [s],
    min_beta [rad], season_start [day, 1-based; nan: never eclipsed], season_length [days];
    nan everywhere for an orbit whose inputs are not finite.
    """
    n, days = altitude.size, t.size
    keys = STATISTICS if seasons else STATISTICS[:-2]
    out = {k: np.empty(n) for k in keys}
    length = next((b for b in BLOCK_DAYS if days % b == 0), None)
    blocks = None if frame is None or length is None else day_blocks(frame, length)
    rows = max(1, CHUNK_CELLS // days)
    # orbits of one node sorted by inclination: each chunk's orbits then need the same days
    if blocks is not None:   # a window of days is far narrower than the year: more orbits
        rows *= WINDOW_ROWS
    order = (by_inclination(inc) if blocks is not None and n > rows
             and np.all(raan0 == raan0[0]) else None)
    if order is not None:
        altitude, inc, raan0, period = altitude[order], inc[order], raan0[order], period[order]
    local = threading.local()   # each thread's own work arrays, reused chunk after chunk

    def chunk(a):
        scratch = getattr(local, "scratch", None)
        if scratch is None:
            scratch = local.scratch = Scratch()
        b = min(n, a + rows)
        h = altitude[a:b]
        sigma2 = (radius / (radius + h)) ** 2
        k = np.sqrt(h * h + 2.0 * radius * h) / (radius + h)
        if blocks is not None:
            count, total, qmin, r_s, c_s, c_e = windowed_chunk(inc[a:b], raan0[a:b], sigma2, k,
                                                               frame, blocks, seasons,
                                                               scratch)
        else:
            node_rate = rate[a:b] if frame is None else np.full(b - a, rate[0])
            count, total, qmin, r_s, c_s, c_e = dense_chunk(inc[a:b], raan0[a:b], node_rate, k,
                                                            sun_xyz, t, seasons)
        fmax = np.where(count > 0, shadow_fraction(k, np.minimum(qmin, 1.0)), 0.0)
        out["sunlit_fraction"][a:b] = 1.0 - total / days
        out["max_eclipse_fraction"][a:b] = fmax
        out["eclipse_days"][a:b] = count
        out["longest_eclipse"][a:b] = fmax * period[a:b]
        out["min_beta"][a:b] = np.arcsin(np.sqrt(qmin))
        if seasons:
            length_, start = runs_from_edges(r_s, c_s, c_e, count == days, days)
            out["season_start"][a:b] = np.where(start >= 0, start + 1.0, np.nan)
            out["season_length"][a:b] = length_
        bad = ~(np.isfinite(qmin) & np.isfinite(k))
        if bad.any():
            for key in keys:
                out[key][a:b][bad] = np.nan

    starts = range(0, n, rows)
    workers = min(THREADS, len(starts))
    if workers > 1:   # chunks are independent and numpy releases the GIL on each pass
        from concurrent.futures import ThreadPoolExecutor   # (off the start-up path)

        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(chunk, starts))
    else:
        for a in starts:
            chunk(a)
    if order is not None:
        for key in keys:
            out[key][order] = out[key].copy()
    return out
