"""Every CLI command × every one of its options × bad values generated from the option's kind
(whole numbers, choices, paths, --set texts, sweep specs, names), each answered within a bound
with exit status 2 and one line; every command's output to a full disk, a closed stdout and an
ASCII-only terminal; every output file (export, --out, --chart) under a file-size limit that
cuts the write midway: the old file survives with its mode, and no temp file is left."""
from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from orbital import cli
from orbital.cli.common import Parser
from orbital.cli.main import COMMANDS
from orbital.model import catalogue
from orbital.sets.loading import load
from test_hostile import POOL, acceptable, bounded

PARAMS = [s for s in catalogue.parameters() if s.kind != "choice"]
CHOICES = [s for s in catalogue.parameters() if s.kind == "choice"]
SERIES = [r.name for r in catalogue.results() if r.series]
P = PARAMS[0]
V = float(load("default")[P.name].display_value())
CASE_SECONDS = 10


def base_argv(name: str, tmp: Path) -> list[str]:
    """The smallest valid call of each command (quick to run)."""
    return {
        "export": ["-o", str(tmp / "ok.toml")],
        "diff": ["default", "default"],
        "sweep": ["--x", f"{P.name}={V!r},{V * 1.1!r}", "--no-progress"],
        "mc": ["-n", "16", "--param", P.name, "--no-progress"],
        "sobol": ["-n", "8", "--param", P.name, "--no-progress"],
        "tornado": ["--param", P.name],
        "report": ["-o", str(tmp / "ok.html")],
    }.get(name, [])


def bad_values(action, tmp: Path) -> list[str]:
    """Values every one of which is wrong for this option, from what kind of option it is."""
    dest = action.dest
    if action.type is int:
        return ["-1", "1.5", "ten", "1e10", str(10 ** 23), ""]
    if action.type is float:
        return ["-1", "0", "nan", "inf", "ten", ""]
    if action.choices:
        return ["no-such-choice", ""]
    if dest in ("out", "chart", "output", "pdf"):
        ext = {"out": ".csv", "chart": ".html", "output": ".toml", "pdf": ".pdf"}[dest]
        return [str(tmp), str(tmp / "missing" / f"x{ext}"), str(tmp / "x.xlsx"), "/dev/full"]
    if dest == "sets":
        return ["no-equals", f"=1", f"{P.name}=", f"{P.name}=1x{' ' * 5000}y",
                f"{P.name}=1 {P.unit}**9**9**9", "meta\nx=1", f"{P.name}=\x1b[2J",
                "no.such_parameter=1", f"{CHOICES[0].name}=no-such-option",
                f"{P.name}=nan", f"{P.name}={'9' * 5000}"]
    if dest in ("x", "y"):
        return ["no-equals", f"{P.name}=1", f"{P.name}=a:b", f"{P.name}={V}:{V * 2}:1",
                f"{P.name}={V}:{V * 2}:{10 ** 7}", f"{P.name}={V}:{V * 2}:3:cubic",
                f"{CHOICES[0].name}=1:2", f"no.such={V}:{V * 2}", f"{P.name}=1 deg:2 deg"]
    if dest in ("results", "result"):
        return ["no.such_result", *SERIES[:2]]
    if dest == "params":
        return ["no.such_param", CHOICES[0].name]
    if dest == "scheduler":
        return ["not a url", "tcp://"]
    if dest in ("file", "a", "b"):
        return ["no-such-preset", "/etc/passwd", "/", str(tmp), "x" * 300, "../../etc/passwd"]
    raise AssertionError(f"no bad values for option {dest!r}: add them")


def cli_cases(tmp: Path):
    for command in COMMANDS:
        p = Parser(prog=f"orbital {command.name}")
        command.add_arguments(p)
        for action in p._actions:  # argparse's list of options (no public accessor)
            if action.nargs == 0 or action.dest == "help":
                continue  # flags take no value
            for value in bad_values(action, tmp):
                argv = [command.name, *base_argv(command.name, tmp)]
                if action.option_strings:
                    argv += [action.option_strings[-1], value]
                elif action.dest == "file":
                    argv.insert(1, value)
                else:  # diff A B
                    argv[1 + ("a", "b").index(action.dest)] = value
                yield argv
    for argv_tail in (["--engine", "dask", "--scheduler", "not a url"],
                      ["--scheduler", "tcp://127.0.0.1:1"]):  # the latter without --engine dask
        yield ["mc", *base_argv("mc", tmp), *argv_tail]
    for spec in PARAMS:  # every parameter in one unit of the wrong kind, through --set
        wrong = next(u for u in POOL if not acceptable(u, spec))
        yield ["evaluate", "--set", f"{spec.name}=1 {wrong}"]


