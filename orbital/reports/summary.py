"""The seed's question answered at a glance: a few sentences built from a Results object.

"At $100/kg and 100 kW/t, 1 million t/yr adds 100 GW/yr for $100 billion/yr. Orbit costs
1.712× the ground per MWh delivered ($2,772/MWh against $1,620/MWh). No launch price makes
it match: ... Orbit's vintage never matches the ground within the horizon (2026–2035): ..."

Every number is a model result (or, failing that, an input) read from the Results and written
by :func:`orbital.model.labels.value_text`; every "cannot" says why, from the solver's and the
crossover's status codes (:data:`orbital.compare.solvers.STATUS`,
:data:`orbital.compare.timeline.CROSSOVER_STATUS`) and the binding limits
(:attr:`Results.binding`). Nothing here is written per preset, and nothing is computed but the
choice of words.
"""
from __future__ import annotations

import math

import numpy as np

from ..compare.solvers import STATUS
from ..compare.timeline import CROSSOVER_STATUS
from ..core.numbers import fmt_number, fmt_value
from ..model import catalogue
from ..model.labels import value_text
from ..model.results import Results

#: The results the first sentence states; a binding limit that shapes one of them is named.
PROGRAMME = ("launch.initial_price_per_kg", "power.specific_power", "launch.first_year_mass",
             "buildout.power_added_per_year", "launch.spend_per_year")

#: Inputs whose schedules make the first year unlike the rest, and the series that then say
#: where the programme ends (tonnage, price paid, power added).
SCHEDULED = ("launch.price_per_kg", "buildout.mass_per_year", "power.specific_power")
SCHEDULED_END = ("buildout.launched_mass", "buildout.price_per_kg", "buildout.gross_power_added")


def headline_sentence(results: Results, index: int | None = None) -> str:
    """The seed's question answered in a few sentences (one paragraph) from ``results``
    (case ``index`` of an array evaluation)."""
    return " ".join(summary_sentences(results, index))


def summary_sentences(results: Results, index: int | None = None) -> list[str]:
    """The headline's sentences: the programme, the cost ratio, the launch price needed, the
    crossover year."""
    out = [programme_sentence(results, index), ratio_sentence(results, index),
           breakeven_sentence(results, index)]
    crossing = crossover_sentence(results, index)
    if crossing:
        out.append(crossing)
    return out


def quantity_text(results: Results, name: str, index: int | None = None) -> str:
    """Result (or input) ``name`` with its unit, as a person reads it (``$100/kg``)."""
    return value_text(results.value_at(name, index), unit_of(name))


def unit_of(name: str) -> str:
    specs = catalogue.results()
    return (specs[name] if name in specs else catalogue.parameters()[name]).unit


def programme_sentence(results: Results, index: int | None = None) -> str:
    """What the launches buy: price, specific power, tonnage, power added, spend; and any
    binding limit that shapes those figures (the cadence cap...)."""
    price, kwt, mass, added, spend = (quantity_text(results, n, index) for n in PROGRAMME)
    text = f"At {price} and {kwt}, {mass} launched adds {added} for {spend}"
    if any(results.scheduled(n) for n in SCHEDULED):  # the first year is not the whole story
        year = fmt_value("x_year", series_at(results, "timeline.year", index)[-1])
        end = [value_text(series_at(results, n, index)[-1], unit_of(n)) for n in SCHEDULED_END]
        text = (f"In its first year, {text[0].lower()}{text[1:]}; on its schedules, by {year}, "
                f"{end[0]} launched at {end[1]} adds {end[2]}")
    limits = [b["message"] for b in binding_at(results, index)
              if set(b["affects"]) & set(PROGRAMME)]
    if limits:
        text += " (limited: " + "; ".join(limits) + ")"
    return text + "."


def binding_at(results: Results, index: int | None = None) -> list[dict]:
    """The binding limits of case ``index`` (all of them for a scalar evaluation)."""
    if not results.shape:
        return results.binding
    return [b for b in results.binding
            if results.value_at(b["name"], index) > 0]


