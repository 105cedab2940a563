"""The page's tabs: what each tab draws, from the plain results the page computed.

Layout only, like ``app.py``: the numbers come from the model (through the page's cached
runners, handed in with :class:`Page`), the figures from :mod:`orbital.ui.charts`.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

import streamlit as st

from ..compare.solvers import explain
from ..core.numbers import fmt_number
from ..model import catalogue
from ..model.labels import label
from ..sets.values import recentred_names
from . import charts
from . import state as S
from . import widgets as W


@dataclasses.dataclass
class Page:
    """What the tabs read: this run's results and set, and the page's cached runners."""

    data: dict
    key: tuple
    current: object  # the AssumptionSet shown
    changes: dict
    metric: Callable
    widget: Callable
    runners: dict  # name -> cached function of (*key, ...)
    unused: dict  # parameters the chosen models ignore -> why

    def value(self, name: str):
        return self.data["results"][name]["value"]

    def run(self, name: str, *args):
        return self.runners[name](*self.key, *args)


def show_compare(p: Page):
    W.chart(charts.cost_breakdown(p.data), "chart_breakdown")
    W.chart(charts.ratio_curve(p.run("curve")), "chart_ratio")


def show_buildout(p: Page):
    W.chart(charts.buildout(p.data), "chart_buildout")
    W.chart(charts.mass_ledger(p.data), "chart_ledger")


def show_launch(p: Page):
    W.chart(charts.launch_terms(p.data), "chart_launch")


def show_timeline(p: Page):
    st.caption("Each year's vintage is levelised over its own life at that year's launch price "
               "(on the learning curve) and hardware price; the crossover is the first year "
               "from which orbit stays at or below the ground. Set finance.analysis_period to "
               "lengthen the horizon.")
    W.chart(charts.timeline(p.data), "chart_timeline")
    W.chart(charts.programme(p.data), "chart_programme")
    need = p.value("compare.price_needed_by_target_year")
    code = int(p.value("compare.target_year_status"))
    target = int(S.widget_value(p.current, "timeline.target_year"))
    st.caption(f"To win by {target}: a launch price to LEO of "
               + (f"{fmt_number(need)} USD/kg." if code == 0 else f"— {explain(code)}."))
    W.schedule_editors(st.session_state[S.BASE_KEY], p.current, st.session_state, p.unused)


def show_power(p: Page):
    st.caption("Earth's side of the race: the grid and storage claim at the level it is made, "
               "the ground site's power supply in engineering terms, and what the region's "
               "power build can run each year against what orbit adds.")
    for names in (("grid.output_ratio", "grid.compute_power", "grid.storage_energy",
                   "grid.capacity_to_double"),
                  ("ground.turbine_count", "ground.gas_volume", "race.ground_compute_added",
                   "race.chips_idle"),
                  ("race.solar_firm_power", "race.night_storage_needed", "race.gas_built",
                   "race.power_limited_compute")):
        for col, name in zip(st.columns(4), names):
            p.metric(col, name)
    W.chart(charts.race(p.data), "chart_race")


def show_lunar(p: Page):
    W.chart(charts.earth_vs_moon(p.data), "chart_moon")
    W.chart(charts.lunar_cost_breakdown(p.data), "chart_lunar_cost")


def show_orbit(p: Page):
    sun = p.run("sun")
    cols = st.columns(3)
    cols[0].metric(label("orbit.sunlit_fraction", result=True), fmt_number(sun["sunlit_fraction"]))
    cols[1].metric(label("orbit.eclipse_days", result=True), fmt_number(sun["eclipse_days"]))
    cols[2].metric(label("orbit.longest_eclipse", result=True),
                   fmt_number(sun["longest_eclipse_min"]))
    W.chart(charts.sunlight(sun), "chart_sun")
    in_use = st.session_state.get("power.model") == "bottom_up"
    st.caption("The roll-up below " + ("sets power.specific_power (power.model = 'bottom_up')."
               if in_use else "is shown for reference; power.specific_power is given "
               "(set power.model = 'bottom_up' to use it)."))
    p.metric(st, "spacecraft.specific_power")
    W.chart(charts.mass_breakdown(p.data), "chart_mass")


def show_claims(p: Page):
    st.caption("What must be true for this set's headline figures, against today's sourced "
               "values (the 'default' set). Gap = needed ÷ today.")
    rows = p.run("claims")

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


def show_assumptions(p: Page):
    st.caption("Every parameter, grouped by section. Hover a label for its source and "
               "confidence. Values are in the unit shown.")
    specs = catalogue.parameters()
    headline_names = set(S.headline(st.session_state.get("ground.power_source", "grid")))
    for section, title in catalogue.SECTIONS.items():
        group = [s.name for s in specs if s.section == section and s.name not in headline_names]
        if not group:
            continue
        # the label stays the same when a value changes: a new label would be a new expander,
        # drawn closed (the count of changes is written inside, and in the sidebar)
        box = st.expander(title, key=f"_exp_{section}", on_change="rerun")
        if box.open:  # lazy: only an open section's widgets run
            with box:
                n_changed = sum(1 for n in group if n in p.changes)
                if n_changed:
                    st.caption(f"{n_changed} changed in this section.")
                for name in group:
                    p.widget(name)


SENSITIVITY_RESULTS = ["compare.cost_ratio", "space.lcoe", "ground.lcoe",
                       "compare.breakeven_price_per_kg", "buildout.final_installed_power",
                       "buildout.total_launch_spend", "lunar.delivered_price_per_kg"]


def show_sensitivity(p: Page):
    rspecs = catalogue.results()
    result = st.selectbox("Result to analyse", [r for r in SENSITIVITY_RESULTS if r in rspecs],
                          key="_sens_result",
                          format_func=lambda r: label(r, result=True))
    st.caption("Every parameter with an uncertainty distribution in the set is varied: the "
               "tornado moves each from its low to its high (the distribution's support, or "
               "P5–P95 for normal and lognormal); the Monte Carlo draws all of them at once.")
    records, fig = p.run("tornado", result)
    W.chart(fig, "chart_tornado")
    c = st.columns([1, 1, 2])
    n = c[0].select_slider("Monte Carlo draws", [1_000, 10_000, 100_000], value=10_000,
                           key="_mc_n", format_func=fmt_number)
    seed = int(c[1].number_input("Seed", min_value=0, value=1, step=1, key="_mc_seed"))
    rows, fig, p_win, params, off, p50, point = p.run("mc", result, int(n), seed)
    if p_win is not None and p_win == p_win:
        c[2].metric("Chance orbit is cheaper", fmt_number(p_win),
                    help="Share of draws with compare.cost_ratio < 1.")
    W.chart(fig, "chart_mc")
    st.caption(W.centre_text(result, point, p50, off))
    moved, stale = recentred_names(p.current), recentred_names(p.current, moved=False)
    if moved:
        st.caption("Re-centred on the value you changed (same shape, stated in each value's "
                   "note): " + S.markdown_text(", ".join(label(n) for n in moved)) + ".")
    if stale:
        st.warning("Changed values whose distribution could not be moved to them, so the "
                   "draws still describe the old value: "
                   + S.markdown_text(", ".join(label(n) for n in stale)) + ".")
    st.dataframe(rows, hide_index=True, key="mc_table")
    st.caption(f"{len(params)} parameters drawn: " + ", ".join(params))


# Lazy tabs: only the open tab's content runs (on_change="rerun"), keeping a slider's rerun fast.
# The claim check comes first: it is the question users bring ("what must be true?"), and the
# first view then needs no chart library (plotly's bundle is ~4.7 MB), so the page draws fast.
TABS = [("Claim check", show_claims), ("Space vs ground", show_compare),
        ("Timeline", show_timeline), ("Buildout", show_buildout), ("Launch", show_launch),
        ("Power on Earth", show_power), ("Lunar mass driver", show_lunar),
        ("Orbit and mass", show_orbit), ("Sensitivity", show_sensitivity),
        ("All assumptions", show_assumptions)]


def show(p: Page):
    """Draw the tab bar and the open tab only."""
    for tab, (_, fn) in zip(st.tabs([t for t, _ in TABS], key="_tab", on_change="rerun"), TABS):
        if tab.open:
            with tab:
                fn(p)
