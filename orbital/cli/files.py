"""Writing what an analysis made: a table (CSV or Parquet) and a chart (HTML or PNG), each
through a temp file renamed into place, with a clear refusal of a path that cannot work."""
from __future__ import annotations

from pathlib import Path

from ..core.errors import InputError
from ..sets.files import atomic_output, check_writable


def write_table(df, path: str, index: bool) -> Path:
    """Write ``df`` to CSV or Parquet (by extension) through a temp file and a rename."""
    p = Path(path)
    ext = p.suffix.lower()
    check_table_path(path)

    def write(tmp):
        if ext == ".csv":
            df.to_csv(tmp, index=index)
        else:
            out = df.reset_index() if index else df
            out.columns = [str(c) for c in out.columns]
            out.to_parquet(tmp, index=False)

    return atomic_output(p, write, f"--out {path}")


def check_table_path(path: str | None) -> None:
    """Refuse, before an analysis runs, a table path that cannot work (format, folder)."""
    if not path:
        return
    check_writable(path, f"--out {path}")
    ext = Path(path).suffix.lower()
    if ext not in (".csv", ".parquet"):
        raise InputError(f"--out {path}", f"unknown table format '{ext or '(none)'}'",
                         "a file name ending in .csv or .parquet")
    if ext == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError(f"--out {path}", "Parquet needs pyarrow, which is not installed",
                             "pip install pyarrow, or a .csv file") from None


def check_chart_path(path: str | None) -> None:
    """Refuse a chart path we cannot write before the analysis runs."""
    if not path:
        return
    check_writable(path, f"--chart {path}")
    ext = Path(path).suffix.lower()
    if ext not in (".html", ".png"):
        raise InputError(f"--chart {path}", f"unknown chart format '{ext or '(none)'}'",
                         "a file name ending in .html or .png")
    if ext == ".png":
        import importlib.util

        if importlib.util.find_spec("kaleido") is None:
            raise InputError(f"--chart {path}", "PNG charts need the kaleido package, which is "
                             "not installed", "pip install kaleido, or --chart "
                             f"{Path(path).with_suffix('.html')}")


def write_chart(fig, path: str) -> Path:
    """Write ``fig`` to HTML or PNG through a temp file and a rename (an old chart survives a
    write that fails midway)."""
    p = Path(path)

    def write(tmp):
        if p.suffix.lower() == ".html":
            fig.write_html(tmp, include_plotlyjs=True)  # offline: the script is embedded
            return
        try:
            fig.write_image(tmp, format="png")  # kaleido drives a Chrome/Chromium
        except OSError:
            raise
        except Exception as exc:  # no browser for kaleido, or it failed: say so, offer HTML
            raise InputError(f"--chart {path}", f"could not render a PNG ({type(exc).__name__}"
                             f": {str(exc).splitlines()[0] if str(exc) else 'no detail'})",
                             "Chrome or Chromium for kaleido (Debian: apt-get install "
                             f"chromium), or --chart {p.with_suffix('.html')}") from None

    return atomic_output(p, write, f"--chart {path}")
