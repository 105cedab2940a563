"""Numbers as people read them: thousands separators and about four significant figures, the
same on the terminal, in messages, on the page and in reports."""
from __future__ import annotations

import math


def fmt_number(v) -> str:
    """A readable number: thousands separators, ~4 significant figures."""
    if isinstance(v, str):
        return v
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1e15 or a < 1e-3:
        return f"{v:.4g}"
    if a >= 1000:
        return f"{v:,.0f}"
    digits = max(0, 3 - int(math.floor(math.log10(a))))
    return f"{v:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{v:,.0f}"


def fmt_value(name: str, x) -> str:
    """``x`` for result or column ``name``: a calendar year (``*_year``, unit 1) as 2031 or
    'never' (inf), anything else by :func:`fmt_number`."""
    base, _, unit = name.partition(" [")
    calendar = base.endswith("_year") and not base.endswith("per_year") and unit in ("", "1]")
    if calendar:
        try:
            v = float(x)
        except (TypeError, ValueError):
            return fmt_number(x)
        if v == float("inf"):
            return "never"
        if v == v and v == round(v):
            return f"{v:.0f}"
    return fmt_number(x)
