"""``orbital claims [FILE] [--set NAME=VALUE ...] [--json | --csv]``: the claim check
(:func:`orbital.reports.claims.claim_check`): for each figure the set's claim rests on, the
value it needs, today's sourced value (the default set's), the gap and why."""
from __future__ import annotations

import csv
import io
import math
import sys
import textwrap

from .common import EXIT_OK, Command, add_file, add_formats, add_set, load_with_sets

FIELDS = ("quantity", "needed", "today", "unit", "factor", "better", "gap", "why",
          "today_source")


def table(rows, aset) -> str:
    """One block per row: quantity, needed vs today with the gap, then why and the source."""
    from ..core.numbers import fmt_number

    out = [f"claim check: {aset.name} against today's values (default)", ""]
    for r in rows:
        need = "no value" if math.isnan(r.needed) else f"{fmt_number(r.needed)} {r.unit}"
        out.append(f"{r.quantity}: needs {need}, today {fmt_number(r.today)} {r.unit}: {r.gap}")
        out += textwrap.wrap(r.why, 96, initial_indent="    ", subsequent_indent="    ")
        out += textwrap.wrap(f"today's value: {r.today_source}", 96, initial_indent="    ",
                             subsequent_indent="      ")
    return "\n".join(out)


def csv_text(rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FIELDS)
    for d in (r.as_dict() for r in rows):
        w.writerow([repr(d[k]) if isinstance(d[k], float) else d[k] for k in FIELDS])
    return buf.getvalue()


def run(args) -> int:
    from ..model.evaluate import evaluate
    from ..reports.claims import claim_check
    from .common import with_warnings
    from .output import json_text

    aset = load_with_sets(args.file, args.sets)
    res = evaluate(aset)
    rows = claim_check(aset, res)
    if args.json:
        print(json_text(dict({"set": aset.name, "claims": [r.as_dict() for r in rows]}, **res.notes())))
    elif args.csv:
        sys.stdout.write(csv_text(rows))
    else:
        print(with_warnings(table(rows, aset), res))
    return EXIT_OK


def add_arguments(sp) -> None:
    add_file(sp)
    add_set(sp)
    add_formats(sp, csv_rows="quantity,needed,today,unit,factor,better,gap,why,today_source")


COMMANDS = (Command("claims", "check a set's claims: what each needs against today's sourced "
                    "values", add_arguments, run),)
