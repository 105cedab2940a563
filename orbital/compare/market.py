"""A lens, not a cost: orbit's cost against the ground's *market price* of compute.

Peers that report "orbit wins in 20XX" often set orbit's levelised cost against what ground
compute sells for today, which carries a scarcity premium over its cost while chips or power
are short. ``orbital`` compares cost with cost (:mod:`orbital.compare.timeline`); this step
offers the other reading separately and labelled, so a user can see how much of a peer's
early crossover is the premium: the ground's market price is its vintage cost × (1 + q_y),
q_y = ``timeline.ground_market_premium`` in year y (a schedule lets it fade as supply catches
up), and ``compare.market_crossover_year`` is the first year from which orbit's vintage cost
stays at or below that price (the same rule and statuses as ``compare.crossover_year``). No
total, ratio or solver reads these results.
"""
from __future__ import annotations

import numpy as np

from ..core import floats
from ..core.deferred import Deferred, read
from ..core.schedule import by_year
from ..core.spec import Param, Result
from .crossing import calendar_year, crossover
from .lazy import defer, layout

PARAMETERS = (
    Param("timeline.ground_market_premium", "1", "Scarcity premium of the ground's market price "
          "of compute over its levelised cost (0 = sold at cost), for the market lens only: "
          "never part of a cost, a ratio or the cost crossover.", low=0),
)

RESULTS = (
    Result("timeline.ground_market_price", "USD/MWh", "Lens: the ground's market price of "
           "compute by year, its vintage cost × (1 + timeline.ground_market_premium); not a "
           "cost.", series=True),
    Result("compare.market_crossover_year", "1", "Lens: first calendar year from which orbit's "
           "vintage cost stays at or below the ground's market price (with its scarcity "
           "premium; inf: never within the horizon); the cost comparison is "
           "compare.crossover_year."),
    Result("compare.market_crossover_status", "1", "Status of compare.market_crossover_year "
           "(codes as compare.crossover_status)."),
)


def compute(s, r):
    """The lens's results [SI] from the time axis's vintage costs."""
    years = read(r, "timeline.year")
    space = read(r, "timeline.space_lcoe")
    price = read(r, "timeline.ground_lcoe") * (
        1.0 + by_year(s, "timeline.ground_market_premium", years))
    space, price = np.broadcast_arrays(space, price)
    years = np.broadcast_to(years, price.shape)
    idx, status = crossover(space, price)
    return {"timeline.ground_market_price": price,
            "compare.market_crossover_year": calendar_year(years, idx),
            "compare.market_crossover_status": status + 0.0}


def step(s, r):
    """Pipeline step: the market lens, computed when first read (deferred)."""
    premium = s["timeline.ground_market_premium"]
    series_shape = r["timeline.year"].shape
    if not floats.plain(premium):  # (one sample's (1,) broadcasts away)
        series_shape = np.broadcast_shapes(series_shape, np.shape(premium) + (1,))
    lens = Deferred(lambda: compute(s, r), ())
    defer(r, PLACES, (lens,), series_shape[:-1], series_shape[-1])


#: Each result, all of one piece of work (:func:`orbital.compare.lazy.layout`).
PLACES = layout(RESULTS)
