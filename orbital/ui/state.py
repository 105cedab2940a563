"""Page state without streamlit: which set is the base, what the widgets changed, the URL.

The page keeps one base assumption set (a preset, or an uploaded file) and the widget values.
Widget keys are the parameter names, so ``session_state["launch.price_per_kg"]`` is the value of
that parameter's widget, in the parameter's declared unit. Everything here works on plain
mappings, so tests can drive it without a browser.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, MutableMapping

from ..core.errors import InputError, printable
from ..core.spec import did_you_mean
from ..core.units import Q_
from ..model import catalogue
from ..sets.aset import AssumptionSet
from ..sets.entries import unit_of
from ..sets.files import preset_paths
from ..sets.loading import load, loads
from ..sets.values import is_schedule_text, value_from_text
from . import schedules as SCH

#: The headline sliders, in order; those not (yet) in the catalogue are skipped.
HEADLINE = (
    "launch.price_per_kg",
    "buildout.mass_per_year",
    "power.specific_power",
    "space.target_power",
    "finance.analysis_period",
    "ground.price_of_power",  # stands for the chosen power source's price (POWER_PRICE)
)

#: The ground side's price of power, per ground.power_source.
POWER_PRICE = {"grid": "ground.grid_price", "gas": "ground.gas_price",
               "solar_battery": "ground.solar_cost"}

#: Session keys that are not parameters.
PRESET_KEY = "preset"
BASE_KEY = "_base"  # the AssumptionSet the widgets start from
ERRORS_KEY = "_errors"
INIT_KEY = "_initialised"
UPLOAD_ID_KEY = "_upload_id"


# what streamlit's markdown acts on: emphasis, code, links, HTML, LaTeX, tables, strikethrough,
# headings; "_" only where it can open or close emphasis (not inside a name like price_per_kg);
# ":" only where an emoji shortcode (":smile:") could start
_MARKDOWN = re.compile(r"[\\`*\[\]<>#$~|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|:(?=[A-Za-z])")


def markdown_text(text: str) -> str:
    """``text`` (from a URL, an upload, a message quoting them) shown literally by streamlit's
    markdown: the characters markdown, HTML, LaTeX and emoji shortcodes act on are
    backslash-escaped (and a leading list or quote marker), control characters written as
    escapes."""
    out = _MARKDOWN.sub(lambda m: "\\" + m.group(), printable(str(text)))
    out = re.sub(r"^(\s*)([-+=>])", r"\1\\\2", out)
    return re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", out)


def presets() -> list[tuple[str, str]]:
    """(name, one-line description) of every shipped assumption set, default first."""
    out = []
    for path in preset_paths():
        try:
            aset = load(path.stem)
            out.append((path.stem, aset.description))
        except InputError as exc:  # a broken preset is shown, not fatal to the page
            out.append((path.stem, f"(cannot load: {exc})"))
    return out


def headline(power_source: str = "grid") -> list[str]:
    """The headline parameters; the ground price of power follows the chosen power source."""
    specs = catalogue.parameters()
    names = [POWER_PRICE.get(power_source, "ground.grid_price") if n == "ground.price_of_power"
             else n for n in HEADLINE]
    return [n for n in names if n in specs]


def widget_value(aset: AssumptionSet, name: str):
    """The value a widget shows for ``name``: a float in the declared unit, or a choice."""
    return aset[name].display_value()


def reset_widgets(state: MutableMapping, aset: AssumptionSet) -> None:
    """Set every parameter widget to ``aset``'s value (no stale overrides carried across)."""
    for name in aset:
        state[name] = widget_value(aset, name)
    SCH.clear(state)


def overrides(state: Mapping, aset: AssumptionSet) -> dict:
    """The widget values that differ from ``aset`` (declared unit floats or choices), and the
    schedules typed on the page (schedule text, in place of the parameter's single value)."""
    out = {}
    for name in aset:
        if name not in state:
            continue
        v, base = state[name], widget_value(aset, name)
        if isinstance(base, str):
            if v != base:
                out[name] = v
        elif not _same(v, base):
            out[name] = float(v)
    out.update(SCH.changes(state, aset))
    return out


