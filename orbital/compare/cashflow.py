"""The time axis's cash flows: what each side pays in each calendar year.

Space capital (USD/yr) is the launch spend plus the hardware and compute of the power launched
that year, insured; space operations run on the fleet in service. Ground capital is paid when
capacity is energised (facility, generation and compute), and each part is bought again on its
own life (facility, power plant, batteries, compute refresh; :func:`ground_parts`) and compute
that fails in service every year; ground operations (energy, water, O&M) run on the capacity
in service. Capital is paid at the start
of its year and operations at its end, so :func:`npv` discounts year t's capital by
Π_{u<t} (1 + r_u) and its operations by Π_{u≤t} (1 + r_u). Each year pays that year's prices
(the year views of :func:`orbital.compare.timeline.vintage_inputs`). These are cash, not
levelised, figures: the levelised comparison is the vintage cost.
"""
from __future__ import annotations

import numpy as np

from ..core.constants import YEAR
from ..ground import site
from ..programme import finance
from ..space import fleet


class Spread:
    """Each by-year array over the time axis's full (..., Y) shape, the space vintage cost's.
    Where that cost is finite everywhere (the usual case), a read-only broadcast view (no
    copy: a Monte Carlo of the crossover year reads none of the series); else ``a`` + 0 × the
    cost, so a year whose space cost is NaN or infinite makes the draw's series NaN there."""

    __slots__ = ("shape", "zero")

    def __init__(self, space_lcoe):
        self.shape = space_lcoe.shape
        with np.errstate(invalid="ignore"):   # inf × 0 is the NaN it should be
            self.zero = None if np.isfinite(space_lcoe).all() else 0.0 * space_lcoe

    def __call__(self, a):
        return np.broadcast_to(a, self.shape) if self.zero is None else a + self.zero


def cash_flows(s, r, got, hw, out, views):
    """What each side pays in each year [USD in the year, not SI USD/s], by year (...,
    Y) or broadcastable to it: ``space_capital``, ``space_operations``, ``ground_capital``,
    ``ground_operations``, ``ground_replacement`` (compute bought again) and
    ``ground_per_watt`` (capital per watt energised [USD/W]). ``views`` are the year views of
    the inputs, of the ground's results and of the ground's inputs with its hardware decline
    (:func:`vintage_inputs`, :func:`ground_vintage`), so capital is paid at the prices of its
    year."""
    sv, gv, gsv = views
    cpw = np.asarray(sv["compare.compute_cost_per_watt"], dtype=float)
    ins = np.asarray(s["space.launch_insurance"], dtype=float)[..., None]
    gross = got["buildout.gross_power_added"] * YEAR  # W launched in the year
    launch = got["buildout.launch_spend"] * YEAR * np.asarray(fleet.delivery_factor(s, r))[
        ..., None]
    space_capital = (launch + (hw + cpw) * gross) * (1 + ins)
    space_ops = np.asarray(s["space.operations_rate"], dtype=float)[..., None] * YEAR * \
        (hw[..., :1] + first_year_of(cpw)) * out["timeline.space_capacity"]
    benchmark = s["ground.cost_model"] == "benchmark"
    cap = out["timeline.ground_capacity"]
    added = np.diff(cap, axis=-1, prepend=0.0)
    parts = ground_parts(s, sv, gsv)
    per_watt = sum(price for price, _ in parts)  # capital per watt energised in the year
    # each part bought again on its own life, at the year's price; compute that fails in
    # service bought again each year (ground.replacement_cost)
    failed = np.asarray(s["ground.compute_failure_rate"], dtype=float)[..., None] * YEAR * cap
    bought_again = sum(price * refreshed(added, np.broadcast_to(life, added.shape[:-1]))
                       for price, life in parts) + (0.0 if benchmark else cpw * failed)
    energy = out["timeline.ground_energy"] * YEAR  # J delivered in the year
    price = np.asarray(gv["ground.energy_price"], dtype=float)
    water = np.asarray(s["ground.water_intensity"] * s["ground.water_price"], dtype=float)[
        ..., None]
    ground_ops = 0.0 if benchmark else (
        energy * (price * np.asarray(s["ground.pue"])[..., None] + water)
        + np.asarray(s["ground.operations_rate"], dtype=float)[..., None] * YEAR
        * (per_watt - cpw) * cap)
    return {"space_capital": space_capital, "space_operations": space_ops,
            "ground_capital": per_watt * added + bought_again, "ground_operations": ground_ops,
            "ground_replacement": bought_again, "ground_per_watt": per_watt}


