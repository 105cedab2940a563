"""The headline sentence and the report: the sentence's numbers are the Results' values as
the number formatter writes them, and move when the values move; impossible break-evens and
missing crossovers are said in words; the report holds every assumption with its source, the
claim rows, the binding limits, escapes what users wrote, embeds its one script, renders its
charts in Chromium and prints to PDF; ``orbital report`` refuses bad input with one line."""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

import orbital
from orbital import cli
from orbital.core.numbers import fmt_number
from orbital.reports import pdf
from orbital.reports.claims import claim_check
from orbital.reports.report import report_html
from orbital.reports.summary import headline_sentence

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "artifacts" / "screenshots"
MUSK = "musk-moonshot-2026"


def results(name=MUSK, **values):
    aset = orbital.load(name)
    if values:
        aset = aset.with_values({k.replace("__", "."): v for k, v in values.items()})
    return orbital.evaluate(aset)


def m(res, name):
    return float(res.magnitude(name))


# ----------------------------------------------------------------------------- the sentence

def test_the_sentence_states_the_results_values_as_the_formatter_writes_them():
    res = results()
    text = headline_sentence(res)
    # each figure by hand: $ before money, millions in words, the formatter's digits
    assert text.startswith(f"At ${fmt_number(m(res, 'launch.initial_price_per_kg'))}/kg and "
                           f"{fmt_number(m(res, 'power.specific_power'))} kW/t, ")
    assert f"{fmt_number(m(res, 'launch.first_year_mass') / 1e6)} million t/yr launched" in text
    assert f"adds {fmt_number(m(res, 'buildout.power_added_per_year'))} GW/yr" in text
    assert f"for ${fmt_number(m(res, 'launch.spend_per_year') / 1e9)} billion/yr" in text
    assert f"Orbit costs {fmt_number(m(res, 'compare.cost_ratio'))}× the ground" in text
    assert (f"(${fmt_number(m(res, 'space.lcoe'))}/MWh against "
            f"${fmt_number(m(res, 'ground.lcoe'))}/MWh)") in text


def test_the_sentence_moves_with_the_launch_price():
    cheap = results(launch__price_per_kg=orbital.Q_(100, "USD/kg"))
    dear = results(launch__price_per_kg=orbital.Q_(300, "USD/kg"))
    a, b = headline_sentence(cheap), headline_sentence(dear)
    ra, rb = fmt_number(m(cheap, "compare.cost_ratio")), fmt_number(m(dear, "compare.cost_ratio"))
    assert ra != rb and f"costs {ra}×" in a and f"costs {rb}×" in b and rb not in a
    assert a.startswith("At $100/kg") and b.startswith("At $300/kg")
    assert f"${fmt_number(m(dear, 'launch.spend_per_year') / 1e9)} billion/yr" in b


def test_no_break_even_and_no_crossover_are_said_with_why():
    res = results()
    assert m(res, "compare.breakeven_status") == 1 and m(res, "compare.crossover_status") == 1
    text = headline_sentence(res)
    assert "No launch price makes it match" in text
    assert "the rest of the space side already costs more than the ground side" in text
    last = fmt_number(res.magnitude("timeline.space_lcoe")[-1]
                      / res.magnitude("timeline.ground_lcoe")[-1])
    assert "never matches the ground within the horizon (2026–2035)" in text
    assert f"the 2035 vintage still costs {last}× the ground's" in text


def test_a_break_even_above_the_price_and_a_first_year_win_are_said():
    res = results("starcloud-2024")
    assert m(res, "compare.cost_ratio") < 1 and m(res, "compare.crossover_status") == 2
    text = headline_sentence(res)
    be = fmt_number(m(res, "compare.breakeven_price_per_kg"))
    assert f"matches the ground at any launch price up to ${be}/kg" in text
    assert "so orbit is cheaper" in text
    assert "already matches the ground in the first year, 2026" in text


def test_a_break_even_below_the_price_is_the_price_needed():
    res = results("suncatcher-2025")
    be = fmt_number(m(res, "compare.breakeven_price_per_kg"))
    assert f"It would need a launch price of ${be}/kg to match (the set's base price is $200/kg)" \
        in headline_sentence(res)


def test_a_crossover_after_the_start_names_its_year():
    res = results("starcloud-2024", launch__price_per_kg=orbital.Q_(5000, "USD/kg"),
                  learning__model="wright")
    assert m(res, "compare.crossover_status") == 0
    year = f"{m(res, 'compare.crossover_year'):.0f}"
    assert year != "2026"
    assert f"Orbit's vintage first matches the ground in {year}" in headline_sentence(res)


def test_a_binding_cadence_cap_is_named_and_the_capped_tonnage_stated():
    res = results(launch__max_flights_per_year=orbital.Q_(1000, "1/yr"))
    text = headline_sentence(res)
    cap = next(b for b in res.binding if b["name"] == "buildout.cadence_binds")
    assert f"(limited: {cap['message']})" in text
    assert f"{fmt_number(m(res, 'launch.first_year_mass'))} t/yr launched" in text  # 100,000
    assert "lunar" not in text  # a limit on the lunar side shapes none of these figures


