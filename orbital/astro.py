"""Where poliastro's API comes from: boinor (its maintained fork) or, failing that, poliastro.

poliastro itself does not install on Python 3.11+ (every release requires < 3.11 and the
project was archived in 2023); boinor 0.20 keeps its API. Users on older Pythons without boinor
can still use the single-orbit detail through poliastro. Imported lazily, never on start-up:
both compile numba kernels on first use.
"""
from __future__ import annotations


def twobody():
    """``(Orbit, Earth, Moon, Maneuver)`` from boinor, else from poliastro."""
    try:
        from boinor.bodies import Earth, Moon
        from boinor.maneuver import Maneuver
        from boinor.twobody import Orbit
    except ImportError:
        try:
            from poliastro.bodies import Earth, Moon  # type: ignore[no-redef]
            from poliastro.maneuver import Maneuver  # type: ignore[no-redef]
            from poliastro.twobody import Orbit  # type: ignore[no-redef]
        except ImportError:
            raise ImportError("single-orbit detail needs boinor (pip install boinor; "
                              "poliastro's maintained fork) or, on Python < 3.11, poliastro"
                              ) from None
    return Orbit, Earth, Moon, Maneuver
