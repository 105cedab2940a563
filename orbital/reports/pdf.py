"""The report on paper: a headless Chromium prints the HTML report to PDF, where the machine
has one (``chromium`` on PATH, or Debian's /usr/bin/chromium); elsewhere :func:`chromium`
is None and the caller says so."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..core.errors import InputError

#: Debian's chromium, when it is not on PATH.
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")

#: Seconds the print may take (plotly draws four charts first).
TIMEOUT = 180

#: Flags for a print with no sandbox, GPU or network chatter; the charts' script gets a
#: virtual-time budget to draw before the page is printed.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--run-all-compositor-stages-before-draw", "--virtual-time-budget=20000",
         "--no-pdf-header-footer")


def chromium() -> str | None:
    """The Chromium that prints PDFs, or None."""
    return shutil.which("chromium") or (str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists()
                                         else None)


def print_pdf(html_path: str | Path, pdf_path: str | Path, place: str = "--pdf") -> None:
    """Print the HTML file ``html_path`` to ``pdf_path`` with a headless Chromium."""
    exe = chromium()
    if exe is None:
        raise InputError(place, "no Chromium to print the PDF with",
                         "Chromium on PATH (Debian: apt-get install chromium), or no --pdf")
    argv = [exe, *FLAGS, f"--print-to-pdf={Path(pdf_path).resolve()}",
            Path(html_path).resolve().as_uri()]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise InputError(place, f"Chromium did not finish printing in {TIMEOUT} s",
                         "a machine with more time, or the HTML report alone") from None
    out = Path(pdf_path)
    if done.returncode != 0 or not out.exists() or out.read_bytes()[:4] != b"%PDF":
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no detail"]
        raise InputError(place, f"Chromium could not print the PDF (exit {done.returncode}: "
                         f"{tail[0][:200]})", "the HTML report, opened and printed by hand")
