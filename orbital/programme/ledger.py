"""The cohort ledger of a fleet in orbit: what each year's launched mass becomes, and the
steady state a constant tonnage sustains.

The accounting (years y = 1 … Y; B_y the power, at its year y−1 level, of the older cohorts
still in service in year y; d array degradation, f compute failures per year; s specific
power; T the service life, fractional allowed, w(a) = clip(T − a, 0, 1) the share of a
cohort in service at age a):

    degradation_y = d · B_y
    failed_y      = f · (1 − d) · B_y
    installed_y   = B_y − degradation_y − failed_y + restored_y + new_y
    retired_y     = installed_{y−1} − B_y

Restoration (``buildout.failure_restoration``): 'not_restored' loses the failed power;
'replace_spacecraft' spends min(L_y, failed_y / s) of the year's mass on whole new spacecraft,
a cohort of their own with their own service life; 'repair_in_orbit' spends
min(L_y, φ · failed_y / s) on modules that restore the compute in its host, which keeps its
age. Steady state at a constant tonnage L (b = (1 − d)(1 − f) without repairs, 1 − d with
them, W_b = Σ_a b^a w(a), K_b = Σ_{a≥1} b^(a−1) w(a), so W_b = 1 + b·K_b):

    not_restored, replace_spacecraft   C* = L · s · W_b
    repair_in_orbit                    C* = L · s · W_{1−d} / (1 + φ · f · (1 − d) · K_{1−d})

orbital's own ledger; none of the published models has one.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from ..core import floats


def fit(x, shape):
    """``x`` broadcast to ``shape`` (itself when it already has that shape)."""
    return x if floats.shape(x) == shape else np.broadcast_to(x, shape)


def service_sums(b, life):
    """(W, K) [1] for a cohort factor b per year and a service life [years]: W = Σ_a b^a·w(a)
    and K = Σ_{a≥1} b^(a−1)·w(a), w(a) = clip(T − a, 0, 1) (so W = 1 + b·K)."""
    if type(b) is float and type(life) is float:  # one sample: the same formula on floats
        n = float(math.floor(life + 1e-9))
        fr = floats.clip(life - n, 0.0, 1.0)
        if abs(b - 1.0) <= 1e-8 + 1e-5:
            k = n - 1.0 + fr
        else:
            k = (1.0 - b ** (n - 1.0)) / (1.0 - b) + fr * b ** (n - 1.0)
        return 1.0 + b * k, k
    b = np.asarray(b, dtype=float)
    life = np.asarray(life, dtype=float)
    n = np.floor(life + 1e-9)
    fr = floats.clip(life - n, 0.0, 1.0)
    one = np.abs(b - 1.0) <= 1e-8 + 1e-5  # np.isclose(b, 1.0), without its overhead
    safe = np.where(one, 0.5, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        k = np.where(one, n - 1.0 + fr,
                     (1.0 - safe ** (n - 1.0)) / (1.0 - safe) + fr * safe ** (n - 1.0))
    return 1.0 + b * k, k


def steady_state(mass_per_year, specific_power, degradation, failure, restoration, fraction,
                 life_years):
    """Steady-state fleet power [W] and replacement mass [kg/yr] at a constant tonnage.

    mass_per_year [kg/yr], specific_power [W/kg], degradation d and failure f [per-year
    fractions], restoration (see :data:`RESTORATION`), fraction φ [1], life_years [years].
    Formulas in the module docstring.
    """
    d = floats.asarray(degradation)
    f = floats.asarray(failure)
    ls = mass_per_year * specific_power
    if restoration == "repair_in_orbit":
        w, k = service_sums(1.0 - d, life_years)
        den = 1.0 + fraction * f * (1.0 - d) * k
        return ls * w / den, mass_per_year * fraction * f * (1.0 - d) * k / den
    w, k = service_sums((1.0 - d) * (1.0 - f), life_years)
    repl = mass_per_year * f * (1.0 - d) * k if restoration == "replace_spacecraft" else 0.0 * ls
    return ls * w, repl


def steady_state_power(mass_per_year, specific_power, degradation, failure, replaced_fraction,
                       life_years, restoration="repair_in_orbit"):
    """Steady-state fleet power [W] (the first element of :func:`steady_state`)."""
    return steady_state(mass_per_year, specific_power, degradation, failure, restoration,
                        replaced_fraction, life_years)[0]


def ledger_years(launched_rows, n_years, shape, specific_power, degradation, failure,
                 restoration, fraction, life_years, specific_power_by_year=None):
    """The cohort ledger one year at a time (module docstring): for each year's launched mass
    [kg, shape ``shape``] yield that year's rows, a dict of fresh arrays [kg or W]:
    ``replacement`` (mass), ``new``, ``restored``, ``degradation_loss``, ``failure_loss``,
    ``retired``, ``installed`` (power in service).

    Cohort k's power in year y is e_k·b^(y−k)·w(y−k)·S_y, with b the per-year factor and S_y
    the share of the fleet's compute not lost to unrepaired failures (1 unless repairing in
    orbit). Two running sums keep the work O(Y): G_y = Σ_{k≤y} e_k b^(y−k) w(y−k) and
    H_y = Σ_{k<y} e_k b^(y−1−k) w(y−k); the cohorts crossing their retirement in a year are
    taken out of H by their entry e_k, kept in a (Y+1, …) history.

    ``specific_power_by_year`` (shape (..., Y), optional): year y's launches, new and
    replacement, carry that year's specific power s_y (a cohort keeps the kW/t it was built
    with); else ``specific_power`` every year.
    """
    # the parameters keep their own shapes (a number stays a number: fitting one to the
    # samples' shape would make every product below a full array pass and b^n a full power)
    sp = floats.asarray(specific_power)
    d, f = floats.asarray(degradation), floats.asarray(failure)
    repair = restoration == "repair_in_orbit"
    phi = floats.asarray(fraction)
    keep = 1.0 - d
    fk = f * keep   # (f·keep)·B: the association of the scalar loop, whose B is one number
    b = keep if repair else keep * (1.0 - f)
    life = floats.asarray(life_years)
    history = np.empty((n_years + 1,) + shape)  # history[k] = e_k, row y written in year y
    history[0] = 0.0
    # one service life for every sample: the cohorts leaving in a year are whole rows of the
    # history (history[0] is 0, as the gather's "no such cohort" is), not a gather per sample
    if floats.ndim(life) == 0:
        n_all = math.floor(life + 1e-9)
        fr = floats.clip(life - n_all, 0.0, 1.0)
        b_n1, b_n = b ** float(n_all - 1), b ** float(n_all)
    else:
        n_all = None
        life = fit(life, shape)
        n = np.floor(life + 1e-9).astype(np.int64)  # whole years of service
        fr = floats.clip(life - n, 0.0, 1.0)  # and the fraction of one more
        b_n1, b_n = b ** (n - 1), b ** n
        flat = history.reshape(n_years + 1, -1)
        columns = np.arange(flat.shape[1])
    h = np.zeros(shape)
    survival = np.ones(shape)  # the share not lost to unrepaired failures: 1 without repairs
    installed_before = np.zeros(shape)
    replace = restoration == "replace_spacecraft"
    for y, mass in enumerate(launched_rows, start=1):
        mass = fit(mass, shape)
        if specific_power_by_year is not None:
            sp = fit(specific_power_by_year[..., y - 1], shape)
        older = survival * h if repair else h  # B_y
        failed = fk * older
        with np.errstate(divide="ignore", invalid="ignore"):
            if repair:
                need = phi * failed / sp
                replacement = np.minimum(mass, need)
                restored = np.where(need > 0, failed * replacement / np.where(need > 0, need, 1),
                                    0.0)
                unrestored = np.where(failed > 0, 1.0 - restored / np.where(failed > 0, failed,
                                                                             1.0), 0.0)
                survival = survival * (1.0 - f * unrestored)
                entering = (mass - replacement) * sp
                e = np.where(survival > 0, entering / np.where(survival > 0, survival, 1.0),
                             0.0)
                history[y] = e
            else:
                replacement = np.minimum(mass, failed / sp) if replace else None
                restored = replacement * sp if replace else np.zeros(shape)
                e = np.multiply(mass, sp, out=history[y, ...])
        g = b * h
        g += e
        installed = survival * g if repair else g
        yield Row(replacement, mass, sp, restored, d, older, failed, installed_before,
                  installed, shape)
        installed_before = installed
        # the cohorts whose weight falls next year: age n−1 (1 → fr) and age n (fr → 0);
        # h = g − (1 − fr)·e1·b^(n−1) − fr·e2·b^n, a term skipped where it is exactly 0
        if n_all is not None:
            k1, k2 = y - n_all + 1, y - n_all
            h = g
            if k1 >= 1 and fr == 0.0:  # (1 − fr)·e1 is e1 itself
                h = h - history[k1] * b_n1
            elif k1 >= 1 and fr < 1.0:
                h = h - (1.0 - fr) * history[k1] * b_n1
            if k2 >= 1 and fr > 0.0:
                h = h - fr * history[k2] * b_n
        else:
            k1, k2 = y - n + 1, y - n
            at1, at2 = (floats.clip(k, 0, n_years).ravel() for k in (k1, k2))
            e1 = np.where(k1 >= 1, flat[at1, columns].reshape(shape), 0.0)
            e2 = np.where(k2 >= 1, flat[at2, columns].reshape(shape), 0.0)
            h = g - (1.0 - fr) * e1 * b_n1 - fr * e2 * b_n


class Row(Mapping):
    """One year's ledger row, a mapping of :data:`ROWS`: ``installed``, ``restored`` and
    ``failure_loss`` (what the period sums read) made with the year, the series' other rows
    (``replacement``, ``new``, ``degradation_loss``, ``retired``) made when read."""

    __slots__ = ("_replacement", "_mass", "_sp", "restored", "_d", "_older", "failure_loss",
                 "_before", "installed", "_shape")

    def __init__(self, replacement, mass, sp, restored, d, older, failed, before, installed,
                 shape):
        (self._replacement, self._mass, self._sp, self.restored, self._d, self._older,
         self.failure_loss, self._before, self.installed, self._shape) = (
            replacement, mass, sp, restored, d, older, failed, before, installed, shape)

    @property
    def replacement(self):
        r = self._replacement
        return np.zeros(self._shape) if r is None else r

    def __getitem__(self, key):
        if key == "new":
            return (self._mass - self.replacement) * self._sp
        if key == "degradation_loss":
            return self._d * self._older
        if key == "retired":
            return self._before - self._older
        if key not in ROWS:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self):
        return iter(ROWS)

    def __len__(self):
        return len(ROWS)


#: The rows of a ledger year.
ROWS = ("replacement", "new", "restored", "degradation_loss", "failure_loss", "retired",
        "installed")


def ledger(launched, specific_power, degradation, failure, replaced_fraction, life_years,
           restoration="repair_in_orbit"):
    """The whole ledger at once: ``launched`` [kg per year], shape (..., Y); returns a dict of
    (..., Y) arrays of the rows of :func:`ledger_years`."""
    launched = np.asarray(launched, dtype=float)
    n_years = launched.shape[-1]
    shape = np.broadcast_shapes(launched.shape[:-1], np.shape(specific_power),
                                np.shape(degradation), np.shape(failure),
                                np.shape(replaced_fraction), np.shape(life_years))
    rows = (launched[..., y] for y in range(n_years))
    out = None
    for y, row in enumerate(ledger_years(rows, n_years, shape, specific_power, degradation,
                                         failure, restoration, replaced_fraction, life_years)):
        if out is None:
            out = {k: np.empty(shape + (n_years,)) for k in row}
        for k, v in row.items():
            out[k][..., y] = v
    return out
