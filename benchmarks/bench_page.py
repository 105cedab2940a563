"""Page speed in a real browser: the first full render and a slider rerun of orbital's page,
against a one-chart Streamlit page (one input, one metric, one plotly chart) timed the same way
in the same run, printed as ratios (best and median of several repeats, since this machine is
shared and noisy). orbital's first view is the headline metrics and the claim-check tab;
plotly's ~4.7 MB bundle loads when a chart tab opens. The server side of a rerun (AppTest) is
printed beside it.

    .venv/bin/python benchmarks/bench_page.py
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rerun_times(repeats: int = 12) -> list[float]:
    """Wall time of AppTest reruns after typing a new $/kg (an upper bound on server
    time: it includes AppTest's own polling, ~5 ms)."""
    from streamlit.testing.v1 import AppTest

    from orbital.sets.loading import load

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    name = "launch.price_per_kg"
    base = load("default")[name].display_value()
    times = []
    for i in range(repeats):
        value = base * (0.5 + 0.1 * i)  # a new value each time: no cache hit
        t = time.perf_counter()
        at.number_input(key=name).set_value(value).run()
        times.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    return times


#: The floor: a Streamlit page with one input, one metric and one plotly chart, timed the same
#: way as orbital's page in the same run.
FLOOR_APP = """
import streamlit as st
import plotly.graph_objects as go
x = st.number_input("Launch price to LEO ($/kg)", value=1000.0)
st.metric("y [1]", f"{x * 2:.4g}")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=[x, 4])))
"""

#: the in-page text of every metric value, to see a rerun's output arrive
METRICS_JS = ("() => Array.from(document.querySelectorAll('[data-testid=\"stMetricValue\"]'))"
              ".map(e => e.innerText).join('|')")


def browser_times(app: Path, ready: str, box: str, repeats: int = 3,
                  label: str = "") -> tuple[list[float], list[float]] | None:
    """(first renders: page load until ``ready`` is drawn; slider reruns: Enter in the
    number input named ``box`` until a metric shows the new result), in Chromium."""
    chromium = shutil.which("chromium")
    if not chromium:
        print("browser timings: skipped (no chromium; apt-get install -y chromium)")
        return None
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.port",
         str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
        renders, reruns = [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=args)
            # one warm-up load: the server's first session imports the model and plotly
            for i in range(repeats + 1):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                t = time.perf_counter()
                page.goto(url)
                page.wait_for_selector(ready, timeout=60_000)
                elapsed = time.perf_counter() - t
                if not i:
                    print(f"{label}first render, server's first session (cold): {elapsed:.2f} s")
                    page.close()
                    continue
                renders.append(elapsed)
                field = page.get_by_role("spinbutton", name=box).first
                for j in range(3):  # a new value each time: no cache hit
                    page.wait_for_timeout(300)
                    before = page.evaluate(METRICS_JS)
                    field.fill(str(500 + 10 * (3 * i + j)))  # never the default 1,000
                    t = time.perf_counter()
                    field.press("Enter")
                    while page.evaluate(METRICS_JS) == before:  # ~1 ms a look
                        if time.perf_counter() - t > 60:
                            raise TimeoutError(f"{label}no metric changed in 60 s")
                    reruns.append(time.perf_counter() - t)
                page.close()
            browser.close()
        return renders, reruns
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    import tempfile

    times = rerun_times()
    best, median = min(times), sorted(times)[len(times) // 2]
    print(f"slider rerun, server side (AppTest wall): best {best * 1000:.0f} ms, median "
          f"{median * 1000:.0f} ms")
    box = "Launch price to LEO ($/kg)"
    with tempfile.TemporaryDirectory() as tmp:
        floor_app = Path(tmp) / "floor.py"
        floor_app.write_text(FLOOR_APP)
        floor = browser_times(floor_app, '[data-testid="stPlotlyChart"] .main-svg', box,
                              label="floor (one input, one metric, one chart): ")
    # orbital's first view: the headline metrics and the claim-check table (its first tab)
    ours = browser_times(ROOT / "app.py", '[data-testid="stMain"] table', box,
                         label="orbital: ")
    if not (ours and floor):
        return 0
    for what, i in (("first full render (page load to the first view drawn)", 0),
                    ("slider rerun in the browser (Enter to the new metric drawn)", 1)):
        o, f = min(ours[i]), min(floor[i])
        om, fm = sorted(ours[i])[len(ours[i]) // 2], sorted(floor[i])[len(floor[i]) // 2]
        print(f"{what}: orbital best {o:.2f} s (median {om:.2f}), one-chart page best {f:.2f} s "
              f"(median {fm:.2f}) -> ratio {o / f:.2f} (best), {om / fm:.2f} (median)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
