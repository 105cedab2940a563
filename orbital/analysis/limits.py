"""The bounds on every size a user controls, stated in one place and checked before the
work: whole numbers within limits, the most draws, sweep points, Sobol' design memory, chunk
size, and the run-time estimate that refuses a run too long to finish."""
from __future__ import annotations

import math

import numpy as np

from ..core.errors import InputError

#: The most Monte Carlo draws one call makes: memory stays bounded by the chunk whatever the
#: count, but time does not (~1 µs a draw for the economics, ~25 µs when orbit parameters are
#: drawn and every draw's year of sunlight is computed), so 10⁸ draws is at most about 45
#: minutes on one core (``max_seconds`` refuses less patient runs after one chunk). Beyond
#: that, split the run (seeds make the parts independent).
MAX_DRAWS = 10 ** 8

#: The most draws on the dask engine: its workers fold their chunks into sketches, so memory
#: stays bounded by the chunk (a few hundred MiB per worker) and time is shared by the workers.
MAX_DRAWS_DASK = 10 ** 9

#: The most points a sweep evaluates (x points × y points, e.g. a 1,000 × 1,000 grid): the
#: table is held in memory and a point costs up to ~25 µs (orbit parameters), so ≤ 30 s.
MAX_SWEEP_POINTS = 1_000_000

#: The largest Sobol' base sample, and the most memory the Saltelli design (n·(D+2) rows × D)
#: and its results may take: ``sobol -n 2**40`` is refused instead of asking for terabytes.
MAX_SOBOL_N = 2 ** 24
MAX_DESIGN_BYTES = 2 ** 30

#: The largest chunk: memory per chunk grows with it (every drawn input and the model's
#: chunk × years intermediates), so it is capped where a chunk stays well under a gigabyte.
MAX_CHUNK = 2 ** 20


def whole_number(value, what: str, low: int, high: int, noun: str = "") -> int:
    """``value`` as an int from ``low`` to ``high``, refusing fractions (100.7 is not 100),
    booleans, text and non-finite numbers with a message naming ``what``."""
    expected = f"a whole number from {low:,} to {high:,}"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer,
                                                                     np.floating)):
        raise InputError(what, f"got {value!r}"[:80], expected)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value) or not float(value).is_integer():
            raise InputError(what, f"got {value!r}", expected)
    number = int(value)
    if not low <= number <= high:
        shown = f"{number:,}" if number.bit_length() < 1000 else "an enormous number"
        raise InputError(what, f"got {shown}" + (f" {noun}" if noun else ""), expected)
    return number


def check_time(elapsed: float, done: int, n: int, max_seconds: float) -> None:
    """Refuse a run whose estimate (``elapsed`` for ``done`` of ``n`` samples) passes
    ``max_seconds``."""
    estimate = elapsed * n / done
    if estimate > max_seconds:
        fits = max(2, int(n * max_seconds / estimate))
        raise InputError("run time", f"{n:,} samples would take about {estimate / 60:,.1f} "
                         f"minutes here (measured on the first {done:,})",
                         f"at most {max_seconds:g} s: about {fits:,} samples or fewer, or a "
                         "larger limit (--max-time, max_seconds=)")
