"""The space side of the comparison: a solar-powered orbital fleet sized to deliver a target
IT power over the analysis period, and everything it costs.

Method (McCalip, "Economics of Orbital vs Terrestrial Data Centers", 2025, model code
``static/js/math.js`` in andrewmccalip/thoughts; generalised):

    mean capacity factor   avgCF = Σ_{y=0}^{n−1} q^y / n,  q = 1 − d   (×(1 − f) when failed
                                    compute is left failed, space.replacement_model =
                                    'degrade_and_dont_pay')
    required initial power P_req = P_target / (avgCF · sunlight)      ('average' sizing)
    satellites             N = ceil(P_req / P_sat)                     ('whole' rounding)
    fleet power, mass      P_fleet = N · P_sat;  m = P_fleet / specific power
    capital                hardware ($/W · P_fleet, or build $/kg · m), compute ($/W · P_fleet),
                           launch (price · m), insurance (rate · (hardware + compute + launch)),
                           NRE, ground segment
    yearly                 operations (rate · (hardware + compute)), replacement of failed
                           compute (failure rate · (φ·hardware + compute [+ φ·launch]))
    renewal                satellites serve buildout.service_life T years; over a longer period
                           the fleet is bought and launched again every T years (present value
                           Σ_{k=0}^{K} (1+r)^{−kT}, K = ceil(n/T) − 1), and sizing averages over
                           min(n, T) years
    total                  capital + annuity_factor(r, n) · yearly    (= capital + n · yearly at r = 0)

The total is affine in the launch price, in 1/specific power and in the satellite $/W, which
is what makes the solvers in :mod:`orbital.compare` exact. All functions take SI floats or
numpy arrays and broadcast.
"""
from __future__ import annotations

import numpy as np

from ..core.constants import YEAR
from ..core.spec import Choice, Param, Result
from ..programme.finance import annuity_factor, renewal_factor

PARAMETERS = (
    Param("space.target_power", "GW", "Compute (IT) power to deliver, on average over the "
          "analysis period, on both sides of the comparison.", low=0, low_open=True,
          log_scale=True),
    Param("space.satellite_power", "kW", "Array power of one satellite at the start of its life "
          "(sets the whole-satellite rounding).", low=0, low_open=True, log_scale=True),
    Param("space.sunlight_fraction", "1", "Fraction of the time the arrays are in sunlight "
          "(terminator orbit ≈ 0.98, SSO ≈ 0.80, LEO ≈ 0.60); 1 when the mass per kW already "
          "includes storage.", low=0, low_open=True, high=1),
    Choice("space.sunlight_model", ("given", "orbit", "in_specific_power"),
           "Sunlight fraction used to size the fleet: 'given' = space.sunlight_fraction; "
           "'orbit' = the chosen orbit's annual sunlit fraction (orbit.sunlit_fraction), for a "
           "kW/t rated in sunlight without storage; 'in_specific_power' = 1, because the kW/t "
           "already averages over eclipses (as power.model = 'bottom_up' does)."),
    Choice("space.sizing", ("average", "end_of_life"),
           "How the fleet is oversized for array degradation: 'average' (McCalip) delivers the "
           "target on average over the period; 'end_of_life' still delivers it in the last year."),
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
           "Launch price the fleet pays: 'initial' = the first-year price "
           "launch.initial_price_per_kg; 'buildout_mean' = the mean price over the buildout "
           "programme's learning curve, buildout.mean_price_per_kg."),
    Choice("space.replacement_model", ("replace_and_pay", "replace_hardware_only",
                                       "degrade_and_dont_pay"),
           "Failed compute (buildout.compute_failure_rate): 'replace_and_pay' buys and launches "
           "replacements; 'replace_hardware_only' buys them but launches them free (McCalip's "
           "method); 'degrade_and_dont_pay' replaces nothing and oversizes the fleet so the "
           "surviving compute still delivers the target. Exactly one, never both."),
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

#: The items of the space total, in the order tables show them; they sum to space.total_cost.
BREAKDOWN = ("space.hardware_cost", "space.compute_cost", "space.launch_cost",
             "space.insurance_cost", "space.operations_cost", "space.replacement_cost",
             "space.nre_cost", "space.ground_segment_cost")

