#!/usr/bin/env python3
"""One entry point that sets itself up: ``python3 tasks.py app`` and ``python3 tasks.py test``.

Needs only Python 3 (3.10+) and git. On first use it creates ``.venv`` beside this file and
installs orbital with everything the page and the tests need; afterwards it reinstalls only
when ``pyproject.toml`` changes.

    python3 tasks.py app [streamlit args]   the web page on the default assumption set
    python3 tasks.py test [pytest args]     the whole test suite
    python3 tasks.py bench                  every benchmark in benchmarks/
    python3 tasks.py setup                  just create/refresh the environment
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".orbital-installed"
EXTRAS = "analysis,test"


def _fingerprint() -> str:
    h = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    h.update(EXTRAS.encode())
    return h.hexdigest()


def setup() -> None:
    if sys.version_info < (3, 10):
        sys.exit(f"orbital needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"tasks: creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    want = _fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == want:
        return
    print("tasks: installing orbital and its dependencies (about a minute the first time) ...",
          flush=True)
    pip = [str(PY), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(pip + ["install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run(pip + ["install", "-q", "-e", f"{ROOT}[{EXTRAS}]"], check=True)
    STAMP.write_text(want)


def run(args: list[str]) -> int:
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return subprocess.call(args, cwd=ROOT, env=env)


def serve(args: list[str]) -> int:
    """Run the page's server and stop it with this process: Ctrl-C, a SIGTERM (or a closed
    terminal) ends the server too instead of leaving it orphaned on its port."""
    import signal

    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    proc = subprocess.Popen(args, cwd=ROOT, env=env)

    def stop(signum, frame):
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, stop)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    task, rest = argv[0], argv[1:]
    if task not in ("app", "test", "bench", "setup"):
        print(f"tasks: unknown task {task!r}; expected app, test, bench or setup", file=sys.stderr)
        return 2
    setup()
    if task == "setup":
        return 0
    if task == "app":
        return serve([str(PY), "-m", "streamlit", "run", str(ROOT / "app.py"),
                      "--server.headless", "true", "--browser.gatherUsageStats", "false",
                      "--server.fileWatcherType", "none"] + rest)
    if task == "test":
        return run([str(PY), "-m", "pytest"] + (rest or ["-q"]))
    status = 0
    for bench in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        print(f"== {bench.name}", flush=True)
        status |= run([str(PY), str(bench)])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