def set_change(state: MutableMapping, name: str, value) -> None:
    """Put a change read from a URL where the page keeps it: a schedule's text under its
    schedule key, anything else in the parameter's widget."""
    spec = catalogue.parameters()[name]
    if isinstance(value, str) and spec.kind != "choice":
        state[SCH.key(name)] = value
    else:
        state[name] = value


def _same(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=0.0)
    except (TypeError, ValueError):
        return False


def apply(aset: AssumptionSet, changes: Mapping, source: str = "changed on the orbital page",
          place: str = "widget") -> AssumptionSet:
    """``aset`` with the widget changes applied (each in the parameter's declared unit)."""
    specs = catalogue.parameters()
    values = {}
    for name, v in changes.items():
        spec = specs[name]
        # a choice, or a schedule's text, is read by the loader as it is
        values[name] = v if isinstance(v, str) else Q_(float(v), spec.unit)
    return aset.with_values(values, source=source, place=place)


def checked(aset: AssumptionSet, changes: Mapping) -> tuple[AssumptionSet, dict, list[str]]:
    """Apply the widget changes that pass the loader's checks; report the others.

    Returns (the changed set, the changes kept, one message per refused change naming the
    widget, what was given and what was expected).
    """
    try:
        return apply(aset, changes), dict(changes), []
    except InputError:
        pass
    good, errors = {}, []
    for name, v in changes.items():
        try:
            apply(aset, {name: v})
            good[name] = v
        except InputError as exc:
            errors.append(f"{exc} (the page shows the set without that change)")
    return apply(aset, good), good, errors


def query_from(base_name: str, changes: Mapping) -> dict[str, str]:
    """URL query parameters for a base preset and its changes: preset=..., name=value."""
    q = {PRESET_KEY: base_name}
    for name, v in changes.items():
        q[name] = v if isinstance(v, str) else f"{v:.15g}"
    return q


def parse_query(params: Mapping[str, str]) -> tuple[str, dict, list[str]]:
    """Read a URL's query: (preset name, {name: value in declared unit}, error messages).

    Unknown names and bad values are reported, never fatal; a value text may carry a unit
    (``launch.price_per_kg=0.2 USD/g``), else it is in the declared unit; a schedule's text
    (``2026:1000, 2030:300 USD/kg log``) is kept as text.
    """
    errors: list[str] = []
    names = {p.stem for p in preset_paths()}  # the names only: no need to load every preset
    preset = params.get(PRESET_KEY, "default")
    if preset not in names:
        errors.append(str(InputError("URL parameter 'preset'", f"no preset {preset!r}"
                                     + did_you_mean(preset[:100], names) + "; showing 'default'")))
        preset = "default"
    specs = catalogue.parameters()
    changes = {}
    for key, text in params.items():
        if key == PRESET_KEY:
            continue
        if key not in specs:
            errors.append(str(InputError(f"URL parameter '{key}'", "unknown parameter"
                                         + specs.hint(key[:100]))))
            continue
        spec = specs[key]
        if spec.kind != "choice" and is_schedule_text(str(text)):
            changes[key] = str(text)  # checked with the set it changes (checked())
            continue
        try:
            value, unit = value_from_text(spec, str(text), f"URL parameter '{key}'")
            if spec.kind == "choice":
                changes[key] = value
            else:
                q = Q_(value, unit_of(unit))  # ('$' is USD: the unit as the loader reads it)
                problem = spec.check_range_si(q.m_as(spec.si_unit))
                if problem:
                    raise InputError(f"URL parameter '{key}'", f"got {text!r}: {problem}",
                                     spec.range_text())
                changes[key] = float(q.m_as(spec.pint_unit))
        except InputError as exc:
            errors.append(str(exc))
    return preset, changes, errors


def load_upload(data: bytes, filename: str) -> AssumptionSet:
    """Check an uploaded TOML/JSON file with the loader's rules (size cap included)."""
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]  # never a server path
    fmt = "json" if name.lower().endswith(".json") else "toml"
    return loads(data, fmt=fmt, name=f"upload '{name}'")


def upload_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
