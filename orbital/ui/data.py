"""Plain data the page plots, computed by the model (no streamlit here, no formulas either).

Each function takes an :class:`~orbital.assumptions.AssumptionSet` and returns lists and floats,
so the page can cache them by a hashable key and tests can call them directly.
"""
from __future__ import annotations

import numpy as np

from ..core.units import Q_
from ..model.evaluate import evaluate
from ..sets.aset import AssumptionSet
from ..space import orbit


def ratio_curve(aset: AssumptionSet, points: int = 81) -> dict:
    """Space/ground cost ratio against the launch price, in one vectorised evaluate.

    The x axis is ``space.launch_price_per_kg`` (the price the space side actually pays, after
    learning), so the break-even ``compare.breakeven_price_per_kg`` can be marked on it.
    """
    p0 = aset.quantity("launch.price_per_kg").m_as("USD/kg")
    prices = np.geomspace(max(p0 / 100.0, 1e-3), p0 * 30.0, points)
    res = evaluate(aset, {"launch.price_per_kg": Q_(prices, "USD/kg")})
    base = evaluate(aset)
    return {
        "price": np.broadcast_to(res.magnitude("space.launch_price_per_kg"), prices.shape).tolist(),
        "ratio": np.broadcast_to(res.magnitude("compare.cost_ratio"), prices.shape).tolist(),
        "current_price": float(base.magnitude("space.launch_price_per_kg")),
        "current_ratio": float(base.magnitude("compare.cost_ratio")),
        "breakeven": float(base.magnitude("compare.breakeven_price_per_kg")),
    }


def sunlight_year(aset: AssumptionSet) -> dict:
    """The chosen orbit's β angle and eclipse length per orbit for each day of a year."""
    s = aset.si()
    altitude = s["orbit.altitude"]
    inclination = orbit.orbit_inclination(s["orbit.model"], altitude, s["orbit.inclination"])
    out = orbit.annual_sunlight(altitude, inclination, s["orbit.ltan"] / 3600.0, daily=True)
    period = orbit.circular_period(altitude)
    return {
        "day": list(range(1, out["beta"].shape[-1] + 1)),
        "beta_deg": np.degrees(out["beta"]).tolist(),
        "eclipse_min": (out["eclipse_fraction"] * period / 60.0).tolist(),
        "critical_beta_deg": float(np.degrees(orbit.critical_beta(altitude))),
        "sunlit_fraction": float(out["sunlit_fraction"]),
        "eclipse_days": float(out["eclipse_days"]),
        "longest_eclipse_min": float(out["longest_eclipse"] / 60.0),
        "inclination_deg": float(np.degrees(inclination)),
    }
