"""Build rates and the race: how many GW of 24/7 compute a region's power build can run each
year, whether power or chips limit it, and the GW orbit adds beside it.

Nameplate is not 24/7 compute. A year's solar build S (GW of array) runs a round-the-clock
facility load of S · cf / (1 − n + n/η) (cf the solar capacity factor, n the night's share of
the day carried by batteries of round-trip efficiency η: the same daily balance as the
ground site's solar + battery), at most what the region's battery installs B (GWh a year) carry
through the night, B / n_h (n_h = ``ground.night_length`` in hours: the least storage a night
needs, so when this cap binds it surely binds; ``race.batteries_bind`` says when, and
``race.night_storage_needed`` = firm × n_h is the battery build the whole solar build would
need). Solar beyond it runs by day only, or leans on the existing grid's night capacity, which
is the grid claim's question (:mod:`orbital.ground.grid`), not new 24/7 power. A year's gas
build G runs G (firm); of that, a share
``race.compute_share`` goes to data centres, and PUE turns facility power into IT power:

    power-limited compute  = share · (min(S·cf/(1 − n + n/η), B/n_h) + min(G, T)) / PUE   [GW/yr]
    compute added          = min(power-limited, accelerators shipped)
    chips idle             = max(0, accelerators shipped − power-limited)

with T the gas turbines the makers deliver to the region a year (``race.turbine_deliveries``:
a region cannot build more gas than the turbines it receives; ``race.turbines_bind`` says when
that cap binds). The same battery installs limit a programme site that builds its own storage
(:mod:`orbital.ground.years`). Each rate grows by ``race.growth_rate`` a year. Orbit adds the buildout's launched tonnage ×
kW/t (``buildout.gross_power_added``) over the same years; the series put both on one axis
with, for each year, the constraint that binds on each side. The values of the rates are the
assumption files' (China's and the US's in the sources); the arithmetic is orbital's own.
"""
from __future__ import annotations

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from ..core.deferred import Deferred, Part, read
from ..core.numbers import fmt_number
from ..core.spec import Limit, Param, Result, with_conditions

PARAMETERS = (
    Param("race.solar_build_rate", "GW/yr", "Solar array (nameplate) a region builds a year.",
          low=0),
    Param("race.gas_build_rate", "GW/yr", "Gas capacity a region would build a year (its "
          "plans), before race.turbine_deliveries caps it.", low=0),
    Param("race.compute_share", "1", "Share of the new power that goes to data centres.",
          low=0, high=1),
    Param("race.accelerator_supply", "GW/yr", "IT power of the accelerators (with their hosts) "
          "shipped to the region a year.", low=0),
    Param("race.growth_rate", "1/yr", "Yearly growth of the build rates and of the accelerator "
          "supply.", low=-1, low_open=True, high=10),
    Param("race.turbine_deliveries", "GW/yr", "Gas turbine capacity the makers deliver to the "
          "region a year: the most gas it can build (caps race.gas_build_rate).", low=0),
    Param("race.grid_connection_rate", "GW/yr", "Large-load (data-centre) capacity the "
          "region's grid connects a year: substations, transformers and lines energised.",
          low=0),
    Param("race.battery_build_rate", "GWh/yr", "Battery energy the region installs a year: it "
          "carries the solar build's nights (race.solar_firm_power) and a programme site's "
          "own storage.", low=0),
)
#: the programme's own build reads the grid connection rate only for a grid-powered site
PARAMETERS = with_conditions(PARAMETERS, {
    "race.grid_connection_rate": ({"ground.build_model": ("power_and_chips",),
                                   "ground.cost_model": ("bottom_up",),
                                   "ground.power_source": ("grid",)},),
})


def _power_message(res, i) -> str:
    return (f"power, not chips, limits the ground: {fmt_number(res.value_at('race.accelerator_supply', i))}"
            f" GW/yr of accelerators, {fmt_number(res.value_at('race.power_limited_compute', i))}"
            f" GW/yr powered, {fmt_number(res.value_at('race.chips_idle', i))} GW/yr idle")


def _turbines_message(res, i) -> str:
    return (f"gas turbine deliveries of {fmt_number(res.value_at('race.turbine_deliveries', i))}"
            f" GW/yr cap the region's gas build of "
            f"{fmt_number(res.value_at('race.gas_build_rate', i))} GW/yr")


def _batteries_message(res, i) -> str:
    return (f"the region's battery installs of "
            f"{fmt_number(res.value_at('race.battery_build_rate', i))} GWh/yr carry the nights "
            f"of {fmt_number(res.value_at('race.solar_firm_power', i))} GW/yr of its solar "
            f"build; 24/7 it would need "
            f"{fmt_number(res.value_at('race.night_storage_needed', i))} GWh/yr")