def series_of(flows, got, spread):
    """The cash-flow series [SI: USD/yr as USD/s] from :func:`cash_flows`'s (or
    :func:`static_fleet_flows`'s) ``flows``, each over the full shape (:class:`Spread`); the
    space capital's replacement share is the launched mass's (``got``: the buildout's series)
    unless ``flows`` states it."""
    space_again = flows.get("space_replacement")
    if space_again is None:
        launched = got["buildout.launched_mass"]
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(launched > 0, got["buildout.replacement_mass"] / np.where(
                launched > 0, launched, 1.0), 0.0)
        space_again = flows["space_capital"] * share
    return {"timeline.ground_capital_cost_per_watt": spread(flows["ground_per_watt"]),
            "timeline.space_capital": spread(flows["space_capital"] / YEAR),
            "timeline.space_replacement_capital": spread(space_again / YEAR),
            "timeline.ground_replacement_capital": spread(flows["ground_replacement"] / YEAR),
            "timeline.space_operations": spread(flows["space_operations"] / YEAR),
            "timeline.ground_capital": spread(flows["ground_capital"] / YEAR),
            "timeline.ground_operations": spread(flows["ground_operations"] / YEAR)}


def ground_parts(s, sv, gsv):
    """The parts of the ground's capital per watt energised, each with its life, as
    [(price [USD/W] by year (..., Y) or (..., 1), life [whole years] per sample)]: the facility
    (``ground.facility_life``), each group of generation (``ground.power_plant_life``,
    ``ground.battery_life``) and the compute (``ground.compute_refresh``); lives rounded to
    whole years, at least one. A benchmark ground is its one benchmark cost, never bought again
    within the horizon (the benchmark states no life). ``sv``/``gsv``: the year views of the
    inputs, and with the ground's hardware decline (:func:`orbital.compare.timeline.vintage_inputs`,
    :func:`orbital.compare.timeline.ground_vintage`)."""
    def whole(name):
        return np.maximum(np.round(np.asarray(s[name], dtype=float) / YEAR), 1.0)

    if s["ground.cost_model"] == "benchmark":
        return [(np.asarray(sv["ground.benchmark_cost"], dtype=float), np.asarray(np.inf))]
    one = np.ones_like(np.asarray(sv["space.target_power"], dtype=float))
    parts = [(sum(np.asarray(gsv[k], dtype=float) for k in site.FACILITY),
              whole("ground.facility_life"))]
    for life in ("ground.power_plant_life", "ground.battery_life"):
        _, price, _, _ = site.power_supply(gsv, one, lambda name, life=life: float(name == life))
        if np.any(price):
            parts.append((np.asarray(price, dtype=float), whole(life)))
    parts.append((np.asarray(sv["compare.compute_cost_per_watt"], dtype=float),
                  whole("ground.compute_refresh")))
    return parts


def refreshed(added, refresh):
    """Compute bought again every ``refresh`` whole years [count, per sample] on each year's
    additions ``added`` (..., Y): again_y = Σ_{j≥1} added_{y − j·refresh}. The samples are
    grouped by their refresh (a handful of whole years), so each group adds its own lags only."""
    n = added.shape[-1]
    again = np.zeros_like(added)
    flat, out = added.reshape(-1, n), again.reshape(-1, n)
    every = refresh.reshape(-1)
    for period in np.unique(every[np.isfinite(every)]):
        step = int(period)
        rows = slice(None) if every.size == 1 or (every == period).all() else \
            np.flatnonzero(every == period)
        part, acc = flat[rows], out[rows]
        for lag in range(step, n, step):
            acc[:, lag:] += part[:, :-lag]
        out[rows] = acc
    return again


