"""The year of eclipses of many orbits on a thread of its own, while the steps that do not read
it run: :func:`started` begins it, :func:`settle` puts its results in place before the first
step that reads them (:func:`orbital.model.pipeline.run_order`). With one thread per process
(a dask worker, ``ORBITAL_THREADS=1``) nothing runs in the background: the year is computed
when first read, where it was before.
"""
from __future__ import annotations

from ..core.deferred import Deferred
from . import eclipses

#: The thread on which the year of eclipses of many orbits runs while the steps that do not
#: read it go on (made on first use; :func:`started`).
_pool = None

#: The sunlight results of many orbits, computed together (:func:`sunlight_results`).
SUNLIGHT = ("orbit.min_beta_angle", "orbit.sunlit_fraction", "orbit.max_eclipse_fraction",
            "orbit.eclipse_days", "orbit.longest_eclipse")


def started(fn) -> Deferred:
    """A Deferred of ``fn()``, running now on a thread of its own where the eclipses share the
    machine's cores (:data:`orbital.space.eclipses.THREADS` > 1): the pipeline runs the steps
    that do not read the sunlight (:data:`orbital.model.pipeline.WHILE_SUNLIGHT`) between the
    orbit and the first step that does (the array), so the year of eclipses and they run at
    once. With one thread it is computed when first read."""
    global _pool
    if eclipses.THREADS <= 1:
        return Deferred(fn, ())
    if _pool is None:
        from concurrent.futures import ThreadPoolExecutor   # (off the start-up path)

        _pool = ThreadPoolExecutor(1, thread_name_prefix="orbital-sunlight")
    return Deferred(_pool.submit(fn).result, ())


def settle(r) -> None:
    """Put the values of the :data:`SUNLIGHT` results into ``r`` in place of their Parts
    (waiting for the year of eclipses if it is still running): what the pipeline does before
    the first step that reads them (:func:`orbital.model.pipeline.run_order`)."""
    for name in SUNLIGHT:
        v = r.get(name)
        if isinstance(v, Deferred):
            r[name] = v.get()


def sunlight_results(sun: dict) -> dict:
    """:func:`orbital.space.orbit.annual_sunlight`'s dict as the :data:`SUNLIGHT` results [SI]."""
    return {"orbit.min_beta_angle": sun["min_beta"],
            "orbit.sunlit_fraction": sun["sunlit_fraction"],
            "orbit.max_eclipse_fraction": sun["max_eclipse_fraction"],
            "orbit.eclipse_days": sun["eclipse_days"] * 86400.0,
            "orbit.longest_eclipse": sun["longest_eclipse"]}
