"""Plotly figures built from plain result data (``Results.to_dict()`` plus ``years``).

No formulas live here: every number plotted is a model result; the functions only arrange them.
Every axis names its unit.
"""
from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..core.numbers import fmt_number
from ..reports.references import references

#: Text colours on the white chart background, each at least 4.5:1 (WCAG AA; tests check):
#: body text, the break-even/crossover green, the published-reference purple.
TEXT, GREEN, REFERENCE = "#2a3f5f", "#1e7b45", "#6c3483"

_LAYOUT = dict(margin=dict(l=10, r=10, t=80, b=10), height=400, font=dict(color=TEXT),
               legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
               title=dict(y=0.98, yanchor="top"))


def _v(data: dict, name: str):
    return data["results"][name]["value"]


def _u(data: dict, name: str) -> str:
    return data["results"][name]["unit"]


def buildout(data: dict) -> go.Figure:
    """Installed GW and net GW added by year, with the learning-curve $/kg on a second axis."""
    years = data["years"]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=years, y=_v(data, "buildout.net_power_added"),
                name=f"net power added [{_u(data, 'buildout.net_power_added')}]",
                marker_color="#7fb3d5")
    fig.add_scatter(x=years, y=_v(data, "buildout.installed_power"), mode="lines+markers",
                    name=f"installed fleet [{_u(data, 'buildout.installed_power')}]",
                    line=dict(color="#1f4e79", width=3))
    fig.add_scatter(x=years, y=_v(data, "buildout.price_per_kg"), mode="lines",
                    name=f"launch price [{_u(data, 'buildout.price_per_kg')}]",
                    line=dict(color="#c0392b", dash="dot"), secondary_y=True)
    fig.update_xaxes(title_text="year of the analysis [yr]", dtick=1)
    fig.update_yaxes(title_text="power [GW] / power added [GW/yr]", secondary_y=False)
    _price_axis(fig, _v(data, "buildout.price_per_kg"), secondary_y=True)
    fig.update_layout(**_LAYOUT)
    fig.update_layout(title_text="Buildout year by year")
    return fig


def _price_axis(fig: go.Figure, values, **where) -> None:
    """A launch-price axis: log only when the price spans a decade (on a flat price plotly's
    log ticks read "7, 3, 108.2509, 4, 2"), else linear from 0 with round ticks."""
    prices = [p for p in values if p == p and p > 0]
    wide = bool(prices) and max(prices) / min(prices) > 10
    if not prices:
        fig.update_yaxes(title_text="launch price paid ($/kg)", type="log", **where)
    elif wide:  # 1-2-5 ticks, each labelled in full (plotly's own label every minor digit)
        ticks = [m * 10.0 ** e for e in range(math.floor(math.log10(min(prices))),
                                              math.ceil(math.log10(max(prices))) + 1)
                 for m in (1, 2, 5)]
        ticks = [x for x in ticks if min(prices) / 2 <= x <= max(prices) * 2]
        fig.update_yaxes(title_text="launch price paid ($/kg)", type="log", tickmode="array",
                         tickvals=ticks, ticktext=[fmt_number(x) for x in ticks], **where)
    else:
        ticks = _nice_ticks(max(prices))
        fig.update_yaxes(title_text="launch price paid ($/kg)", tickmode="array",
                         tickvals=ticks, ticktext=[fmt_number(t) for t in ticks],
                         range=[0, ticks[-1]], showgrid=False, **where)


def _nice_ticks(top: float, count: int = 5) -> list[float]:
    """Evenly spaced round ticks from 0 to at least ``top`` (1, 2 or 5 × a power of ten)."""
    raw = top / (count - 1) if top > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return [step * k for k in range(int(math.ceil(top / step)) + 1)]


def mass_ledger(data: dict) -> go.Figure:
    """Each year's launched mass split into replacement and new spacecraft."""
    years = data["years"]
    launched = _v(data, "buildout.launched_mass")
    repl = _v(data, "buildout.replacement_mass")
    fig = go.Figure()
    fig.add_bar(x=years, y=[a - b for a, b in zip(launched, repl)],
                name="new spacecraft [t/yr]", marker_color="#1f4e79")
    fig.add_bar(x=years, y=repl, name="replacing failed compute [t/yr]", marker_color="#e67e22")
    fig.update_layout(barmode="stack", **_LAYOUT)
    fig.update_layout(title_text="Where each year's launched mass goes")
    fig.update_xaxes(title_text="year of the analysis [yr]", dtick=1)
    fig.update_yaxes(title_text="mass launched [t/yr]")
    return fig


