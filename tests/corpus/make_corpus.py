"""Write the corpus of malformed and hostile inputs that tests/test_corpus.py runs through the
loader, the CLI, the page's upload path, the URL reader and the Python API.

    .venv/bin/python tests/corpus/make_corpus.py      # rewrites tests/corpus/files/ and expected.toml

Every case says what the message must contain (``expect``: fragments naming the place, the
parameter, what was given and what was expected). Fragments are written from the rules in
DESIGN.md and the parameter catalogue (names, units, ranges), never copied from orbital's output.
Cases built from the catalogue (a wrong unit for every kind of unit, a value outside every
bounded range) follow the catalogue: rerun this script when a parameter is added or renamed.

Not kept as files (built by the tests instead): files over the size cap (megabytes in git for
nothing) and symlinks (made in a temporary folder so they point at a real outside file).
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import tomli_w  # noqa: E402

from orbital.model import catalogue as schema  # noqa: E402

FILES = HERE / "files"
EXT = '[meta]\nextends = "default"\n\n'
PRICE = "launch.price_per_kg"

files: dict[str, dict] = {}   # file name -> {"why", "expect", optional "upload_expect"}
contents: dict[str, bytes] = {}


def case(name: str, text: str | bytes, why: str, expect: list[str],
         upload_expect: list[str] | None = None) -> None:
    assert name not in files, name
    contents[name] = text if isinstance(text, bytes) else text.encode("utf-8")
    files[name] = {"why": why, "expect": expect}
    if upload_expect is not None:
        files[name]["upload_expect"] = upload_expect


def entry(name: str, body: str, head: str = "") -> str:
    return f"{head}[{name}]\n{body}\n"


def q(s: str) -> str:
    """A TOML basic string."""
    return json.dumps(s, ensure_ascii=False)


# ----------------------------------------------------------------------------- malformed TOML

MALFORMED_TOML = [
    ("unclosed-table", "[meta]\nname = \"x\"\n[launch.price_per_kg\nvalue = 1\n", 3),
    ("missing-equals", "[meta]\nname \"x\"\n", 2),
    ("unterminated-string", "[meta]\nname = \"x\n", 2),
    ("unterminated-array", "[meta]\nbased_on = [\"a\", \"b\"\n\n[launch]\n", 4),
    ("duplicate-key", entry(PRICE, "value = 1\nvalue = 2\nunit = \"USD/kg\"\nsource = \"x\""), 3),
    ("duplicate-table", entry(PRICE, "value = 1") + entry(PRICE, "value = 2"), 3),
    ("bad-escape", "[meta]\nname = \"a\\qb\"\n", 2),
    ("trailing-comma-inline", entry(PRICE, "value = 1\nunit = \"USD/kg\"\nsource = \"x\"\n"
                                     "distribution = { kind = \"uniform\", low = 1, high = 2, }"), 5),
    ("no-value", entry(PRICE, "value =\nunit = \"USD/kg\""), 2),
    ("bad-number", entry(PRICE, "value = 1.2.3\nunit = \"USD/kg\""), 2),
    ("leading-dot-number", entry(PRICE, "value = .5\nunit = \"USD/kg\""), 2),
    ("number-with-unit", entry(PRICE, "value = 200 USD/kg\nsource = \"x\""), 2),
    ("bad-date", "[meta]\nexported = 2026-13-45\n", 2),
    ("array-of-tables-clash", "[launch]\n[[launch]]\n", 2),
    ("key-redefined-as-table", "launch = 1\n[launch.price_per_kg]\n", 2),
    ("python-expression", entry(PRICE, "value = __import__('os').system('id')"), 2),
    ("yaml-instead", "meta:\n  name: x\nlaunch:\n  price_per_kg: 1\n", 1),
    ("unclosed-inline-table", entry(PRICE, "distribution = { kind = \"uniform\""), 2),
    ("control-character", "[meta]\nname = \"a\x01b\"\n", 2),
    ("newline-in-key", "[meta]\n\"na\nme\" = 1\n", 2),
]
for slug, text, line in MALFORMED_TOML:
    case(f"toml-{slug}.toml", text, f"malformed TOML ({slug}) names its line",
         [f"line {line}", "malformed TOML", "expected valid TOML"])

MALFORMED_JSON = [
    ("trailing-comma", '{"meta": {"name": "x",}\n}', 1),
    ("single-quotes", "{\n'meta': {}\n}", 2),
    ("comment", '{\n// a comment\n"meta": {}\n}', 2),
    ("unquoted-key", '{\n  meta: {}\n}', 2),
    ("truncated", '{"meta": {"name": "x"},\n "launch": {"price_per_kg": {"value": 1', 2),
    ("empty", "", 1),
    ("two-documents", '{"meta": {}}\n{"meta": {}}', 2),
    ("bare-word", '{"launch": {"price_per_kg": {"value": twelve}}}', 1),
    ("hex-number", '{"launch": {"price_per_kg": {"value": 0x10}}}', 1),
    ("utf8-bom", "\ufeff{\"meta\": {}}", 1),
]
for slug, text, line in MALFORMED_JSON:
    case(f"json-{slug}.json", text, f"malformed JSON ({slug}) names its line",
         [f"line {line}", "malformed JSON", "expected valid JSON"])

case("json-duplicate-key.json",
     '{"meta": {"extends": "default"},\n "launch": {\n  "price_per_kg": {"value": 1, "unit": '
     '"USD/kg", "source": "x"},\n  "price_per_kg": {"value": 2000, "unit": "USD/kg", '
     '"source": "y"}}}', "JSON keeps the last duplicate silently; orbital refuses it like TOML",
     ["line 4", "'price_per_kg' appears twice", "each key once"])
case("json-top-level-list.json", '[{"meta": {}}]', "the top level must be an object",
     ["top level is a list", "expected an object of sections"])
case("json-top-level-string.json", '"default"', "the top level must be an object",
     ["top level is a str", "expected an object of sections"])
case("json-top-level-number.json", '42', "the top level must be an object",
     ["top level is a int", "expected an object of sections"])

# ----------------------------------------------------------------------------- nesting
case("nest-toml-arrays.toml", "[meta]\nname = " + "[" * 5_000 + "]" * 5_000 + "\n",
     "deeply nested TOML arrays", ["nested too deeply", "expected valid TOML"])
case("nest-toml-inline-tables.toml", "x = " + "{a = " * 5_000 + "1" + "}" * 5_000 + "\n",
     "deeply nested TOML inline tables", ["nested too deeply", "expected valid TOML"])
case("nest-json-arrays.json", "[" * 5_000 + "]" * 5_000,
     "deeply nested JSON arrays (RecursionError in json)", ["nested too deeply",
                                                             "expected valid JSON"])
case("nest-json-objects.json", '{"a":' * 5_000 + "1" + "}" * 5_000,
     "deeply nested JSON objects", ["nested too deeply", "expected valid JSON"])
case("nest-toml-dotted-keys.toml", "[" + ".".join(["a"] * 1000) + "]\n",
     "a very deep dotted table: an unknown section, not a crash", ["unknown section 'a'"])

# ----------------------------------------------------------------------------- bytes
LATIN1 = '[meta]\nname = "café"\n'
case("bytes-latin1.toml", LATIN1.encode("latin-1"), "Latin-1 is not UTF-8",
     ["not UTF-8", f"byte {LATIN1.index('é')}", "expected a UTF-8 TOML or JSON file"])
case("bytes-utf16.toml", '[meta]\nname = "x"\n'.encode("utf-16"),
     "UTF-16 with a BOM", ["not UTF-8", "byte 0"])
case("bytes-garbage.toml", bytes(range(256)) * 4, "binary garbage", ["not UTF-8"])
case("bytes-png.json", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "an image renamed .json",
     ["not UTF-8", "byte 0"])
case("bytes-gzip.toml", b"\x1f\x8b\x08\x00" + bytes(range(200, 256)), "a gzip file",
     ["not UTF-8", "byte 1"])
case("bytes-nul.toml", b"[meta]\nname = \"a\x00b\"\n", "a NUL byte inside a string",
     ["line 2", "malformed TOML"])
case("bytes-pickle.toml", b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94.",
     "a pickle is data to refuse, never to load", ["not UTF-8", "byte 0"])
case("bytes-truncated-utf8.toml", '[meta]\nname = "€"\n'.encode("utf-8")[:-4],
     "a multi-byte character cut in half", ["not UTF-8"])

# ----------------------------------------------------------------------------- wrong dimension
# one parameter for every kind of declared unit, given a unit of another dimension
WRONG_UNIT = {"[mass]": "USD", "dimensionless": "kg"}
seen_units: set[str] = set()
for spec in schema.parameters():
    if spec.kind == "choice" or spec.unit in seen_units:
        continue
    seen_units.add(spec.unit)
    dim = str(spec.pint_unit.dimensionality)
    wrong = WRONG_UNIT.get(dim, "kg")
    value = spec.low if spec.low is not None and not spec.low_open else (
        (spec.low or 0) + 1 if spec.high is None else (spec.low + spec.high) / 2)
    case(f"dim-{spec.name}.toml",
         entry(spec.name, f"value = {value!r}\nunit = {q(wrong)}\nsource = \"x\""),
         f"{spec.name} [{spec.unit}] given in {wrong}",
         ["line 1", f"'{spec.name}'", f"'{wrong}'", "expected a unit compatible with "
          + (spec.unit or "1")])

DIM_EXTRA = [
    ("price-in-kg", PRICE, 200, "kg", ["'kg'", "mass", "price per mass"]),
    ("price-in-usd-per-kwh", PRICE, 60, "USD/kWh", ["'USD/kWh'", "price per energy"]),
    ("kwh-price-in-usd-per-kg", "ground.grid_price", 0.06, "USD/kg", ["'USD/kg'"]),
    ("kw-per-t-in-kw", "power.specific_power", 100, "kW", ["'kW'", "power"]),
    ("t-per-yr-in-t", "buildout.mass_per_year", 1000, "t", ["'t'", "mass"]),
    ("km-in-seconds", "orbit.altitude", 550, "s", ["'s'", "time"]),
    ("kelvin-in-watts", "thermal.temperature", 300, "W", ["'W'"]),
    ("efficiency-in-percent-per-year", "array.cell_efficiency", 30, "%/yr", ["'%/yr'", "rate"]),
    ("unknown-unit", PRICE, 200, "USD/kgg", ["unknown unit 'kgg'"]),
    ("unit-python", PRICE, 200, "__import__('os')", ["is not a unit"]),
    ("unit-with-number", PRICE, 200, "1e400 USD/kg", ["is not a unit"]),
    ("unit-divide-by-zero", PRICE, 200, "USD/kg/0", ["is not a unit"]),
    ("unit-huge-exponent", PRICE, 200, "USD/kg**999999999", ["has a power that is not a small number"]),
    ("unit-very-long", PRICE, 200, "USD/" + "k" * 500 + "g", ["is not a unit"]),
    ("unit-empty-for-price", PRICE, 200, "", ["''", "dimensionless"]),
    ("unit-one-for-mass", "launch.payload_per_flight", 100, "1", ["'1'", "dimensionless"]),
    ("unit-newline", PRICE, 200, "USD\n/kg", ["is not a unit"]),
    ("unit-offset-for-price", PRICE, 200, "degC", ["'degC'"]),
]
for slug, name, value, unit, parts in DIM_EXTRA:
    case(f"dim-{slug}.toml", entry(name, f"value = {value!r}\nunit = {q(unit)}\nsource = \"x\""),
         f"{name} given in {unit!r}", [f"'{name}'"] + parts)

# ----------------------------------------------------------------------------- out of range
for spec in schema.parameters():
    if spec.kind == "choice":
        continue
    u = spec.unit or "1"
    tests = []
    if spec.low is not None:
        tests.append(("low", spec.low if spec.low_open else spec.low - max(1.0, abs(spec.low))))
    if spec.high is not None:
        tests.append(("high", spec.high if spec.high_open else spec.high + max(1.0, abs(spec.high))))
    for side, v in tests:
        case(f"range-{side}-{spec.name}.toml",
             entry(spec.name, f"value = {v!r}\nunit = {q(u)}\nsource = \"x\""),
             f"{spec.name} = {v:g} {u} is outside {spec.range_text()}",
             ["line 1", f"'{spec.name}'", f"= {v:g}", "outside the range",
              f"expected {spec.range_text()}"])

RANGE_EXTRA = [
    ("negative-mass-kg", "launch.payload_per_flight", -5, "kg", "= -5"),
    ("efficiency-150-percent", "array.cell_efficiency", 150, "%", "= 150"),
    ("temperature-below-zero-kelvin", "thermal.temperature", -300, "degC", "= -300"),
    ("period-zero-days", "finance.analysis_period", 0, "d", "= 0"),
    ("altitude-1e300-km", "orbit.altitude", 1e300, "km", "= 1e+300"),
    ("subnormal-price", PRICE, 5e-324, "USD/kg", None),
    ("minus-zero-price", PRICE, -0.0, "USD/kg", "= -0"),
]
for slug, name, v, u, given in RANGE_EXTRA:
    if given is None:
        continue
    case(f"range-{slug}.toml", entry(name, f"value = {v!r}\nunit = {q(u)}\nsource = \"x\""),
         f"{name} = {v} {u} is outside its range", [f"'{name}'", given, "outside the range"])
case("range-fractional-sides.toml", entry("thermal.sides", "value = 1.5\nunit = \"1\"\n"
                                                           "source = \"x\""),
     "a whole-number parameter given 1.5", ["'thermal.sides'", "not a whole number"])

# ----------------------------------------------------------------------------- NaN / inf
for lit in ("nan", "+nan", "-nan", "inf", "+inf", "-inf"):
    case(f"nonfinite-toml-{lit.replace('+', 'plus').replace('-', 'minus')}.toml",
         entry(PRICE, f"value = {lit}\nunit = \"USD/kg\"\nsource = \"x\""),
         f"TOML {lit}", ["line 1", f"'{PRICE}'", "expected a finite number"])
for lit in ("NaN", "Infinity", "-Infinity", "1e999"):
    case(f"nonfinite-json-{lit.replace('-', 'minus')}.json",
         '{"launch": {"price_per_kg": {"value": ' + lit + ', "unit": "USD/kg", "source": "x"}}}',
         f"JSON {lit}", [f"'{PRICE}'", "expected a finite number"])
case("nonfinite-json-bigint.json",
     '{"launch": {"price_per_kg": {"value": 1' + "0" * 400 + ', "unit": "USD/kg", "source": "x"}}}',
     "a 401-digit JSON integer (OverflowError in float())", [f"'{PRICE}'", "401-digit integer",
                                                             "expected a finite number"])
for field in ("low", "high"):
    case(f"nonfinite-distribution-{field}.toml",
         entry(PRICE, "value = 200\nunit = \"USD/kg\"\nsource = \"x\"\ndistribution = "
               f"{{ kind = \"uniform\", low = {'nan' if field == 'low' else 1}, "
               f"high = {'inf' if field == 'high' else 300} }}"),
         f"a non-finite distribution {field}", [f"'{PRICE}'", f"distribution {field}",
                                                "expected a finite number"])

# ----------------------------------------------------------------------------- missing pieces
MISSING = [
    ("no-unit", "value = 200\nsource = \"x\"", ["has no unit", "expected unit = \"USD/kg\""]),
    ("no-source", "value = 200\nunit = \"USD/kg\"", ["has no source", "expected source ="]),
    ("empty-source", "value = 200\nunit = \"USD/kg\"\nsource = \"\"", ["has no source"]),
    ("blank-source", "value = 200\nunit = \"USD/kg\"\nsource = \"  \\t \"", ["has no source"]),
    ("source-number", "value = 200\nunit = \"USD/kg\"\nsource = 42", ["has no source"]),
    ("no-value", "unit = \"USD/kg\"\nsource = \"x\"", ["has no value", "expected value ="]),
    ("empty-table", "", ["has no value"]),
]
for slug, body, parts in MISSING:
    case(f"missing-{slug}.toml", entry(PRICE, body), f"{PRICE}: {slug}",
         ["line 1", f"'{PRICE}'"] + parts)
case("missing-everything.toml", "[meta]\nname = \"empty\"\n",
     "a set without extends must give every parameter",
     ["parameter '", "is missing", "more", "extends = \"default\""])
case("missing-everything.json", "{}", "an empty JSON object", ["is missing", "extends"])

# ----------------------------------------------------------------------------- unknown names
UNKNOWN = [
    ("param-typo", entry("launch.price_per_kgg", 'value = 1\nunit = "USD/kg"\nsource = "x"'),
     ["line 1", "unknown parameter 'launch.price_per_kgg'", f"did you mean '{PRICE}'"]),
    ("param-wrong-section", entry("launch.specific_power", 'value = 1\nunit = "kW/t"\n'
                                  'source = "x"'),
     ["unknown parameter 'launch.specific_power'", "did you mean '", ".specific_power'"]),
    ("section-typo", entry("lanch.price_per_kg", 'value = 1\nunit = "USD/kg"\nsource = "x"'),
     ["line 1", "unknown section 'lanch'", "did you mean 'launch'"]),
    ("field-typo", entry(PRICE, 'value = 1\nunit = "USD/kg"\nsorce = "x"'),
     ["'sorce'", "did you mean 'source'", "expected fields"]),
    ("field-units", entry(PRICE, 'value = 1\nunits = "USD/kg"\nsource = "x"'),
     ["'units'", "did you mean 'unit'"]),
    ("meta-typo", "[meta]\nextend = \"default\"\n",
     ["line 2", "unknown meta key 'extend'", "did you mean 'extends'"]),
    ("distribution-field-typo", entry(PRICE, 'value = 200\nunit = "USD/kg"\nsource = "x"\n'
                                      'distribution = { kind = "uniform", lo = 1, high = 300 }'),
     ["unknown field 'lo'", "did you mean 'low'"]),
    ("distribution-kind-typo", entry(PRICE, 'value = 200\nunit = "USD/kg"\nsource = "x"\n'
                                     'distribution = { kind = "triangle", low = 1, mode = 2, '
                                     'high = 300 }'),
     ["kind 'triangle'", "did you mean 'triangular'"]),
    ("cyrillic-k", entry("launch.\"price_per_\u043ag\"", 'value = 1\nunit = "USD/kg"\n'
                         'source = "x"'),
     ["unknown parameter 'launch.price_per_\u043ag'", f"did you mean '{PRICE}'"]),
    ("fullwidth-section", entry("\"ｌａｕｎｃｈ\".price_per_kg", 'value = 1\nunit = "USD/kg"\n'
                                'source = "x"'), ["unknown section 'ｌａｕｎｃｈ'"]),
    ("zero-width-space", entry("launch.\"price\u200b_per_kg\"", 'value = 1\nunit = "USD/kg"\n'
                               'source = "x"'),
     ["unknown parameter 'launch.price\u200b_per_kg'", f"did you mean '{PRICE}'"]),
    ("trailing-space-key", entry("launch.\"price_per_kg \"", 'value = 1\nunit = "USD/kg"\n'
                                 'source = "x"'),
     ["unknown parameter 'launch.price_per_kg '", f"did you mean '{PRICE}'"]),
    ("upper-case-name", entry("launch.PRICE_PER_KG", 'value = 1\nunit = "USD/kg"\nsource = "x"'),
     ["unknown parameter 'launch.PRICE_PER_KG'"]),
    ("greek-omicron-in-orbit", entry("\"\u03bfrbit\".altitude", 'value = 550\nunit = "km"\n'
                                     'source = "x"'),
     ["unknown section '\u03bfrbit'", "did you mean 'orbit'"]),
    ("unit-suffix-in-name", entry("launch.price_per_kg_usd", 'value = 1\nunit = "USD/kg"\n'
                                  'source = "x"'),
     ["unknown parameter 'launch.price_per_kg_usd'", f"did you mean '{PRICE}'"]),
]
for slug, text, parts in UNKNOWN:
    case(f"unknown-{slug}.toml", text, f"unknown name: {slug}", parts)
case("unknown-param.json", '{"launch": {"price_per_kgg": {"value": 1, "unit": "USD/kg", '
     '"source": "x"}}}', "unknown parameter in JSON",
     ["unknown parameter 'launch.price_per_kgg'", f"did you mean '{PRICE}'"])

# ----------------------------------------------------------------------------- distributions
DIST = [
    ("uniform-low-above-high", '{ kind = "uniform", low = 300, high = 100 }',
     ["(uniform) needs low < high", "low = 300"]),
    ("uniform-equal", '{ kind = "uniform", low = 200, high = 200 }', ["needs low < high"]),
    ("triangular-mode-outside", '{ kind = "triangular", low = 100, mode = 400, high = 300 }',
     ["needs low ≤ mode ≤ high"]),
    ("triangular-degenerate", '{ kind = "triangular", low = 200, mode = 200, high = 200 }',
     ["low < high"]),
    ("normal-zero-sd", '{ kind = "normal", mean = 200, sd = 0 }', ["needs sd > 0"]),
    ("normal-negative-sd", '{ kind = "normal", mean = 200, sd = -5 }', ["needs sd > 0"]),
    ("lognormal-zero-median", '{ kind = "lognormal", median = 0, sigma = 1 }',
     ["needs median > 0"]),
    ("lognormal-negative-sigma", '{ kind = "lognormal", median = 200, sigma = -1 }',
     ["sigma > 0"]),
    ("loguniform-zero-low", '{ kind = "loguniform", low = 0, high = 300 }', ["low > 0"]),
    ("missing-field", '{ kind = "triangular", low = 100, high = 300 }', ["lacks 'mode'"]),
    ("missing-kind", '{ low = 100, high = 300 }', ["kind None"]),
    ("field-text", '{ kind = "uniform", low = "100", high = 300 }',
     ["distribution low is the text '100'"]),
    ("field-boolean", '{ kind = "uniform", low = 100, high = true }',
     ["distribution high is the boolean true"]),
    ("not-a-table", '"uniform 100..300"', ["distribution is the text"]),
    ("a-list", '[100, 300]', ["distribution is a list"]),
    ("outside-range", '{ kind = "uniform", low = -100, high = 300 }',
     ["reaches -100 USD/kg", "outside the parameter's range"]),
    ("normal-mean-outside", '{ kind = "normal", mean = -100, sd = 10 }',
     ["reaches -100", "outside the parameter's range"]),
    ("kind-wrong-case", '{ kind = "Uniform", low = 100, high = 300 }',
     ["kind 'Uniform'", "did you mean 'uniform'"]),
]
for slug, dist, parts in DIST:
    case(f"dist-{slug}.toml", entry(PRICE, f'value = 200\nunit = "USD/kg"\nsource = "x"\n'
                                          f'distribution = {dist}'),
         f"bad distribution: {slug}", ["line 1", f"'{PRICE}' distribution"] + parts)
case("dist-on-a-choice.toml", entry("orbit.model", 'value = "inclined"\nsource = "x"\n'
                                    'distribution = { kind = "uniform", low = 0, high = 1 }'),
     "a model choice cannot carry a distribution", ["'orbit.model'", "model choice with a "
                                                    "distribution"])

# ----------------------------------------------------------------------------- types
TYPES = [
    ("value-boolean", PRICE, 'value = true\nunit = "USD/kg"\nsource = "x"',
     ["value is the boolean true", "expected a number in USD/kg"]),
    ("value-text", PRICE, 'value = "200"\nunit = "USD/kg"\nsource = "x"',
     ["value is the text '200'"]),
    ("value-text-with-unit", PRICE, 'value = "200 USD/kg"\nunit = "USD/kg"\nsource = "x"',
     ["value is the text '200 USD/kg'"]),
    ("value-array", PRICE, 'value = [100, 200]\nunit = "USD/kg"\nsource = "x"',
     ["value is a list"]),
    ("value-table", PRICE, 'value = { v = 1 }\nunit = "USD/kg"\nsource = "x"',
     ["value is a table"]),
    ("value-date", PRICE, 'value = 2026-01-01\nunit = "USD/kg"\nsource = "x"',
     ["value is date"]),
    ("unit-number", PRICE, 'value = 200\nunit = 1\nsource = "x"', ["unit is 1"]),
    ("unit-list", PRICE, 'value = 200\nunit = ["USD", "kg"]\nsource = "x"', ["unit is a list"]),
    ("note-number", PRICE, 'value = 200\nunit = "USD/kg"\nsource = "x"\nnote = 5',
     ["note is 5", "expected a string"]),
    ("confidence-unknown", PRICE, 'value = 200\nunit = "USD/kg"\nsource = "x"\n'
     'confidence = "certain"', ["confidence 'certain'", "expected one of"]),
    ("confidence-wrong-case", PRICE, 'value = 200\nunit = "USD/kg"\nsource = "x"\n'
     'confidence = "Measured"', ["confidence 'Measured'", "did you mean 'measured'"]),
    ("choice-wrong-case", "orbit.model", 'value = "Inclined"\nsource = "x"',
     ["'orbit.model' = 'Inclined'", "expected one of 'inclined'"]),
    ("choice-upper-case", "ground.power_source", 'value = "GRID"\nsource = "x"',
     ["'ground.power_source' = 'GRID'", "'grid'"]),
    ("choice-number", "orbit.model", 'value = 1\nsource = "x"', ["'orbit.model' = 1"]),
    ("choice-boolean", "learning.model", 'value = false\nsource = "x"',
     ["'learning.model' = False"]),
    ("choice-with-unit", "orbit.model", 'value = "inclined"\nunit = "1"\nsource = "x"',
     ["model choice but has a unit"]),
    ("choice-padded", "orbit.model", 'value = " inclined"\nsource = "x"',
     ["'orbit.model' = ' inclined'"]),
]
for slug, name, body, parts in TYPES:
    case(f"type-{slug}.toml", entry(name, body), f"wrong type: {slug}",
         ["line 1", f"'{name}'"] + parts)
TYPES_WHOLE = [
    ("entry-is-number", "[launch]\nprice_per_kg = 200\n",
     ["line 2", f"'{PRICE}' is 200", "expected a table with value, unit and source"]),
    ("entry-is-text", "[launch]\nprice_per_kg = \"200 USD/kg\"\n",
     [f"'{PRICE}' is the text '200 USD/kg'"]),
    ("section-is-array", "launch = [1, 2]\n", ["line 1", "'launch' is a list"]),
    ("section-is-number", "launch = 5\n", ["'launch' is 5"]),
    ("array-of-tables", "[[launch]]\nprice_per_kg = 1\n", ["'launch' is a list"]),
    ("meta-is-text", "meta = \"x\"\n", ["'meta' is not a table"]),
    ("meta-name-list", "[meta]\nname = [\"a\"]\n", ["line 2", "meta.name is list",
                                                    "expected a string"]),
    ("meta-description-number", "[meta]\ndescription = 5\n", ["meta.description is int"]),
    ("meta-extends-list", "[meta]\nextends = [\"default\"]\n", ["meta.extends is list"]),
    ("schema-version-future", "[meta]\nschema_version = 99\n",
     ["line 2", "schema_version 99", "expected a whole number from 1"]),
    ("schema-version-zero", "[meta]\nschema_version = 0\n", ["schema_version 0"]),
    ("schema-version-text", "[meta]\nschema_version = \"1\"\n", ["schema_version '1'"]),
    ("schema-version-bool", "[meta]\nschema_version = true\n", ["schema_version True"]),
    ("schema-version-float", "[meta]\nschema_version = 1.0\n", ["schema_version 1.0"]),
    ("based-on-text", "[meta]\nbased_on = \"default\"\n", ["meta.based_on is not a list"]),
    ("changes-numbers", "[meta]\nchanges = [1, 2]\n", ["meta.changes is not a list"]),
]
for slug, text, parts in TYPES_WHOLE:
    case(f"type-{slug}.toml", text, f"wrong type: {slug}", parts)
case("type-value-null.json", '{"launch": {"price_per_kg": {"value": null, "unit": "USD/kg", '
     '"source": "x"}}}', "JSON null value", [f"'{PRICE}'", "value is NoneType"])
case("type-value-bool.json", '{"launch": {"price_per_kg": {"value": false, "unit": "USD/kg", '
     '"source": "x"}}}', "JSON boolean value", [f"'{PRICE}'", "value is the boolean false"])
case("type-section-null.json", '{"launch": null}', "JSON null section", ["'launch' is NoneType"])
case("type-meta-list.json", '{"meta": []}', "JSON meta as a list", ["'meta' is not a table"])

# ----------------------------------------------------------------------------- extends
CONF = "expected a preset name or a relative .toml/.json path inside the file's own folder"
EXTENDS = [
    ("etc-passwd", "../../etc/passwd", ["climbs out of its folder with '..'", CONF]),
    ("deep-dotdot", "../" * 20 + "etc/shadow", ["climbs out", CONF]),
    ("dotdot-toml", "../make_corpus.py", ["climbs out"]),
    ("dotdot-in-middle", "sub/../../expected.toml", ["climbs out"]),
    ("backslash-dotdot", "..\\..\\secrets.toml", ["climbs out"]),
    ("absolute", "/etc/passwd", ["is an absolute path", CONF]),
    ("absolute-toml", "/work/main/assumptions/default.toml", ["is an absolute path"]),
    ("home", "~/.ssh/id_rsa", ["is an absolute path"]),
    ("windows-drive", "C:\\Windows\\win.ini", ["is an absolute path"]),
    ("unc-path", "\\\\server\\share\\x.toml", ["is an absolute path"]),
    ("proc", "/proc/self/environ", ["is an absolute path"]),
    ("nul-byte", "default\x00.toml", ["is not a usable assumption-set name"]),
    ("empty", "", ["is not a usable assumption-set name"]),
    ("very-long", "a" * 5000, ["is not a usable assumption-set name"]),
    ("misspelled-preset", "defualt", ["no such assumption set", "did you mean 'default'"]),
    ("missing-file", "nope.toml", ["no such assumption set"]),
    ("url", "https://example.com/x.toml", ["no such assumption set"]),
    ("self", "ext-self.toml", ["which extends this file again", "without a cycle"]),
    ("cycle-a", "ext-cycle-b.toml", ["extends this file again"]),
    ("cycle-b", "ext-cycle-a.toml", ["extends this file again"]),
    ("broken-parent", "ext-parent-broken.toml", ["in the set it extends",
                                                 "ext-parent-broken.toml", "'USD/kgg'"]),
]
NO_FOLDER = ["no such assumption set"]  # an upload has no folder: only presets resolve
for slug, target, parts in EXTENDS:
    sibling = target.startswith("ext-")
    case(f"ext-{slug}.toml", f"[meta]\nextends = {q(target)}\n",
         f"extends {target[:60]!r}", ["line 2", "extends"] + parts,
         upload_expect=["line 2", "extends"] + NO_FOLDER if sibling else None)
case("ext-parent-broken.toml", EXT + entry(PRICE, 'value = 1\nunit = "USD/kgg"\nsource = "x"'),
     "the parent used by ext-broken-parent.toml", ["line 4", "unknown unit 'kgg'"])
case("ext-cycle.json", '{"meta": {"extends": "ext-cycle.json"}}', "a JSON file extending itself",
     ["extends this file again"], upload_expect=NO_FOLDER)
case("ext-passwd.json", '{"meta": {"extends": "../../../../etc/passwd"}}', "JSON path trick",
     ["climbs out"])
case("ext-number.json", '{"meta": {"extends": 5}}', "extends must be a string",
     ["meta.extends is int"])

# ----------------------------------------------------------------------------- write
if FILES.exists():
    shutil.rmtree(FILES)
FILES.mkdir()
for name, data in contents.items():
    (FILES / name).write_bytes(data)

# --set texts for `orbital evaluate --set TEXT` and AssumptionSet.with_values
SETS = [
    ("launch.price_per_kg", ["no '='", "expected NAME=VALUE"]),
    ("=200", ["--set ''", "unknown parameter"]),
    ("launch.price_per_kgg=200", ["unknown parameter", f"did you mean '{PRICE}'"]),
    ("price_per_kg=200", ["unknown parameter", f"did you mean '{PRICE}'"]),
    ("launch.price_per_kg=", ["'' is not a number with a unit"]),
    ("launch.price_per_kg=abc", ["'abc' is not a number with a unit"]),
    ("launch.price_per_kg=200 kg", ["unit 'kg'", "not a price per mass"]),
    ("launch.price_per_kg=60 USD/kWh", ["unit 'USD/kWh'", "not a price per mass"]),
    ("launch.price_per_kg=-5", ["= -5", "outside the range", "expected > 0 USD/kg"]),
    ("launch.price_per_kg=0", ["outside the range"]),
    ("launch.price_per_kg=nan", ["expected a finite number"]),
    ("launch.price_per_kg=inf USD/kg", ["expected a finite number"]),
    ("launch.price_per_kg=1e400", ["expected a finite number"]),
    ("launch.price_per_kg=10**3", ["is not a unit"]),
    ("launch.price_per_kg=0x10", ["unknown unit 'x10'"]),
    ("launch.price_per_kg=1_000", ["unknown unit '_000'"]),
    ("launch.price_per_kg=١٢٣", ["is not a number with a unit"]),
    ("launch.price_per_kg=true", ["is not a number with a unit"]),
    ("launch.price_per_kg=[1,2]", ["is not a number with a unit"]),
    ("launch.price_per_kg=200 USD/kg; rm -rf /", ["is not a unit"]),
    ("launch.price_per_kg=200 __import__('os')", ["is not a unit"]),
    ("launch.price_per_kg=200 eval(1)", ["unknown unit 'eval'"]),
    ("launch.price_per_kg=200 USD/kg extra", ["unknown unit 'extra'"]),
    ("array.cell_efficiency=1.5", ["outside the range"]),
    ("array.cell_efficiency=150 %", ["outside the range"]),
    ("thermal.temperature=-300 degC", ["outside the range"]),
    ("finance.analysis_period=0.5", ["outside the range", "expected ≥ 1"]),
    ("finance.analysis_period=12 kg", ["unit 'kg'"]),
    ("orbit.model=Inclined", ["'Inclined'", "did you mean 'inclined'"]),
    ("orbit.model=INCLINED", ["'INCLINED'", "expected one of 'inclined'"]),
    ("orbit.model=", ["''", "expected one of"]),
    ("orbit.model=inclined km", ["'inclined km'"]),
    ("power.specific_power=100 kW", ["unit 'kW'", "not a power per mass"]),
    ("buildout.mass_per_year=1000 t", ["unit 't'", "not a mass per time"]),
    ("orbit.altitude=550 s", ["unit 's'"]),
    ("ground.grid_price=60 USD/kg", ["unit 'USD/kg'"]),
    ("launch.price_per_kg=1" + "0" * 400, ["expected a finite number"]),
]

# URL query parameters read by the page (orbital.ui.state.parse_query): reported, never fatal
URLS = [
    ({"preset": "../../etc/passwd"}, ["URL parameter 'preset'", "no preset", "showing 'default'"]),
    ({"preset": "/etc/passwd"}, ["no preset"]),
    ({"preset": "defualt"}, ["did you mean 'default'"]),
    ({"preset": ""}, ["no preset ''"]),
    ({"launch.price_per_kgg": "200"}, ["URL parameter 'launch.price_per_kgg'", "did you mean"]),
    ({PRICE: "abc"}, [f"URL parameter '{PRICE}'", "not a number with a unit"]),
    ({PRICE: "-5"}, ["got '-5'", "outside the range", "expected > 0 USD/kg"]),
    ({PRICE: "5 kg"}, ["unit 'kg'", "not a price per mass"]),
    ({PRICE: "60 USD/kWh"}, ["unit 'USD/kWh'"]),
    ({PRICE: "nan"}, ["finite"]),
    ({PRICE: "1e999"}, ["finite"]),
    ({PRICE: "١٢"}, ["not a number with a unit"]),
    ({PRICE: "5 " + "(" * 500}, ["is not a unit"]),
    ({"thermal.temperature": "-300 degC"}, ["got '-300 degC'", "outside the range"]),
    ({"orbit.model": "INCLINED"}, ["'INCLINED'", "expected one of"]),
    ({"x" * 2000: "1"}, ["unknown parameter"]),
    ({"array.cell_efficiency": "2"}, ["outside the range", "expected > 0 and ≤ 1"]),
]

# Python API: orbital.evaluate(load("default"), {name: VALUE}); kinds in tests/test_corpus.py
API = [
    (PRICE, "quantity", 200, "kg", ["override 'launch.price_per_kg'", "not a USD/kg quantity"]),
    (PRICE, "quantity", 60, "USD/kWh", ["not a USD/kg quantity"]),
    (PRICE, "quantity", -5, "USD/kg", ["outside the range", "expected > 0 USD/kg"]),
    (PRICE, "quantity", "nan", "USD/kg", ["not finite"]),
    (PRICE, "quantity", "inf", "USD/kg", ["not finite"]),
    (PRICE, "quantities", [100, -1, 300], "USD/kg", ["element 1 of 3", "outside the range"]),
    (PRICE, "quantities", [100, "nan"], "USD/kg", ["element 1 of 2", "not finite"]),
    (PRICE, "bare", 200, "", ["got the bare number 200", "expected a Quantity in USD/kg"]),
    (PRICE, "text", "200 USD/kg", "", ["got the text '200 USD/kg'"]),
    (PRICE, "bool", True, "", ["override 'launch.price_per_kg'"]),
    (PRICE, "none", 0, "", ["override 'launch.price_per_kg'"]),
    (PRICE, "complex", 200, "USD/kg", ["expected a real number in USD/kg"]),
    (PRICE, "bigint", 400, "USD/kg", ["expected a real number in USD/kg"]),
    (PRICE, "other_registry", 200, "USD/kg", ["another pint registry"]),
    ("launch.price_per_kgg", "quantity", 200, "USD/kg",
     ["override 'launch.price_per_kgg'", "did you mean 'launch.price_per_kg'"]),
    ("array.cell_efficiency", "quantity", 1.5, "", ["outside the range", "≤ 1"]),
    ("array.cell_efficiency", "quantity", 150, "percent", ["outside the range"]),
    ("thermal.temperature", "quantity", -300, "degC", ["outside the range"]),
    ("orbit.model", "text", "Inclined", "", ["override 'orbit.model'", "'inclined'"]),
    ("orbit.model", "quantity", 1, "", ["override 'orbit.model'"]),
    ("power.specific_power", "quantity", 100, "kW", ["not a kW/t quantity"]),
    ("buildout.mass_per_year", "quantity", 1000, "t", ["not a t/yr quantity"]),
]

# analysis and other commands with bad arguments: exit 2, one line
CLI = [
    (["sweep", "--x", "launch.price_per_kg=abc"], ["--x 'launch.price_per_kg'"]),
    (["sweep", "--x", "launch.price_per_kg=300:100"], ["low < high"]),
    (["sweep", "--x", "launch.price_per_kg=100:300:1"], ["from 2 to", "1 points"]),
    (["sweep", "--x", "launch.price_per_kg=100:300:100000000000"], ["100,000,000,000 points"]),
    (["sweep", "--x", "launch.price_per_kg=100:300:5:cubic"], ["scale 'cubic'"]),
    (["sweep", "--x", "orbit.model=1:2"], ["model choice"]),
    (["sweep", "--x", "launch.price_per_kgg=1:2"], ["did you mean 'launch.price_per_kg'"]),
    (["sweep", "--x", "launch.price_per_kg=-5:5"], ["launch.price_per_kg"]),
    (["sweep", "--x", "launch.price_per_kg=1 kg:2 kg"], ["launch.price_per_kg"]),
    (["sweep", "--x", "launch.price_per_kg=1,2", "--chunk-size", "0"], ["chunk_size"]),
    (["sweep", "--x", "launch.price_per_kg=1,2", "--out", "x.xlsx"], ["unknown table format"]),
    (["sweep", "--x", "launch.price_per_kg=1,2", "--chart", "x.svg"], ["unknown chart format"]),
    (["sweep", "--x", "launch.price_per_kg=1,2", "--out", "/nonexistent-dir/x.csv"],
     ["no folder"]),
    (["mc", "-n", "0"], ["n: got 0", "a whole number from 2 to"]),
    (["mc", "-n", "many"], ["invalid int value"]),
    (["mc", "-n", "10", "--seed", "-1"], ["seed", "-1"]),
    (["mc", "-n", "10", "--param", "orbit.model"], ["model choice"]),
    (["mc", "-n", "10", "--result", "compare.cost_ratioo"], ["did you mean"]),
    (["mc", "-n", "10", "--set", "launch.price_per_kg=abc"], ["not a number with a unit"]),
    (["sobol", "-n", "3"], ["power of 2"]),
    (["sobol", "-n", "8", "--seed", "-2"], ["seed"]),
    (["tornado", "--result", "nope"], ["result 'nope'"]),
    (["tornado", "--param", "launch.price_per_kgg"], ["did you mean"]),
    (["mc", "--engine", "spark"], ["invalid choice: 'spark'"]),
    (["export", "-o", "/nonexistent-dir/x.toml"], ["cannot write the file"]),
    (["export", "-o", "x.yaml"], ["unknown export format '.yaml'"]),
    (["evaluate", "/nonexistent-dir/x.toml"], ["no such assumption set"]),
    (["evaluate", "defualt"], ["did you mean 'default'"]),
    (["diff", "default", "nope"], ["no such assumption set"]),
    (["evaluate", "--bogus"], ["unrecognized arguments: --bogus"]),
    (["compare", "--set", "launch.price_per_kg=5 kg"], ["unit 'kg'"]),
]

expected = {
    "files": files,
    "set": [{"text": t, "expect": e} for t, e in SETS],
    "url": [{"params": p, "expect": e} for p, e in URLS],
    "api": [{"name": n, "kind": k, "value": v, "unit": u, "expect": e} for n, k, v, u, e in API],
    "cli": [{"argv": a, "expect": e} for a, e in CLI],
}
header = ("# Generated by tests/corpus/make_corpus.py: edit that script, not this file.\n"
          "# files.NAME: a file in files/ the loader must refuse, with the fragments its one-line\n"
          "# message must contain (upload_expect: when an upload, which has no folder, differs).\n")
(HERE / "expected.toml").write_text(header + tomli_w.dumps(expected), encoding="utf-8")
total = len(files) + len(SETS) + len(URLS) + len(API) + len(CLI)
print(f"{len(files)} files, {len(SETS)} --set texts, {len(URLS)} URLs, {len(API)} API calls, "
      f"{len(CLI)} command lines: {total} cases")
