"""Where assumption sets live on disk, how a name in a file may reach another file, and how
files are written (atomically: a temp file renamed into place)."""
from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from ..core.errors import InputError, did_you_mean

#: The largest assumption file orbital reads (uploads and files alike).
MAX_FILE_BYTES = 1_000_000

def assumptions_dir() -> Path:
    """Where the shipped assumption sets live: ``$ORBITAL_ASSUMPTIONS``, the source tree's
    ``assumptions/`` or the copy packaged inside an installed wheel."""
    env = os.environ.get("ORBITAL_ASSUMPTIONS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parents[1]  # the orbital package
    for candidate in (here.parent / "assumptions", here / "_assumptions"):
        if candidate.is_dir():
            return candidate
    return here.parent / "assumptions"


def preset_paths() -> list[Path]:
    """Every assumption set shipped with orbital, ``default`` first."""
    paths = sorted(assumptions_dir().glob("*.toml"))
    return sorted(paths, key=lambda p: (p.stem != "default", p.stem))


def output_mode(path: Path) -> int:
    """The permission bits a new version of ``path`` gets: the existing file's (an export
    never turns a 0644 file into 0600), else what the umask gives a new file."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temp file in the same folder and an atomic rename,
    keeping the mode of the file it replaces. Raises OSError (callers say what failed)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    mode = output_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


_WRITABLE = "a file path in an existing folder you can write to"


def check_writable(path: str | os.PathLike, place: str) -> Path:
    """Refuse an output path that cannot work (a folder, a missing folder) before any work is
    done; returns the folder the file goes in."""
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise InputError(place, "is a folder, not a file", _WRITABLE)
    if p.exists() and not p.is_file():  # /dev/full, a fifo: never renamed over
        raise InputError(place, "is a device or special file, not a regular file", _WRITABLE)
    if not directory.is_dir():
        raise InputError(place, f"cannot write the file: no folder {directory}", _WRITABLE)
    return directory


def atomic_output(path: str | os.PathLike, write, place: str) -> Path:
    """Have ``write(temp_path)`` write a file (pandas, plotly) and rename it onto ``path``:
    a write that fails midway (a full disk, a file-size limit, an interrupt) leaves any old
    file untouched and no temp file behind; the old file's mode is kept. A path that cannot
    work (a folder, a missing or read-only folder) is an :class:`InputError` naming ``place``."""
    p = Path(path)
    directory = check_writable(p, place)
    expected = _WRITABLE
    mode = output_mode(p)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=p.suffix, dir=directory)
    except OSError as exc:
        raise InputError(place, f"cannot write in {directory} ({exc.strerror or exc})",
                         expected) from None
    try:
        os.fchmod(fd, mode)
        os.close(fd)
        write(tmp)
        os.replace(tmp, p)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(place, f"cannot write the file ({exc.strerror or exc})",
                         expected) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p


def resolve(source: str | os.PathLike, base_dir: Path | None = None, *,
            confined: bool = False) -> Path:
    """The path of a preset name or a file path, checked to exist.

    The path rule: a name the *caller* gives (``load(path)``, a command-line FILE) may be any
    file the user can read. A name read *from a file, an upload or a URL* (``extends``;
    ``confined=True``) never names a path on the server outside two folders: the assumptions
    folder and the folder of the file that names it (an upload has no folder, so only the
    presets). Inside those it is a preset name (``"default"``) or a relative ``.toml``/``.json``
    path; absolute paths, ``~``, ``..`` that leaves the folder, and symlinks that point out of
    it are refused, judged on the real path after every symlink is resolved.
    """
    text = str(source)
    if confined:
        _check_confined_text(text)
    candidates: list[tuple[Path, Path | None]] = []  # (candidate, folder it must stay in)
    p = Path(text)
    if p.suffix.lower() in (".toml", ".json") or os.sep in text or "/" in text:
        if confined:
            if base_dir is not None:
                candidates.append((base_dir / p, base_dir))
            candidates.append((assumptions_dir() / p, assumptions_dir()))
        else:
            candidates.append((p if p.is_absolute() or base_dir is None else base_dir / p, None))
            if base_dir is not None and not p.is_absolute():
                candidates.append((p, None))
    else:
        if base_dir is not None:
            candidates.append((base_dir / f"{text}.toml", base_dir if confined else None))
        candidates.append((assumptions_dir() / f"{text}.toml",
                           assumptions_dir() if confined else None))
    for c, root in candidates:
        try:
            found = c.is_file()
            inside = root is None or (found and c.resolve().is_relative_to(root.resolve()))
        except (OSError, ValueError):  # a name too long, a NUL byte: not a file
            continue
        if found and not inside:
            raise InputError(text, "names a file outside the assumptions folder and the "
                             "file's own folder (after following symlinks)", _CONFINED)
        if found:
            return c
    names = [q.stem for q in preset_paths()]
    hint = did_you_mean(text, names)
    raise InputError(text, "no such assumption set" + hint,
                     "a preset name (" + ", ".join(names) + ") or a path to a .toml/.json file")


_CONFINED = ("a preset name or a relative .toml/.json path inside the file's own folder or the "
             "assumptions folder")


def _check_confined_text(text: str) -> None:
    """Refuse, from the text alone, a name in a file that tries to reach elsewhere."""
    if not text.strip() or len(text) > 255 or "\0" in text:
        raise InputError(repr(text[:60]), "is not a usable assumption-set name", _CONFINED)
    if text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", text) \
            or Path(text).is_absolute():
        raise InputError(text, "is an absolute path, which a file may not name", _CONFINED)
    if ".." in re.split(r"[/\\]", text):
        raise InputError(text, "climbs out of its folder with '..', which a file may not do",
                         _CONFINED)


def display_path(path: Path) -> str:
    """How messages name a file: shipped presets as ``assumptions/NAME.toml`` (never the
    server's own folders, which a page user has no business seeing), other paths as given."""
    try:
        return str(Path("assumptions") / Path(path).resolve().relative_to(
            assumptions_dir().resolve()))
    except (ValueError, OSError):
        return str(path)


