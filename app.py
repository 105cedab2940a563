"""orbital's web page: ``python3 tasks.py app`` (or ``streamlit run app.py``).

Layout only: the numbers come from orbital.evaluate, the state rules from orbital.ui.state and
the figures from orbital.ui.charts. Widget keys are parameter names.
"""
from __future__ import annotations

import streamlit as st

from orbital.cli.output import fmt_number, results_csv
from orbital.compare.solvers import explain
from orbital.core.errors import InputError
from orbital.model.labels import label
from orbital.model import catalogue
from orbital.model.evaluate import evaluate
from orbital.reports.claims import claim_check
from orbital.sets.loading import load
from orbital.ui import charts
from orbital.ui import data as D
from orbital.ui import state as S
from orbital.ui import widgets as W

st.set_page_config(page_title="orbital: compute in orbit, checked", layout="wide")
ss = st.session_state
SPECS = catalogue.parameters()
RSPECS = catalogue.results()


@st.cache_data(show_spinner=False)
def preset_list() -> list[tuple[str, str]]:
    return S.presets()


@st.cache_resource(show_spinner=False)
def preset_set(name: str):
    return load(name)


@st.cache_data(show_spinner=False, max_entries=512)
def run(base_key: str, changes: tuple) -> dict:
    """Evaluate the base set with the widget changes; plain data for the page (cached)."""
    res = evaluate(current_set(base_key, changes))
    return {"years": res.years.tolist(), "results": res.to_dict(), **res.notes()}


def results_csv_of(base_key: str, changes: tuple) -> str:
    return results_csv(evaluate(current_set(base_key, changes)))


def current_set(base_key: str, changes: tuple):
    base = ss[S.BASE_KEY] if base_key.startswith("upload:") else preset_set(base_key)
    return S.apply(base, dict(changes))


@st.cache_data(show_spinner=False, max_entries=256)
def run_curve(base_key: str, changes: tuple) -> dict:
    return D.ratio_curve(current_set(base_key, changes))


@st.cache_data(show_spinner=False, max_entries=256)
def run_sun(base_key: str, changes: tuple) -> dict:
    return D.sunlight_year(current_set(base_key, changes))


@st.cache_data(show_spinner=False, max_entries=256)
def run_claims(base_key: str, changes: tuple) -> list[dict]:
    aset = current_set(base_key, changes)
    return [dict(r.__dict__, gap=r.gap) for r in claim_check(aset, today=preset_set("default"))]


@st.cache_data(show_spinner=False, max_entries=64)
def run_tornado(base_key: str, changes: tuple, result: str):
    from orbital.analysis import tornado
    from orbital.analysis.charts import tornado_figure

    df = tornado(current_set(base_key, changes), result)
    return df.to_dict("records"), tornado_figure(df)


@st.cache_data(show_spinner=False, max_entries=64)
def run_mc(base_key: str, changes: tuple, result: str, n: int, seed: int):
    from orbital.analysis import monte_carlo
    from orbital.analysis.charts import mc_figure

    df = monte_carlo(current_set(base_key, changes), [result], n=n, seed=seed)
    return (df.reset_index(names="statistic").to_dict("records"), mc_figure(df),
            df.attrs.get("p_space_beats_ground"), df.attrs.get("params", []),
            df.attrs.get("off_centre", []), df.loc["P50"].iloc[0],
            next(iter(df.attrs.get("point", {}).values()), None))


def base_key() -> str:
    base = ss[S.BASE_KEY]
    return f"upload:{ss[S.UPLOAD_ID_KEY]}" if ss.get(S.UPLOAD_ID_KEY) else base.name


# ------------------------------------------------------------------ state, once per session
if S.INIT_KEY not in ss:
    preset, url_changes, url_errors = S.parse_query(dict(st.query_params))
    ss[S.PRESET_KEY] = preset
    ss[S.BASE_KEY] = preset_set(preset)
    S.reset_widgets(ss, ss[S.BASE_KEY])
    for name, value in url_changes.items():
        ss[name] = value
    ss[S.ERRORS_KEY] = url_errors
    ss[S.UPLOAD_ID_KEY] = None
    ss[S.INIT_KEY] = True
else:
    # Widgets render only on the open tab/expander; re-assigning their values keeps Streamlit
    # from discarding the state of widgets that are not drawn in this run.
    for _name in SPECS.names():
        if _name in ss:
            ss[_name] = ss[_name]


