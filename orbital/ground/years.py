"""The ground year by year: the IT capacity it has in service, what limits it each year, and
the prices each year's ground vintage pays for its hardware.

Capacity in service at the end of year k = 1 … Y (``ground.build_model``):

``'power_and_chips'`` (the default): the least of

(a) the power build. From the site's time to power t_p (``ground.time_to_power_used``: the
    source's lead time and the queue ahead of it, or a given wait), each year the programme
    energises its share (``ground.power_share``) of the data-centre share
    (``race.compute_share``) of what the region can build of the site's power source, as IT
    power (÷ ``ground.pue``), ``ground.power_build_rate``:

    ============== ===========================================================================
    gas            min(race.gas_build_rate, race.turbine_deliveries) (the region's gas build,
                   capped by the turbines the makers deliver: ``race.turbines_bind``)
    gas_battery    the same, at most race.battery_build_rate ÷ ground.smoothing_storage
    solar_battery  the 24/7 power of the region's solar build (``race.solar_firm_power``), at
                   most race.battery_build_rate ÷ ground.storage_duration (the batteries that
                   carry its nights)
    grid           race.grid_connection_rate (large loads the grid connects: transformers,
                   substations; no compute share, they are data centres already)
    a benchmark    the region's whole power build, race.power_limited_compute's (no source)
    ============== ===========================================================================

    ``ground.batteries_bind`` says when the battery installs set it. The rates grow by
    ``race.growth_rate`` a year (as in the race); year j's build counts for the part of the
    year after power arrives, so E_k = Σ_{j<k} P_j · clip(j + 1 − t_p, 0, 1);
(b) the chips: the programme's share (``ground.chip_share``) of the region's accelerator
    supply (``race.accelerator_supply``, IT power a year, growing likewise) shipped by then,
    C_k = Σ_{j<k} c_j. Chips shipped while the site waits are installed when it is energised;
    power built beyond the chips waits for them;
(c) the target, ``space.target_power``.

``'given_rate'``: ``ground.build_rate`` after t_p, E_k = rate · (k − t_p)⁺, with no chip limit
(the stated pace of one site; the race's rates and the shares are then not read).

What binds each year is ``ground.build_constraint`` (words in :data:`GROUND_CONSTRAINT`), and
``ground.power_build_binds`` / ``ground.chips_bind`` put it in ``Results.binding``.
The arithmetic is orbital's own; the rates' values and sources are the assumption files'.

Hardware by year. Each year's ground vintage, and the ground capital spent that year, price
the facility ($/W of IT, :data:`orbital.ground.site.FACILITY`) and the power plant (turbine,
solar and battery prices, :data:`HARDWARE`) at the year's value (its schedule, if any) ×
(1 − d)^(y − y₀), d = ``ground.hardware_price_decline`` (default 0: no ground learning), y₀
``timeline.start_year``. The ground's own build is not a cumulative experience the model tracks,
so its learning is a fall per calendar year, stated; a schedule gives any other path.
"""
from __future__ import annotations

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from ..core.deferred import Deferred, Part
from ..core.numbers import fmt_number
from ..core.spec import Choice, Limit, Param, Result, with_conditions
from . import race, site

POWER_AND_CHIPS = {"ground.build_model": ("power_and_chips",)}

PARAMETERS = with_conditions((
    Choice("ground.build_model", ("power_and_chips", "given_rate"),
           "How the ground's capacity grows once its power arrives: 'power_and_chips' = the "
           "least of its share of the region's power build (per power source), its share of "
           "the accelerator supply and the target; 'given_rate' = ground.build_rate."),
    Param("ground.build_rate", "GW/yr", "How fast the ground side adds IT capacity once its "
          "power arrives, when ground.build_model = 'given_rate'.", low=0, low_open=True,
          log_scale=True),
    Param("ground.power_share", "1", "Share of the region's data-centre power build (of the "
          "site's power source) that goes to this programme.", low=0, high=1),
    Param("ground.chip_share", "1", "Share of the region's accelerator supply that goes to "
          "this programme.", low=0, high=1),
    Param("ground.hardware_price_decline", "1/yr", "Fall a year of the ground's facility and "
          "power-plant prices ($/W, turbine, solar and battery): each year's vintage is priced "
          "at (1 − d)^(years since timeline.start_year) (0 = no ground learning).", low=0,
          high=1, high_open=True),
), {
    "ground.build_rate": ({"ground.build_model": ("given_rate",)},),
    "ground.power_share": (POWER_AND_CHIPS,),
    "ground.chip_share": (POWER_AND_CHIPS,),
    "ground.hardware_price_decline": ({"ground.cost_model": ("bottom_up",)},),
})

#: The ground's hardware prices that follow ground.hardware_price_decline.
HARDWARE = site.FACILITY + ("ground.turbine_cost", "ground.simple_cycle_cost", "ground.solar_cost",
                             "ground.battery_cost")