def earth_vs_moon(data: dict) -> go.Figure:
    """Earth launch beside the lunar mass driver: $/kg and GW/yr."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=(
        "cost per kg delivered to LEO [USD/kg]", "power added per year [GW/yr]"))
    names = ["Earth (first-year price)", "Moon (mass driver, caught and brought to LEO)"]
    fig.add_bar(x=names, y=[_v(data, "launch.initial_price_per_kg"),
                            _v(data, "lunar.delivered_price_per_kg")],
                marker_color=["#1f4e79", "#7f8c8d"],
                showlegend=False, row=1, col=1)
    fig.add_bar(x=names, y=[_v(data, "buildout.power_added_per_year"),
                            _v(data, "lunar.power_added_per_year")],
                marker_color=["#1f4e79", "#7f8c8d"], showlegend=False, row=1, col=2)
    fig.update_yaxes(type="log", title_text="USD/kg", row=1, col=1)
    fig.update_yaxes(title_text="GW/yr", row=1, col=2)
    fig.update_layout(**_LAYOUT)
    fig.update_layout(title_text="Earth launch vs lunar mass driver")
    return fig


def lunar_cost_breakdown(data: dict) -> go.Figure:
    parts = [("capital", "lunar.capital_per_kg"),
             ("refurbishment", "lunar.refurbishment_per_kg"),
             ("operations", "lunar.operations_per_kg"),
             ("electricity", "lunar.electricity_per_kg")]
    fig = go.Figure()
    for label, name in parts:
        fig.add_bar(x=["lunar mass driver"], y=[_v(data, name)], name=f"{label} [USD/kg]")
    fig.update_layout(barmode="stack", **_LAYOUT)
    fig.update_layout(title_text="Lunar cost per kg, by part")
    fig.update_yaxes(title_text="USD/kg")
    return fig


def launch_terms(data: dict) -> go.Figure:
    """The vehicle-economics price per kg, term by term."""
    parts = [("build (amortised)", "launch.build_cost_per_kg"),
             ("refurbishment", "launch.refurbishment_per_kg"),
             ("propellant", "launch.propellant_per_kg"),
             ("operations", "launch.operations_per_kg"), ("margin", "launch.margin_per_kg")]
    fig = go.Figure()
    for label, name in parts:
        fig.add_bar(x=["vehicle economics"], y=[_v(data, name)], name=f"{label} [USD/kg]")
    fig.add_bar(x=["price used (P0)"], y=[_v(data, "launch.price_per_kg")],
                name="base price used [USD/kg]", marker_color="#2c3e50")
    fig.update_layout(barmode="stack", **_LAYOUT)
    fig.update_layout(title_text="Launch price per kg to LEO")
    fig.update_yaxes(title_text="USD/kg")
    return fig


SPACE_PARTS = ("hardware_cost", "compute_cost", "launch_cost", "insurance_cost", "operations_cost",
               "replacement_cost", "nre_cost", "ground_segment_cost")
GROUND_PARTS = ("power_generation_cost", "backup_power_cost", "electrical_cost", "mechanical_cost",
                "civil_cost", "fitout_cost", "compute_cost", "it_energy_cost",
                "cooling_energy_cost", "water_cost", "operations_cost", "replacement_cost",
                "delay_cost", "benchmark_total")


#: One colour per kind of cost, the same on both sides (Plotly's Dark24 palette).
_PART_COLOURS = {}


def _part_colour(label: str) -> str:
    from plotly.colors import qualitative

    if label not in _PART_COLOURS:
        _PART_COLOURS[label] = qualitative.Dark24[len(_PART_COLOURS) % len(qualitative.Dark24)]
    return _PART_COLOURS[label]


def per_mwh_parts(data: dict, side: str) -> list[tuple[str, float, float]]:
    """(part in words, USD/MWh, billion USD) of one side's cost breakdown. Each side's levelised
    cost is its total cost ÷ its delivered energy (``space.lcoe``, ``ground.lcoe``), so each
    part's share of the levelised cost is its share of the total."""
    res = data["results"]
    total, lcoe = res[f"{side}.total_cost"]["value"], res[f"{side}.lcoe"]["value"]
    out = []
    for part in SPACE_PARTS if side == "space" else GROUND_PARTS:
        name = f"{side}.{part}"
        if name not in res or not res[name]["value"] or not total:
            continue
        words = part.replace("_cost", "").replace("_total", "").replace("_", " ")
        out.append((words, res[name]["value"] / total * lcoe, res[name]["value"] / 1e9))
    return out