RESULTS = (
    Result("space.sunlight_fraction", "1", "Sunlight fraction used to size the fleet, per "
           "space.sunlight_model."),
    Result("space.mean_capacity_factor", "1", "Mean fraction of the initial power still working "
           "over the period (array degradation, and failures when they are not replaced)."),
    Result("space.required_power", "GW", "Initial array power needed: target ÷ (capacity "
           "factor × sunlight fraction), before rounding to whole satellites."),
    Result("space.satellite_count", "1", "Satellites in the fleet."),
    Result("space.fleet_generations", "1", "Times the fleet is bought and launched over the "
           "period (a new fleet every buildout.service_life)."),
    Result("space.fleet_power", "GW", "Initial array power of the fleet (satellites × "
           "satellite power)."),
    Result("space.mass", "t", "Fleet mass launched: fleet power ÷ specific power."),
    Result("space.launch_price_per_kg", "USD/kg", "Launch price the fleet pays, per "
           "space.launch_pricing."),
    Result("space.hardware_cost", "USD", "Satellite hardware (compute excluded)."),
    Result("space.compute_cost", "USD", "Compute hardware for the fleet's power."),
    Result("space.launch_cost", "USD", "Launch of the fleet."),
    Result("space.insurance_cost", "USD", "Launch insurance / launch-failure loss."),
    Result("space.operations_cost", "USD", "Operations over the period (present value)."),
    Result("space.replacement_cost", "USD", "Replacement of failed compute over the period "
           "(present value)."),
    Result("space.nre_cost", "USD", "Non-recurring engineering."),
    Result("space.ground_segment_cost", "USD", "Ground segment."),
    Result("space.total_cost", "USD", "Total cost of the space side over the period (present "
           "value; the plain sum at a zero discount rate)."),
    Result("space.cost_per_watt", "USD/W", "Total cost per watt of target power."),
    Result("space.energy", "TWh", "Energy delivered over the period: target power × years × "
           "finance.year_length."),
    Result("space.lcoe", "USD/MWh", "Levelised cost of the delivered energy: total ÷ "
           "(discounted) energy."),
    Result("space.cost_per_kw_year", "USD/kW/yr", "Levelised cost per kW of target power per "
           "year."),
    Result("space.cost_per_gpu_hour", "USD/h", "Cost of one accelerator-hour: LCOE × "
           "compare.accelerator_power."),
    Result("space.launched_power_price", "USD/kW/yr", "Suncatcher's launched-power price: "
           "launch price ÷ (specific power × buildout.service_life)."),
)


def mean_capacity_factor(loss_rate, years):
    """Mean of (1 − d)^y over years y = 0 … n−1 [1] (McCalip math.js, avgCF).

    loss_rate d [1/yr, per-year fraction], years n [number of years; fractional n uses the
    closed form]. Σ q^y / n = (1 − q^n) / (n·(1 − q)) with q = 1 − d, and exactly 1 at d = 0.
    """
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
        factor = (1.0 - np.asarray(loss_rate)) ** np.asarray(years)
    else:
        raise ValueError(f"unknown sizing {sizing!r}; expected 'average' or 'end_of_life'")
    return target / (factor * sunlight)


def satellite_count(power, satellite_power, rounding="whole"):
    """Satellites [1] for ``power`` [W] at ``satellite_power`` [W] each: ceil(P / P_sat)
    (McCalip math.js) for 'whole', the exact ratio for 'none'."""
    ratio = np.asarray(power / satellite_power, dtype=float)
    if rounding == "whole":
        # forgive round-off just above a whole number (e.g. 3.0000000000000004 -> 3)
        out = np.ceil(ratio * (1.0 - 1e-12))
    elif rounding == "none":
        out = ratio
    else:
        raise ValueError(f"unknown rounding {rounding!r}; expected 'whole' or 'none'")
    return out if out.ndim else float(out)


