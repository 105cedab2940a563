"""The report's charts, drawn from a Results object (pure plotly, no formulas: every number
plotted is a model result, every axis in words with its unit).

- :func:`cost_parts`: each side's cost over the period, part by part, the two side by side;
- :func:`vintage_costs`: each year's vintage cost per MWh on both sides, the crossover marked;
- :func:`race_lines`: IT power each side adds a year (Earth's power build against orbit);
- :func:`buildout_lines`: the fleet in service and the power it adds a year.
"""
from __future__ import annotations

import math

from ..core.numbers import fmt_number, fmt_value
from ..ground import site
from ..model.labels import label, unit_text, words
from ..model.results import Results
from ..space import fleet
from .summary import quantity_text, series_at

#: Space's colour and the ground's, the same in every chart.
SPACE, GROUND = "#1f4e79", "#6e6e6e"

_LAYOUT = dict(height=420, margin=dict(l=10, r=10, t=70, b=10), font=dict(size=13),
               legend=dict(orientation="h", yanchor="top", y=-0.18, x=0),
               plot_bgcolor="white", paper_bgcolor="white")
_AXES = dict(showline=True, linecolor="#444", gridcolor="#e5e5e5", automargin=True)


def styled(fig, title: str):
    """``fig`` with the report's layout and ``title``."""
    fig.update_layout(**_LAYOUT)
    fig.update_layout(title_text=title)
    fig.update_xaxes(**_AXES)
    fig.update_yaxes(**_AXES)
    return fig


def cost_parts(results: Results, index: int | None = None):
    """Each side's total cost over the period (present value), one bar per part [billion $],
    space and ground side by side on one scale; parts of zero left out."""
    from plotly.subplots import make_subplots

    totals = (quantity_text(results, n, index) for n in ("space.total_cost", "ground.total_cost"))
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.3, subplot_titles=tuple(
        f"{side}: {total}" for side, total in zip(("Orbit", "Ground"), totals)))
    sides = ((fleet.BREAKDOWN, SPACE), (site.BREAKDOWN, GROUND))
    for col, (parts, colour) in enumerate(sides, 1):
        shown = [(words(n), results.value_at(n, index) / 1e9) for n in parts]
        shown = [(w, v) for w, v in shown if v]
        fig.add_bar(y=[w for w, _ in shown], x=[v for _, v in shown], orientation="h",
                    marker_color=colour, showlegend=False, row=1, col=col,
                    text=[fmt_number(v) for _, v in shown], textposition="auto",
                    hovertemplate="%{y}: %{x:,.3f} billion $<extra></extra>")
        fig.update_yaxes(autorange="reversed", row=1, col=col)
        fig.update_xaxes(title_text="billion $ over the period", row=1, col=col)
    fig.update_xaxes(matches="x")  # one scale for both sides
    return styled(fig, "What each side's cost is made of (present value)")


def year_lines(results: Results, names, colours, index: int | None = None, dash=None):
    """A figure of series ``names`` by calendar year, one line each, labelled in words."""
    import plotly.graph_objects as go

    years = series_at(results, "timeline.year", index)
    fig = go.Figure()
    for name, colour in zip(names, colours):
        fig.add_scatter(x=years, y=series_at(results, name, index), mode="lines+markers",
                        name=label(name, result=True), line=dict(color=colour, width=3,
                                                                 dash=dash))
    fig.update_xaxes(title_text="calendar year", tickformat="d",
                     dtick=max(1, math.ceil(len(years) / 10)))
    return fig


def vintage_costs(results: Results, index: int | None = None):
    """Each year's vintage levelised cost per MWh, orbit against the ground, with the
    crossover year marked (or, when there is none, said so)."""
    fig = year_lines(results, ("timeline.space_lcoe", "timeline.ground_lcoe"), (SPACE, GROUND),
                     index)
    fig.update_yaxes(title_text=f"cost per MWh delivered ({unit_text('USD/MWh')})",
                     rangemode="tozero")
    year = results.value_at("compare.crossover_year", index)
    if math.isfinite(year):
        fig.add_vline(x=year, line=dict(color="#1e8449", dash="dash"))
        fig.add_annotation(x=year, y=1, yref="paper", showarrow=False, xanchor="left",
                           yanchor="bottom", xshift=4,
                           text=f"orbit matches the ground from {fmt_value('x_year', year)}",
                           font=dict(color="#1e8449"), bgcolor="rgba(255,255,255,0.85)")
    else:
        fig.add_annotation(x=0.5, y=1, xref="paper", yref="paper", showarrow=False,
                           yanchor="bottom",
                           text="no crossover within the horizon", font=dict(color="#922b21"),
                           bgcolor="rgba(255,255,255,0.85)")
    return styled(fig, "Cost per MWh of each year's vintage: when orbit matches the ground")


def race_lines(results: Results, index: int | None = None):
    """IT power the ground can add a year (the least of its power build and its chips)
    against what orbit adds (launched mass × kW/t)."""
    fig = year_lines(results, ("race.ground_added", "race.space_added"), (GROUND, SPACE), index)
    fig.update_yaxes(title_text="IT power added a year (GW/yr)", rangemode="tozero")
    return styled(fig, "The race: IT power Earth's power build adds a year against orbit's")


def buildout_lines(results: Results, index: int | None = None):
    """The fleet in service by year and the net power it adds a year."""
    fig = year_lines(results, ("buildout.installed_power", "buildout.net_power_added"),
                     (SPACE, "#d35400"), index)
    fig.update_yaxes(title_text="fleet in service (GW) and net power added (GW/yr)",
                     rangemode="tozero")
    return styled(fig, "The buildout: orbit's fleet year by year")


#: The report's charts, in the order it shows them.
CHARTS = (cost_parts, vintage_costs, race_lines, buildout_lines)
