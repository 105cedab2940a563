"""``orbital evaluate [FILE] [--set NAME=VALUE ...] [--json | --csv]``: every result."""
from __future__ import annotations

from .common import Command, add_file, add_formats, add_set, evaluate_and_print
from .output import results_csv, results_json, results_table


def add_arguments(sp) -> None:
    add_file(sp)
    add_set(sp)
    add_formats(sp)


def run(args) -> int:
    return evaluate_and_print(args, results_table, results_json, results_csv)


COMMANDS = (Command("evaluate", "evaluate the model and print the results", add_arguments, run),)