#: What ground.build_constraint codes mean.
GROUND_CONSTRAINT = {
    0: "waiting for power (the site's lead time and queue)",
    1: "the power build (the programme's share of the region's build of its power source; "
       "ground.build_rate under 'given_rate')",
    2: "the chips (the programme's share of the accelerator supply)",
    3: "the target is reached",
}


#: What ground.power_build_limit codes mean: what sets the ground's power build.
POWER_LIMIT = {
    0: "the given build rate (ground.build_rate)",
    1: "the region's gas build (race.gas_build_rate)",
    2: "gas turbine deliveries (race.turbine_deliveries)",
    3: "the region's solar build with night storage (race.solar_build_rate)",
    4: "the region's battery installs (race.battery_build_rate)",
    5: "the large loads the region's grid connects (race.grid_connection_rate: transformers, "
       "substations, lines)",
    6: "the region's whole power build (a benchmark ground has no power source)",
}


def _batteries_message(res, i) -> str:
    return (f"the region's battery installs of "
            f"{fmt_number(res.value_at('race.battery_build_rate', i))} GWh/yr limit the "
            f"programme's power build to {fmt_number(res.value_at('ground.power_build_rate', i))}"
            " GW/yr of IT power")


def _power_message(res, i) -> str:
    limit = POWER_LIMIT[int(res.value_at("ground.power_build_limit", i))]
    return (f"the power build ({fmt_number(res.value_at('ground.power_build_rate', i))} GW/yr "
            f"of IT power in the first year, set by {limit}) limits the ground's capacity in "
            f"{fmt_number(res.value_at('ground.power_build_years', i))} of the period's years")


def _chips_message(res, i) -> str:
    chips = res.value_at("ground.chip_share", i) * res.value_at("race.accelerator_supply", i)
    return (f"the chips ({fmt_number(chips)} GW/yr of accelerators in the first year) limit the "
            f"ground's capacity in {fmt_number(res.value_at('ground.chip_years', i))} of the "
            "period's years: power built beyond them waits for accelerators")


RESULTS = (
    Result("ground.power_build_rate", "GW/yr", "IT power the ground's power build energises in "
           "the first year: the programme's share of the region's build of its power source, "
           "after the per-source limits (ground.build_rate under 'given_rate')."),
    Result("ground.power_build_limit", "1", "What sets the ground's power build: 0 the given "
           "rate, 1 the region's gas build, 2 turbine deliveries, 3 the solar build, 4 battery "
           "installs, 5 grid connections, 6 the region's whole build (a benchmark)."),
    Limit("ground.batteries_bind", "1", "1 where the region's battery installs limit the "
          "programme's power build (solar + battery, gas + battery).",
          message=_batteries_message, affects=("ground.power_build_rate",)),
    Result("ground.power_build_years", "yr", "Years of the period in which the power build "
           "limits the ground's capacity."),
    Result("ground.chip_years", "yr", "Years of the period in which the chips limit the "
           "ground's capacity."),
    Limit("ground.power_build_binds", "1", "1 where the power build limits the ground's "
          "capacity in some year of the period ('power_and_chips').", message=_power_message,
          affects=("timeline.ground_capacity", "ground.build_constraint")),
    Limit("ground.chips_bind", "1", "1 where the chips limit the ground's capacity in some "
          "year of the period.", message=_chips_message,
          affects=("timeline.ground_capacity", "ground.build_constraint")),
    Result("ground.build_constraint", "1", "What limits the ground's capacity each year: 0 "
           "waiting for power, 1 the power build, 2 the chips, 3 the target reached.",
           series=True),
)


#: The results :func:`by_year` computes together when one is first read (name, by year?).
DEFERRED = tuple((spec.name, spec.series) for spec in RESULTS[3:])

#: The inputs besides the power build whose sample shape the by-year results take.
SHAPED = ("space.target_power", "race.accelerator_supply", "race.growth_rate",
          "ground.chip_share")


def power_build(s):
    """(IT power [W/s] the programme's power build energises in the first year, 1 where the
    battery installs set it, what sets it per :data:`POWER_LIMIT`) for ``ground.build_model =
    'power_and_chips'``."""
    firm, _, _ = race.power_limited(s)
    gas = race.gas_built(s)
    share = s["race.compute_share"]
    source = "none" if s["ground.cost_model"] == "benchmark" else s["ground.power_source"]
    storage = 0.0
    if source == "grid":
        (facility, share), code = (s["race.grid_connection_rate"], 1.0), 5
    elif source in ("gas", "gas_battery"):
        facility, code = gas, floats.where(race.turbines_short(s), 2, 1)
        if source == "gas_battery":
            storage = s["ground.smoothing_storage"]
    elif source == "solar_battery":
        facility, storage, code = firm, s["ground.storage_duration"], 3
    else:  # no source (a benchmark ground): the region's whole power build
        facility, code = firm + gas, 6
    storage = floats.asarray(storage)
    stored = storage > 0
    batteries = floats.where(stored, s["race.battery_build_rate"] / floats.where(
        stored, storage, 1.0), np.inf)
    binds = batteries < facility * (1 - 1e-12)
    it = s["ground.power_share"] * share * floats.minimum(facility, batteries) / s["ground.pue"]
    return it, floats.astype_float(binds), floats.where(binds, 4, code) + 0.0


