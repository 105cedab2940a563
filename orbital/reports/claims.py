"""Claim check: what must be true for a set's headline claim, against today's sourced values.

For an assumption set (e.g. the seed, "1 Mt/yr at 100 kW/t is 100 GW/yr at $100/kg"), each row
names a quantity the claim needs, the value the claim needs, today's value from the reference
set (``default``: orbital's own best sourced estimate) with its source, and how far apart they
are (need ÷ today). Every number is a model input or result; nothing is computed here but the
ratio.
"""
from __future__ import annotations

import dataclasses
import math

from ..compare.solvers import explain
from ..core import units
from ..model.evaluate import evaluate
from ..model.results import Results
from ..sets.aset import AssumptionSet
from ..sets.loading import load


@dataclasses.dataclass(frozen=True)
class ClaimRow:
    """One "what must be true" line: ``needed`` vs ``today`` in ``unit``; ``factor`` = needed ÷
    today (nan when undefined); ``better`` says which direction is easier ('lower'/'higher')."""

    quantity: str
    needed: float
    today: float
    unit: str
    factor: float
    better: str
    why: str
    today_source: str

    def as_dict(self) -> dict:
        """The row's fields with its gap in words (for JSON, CSV and the page's table)."""
        return dict(dataclasses.asdict(self), gap=self.gap)

    @property
    def gap(self) -> str:
        """The gap in words, e.g. '10× lower than today' or 'already met'."""
        if math.isnan(self.needed):
            return "no value works: see why"
        if not (math.isfinite(self.needed) and math.isfinite(self.today)) or self.today == 0:
            return "no finite requirement"
        met = self.needed >= self.today if self.better == "lower" else self.needed <= self.today
        if met:
            return "already met today"
        if self.needed == 0:
            return "needs none at all, where today's is not zero"
        f = self.factor if self.factor >= 1 else 1.0 / self.factor
        return f"needs {f:,.3g}× {'lower' if self.better == 'lower' else 'higher'} than today"


def _num(x: float) -> str:
    """1,000,000 rather than 1e+06; four significant figures below a thousand."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def value_in(aset: AssumptionSet, name: str, unit_text: str) -> float:
    """The set's value of ``name`` in ``unit_text`` (by the unit table, as pint converts)."""
    a = aset[name]
    return float(units.convert(a.value, a.unit, unit_text))


def scalar(r: Results, name: str) -> float:
    """A scalar result's magnitude in its declared unit, nan where the set has none."""
    return float(r.magnitude(name)) if name in r else math.nan


def _row(quantity, needed, today, unit, better, why, source) -> ClaimRow:
    factor = needed / today if today else math.nan
    return ClaimRow(quantity, float(needed), float(today), unit, float(factor), better, why,
                    source)


