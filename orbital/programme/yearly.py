"""The buildout's year loop over many samples at once: the tonnage each year asks for and
launches, the cohort ledger's rows, the recording pass behind the by-year series and the
period's sums (:mod:`orbital.programme.buildout` reads them; one sample takes the float loop of
:mod:`orbital.programme.scalar` for its sums)."""
from __future__ import annotations

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from . import learning
from .ledger import fit, ledger_years


def at_year(a, y: int):
    """Column y (0-based) of a by-year array."""
    return a[..., y]


def wanted_rows(v):
    """Mass the programme asks for each year [kg]: first-year mass × growth^(y−1), or its
    schedule."""
    for y in range(v["n_years"]):
        if v["wanted_by_year"] is not None:
            yield fit(at_year(v["wanted_by_year"], y), v["shape"])
        else:
            yield fit(v["mass0"] * v["growth"] ** float(y), v["shape"])


def cap_of_year(v, y: int):
    """The cadence cap [kg] of year y (0-based): fixed, or its schedule × payload."""
    return v["cap"] if v["cap_by_year"] is None else at_year(v["cap_by_year"], y)


def curve_of_year(v, y: int):
    """The learning curve of year y (0-based): the set's, or a scheduled price path (flat
    within the year)."""
    if v["price_by_year"] is None:
        return v["curve"]
    return dict(v["curve"], p0=at_year(v["price_by_year"], y), learns=False)


def years(v):
    """One pass over the years: yields (y, wanted, launched, cumulative before and after,
    ledger row), with y = 1 … Y."""
    cumulative = np.broadcast_to(v["m_init"], v["shape"]).astype(float)
    made = []   # (wanted, launched) of the year the ledger has just taken, made once

    def launched_rows():
        for y, w in enumerate(wanted_rows(v)):
            made.append((w, np.minimum(w, cap_of_year(v, y))))
            yield made[-1][1]

    rows = ledger_years(launched_rows(), v["n_years"], v["shape"], v["sp"], v["d"], v["f"],
                        v["restoration"], v["phi"], v["life"], v["sp_by_year"])
    for y, led in enumerate(rows, start=1):
        wanted, launched = made.pop()   # the ledger takes year y's row before yielding it
        after = cumulative + launched
        yield y, wanted, launched, cumulative, after, led
        cumulative = after


def series(v):
    """Every by-year row of a recording pass, year-major ((Y, ...) arrays in SI); a series is
    put in (..., Y) order only when it is read (:func:`by_year_series`)."""
    out: dict = {}
    marginal = None   # the marginal price at the year's start: last year's at its end, where
    for y, wanted, launched, before, after, led in years(v):   # the curve is the same
        c = curve_of_year(v, y - 1)   # (a price path does not learn: spend reads no crossing)
        spent = learning.spend(c, before, after, v["meets"])
        start = (marginal if marginal is not None and v["price_by_year"] is None
                 else learning.price_at(c, before))
        marginal = learning.price_at(c, after)
        row = dict(led, wanted=wanted, launched=launched, cumulative=after - v["m_init"],
                   spend=spent, marginal=marginal)
        with np.errstate(divide="ignore", invalid="ignore"):
            row["price"] = np.where(launched > 0, spent / np.where(launched > 0, launched, 1.0),
                                    start)
        for k, a in row.items():
            out.setdefault(k, np.empty((v["n_years"],) + v["shape"]))[y - 1] = a
    return out


def by_year_series(rows: dict, key: str, v):
    """The series ``key`` as a (..., Y) array in C order, made once from the year-major
    ``rows`` of :func:`series` (a year-major view would leave every later (..., Y) operation
    mixing layouts with the time axis's own arrays, striding across whole rows of years; the
    copy is made only for the series someone reads)."""
    done = rows.setdefault("@by_year", {})
    if key not in done:
        if key == "net":
            done[key] = np.diff(by_year_series(rows, "installed", v), axis=-1, prepend=0.0)
        elif key == "gross":
            done[key] = by_year_series(rows, "launched", v) * (
                v["sp"][..., None] if v["sp_by_year"] is None else v["sp_by_year"])
        else:
            done[key] = np.ascontiguousarray(np.moveaxis(rows[key], 0, -1))
    return done[key]


