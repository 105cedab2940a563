"""How to get a report's numbers again: the command line, and the page's URL.

The page's URL names a shipped preset (``preset=NAME``) and each changed parameter by its
dotted name with its value in the parameter's declared unit (``launch.price_per_kg=200``), the
query :func:`orbital.ui.state.parse_query` reads. A set read from a file (or uploaded) has no
URL: the page cannot fetch a file, so the report says to upload it.
"""
from __future__ import annotations

import shlex
from collections.abc import Mapping
from urllib.parse import urlencode

from ..sets.aset import AssumptionSet
from ..sets.files import preset_paths

#: Where ``python3 tasks.py app`` serves the page (streamlit's default port).
PAGE_URL = "http://localhost:8501/"

#: The query key naming the base preset (as :data:`orbital.ui.state.PRESET_KEY`).
PRESET = "preset"


def preset_name(aset: AssumptionSet) -> str | None:
    """The shipped preset ``aset`` was loaded from, else None (a user's file, an upload)."""
    if aset.path is None:
        return None
    path = aset.path.resolve()
    return next((p.stem for p in preset_paths() if p.resolve() == path), None)


def url_value(changed: AssumptionSet, name: str) -> str:
    """``name``'s value in ``changed`` as the page's URL writes it (declared unit)."""
    v = changed[name].display_value()
    return v if isinstance(v, str) else f"{v:.15g}"


def page_query(base: str, changed: AssumptionSet, names) -> str:
    """The URL query string for preset ``base`` with parameters ``names`` set as in
    ``changed``."""
    query = {PRESET: base}
    query.update({n: url_value(changed, n) for n in names})
    return urlencode(query)


def page_link(base: AssumptionSet, changed: AssumptionSet, overrides: Mapping,
              page_url: str = PAGE_URL) -> tuple[str | None, str]:
    """(the page URL showing ``changed``, or None when none can, and a sentence saying how to
    open it)."""
    name = preset_name(base)
    if name is None:
        return None, ("This set was read from a file, which a URL cannot carry: open the page, "
                      "upload the file (the page's TOML download, or `orbital export`), and the "
                      "page shows it.")
    scheduled = [n for n in overrides if changed[n].schedule]
    if scheduled:
        return None, (f"A URL cannot carry a per-year schedule ({', '.join(scheduled)}): "
                      "export the set (`orbital export`) and upload it on the page.")
    return f"{page_url}?{page_query(name, changed, overrides)}", (
        "Open this address while the page runs (`python3 tasks.py app`):")


def command_line(base: AssumptionSet, changed: AssumptionSet, overrides: Mapping,
                 output: str = "report.html") -> str:
    """The ``orbital report`` command that writes this report again."""
    name = preset_name(base)
    where = name if name else (str(base.path) if base.path else "SET.toml")
    argv = ["orbital", "report", where, "-o", output]
    for n in overrides:
        a = changed[n]
        text = a.value if isinstance(a.value, str) else f"{a.value:.15g} {a.unit}".strip()
        argv += ["--set", f"{n}={text}"]
    return shlex.join(argv)