def ratio_sentence(results: Results, index: int | None = None) -> str:
    """Orbit's cost per MWh delivered as a multiple of the ground's."""
    ratio = results.value_at("compare.cost_ratio", index)
    each = (f"({quantity_text(results, 'space.lcoe', index)} against "
            f"{quantity_text(results, 'ground.lcoe', index)})")
    if not math.isfinite(ratio):
        return f"Orbit's cost per MWh delivered cannot be set against the ground's {each}."
    cheaper = ", so the ground is cheaper" if ratio > 1 else ", so orbit is cheaper" \
        if ratio < 1 else ", the same"
    return f"Orbit costs {fmt_number(ratio)}× the ground per MWh delivered{cheaper} {each}."


def because(status: int) -> str:
    """A solver status in words, without its "no break-even: " or "not solved: " lead."""
    return STATUS[status].split(": ", 1)[-1]


def breakeven_sentence(results: Results, index: int | None = None) -> str:
    """The base launch price to LEO at which orbit matches the ground, or why none does."""
    status = int(results.value_at("compare.breakeven_status", index))
    ratio = results.value_at("compare.cost_ratio", index)
    price = quantity_text(results, "launch.price_per_kg", index)  # the base price, as solved
    if status == 0:
        needed = quantity_text(results, "compare.breakeven_price_per_kg", index)
        if ratio <= 1:
            text = (f"It matches the ground at any launch price up to {needed} (the set's "
                    f"base price is {price})")
        else:
            text = (f"It would need a launch price of {needed} to match (the set's base price "
                    f"is {price})")
    elif status == 2:
        verdict = "matches the ground at any" if ratio <= 1 else "cannot match at any"
        text = f"It {verdict} launch price, because {because(status)}"
    elif status == 1:
        text = f"No launch price makes it match, not even $0/kg, because {because(status)}"
    elif status == 4:
        text = f"No launch price it can reach makes it match, because {because(status)}"
    else:
        text = f"The launch price to match was not solved: {because(status)}"
    power = specific_power_clause(results, index)
    return text + (f"; {power}" if power else "") + "."


def specific_power_clause(results: Results, index: int | None = None) -> str:
    """The kW/t at which orbit matches, at the set's launch price, when one was solved."""
    if "compare.required_specific_power" not in results or \
            int(results.value_at("compare.specific_power_status", index)) != 0:
        return ""
    needed = quantity_text(results, "compare.required_specific_power", index)
    return f"at the set's launch price it would need {needed}"


def crossover_sentence(results: Results, index: int | None = None) -> str:
    """The first calendar year orbit's vintage matches the ground and stays there, or why
    never within the horizon ("" without a time axis)."""
    if "compare.crossover_status" not in results:
        return ""
    status = int(results.value_at("compare.crossover_status", index))
    years = series_at(results, "timeline.year", index)
    space = series_at(results, "timeline.space_lcoe", index)
    ground = series_at(results, "timeline.ground_lcoe", index)
    first, last = fmt_value("x_year", years[0]), fmt_value("x_year", years[-1])
    if status == 0:
        year = fmt_value("compare.crossover_year",
                         results.value_at("compare.crossover_year", index))
        return (f"Orbit's vintage first matches the ground in {year} and stays at or below "
                f"it to {last}.")
    if status == 2:
        return (f"Orbit's vintage already matches the ground in the first year, {first}, and "
                f"stays at or below it to {last}.")
    last_ratio = fmt_number(space[-1] / ground[-1]) if ground[-1] else "nan"
    if status == 3:
        below = int(np.flatnonzero(space <= ground)[0])
        return (f"Orbit's vintage dips to the ground's cost in {fmt_value('x_year', years[below])}"
                f" but is above it again by {last} ({last_ratio}× the ground's), so it never "
                f"matches for good within the horizon ({first}–{last}).")
    why = CROSSOVER_STATUS.get(status, "")
    return (f"Orbit's vintage never matches the ground within the horizon ({first}–{last}): "
            f"{why.split(': ', 1)[-1]}, and the {last} vintage still costs {last_ratio}× "
            "the ground's.")


def series_at(results: Results, name: str, index: int | None = None) -> np.ndarray:
    """Series result ``name`` by year, for case ``index`` of an array evaluation."""
    v = np.asarray(results.magnitude(name), dtype=float)
    return v.reshape(-1, v.shape[-1])[index or 0] if v.ndim > 1 else v
