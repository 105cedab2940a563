"""The page in a real browser: Debian's chromium driven by playwright against `streamlit run`.

Enable outside CI with `apt-get install -y chromium` (Debian). In CI (CI=true) a missing
chromium is a failure, not a skip. Screenshots of each tab go to artifacts/screenshots/.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from orbital.model.labels import label, words

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                        else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("CI needs Debian's chromium for the browser tests (.ci/run installs it)",
                    pytrace=False)
    pytest.skip("browser tests need Debian's chromium: run `apt-get install -y chromium` "
                "(they run in CI)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
        pytest.fail(f"streamlit did not start on {url}:\n{out[-2000:]}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()


def metric_locator(page, label_start: str):
    loc = page.locator('[data-testid="stMetric"]').filter(has_text=label_start).first
    return loc.locator('[data-testid="stMetricValue"]')


def metric_value(page, label_start: str) -> str:
    return metric_locator(page, label_start).inner_text().strip()


def expect_metric(page, label_start: str, text: str):
    """Wait (auto-retrying) until the metric shows ``text``: reruns replace elements."""
    playwright_api.expect(metric_locator(page, label_start)).to_have_text(text, timeout=30_000)


def download(page, button: str):
    """Click a download button once the page is idle; retry once if a rerun swallowed it."""
    for attempt in range(2):
        wait_ready(page)
        try:
            with page.expect_download(timeout=15_000) as dl:
                page.get_by_role("button", name=button).click()
            return dl.value
        except playwright_api.TimeoutError:
            if attempt:
                raise


def wait_ready(page):
    page.wait_for_selector('[data-testid="stMetricValue"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText"
        ".includes('Running')")
    # the sidebar's uploader is the script's last widget, and the browser draws it after the
    # rest (newer Streamlit): the page is whole once it shows its size limit
    page.locator('[data-testid="stSidebar"] [data-testid="stFileUploader"]').get_by_text(
        "per file").wait_for()


def wait_metric_change(page, label: str, before: str, timeout: float = 20.0) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        now = metric_value(page, label)
        if now != before:
            return now
        time.sleep(0.1)
    raise AssertionError(f"metric {label!r} stayed {before!r}")


def test_load_move_slider_and_screenshot_tabs(server, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(server)
    wait_ready(page)
    expect_metric(page, words("launch.flights_per_year"), "100")
    before = metric_value(page, "Power added per year")
    # the keyboard on the specific-power box: ArrowUp steps it by its +/- step
    box = page.get_by_role("spinbutton", name=label("power.specific_power"))
    start = float(box.input_value())
    box.focus()
    box.press("ArrowUp")
    box.press("Enter")
    playwright_api.expect(box).not_to_have_value(str(start).rstrip("0").rstrip("."))
    after = wait_metric_change(page, "Power added per year", before)
    assert float(after.replace(",", "")) > float(before.replace(",", ""))
    assert "power.specific_power" in page.url
    # the page scrolls inside its main block, so a full-page shot stops at the viewport: a
    # tall viewport shows each tab whole
    page.set_viewport_size({"width": 1400, "height": 3200})
    for i, tab in enumerate(page.get_by_role("tab").all()):
        name = tab.inner_text().strip().lower().replace(" ", "-")
        tab.click()
        wait_ready(page)
        page.wait_for_timeout(1500)  # charts draw after the run ends
        page.screenshot(path=str(SHOTS / f"tab-{i}-{name}.png"), full_page=True)


def test_download_then_upload_round_trip(server, page, tmp_path):
    page.goto(server + "/?preset=musk-moonshot-2026&launch.price_per_kg=200")
    wait_ready(page)
    expect_metric(page, "Launch spend per year", "200")
    path = tmp_path / "downloaded.toml"
    download(page, "Assumption set (TOML)").save_as(path)
    text = path.read_text()
    assert "launch.price_per_kg: 100 USD/kg -> 200 USD/kg" in text
    # load it back on a fresh page of the default preset
    page.goto(server)
    wait_ready(page)
    import orbital
    from orbital.core.numbers import fmt_number
    spend = orbital.evaluate(orbital.load("default")).magnitude("launch.spend_per_year")
    expect_metric(page, "Launch spend per year", fmt_number(spend / 1e9))  # billion $/yr
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    expect_metric(page, "Launch spend per year", "200")
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


def test_shared_url_reopens_same_state(server, page):
    page.goto(server + "/?preset=musk-moonshot-2026&power.specific_power=50")
    wait_ready(page)
    expect_metric(page, "Power added per year", "50")
    assert "differ from" in page.locator('[data-testid="stSidebar"]').inner_text()
    page.screenshot(path=str(SHOTS / "shared-url.png"), full_page=True)


# ----------------------------------------------------------------- what a reader sees (issue 13)

def open_tab(page, name: str):
    page.get_by_role("tab", name=name).click()
    wait_ready(page)


def chart(page, title_start: str):
    """The plotly chart whose title starts with ``title_start``, once drawn."""
    loc = page.locator(".js-plotly-plot").filter(
        has=page.locator(".gtitle", has_text=title_start)).first
    loc.wait_for()
    return loc


def boxes(loc):
    return [(e.text_content().strip(), e.bounding_box()) for e in loc.all()]


def test_monte_carlo_labels_sit_at_their_lines(server, page):
    page.goto(server)
    wait_ready(page)
    open_tab(page, "Sensitivity")
    fig = chart(page, "Monte Carlo")
    page.wait_for_timeout(500)
    lines = [b for _, b in boxes(fig.locator(".shapelayer path"))]
    notes = {t.split(" ")[0]: (t, b) for t, b in
             ((e.text_content().strip(), e.bounding_box())
              for e in fig.locator(".annotation").all())}
    plot = fig.locator(".nsewdrag").first.bounding_box()
    for q in ("P10", "P50", "P90"):
        text, box = notes[q]
        x = box["x"]  # each label starts at its line (xanchor left)
        assert any(abs(line["x"] + line["width"] / 2 - x) < 12 for line in lines), (q, x, lines)
        assert plot["x"] <= x <= plot["x"] + plot["width"]
    # the x axis ends near the draws: its last tick is within 4× the P90
    ticks = [t.text_content().replace(",", "") for t in fig.locator(".xtick text").all()]
    p90 = float(notes["P90"][0].split(" ")[1].replace(",", ""))
    assert float(ticks[-1].replace("−", "-")) < 4 * p90, ticks
    page.screenshot(path=str(SHOTS / "sensitivity.png"), full_page=True)


def test_tornado_labels_every_bar_in_words(server, page):
    page.goto(server)
    wait_ready(page)
    open_tab(page, "Sensitivity")
    fig = chart(page, "What moves")
    title = fig.locator(".gtitle").text_content()
    assert "left out" in title and "with no effect" in title
    ticks = [t.text_content() for t in fig.locator(".ytick text").all()]
    bars = fig.locator(".trace.bars").first.locator("path").count()
    assert len(ticks) == bars and "Launch price to LEO" in ticks, ticks
    assert not any("." in t and "_" in t for t in ticks)  # words, not dotted names
    texts = [a.text_content() for a in fig.locator(".annotation").all()]
    # every bar has its input's value written at its ends
    assert sum(("low " in t) + ("high " in t) for t in texts) == 2 * len(ticks), texts


def test_buildout_price_axis_reads_clean_on_a_flat_price(server, page):
    page.goto(server + "/?preset=musk-moonshot-2026")
    wait_ready(page)
    open_tab(page, "Buildout")
    fig = chart(page, "Buildout year by year")
    ticks = [t.text_content().replace(",", "") for t in fig.locator(".y2tick text").all()]
    values = [float(t) for t in ticks]
    assert values == sorted(values) and len(set(values)) == len(values), ticks
    steps = {round(b - a, 9) for a, b in zip(values, values[1:])}
    assert len(steps) == 1, ticks  # evenly spaced, not "7, 3, 108.2509, 4, 2"


def test_metric_labels_are_whole_and_no_deploy_button(server, page):
    page.goto(server)
    wait_ready(page)
    for label in page.locator('[data-testid="stMetricLabel"]').all():
        cut = label.evaluate("e => { const p = e.querySelector('p') || e;"
                             " return p.scrollWidth > p.clientWidth + 1; }")
        assert not cut, label.inner_text()
        assert "…" not in label.inner_text()
    assert page.get_by_text("Deploy", exact=True).count() == 0
    page.screenshot(path=str(SHOTS / "headline.png"), full_page=True)


def test_typed_tonnage_beyond_a_megatonne(server, page):
    page.goto(server)
    wait_ready(page)
    before = metric_value(page, "Power added per year")
    box = page.get_by_role("spinbutton", name="Mass launched per year (t/yr)")
    box.fill("2000000")
    box.press("Enter")
    wait_metric_change(page, "Power added per year", before)
    assert "buildout.mass_per_year=2000000" in page.url


def test_editing_in_all_assumptions_keeps_the_section_open(server, page):
    page.goto(server)
    wait_ready(page)
    open_tab(page, "All assumptions")
    page.locator('[data-testid="stExpander"] summary', has_text="Lunar mass driver").click()
    box = page.get_by_role("spinbutton", name="Payload per shot (kg)")
    box.fill("18")
    box.press("Enter")
    wait_ready(page)
    page.wait_for_timeout(800)
    playwright_api.expect(page.get_by_role("spinbutton", name="Payload per shot (kg)")
                          ).to_be_visible()
    assert "lunar.payload_per_shot=18" in page.url


def test_uploader_says_the_cap_and_the_url_limit(server, page):
    page.goto(server)
    wait_ready(page)
    side = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "200MB" not in side and "1MB per file" in side.replace(" ", "").replace(
        "1MBperfile", "1MB per file")
    assert "cannot carry an uploaded" in side


def test_starcloud_breakeven_is_labelled_inside_the_chart(server, page):
    page.goto(server + "/?preset=starcloud-2024")
    wait_ready(page)
    open_tab(page, "Space vs ground")
    fig = chart(page, "Cost ratio against launch price")
    note = fig.locator(".annotation", has_text="break-even").first
    box = note.bounding_box()
    plot = fig.locator(".nsewdrag").first.bounding_box()
    assert plot["x"] <= box["x"] and box["x"] + box["width"] <= plot["x"] + plot["width"] + 1


# ----------------------------------------------------------------- schedules, references, a11y

def test_editing_a_schedule_cell_reruns_the_model_and_the_url_carries_it(server, page):
    page.goto(server)
    wait_ready(page)
    expect_metric(page, "First-year launch price", "1,000")
    open_tab(page, "Timeline")
    editor = page.locator(".st-key-_ed_launch-price_per_kg_1")
    editor.locator("canvas").first.wait_for()
    # the tab's charts draw above the tables: wait for them, so the table stops moving
    page.locator(".js-plotly-plot .main-svg").nth(1).wait_for()
    cell_editor = page.locator("#portal textarea, #portal input").first
    for _ in range(5):  # under load the grid may take the first double-click as a select
        editor.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        grid = editor.locator('[data-testid="stDataFrameResizable"]').bounding_box()
        # the first row's value cell: the right-hand column, below the header row
        page.mouse.dblclick(grid["x"] + grid["width"] * 0.75, grid["y"] + 36 + 17)
        try:
            cell_editor.wait_for(state="visible", timeout=3000)
            break
        except playwright_api.Error:
            page.keyboard.press("Escape")
    cell_editor.fill("500")  # focuses the cell's own input, whatever else has the keyboard
    cell_editor.press("Enter")
    expect_metric(page, "First-year launch price", "500")
    assert "launch.price_per_kg=2026%3A500+USD%2Fkg+linear" in page.url
    # the headline box now says the schedule sets it
    box = page.locator('[data-testid="stSidebar"] input[aria-label="Launch price to LEO ($/kg)"]')
    playwright_api.expect(box).to_be_disabled()
    page.screenshot(path=str(SHOTS / "schedule-edited.png"))


def test_a_schedule_url_reopens_the_same_table(server, page):
    page.goto(server + "/?launch.price_per_kg=2026%3A1000%2C+2032%3A100+USD%2Fkg+log")
    wait_ready(page)
    open_tab(page, "Timeline")
    editor = page.locator(".st-key-_ed_launch-price_per_kg_1")
    editor.locator("canvas").first.wait_for()
    editor.scroll_into_view_if_needed()
    editor.locator("td").first.wait_for(state="attached")
    cells = editor.locator("td").all_text_contents()
    assert cells == ["2026", "1000", "2032", "100"], cells
    interp = page.locator(".st-key-_interp_launch-price_per_kg_1")
    shown = interp.evaluate("e => [...e.querySelectorAll('input')].map(i => i.value).join(' ')"
                            " + ' ' + e.innerText")
    assert "log" in shown.split(), shown


def test_the_published_parity_year_is_labelled_at_its_line(server, page):
    from orbital.reports.references import references

    (ref,) = references("compare.crossover_year")
    page.goto(server + "/?finance.analysis_period=20")
    wait_ready(page)
    open_tab(page, "Timeline")
    fig = chart(page, "The time axis")
    note = fig.locator(".annotation", has_text=ref.label).first
    box = note.bounding_box()
    lines = [b for _, b in boxes(fig.locator(".shapelayer path"))]
    # the x axis's tick at the reference year, and the dotted line drawn there
    tick = next(b for t, b in boxes(fig.locator(".xtick text")) if t == f"{ref.value:.0f}")
    x = tick["x"] + tick["width"] / 2
    line = min(lines, key=lambda b: abs(b["x"] + b["width"] / 2 - x))
    assert abs(line["x"] + line["width"] / 2 - x) < 3
    # the label ends just left of the line (xanchor right), inside the plot
    assert abs(box["x"] + box["width"] - x) < 16, (box, x)
    plot = fig.locator(".nsewdrag").first.bounding_box()
    assert plot["x"] <= box["x"] and plot["y"] <= box["y"] <= plot["y"] + plot["height"]


def test_a_chart_downloads_as_svg_and_png(server, page, tmp_path):
    page.goto(server)
    wait_ready(page)
    open_tab(page, "Timeline")
    chart(page, "The time axis")
    wait_ready(page)
    for fmt, start in (("svg", b"<svg"), ("png", b"\x89PNG\r\n\x1a\n")):
        with page.expect_download(timeout=90_000) as dl:
            page.locator(f".st-key-chart_timeline_{fmt} button").first.click()
        path = tmp_path / dl.value.suggested_filename
        dl.value.save_as(path)
        assert path.suffix == f".{fmt}" and path.read_bytes().lstrip()[:len(start)] == start


def focused_name(page) -> str:
    return page.evaluate("() => { const e = document.activeElement;"
                         " return e ? (e.getAttribute('aria-label') || e.innerText || '') : ''; }")


def test_keyboard_alone_reaches_and_changes_the_launch_price(server, page):
    page.goto(server)
    wait_ready(page)
    before = metric_value(page, "Launch spend per year")
    target = label("launch.price_per_kg")
    for _ in range(120):
        page.keyboard.press("Tab")
        if focused_name(page) == target:
            break
    else:
        raise AssertionError(f"Tab never reached {target!r}")
    page.keyboard.press("Control+A")
    page.keyboard.type("500")
    page.keyboard.press("Enter")
    after = wait_metric_change(page, "Launch spend per year", before)
    assert float(after.replace(",", "")) == pytest.approx(float(before.replace(",", "")) / 2,
                                                          rel=1e-3)
    assert "launch.price_per_kg=500" in page.url


NAMES_JS = (ROOT / "tests" / "names.js").read_text()
CONTRAST_JS = (ROOT / "tests" / "contrast.js").read_text()


@pytest.mark.parametrize("tab", ["Claim check", "Timeline", "Space vs ground", "Sensitivity",
                                 "All assumptions"])
def test_every_control_has_a_name_and_text_reaches_aa_contrast(server, page, tab):
    page.goto(server)
    wait_ready(page)
    open_tab(page, tab)
    if tab == "All assumptions":
        page.locator('[data-testid="stExpander"] summary', has_text="Launch").first.click()
        wait_ready(page)
    if tab == "Sensitivity":
        chart(page, "Monte Carlo")
    # no element left over from the previous run (Streamlit fades those while a run goes on)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
    page.wait_for_timeout(1000)
    controls = page.evaluate(NAMES_JS)
    assert len(controls) > 20
    unnamed = [c["html"] for c in controls if not c["name"]]
    assert not unnamed, unnamed
    texts = page.evaluate(CONTRAST_JS)
    low = [(t["text"], round(t["ratio"], 2), t["fg"], t["bg"]) for t in texts if t["ratio"] < 4.5]
    assert len(texts) > 50 and not low, low
