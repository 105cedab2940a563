"""orbital's web page: ``python3 tasks.py app`` (or ``streamlit run app.py``).

Layout only: the numbers come from orbital.evaluate, the state rules from orbital.ui.state and
the figures from orbital.ui.charts. Widget keys are parameter names.
"""
from __future__ import annotations

import streamlit as st

from orbital.cli.output import results_csv
from orbital.compare.solvers import explain
from orbital.core.errors import InputError
from orbital.model import catalogue
from orbital.model.evaluate import evaluate
from orbital.reports.claims import claim_check
from orbital.sets.loading import load
from orbital.ui import data as D
from orbital.ui import state as S
from orbital.ui import tabs as T
from orbital.ui import widgets as W

st.set_page_config(page_title="orbital: compute in orbit, checked", layout="wide")
ss = st.session_state
SPECS = catalogue.parameters()


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
    return [r.as_dict() for r in claim_check(aset, today=preset_set("default"))]


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
        S.set_change(ss, name, value)
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
     ("ground.capacity_year", 1, "calendar year"),
     ("compare.budget_capacity_year", 1, "calendar year")),
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

PAGE = T.Page(data=data, key=key, current=current, changes=changes, metric=metric, widget=widget,
              runners={"curve": run_curve, "sun": run_sun, "claims": run_claims,
                       "tornado": run_tornado, "mc": run_mc}, unused=UNUSED)
T.show(PAGE)


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
