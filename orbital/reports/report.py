"""The report a journalist sends an editor: one self-contained, offline HTML file (and a PDF
where a Chromium can print it) with the set's name and provenance, the headline sentence and
results, the claim check, the charts, the limits that bind, every assumption with its unit,
source and confidence, and how to get the same numbers again.

:func:`report_html` builds it from an assumption set (and the page's or ``--set``'s
changes); ``orbital report`` and the page's download button call it. Every user-supplied
string (names, descriptions, notes, sources) is HTML-escaped; the only script is plotly's,
embedded once.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from ..compare.solvers import explain
from ..core.numbers import fmt_value
from ..core.units import Q_
from ..core.version import __version__
from ..model import catalogue
from ..model.evaluate import evaluate
from ..model.labels import label, unit_text, value_text, words
from ..model.results import Results
from ..sets.aset import AssumptionSet
from . import charts
from .claims import claim_check
from .html import document, esc, figure_div, items, named, para, section, table
from .reproduce import PAGE_URL, command_line, page_link
from .summary import headline_sentence

#: The headline results, in order, each with the solver status that explains a missing value.
HEADLINE = (
    ("buildout.power_added_per_year", None), ("launch.spend_per_year", None),
    ("launch.flights_per_year", None), ("launch.initial_price_per_kg", None),
    ("space.lcoe", None), ("ground.lcoe", None), ("compare.cost_ratio", None),
    ("compare.breakeven_price_per_kg", "compare.breakeven_status"),
    ("compare.required_specific_power", "compare.specific_power_status"),
    ("compare.crossover_year", None), ("buildout.steady_state_power", None),
    ("space.total_cost", None), ("ground.total_cost", None),
)


def report_html(aset: AssumptionSet, overrides: Mapping | None = None, *,
                command: str | None = None, page_url: str = PAGE_URL,
                source: str = "changed on the orbital page", place: str = "report") -> str:
    """The report of ``aset`` with ``overrides`` applied ({name: value}: a Quantity, a value
    text such as ``"200 USD/kg"``, a choice, or a bare number in the parameter's declared
    unit, as the page's widgets give), as one HTML document. ``command`` is the command line
    that made it (else one is written); ``page_url`` the page's address for the link."""
    overrides = dict(overrides or {})
    changed = with_overrides(aset, overrides, source, place)
    res = evaluate(changed)
    command = command or command_line(aset, changed, overrides)
    url, how = page_link(aset, changed, overrides, page_url)
    body = "".join((
        heading(changed),
        para(headline_sentence(res), "lead"),
        section("headline", "Headline results", headline_table(res)),
        section("claims", "What must be true: the claim against today's values",
                para("Each row: what the set's headline figures need, today's value from "
                     "orbital's default set with its source, and how far apart they are."),
                claims_table(changed, res)),
        section("charts", "Charts", *(figure_div(make(res), f"chart-{i}")
                                      for i, make in enumerate(charts.CHARTS))),
        section("limits", "Limits that bind, and inputs the chosen models ignore",
                limits_part(res)),
        section("assumptions", f"Every assumption ({len(changed)})",
                para("Value and unit as the set writes them; source, confidence and note as "
                     "the set gives them; per-year schedules point by point."),
                assumptions_table(changed, res)),
        section("reproduce", "How to reproduce this report",
                para("With orbital installed, this command writes the same report:"),
                f"<pre>{esc(command)}</pre>", para(how),
                f"<pre>{esc(url)}</pre>" if url else ""),
    ))
    return document(f"orbital report: {changed.name}", body)


def with_overrides(aset: AssumptionSet, overrides: Mapping, source: str,
                   place: str = "report") -> AssumptionSet:
    """``aset`` with ``overrides`` applied, bare numbers read in the declared unit."""
    if not overrides:
        return aset
    specs = catalogue.parameters()
    values = {n: Q_(float(v), specs[n].unit) if isinstance(v, (int, float)) and n in specs
              and specs[n].kind != "choice" else v for n, v in overrides.items()}
    return aset.with_values(values, source=source, place=place)


def heading(aset: AssumptionSet) -> str:
    """The set's name, description and provenance, and when and by what it was made."""
    parts = [f"<h1>{esc(aset.name)}</h1>"]
    if aset.description:
        parts.append(para(aset.description))
    meta = ["Based on: " + (", ".join(aset.based_on) or "nothing (a set of its own)")]
    meta.append(f"Made by orbital {__version__} on "
                f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.")
    parts.append("".join(para(m, "meta") for m in meta))
    if aset.changes:
        parts.append("<p class=\"meta\">Changed from the set as loaded:</p>" + items(aset.changes))
    return "<header>" + "".join(parts) + "</header>"


def headline_table(res: Results) -> str:
    """The headline results in words, with their units and any limit that shapes them."""
    shaping = {n: b["message"] for b in res.binding for n in b["affects"]}
    rows = []
    for name, status in HEADLINE:
        if name not in res:
            continue
        v = res.magnitude(name)
        unit = catalogue.results()[name].unit
        shown = fmt_value(name, v) if unit == "1" else value_text(v, unit)
        if status and math.isnan(v):
            shown = f"none: {explain(int(res.magnitude(status))).split(': ', 1)[-1]}"
        rows.append((named(words(name), name), shown,
                     f"limited: {shaping[name]}" if name in shaping else ""))
    return table(("result", "value", "note"), rows, numeric=(1,))


def claims_table(aset: AssumptionSet, res: Results) -> str:
    rows = [(r.quantity, fmt_value("", r.needed), fmt_value("", r.today), unit_text(r.unit),
             r.gap, r.why, r.today_source) for r in claim_check(aset, res)]
    return table(("quantity", "the claim needs", "today", "unit", "gap", "why", "today's source"),
                 rows, numeric=(1, 2))


def limits_part(res: Results) -> str:
    notes = res.notes()
    binding = [f"{b['message']} ({b['name']}" + (f", in {b['share']:.0%} of cases" if
               b["share"] < 1 else "") + ")" for b in notes["binding"]]
    unused = [(u["name"], label(u["name"]), u["reason"]) for u in notes["unused"]]
    return ("<h3>Binding limits</h3>" + items(binding)
            + "<h3>Inputs the chosen models do not use</h3>"
            + (table(("name", "in words", "why unused"), unused) if unused else "<p>None.</p>"))


def assumptions_table(aset: AssumptionSet, res: Results) -> str:
    """Every parameter: in words and by name, value and unit, source, confidence, note (and
    why the chosen models ignore it), schedule."""
    unused = res.unused
    rows = []
    for name, a in aset.items():
        value = a.value if isinstance(a.value, str) else \
            f"{fmt_value(name, a.value)} {a.unit if a.unit != '1' else ''}".strip()
        sources = dict(a.schedule_sources)
        schedule = "; ".join(
            f"{fmt_value('x_year', y)}: {fmt_value(name, v)}"
            + (f" ({sources[y]})" if y in sources else "") for y, v in a.schedule)
        why = unused.get(name, "").removeprefix("not used: ")
        note = " ".join(x for x in (
            a.note, f"Schedule ({a.interpolation or 'linear'}, {a.unit}): {schedule}."
            if schedule else "", f"Unused by the chosen models: {why}." if why else "") if x)
        rows.append((named(label(name, ""), name), value, a.source, a.confidence or "", note))
    return table(("parameter", "value", "source", "confidence", "note"), rows, numeric=(1,))
