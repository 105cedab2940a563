"""The learning curve: the launch price falls with cumulative launched mass (Wright's law).

price = max(floor, P0 · (M / M0)^log2(1 − LR)), with P0 the base price from
:mod:`orbital.space.launch`, M the cumulative launched mass and M0 the reference mass.
Source: Wright (1936); applied to launch by Google Project Suncatcher (arXiv 2511.19468).
"""
from __future__ import annotations

import numpy as np

from ..core.spec import Choice, Param

PARAMETERS = (
    Choice("learning.model", ("none", "wright"),
           "'wright': the launch price falls with cumulative launched mass by Wright's law; "
           "'none': it stays at the base price."),
    Param("learning.rate", "1", "Learning rate LR: fractional price drop per doubling of "
          "cumulative launched mass.", low=0, high=1, high_open=True),
    Param("learning.reference_mass", "t", "Cumulative launched mass M0 at which the price is the "
          "base price P0.", low=0, low_open=True, log_scale=True),
    Param("learning.initial_cumulative_mass", "t", "Cumulative mass already launched when the "
          "analysis starts.", low=0, low_open=True, log_scale=True),
    Param("learning.price_floor", "USD/kg", "Price below which learning cannot go (e.g. "
          "propellant per kg).", low=0),
)


def wright_price(cumulative_mass, base_price, reference_mass, learning_rate, floor=0.0):
    """Launch price by Wright's law on cumulative launched mass, with a floor.

    price = max(floor, P0 · (M / M0)^log2(1 − LR))

    cumulative_mass M and reference_mass M0 [kg], base_price P0 and floor [USD/kg],
    learning_rate LR [1] in [0, 1). Source: Wright (1936); applied to launch by Google Project
    Suncatcher (arXiv 2511.19468): P0 ≈ $1,800/kg at M0 ≈ 400 t, LR ≈ 20 %.
    """
    b = np.log2(1.0 - learning_rate)
    return np.maximum(floor, base_price * (cumulative_mass / reference_mass) ** b)


def price_at(s, r, cumulative_mass, year_axis=False):
    """Launch price [USD/kg] at ``cumulative_mass`` [kg] under the chosen learning model.

    Uses the base price already resolved into ``r["launch.price_per_kg"]`` by :func:`step`.
    ``year_axis=True``: ``cumulative_mass`` has a trailing year axis (shape (..., Y)) beyond the
    inputs' sample shape, so per-sample inputs gain that axis before broadcasting.
    """
    def per(x):
        return np.asarray(x)[..., None] if year_axis else x

    p0 = per(r["launch.price_per_kg"])
    if s["learning.model"] == "none":
        return p0 + 0.0 * cumulative_mass
    return wright_price(cumulative_mass, p0, per(s["learning.reference_mass"]),
                        per(s["learning.rate"]), per(s["learning.price_floor"]))