def capacity(s, r, n: int):
    """(IT capacity in service [W] at the end of each of ``n`` years, the constraint code of
    each year per :data:`GROUND_CONSTRAINT`), on a trailing year axis."""
    ttp = np.asarray(r["ground.time_to_power_used"], dtype=float)[..., None] / YEAR
    j = np.arange(n)
    rate = np.asarray(r["ground.power_build_rate"], dtype=float)[..., None] * YEAR  # W a year
    given = s["ground.build_model"] == "given_rate"
    grow = 1.0 if given else (1.0 + np.asarray(s["race.growth_rate"], dtype=float)
                              * YEAR)[..., None] ** j
    energised = np.cumsum(rate * grow * np.clip(j + 1 - ttp, 0.0, 1.0), axis=-1)
    if given:
        chips = np.full_like(energised, np.inf)
    else:
        supply = np.asarray(s["ground.chip_share"] * s["race.accelerator_supply"],
                            dtype=float)[..., None] * YEAR
        chips = np.cumsum(supply * grow + 0.0 * energised, axis=-1)
    target = np.asarray(s["space.target_power"], dtype=float)[..., None]
    cap = np.minimum(np.minimum(energised, chips), target)
    reached = target <= np.minimum(energised, chips) * (1 + 1e-12)
    code = np.where(j + 1 <= ttp, 0, np.where(reached, 3, np.where(energised <= chips, 1, 2)))
    return cap, code + 0.0 * cap


#: Key of :func:`by_year`'s dict holding the capacity in service by year (not a result): the
#: time axis reads it there (:func:`in_service`) rather than building it again.
CAPACITY = "@capacity"


def by_year(s, r, n: int, shape: tuple):
    """The deferred results of :func:`step` [SI], as one dict, each of sample shape
    ``shape``, with the capacity in service by year under :data:`CAPACITY`."""
    cap, code = capacity(s, r, n)
    code = np.broadcast_to(code, shape + (n,)) + 0.0
    power, chips = (np.sum(code == k, axis=-1) * YEAR for k in (1, 2))
    flag = 0.0 if s["ground.build_model"] == "given_rate" else 1.0
    return {"ground.build_constraint": code, "ground.power_build_years": power,
            "ground.chip_years": chips,
            "ground.power_build_binds": flag * (power > 0).astype(float),
            "ground.chips_bind": flag * (chips > 0).astype(float), CAPACITY: cap}


def in_service(s, r, n: int):
    """IT capacity in service [W] at the end of each of ``n`` years (:func:`capacity`), from
    the same work as :func:`step`'s deferred results when the step has run (a Monte Carlo
    reads their binding, and the time axis the capacity: made once for both)."""
    part = r.get("ground.build_constraint")
    if isinstance(part, Part) and part.shape[-1] == n:
        return part.group.get()[CAPACITY]
    return capacity(s, r, n)[0]


def hardware_views(s, sv, calendar):
    """The year views ``sv`` of the inputs with the ground's :data:`HARDWARE` prices × (1 −
    d)^(y − y₀) on the calendar years ``calendar`` (last axis); ``sv`` itself when there is no
    decline (or a benchmark ground, which has no hardware prices)."""
    d = np.asarray(s["ground.hardware_price_decline"], dtype=float) * YEAR
    if s["ground.cost_model"] == "benchmark" or not np.any(d):
        return sv
    k = np.asarray(calendar, dtype=float) - np.asarray(s["timeline.start_year"],
                                                       dtype=float)[..., None]
    factor = (1.0 - d[..., None]) ** k
    out = dict(sv)
    for name in HARDWARE:
        out[name] = np.asarray(sv[name], dtype=float) * factor
    return out


def step(s, r):
    """Pipeline step: the ground's power build rate now; its by-year limits deferred."""
    if s["ground.build_model"] == "given_rate":
        rate = floats.asarray(s["ground.build_rate"])
        binds = limit = 0.0 * rate
    else:
        rate, binds, limit = power_build(s)
    zero = 0.0 * floats.asarray(r["ground.time_to_power_used"])
    r["ground.power_build_rate"] = rate + zero
    r["ground.batteries_bind"] = binds + zero
    r["ground.power_build_limit"] = limit + zero
    mass = r["buildout.cumulative_mass"].shape
    n = mass[-1]
    shape = floats.broadcast_shapes(floats.shape(r["ground.power_build_rate"]), mass[:-1],
                                    *[floats.shape(s[name]) for name in SHAPED])
    both = Deferred(lambda: by_year(s, r, n, shape), ())
    series = shape + (n,)
    for name, is_series in DEFERRED:
        r[name] = Part(both, name, series if is_series else shape)