def cost_items(fleet_power, mass, launch_price, hardware, compute_cost_per_watt, insurance,
               operations_rate, failure, replaced_fraction, replacement_model, nre,
               ground_segment, annuity, renewal=1.0):
    """The space total's items [USD] (a dict keyed like :data:`BREAKDOWN`) and the total.

    fleet_power [W], mass [kg], launch_price [USD/kg], hardware [USD, satellites], compute cost
    [USD/W], insurance [1], operations_rate and failure [per-year fractions], replaced_fraction φ
    [1], nre and ground_segment [USD], annuity [years; annuity_factor(r, n)], renewal [1;
    :func:`renewal_factor`, multiplies the fleet's capital].
    Sources: McCalip math.js (hardware, launch, ops = 1 %·hardware·years, GPU replacement =
    failure·hardware·years, NRE); Turyshev 2026 (ground segment); insurance is orbital's.
    """
    compute = compute_cost_per_watt * fleet_power
    launch = launch_price * mass
    yearly_ops = operations_rate * (hardware + compute)
    if replacement_model == "replace_and_pay":
        yearly_repl = failure * (replaced_fraction * (hardware + launch) + compute)
    elif replacement_model == "replace_hardware_only":
        yearly_repl = failure * (replaced_fraction * hardware + compute)
    elif replacement_model == "degrade_and_dont_pay":
        yearly_repl = 0.0 * failure
    else:
        raise ValueError(f"unknown replacement model {replacement_model!r}")
    items = {
        "space.hardware_cost": renewal * hardware + 0.0 * launch,
        "space.compute_cost": renewal * compute + 0.0 * launch,
        "space.launch_cost": renewal * launch,
        "space.insurance_cost": renewal * insurance * (hardware + compute + launch),
        "space.operations_cost": annuity * yearly_ops,
        "space.replacement_cost": annuity * yearly_repl,
        "space.nre_cost": nre + 0.0 * launch,
        "space.ground_segment_cost": ground_segment + 0.0 * launch,
    }
    total = sum(items[k] for k in BREAKDOWN)
    return items, total


def launch_price(s, r):
    """Launch price [USD/kg] the fleet pays, per ``space.launch_pricing`` (from the launch and
    buildout steps' results; the learning curve is theirs)."""
    choice = s["space.launch_pricing"]
    if choice == "initial":
        return r["launch.initial_price_per_kg"]
    if choice == "buildout_mean":
        return r["buildout.mean_price_per_kg"]
    raise ValueError(f"unknown space.launch_pricing {choice!r}")


def hardware_cost(s, fleet_power, mass):
    """Satellite hardware [USD] per ``space.hardware_cost_basis``: $/W × fleet power [W] or
    build $/kg × mass [kg] (Turyshev 2026's B)."""
    if s["space.hardware_cost_basis"] == "per_watt":
        return s["space.satellite_cost_per_watt"] * fleet_power + 0.0 * mass
    return s["space.build_cost_per_kg"] * mass + 0.0 * fleet_power


def sunlight_fraction(s, r):
    """Sunlight fraction [1] used to size the fleet, per ``space.sunlight_model``."""
    model = s["space.sunlight_model"]
    if model == "given":
        return s["space.sunlight_fraction"]
    if model == "orbit":
        return r["orbit.sunlit_fraction"]
    return 1.0


def sizing(s, r):
    """Fleet sizing: dict of ``loss_rate`` [per-year], ``years``, ``annuity`` [years],
    ``renewal`` [1], ``mean_cf``, ``required``, ``count``, ``fleet_power`` [W], ``mass`` [kg]."""
    years = s["finance.analysis_period"] / YEAR
    life = s["buildout.service_life"] / YEAR
    d = s["buildout.array_degradation"] * YEAR
    f = s["buildout.compute_failure_rate"] * YEAR
    loss = combined_loss_rate(d, f) if s["space.replacement_model"] == "degrade_and_dont_pay" \
        else d
    served = np.minimum(years, life)  # each fleet generation serves this long
    req = required_power(s["space.target_power"], loss, served, sunlight_fraction(s, r),
                         s["space.sizing"])
    count = satellite_count(req, s["space.satellite_power"], s["space.satellite_rounding"])
    fleet = count * s["space.satellite_power"]
    rate = s["finance.discount_rate"] * YEAR
    return {"loss_rate": loss, "years": years, "failure": f,
            "annuity": annuity_factor(rate, years),
            "renewal": renewal_factor(rate, years, life),
            "generations": np.maximum(np.ceil(years / life - 1e-9), 1.0),
            "mean_cf": mean_capacity_factor(loss, served), "required": req, "count": count,
            "fleet_power": fleet, "mass": fleet / r["power.specific_power"]}


