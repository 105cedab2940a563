"""What every command shares: exit codes, the one-line argument parser, the FILE and --set
arguments, loading a set with its overrides, and the :class:`Command` record the registry in
:mod:`orbital.cli.main` lists."""
from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import Callable

from ..core.errors import InputError

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


@dataclasses.dataclass(frozen=True)
class Command:
    """One subcommand: its name, its one-line help, a function adding its arguments to an
    argparse parser, and the function that runs it (``run(args) -> exit status``)."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors on one line with exit status 2."""

    def error(self, message):  # pragma: no cover - exercised through main()
        raise InputError(self.prog, message)  # "orbital" or "orbital evaluate"


def add_file(sp) -> None:
    """The optional FILE argument: a preset name or a path (default: the default set)."""
    sp.add_argument("file", nargs="?", default="default", metavar="FILE",
                    help="preset name or path to a .toml/.json assumption set "
                    "(default: default)")


def add_set(sp) -> None:
    """The repeatable ``--set NAME=VALUE`` override."""
    sp.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                    help="override a parameter, e.g. --set \"launch.price_per_kg=200 USD/kg\"; "
                    "a bare number is in the parameter's declared unit")


def load_with_sets(file: str, sets: list[str]):
    """Load ``file`` and apply ``--set`` overrides, checked like a file."""
    from ..sets.loading import load
    from ..sets.values import parse_setting

    aset = load(file)
    if sets:
        overrides = {}
        for text in sets:
            name, value = parse_setting(text)
            overrides[name] = value
        aset = aset.with_values(overrides, source="--set on the command line", place="--set")
    return aset


def add_formats(sp, csv_rows: str = "name,year,value,unit") -> None:
    """The mutually exclusive ``--json`` / ``--csv`` output choices (a table by default)."""
    fmt = sp.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON object")
    fmt.add_argument("--csv", action="store_true", help=f"print CSV rows {csv_rows}")


def evaluate_and_print(args, table, data, csv_text) -> int:
    """Load FILE with its ``--set`` overrides, evaluate it, and print the results one way:
    ``data(res, aset)`` as strict JSON, ``csv_text(res)`` as CSV, else ``table(res, aset)``."""
    from ..model.evaluate import evaluate
    from .output import json_text

    aset = load_with_sets(args.file, args.sets)
    res = evaluate(aset)
    if args.json:
        print(json_text(dict(data(res, aset), **res.notes())))
    elif args.csv:
        sys.stdout.write(csv_text(res))
    else:
        print(with_warnings(table(res, aset), res))
    return EXIT_OK


def warning_lines(res) -> list[str]:
    """One line per binding limit, for the head of a table."""
    return [f"warning: {b['message']}" + (f" (in {b['share']:.0%} of cases)"
                                          if b["share"] < 1 else "")
            for b in res.binding]


def with_warnings(text: str, res) -> str:
    """``text`` with the binding limits after its first line and the unused inputs at its end."""
    head, _, rest = text.partition("\n")
    warn = warning_lines(res)
    unused = res.unused
    out = head + ("\n" + "\n".join(warn) if warn else "") + ("\n" + rest if rest else "")
    if unused:
        out += ("\n\nunused by the chosen models (see `orbital params`): "
                + ", ".join(unused))
    return out
