"""The space side of the comparison: a solar-powered orbital fleet sized to deliver a target
IT power over the analysis period, what it costs, and its levelised cost per delivered MWh.

Method (McCalip, "Economics of Orbital vs Terrestrial Data Centers", 2025, model code
``static/js/math.js`` in andrewmccalip/thoughts; generalised):

    mean capacity factor   avgCF = Σ_{y=0}^{L−1} q^y / L over a generation's years L,
                           q = 1 − d (× (1 − f) when failures are not restored)
    required initial power P_req = P_target / (avgCF · sunlight)       ('average' sizing)
    satellites             N = ceil(P_req / P_sat)                      ('whole' rounding)
    fleet power, mass      P_fleet = N · P_sat;  m = P_fleet / specific power
    capital (a generation) hardware ($/W · P_fleet, or build $/kg · m), compute ($/W · P_fleet),
                           launch (price per kg delivered · m), insurance (rate · all three)
    charged over the period   capital × AF(r, n)/AF(r, T) with residual value (a generation of
                           life T renewed as it retires), × Σ (1+r)^−kT without, × 1 for
                           McCalip's single fleet
    yearly                 operations (rate · (hardware + compute)), restoring failed compute
                           (f · a whole spacecraft, or f · (φ·(hardware + launch) + compute)
                           for repairs in orbit; launch left out under McCalip's method)
    one-off                NRE, ground segment
    total (present value)  capital charge + AF(r, n) · yearly + one-off, at the space rate r
    LCOE                   total ÷ (AF(r, n) · P_target · capacity factor · hours per year)

The sunlight fraction counts eclipses once: a bottom-up kW/t (``power.model = 'bottom_up'``)
already averages over them, so it sizes with 1 whatever ``space.sunlight_model`` says. The
total is affine in the launch price, in 1/specific power and in the satellite $/W, which makes
the solvers in :mod:`orbital.compare.solvers` exact. All functions take SI floats or numpy
arrays and broadcast.
"""
from __future__ import annotations

import math

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from ..core.spec import Choice, Param, Result, with_conditions
from ..programme import finance

