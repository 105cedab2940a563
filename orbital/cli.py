"""The ``orbital`` command line.

    orbital evaluate [FILE] [--set NAME=VALUE ...] [--json | --csv]
    orbital params   [FILE] [--json]
    orbital export   [FILE] [--set ...] -o OUT.toml|OUT.json
    orbital diff     A B

FILE is a preset name (``default``, ``musk-moonshot-2026`` ...) or a path; with no FILE, the
default set. Bad input exits with status 2 and one line on stderr, never a traceback.
Heavy libraries (pandas, boinor, streamlit) stay off this path so the command starts fast.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys

from .errors import InputError

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors on one line with exit status 2."""

    def error(self, message):  # pragma: no cover - exercised through main()
        raise InputError(self.prog, message)  # "orbital" or "orbital evaluate"


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="orbital", description="Unit-safe calculator for orbital data centres "
                "and launch economics.")
    from . import __version__

    p.add_argument("--version", action="version", version=f"orbital {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add_file(sp):
        sp.add_argument("file", nargs="?", default="default", metavar="FILE",
                        help="preset name or path to a .toml/.json assumption set "
                        "(default: default)")

    def add_set(sp):
        sp.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                        help="override a parameter, e.g. --set \"launch.price_per_kg=200 USD/kg\"; "
                        "a bare number is in the parameter's declared unit")

    ev = sub.add_parser("evaluate", help="evaluate the model and print the results")
    add_file(ev)
    add_set(ev)
    fmt = ev.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON object")
    fmt.add_argument("--csv", action="store_true", help="print CSV rows name,year,value,unit")

    pa = sub.add_parser("params", help="list every parameter with value, unit and source")
    add_file(pa)
    pa.add_argument("--json", action="store_true", help="print JSON")

    ex = sub.add_parser("export", help="write the (changed) assumption set to TOML or JSON")
    add_file(ex)
    add_set(ex)
    ex.add_argument("-o", "--output", required=True, metavar="OUT",
                    help="output path ending in .toml or .json (written atomically)")

    di = sub.add_parser("diff", help="show the parameters in which two assumption sets differ")
    di.add_argument("a", metavar="A")
    di.add_argument("b", metavar="B")
    di.add_argument("--json", action="store_true", help="print JSON")

    for extra in _EXTRA_COMMANDS:
        extra(sub)
    return p


#: Functions adding further subcommands (registered by later modules, e.g. compare).
_EXTRA_COMMANDS: list = []
_HANDLERS: dict = {}


def load_with_sets(file: str, sets: list[str]):
    """Load ``file`` and apply ``--set`` overrides, checked like a file."""
    from .assumptions import load, parse_setting

    aset = load(file)
    if sets:
        overrides = {}
        for text in sets:
            name, value = parse_setting(text)
            overrides[name] = value
        aset = aset.with_values(overrides, source="--set on the command line", place="--set")
    return aset


# ----------------------------------------------------------------------------- formatting

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


def _table(rows: list[tuple], headers: tuple) -> str:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    out = []
    line = "  ".join(str(h).ljust(w) for h, w in zip(headers, widths))
    out.append(line.rstrip())
    out.append("  ".join("-" * w for w in widths))
    for r in rows:
        cells = []
        for i, (c, w) in enumerate(zip(r, widths)):
            cells.append(str(c).rjust(w) if i == 1 else str(c).ljust(w))
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def results_table(res, aset) -> str:
    """The human-readable results: scalars by section, then the buildout by year."""
    from . import schema
    from .units import format_unit

    specs = schema.results()
    lines = [f"orbital {aset.name}: {aset.description}".rstrip(": ")]
    if aset.changes:
        lines.append("changed: " + "; ".join(aset.changes))
    section = None
    rows: list[tuple] = []
    blocks = []
    for name in res.scalars():
        spec = specs[name]
        if spec.section != section:
            if rows:
                blocks.append((section, rows))
            section, rows = spec.section, []
        rows.append((name, fmt_number(res.magnitude(name)), format_unit(spec.unit)))
    if rows:
        blocks.append((section, rows))
    for sec, rws in blocks:
        lines.append("")
        lines.append(f"== {schema.SECTIONS.get(sec, sec)}")
        lines.append(_table(rws, ("result", "value", "unit")))
    series = [n for n in res.series_names() if n.startswith("buildout.")]
    if series:
        lines.append("")
        lines.append("== Buildout by year")
        headers = ("year",) + tuple(f"{n.split('.', 1)[1]} [{format_unit(specs[n].unit)}]"
                                    for n in series)
        rows = []
        for i, year in enumerate(res.years):
            rows.append((str(year),) + tuple(fmt_number(res.magnitude(n)[i]) for n in series))
        lines.append(_wide_table(rows, headers))
    side = _side_by_side(res)
    if side:
        lines.append("")
        lines.append("== Earth launch vs lunar mass driver")
        lines.append(_table(side, ("", "Earth", "Moon", "unit")))
    return "\n".join(lines)


