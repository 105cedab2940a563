"""The page's controls and metrics, labelled in words from :mod:`orbital.model.labels`.

Widget keys stay the dotted parameter names (the URL and the session use them); the label
says the name in words with its unit and the help shows the dotted name for scripting.
"""
from __future__ import annotations

import streamlit as st

from ..core.numbers import fmt_number
from ..model import catalogue
from ..model.labels import label
from . import charts
from . import schedules as SCH
from . import state as S

#: Shown in a typed box: enough digits for 1,000,000 t/yr or 0.0125 without an exponent.
NUMBER_FORMAT = "%.10g"


def help_text(aset, name: str, extra: str = "") -> str:
    """The doc, the dotted name, the source, confidence and note of ``name`` in ``aset``."""
    a = aset[name]
    spec = catalogue.parameters()[name]
    parts = ([extra] if extra else []) + [
        spec.doc, f"Name (for files, --set and URLs): {S.markdown_text(name)}",
        f"Source: {S.markdown_text(a.source)}"]
    if a.confidence:
        parts.append(f"Confidence: {a.confidence}")
    if a.note:
        parts.append(f"Note: {S.markdown_text(a.note)}")
    return "  \n".join(parts)


def headline_step(name: str, value: float) -> float | None:
    """The +/- step of a headline box: a round tenth of the value (integers step by 1)."""
    spec = catalogue.parameters()[name]
    if spec.integer or name in ("finance.analysis_period", "timeline.target_year",
                                "timeline.start_year"):
        return 1.0
    if value <= 0:
        return None
    return float(f"{value / 10:.1g}")


def widget(aset, state, name: str, unused: dict, headline: bool = False):
    """One parameter's control: a selectbox for a choice, else a box that takes a typed value
    within the parameter's own range (never a slider's narrower one); disabled, with the
    reason, when the chosen models ignore it."""
    spec = catalogue.parameters()[name]
    base_value = S.widget_value(aset, name)
    why = unused.get(name)
    if not why and (aset[name].schedule or state.get(SCH.key(name))):
        why = "Set by its schedule, year by year: edit it on the Timeline tab."
    if why:
        st.text_input(label(name), value=fmt_number(base_value) if spec.kind != "choice"
                      else str(base_value), disabled=True, key=f"_unused_{name}",
                      help=help_text(aset, name, why))
        return
    if spec.kind == "choice":
        st.selectbox(label(name), spec.options, key=name, help=help_text(aset, name))
        return
    now = float(state.get(name, base_value))
    # a value a hair outside after conversion (31,557,599.9999 s is 0.99999999 yr) stays
    # inside the box's bounds, which streamlit refuses otherwise
    kwargs = {}
    if spec.low is not None and not spec.low_open:
        kwargs["min_value"] = min(float(spec.low), now, float(base_value))
    if spec.high is not None and not spec.high_open:
        kwargs["max_value"] = max(float(spec.high), now, float(base_value))
    step = headline_step(name, now) if headline else None
    if step is None and spec.integer:
        step = 1.0
    st.number_input(label(name), key=name, format=NUMBER_FORMAT, step=step,
                    help=help_text(aset, name), **kwargs)


def shown_value(v: float, unit: str | None = None, scale: float = 1.0) -> str:
    """A metric's text: ``none`` for no solution, ``never`` for infinity, a year as a year."""
    if v is None or v != v:
        return "none"
    if v == float("inf"):
        return "never"
    return f"{v:.0f}" if unit == "calendar year" else fmt_number(v * scale)


def metric(col, data: dict, name: str, affected: dict, scale: float = 1.0,
           unit: str | None = None, words: str | None = None):
    """A result as a metric labelled in words with its unit, and the banner of a binding
    limit that shapes it beside it."""
    v = data["results"][name]["value"]
    title = label(name, unit, result=True) if words is None else words
    limit = affected.get(name)
    spec = catalogue.results()[name]
    col.metric(title, shown_value(v, unit, scale),
               help=spec.doc + f"  \nName: {S.markdown_text(name)}"
               + (f"  \nLimited: {limit}" if limit else ""))
    if limit:
        col.warning(f"Limited: {limit}", icon="⚠️")


