"""``orbital report [FILE] -o REPORT.html [--set NAME=VALUE ...] [--pdf REPORT.pdf]``: the
self-contained offline report (:func:`orbital.reports.report.report_html`), and a PDF of it
where a Chromium can print one."""
from __future__ import annotations

import shlex
from pathlib import Path

from ..core.errors import InputError
from .common import EXIT_OK, Command, add_file, add_set


def add_arguments(sp) -> None:
    add_file(sp)
    sp.add_argument("-o", "--output", required=True, metavar="REPORT.html",
                    help="the HTML report to write (opens offline)")
    add_set(sp)
    sp.add_argument("--pdf", metavar="REPORT.pdf", help="also print the report to PDF "
                    "(needs Chromium: Debian's chromium package)")


def check_path(path: str, place: str, suffixes: tuple) -> None:
    """Refuse an output path that cannot work before any work is done."""
    from ..sets.files import check_writable

    check_writable(path, place)
    ext = Path(path).suffix.lower()
    if ext not in suffixes:
        raise InputError(place, f"unknown format '{ext or '(none)'}'",
                         "a file name ending in " + " or ".join(suffixes))


def command_text(args) -> str:
    """The command line that made this report, as a shell reads it."""
    argv = ["orbital", "report", args.file, "-o", args.output]
    for text in args.sets:
        argv += ["--set", text]
    return shlex.join(argv + (["--pdf", args.pdf] if args.pdf else []))


def run(args) -> int:
    from ..reports import pdf
    from ..reports.report import report_html
    from ..sets.files import atomic_output
    from ..sets.loading import load
    from ..sets.values import parse_setting

    check_path(args.output, f"-o {args.output}", (".html", ".htm"))
    if args.pdf:
        check_path(args.pdf, f"--pdf {args.pdf}", (".pdf",))
        if pdf.chromium() is None:
            raise InputError(f"--pdf {args.pdf}", "no Chromium on this machine to print the "
                             "PDF with", "Chromium on PATH (Debian: apt-get install chromium)"
                             ", or the report without --pdf")
    base = load(args.file)
    overrides = dict(parse_setting(text) for text in args.sets)
    html = report_html(base, overrides, command=command_text(args),
                       source="--set on the command line", place="--set")
    out = atomic_output(args.output, lambda tmp: Path(tmp).write_text(html, encoding="utf-8"),
                        f"-o {args.output}")
    print(f"wrote {out}")
    if args.pdf:
        printed = atomic_output(args.pdf, lambda tmp: pdf.print_pdf(out, tmp,
                                                                    f"--pdf {args.pdf}"),
                                f"--pdf {args.pdf}")
        print(f"wrote {printed}")
    return EXIT_OK


COMMANDS = (Command("report", "write a self-contained offline HTML report (and a PDF)",
                    add_arguments, run),)