def period_totals(v):
    """One pass over the years: the period's sums (mass, peak wanted mass, cadence and
    shortfall years, the installed power around the period's end, the year the learning
    target is reached), keeping of each year only its cumulative masses and launches."""
    n_years, shape = v["n_years"], v["shape"]
    last = floats.clip(v["period"] / YEAR, 0, n_years)  # the period in years
    idx = floats.clip(np.ceil(last - 1e-9).astype(np.int64), 1, n_years)  # its last, 1-based
    total_mass = np.zeros(shape)
    peak_wanted = np.zeros(shape)
    cadence = np.zeros(shape, dtype=bool)
    shortfall_years = np.zeros(shape)
    begin = np.zeros(shape)
    end = np.zeros(shape)
    target = v["target"]
    reached = np.zeros(shape, dtype=np.uint8)   # (at most 100 years: a byte each)
    kept = []   # each year's cumulative mass before and after it, and its launches
    scheduled_spend = np.zeros(shape) if v["price_by_year"] is not None else None
    cadence_years = np.zeros(shape)
    # one period for every sample (the usual case): a year's weight and whether it is the
    # period's last are plain numbers, and the selections below on them need no array pass
    whole = np.ndim(last) == 0 and np.ndim(idx) == 0
    restoring = v["restoration"] != "not_restored"   # else no year falls short: adds 0
    for y, wanted, launched, before, after, led in years(v):
        w = floats.clip(last - (y - 1), 0.0, 1.0)  # weight of this year in the period
        if whole:   # w a number: in-place sums, and a count where the year counts whole
            if w == 1.0:
                total_mass += launched
            else:
                total_mass += w * launched
        else:
            total_mass = total_mass + w * launched
        if v["price_by_year"] is not None:  # a price path: each year at its own price
            scheduled_spend = scheduled_spend + w * launched * curve_of_year(v, y - 1)["p0"]
        in_period = w > 0
        if not whole:
            peak_wanted = np.where(in_period, np.maximum(peak_wanted, wanted), peak_wanted)
            capped = in_period & (wanted > cap_of_year(v, y - 1) * (1 + 1e-12))
            cadence |= capped
            cadence_years = cadence_years + np.where(capped, w, 0.0)
            if restoring:
                short = in_period & (led["restored"] < led["failure_loss"] * (1 - 1e-9))
                shortfall_years = shortfall_years + np.where(short, w, 0.0)
            begin = np.where(idx - 1 == y, led["installed"], begin)
            end = np.where(idx == y, led["installed"], end)
        elif in_period:   # np.where(flag, w, 0) is flag·w for a number w in (0, 1]
            np.maximum(peak_wanted, wanted, out=peak_wanted)
            capped = wanted > cap_of_year(v, y - 1) * (1 + 1e-12)
            cadence_years += capped if w == 1.0 else capped * w  # cadence: > 0 after the loop
            if restoring:
                short = led["restored"] < led["failure_loss"] * (1 - 1e-9)
                shortfall_years += short if w == 1.0 else short * w
        if whole and (idx - 1 == y or idx == y):
            begin, end = (led["installed"], end) if idx - 1 == y else (begin, led["installed"])
        # the years at or past the learning target, counted (the year it is passed: below)
        reached += (after - v["m_init"] >= target).view(np.uint8)
        kept.append((before, after, launched))
    if whole:
        cadence = cadence_years > 0   # some year of the period capped (each weighs w > 0)
    year_to_target = target_year(kept, reached, target, v["m_init"], shape)
    return dict(total_mass=total_mass, peak_wanted=peak_wanted, cadence=cadence,
                shortfall_years=shortfall_years, begin=begin, end=end,
                year_to_target=year_to_target, scheduled_spend=scheduled_spend,
                cadence_years=cadence_years, last=last, idx=idx)


def target_year(kept, reached, target, m_init, shape):
    """The year [years from the start] in which the cumulative mass passes the learning
    ``target`` (linear within it; inf: not within the years), from the years' (before, after,
    launched) rows ``kept`` and the count of years at or past it, ``reached``.

    The first year whose cumulative mass (less the initial) reaches the target and which
    launched something: the cumulative mass never falls, so the years reaching it are the last
    ones and the first of them is year Y − count. Where that year launched nothing or a
    cumulative mass is nan, the years are tested one by one instead, as the rule reads."""
    n = len(kept)
    first = n - reached
    if n and not np.isfinite(kept[-1][1]).all():   # (the last year's mass is the largest)
        return _target_year_by_year(kept, target, m_init, shape)
    # each sample's numbers of that year, summed over the years that are some sample's first
    # as x·[first = y]: exact for finite numbers (x·1 = x, x·0 + x = x), and plain passes
    # where np.where, a masked copy or a (Y, N) stack of the rows costs several times more
    before_f, launched_f = np.zeros(shape), np.zeros(shape)
    if n:
        pick = np.minimum(first, n - 1)
        for y in range(int(pick.min()), int(pick.max()) + 1):  # (a year no sample picks adds 0)
            at = pick == y
            before_f += kept[y][0] * at
            launched_f += kept[y][2] * at
    if not ((launched_f > 0) | (first >= n)).all():
        return _target_year_by_year(kept, target, m_init, shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = floats.clip((target - (before_f - m_init)) / launched_f, 0.0, 1.0)
    return np.where(first < n, first + frac, np.inf)


def _target_year_by_year(kept, target, m_init, shape):
    """:func:`target_year` by testing each year in turn (the rule as it reads)."""
    year_to_target = np.full(shape, np.inf)
    for y, (before, after, launched) in enumerate(kept, start=1):
        crossed = np.isinf(year_to_target) & (after - m_init >= target) & (launched > 0)
        if crossed.any():
            with np.errstate(divide="ignore", invalid="ignore"):
                frac = floats.clip((target - (before - m_init))
                                   / np.where(launched > 0, launched, 1.0), 0.0, 1.0)
            year_to_target = np.where(crossed, (y - 1) + frac, year_to_target)
    return year_to_target