#: Let a metric's label wrap instead of being cut with an ellipsis; captions in a colour of
#: at least 4.5:1 on both backgrounds (Streamlit draws them at 60 % opacity: 3.9:1 on the grey
#: sidebar).
METRIC_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #4a4c57 !important; }
</style>"""


def centre_text(result: str, point, p50, off: list[dict]) -> str:
    """Why the Monte Carlo's middle (P50) is not the set's own value: the inputs whose value is
    not their distribution's centre, those outside it first."""
    if point is None:
        return ""
    text = (f"This set's value of {label(result, result=True)} is {fmt_number(point)}; the "
            f"middle of the draws (P50) is {fmt_number(p50)}. ")
    if not off:
        return text + "Every drawn input sits at its distribution's centre."
    off = sorted(off, key=lambda f: f["inside"])
    parts = []
    for f in off[:8]:
        u = catalogue.parameters()[f["parameter"]].unit
        where = "outside its range" if not f["inside"] else "off its centre"
        parts.append(f"{label(f['parameter'])}: value {fmt_number(f['value'])}, drawn "
                     f"{fmt_number(f['low'])}–{fmt_number(f['high'])} around "
                     f"{fmt_number(f['median'])} ({where})")
    more = f"; and {len(off) - 8} more" if len(off) > 8 else ""
    flag = sum(not f["inside"] for f in off)
    return (text + "They differ because the draws are centred elsewhere for "
            f"{len(off)} input(s)" + (f", {flag} of whose distributions do not contain the "
                                      "value" if flag else "")
            + ": " + S.markdown_text("; ".join(parts) + more) + ".")


def chart(fig, key: str):
    """A plotly chart with its own PNG and SVG downloads (drawn on the server only when
    clicked; the chart's camera button gives a PNG too)."""
    name = charts.file_stem(fig, key)
    fig = charts.readable(fig)
    st.plotly_chart(fig, key=key, config={
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}})
    if not charts.can_export():
        return
    row = st.container(horizontal=True)
    for fmt in ("png", "svg"):
        row.download_button(f"Save chart as {fmt.upper()}", lambda f=fmt: charts.image(fig, f),
                            file_name=f"{name}.{fmt}", mime=charts.MIME[fmt], key=f"{key}_{fmt}",
                            help=f"Download '{fig.layout.title.text}' as {fmt.upper()}.")


def schedule_editors(base, current, state, unused: dict):
    """One small table per schedulable parameter (year, value in the parameter's unit) with
    its interpolation beside it; an edit writes the schedule's text into the session."""
    st.subheader("Schedules: per-year inputs")
    st.caption("Each table gives a parameter's value at named years, interpolated between them "
               "(linear, or linear in the logarithm) and held flat outside. Add a row to add a "
               "year; the URL and the exported set carry the schedule.")
    generation = state.get(SCH.GENERATION, 0)
    names = [n for n in SCH.names() if n not in unused]
    for start in range(0, len(names), 3):
        for col, name in zip(st.columns(3), names[start:start + 3]):
            spec = catalogue.parameters()[name]
            rows, interp = SCH.shown(state, base, current, name)
            ek, ik = f"_ed_{name}_{generation}", f"_interp_{name}_{generation}"
            with col:
                st.markdown(f"**{label(name)}**")
                st.data_editor(
                    [{"year": y, "value": v} for y, v in rows], key=ek, num_rows="dynamic",
                    hide_index=True, width="stretch",
                    column_config={
                        "year": st.column_config.NumberColumn("year", min_value=1957,
                                                              max_value=2300, step=1,
                                                              format="%d", required=True),
                        "value": st.column_config.NumberColumn(f"value ({spec.unit})",
                                                               format="%g", required=True)},
                    on_change=on_schedule_edit, args=(state, name, ek, rows, interp, spec.unit))
                st.selectbox(f"Interpolation of {label(name)}", ("linear", "log"),
                             index=("linear", "log").index(interp), key=ik,
                             on_change=on_interpolation, args=(state, name, ik, rows, spec.unit))


def on_schedule_edit(state, name, ek, rows, interp, unit):
    state[SCH.key(name)] = SCH.text_of(SCH.apply_edits(rows, state[ek]), interp, unit)
    state[SCH.GENERATION] = state.get(SCH.GENERATION, 0) + 1


def on_interpolation(state, name, ik, rows, unit):
    state[SCH.key(name)] = SCH.text_of(rows, state[ik], unit)
    state[SCH.GENERATION] = state.get(SCH.GENERATION, 0) + 1