def cost_breakdown(data: dict) -> go.Figure:
    """Space beside the ground: each side's levelised cost per MWh of IT energy, stacked by part,
    on one scale [USD/MWh]; a kind of cost has the same colour on both sides."""
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=("space", "ground"))
    shown = set()
    for col, side in enumerate(("space", "ground"), start=1):
        for words, per_mwh, billions in per_mwh_parts(data, side):
            fig.add_bar(x=[side], y=[per_mwh], name=words, legendgroup=words,
                        showlegend=words not in shown, marker_color=_part_colour(words),
                        customdata=[billions], row=1, col=col,
                        hovertemplate=f"{side} {words}: %{{y:,.1f}} USD/MWh "
                                      "(%{customdata:,.2f} billion USD)<extra></extra>")
            shown.add(words)
        lcoe = data["results"][f"{side}.lcoe"]["value"]
        fig.add_annotation(x=side, y=lcoe, text=f"{fmt_number(lcoe)} $/MWh", showarrow=False,
                           yanchor="bottom", font=dict(color=TEXT), row=1, col=col)
    fig.update_layout(barmode="stack", **_LAYOUT)
    fig.update_layout(title_text="Levelised cost per MWh of IT energy, by part", height=480,
                      legend=dict(orientation="v", x=1.02, y=1, yanchor="top"),
                      margin=dict(t=70))
    fig.update_yaxes(title_text="levelised cost [USD/MWh]", row=1, col=1)
    fig.update_xaxes(showticklabels=False)
    return fig


def ratio_curve(curve: dict) -> go.Figure:
    """Space/ground cost ratio against the launch price, with parity and the break-even."""
    fig = go.Figure()
    fig.add_scatter(x=curve["price"], y=curve["ratio"], mode="lines",
                    name="space ÷ ground total cost [1]", line=dict(color="#1f4e79", width=3))
    fig.add_hline(y=1.0, line=dict(color="#7f8c8d", dash="dash"),
                  annotation_text="parity (ratio = 1)")
    fig.add_scatter(x=[curve["current_price"]], y=[curve["current_ratio"]], mode="markers",
                    name="this set", marker=dict(size=12, color="#c0392b"))
    be = curve["breakeven"]
    prices = [p for p in curve["price"] + [curve["current_price"]] if p == p and p > 0]
    lo, hi = min(prices), max(prices)
    if be == be and be > 0:  # not nan: labelled at its line, inside the plot
        lo, hi = min(lo, be), max(hi, be)
        fig.add_vline(x=be, line=dict(color=GREEN, dash="dot"))
        right = math.log10(be) > (math.log10(lo) + math.log10(hi)) / 2
        # an annotation's x on a log axis is log10 of the value
        fig.add_annotation(x=math.log10(be), y=0.98, yref="paper", showarrow=False,
                           text=f"break-even {fmt_number(be)} $/kg",
                           xanchor="right" if right else "left", xshift=-4 if right else 4,
                           font=dict(color=GREEN), bgcolor="rgba(255,255,255,0.8)")
    pad = (math.log10(hi) - math.log10(lo)) * 0.04
    fig.update_xaxes(type="log", title_text="launch price paid by the space side ($/kg)",
                     range=[math.log10(lo) - pad, math.log10(hi) + pad])
    fig.update_yaxes(title_text="space ÷ ground total cost [1]")
    fig.update_layout(**_LAYOUT)
    fig.update_layout(title_text="Cost ratio against launch price")
    return fig