def test_every_command_refuses_every_bad_option_with_one_line(tmp_path, capsys):
    n = 0
    for argv in cli_cases(tmp_path):
        with bounded(CASE_SECONDS):
            code = cli.main(argv)
        out, err = capsys.readouterr()
        assert code == 2, (argv, code, err, out[-300:])
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("orbital: error: "), (argv, err)
        assert "internal error" not in err and "Traceback" not in err
        n += 1
    assert n > 300, n  # 11 commands × their options × 2–11 values, and every parameter
    assert not (tmp_path / "missing").exists()
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # never renamed over


# ----------------------------------------------------------------------------- streams

def _orbital(args, **kw):
    return subprocess.run([sys.executable, "-m", "orbital.cli", *args], capture_output=False,
                          timeout=120, **kw)


@pytest.mark.parametrize("stream", ["full", "closed", "ascii"])
def test_every_command_on_a_failing_stdout_exits_2_with_one_line(tmp_path, stream):
    for command in COMMANDS:
        argv = [command.name, *base_argv(command.name, tmp_path)]
        if stream == "closed":
            r = subprocess.run([sys.executable, "-c", "import os, sys; os.close(1); "
                                "from orbital.cli import main; sys.exit(main(sys.argv[1:]))",
                                *argv], stderr=subprocess.PIPE, text=True, timeout=120)
        elif stream == "full":
            with open("/dev/full", "w") as full:
                r = _orbital(argv, stdout=full, stderr=subprocess.PIPE, text=True)
        else:
            r = _orbital(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ, PYTHONIOENCODING="ascii"))
        lines = [line for line in r.stderr.strip().splitlines()
                 if not line.startswith("orbital: warning: ")]  # Sobol' at n = 8 warns
        if stream == "ascii" and r.returncode == 0:  # the output happened to be ASCII
            assert r.stdout.isascii() and not lines, (argv, r.stderr)
            continue
        assert r.returncode == 2, (stream, argv, r.returncode, r.stderr)
        assert len(lines) == 1 and lines[0].startswith("orbital: error: "), (argv, r.stderr)
        assert "internal error" not in r.stderr


# ----------------------------------------------------------------------------- files lost

def _outputs(tmp: Path):
    big = ["--x", f"{P.name}={V}:{V * 2}:400", "--no-progress"]
    yield "export", ["export", "-o", str(tmp / "set.toml")], tmp / "set.toml"
    yield "export", ["export", "-o", str(tmp / "set.json")], tmp / "set.json"
    yield "table", ["sweep", *big, "--out", str(tmp / "t.csv")], tmp / "t.csv"
    yield "chart", ["sweep", *big, "--chart", str(tmp / "c.html")], tmp / "c.html"
    yield "report", ["report", "-o", str(tmp / "r.html")], tmp / "r.html"


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))


@pytest.mark.parametrize("case", range(5))
def test_an_output_cut_midway_leaves_the_old_file_and_a_finished_one_keeps_its_mode(tmp_path,
                                                                                    case):
    what, argv, target = list(_outputs(tmp_path))[case]
    old = "old contents\n" * 10
    target.write_text(old)
    os.chmod(target, 0o640)
    r = _orbital(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                 preexec_fn=_limit_file_size)  # writes beyond 4 kB fail with EFBIG
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and "cannot write" in lines[0], (what, r.stderr)
    assert target.read_text() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temp file left
    r = _orbital(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 0, r.stderr
    assert target.read_text() != old and len(target.read_bytes()) > 4096
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640  # not mkstemp's 0600


# ----------------------------------------------------------------------------- the page

def _page():
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"),
                             default_timeout=60)


def test_the_page_refuses_every_wrong_kind_of_unit_in_its_url():
    """Every fraction of the catalogue given in degrees, every angle in percent, a power tower
    and a 300,000-space value: one error each, named, and the page still works."""
    from pagetext import rendered
    from test_hostile import ANGLE_POWER, oracle_kind

    query = {}
    for spec in PARAMS:
        if oracle_kind(spec.unit) == oracle_kind("1"):
            query[spec.name] = "50 deg"
        elif ANGLE_POWER.get(spec.unit) == 1:
            query[spec.name] = "50 %"
    towers = [s for s in PARAMS if s.name not in query][:2]
    query[towers[0].name] = f"1 {towers[0].unit}**9**9**9"
    query[towers[1].name] = "1x" + " " * 300_000 + "y"
    at = _page()
    at.query_params.update(query)
    with bounded(120):
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [rendered(e.value) for e in at.error]
    assert len(errors) == len(query), (len(errors), len(query))
    for name in query:
        assert sum(f"URL parameter '{name}'" in e for e in errors) == 1, name


