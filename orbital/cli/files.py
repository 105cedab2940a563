"""Writing what an analysis made: a table (CSV or Parquet) and a chart (HTML or PNG), each
through a temp file renamed into place, with a clear refusal of a path that cannot work."""
from __future__ import annotations

from pathlib import Path

from ..core.errors import InputError


def write_table(df, path: str, index: bool) -> Path:
    """Write ``df`` to CSV or Parquet (by extension) through a temp file and a rename."""
    import os
    import tempfile

    p = Path(path)
    ext = p.suffix.lower()
    if ext not in (".csv", ".parquet"):
        raise InputError(f"--out {path}", f"unknown table format '{ext or '(none)'}'",
                         "a file name ending in .csv or .parquet")
    if ext == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError(f"--out {path}", "Parquet needs pyarrow, which is not installed",
                             "pip install pyarrow, or a .csv file") from None
    directory = p.parent if str(p.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"--out {path}", f"no folder {directory}", "an existing folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=ext, dir=directory)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would outlive the rename
    try:
        if ext == ".csv":
            df.to_csv(tmp, index=index)
        else:
            out = df.reset_index() if index else df
            out.columns = [str(c) for c in out.columns]
            out.to_parquet(tmp, index=False)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p


def check_chart_path(path: str | None) -> None:
    """Refuse a chart path we cannot write before the analysis runs."""
    if not path:
        return
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
    p = Path(path)
    if p.suffix.lower() == ".html":
        fig.write_html(str(p), include_plotlyjs="cdn")
    else:
        try:
            fig.write_image(str(p))  # kaleido drives a Chrome/Chromium to render the PNG
        except Exception as exc:  # no browser for kaleido, or it failed: say so, offer HTML
            raise InputError(f"--chart {path}", f"could not render a PNG ({type(exc).__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else 'no detail'})",
                             "Chrome or Chromium for kaleido (Debian: apt-get install chromium),"
                             f" or --chart {p.with_suffix('.html')}") from None
    return p