PARAMETERS = (
    Param("space.target_power", "GW", "Compute (IT) power to deliver, on average over the "
          "analysis period, on both sides of the comparison.", low=0, low_open=True,
          log_scale=True),
    Param("space.capacity_factor", "1", "Fraction of the year the fleet's IT power does useful "
          "work (utilisation × availability, e.g. radiation upsets and downtime); the space "
          "counterpart of ground.capacity_factor.", low=0, low_open=True, high=1),
    Param("space.discount_rate", "1/yr", "Cost of capital of the space side when "
          "finance.rate_model = 'per_side'.", low=0, high=1),
    Param("space.satellite_power", "kW", "Array power of one satellite at the start of its life "
          "(sets the whole-satellite rounding).", low=0, low_open=True, log_scale=True),
    Param("space.sunlight_fraction", "1", "Fraction of the time the arrays are in sunlight "
          "(terminator orbit ≈ 0.98, SSO ≈ 0.80, LEO ≈ 0.60); 1 when the mass per kW already "
          "includes storage.", low=0, low_open=True, high=1),
    Choice("space.sunlight_model", ("given", "orbit", "in_specific_power"),
           "Sunlight fraction used to size the fleet when power.model = 'given': 'given' = "
           "space.sunlight_fraction; 'orbit' = the chosen orbit's annual sunlit fraction "
           "(orbit.sunlit_fraction), for a kW/t rated in sunlight without storage; "
           "'in_specific_power' = 1, because the kW/t already averages over eclipses. A "
           "bottom-up kW/t always averages over them, so it always sizes with 1."),
    Choice("space.sizing", ("average", "end_of_life"),
           "How the fleet is oversized for array degradation: 'average' (McCalip) delivers the "
           "target on average over a generation's life; 'end_of_life' still delivers it in "
           "its last year."),
    Choice("space.fleet_renewal", ("renew", "single_fleet"),
           "'renew': each satellite generation serves buildout.service_life and is bought "
           "and launched again as it retires; 'single_fleet': one fleet, sized for the "
           "whole period's degradation, serves the whole period (McCalip's page)."),
    Choice("space.satellite_rounding", ("whole", "none"),
           "'whole': a whole number of satellites, ceil(P_req / P_sat) (McCalip); 'none': the "
           "fleet is exactly P_req."),
    Choice("space.hardware_cost_basis", ("per_watt", "per_kg"),
           "Satellite hardware priced per watt of array power (space.satellite_cost_per_watt, "
           "McCalip) or per kg built (space.build_cost_per_kg, Turyshev's B)."),
    Param("space.satellite_cost_per_watt", "USD/W", "Satellite (bus, arrays, radiators, "
          "structure) cost per watt of array power, compute excluded.", low=0),
    Param("space.build_cost_per_kg", "USD/kg", "Fully burdened build cost per kg of spacecraft "
          "when space.hardware_cost_basis = 'per_kg' (Turyshev's B).", low=0),
    Choice("space.launch_pricing", ("initial", "buildout_mean"),
           "Launch price the fleet pays: 'initial' = the marginal price when the analysis "
           "starts, launch.initial_price_per_kg; 'buildout_mean' = the mean price over the "
           "buildout programme's learning curve, buildout.mean_price_per_kg."),
    Choice("space.launch_destination", ("as_priced", "operating_orbit"),
           "Where the launch price delivers: 'as_priced' = the price is already to the "
           "operating orbit (McCalip, Suncatcher); 'operating_orbit' = the price is to "
           "transfer.leo_altitude at the launch site's inclination, and the fleet pays it × "
           "transfer.mass_ratio to reach orbit.altitude at its inclination."),
    Choice("space.replacement_model", ("replace_and_pay", "replace_hardware_only"),
           "How restored failures (buildout.failure_restoration) are paid for: "
           "'replace_and_pay' buys and launches them; 'replace_hardware_only' buys them but "
           "launches them free (McCalip's method)."),
    Param("space.operations_rate", "1/yr", "Operations cost per year as a fraction of the "
          "hardware (satellites and compute) cost.", low=0, high=1),
    Param("space.nre", "USD", "Non-recurring engineering: design, qualification and first "
          "units.", low=0),
    Param("space.ground_segment", "USD", "Ground stations, network backhaul and operations "
          "centre (Turyshev's C_ground_segment).", low=0),
    Param("space.launch_insurance", "1", "Launch insurance premium (or expected launch-failure "
          "loss) as a fraction of the launched value: hardware + compute + launch.",
          low=0, high=1),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "space.sunlight_fraction": ({"power.model": ("given",), "space.sunlight_model": ("given",)},),
    "space.sunlight_model": ({"power.model": ("given",)},),
    "space.satellite_cost_per_watt": ({"space.hardware_cost_basis": ("per_watt",)},),
    "space.build_cost_per_kg": ({"space.hardware_cost_basis": ("per_kg",)},),
    "space.discount_rate": ({"finance.rate_model": ("per_side",)},),
    "space.replacement_model": ({"buildout.failure_restoration": ("replace_spacecraft",
                                                                   "repair_in_orbit")},),
})

#: The items of the space total, in the order tables show them; they sum to space.total_cost.
BREAKDOWN = ("space.hardware_cost", "space.compute_cost", "space.launch_cost",
             "space.insurance_cost", "space.operations_cost", "space.replacement_cost",
             "space.nre_cost", "space.ground_segment_cost")