def first_year_of(a):
    """The first year's value of a by-year array (..., Y) or (..., 1), or a plain value."""
    a = np.asarray(a, dtype=float)
    return a[..., :1] if a.ndim else a


def npv(capital, operations, rate, per_year):
    """Present value [USD] of capital [USD in each year] paid at the start of each year and
    operations [USD in each year] at its end, by year (..., Y), at ``rate`` [per-year number,
    or by year on the last axis] compounded ``per_year`` times: year t's end is discounted by
    Π_{u≤t} (1 + r_u/m)^m."""
    n = capital.shape[-1]
    rate = np.asarray(rate, dtype=float)
    if rate.ndim == 0 or rate.shape[-1] == 1:  # one rate: the closed form, on t = 0 … n
        g = finance.growth_factor(rate, np.arange(n + 1), per_year)
        g0, g1 = g[..., :-1], g[..., 1:]
    else:
        step_ = np.broadcast_to(finance.growth_factor(rate, 1.0, per_year), capital.shape)
        g1 = np.cumprod(step_, axis=-1)
        g0 = np.concatenate([np.ones_like(g1[..., :1]), g1[..., :-1]], axis=-1)
    return (capital / g0 + operations / g1).sum(axis=-1)


def static_fleet_flows(s, r, n):
    """Space cash flows [USD in each year, as :func:`cash_flows`'s] of the static model's
    fleet (``timeline.space_deployment`` = 'static_fleet'): each generation's hardware, compute and launch, insured, bought at the
    start of years 0, T, 2T, … (T = ``buildout.service_life``, once for a single fleet), NRE
    and the ground segment in the first year, and each year's operations and restoration at
    its end: exactly the cash behind ``space.total_cost`` (its NPV when lives are whole
    years and ``finance.residual_value`` = 'none'; at r = 0 their sum)."""
    size = fleet.sizing(s, r)
    power, mass = size["fleet_power"], size["mass"]
    price = fleet.launch_price(s, r)
    hw = fleet.hardware_cost(s, power, mass)
    cpw = s["compare.compute_cost_per_watt"]
    repair = fleet.yearly_restoration(s["buildout.failure_restoration"],
                                      s["space.replacement_model"], size["failure"],
                                      s["buildout.replacement_mass_fraction"], hw, cpw * power,
                                      price * mass)
    items, _ = fleet.cost_items(power, mass, price, hw, cpw, s["space.launch_insurance"],
                                s["space.operations_rate"] * YEAR, repair, 0.0, 0.0, 1.0, 1.0)
    generation = sum(np.asarray(items[k], dtype=float) for k in (
        "space.hardware_cost", "space.compute_cost", "space.launch_cost",
        "space.insurance_cost"))
    yearly = np.asarray(items["space.operations_cost"] + items["space.replacement_cost"],
                        dtype=float)
    t = np.arange(n)
    life = np.asarray(s["buildout.service_life"], dtype=float)[..., None] / YEAR
    if s["space.fleet_renewal"] == "single_fleet":
        buys = (t == 0) + 0.0 * life
    else:  # a purchase in each year in which a generation starts (k·T within the year)
        buys = np.floor((t + 1) / life - 1e-9) - np.floor(t / life - 1e-9)
        buys = np.where(t == 0, 1.0, buys)
    one_off = np.asarray(s["space.nre"] + s["space.ground_segment"], dtype=float)[..., None]
    period = np.asarray(s["finance.analysis_period"], dtype=float)[..., None] / YEAR
    weight = np.clip(period - t, 0.0, 1.0)  # operations over the period, partial last year
    capital = generation[..., None] * buys * (t < period) + one_off * (t == 0)
    renewals = generation[..., None] * buys * (t < period) * (t > 0)
    return {"space_capital": capital, "space_replacement": renewals,
            "space_operations": yearly[..., None] * weight}
