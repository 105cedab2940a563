"""The report's HTML pieces: escaped text, tables, sections and the one self-contained document
(its stylesheet inline, plotly's script embedded once: it opens with no network)."""
from __future__ import annotations

import html

from ..core.errors import printable

#: The report's stylesheet: readable on screen and on paper, contrast of at least 7:1.
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       background: #fff; max-width: 1100px; margin: 2em auto; padding: 0 1.2em;
       line-height: 1.45; }
h1 { font-size: 1.9em; margin-bottom: 0.2em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2em;
     margin-top: 2em; }
p.lead { font-size: 1.2em; background: #eef3f8; border-left: 5px solid #1f4e79;
         padding: 0.8em 1em; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; margin: 0.6em 0; }
th, td { border: 1px solid #bbb; padding: 0.35em 0.5em; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
th { background: #e8e8e8; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
pre { background: #f4f4f4; padding: 0.7em; white-space: pre-wrap; word-break: break-all; }
.meta { color: #3d3d3d; }
.warn { background: #fdf2e9; border-left: 5px solid #a04000; padding: 0.5em 0.8em; }
.chart { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
@media print { body { max-width: none; margin: 0; } h2 { page-break-after: avoid; }
               tr { page-break-inside: avoid; } }
"""


def esc(text) -> str:
    """``text`` (a set's name, a note, a source: anything a user wrote) as inert HTML text,
    control characters written as escapes."""
    return html.escape(printable(str(text)), quote=True)


class Html(str):
    """Markup built here from escaped parts: a table cell that is not escaped again."""


def cell(c) -> str:
    return c if isinstance(c, Html) else esc(c)


def named(words: str, name: str) -> Html:
    """A cell with a quantity in words over its dotted name (for scripting)."""
    return Html(f"{esc(words)}<br><code>{esc(name)}</code>")


def table(headers, rows, numeric=()) -> str:
    """An HTML table; every cell escaped (but :class:`Html` ones), columns ``numeric``
    (indices) right-aligned."""
    head = "".join(f"<th scope=\"col\">{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(f"<td class=\"num\">{cell(c)}</td>" if i in numeric
                        else f"<td>{cell(c)}</td>" for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def section(anchor: str, title: str, *parts: str) -> str:
    """A titled section of already-built HTML ``parts``."""
    return f"<section id=\"{esc(anchor)}\"><h2>{esc(title)}</h2>{''.join(parts)}</section>"


def para(text: str, cls: str = "") -> str:
    return f"<p class=\"{cls}\">{esc(text)}</p>" if cls else f"<p>{esc(text)}</p>"


def items(lines) -> str:
    """A bulleted list of plain texts (``<p>none</p>`` when empty)."""
    lines = list(lines)
    if not lines:
        return "<p>None.</p>"
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"


def figure_div(fig, div_id: str) -> str:
    """One plotly figure as a div and its drawing script, without plotly's library."""
    inner = fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                        config={"displaylogo": False, "responsive": True,
                                "toImageButtonOptions": {"format": "png", "scale": 2}})
    return f"<div class=\"chart\">{inner}</div>"


def document(title: str, body: str) -> str:
    """The whole report: one HTML file with plotly's script embedded once (no CDN)."""
    from plotly.offline import get_plotlyjs

    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)}</title><style>{STYLE}</style>"
            f"<script type=\"text/javascript\">{get_plotlyjs()}</script></head>"
            f"<body>{body}</body></html>\n")
