"""The hostile-input corpus (tests/corpus/, written by tests/corpus/make_corpus.py) through every
input path: the loader, ``orbital evaluate FILE`` and ``--set``, the page's upload and URL
readers, the Python API and the analysis commands. Each refusal is an InputError (exit status 2
on the command line) with one line naming the place, what was given and what was expected, and
never another exception or a traceback. Plus what cannot sit in git: files over the size cap and
symlinks that point out of the assumption folders."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

import numpy as np
import pytest

import orbital
from orbital import Q_, InputError, cli
from orbital.cli.common import EXIT_BAD_INPUT
from orbital.sets.files import MAX_FILE_BYTES, assumptions_dir
from orbital.sets.loading import load, loads
from orbital.sets.values import parse_setting
from orbital.ui import state as S
from pagetext import rendered  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = CORPUS / "files"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
FILE_CASES = sorted(EXPECTED["files"].items())
ORBITAL = Path(sys.executable).with_name("orbital")


def one_line(msg: str, parts, *places: str) -> None:
    assert "\n" not in msg.strip(), msg
    assert "Traceback" not in msg, msg
    for part in (*places, *parts):
        assert part in msg, f"{part!r} not in {msg!r}"


def cli_refuses(argv, parts, capsys) -> str:
    rc = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert rc == EXIT_BAD_INPUT, (rc, err)
    assert err.startswith("orbital: error: "), err
    one_line(err, parts)
    return err


def test_the_corpus_is_large_and_matches_its_files():
    n = (len(FILE_CASES) + len(EXPECTED["set"]) + len(EXPECTED["url"]) + len(EXPECTED["api"])
         + len(EXPECTED["cli"]))
    assert n >= 200, n
    assert sorted(p.name for p in FILES.iterdir()) == [name for name, _ in FILE_CASES]
    assert all(case["expect"] for _, case in FILE_CASES)


# ----------------------------------------------------------------------------- files

@pytest.mark.parametrize("name,case", FILE_CASES, ids=[n for n, _ in FILE_CASES])
def test_loader_refuses(name, case):
    with pytest.raises(InputError) as info:  # any other exception fails the test
        load(FILES / name)
    one_line(str(info.value), case["expect"], name)


@pytest.mark.parametrize("name,case", FILE_CASES, ids=[n for n, _ in FILE_CASES])
def test_cli_evaluate_refuses(name, case, capsys):
    cli_refuses(["evaluate", str(FILES / name)], case["expect"], capsys)


@pytest.mark.parametrize("name,case", FILE_CASES, ids=[n for n, _ in FILE_CASES])
def test_upload_refuses(name, case):
    with pytest.raises(InputError) as info:
        S.load_upload((FILES / name).read_bytes(), name)
    msg = str(info.value)
    one_line(msg, case.get("upload_expect", case["expect"]), f"upload '{name}'")
    assert str(FILES) not in msg  # an upload's message names no server folder of its own


@pytest.mark.parametrize("name", ["toml-unclosed-table.toml", "bytes-garbage.toml",
                                  "ext-etc-passwd.toml", "nest-json-objects.json",
                                  "dim-launch.price_per_kg.toml"])
def test_the_real_command_exits_2_with_one_line(name):
    case = EXPECTED["files"][name]
    p = subprocess.run([str(ORBITAL), "evaluate", str(FILES / name)], capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 2, p.stderr
    assert p.stdout == ""
    assert p.stderr.startswith("orbital: error: ") and p.stderr.count("\n") == 1, p.stderr
    one_line(p.stderr, case["expect"])


# ----------------------------------------------------------------------------- --set

SETS = EXPECTED["set"]


@pytest.mark.parametrize("case", SETS, ids=[c["text"][:40] for c in SETS])
def test_set_refuses(case, capsys):
    err = cli_refuses(["evaluate", "--set", case["text"]], case["expect"], capsys)
    assert "--set" in err  # the message names the flag


@pytest.mark.parametrize("case", SETS, ids=[c["text"][:40] for c in SETS])
def test_with_values_refuses_the_same_text(case):
    base = load("default")
    with pytest.raises(InputError) as info:
        name, value = parse_setting(case["text"])
        base.with_values({name: value}, place="--set")
    one_line(str(info.value), case["expect"])


# ----------------------------------------------------------------------------- URL

URLS = EXPECTED["url"]


@pytest.mark.parametrize("case", URLS, ids=[str(c["params"])[:40] for c in URLS])
def test_url_reports_and_falls_back(case):
    preset, changes, errors = S.parse_query(case["params"])
    assert errors, "a bad URL parameter must be reported"
    one_line(" | ".join(errors), case["expect"])
    assert preset in {p.stem for p in assumptions_dir().glob("*.toml")}
    assert not set(changes) & set(case["params"]), "a refused value must not be applied"


# ----------------------------------------------------------------------------- Python API

def api_value(case):
    kind, v, unit = case["kind"], case["value"], case["unit"]
    if kind == "quantity":
        return Q_(float(v), unit)
    if kind == "quantities":
        return Q_(np.array([float(x) for x in v]), unit)
    if kind == "complex":
        return Q_(complex(v, 1.0), unit)
    if kind == "bigint":
        return Q_(10 ** v, unit)
    if kind == "other_registry":
        import pint

        other = pint.UnitRegistry()
        other.define("USD = [currency]")
        return other.Quantity(v, unit)
    return {"bare": v, "text": v, "bool": True, "none": None}[kind]


API = EXPECTED["api"]


@pytest.mark.parametrize("case", API, ids=[f"{c['name']}-{c['kind']}-{c['unit']}" for c in API])
def test_api_refuses_and_names_the_argument(case):
    base = load("default")
    with pytest.raises(InputError) as info:
        orbital.evaluate(base, {case["name"]: api_value(case)})
    one_line(str(info.value), case["expect"], f"'{case['name']}'")
    # the mapping form and AssumptionSet.with_values refuse it too, naming the parameter
    with pytest.raises(InputError, match=case["name"].replace(".", r"\.")):
        orbital.evaluate({**base.inputs(), case["name"]: api_value(case)})
    if case["kind"] not in ("quantities", "bare", "text"):  # with_values reads those
        with pytest.raises(InputError, match=case["name"].replace(".", r"\.")):
            base.with_values({case["name"]: api_value(case)})


@pytest.mark.parametrize("inputs,overrides,part", [
    (None, None, "argument 'inputs'"), ("default", None, "argument 'inputs'"),
    (42, None, "argument 'inputs'"), ("SET", [1, 2], "argument 'overrides'"),
    ("SET", "launch.price_per_kg=2", "argument 'overrides'"),
])
def test_api_refuses_wrong_argument_types(inputs, overrides, part):
    inputs = load("default") if inputs == "SET" else inputs
    with pytest.raises(InputError, match=part):
        orbital.evaluate(inputs, overrides)


# ----------------------------------------------------------------------------- commands

CLI = EXPECTED["cli"]


@pytest.mark.parametrize("case", CLI, ids=[" ".join(c["argv"])[:50] for c in CLI])
def test_commands_refuse_bad_arguments(case, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be written, and nothing lands in the repo
    cli_refuses(case["argv"], case["expect"], capsys)
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------- size cap

@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_files_over_the_size_cap(tmp_path, suffix, capsys):
    pad = "#" * 80 + "\n" if suffix == ".toml" else " " * 80
    text = (pad * (MAX_FILE_BYTES // 80 + 2))
    p = tmp_path / f"huge{suffix}"
    p.write_text(text)
    for refuse in (lambda: load(p), lambda: loads(text.encode()),
                   lambda: S.load_upload(text.encode(), p.name)):
        with pytest.raises(InputError, match=f"at most {MAX_FILE_BYTES:,}"):
            refuse()
    cli_refuses(["evaluate", str(p)], [f"at most {MAX_FILE_BYTES:,}"], capsys)


def test_a_parent_over_the_size_cap(tmp_path):
    (tmp_path / "big.toml").write_text("#" * (MAX_FILE_BYTES + 1))
    child = tmp_path / "child.toml"
    child.write_text('[meta]\nextends = "big.toml"\n')
    with pytest.raises(InputError, match="big.toml.*at most"):
        load(child)


# ----------------------------------------------------------------------------- symlinks

def test_extends_may_not_follow_a_symlink_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.toml"
    secret.write_text(load("default").to_toml())  # a valid set: only the rule refuses it
    folder = tmp_path / "sets"
    folder.mkdir()
    (folder / "link.toml").symlink_to(secret)
    (folder / "dirlink").symlink_to(outside, target_is_directory=True)
    for target in ("link.toml", "dirlink/secret.toml", "link"):
        child = folder / "child.toml"
        child.write_text(f'[meta]\nextends = "{target}"\n')
        with pytest.raises(InputError, match="outside the assumptions folder"):
            load(child)
    # the user may still name the same file directly: the rule is for names inside files
    assert load(folder / "link.toml") == load(secret)


def test_extends_inside_the_folder_and_to_presets_still_works(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "parent.toml").write_text('[meta]\nextends = "default"\n\n[launch.price_per_kg]\n'
                                     'value = 321\nunit = "USD/kg"\nsource = "x"\n')
    (tmp_path / "inner.toml").symlink_to(sub / "parent.toml")  # a symlink that stays inside
    for target in ("sub/parent.toml", "inner.toml", "./sub/parent.toml"):
        child = tmp_path / "child.toml"
        child.write_text(f'[meta]\nextends = "{target}"\n')
        assert load(child)["launch.price_per_kg"].value == 321
    up = loads('[meta]\nextends = "musk-moonshot-2026"\n')  # an upload may extend a preset
    assert up.based_on[0] == load("musk-moonshot-2026").name


# ----------------------------------------------------------------------------- the page

@pytest.fixture(scope="module")
def page():
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"),
                           default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("name", ["toml-duplicate-key.toml", "bytes-utf16.toml",
                                  "ext-etc-passwd.toml", "json-duplicate-key.json",
                                  "range-low-launch.price_per_kg.toml", "HUGE"])
def test_page_upload_shows_the_error_and_keeps_working(page, name):
    before = _metrics(page)
    if name == "HUGE":
        data, parts = b"#" * (MAX_FILE_BYTES + 1), [f"at most {MAX_FILE_BYTES:,}"]
        name = "huge.toml"
    else:
        data = (FILES / name).read_bytes()
        parts = EXPECTED["files"][name].get("upload_expect", EXPECTED["files"][name]["expect"])
    page.file_uploader(key="upload").set_value((name, data, "application/toml")).run()
    assert not page.exception, [e.value for e in page.exception]
    errors = " | ".join(rendered(e.value) for e in page.error)
    one_line(errors, parts, "Upload refused", name)
    assert _metrics(page) == before  # the page keeps its previous state
    page.file_uploader(key="upload").set_value(None).run()


def test_page_with_a_hostile_url_shows_errors_not_a_traceback():
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"),
                           default_timeout=60)
    at.query_params.update({"preset": "../../etc/passwd", "launch.price_per_kg": "60 USD/kWh",
                            "orbit.model": "INCLINED", "x" * 300: "1"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " | ".join(rendered(e.value) for e in at.error)
    for part in ("no preset '../../etc/passwd'", "'USD/kWh'", "'INCLINED'", "unknown parameter"):
        assert part in errors, errors
    assert at.selectbox(key="preset").value == "default"


def test_page_with_a_bad_widget_value_reports_it(page):
    page.session_state["array.cell_efficiency"] = -0.5
    page.session_state["launch.payload_per_flight"] = float("nan")
    page.run()
    assert not page.exception, [e.value for e in page.exception]
    errors = " | ".join(rendered(e.value) for e in page.error)
    assert "widget 'array.cell_efficiency'" in errors and "outside the range" in errors, errors
    assert "widget 'launch.payload_per_flight'" in errors and "finite" in errors, errors


def test_page_with_values_the_model_refuses_together_shows_an_error(page):
    """Each value in range, the combination impossible: an error on the page, not a traceback."""
    page.session_state["orbit.model"] = "sun_synchronous"
    page.session_state["orbit.altitude"] = 10000.0
    page.run()
    assert not page.exception, [e.value for e in page.exception]
    errors = " | ".join(rendered(e.value) for e in page.error)
    assert "orbit.altitude" in errors and "sun-synchronous" in errors, errors
    bad = loads(load("default").with_values({"orbit.model": "sun_synchronous"}).to_toml()
                .replace('[orbit.altitude]\nvalue = ', '[orbit.altitude]\nvalue = 1e4 #'))
    page.file_uploader(key="upload").set_value(("far.toml", bad.to_toml().encode(),
                                                "application/toml")).run()
    assert not page.exception, [e.value for e in page.exception]
    assert any("Upload refused" in rendered(e.value) and "sun-synchronous" in rendered(e.value)
               for e in page.error)