def total_for(s, r, size, *, price=None, inverse_specific_power=None, cost_per_watt=None,
              fleet_power=None, simplified=False):
    """Space total [USD] with one quantity replaced (for the solvers): the launch ``price``
    [USD/kg], ``inverse_specific_power`` [kg/W], the satellite ``cost_per_watt`` [USD/W] (as
    the per-watt hardware price, whatever the basis) or the ``fleet_power`` [W].

    ``simplified``: McCalip's break-even method (compare.method = 'mccalip'), hardware and
    compute and launch only, on the unrounded required power.
    """
    fleet = size["fleet_power"] if fleet_power is None else fleet_power
    if simplified and fleet_power is None:
        fleet = size["required"]
    inv_sp = (1.0 / r["power.specific_power"] if inverse_specific_power is None
              else inverse_specific_power)
    mass = fleet * inv_sp
    p = launch_price(s, r) if price is None else price
    hw = hardware_cost(s, fleet, mass) if cost_per_watt is None else cost_per_watt * fleet
    if simplified:
        _, total = cost_items(fleet, mass, p, hw, s["compare.compute_cost_per_watt"], 0.0, 0.0,
                              0.0, 0.0, "degrade_and_dont_pay", 0.0, 0.0, 0.0)
        return total
    _, total = cost_items(fleet, mass, p, hw, s["compare.compute_cost_per_watt"],
                          s["space.launch_insurance"], s["space.operations_rate"] * YEAR,
                          size["failure"], s["buildout.replacement_mass_fraction"],
                          s["space.replacement_model"], s["space.nre"],
                          s["space.ground_segment"], size["annuity"], size["renewal"])
    return total


def step(s, r):
    """Pipeline step: size and cost the space side (SI in, SI out)."""
    size = sizing(s, r)
    r["space.sunlight_fraction"] = sunlight_fraction(s, r) + 0.0 * size["fleet_power"]
    years = size["years"]
    annuity = size["annuity"]
    price = launch_price(s, r)
    fleet, mass = size["fleet_power"], size["mass"]
    items, total = cost_items(fleet, mass, price, hardware_cost(s, fleet, mass),
                              s["compare.compute_cost_per_watt"], s["space.launch_insurance"],
                              s["space.operations_rate"] * YEAR, size["failure"],
                              s["buildout.replacement_mass_fraction"],
                              s["space.replacement_model"], s["space.nre"],
                              s["space.ground_segment"], annuity, size["renewal"])
    target = s["space.target_power"]
    hours = s["finance.year_length"]
    r["space.mean_capacity_factor"] = size["mean_cf"]
    r["space.required_power"] = size["required"]
    r["space.satellite_count"] = size["count"]
    r["space.fleet_generations"] = size["generations"] + 0.0 * fleet
    r["space.fleet_power"] = fleet
    r["space.mass"] = mass
    r["space.launch_price_per_kg"] = price + 0.0 * mass
    r.update(items)
    r["space.total_cost"] = total
    r["space.cost_per_watt"] = total / target
    r["space.energy"] = target * years * hours
    per_year = total / annuity  # levelised yearly cost
    r["space.lcoe"] = per_year / (target * hours)
    r["space.cost_per_kw_year"] = per_year / target / YEAR
    r["space.cost_per_gpu_hour"] = r["space.lcoe"] * s["compare.accelerator_power"]
    r["space.launched_power_price"] = launched_power_price(price, r["power.specific_power"],
                                                           s["buildout.service_life"])


def launched_power_price(price_per_kg, specific_power, lifespan):
    """Launched-power price [USD per W·s] = satellite mass × launch price / (power × lifespan)
    = price [USD/kg] / (specific power [W/kg] × lifespan [s]).

    Source: Google Project Suncatcher (arXiv 2511.19468): Starlink v2 mini, 575 kg, ≈ 28 kW,
    5 years: ≈ $14,700 per kW-year at $3,600/kg and ≈ $810 per kW-year at $200/kg.
    """
    return price_per_kg / (specific_power * lifespan)
