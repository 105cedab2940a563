"""Launch to low Earth orbit: price per kg, vehicle economics and cadence.

The learning curve on that price (Wright's law) is :mod:`orbital.programme.learning`.

All functions take and return plain SI floats or numpy arrays (USD, kg, s) and broadcast;
units are checked and stripped once in :func:`orbital.model.evaluate`.
"""
from __future__ import annotations

from ..core import floats
from ..core.spec import Choice, Param, Result, with_conditions
from ..core.constants import YEAR
from ..programme.learning import crossing, curve, price_at, spend

PARAMETERS = (
    Choice("launch.price_model", ("given", "vehicle"),
           "Where the base launch price comes from: 'given' uses launch.price_per_kg; 'vehicle' "
           "derives it from the vehicle's build cost, reuse and per-flight costs."),
    Param("launch.price_per_kg", "USD/kg", "Price to low Earth orbit per kg of payload (the base "
          "price P0 of the learning curve) when launch.price_model = 'given'.",
          low=0, low_open=True, log_scale=True),
    Param("launch.payload_per_flight", "t", "Payload mass carried to LEO per flight.",
          low=0, low_open=True),
    Param("launch.vehicle_build_cost", "USD", "Cost to build one vehicle (both stages).", low=0),
    Param("launch.reuses_per_vehicle", "1", "Flights each vehicle makes before retirement "
          "(1 = expendable).", low=1),
    Param("launch.refurbishment_per_flight", "USD", "Refurbishment and inspection cost per "
          "flight.", low=0),
    Param("launch.propellant_per_flight", "USD", "Propellant cost per flight.", low=0),
    Param("launch.operations_per_flight", "USD", "Range, ground operations, recovery and "
          "overhead per flight.", low=0),
    Param("launch.margin", "1", "Provider's margin on cost when the price is derived from vehicle "
          "economics (0.2 = price is cost × 1.2).", low=0),
    Param("launch.max_flights_per_year", "1/yr", "Cadence cap: most flights the launch fleet can "
          "fly in a year.", low=0, low_open=True, log_scale=True),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "launch.price_per_kg": ({"launch.price_model": ("given",)},),
})

RESULTS = (
    Result("launch.build_cost_per_kg", "USD/kg", "Vehicle build cost amortised over its reuses, "
           "per kg of payload."),
    Result("launch.refurbishment_per_kg", "USD/kg", "Refurbishment per kg of payload."),
    Result("launch.propellant_per_kg", "USD/kg", "Propellant per kg of payload."),
    Result("launch.operations_per_kg", "USD/kg", "Operations per kg of payload."),
    Result("launch.margin_per_kg", "USD/kg", "Provider's margin per kg of payload."),
    Result("launch.vehicle_cost_per_flight", "USD", "Cost of one flight: amortised build + "
           "refurbishment + propellant + operations."),
    Result("launch.vehicle_price_per_kg", "USD/kg", "Price per kg derived from vehicle economics "
           "(the sum of the per-kg terms above)."),
    Result("launch.price_per_kg", "USD/kg", "Base price P0 actually used: launch.price_per_kg "
           "as given, or launch.vehicle_price_per_kg."),
    Result("launch.marginal_cost_per_kg", "USD/kg", "The vehicle's per-flight marginal cost per "
           "kg: refurbishment + propellant + operations (what learning cannot remove)."),
    Result("launch.initial_price_per_kg", "USD/kg", "Marginal price when the analysis starts, "
           "after learning on the mass launched before it."),
    Result("launch.floor_mass", "t", "Cumulative launched mass at which the learning curve "
           "reaches its floor, M0·(F/P0)^(1/b): below the reference mass where the base price "
           "is under the floor (inf: never, with no floor, no learning or a curve above the "
           "floor)."),
    Result("launch.flights_needed", "1/yr", "Flights the first year's stated tonnage "
           "buildout.mass_per_year needs."),
    Result("launch.flights_per_year", "1/yr", "Flights flown in the first year: the flights "
           "needed, capped by launch.max_flights_per_year."),
    Result("launch.first_year_mass", "t/yr", "Mass launched in the first year: the stated "
           "tonnage, capped by the cadence limit."),
    Result("launch.spend_per_year", "USD/yr", "Launch spend in the first year: the learning "
           "curve's marginal price integrated over the first year's launched mass."),
    Result("launch.first_year_price_per_kg", "USD/kg", "Average price paid in the first year: "
           "launch.spend_per_year ÷ launch.first_year_mass."),
    Result("launch.cadence_limit", "t/yr", "Most mass the fleet can launch in a year: "
           "max flights × payload per flight."),
    Result("launch.cadence_utilisation", "1", "Flights needed ÷ flights available in the first "
           "year (above 1, the tonnage is capped by cadence)."),
)


