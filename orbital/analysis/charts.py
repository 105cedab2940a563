"""Plotly figures of the analysis tables (no formulas here: they only draw the tables)."""
from __future__ import annotations

import numpy as np

from ..core.numbers import fmt_number
from ..model import catalogue
from ..model.labels import label, value_text, words
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


#: A swing below this share of the largest (or of the base) moves nothing a reader can see.
NO_EFFECT = 1e-6


def tornado_figure(df, max_rows: int = 25):
    """Horizontal bars from the result at each parameter's low to its high, biggest on top:
    only the parameters that move the result (at most ``max_rows``), each labelled in words
    with the input's value written at each end of its bar; the title says how many were left
    out."""
    import plotly.graph_objects as go

    r, unit, base = df.attrs["result"], df.attrs["unit"], df.attrs["base"]
    swing = df[f"swing [{unit}]"].to_numpy()
    tol = NO_EFFECT * max(float(np.nanmax(swing, initial=0.0)), abs(base))
    moving = df[swing > tol].head(max_rows)
    n_flat = int((swing <= tol).sum())
    n_cut = int((swing > tol).sum()) - len(moving)
    lo = moving[f"{r} at low [{unit}]"].to_numpy() - base
    hi = moving[f"{r} at high [{unit}]"].to_numpy() - base
    names = moving["parameter"].tolist()
    ylabels = [words(n) for n in names]
    units = [catalogue.parameters()[n].unit for n in names]
    fig = go.Figure()
    for x, side, colour in ((lo, "low", "#2e86c1"), (hi, "high", "#e67e22")):
        fig.add_trace(go.Bar(
            y=ylabels, x=x, base=base, orientation="h", name=f"input at its {side}",
            marker_color=colour, customdata=names,
            hovertemplate="%{customdata} at its " + side + ": %{x:.4g}<extra></extra>"))
    # the input's value written at each end of its bar; both on one side: both at that end
    for y, a, b, vlo, vhi, u in zip(ylabels, lo, hi, moving["low"], moving["high"], units):
        ends = {"left": [], "right": []}
        for x, v, side in ((a, vlo, "low"), (b, vhi, "high")):
            ends["left" if x < 0 else "right"].append(f"{side} {value_text(v, u)}")
        for where, texts in ends.items():
            if texts:
                x = base + (min(a, b, 0.0) if where == "left" else max(a, b, 0.0))
                fig.add_annotation(x=x, y=y, text=", ".join(texts), showarrow=False,
                                   xanchor="right" if where == "left" else "left",
                                   xshift=-4 if where == "left" else 4, font={"size": 11})
    span = max(float(np.nanmax(np.abs(np.r_[lo, hi]), initial=0.0)), abs(base) * 1e-3, 1e-300)
    xrange = [base + min(0.0, float(np.nanmin(np.r_[lo, hi]))) - 0.45 * span,
              base + max(0.0, float(np.nanmax(np.r_[lo, hi]))) + 0.45 * span]
    left = []
    if n_flat:
        left.append(f"{n_flat} with no effect")
    if n_cut:
        left.append(f"{n_cut} smaller")
    note = f" ({', '.join(left)} left out)" if left else ""
    rl = label(r, result=True)
    fig.update_layout(
        barmode="overlay", height=160 + 34 * max(1, len(moving)),
        title=f"What moves {rl}: {len(moving)} of {len(df)} inputs{note}",
        yaxis={"autorange": "reversed", "tickmode": "array", "tickvals": ylabels,
               "automargin": True},
        xaxis={"title": f"{rl}, this set's value {fmt_number(base)}", "range": xrange},
        margin={"l": 10, "r": 10},
        legend={"orientation": "h", "y": -0.12 if len(moving) > 3 else -0.4})
    fig.add_vline(x=base, line={"color": "#2c3e50", "width": 1})
    return fig


def mc_figure(df):
    """Histogram of the first result of a Monte Carlo, with P10/P50/P90 dashed and labelled at
    their lines, the set's own value (the point estimate) dotted, and an x range that holds
    all but the outer 0.5 % of draws on each side."""
    import plotly.graph_objects as go

    col = df.columns[0]
    counts, edges = df.attrs["histograms"][col]
    log = edges[0] > 0 and edges[-1] / edges[0] > 30
    mids = np.sqrt(edges[:-1] * edges[1:]) if log else (edges[:-1] + edges[1:]) / 2
    share = counts / max(1, counts.sum())
    fig = go.Figure(go.Bar(x=mids, y=share, width=np.diff(edges), name="share of draws",
                           marker_color="#7fb3d5"))
    name = col.rsplit(" [", 1)[0]
    rl = label(name, result=True) if name in catalogue.results() else col
    cum = np.cumsum(share)
    lo = edges[int(np.searchsorted(cum, 0.005))]
    hi = edges[min(len(edges) - 1, int(np.searchsorted(cum, 0.995)) + 1)]
    marks = [(q, float(df.loc[q, col]), "dash", "#1f4e79") for q in ("P10", "P50", "P90")]
    point = df.attrs.get("point", {}).get(col)
    if point is not None and point == point:
        marks.append(("this set's value", float(point), "dot", "#c0392b"))
        lo, hi = min(lo, point), max(hi, point)
    ys = (1.0, 0.92, 1.0, 0.84)  # neighbours alternate heights so their labels do not collide
    for (text, x, dash, colour), y in zip(marks, ys):
        fig.add_vline(x=x, line_dash=dash, line_color=colour)
        # an annotation's x on a log axis is log10 of the value (a shape's is the value)
        fig.add_annotation(x=np.log10(x) if log else x, y=y, yref="paper", showarrow=False,
                           text=f"{text} {fmt_number(x)}", xanchor="left", yanchor="bottom",
                           font={"color": colour}, bgcolor="rgba(255,255,255,0.8)")
    pad = (np.log10(hi) - np.log10(lo)) * 0.05 if log else (hi - lo) * 0.05
    rng = ([np.log10(lo) - pad, np.log10(hi) + pad] if log else [lo - pad, hi + pad])
    fig.update_layout(title=f"Monte Carlo: {rl} ({df.attrs['n']:,} draws)", xaxis_title=rl,
                      yaxis_title="share of draws", margin={"t": 110},
                      xaxis={"type": "log" if log else "linear", "range": rng})
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