def test_schedules_say_the_first_year_and_where_they_end():
    res = results("seed-programme-2026")
    text = headline_sentence(res)
    assert text.startswith("In its first year, at $1,000/kg")
    end = fmt_number(res.magnitude("buildout.gross_power_added")[-1])
    assert f"by 2040, 1 million t/yr launched at $100/kg adds {end} GW/yr" in text


def test_every_pair_of_model_choices_gets_a_sentence_without_nan():
    """On the seed and the default set, every all-pairs row of the catalogue's choices: a
    sentence with a verdict on the break-even and on the crossover, never a bare nan or inf."""
    from test_choice_combinations import CHOICES, all_pairs

    verdicts = ("It would need", "No launch price", "matches the ground at any",
                "cannot match at any", "The launch price to match was not solved")
    crossings = ("first matches", "already matches", "never matches", "dips to")
    n = 0
    for preset in ("default", MUSK):
        aset = orbital.load(preset)
        for row in all_pairs(CHOICES):
            try:
                res = orbital.evaluate(aset, row)
            except orbital.InputError:
                continue
            text = headline_sentence(res)
            assert not re.search(r"\b(nan|inf)\b", text), (row, text)
            assert any(v in text for v in verdicts) and any(c in text for c in crossings), text
            n += 1
    assert n > 20