def on_preset_change():
    ss[S.BASE_KEY] = preset_set(ss[S.PRESET_KEY])
    ss[S.UPLOAD_ID_KEY] = None
    ss[S.ERRORS_KEY] = []
    S.reset_widgets(ss, ss[S.BASE_KEY])


def on_reset():
    S.reset_widgets(ss, ss[S.BASE_KEY])


def on_upload():
    f = ss.get("upload")
    if f is None:
        return
    data = f.getvalue()
    try:
        aset = S.load_upload(data, f.name)
        evaluate(aset)  # a set the model refuses (e.g. no such orbit) is refused here
    except InputError as exc:
        ss[S.ERRORS_KEY] = [f"Upload refused, the page keeps its previous state: {exc}"]
        return
    ss[S.BASE_KEY] = aset
    ss[S.UPLOAD_ID_KEY] = S.upload_id(data)
    ss[S.ERRORS_KEY] = []
    S.reset_widgets(ss, aset)


def widget(name: str, headline: bool = False):
    W.widget(ss[S.BASE_KEY], ss, name, UNUSED, headline)


current, changes, bad = S.checked(ss[S.BASE_KEY], S.overrides(ss, ss[S.BASE_KEY]))
errors = list(ss.get(S.ERRORS_KEY, [])) + bad
key = (base_key(), tuple(sorted(changes.items())))
try:
    data = run(*key)
except InputError as exc:  # values each in range that the model refuses together
    errors.append(f"{exc} (the page shows '{ss[S.BASE_KEY].name}' without the changes)")
    current, changes, key = ss[S.BASE_KEY], {}, (base_key(), ())
    data = run(*key)

st.query_params.from_dict(S.query_from(ss[S.PRESET_KEY], changes)
                          if not ss.get(S.UPLOAD_ID_KEY) else {})

for msg in errors:
    st.error(S.markdown_text(msg))

UNUSED = {u["name"]: u["reason"] for u in data["unused"]}
AFFECTED = {name: b["message"] for b in data["binding"] for name in b["affects"]}


def value(name: str) -> float:
    return data["results"][name]["value"]


def metric(col, name: str, scale: float = 1.0, unit: str | None = None):
    W.metric(col, data, name, AFFECTED, scale, unit)


# ------------------------------------------------------------------ headline metrics
#: (result, scale, display unit) in rows of four; labels come from orbital.model.labels.
HEADLINE_METRICS = (
    (("buildout.power_added_per_year", 1, None), ("launch.spend_per_year", 1e-9, "billion USD/yr"),
     ("launch.flights_per_year", 1, None), ("launch.initial_price_per_kg", 1, None)),
    (("space.cost_per_watt", 1, None), ("ground.cost_per_watt", 1, None),
     ("space.lcoe", 1, None), ("ground.lcoe", 1, None)),
    (("compare.cost_ratio", 1, None), ("compare.breakeven_price_per_kg", 1, None),
     ("buildout.steady_state_power", 1, None), ("lunar.delivered_price_per_kg", 1, None)),
    (("compare.crossover_year", 1, "calendar year"), ("compare.capacity_year", 1, "calendar year"),
     ("ground.capacity_year", 1, "calendar year")),
)
st.subheader(ss[S.BASE_KEY].name)
st.caption(ss[S.BASE_KEY].description)
st.html(W.METRIC_CSS)
for row in HEADLINE_METRICS:
    for col, (name, scale, unit) in zip(st.columns(4), row):
        metric(col, name, scale, unit)
status = value("compare.breakeven_status")
if status:

    st.caption(f"Break-even launch price: {explain(status)}.")



def show_compare():
    st.plotly_chart(charts.cost_breakdown(data), key="chart_breakdown")
    st.plotly_chart(charts.ratio_curve(run_curve(*key)), key="chart_ratio")


def show_buildout():
    st.plotly_chart(charts.buildout(data), key="chart_buildout")
    st.plotly_chart(charts.mass_ledger(data), key="chart_ledger")


def show_launch():
    st.plotly_chart(charts.launch_terms(data), key="chart_launch")