def test_a_page_upload_just_below_a_widget_minimum_is_shown_not_raised():
    """An analysis period in seconds a hair under the slider's 1-year minimum after
    conversion (within the loader's round-off tolerance)."""
    spec = catalogue.parameters()["finance.analysis_period"]
    seconds = spec.low * 365.25 * 86400 * (1 - 1e-13)  # a Julian year, by hand
    data = (f'[meta]\nextends = "default"\n[{spec.name}]\nvalue = {seconds!r}\nunit = "s"\n'
            'source = "x"\n').encode()
    at = _page()
    at.run()
    at.file_uploader(key="upload").set_value(("p.toml", data, "application/toml")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# ----------------------------------------------------------------------------- what is printed

UNSAFE = "".join(map(chr, [*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0),
                           0x2028, 0x2029, *range(0x202a, 0x202f), *range(0x2066, 0x206a),
                           0xfeff]))


def test_no_command_prints_a_control_character_from_a_file(tmp_path, capsys):
    """A set whose name, description, source and note hold every C0/C1 control, line
    separator and bidi override (TOML escapes them) is printed by every command without one of
    them raw: JSON-style ``\\uXXXX`` escapes instead."""
    evil = "".join(f"\\u{ord(c):04x}" for c in UNSAFE if c not in "\x00")
    a = load("default")[P.name]
    dist = ", ".join(f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"'
                     for k, v in a.distribution.as_dict().items())
    path = tmp_path / "evil.toml"
    path.write_text(f'[meta]\nextends = "default"\nname = "n{evil}"\ndescription = "d{evil}"\n'
                    f'[{P.name}]\nvalue = {a.value!r}\nunit = "{a.unit}"\nsource = "s{evil}"\n'
                    f'note = "t{evil}"\ndistribution = {{ {dist} }}\n')
    n = 0
    for command in COMMANDS:
        argv = [command.name, str(path), *base_argv(command.name, tmp_path)]
        if command.name == "diff":
            argv = ["diff", str(path), "default"]
        for fmt in ([], ["--json"]) if command.name in ("evaluate", "params", "diff") else ([],):
            code = cli.main(argv + fmt)
            out, err = capsys.readouterr()
            assert code == 0, (argv, err)
            assert not any(c in out + err for c in UNSAFE if c not in "\n\t"), argv
            if fmt:
                import json
                json.loads(out)  # still valid JSON
            n += 1
    assert n >= len(COMMANDS)


def test_page_text_is_shown_literally():
    """What markdown renders from ``markdown_text(s)`` is ``s`` itself (control characters as
    escapes): CommonMark's backslash rule as the oracle, over generated text."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from orbital.core.errors import printable
    from orbital.ui.state import markdown_text
    from pagetext import rendered

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.text(alphabet=st.sampled_from(list("*_`[]()<>#$~|:!\\-+=.1 aZ\n\x1b")),
                   max_size=40))
    def check(s):
        shown = markdown_text(s)
        assert rendered(shown) == printable(s)
        assert "\n" not in shown and "\x1b" not in shown

    check()


@pytest.mark.parametrize("errno_", [13, 30, 28, 27])  # EACCES, EROFS, ENOSPC, EFBIG
@pytest.mark.parametrize("where", ["tempfile.mkstemp", "os.replace"])
def test_an_output_to_a_read_only_or_full_place_is_refused_and_keeps_the_old_file(
        tmp_path, capsys, monkeypatch, errno_, where):
    """A read-only folder (which root, running these tests, would not feel), a read-only file
    system, a full disk and a file-size limit, when the temp file is made or renamed."""
    import tempfile

    module, name = where.split(".")
    real = getattr({"tempfile": tempfile, "os": os}[module], name)

    def fail(*a, **k):
        raise OSError(errno_, os.strerror(errno_))

    for what, argv, target in _outputs(tmp_path):
        target.write_text("old\n")
        monkeypatch.setattr({"tempfile": tempfile, "os": os}[module], name, fail)
        try:
            code = cli.main(argv)
        finally:
            monkeypatch.setattr({"tempfile": tempfile, "os": os}[module], name, real)
        out, err = capsys.readouterr()
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1 and os.strerror(errno_) in lines[0], (what, err)
        assert target.read_text() == "old\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == [target.name], what
        target.unlink()
