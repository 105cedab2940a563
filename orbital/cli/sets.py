"""``orbital params``, ``orbital export`` and ``orbital diff``: the assumption sets themselves."""
from __future__ import annotations

import json

from .common import EXIT_OK, Command, add_file, add_set, load_with_sets
from .output import fmt_number, table


def add_params(sp) -> None:
    add_file(sp)
    sp.add_argument("--json", action="store_true", help="print JSON")


def add_export(sp) -> None:
    add_file(sp)
    add_set(sp)
    sp.add_argument("-o", "--output", required=True, metavar="OUT",
                    help="output path ending in .toml or .json (written atomically)")


def add_diff(sp) -> None:
    sp.add_argument("a", metavar="A")
    sp.add_argument("b", metavar="B")
    sp.add_argument("--json", action="store_true", help="print JSON")


def run_params(args) -> int:
    from ..core.units import format_unit
    from ..model import catalogue
    from ..sets.loading import load

    aset = load(args.file)
    unused = catalogue.unused({n: a.value for n, a in aset.items() if isinstance(a.value, str)})
    if args.json:
        out = {"name": aset.name, "description": aset.description,
               "based_on": list(aset.based_on), "parameters": {}}
        for name, a in aset.items():
            out["parameters"][name] = dict(a.to_data(), unused=unused.get(name),
                                           distribution_centre=a.centre_gap())
        print(json.dumps(out, indent=2))
        return EXIT_OK
    rows = []
    for name, a in aset.items():
        spec = catalogue.parameters()[name]
        value = a.value if isinstance(a.value, str) else fmt_number(a.value)
        unit = "" if spec.kind == "choice" else format_unit(a.unit or "1")
        centre = a.centre_gap()
        flag = "" if centre is None else (
            f"off centre ({fmt_number(centre)}): {a.off_centre}" if a.off_centre
            else f"OFF CENTRE: its distribution centres on {fmt_number(centre)}, unexplained")
        rows.append((name, value, unit, "unused" if name in unused else "", a.confidence,
                     flag, a.source))
    print(f"{aset.name}: {aset.description}")
    print(table(rows, ("parameter", "value", "unit", "used", "confidence", "centre",
                       "source")))
    if unused:
        print("\nunused by the chosen models:")
        for name, why in unused.items():
            print(f"  {name}: {why}")
    return EXIT_OK


def run_export(args) -> int:
    aset = load_with_sets(args.file, args.sets)
    path = aset.export(args.output)
    print(f"wrote {path} ({len(aset)} parameters)")
    return EXIT_OK


def diff_columns(name_a: str, name_b: str, arg_a: str, arg_b: str) -> tuple[str, str]:
    """Two column heads a reader can tell apart: the set names, else the arguments given,
    each marked A and B when those are the same too."""
    if name_a != name_b:
        return name_a, name_b
    if arg_a != arg_b:
        return f"A: {name_a} ({arg_a})", f"B: {name_b} ({arg_b})"
    return f"A: {name_a}", f"B: {name_b}"


def run_diff(args) -> int:
    from ..core.units import format_unit
    from ..sets.loading import load

    a, b = load(args.a), load(args.b)
    diffs = a.diff(b)

    def show(x):
        if x is None:
            return "(absent)"
        if isinstance(x.value, str):
            return x.value
        return f"{fmt_number(x.value)} {format_unit(x.unit or '1')}".replace(" 1", "") \
            if (x.unit or "1") == "1" else f"{fmt_number(x.value)} {format_unit(x.unit)}"

    if args.json:
        print(json.dumps({"a": a.name, "b": b.name, "differences": [
            {"name": n, "a": x.to_data() if x else None, "b": y.to_data() if y else None}
            for n, x, y in diffs]}, indent=2))
        return EXIT_OK
    if not diffs:
        print(f"{a.name} and {b.name} are the same")
        return EXIT_OK
    rows = []
    for name, x, y in diffs:
        same_value = x is not None and y is not None and x.quantity == y.quantity if not \
            isinstance(getattr(x, "value", None), str) else (x and y and x.value == y.value)
        rows.append((name, show(x), show(y), "(provenance only)" if same_value else ""))
    print(table(rows, ("parameter", *diff_columns(a.name, b.name, args.a, args.b), "")))
    return EXIT_OK


COMMANDS = (
    Command("params", "list every parameter with value, unit and source", add_params,
            run_params),
    Command("export", "write the (changed) assumption set to TOML or JSON", add_export,
            run_export),
    Command("diff", "show the parameters in which two assumption sets differ", add_diff,
            run_diff),
)