def vehicle_cost_terms(build_cost, reuses, refurbishment, propellant, operations, payload,
                       margin=0.0):
    """Per-kg terms of the launch price derived from vehicle economics.

    Parameters [units]: build_cost [USD per vehicle], reuses [flights per vehicle],
    refurbishment, propellant, operations [USD per flight], payload [kg per flight],
    margin [1, fraction of cost].

    Returns a dict of [USD/kg]: ``build``, ``refurbishment``, ``propellant``, ``operations``,
    ``margin`` and their sum ``price``, plus ``cost_per_flight`` [USD].
    Method: the standard reusable-launch cost build-up (e.g. Google Suncatcher's bottom-up
    Starship estimate, arXiv 2511.19468, §Launch): build cost amortised over the flights a
    vehicle makes, plus per-flight costs, divided by payload per flight.
    """
    build = build_cost / reuses
    cost_per_flight = build + refurbishment + propellant + operations
    terms = {
        "build": build / payload,
        "refurbishment": refurbishment / payload,
        "propellant": propellant / payload,
        "operations": operations / payload,
    }
    terms["margin"] = margin * cost_per_flight / payload
    terms["price"] = terms["build"] + terms["refurbishment"] + terms["propellant"] + \
        terms["operations"] + terms["margin"]
    terms["cost_per_flight"] = cost_per_flight
    return terms


def flights_per_year(mass_per_year, payload_per_flight):
    """Flights a year [1/s] to lift ``mass_per_year`` [kg/s] at ``payload_per_flight`` [kg].

    Fractional flights are kept (a rate, not a manifest): the seed's 1 Mt/yr at 100 t gives
    exactly 10,000 flights/yr.
    """
    return mass_per_year / payload_per_flight


def launch_spend(price_per_kg, mass):
    """Launch spend [USD or USD/s] = price [USD/kg] × mass [kg or kg/s]."""
    return price_per_kg * mass


def base_price(s):
    """The base price P0 [USD/kg] per ``launch.price_model``; records the vehicle terms in ``s``."""
    terms = vehicle_cost_terms(
        s["launch.vehicle_build_cost"], s["launch.reuses_per_vehicle"],
        s["launch.refurbishment_per_flight"], s["launch.propellant_per_flight"],
        s["launch.operations_per_flight"], s["launch.payload_per_flight"], s["launch.margin"])
    return terms, (s["launch.price_per_kg"] if s["launch.price_model"] == "given"
                   else terms["price"])


def step(s, r):
    """Pipeline step: launch price, vehicle terms, first-year flights and spend (SI in, SI out)."""
    terms, p0 = base_price(s)
    r["launch.build_cost_per_kg"] = terms["build"]
    r["launch.refurbishment_per_kg"] = terms["refurbishment"]
    r["launch.propellant_per_kg"] = terms["propellant"]
    r["launch.operations_per_kg"] = terms["operations"]
    r["launch.margin_per_kg"] = terms["margin"]
    r["launch.vehicle_cost_per_flight"] = terms["cost_per_flight"]
    r["launch.vehicle_price_per_kg"] = terms["price"]
    r["launch.marginal_cost_per_kg"] = terms["refurbishment"] + terms["propellant"] + \
        terms["operations"]
    r["launch.price_per_kg"] = p0
    c = curve(s, r)
    m_init = s["learning.initial_cumulative_mass"]
    r["launch.initial_price_per_kg"] = price_at(c, m_init)
    payload = s["launch.payload_per_flight"]
    wanted = s["buildout.mass_per_year"]
    cap = s["launch.max_flights_per_year"] * payload
    flown = floats.minimum(wanted, cap)
    r["launch.cadence_limit"] = cap
    r["launch.flights_needed"] = flights_per_year(wanted, payload)
    r["launch.flights_per_year"] = flights_per_year(flown, payload)
    r["launch.cadence_utilisation"] = wanted / cap
    r["launch.first_year_mass"] = flown
    meets = r["launch.floor_mass"] = crossing(c)  # read by every later spend on the curve
    first = spend(c, m_init, m_init + flown * YEAR, meets)  # USD over the first year
    r["launch.spend_per_year"] = first / YEAR
    r["launch.first_year_price_per_kg"] = floats.ratio_or(first, flown * YEAR,
                                                          r["launch.initial_price_per_kg"])