def sunlight(sun: dict) -> go.Figure:
    """β angle and eclipse minutes per orbit over a year for the chosen orbit."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_scatter(x=sun["day"], y=sun["beta_deg"], mode="lines", name="β angle [deg]",
                    line=dict(color="#e67e22"))
    for sign in (1, -1):
        fig.add_hline(y=sign * sun["critical_beta_deg"], line=dict(color="#e67e22", dash="dot"))
    fig.add_scatter(x=sun["day"], y=sun["eclipse_min"], mode="lines", fill="tozeroy",
                    name="eclipse per orbit [min]", line=dict(color="#2c3e50"), secondary_y=True)
    fig.update_xaxes(title_text="day of the year [d]")
    fig.update_yaxes(title_text="β angle [deg] (dotted: |β| above which no eclipse)",
                     secondary_y=False)
    fig.update_yaxes(title_text="eclipse per orbit [min]", secondary_y=True, rangemode="tozero")
    fig.update_layout(**_LAYOUT)
    fig.update_layout(title_text="Sunlight over a year for the chosen orbit")
    return fig


MASS_PARTS = ("compute_mass", "array_mass", "radiator_mass", "battery_mass", "shielding_mass",
              "power_management_mass", "bus_mass")


def mass_breakdown(data: dict) -> go.Figure:
    """Where each tonne of spacecraft goes, from the bottom-up roll-up [kg/t]."""
    res = data["results"]
    fig = go.Figure()
    for part in MASS_PARTS:
        name = f"spacecraft.{part}"
        if name in res:
            fig.add_bar(x=["one tonne of spacecraft"], y=[res[name]["value"]],
                        name=f"{part.replace('_mass', '').replace('_', ' ')} [kg/t]")
    fig.update_layout(barmode="stack", **_LAYOUT)
    fig.update_layout(title_text="Mass breakdown per tonne (bottom-up roll-up)")
    fig.update_yaxes(title_text="mass [kg per tonne of spacecraft]")
    return fig


def timeline(data: dict) -> go.Figure:
    """Both sides by calendar year: each year's vintage levelised cost with the crossover
    marked, and the capacity in service on each side."""
    years = _v(data, "timeline.year")
    fig = make_subplots(rows=1, cols=2, subplot_titles=(
        "levelised cost of each year's vintage [USD/MWh]", "IT power in service [GW]"))
    for name, label, colour in (("timeline.space_lcoe", "space", "#1f4e79"),
                                ("timeline.ground_lcoe", "ground", "#7f8c8d")):
        fig.add_scatter(x=years, y=_v(data, name), mode="lines+markers",
                        name=f"{label} [{_u(data, name)}]", line=dict(color=colour, width=3),
                        row=1, col=1)
    from ..ground.years import GROUND_CONSTRAINT

    limits = {"timeline.ground_capacity": [f"limited by {GROUND_CONSTRAINT[int(c)]}" for c in
                                           _v(data, "ground.build_constraint")]}
    for name, label, colour, dash in (
            ("timeline.space_capacity", "space fleet in service", "#1f4e79", "dot"),
            ("timeline.ground_capacity", "ground in service", "#7f8c8d", "dot"),
            ("timeline.ground_budget_capacity", "ground the same money builds", "#7f8c8d",
             "dashdot")):
        fig.add_scatter(x=years, y=_v(data, name), mode="lines",
                        name=f"{label} [{_u(data, name)}]", line=dict(color=colour, dash=dash),
                        text=limits.get(name), row=1, col=2)
    crossover = _v(data, "compare.crossover_year")
    if crossover is not None and crossover == crossover and crossover != float("inf"):
        fig.add_vline(x=crossover, line=dict(color=GREEN, dash="dash"), row=1, col=1)
        fig.add_annotation(x=crossover, y=1, yref="y domain", text=f"orbit wins from "
                           f"{crossover:.0f}", showarrow=False, xanchor="left",
                           font=dict(color=GREEN), row=1, col=1)
    else:
        fig.add_annotation(x=0.5, y=0.95, xref="x domain", yref="y domain", showarrow=False,
                           text="no crossover within the horizon", row=1, col=1)
    for ref in references("compare.crossover_year"):
        fig.add_vline(x=ref.value, line=dict(color=REFERENCE, dash="dot", width=2), row=1, col=1)
        fig.add_annotation(x=ref.value, y=0.12, yref="y domain", text=ref.label,
                           hovertext=ref.source, showarrow=False, xanchor="right", xshift=-4,
                           font=dict(color=REFERENCE), bgcolor="rgba(255,255,255,0.85)",
                           row=1, col=1)
    fig.update_xaxes(title_text="calendar year", dtick=max(1, len(years) // 10))
    fig.update_yaxes(title_text="USD/MWh", row=1, col=1)
    fig.update_yaxes(title_text="GW", row=1, col=2)
    fig.update_layout(**_LAYOUT)
    fig.update_layout(title_text="The time axis: when orbit wins, and how fast each side grows",
                      legend=dict(orientation="h", yanchor="top", y=-0.18, x=0), height=460)
    return fig


def programme(data: dict) -> go.Figure:
    """The programme behind the time axis, by calendar year: the launch price paid (delivered,
    on the learning curve or its schedule) and the mass launched."""
    years = _v(data, "timeline.year")
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12, subplot_titles=(
        "launch price paid by year ($/kg)", "mass launched by year (t/yr)"))
    fig.add_scatter(x=years, y=_v(data, "timeline.launch_price_per_kg"), mode="lines+markers",
                    name="launch price paid ($/kg)", line=dict(color="#c0392b", width=3),
                    row=1, col=1)
    fig.add_bar(x=years, y=_v(data, "buildout.launched_mass"), name="mass launched (t/yr)",
                marker_color="#7fb3d5", row=1, col=2)
    _price_axis(fig, _v(data, "timeline.launch_price_per_kg"), row=1, col=1)
    fig.update_yaxes(title_text="mass launched (t/yr)", row=1, col=2)
    fig.update_xaxes(title_text="calendar year", dtick=max(1, len(years) // 10))
    fig.update_layout(**_LAYOUT)
    fig.update_layout(title_text="The programme: launch price and tonnage by year",
                      showlegend=False)
    return fig


def race(data: dict) -> go.Figure:
    """The race by calendar year: IT power the ground can add (the least of its power build and
    its chips) against what orbit adds (launched mass × kW/t)."""
    years = _v(data, "timeline.year")
    fig = go.Figure()
    for name, label, colour in (("race.ground_added", "ground (least of power and chips)",
                                 "#7f8c8d"), ("race.space_added", "orbit (launched mass × kW/t)",
                                              "#1f4e79")):
        fig.add_bar(x=years, y=_v(data, name), name=f"{label} [{_u(data, name)}]",
                    marker_color=colour)
    fig.update_layout(barmode="group", **_LAYOUT)
    fig.update_layout(title_text="IT power added each year: Earth's power build vs orbit")
    fig.update_xaxes(title_text="calendar year", dtick=max(1, len(years) // 10))
    fig.update_yaxes(title_text="GW/yr")
    return fig


#: The download formats of a chart and their media types.
MIME = {"png": "image/png", "svg": "image/svg+xml"}


def file_stem(fig: go.Figure, fallback: str) -> str:
    """A file name for ``fig`` from its title: lower-case words joined by hyphens."""
    import re

    title = re.sub(r"<[^>]+>", " ", fig.layout.title.text or "") or fallback
    return "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:80] or "chart"


def can_export() -> bool:
    """Whether charts can be drawn to PNG/SVG on this machine (kaleido, which drives a local
    Chrome/Chromium: no network)."""
    import importlib.util

    return importlib.util.find_spec("kaleido") is not None


def image(fig: go.Figure, fmt: str) -> bytes:
    """``fig`` as PNG or SVG bytes, at the page's width."""
    if fmt not in MIME:
        raise ValueError(f"unknown image format {fmt!r}")
    return fig.to_image(format=fmt, width=1400, height=fig.layout.height or 450,
                        scale=2 if fmt == "png" else 1)


def readable(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` whose axis, legend and title text is drawn in :data:`TEXT` at full
    opacity (the page's chart theme draws tick labels at 3.7:1 on white)."""
    out = go.Figure(fig)
    out.update_xaxes(tickfont_color=TEXT, title_font_color=TEXT)
    out.update_yaxes(tickfont_color=TEXT, title_font_color=TEXT)
    out.update_layout(legend_font_color=TEXT, title_font_color=TEXT)
    out.update_annotations(selector=lambda a: not (a.font and a.font.color), font_color=TEXT)
    return out
