"""When one cost series falls to another and stays there: the rule behind every crossover year
of the time axis (:mod:`orbital.compare.timeline`'s cost crossover, the market lens of
:mod:`orbital.compare.market`, the equal-money capacity of :mod:`orbital.compare.budget`), on
(..., Y) arrays by year along the last axis. Apart from the timeline so its steps share one
rule and the timeline keeps to its size.
"""
from __future__ import annotations

import numpy as np


def stays_from(ok):
    """Index of the first year from which ``ok`` holds to the end, along the last axis
    (``ok.shape[-1]`` where it does not hold in the last year)."""
    ok = np.asarray(ok, dtype=bool)
    stays = np.logical_and.accumulate(ok[..., ::-1], axis=-1)[..., ::-1]
    first = np.argmax(stays, axis=-1)
    return np.where(stays[..., -1], first, ok.shape[-1])


def first_year(ok):
    """Index of the first year where ``ok`` holds (``ok.shape[-1]`` if never)."""
    ok = np.asarray(ok, dtype=bool)
    return np.where(ok.any(axis=-1), np.argmax(ok, axis=-1), ok.shape[-1])


def crossover(space_lcoe, ground_lcoe):
    """(index of the crossover year, status) per
    :data:`orbital.compare.timeline.CROSSOVER_STATUS` for (..., Y) costs."""
    ok = space_lcoe <= ground_lcoe * (1 + 1e-12)
    n = ok.shape[-1]
    idx = stays_from(ok)
    status = np.where(idx == 0, 2, np.where(idx < n, 0, np.where(ok.any(axis=-1), 3, 1)))
    return idx, status


def calendar_year(years, idx):
    """The calendar year at year index ``idx`` of ``years`` (..., Y), inf past the horizon."""
    n = years.shape[-1]
    pick = np.take_along_axis(years, np.clip(idx, 0, n - 1)[..., None], axis=-1)[..., 0]
    return np.where(idx < n, pick, np.inf)