RESULTS = (
    Result("space.sunlight_fraction", "1", "Sunlight fraction used to size the fleet (1 when "
           "the kW/t already averages over eclipses)."),
    Result("space.mean_capacity_factor", "1", "Mean fraction of a generation's initial power "
           "still working over the years it serves (array degradation, and failures when they "
           "are not restored)."),
    Result("space.required_power", "GW", "Initial array power needed: target ÷ (capacity "
           "factor × sunlight fraction), before rounding to whole satellites."),
    Result("space.satellite_count", "1", "Satellites in the fleet."),
    Result("space.fleet_generations", "1", "Satellite generations that serve during the period "
           "(a new one every buildout.service_life)."),
    Result("space.fleet_power", "GW", "Initial array power of the fleet (satellites × "
           "satellite power)."),
    Result("space.mass", "t", "Mass of one generation of the fleet: fleet power ÷ specific "
           "power."),
    Result("space.deployment_years", "yr", "Years of launches one generation needs at the "
           "cadence cap: space.mass ÷ launch.cadence_limit (the static comparison deploys it "
           "at once)."),
    Result("space.launch_price_per_kg", "USD/kg", "Launch price the fleet pays per kg delivered "
           "to where it operates, per space.launch_pricing and space.launch_destination."),
    Result("space.hardware_cost", "USD", "Satellite hardware (compute excluded), charged over "
           "the period."),
    Result("space.compute_cost", "USD", "Compute hardware for the fleet's power, charged over "
           "the period."),
    Result("space.launch_cost", "USD", "Launch of the fleet, charged over the period."),
    Result("space.insurance_cost", "USD", "Launch insurance / launch-failure loss."),
    Result("space.operations_cost", "USD", "Operations over the period (present value)."),
    Result("space.replacement_cost", "USD", "Restoring failed compute over the period (present "
           "value)."),
    Result("space.nre_cost", "USD", "Non-recurring engineering."),
    Result("space.ground_segment_cost", "USD", "Ground segment."),
    Result("space.total_cost", "USD", "Total cost of the space side over the period (present "
           "value at the space side's rate; the plain sum at a zero rate)."),
    Result("space.cost_per_watt", "USD/W", "Total cost per watt of target power."),
    Result("space.energy", "TWh", "IT energy delivered over the period: target power × "
           "space.capacity_factor × years × finance.year_length."),
    Result("space.lcoe", "USD/MWh", "Levelised cost per MWh of IT energy delivered: total ÷ "
           "(discounted) delivered energy."),
    Result("space.cost_per_kw_year", "USD/kW/yr", "Levelised cost per kW of target power per "
           "year."),
    Result("space.cost_per_gpu_hour", "USD/h", "Levelised cost of one delivered "
           "accelerator-hour: LCOE × compare.accelerator_power."),
    Result("space.launched_power_price", "USD/kW/yr", "Suncatcher's launched-power price: "
           "launch price ÷ specific power, recovered over buildout.service_life at the space "
           "rate (÷ the life at a zero rate)."),
)


def mean_capacity_factor(loss_rate, years):
    """Mean of (1 − d)^y over years y = 0 … n−1 [1] (McCalip math.js, avgCF).

    loss_rate d [1/yr, per-year fraction], years n [number of years; fractional n uses the
    closed form]. Σ q^y / n = (1 − q^n) / (n·(1 − q)) with q = 1 − d, and exactly 1 at d = 0.
    """
    if floats.plain(loss_rate) and floats.plain(years) and 0 <= loss_rate < 1 and years > 0:
        d, n = float(loss_rate), float(years)  # one sample: the same formula on floats
        return -math.expm1(n * math.log1p(-d)) / (n * d) if d else 1.0  # 1 at 0, as masked
    d = np.asarray(loss_rate, dtype=float)
    n = np.asarray(years, dtype=float)
    zero = d == 0
    safe = np.where(zero, 1.0, d)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(zero, 1.0, -np.expm1(n * np.log1p(-safe)) / (n * safe))
    return out if out.ndim else float(out)


def combined_loss_rate(degradation, failure):
    """Yearly fraction of power lost [1/yr] to degradation d and unreplaced failures f:
    1 − (1 − d)(1 − f). Both arguments per-year fractions."""
    return 1.0 - (1.0 - degradation) * (1.0 - failure)


