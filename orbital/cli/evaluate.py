"""``orbital evaluate [FILE] [--set NAME=VALUE ...] [--json | --csv]``: every result, under the
headline sentence (:func:`orbital.reports.summary.headline_sentence`)."""
from __future__ import annotations

from .common import Command, add_file, add_formats, add_set, evaluate_and_print
from .output import results_csv, results_json, results_table


def add_arguments(sp) -> None:
    add_file(sp)
    add_set(sp)
    add_formats(sp)


def summary_table(res, aset) -> str:
    """The results table with the headline sentence, wrapped, after its first line."""
    import textwrap

    from ..reports.summary import headline_sentence

    head, _, rest = results_table(res, aset).partition("\n")
    return "\n".join([head, "", textwrap.fill(headline_sentence(res), 100), rest])


def summary_json(res, aset) -> dict:
    """The results' JSON with the headline sentence as ``summary``."""
    from ..reports.summary import headline_sentence

    return dict(results_json(res, aset), summary=headline_sentence(res))


def run(args) -> int:
    return evaluate_and_print(args, summary_table, summary_json, results_csv)


COMMANDS = (Command("evaluate", "evaluate the model and print the results", add_arguments, run),)
