"""Equal money on both sides: the ground capacity a budget builds, year by year, against the
space fleet in service.

The time axis's third capacity question: in which year does orbit's installed GW pass the GW
the ground would have built from a given budget? Each year y the ground spends the budget B_y
(``timeline.ground_budget_model``: 'orbit_spend' = the capital orbit spends that year,
``timeline.space_capital``, so both sides get equal money; 'given' = ``timeline.ground_budget``,
which may be a schedule). The budget first keeps what is already built, exactly as the ground's
cash flows do (:mod:`orbital.compare.cashflow`): each part g of the capital per watt (facility,
generation, batteries, compute; :func:`orbital.compare.cashflow.ground_parts`) is bought again
on its own life L_g at the year's price p_g,y, and compute that fails in service
(``ground.compute_failure_rate`` f on the capacity of the year) at the year's compute price k_y.
The rest builds new capacity at the year's capital per watt c_y = Σ_g p_g,y
(``timeline.ground_capital_cost_per_watt``). With a_y the capacity added and G_y = G_{y−1} + a_y,

    B_y = c_y·a_y + U_y + k_y·f·G_y,   U_y = Σ_g p_g,y · Σ_{j≥1} a_{y−j·L_g},
    ⇒ a_y = max(B_y − U_y − k_y·f·G_{y−1}, 0) / (c_y + k_y·f).

A budget too small for the upkeep builds nothing (the upkeep is still paid: capacity never
shrinks). Operations are not paid from the budget (orbit's capital excludes its operations
too), and there is no wait for power: money is the only limit here, where
``timeline.ground_capacity`` is the power race. ``compare.budget_capacity_year`` is the first
year from which the space fleet in service stays at or above G_y (the crossover's rule; inf:
never within the horizon), with ``compare.budget_capacity_status`` saying why.
"""
from __future__ import annotations

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from ..core.deferred import Deferred, read
from ..core.schedule import by_year
from ..core.spec import Choice, Param, Result, with_conditions
from ..ground.years import hardware_views
from .cashflow import ground_parts
from .crossing import calendar_year, crossover
from .lazy import defer, layout
from .timeline import vintage_inputs

PARAMETERS = with_conditions((
    Choice("timeline.ground_budget_model", ("orbit_spend", "given"), "What the ground may spend "
           "on capacity each year in the equal-money comparison: 'orbit_spend' = the capital "
           "orbit spends that year (timeline.space_capital); 'given' = timeline.ground_budget."),
    Param("timeline.ground_budget", "USD/yr", "Capital the ground may spend on capacity a year "
          "in the equal-money comparison (timeline.ground_budget_model = 'given').", low=0),
), {"timeline.ground_budget": ({"timeline.ground_budget_model": ("given",)},)})

#: What compare.budget_capacity_status codes mean.
BUDGET_STATUS = {
    0: "the space fleet passes the ground capacity the same money builds in this year and "
       "stays ahead",
    1: "never within the horizon: the ground capacity the same money builds stays ahead",
    2: "the space fleet is at or above the ground capacity the same money builds from the "
       "first year",
    3: "never within the horizon: the space fleet passes the ground, then falls behind again",
}

RESULTS = (
    Result("timeline.ground_budget_capacity", "GW", "Ground IT power in service built from the "
           "budget (timeline.ground_budget_model), after keeping its compute refreshed and "
           "replaced; no wait for power.", series=True),
    Result("compare.budget_capacity_year", "1", "First calendar year from which the space fleet "
           "in service stays at or above the ground capacity the same budget builds (inf: never "
           "within the horizon, see compare.budget_capacity_status)."),
    Result("compare.budget_capacity_status", "1", "0 passes; 1 never (the ground stays ahead); "
           "2 ahead from the first year; 3 never (passes, then falls behind)."),
)


def built(budget, parts, compute, failure):
    """Ground capacity in service [W] by year (last axis) from the yearly ``budget`` [USD]:
    ``parts`` the capital per watt's parts with their lives, [(price [USD/W] by year, life
    [whole years, inf: never again])] (:func:`orbital.compare.cashflow.ground_parts`),
    ``compute`` the compute price [USD/W] by year paid for failures (0: none), ``failure`` the
    failure rate [per year]; the module docstring's recurrence."""
    prices = [np.asarray(price, dtype=float) for price, _ in parts]
    lives = [np.asarray(life, dtype=float)[..., None] for _, life in parts]
    capex = sum(prices)
    budget, capex, compute = np.broadcast_arrays(budget, capex, compute)
    prices = [np.broadcast_to(price, budget.shape) for price in prices]
    failure = np.asarray(failure, dtype=float)
    shape = np.broadcast_shapes(budget.shape, failure.shape + (1,),
                                *(life.shape for life in lives))
    n = shape[-1]
    added = np.zeros(shape)
    total = np.zeros(shape[:-1])
    out = np.empty(shape)
    for y in range(n):
        lag = y - np.arange(y)  # the years back to each earlier addition
        due = sum(price[..., y] * (added[..., :y] * (lag % life == 0)).sum(axis=-1)
                  for price, life in zip(prices, lives))
        k = compute[..., y]
        spare = budget[..., y] - due - k * failure * total
        added[..., y] = np.maximum(spare, 0.0) / (capex[..., y] + k * failure)
        total = total + added[..., y]
        out[..., y] = total
    return out


def compute(s, r):
    """The equal-money results [SI] from the time axis's cash flows."""
    years = read(r, "timeline.year")
    if s["timeline.ground_budget_model"] == "orbit_spend":
        budget = read(r, "timeline.space_capital") * YEAR
    else:
        budget = by_year(s, "timeline.ground_budget", years) * YEAR
    calendar = np.asarray(s["timeline.start_year"], dtype=float)[..., None] + np.arange(
        years.shape[-1])
    sv, _ = vintage_inputs(s, r, calendar)  # each year's prices, as the cash flows pay them
    gsv = hardware_views(s, sv, calendar)
    benchmark = s["ground.cost_model"] == "benchmark"
    failures = 0.0 if benchmark else np.asarray(sv["compare.compute_cost_per_watt"], dtype=float)
    ground = built(budget, ground_parts(s, sv, gsv), failures,
                   np.asarray(s["ground.compute_failure_rate"], dtype=float) * YEAR)
    space = read(r, "timeline.space_capacity")
    space, ground = np.broadcast_arrays(space, ground)
    idx, status = crossover(ground, space)  # from when the ground stays at or below orbit
    return {"timeline.ground_budget_capacity": ground,
            "compare.budget_capacity_year": calendar_year(np.broadcast_to(years, ground.shape),
                                                          idx),
            "compare.budget_capacity_status": status + 0.0}


def step(s, r):
    """Pipeline step: the equal-money comparison, computed when first read (deferred)."""
    inputs = (s["timeline.ground_budget"], s["ground.compute_refresh"],
              s["ground.compute_failure_rate"])
    series_shape = r["timeline.year"].shape
    if not all(map(floats.plain, inputs)):  # (one sample's (1,) broadcasts away)
        series_shape = np.broadcast_shapes(series_shape, *(np.shape(v) + (1,) for v in inputs))
    done = Deferred(lambda: compute(s, r), ())
    defer(r, PLACES, (done,), series_shape[:-1], series_shape[-1])


#: Each result, all of one piece of work (:func:`orbital.compare.lazy.layout`).
PLACES = layout(RESULTS)