def required_power(target, loss_rate, years, sunlight, sizing="average"):
    """Initial array power [W] needed to deliver ``target`` [W].

    loss_rate [1/yr, per-year fraction], years [number], sunlight [1]. 'average':
    P_target / (avgCF · sunlight) (McCalip math.js); 'end_of_life': P_target /
    ((1 − d)^n · sunlight), so the last year still delivers the target.
    """
    if sizing == "average":
        factor = mean_capacity_factor(loss_rate, years)
    elif sizing == "end_of_life":
        factor = (1.0 - floats.asarray(loss_rate)) ** floats.asarray(years)
    else:
        raise ValueError(f"unknown sizing {sizing!r}; expected 'average' or 'end_of_life'")
    return target / (factor * sunlight)


def satellite_count(power, satellite_power, rounding="whole"):
    """Satellites [1] for ``power`` [W] at ``satellite_power`` [W] each: ceil(P / P_sat)
    (McCalip math.js) for 'whole', the exact ratio for 'none'."""
    ratio = floats.asarray(power / satellite_power)
    if rounding == "whole":
        # forgive round-off just above a whole number (e.g. 3.0000000000000004 -> 3)
        out = floats.ceil(ratio * (1.0 - 1e-12))
    elif rounding == "none":
        out = ratio
    else:
        raise ValueError(f"unknown rounding {rounding!r}; expected 'whole' or 'none'")
    return out if floats.ndim(out) else float(out)


def yearly_restoration(restoration, replacement_model, failure, fraction, hardware, compute,
                       launch):
    """Yearly cost [USD/yr] of restoring failed compute: f × a whole spacecraft (hardware +
    compute + launch) for 'replace_spacecraft', f × (φ·(hardware + launch) + compute) for
    'repair_in_orbit', 0 when failures are not restored; the launch term is left out under
    McCalip's 'replace_hardware_only'. Sources: McCalip math.js (GPU replacement =
    failure · hardware · years); orbital's own ledger (:mod:`orbital.programme.buildout`)."""
    launched = 0.0 if replacement_model == "replace_hardware_only" else 1.0
    if restoration == "replace_spacecraft":
        return failure * (hardware + compute + launched * launch)
    if restoration == "repair_in_orbit":
        return failure * (fraction * (hardware + launched * launch) + compute)
    return 0.0 * failure * launch


def cost_items(fleet_power, mass, launch_price, hardware, compute_cost_per_watt, insurance,
               operations_rate, yearly_repair, nre, ground_segment, annuity, charge=1.0):
    """The space total's items [USD] (a dict keyed like :data:`BREAKDOWN`) and the total.

    fleet_power [W], mass [kg], launch_price [USD/kg], hardware [USD, satellites], compute cost
    [USD/W], insurance [1], operations_rate [per-year fraction], yearly_repair [USD/yr, from
    :func:`yearly_restoration` without insurance], nre and ground_segment [USD], annuity
    [years; AF(r, n)], charge [1; :func:`orbital.programme.finance.charge_factor`, multiplies
    a generation's capital]. Sources: McCalip math.js (hardware, launch, ops = 1 %·hardware·
    years, GPU replacement, NRE); Turyshev 2026 (ground segment); insurance is orbital's, on
    every launched value (replacements too).
    """
    compute = compute_cost_per_watt * fleet_power
    launch = launch_price * mass
    zero = 0.0 * launch
    items = {
        "space.hardware_cost": charge * hardware + zero,
        "space.compute_cost": charge * compute + zero,
        "space.launch_cost": charge * launch,
        "space.insurance_cost": charge * insurance * (hardware + compute + launch),
        "space.operations_cost": annuity * operations_rate * (hardware + compute) + zero,
        "space.replacement_cost": annuity * yearly_repair * (1.0 + insurance) + zero,
        "space.nre_cost": nre + zero,
        "space.ground_segment_cost": ground_segment + zero,
    }
    return items, sum(map(items.__getitem__, BREAKDOWN))