def _wide_table(rows, headers) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    out = ["  ".join(h.rjust(w) for h, w in zip(headers, widths))]
    for r in rows:
        out.append("  ".join(c.rjust(w) for c, w in zip(r, widths)))
    return "\n".join(out)


def _side_by_side(res) -> list[tuple]:
    if "lunar.cost_per_kg" not in res:
        return []
    return [
        ("cost per kg launched", fmt_number(res.magnitude("launch.initial_price_per_kg")),
         fmt_number(res.magnitude("lunar.cost_per_kg")), "USD/kg"),
        ("mass per year", fmt_number(res.magnitude("buildout.launched_mass")[0]),
         fmt_number(res.magnitude("lunar.throughput")), "t/yr"),
        ("power added per year", fmt_number(res.magnitude("buildout.power_added_per_year")),
         fmt_number(res.magnitude("lunar.power_added_per_year")), "GW/yr"),
    ]


def json_text(obj) -> str:
    """Strict JSON: non-finite numbers (no break-even, an unbounded fleet) become null."""
    return json.dumps(_finite_or_null(obj), indent=2, allow_nan=False, ensure_ascii=False)


def _finite_or_null(obj):
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite_or_null(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite_or_null(v) for v in obj]
    return obj


def results_json(res, aset) -> dict:
    from . import __version__

    return {"assumption_set": aset.name, "orbital_version": __version__,
            "changes": list(aset.changes), "years": res.years.tolist(),
            "results": res.to_dict()}


def results_csv(res) -> str:
    from . import schema
    from .units import format_unit

    specs = schema.results()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "year", "value", "unit"])
    for name in res.scalars():
        w.writerow([name, "", repr(res.magnitude(name)), format_unit(specs[name].unit)])
    for name in res.series_names():
        for year, v in zip(res.years, res.magnitude(name)):
            w.writerow([name, int(year), repr(float(v)), format_unit(specs[name].unit)])
    return buf.getvalue()


# ----------------------------------------------------------------------------- commands

def cmd_evaluate(args) -> int:
    from .model import evaluate

    aset = load_with_sets(args.file, args.sets)
    res = evaluate(aset)
    if args.json:
        print(json_text(results_json(res, aset)))
    elif args.csv:
        sys.stdout.write(results_csv(res))
    else:
        print(results_table(res, aset))
    return EXIT_OK


def cmd_params(args) -> int:
    from . import schema
    from .assumptions import load
    from .units import format_unit

    aset = load(args.file)
    if args.json:
        out = {"name": aset.name, "description": aset.description,
               "based_on": list(aset.based_on), "parameters": {}}
        for name, a in aset.items():
            out["parameters"][name] = a.to_data()
        print(json.dumps(out, indent=2))
        return EXIT_OK
    rows = []
    for name, a in aset.items():
        spec = schema.parameters()[name]
        value = a.value if isinstance(a.value, str) else fmt_number(a.value)
        unit = "" if spec.kind == "choice" else format_unit(a.unit or "1")
        rows.append((name, value, unit, a.confidence, a.source))
    print(f"{aset.name}: {aset.description}")
    print(_table(rows, ("parameter", "value", "unit", "confidence", "source")))
    return EXIT_OK


def cmd_export(args) -> int:
    aset = load_with_sets(args.file, args.sets)
    path = aset.export(args.output)
    print(f"wrote {path} ({len(aset)} parameters)")
    return EXIT_OK


def cmd_diff(args) -> int:
    from .assumptions import load
    from .units import format_unit

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
    print(_table(rows, ("parameter", a.name, b.name, "")))
    return EXIT_OK


_HANDLERS.update(evaluate=cmd_evaluate, params=cmd_params, export=cmd_export, diff=cmd_diff)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return EXIT_BAD_INPUT
        return _HANDLERS[args.command](args)
    except InputError as exc:
        print(f"orbital: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("orbital: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for the user; say how to get one
        if "--debug" in argv or _debug():
            raise
        print(f"orbital: internal error: {type(exc).__name__}: {exc} "
              "(set ORBITAL_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def _debug() -> bool:
    import os

    return bool(os.environ.get("ORBITAL_DEBUG"))


from . import cli_compare  # noqa: E402,F401
from . import cli_analysis  # noqa: E402,F401


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
