"""The ``orbital`` command line: the registry of commands and the one entry point.

    orbital evaluate [FILE] [--set NAME=VALUE ...] [--json | --csv]
    orbital params   [FILE] [--json]
    orbital export   [FILE] [--set ...] -o OUT.toml|OUT.json
    orbital diff     A B
    orbital compare  [FILE] [--set ...] [--json | --csv]
    orbital claims   [FILE] [--set ...] [--json | --csv]
    orbital timeline | crossover | cashflow  [FILE] [--set ...] [--json | --csv]
    orbital sweep | tornado | mc | sobol  [FILE] ...
    orbital report   [FILE] -o REPORT.html [--set ...] [--pdf REPORT.pdf]

FILE is a preset name (``default``, ``musk-moonshot-2026`` ...) or a path; with no FILE, the
default set. Bad input exits with status 2 and one line on stderr, never a traceback.
Heavy libraries (pandas, boinor, streamlit) stay off this path so the command starts fast:
each command module imports them inside ``run``.

A new command is a :class:`~orbital.cli.common.Command` in a module of this package, listed
in :data:`COMMANDS` below.
"""
from __future__ import annotations

import os
import sys

from ..core.errors import InputError, printable, terminal_safe
from ..core.version import __version__
from . import analysis, claims, compare, evaluate, report, sets, timeline
from .common import EXIT_BAD_INPUT, EXIT_INTERNAL, Parser

#: Every command, in the order ``orbital --help`` lists them.
COMMANDS = (evaluate.COMMANDS + sets.COMMANDS + compare.COMMANDS + claims.COMMANDS
            + timeline.COMMANDS + analysis.COMMANDS + report.COMMANDS)


def build_parser() -> Parser:
    p = Parser(prog="orbital", description="Unit-safe calculator for orbital data centres "
               "and launch economics.")
    p.add_argument("--version", action="version", version=f"orbital {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS:
        command.add_arguments(sub.add_parser(command.name, help=command.help))
    return p


class _StdoutFailed(Exception):
    """Standard output cannot take what a command prints (full disk, closed, bad encoding)."""


class _CheckedStdout:
    """Standard output whose write failures are told apart from the command's own errors."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(terminal_safe(text))
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start:exc.end]
            raise _StdoutFailed(f"standard output ({exc.encoding}) cannot show {bad!r}; "
                                "expected a UTF-8 terminal or PYTHONIOENCODING=utf-8") from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _StdoutFailed(f"cannot write to standard output ({exc.strerror or exc})") \
                from None

    def flush(self):
        try:
            return self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _StdoutFailed(f"cannot write to standard output ({exc.strerror or exc})") \
                from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null so that Python's flush at exit cannot fail again
    (the recipe of Python's docs for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test's capture)
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if sys.stdout is None:  # started with standard output closed (orbital ... >&-)
        print("orbital: error: standard output is closed; expected somewhere to print, e.g. "
              "> results.txt", file=sys.stderr)
        return EXIT_BAD_INPUT
    real = sys.stdout
    sys.stdout = _CheckedStdout(real)
    try:
        code = _run(argv)
        sys.stdout.flush()
        return code
    except _StdoutFailed as exc:
        print(f"orbital: error: {exc}", file=sys.stderr)
        sys.stdout = real
        _silence_stdout()
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        sys.stdout = real
        _silence_stdout()
        return 0
    finally:
        sys.stdout = real


def _run(argv: list[str]) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return EXIT_BAD_INPUT
        run = {c.name: c.run for c in COMMANDS}[args.command]
        return run(args)
    except InputError as exc:
        print(f"orbital: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("orbital: interrupted", file=sys.stderr)
        return 130
    except (BrokenPipeError, _StdoutFailed):
        raise
    except Exception as exc:  # never a traceback for the user; say how to get one
        if "--debug" in argv or os.environ.get("ORBITAL_DEBUG"):
            raise
        print(f"orbital: internal error: {type(exc).__name__}: {printable(str(exc))} "
              "(set ORBITAL_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL
