"""Plotly figures of the analysis tables (no formulas here: they only draw the tables)."""
from __future__ import annotations

import numpy as np

from .common import param_column, result_column
from .sweep import pivot


def sweep_figure(df, result: str):
    """A line (1-D sweep) or a heat map (2-D sweep) of ``result``."""
    import plotly.graph_objects as go

    x, y = df.attrs["x"], df.attrs.get("y")
    rcol = result_column(result)
    if y:
        grid = pivot(df, result)
        fig = go.Figure(go.Heatmap(x=grid.columns.to_numpy(), y=grid.index.to_numpy(),
                                   z=grid.to_numpy(), colorbar={"title": rcol}))
        if result == "compare.cost_ratio":  # where orbit and ground cost the same
            fig.add_trace(go.Contour(x=grid.columns.to_numpy(), y=grid.index.to_numpy(),
                                     z=grid.to_numpy(), contours={"start": 1, "end": 1,
                                                                  "coloring": "none"},
                                     line={"width": 2}, showscale=False, name="ratio = 1"))
        fig.update_layout(xaxis_title=param_column(x), yaxis_title=param_column(y))
    else:
        fig = go.Figure(go.Scatter(x=df[param_column(x)], y=df[rcol], mode="lines+markers"))
        fig.update_layout(xaxis_title=param_column(x), yaxis_title=rcol)
    _log_axes(fig, df, x, y)
    fig.update_layout(title=f"{result} over {x}" + (f" × {y}" if y else ""))
    return fig


def _log_axes(fig, df, x, y):
    for axis, name in (("xaxis", x), ("yaxis", y)):
        if not name:
            continue
        v = np.unique(df[param_column(name)].to_numpy())
        if v.size > 2 and v[0] > 0 and np.allclose(np.diff(np.log(v)), np.log(v[1] / v[0])) \
                and not np.allclose(np.diff(v), v[1] - v[0]):
            fig.update_layout(**{axis: {"type": "log"}})


def tornado_figure(df):
    """Horizontal bars from the result at each parameter's low to its high, biggest on top."""
    import plotly.graph_objects as go

    r, unit, base = df.attrs["result"], df.attrs["unit"], df.attrs["base"]
    lo = df[f"{r} at low [{unit}]"].to_numpy() - base
    hi = df[f"{r} at high [{unit}]"].to_numpy() - base
    labels = df["parameter"].tolist()
    fig = go.Figure()
    fig.add_trace(go.Bar(y=labels, x=lo, base=base, orientation="h", name="parameter at low"))
    fig.add_trace(go.Bar(y=labels, x=hi, base=base, orientation="h", name="parameter at high"))
    fig.update_layout(barmode="overlay", title=f"Tornado: {r} [{unit}] (base {base:.4g})",
                      yaxis={"autorange": "reversed"}, xaxis_title=f"{r} [{unit}]")
    return fig


def mc_figure(df):
    """Histogram of the first result from the Monte Carlo sketch, with P10/P50/P90 lines."""
    import plotly.graph_objects as go

    col = df.columns[0]
    counts, edges = df.attrs["histograms"][col]
    mids = np.sqrt(edges[:-1] * edges[1:]) if edges[0] > 0 else (edges[:-1] + edges[1:]) / 2
    fig = go.Figure(go.Bar(x=mids, y=counts / max(1, counts.sum()), width=np.diff(edges),
                           name="share of draws"))
    for q in ("P10", "P50", "P90"):
        fig.add_vline(x=float(df.loc[q, col]), line_dash="dash", annotation_text=q)
    fig.update_layout(title=f"Monte Carlo: {col} ({df.attrs['n']:,} draws)", xaxis_title=col,
                      yaxis_title="share of draws", xaxis={"type": "log"} if edges[0] > 0 else {})
    return fig


def sobol_figure(df):
    """First-order and total indices with their confidence intervals."""
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_trace(go.Bar(x=df["parameter"], y=df["S1 [1]"], name="first order S1",
                         error_y={"type": "data", "array": df["S1_conf [1]"]}))
    fig.add_trace(go.Bar(x=df["parameter"], y=df["ST [1]"], name="total ST",
                         error_y={"type": "data", "array": df["ST_conf [1]"]}))
    fig.update_layout(barmode="group", title=f"Sobol' indices of {df.attrs.get('result', '')}",
                      yaxis_title="index [1]")
    return fig