def claim_check(aset: AssumptionSet, results: Results | None = None,
                today: AssumptionSet | None = None) -> list[ClaimRow]:
    """Rows of what must be true for ``aset``'s headline figures, against ``today``'s values."""
    today = today if today is not None else load("default")
    res = results if results is not None else evaluate(aset)
    ref = evaluate(today)
    rows: list[ClaimRow] = []

    cadence = next((b["message"] for b in res.binding
                    if b["name"] == "buildout.cadence_binds"), None)
    capped = f" ({cadence})" if cadence else ""
    rows.append(_row(
        "whole-spacecraft specific power", scalar(res, "power.specific_power"),
        scalar(ref, "power.specific_power"), "kW/t", "higher",
        f"{_num(scalar(res, 'buildout.power_added_per_year'))} GW/yr from "
        f"{_num(scalar(res, 'launch.first_year_mass'))} t/yr launched{capped} needs this many kW "
        "per tonne", today["power.specific_power"].source))
    rows.append(_row(
        "launch price to LEO", scalar(res, "launch.initial_price_per_kg"),
        scalar(ref, "launch.initial_price_per_kg"), "USD/kg", "lower",
        f"the set's launch spend of {_num(scalar(res, 'launch.spend_per_year') / 1e9)} billion USD/yr "
        "assumes this price", today["launch.price_per_kg"].source))
    rows.append(_row(
        "flights per year", scalar(res, "launch.flights_needed"),
        value_in(today, "launch.max_flights_per_year", "1/yr"), "1/yr", "higher",
        "the stated tonnage at the set's payload per flight, against today's cadence cap"
        + (f"; in the set itself {cadence}" if cadence else ""),
        today["launch.max_flights_per_year"].source))
    # Earth's side: the grid claim and the power build, against today's grid and the largest
    # builder's recorded year (China, NEA)
    rows.append(_row(
        "grid capacity available at any hour",
        value_in(aset, "grid.available_capacity", "GW"),
        value_in(today, "grid.available_capacity", "GW"), "GW", "higher",
        f"the set's grid output with batteries is {_num(scalar(res, 'grid.output_ratio'))}× today's "
        f"({_num(scalar(res, 'grid.compute_power'))} GW of 24/7 compute, "
        f"{_num(scalar(res, 'grid.storage_energy'))} GWh of batteries); doubling needs "
        f"{_num(scalar(res, 'grid.capacity_to_double'))} GW available",
        today["grid.available_capacity"].source))
    builder = load("china-2025")
    rows.append(_row(
        "solar built a year", value_in(aset, "race.solar_build_rate", "GW/yr"),
        value_in(builder, "race.solar_build_rate", "GW/yr"), "GW/yr", "higher",
        f"runs {_num(scalar(res, 'race.solar_firm_power'))} GW/yr of 24/7 power with the night "
        "batteries the set installs (next row); against the largest builder's recorded year",
        builder["race.solar_build_rate"].source))
    rows.append(_row(
        "batteries built a year for the solar's nights", scalar(res, "race.night_storage_needed"),
        value_in(builder, "race.battery_build_rate", "GWh/yr"), "GWh/yr", "higher",
        f"the set's {_num(value_in(aset, 'race.solar_build_rate', 'GW/yr'))} GW/yr "
        "of solar runs 24/7 only with this much night storage a year; its "
        f"{_num(value_in(aset, 'race.battery_build_rate', 'GWh/yr'))} GWh/yr of "
        f"installs carry {_num(scalar(res, 'race.solar_firm_power'))} GW/yr of it; against the "
        "largest builder's recorded year", builder["race.battery_build_rate"].source))
    rows.extend(_gas_site_rows(aset, res, today, ref))
    chips = value_in(aset, "race.accelerator_supply", "GW/yr")
    rows.append(_row(
        "power for the accelerators shipped", chips, scalar(ref, "race.power_limited_compute"),
        "GW/yr", "higher",
        f"chips sit idle for lack of power while this gap is open: of {_num(chips)} GW/yr of "
        f"accelerators, today's power build runs {_num(scalar(ref, 'race.power_limited_compute'))}"
        f" GW/yr ({_num(scalar(ref, 'race.chips_idle'))} GW/yr idle); for none to idle it must "
        "grow to the chips'", "orbital's race (orbital/ground/race.py) on today's build rates, "
        "each with its source (orbital params default --json)"))
    # the comparison's "what must be true" solvers, each against today's value of its input
    for quantity, solved, status, today_result, today_param, unit, better, what in (
            ("launch price for space to match ground", "compare.breakeven_price_per_kg",
             "compare.breakeven_status", "launch.price_per_kg", "launch.price_per_kg",
             "USD/kg", "lower",
             "the launch price to LEO at which the set's space side costs the same per MWh "
             "delivered as its ground side, against today's price"),
            ("specific power for space to match ground", "compare.required_specific_power",
             "compare.specific_power_status", "power.specific_power", "power.specific_power",
             "kW/t", "higher", "the kW/t at which the set's space side costs the same per MWh "
             "delivered as its ground side")):
        if solved in res:
            rows.append(_row(quantity, scalar(res, solved), scalar(ref, today_result), unit, better,
                             _solver_why(res, status, what), today[today_param].source))
    return rows


def _gas_site_rows(aset, res, today, ref) -> list[ClaimRow]:
    """The Colossus pattern's claim (a GW site on its own turbines within a year): its wait for
    power against today's, and its turbines against a year's deliveries; only for a site on
    on-site gas."""
    if aset["ground.power_source"].value not in ("gas", "gas_battery"):
        return []
    cap, count = scalar(res, "ground.generation_capacity"), scalar(res, "ground.turbine_count")
    wait = scalar(res, "ground.time_to_power_used")
    deliveries = value_in(today, "race.turbine_deliveries", "GW/yr")
    return [
        _row("time to power an on-site gas site", wait, scalar(ref, "ground.time_to_power_used"),
             "yr", "lower",
             f"the set's {_num(cap)} GW of turbines wait this long for power; today's estimate "
             "has the turbines in hand (a new buyer of heavy-duty units waits for slots booked "
             "to 2028-29: set ground.time_to_power_model = 'lead_time_and_queue' and "
             "ground.queue_backlog)", today["ground.time_to_power"].source),
        _row("gas turbines the site needs, against a year's deliveries", cap, deliveries, "GW",
             "higher",
             f"{_num(count)} turbines of "
             f"{_num(value_in(aset, 'ground.turbine_size', 'MW'))} MW within "
             f"{_num(wait)} yr; the makers deliver about {_num(deliveries)} GW of turbines a "
             "year to the region", today["race.turbine_deliveries"].source)]


def _solver_why(res: Results, status_name: str, what: str) -> str:
    """The row's explanation, with the solver's reason when it found no value."""

    status = int(res.magnitude(status_name))
    return what if status == 0 else f"{what}: {explain(status)}"