def test_evaluate_prints_the_sentence_on_top_and_in_its_json(capsys):
    sentence = headline_sentence(results())
    assert cli.main(["evaluate", MUSK]) == 0
    out = capsys.readouterr().out
    head = out.split("\n== ", 1)[0]
    assert sentence in " ".join(head.split())
    assert cli.main(["evaluate", MUSK, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"] == sentence


# ----------------------------------------------------------------------------- the report

@pytest.fixture(scope="module")
def report():
    return report_html(orbital.load(MUSK), {"launch.max_flights_per_year": 1000})


def test_the_report_holds_every_assumption_with_its_source(report):
    aset = orbital.load(MUSK)
    for name, a in aset.items():
        assert f"<code>{name}</code>" in report, name
        assert html.escape(a.source, quote=True) in report, name
    assert html.escape(aset.description, quote=True) in report
    assert "Based on: default" in report


def test_the_report_holds_the_sentence_claims_limits_and_reproduction(report):
    aset = orbital.load(MUSK).with_values({"launch.max_flights_per_year":
                                           orbital.Q_(1000, "1/yr")})
    res = orbital.evaluate(aset)
    assert html.escape(headline_sentence(res), quote=True) in report
    for row in claim_check(aset, res):
        assert html.escape(row.quantity) in report and html.escape(row.gap) in report
    assert any(b["name"] == "buildout.cadence_binds" for b in res.binding)
    for b in res.binding:
        assert html.escape(b["message"], quote=True) in report
    for name, why in res.unused.items():
        assert html.escape(why.removeprefix("not used: "), quote=True) in report, name
    assert "launch.max_flights_per_year=1000" in report  # the command and the URL


def test_the_reports_url_is_the_query_the_page_reads(report):
    from orbital.ui.state import parse_query

    url = html.unescape(re.search(r"<pre>(http://[^<]*)</pre>", report).group(1))
    preset, changes, errors = parse_query(dict(parse_qsl(urlsplit(url).query)))
    assert (preset, changes, errors) == (MUSK, {"launch.max_flights_per_year": 1000.0}, [])


def test_the_report_is_offline_with_one_embedded_script(report):
    assert not re.search(r"<script[^>]*\bsrc=", report, re.I)
    assert not re.search(r"<link[^>]*\bhref=[\"']?https?:", report, re.I)
    assert report.count("<script type=\"text/javascript\">/**") == 1  # plotly's, once
    assert len(re.findall(r'Plotly\.newPlot\(\s*"chart-', report)) == 4


def test_the_timeline_chart_marks_the_crossover_or_says_there_is_none():
    from orbital.reports.charts import vintage_costs

    res = results("starcloud-2024", launch__price_per_kg=orbital.Q_(5000, "USD/kg"),
                  learning__model="wright")
    fig = vintage_costs(res)
    year = m(res, "compare.crossover_year")
    assert [a.text for a in fig.layout.annotations] == [
        f"orbit matches the ground from {year:.0f}"]
    assert [s.x0 for s in fig.layout.shapes] == [year]
    never = vintage_costs(results())
    assert [a.text for a in never.layout.annotations] == ["no crossover within the horizon"]
    assert not never.layout.shapes
    years = list(never.data[0].x)
    assert years == list(results().magnitude("timeline.year"))


def test_the_cost_chart_puts_both_sides_on_one_scale_part_by_part():
    from orbital.ground import site
    from orbital.reports.charts import cost_parts
    from orbital.space import fleet

    res = results()
    fig = cost_parts(res)
    space, ground = fig.data
    assert fig.layout.xaxis2.matches == "x"
    for bars, parts, total in ((space, fleet.BREAKDOWN, "space.total_cost"),
                               (ground, site.BREAKDOWN, "ground.total_cost")):
        values = [m(res, n) / 1e9 for n in parts if m(res, n)]
        assert list(bars.x) == pytest.approx(values)
        assert sum(bars.x) == pytest.approx(m(res, total) / 1e9)  # no part left out


HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "evil.toml"
    a = orbital.load("default")["launch.price_per_kg"]
    path.write_text(f'[meta]\nextends = "default"\nname = "<b>bold</b>"\n'
                    f'description = "{HOSTILE}"\n[launch.price_per_kg]\nvalue = {a.value}\n'
                    f'unit = "{a.unit}"\nsource = "\\"><img src=x onerror=alert(1)>"\n'
                    f'note = "</td></tr></table>{HOSTILE}"\n')
    return path


def test_user_text_is_escaped(hostile):
    text = report_html(orbital.load(str(hostile)))
    assert HOSTILE not in text and "<b>bold</b>" not in text and "<img" not in text
    assert "</td></tr></table><script" not in text
    assert html.escape(HOSTILE, quote=True) in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in text
    assert "This set was read from a file, which a URL cannot carry" in text


# ----------------------------------------------------------------------------- the CLI

def one_line_error(capsys, argv):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("orbital: error: "), \
        (argv, code, err)
    return lines[0]


def test_report_bad_input_exits_2_with_one_line(tmp_path, capsys):
    out = str(tmp_path / "r.html")
    assert "no-such-set" in one_line_error(capsys, ["report", "no-such-set", "-o", out])
    assert "no folder" in one_line_error(
        capsys, ["report", "-o", str(tmp_path / "missing" / "r.html")])
    assert "is a folder" in one_line_error(capsys, ["report", "-o", str(tmp_path)])
    assert ".html" in one_line_error(capsys, ["report", "-o", str(tmp_path / "r.txt")])
    assert "no.such_parameter" in one_line_error(
        capsys, ["report", "-o", out, "--set", "no.such_parameter=1"])
    assert not list(tmp_path.iterdir())


def test_pdf_without_chromium_is_refused_before_any_work(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf, "chromium", lambda: None)
    line = one_line_error(capsys, ["report", "-o", str(tmp_path / "r.html"),
                                   "--pdf", str(tmp_path / "r.pdf")])
    assert "no Chromium" in line and "apt-get install chromium" in line
    assert not list(tmp_path.iterdir())


def test_report_command_writes_the_report(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert cli.main(["report", MUSK, "-o", str(out), "--set",
                     "launch.price_per_kg=300 USD/kg"]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    text = out.read_text(encoding="utf-8")
    assert "At $300/kg" in text
    assert f"orbital report {MUSK} -o {out} --set &#x27;launch.price_per_kg=300 USD/kg&#x27;" \
        in text


@pytest.mark.skipif(pdf.chromium() is None, reason="printing a PDF needs Chromium")
def test_report_prints_a_pdf(tmp_path, capsys):
    out, paper = tmp_path / "r.html", tmp_path / "r.pdf"
    assert cli.main(["report", "-o", str(out), "--pdf", str(paper)]) == 0
    assert paper.read_bytes()[:5] == b"%PDF-" and paper.stat().st_size > 20_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.pdf"]


# ----------------------------------------------------------------------------- the browser

@pytest.mark.skipif(pdf.chromium() is None, reason="the browser check needs Chromium")
def test_the_report_renders_its_charts_in_chromium(tmp_path, hostile):
    playwright_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path / "report.html"
    aset = orbital.load(MUSK)
    out.write_text(report_html(aset), encoding="utf-8")
    sentence = headline_sentence(orbital.evaluate(aset))
    evil = tmp_path / "evil.html"
    evil.write_text(report_html(orbital.load(str(hostile))), encoding="utf-8")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=pdf.chromium(),
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.as_uri())
        page.wait_for_selector(".js-plotly-plot .xtick text", timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == 4
        lead = page.locator("p.lead")
        assert lead.is_visible() and lead.inner_text() == sentence
        ticks = page.locator("#chart-1 .xtick text").all_text_contents()
        assert "2026" in ticks and "2035" in ticks, ticks
        assert page.get_by_text("Every assumption (", exact=False).is_visible()
        assert all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(evil.as_uri())
        page.wait_for_selector(".js-plotly-plot")
        assert not dialogs and page.locator("h1").inner_text() == "<b>bold</b>"
        browser.close()
    assert shutil.disk_usage(SHOTS).free > 0 and (SHOTS / "report.png").stat().st_size > 10_000
