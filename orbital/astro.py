"""Where poliastro's API comes from: boinor (its maintained fork) or, failing that, poliastro.

poliastro itself does not install on Python 3.11+ (every release requires < 3.11 and the
project was archived in 2023); boinor 0.20 keeps its API. Users on older Pythons without boinor
can still use the single-orbit detail through poliastro. Imported lazily, never on start-up:
both compile numba kernels on first use.
"""
from __future__ import annotations

import importlib


def twobody():
    """``(Orbit, Earth, Moon, Maneuver)`` from boinor, else from poliastro."""
    for pkg in ("boinor", "poliastro"):
        try:
            bodies = importlib.import_module(f"{pkg}.bodies")
            orbit = importlib.import_module(f"{pkg}.twobody")
            maneuver = importlib.import_module(f"{pkg}.maneuver")
        except ImportError:
            continue
        return orbit.Orbit, bodies.Earth, bodies.Moon, maneuver.Maneuver
    raise ImportError("single-orbit detail needs boinor (pip install boinor; poliastro's "
                      "maintained fork) or, on Python < 3.11, poliastro")
