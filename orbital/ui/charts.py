"""Plotly figures built from plain result data (``Results.to_dict()`` plus ``years``).

No formulas live here: every number plotted is a model result; the functions only arrange them.
Every axis names its unit.
"""
from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

_LAYOUT = dict(margin=dict(l=10, r=10, t=80, b=10), height=400,
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
    fig.update_yaxes(title_text="launch price [USD/kg]", secondary_y=True, type="log")
    fig.update_layout(**_LAYOUT)
    fig.update_layout(title_text="Buildout year by year")
    return fig


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
        "cost per kg launched [USD/kg]", "power added per year [GW/yr]"))
    names = ["Earth (first-year price)", "Moon (mass driver)"]
    fig.add_bar(x=names, y=[_v(data, "launch.initial_price_per_kg"),
                            _v(data, "lunar.cost_per_kg")], marker_color=["#1f4e79", "#7f8c8d"],
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
    parts = [("capital", "lunar.capital_per_kg"), ("operations", "lunar.operations_per_kg"),
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