def delivery_factor(s, r):
    """Launch price multiplier [1] to reach the operating orbit, per space.launch_destination."""
    if s["space.launch_destination"] == "operating_orbit":
        return r["transfer.mass_ratio"]
    return 1.0


def launch_price(s, r):
    """Launch price [USD/kg] the fleet pays per kg delivered, per ``space.launch_pricing`` and
    ``space.launch_destination`` (the learning curve is the launch and buildout steps')."""
    choice = s["space.launch_pricing"]
    base = r["launch.initial_price_per_kg"] if choice == "initial" else \
        r["buildout.mean_price_per_kg"]
    return base * delivery_factor(s, r)


def hardware_cost(s, fleet_power, mass):
    """Satellite hardware [USD] per ``space.hardware_cost_basis``: $/W × fleet power [W] or
    build $/kg × mass [kg] (Turyshev 2026's B)."""
    if s["space.hardware_cost_basis"] == "per_watt":
        return s["space.satellite_cost_per_watt"] * fleet_power + 0.0 * mass
    return s["space.build_cost_per_kg"] * mass + 0.0 * fleet_power


def sunlight_fraction(s, r):
    """Sunlight fraction [1] used to size the fleet: 1 for a bottom-up kW/t (it already
    averages over eclipses), else per ``space.sunlight_model``."""
    model = s["space.sunlight_model"]
    if s["power.model"] == "bottom_up" or model == "in_specific_power":
        return 1.0
    if model == "given":
        return s["space.sunlight_fraction"]
    return r["orbit.sunlit_fraction"]


def sizing(s, r):
    """Fleet sizing and discounting: a dict of ``loss_rate``, ``served`` (years a generation
    serves), ``annuity`` [years], ``charge`` [1], ``rate``, ``generations``, ``mean_cf``,
    ``required``, ``count``, ``fleet_power`` [W], ``mass`` [kg], ``energy_pv`` [J·yr]."""
    years = s["finance.analysis_period"] / YEAR
    life = s["buildout.service_life"] / YEAR
    d = s["buildout.array_degradation"] * YEAR
    f = s["buildout.compute_failure_rate"] * YEAR
    lost = s["buildout.failure_restoration"] == "not_restored"
    loss = combined_loss_rate(d, f) if lost else d
    single = s["space.fleet_renewal"] == "single_fleet"
    served = years if single else life
    req = required_power(s["space.target_power"], loss, served, sunlight_fraction(s, r),
                         s["space.sizing"])
    count = satellite_count(req, s["space.satellite_power"], s["space.satellite_rounding"])
    fleet = count * s["space.satellite_power"]
    rate, m = finance.rate(s, "space"), finance.periods_per_year(s)
    annuity = finance.annuity_factor(rate, years, m)
    charge = 1.0 if single else finance.charge_factor(rate, years, life,
                                                      s["finance.residual_value"], m)
    energy_year = s["space.target_power"] * s["space.capacity_factor"] * s["finance.year_length"]
    gens = 1.0 if single else floats.maximum(floats.ceil(years / life - 1e-9), 1.0)
    return {"loss_rate": loss, "served": served, "years": years, "failure": f, "rate": rate,
            "annuity": annuity, "charge": charge, "generations": gens,
            "mean_cf": mean_capacity_factor(loss, served), "required": req, "count": count,
            "fleet_power": fleet, "mass": fleet / r["power.specific_power"],
            "energy_pv": annuity * energy_year}