RESULTS = (
    Result("race.gas_built", "GW/yr", "Gas the region builds a year: its gas build rate, capped "
           "by the turbines delivered."),
    Limit("race.turbines_bind", "1", "1 where turbine deliveries cap the region's gas build.",
          message=_turbines_message, affects=("race.gas_built", "race.power_limited_compute")),
    Result("race.night_storage_needed", "GWh/yr", "Battery energy a year the year's whole "
           "solar build needs to run 24/7: its round-the-clock power × ground.night_length."),
    Result("race.solar_firm_power", "GW/yr", "24/7 facility power the year's solar build "
           "carries: with night storage, at most the battery installs ÷ ground.night_length."),
    Limit("race.batteries_bind", "1", "1 where the region's battery installs, not its solar "
          "build, set its 24/7 solar power.", message=_batteries_message,
          affects=("race.solar_firm_power",)),
    Result("race.power_limited_compute", "GW/yr", "IT power the year's power build can run "
           "for data centres."),
    Result("race.ground_compute_added", "GW/yr", "IT power the ground adds in the first year: "
           "the least of power and chips."),
    Result("race.chips_idle", "GW/yr", "Accelerators shipped that cannot be powered (first "
           "year)."),
    Limit("race.power_binds", "1", "1 where power, not chips, limits the ground's compute "
          "build.", message=_power_message, affects=("race.ground_compute_added",)),
    Result("race.space_to_ground", "1", "GW orbit adds in the first year ÷ GW the ground "
           "adds."),
    Result("race.ground_added", "GW/yr", "IT power the ground adds each year.", series=True),
    Result("race.space_added", "GW/yr", "IT power orbit adds each year (launched mass × "
           "kW/t).", series=True),
    Result("race.ground_constraint", "1", "What limits the ground each year: 0 power, 1 chips.",
           series=True),
    Result("race.space_constraint", "1", "What limits orbit each year: 0 the programme's "
           "tonnage, 1 the cadence cap.", series=True),
)

#: The by-year results, computed together when one is first read.
SERIES = tuple(spec.name for spec in RESULTS if spec.series)


def solar_round_the_clock(s):
    """24/7 facility power [W/s] the year's solar build would carry were all its nights'
    batteries built."""
    share = floats.minimum(s["ground.night_length"] / 86400.0, 1.0)
    return s["race.solar_build_rate"] * s["ground.solar_capacity_factor"] / (
        1.0 - share + share / s["ground.battery_efficiency"])


def power_limited(s):
    """(24/7 facility power of the solar build, capped by the batteries that carry its nights
    [W/s], IT power the power build runs [W/s], the solar's 24/7 power were all its nights'
    batteries built [W/s])."""
    whole = solar_round_the_clock(s)
    night = floats.asarray(s["ground.night_length"])
    stored = night > 0
    carried = floats.where(stored, s["race.battery_build_rate"] / floats.where(stored, night, 1.0),
                           np.inf)
    firm = floats.minimum(whole, carried)
    it = s["race.compute_share"] * (firm + gas_built(s)) / s["ground.pue"]
    return firm, it, whole


def turbines_short(s):
    """True where the region would build more gas than the turbines it is delivered (a Python
    bool on one sample of plain numbers)."""
    return s["race.gas_build_rate"] > s["race.turbine_deliveries"] * (1 + 1e-12)


def gas_built(s):
    """Gas [W/s] the region builds a year: its build rate, capped by turbine deliveries."""
    return floats.minimum(s["race.gas_build_rate"], s["race.turbine_deliveries"])


def series(s, r):
    """The race by year [SI]: ground and space additions and their constraints."""
    gross = read(r, "buildout.gross_power_added")
    n = gross.shape[-1]
    grow = (1.0 + np.asarray(s["race.growth_rate"], dtype=float) * YEAR)[..., None] ** np.arange(n)
    _, it, _ = power_limited(s)
    power = np.asarray(it, dtype=float)[..., None] * grow
    chips = np.asarray(s["race.accelerator_supply"], dtype=float)[..., None] * grow
    wanted = read(r, "buildout.wanted_mass")
    launched = read(r, "buildout.launched_mass")
    ground, space = np.broadcast_arrays(np.minimum(power, chips), gross)
    return {"race.ground_added": ground + 0.0, "race.space_added": space + 0.0,
            "race.ground_constraint": np.broadcast_to((chips < power).astype(float),
                                                      ground.shape) + 0.0,
            "race.space_constraint": np.broadcast_to((wanted > launched * (1 + 1e-12)).astype(
                float), ground.shape) + 0.0}


def step(s, r):
    """Pipeline step: build rates and the race (SI in, SI out; the series deferred)."""
    firm, it, whole = power_limited(s)
    chips = s["race.accelerator_supply"]
    r["race.gas_built"] = gas_built(s) + 0.0 * firm
    r["race.turbines_bind"] = floats.astype_float(turbines_short(s)) + 0.0 * firm
    r["race.night_storage_needed"] = whole * s["ground.night_length"]
    r["race.solar_firm_power"] = firm
    r["race.batteries_bind"] = floats.astype_float(whole > firm * (1 + 1e-12))
    r["race.power_limited_compute"] = it
    added = floats.minimum(it, chips)
    r["race.ground_compute_added"] = added
    r["race.chips_idle"] = floats.maximum(chips - it, 0.0)
    r["race.power_binds"] = floats.astype_float(chips > it * (1 + 1e-12))
    r["race.space_to_ground"] = floats.divide(r["buildout.power_added_per_year"], added)
    gross = r["buildout.gross_power_added"].shape
    shape = floats.broadcast_shapes(floats.shape(added), gross[:-1]) + gross[-1:]
    both = Deferred(lambda: series(s, r), ())
    for name in SERIES:
        r[name] = Part(both, name, shape)