def show_timeline():
    st.caption("Each year's vintage is levelised over its own life at that year's launch price "
               "(on the learning curve) and hardware price; the crossover is the first year "
               "from which orbit stays at or below the ground. Set finance.analysis_period to "
               "lengthen the horizon.")
    st.plotly_chart(charts.timeline(data), key="chart_timeline")
    need = value("compare.price_needed_by_target_year")
    code = int(value("compare.target_year_status"))
    target = int(S.widget_value(current, "timeline.target_year"))
    st.caption(f"To win by {target}: a launch price to LEO of "
               + (f"{fmt_number(need)} USD/kg." if code == 0 else f"— {explain(code)}."))


def show_power():
    st.caption("Earth's side of the race: the grid and storage claim at the level it is made, "
               "the ground site's power supply in engineering terms, and what the region's "
               "power build can run each year against what orbit adds.")
    c = st.columns(4)
    metric(c[0], "grid.output_ratio")
    metric(c[1], "grid.compute_power")
    metric(c[2], "grid.storage_energy")
    metric(c[3], "grid.capacity_to_double")
    c = st.columns(4)
    metric(c[0], "ground.turbine_count")
    metric(c[1], "ground.gas_volume")
    metric(c[2], "race.ground_compute_added")
    metric(c[3], "race.chips_idle")
    st.plotly_chart(charts.race(data), key="chart_race")


def show_lunar():
    st.plotly_chart(charts.earth_vs_moon(data), key="chart_moon")
    st.plotly_chart(charts.lunar_cost_breakdown(data), key="chart_lunar_cost")


def show_orbit():
    sun = run_sun(*key)
    cols = st.columns(3)
    cols[0].metric(label("orbit.sunlit_fraction", result=True), fmt_number(sun["sunlit_fraction"]))
    cols[1].metric(label("orbit.eclipse_days", result=True), fmt_number(sun["eclipse_days"]))
    cols[2].metric(label("orbit.longest_eclipse", result=True), fmt_number(sun["longest_eclipse_min"]))
    st.plotly_chart(charts.sunlight(sun), key="chart_sun")
    in_use = ss.get("power.model") == "bottom_up"
    st.caption("The roll-up below " + ("sets power.specific_power (power.model = 'bottom_up')."
               if in_use else "is shown for reference; power.specific_power is given "
               "(set power.model = 'bottom_up' to use it)."))
    metric(st, "spacecraft.specific_power")
    st.plotly_chart(charts.mass_breakdown(data), key="chart_mass")


def show_claims():
    st.caption("What must be true for this set's headline figures, against today's sourced "
               "values (the 'default' set). Gap = needed ÷ today.")
    rows = run_claims(*key)

    def cell(text) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    lines = ["| quantity | needed | today | unit | gap | why | today's source |",
             "|---|---:|---:|---|---|---|---|"]
    for r in rows:
        needed = "none" if r["needed"] != r["needed"] else fmt_number(r["needed"])
        lines.append("| " + " | ".join(cell(x) for x in (
            r["quantity"], needed, fmt_number(r["today"]), r["unit"], r["gap"], r["why"],
            r["today_source"])) + " |")
    # a plain table: the first view needs no data-grid or chart library, so it draws fast
    st.markdown("\n".join(lines))


def show_assumptions():
    st.caption("Every parameter, grouped by section. Hover a label for its source and "
               "confidence. Values are in the unit shown.")
    headline_names = set(S.headline(ss.get("ground.power_source", "grid")))
    for section, title in catalogue.SECTIONS.items():
        group = [p.name for p in SPECS if p.section == section and p.name not in headline_names]
        if not group:
            continue
        # the label stays the same when a value changes: a new label would be a new expander,
        # drawn closed (the count of changes is written inside, and in the sidebar)
        box = st.expander(title, key=f"_exp_{section}", on_change="rerun")
        if box.open:  # lazy: only an open section's widgets run
            with box:
                n_changed = sum(1 for n in group if n in changes)
                if n_changed:
                    st.caption(f"{n_changed} changed in this section.")
                for name in group:
                    widget(name)


SENSITIVITY_RESULTS = ["compare.cost_ratio", "space.lcoe", "ground.lcoe",
                       "compare.breakeven_price_per_kg", "buildout.final_installed_power",
                       "buildout.total_launch_spend", "lunar.delivered_price_per_kg"]