def total_for(s, r, size, *, price=None, inverse_specific_power=None, cost_per_watt=None,
              simplified=False):
    """Space total [USD] with one quantity replaced (for the solvers): the launch ``price``
    [USD/kg, delivered], ``inverse_specific_power`` [kg/W] or the satellite ``cost_per_watt``
    [USD/W] (as the per-watt hardware price, whatever the basis).

    ``simplified``: McCalip's break-even method (compare.method = 'mccalip'): hardware,
    compute and launch only, on the unrounded required power.
    """
    fleet = size["required"] if simplified else size["fleet_power"]
    inv_sp = (1.0 / r["power.specific_power"] if inverse_specific_power is None
              else inverse_specific_power)
    mass = fleet * inv_sp
    p = launch_price(s, r) if price is None else price
    hw = hardware_cost(s, fleet, mass) if cost_per_watt is None else cost_per_watt * fleet
    cpw = s["compare.compute_cost_per_watt"]
    if simplified:
        return hw + cpw * fleet + p * mass
    repair = yearly_restoration(s["buildout.failure_restoration"], s["space.replacement_model"],
                                size["failure"], s["buildout.replacement_mass_fraction"], hw,
                                cpw * fleet, p * mass)
    _, total = cost_items(fleet, mass, p, hw, cpw, s["space.launch_insurance"],
                          s["space.operations_rate"] * YEAR, repair, s["space.nre"],
                          s["space.ground_segment"], size["annuity"], size["charge"])
    return total


def step(s, r):
    """Pipeline step: size and cost the space side (SI in, SI out)."""
    size = sizing(s, r)
    fleet, mass = size["fleet_power"], size["mass"]
    price = launch_price(s, r)
    hw = hardware_cost(s, fleet, mass)
    cpw = s["compare.compute_cost_per_watt"]
    repair = yearly_restoration(s["buildout.failure_restoration"], s["space.replacement_model"],
                                size["failure"], s["buildout.replacement_mass_fraction"], hw,
                                cpw * fleet, price * mass)
    items, total = cost_items(fleet, mass, price, hw, cpw, s["space.launch_insurance"],
                              s["space.operations_rate"] * YEAR, repair, s["space.nre"],
                              s["space.ground_segment"], size["annuity"], size["charge"])
    target = s["space.target_power"]
    r["space.sunlight_fraction"] = sunlight_fraction(s, r) + 0.0 * fleet
    r["space.mean_capacity_factor"] = size["mean_cf"] + 0.0 * fleet
    r["space.required_power"] = size["required"]
    r["space.satellite_count"] = size["count"]
    r["space.fleet_generations"] = size["generations"] + 0.0 * fleet
    r["space.fleet_power"] = fleet
    r["space.mass"] = mass
    r["space.deployment_years"] = mass / r["launch.cadence_limit"]
    r["space.launch_price_per_kg"] = price + 0.0 * mass
    r.update(items)
    r["space.total_cost"] = total
    r["space.cost_per_watt"] = total / target
    r["space.energy"] = target * s["space.capacity_factor"] * size["years"] * \
        s["finance.year_length"]
    r["space.lcoe"] = total / size["energy_pv"]
    r["space.cost_per_kw_year"] = total / size["annuity"] / target / YEAR
    r["space.cost_per_gpu_hour"] = r["space.lcoe"] * s["compare.accelerator_power"]
    r["space.launched_power_price"] = launched_power_price(
        price, r["power.specific_power"], s["buildout.service_life"], size["rate"],
        finance.periods_per_year(s))


def launched_power_price(price_per_kg, specific_power, lifespan, rate=0.0, per_year=1):
    """Launched-power price [USD per W·s] = launch price [USD/kg] ÷ specific power [W/kg],
    recovered over the lifespan [s] at ``rate`` [per-year number] (÷ lifespan at r = 0).

    Source: Google Project Suncatcher (arXiv 2511.19468): Starlink v2 mini, 575 kg, ≈ 28 kW,
    5 years: ≈ $14,700 per kW-year at $3,600/kg and ≈ $810 per kW-year at $200/kg (no
    discounting); the capital recovery is the same convention as the ground's power cost.
    """
    crf = finance.capital_recovery_factor(rate, floats.asarray(lifespan) / YEAR, per_year) / YEAR
    return price_per_kg / specific_power * crf
