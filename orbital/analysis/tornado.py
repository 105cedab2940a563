"""The tornado: each parameter from its low to its high, the others held, ranked by swing."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..core.units import format_unit
from ..model import catalogue
from ..model.evaluate import evaluate_si
from .common import base_inputs, check_results, display, distributions, outputs


def tornado(aset, result: str | None = None, *, params: Sequence[str] | None = None,
            ranges: Mapping | None = None, overrides: Mapping | None = None):
    """Each parameter from its low to its high with the others at their values, ranked by the
    swing in ``result``.

    ``params``: which parameters (default: those of ``ranges`` if given, else every one with a
    distribution).
    ``ranges``: ``{name: (low, high)}`` (Quantities or numbers in the declared unit) instead of
    the file's distribution, whose low/high is the support (uniform, triangular, log-uniform)
    or P5/P95 (normal, lognormal). One model call evaluates all 2·D cases.
    Columns: ``parameter``, ``unit``, ``low``, ``high`` (the input in its declared unit), the
    result at low and at high, and ``swing`` = |high − low|, largest first.
    """
    [rname] = check_results(result)
    dists = distributions(aset, params, ranges)
    base = base_inputs(aset, overrides)
    k = len(dists)
    cols = {}
    lows, highs = [], []
    for i, d in enumerate(dists):
        lo, hi = d.bounds() if (ranges is None or d.name not in ranges) else (d.lo, d.hi)
        lows.append(lo)
        highs.append(hi)
        arr = np.full(2 * k + 1, base[d.name], dtype=float)
        arr[2 * i], arr[2 * i + 1] = lo, hi
        cols[d.name] = arr
    s = dict(base)
    s.update(cols)
    y = display(rname, outputs(evaluate_si(s), [rname], 2 * k + 1)[rname])
    import pandas as pd

    rspec = catalogue.results()[rname]
    unit = format_unit(rspec.unit)
    rows = []
    for i, d in enumerate(dists):
        spec = catalogue.parameters()[d.name]
        at_lo, at_hi = y[2 * i], y[2 * i + 1]
        rows.append({"parameter": d.name, "unit": format_unit(spec.unit),
                     "low": lows[i] / spec.si_factor, "high": highs[i] / spec.si_factor,
                     f"{rname} at low [{unit}]": at_lo, f"{rname} at high [{unit}]": at_hi,
                     f"swing [{unit}]": abs(at_hi - at_lo)})
    df = pd.DataFrame(rows).sort_values(f"swing [{unit}]", ascending=False, kind="stable")
    df = df.reset_index(drop=True)
    df.attrs.update({"analysis": "tornado", "result": rname, "base": float(y[-1]),
                     "unit": unit, "assumption_set": aset.name})
    return df