def show_sensitivity():
    result = st.selectbox("Result to analyse", [r for r in SENSITIVITY_RESULTS if r in RSPECS],
                          key="_sens_result",
                          format_func=lambda r: label(r, result=True))
    st.caption("Every parameter with an uncertainty distribution in the set is varied: the "
               "tornado moves each from its low to its high (the distribution's support, or "
               "P5–P95 for normal and lognormal); the Monte Carlo draws all of them at once.")
    records, fig = run_tornado(*key, result)
    st.plotly_chart(fig, key="chart_tornado")
    c = st.columns([1, 1, 2])
    n = c[0].select_slider("Monte Carlo draws", [1_000, 10_000, 100_000], value=10_000,
                           key="_mc_n", format_func=fmt_number)
    seed = int(c[1].number_input("Seed", min_value=0, value=1, step=1, key="_mc_seed"))
    rows, fig, p_win, params, off, p50, point = run_mc(*key, result, int(n), seed)
    if p_win is not None and p_win == p_win:
        c[2].metric("Chance orbit is cheaper", fmt_number(p_win),
                    help="Share of draws with compare.cost_ratio < 1.")
    st.plotly_chart(fig, key="chart_mc")
    st.caption(W.centre_text(result, point, p50, off))
    st.dataframe(rows, hide_index=True, key="mc_table")
    st.caption(f"{len(params)} parameters drawn: " + ", ".join(params))


# Lazy tabs: only the open tab's content runs (on_change="rerun"), keeping a slider's rerun fast.
# The claim check comes first: it is the question users bring ("what must be true?"), and the
# first view then needs no chart library (plotly's bundle is ~4.7 MB), so the page draws fast.
TABS = [("Claim check", show_claims), ("Space vs ground", show_compare),
        ("Timeline", show_timeline), ("Buildout", show_buildout), ("Launch", show_launch),
        ("Power on Earth", show_power), ("Lunar mass driver", show_lunar), ("Orbit and mass", show_orbit),
        ("Sensitivity", show_sensitivity), ("All assumptions", show_assumptions)]
for tab, (_, show) in zip(st.tabs([t for t, _ in TABS], key="_tab", on_change="rerun"), TABS):
    if tab.open:
        with tab:
            show()


# ------------------------------------------------------------------ sidebar
# Drawn after the main area: widget values are already in session state, and sending the
# metrics and the first chart first lets the browser start loading the chart library sooner.
def sidebar_top():
    names = [n for n, _ in preset_list()]
    descriptions = dict(preset_list())
    with st.sidebar:
        st.title("orbital")
        st.caption("A unit-safe calculator for orbital data centres and launch economics.")
        st.selectbox("Assumption set", names, key=S.PRESET_KEY, on_change=on_preset_change,
                     format_func=lambda n: f"{n}: {descriptions.get(n, '')[:70]}",
                     help="Every shipped file in assumptions/. Changing it resets every widget.")
        if ss.get(S.UPLOAD_ID_KEY):
            st.info(f"Using the uploaded set '{S.markdown_text(ss[S.BASE_KEY].name)}'. "
                    "Pick a preset to leave it.")
        st.subheader("Headline assumptions")
        for name in S.headline(ss.get("ground.power_source", "grid")):
            widget(name, headline=True)


def sidebar_share():
    with st.sidebar:
        if changes:
            st.warning(f"{len(changes)} value(s) differ from "
                       f"'{S.markdown_text(ss[S.BASE_KEY].name)}': "
                       + S.markdown_text(", ".join(changes)))
            st.button("Reset to the preset", on_click=on_reset, key="_reset")
        else:
            st.caption(f"All values as in '{ss[S.BASE_KEY].name}'.")
        st.subheader("Share")
        # downloads are built only when clicked (deferred callables)
        st.download_button("Assumption set (TOML)", current.to_toml,
                           file_name=f"{current.name}.toml", mime="application/toml",
                           key="_dl_toml")
        st.download_button("Assumption set (JSON)", current.to_json,
                           file_name=f"{current.name}.json", mime="application/json",
                           key="_dl_json")
        st.download_button("Results (CSV)", lambda: results_csv_of(*key),
                           file_name=f"{current.name}-results.csv", mime="text/csv", key="_dl_csv")
        st.file_uploader("Load an assumption set (TOML or JSON, ≤ 1 MB)", type=["toml", "json"],
                         key="upload", on_change=on_upload)
        if ss.get(S.UPLOAD_ID_KEY):
            st.caption("The URL cannot carry an uploaded set: to share it, send the file "
                       "(download it above). A preset and its changed values can be linked.")
        else:
            st.caption("The page's URL carries the preset and every changed value: copy it to "
                       "share. The URL cannot carry an uploaded file.")


sidebar_top()
sidebar_share()
