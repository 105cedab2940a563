"""The time axis's results, deferred in groups: each group computed when one of its results is
first read, each result one light object in the results.

The timeline, market and budget steps put some thirty deferred results into every evaluation,
which a scalar evaluate rarely reads. A :class:`~orbital.core.deferred.Deferred` of its own per
result, around a lambda, costs three objects the garbage collector tracks (the Deferred, the
function, its defaults); a :class:`~orbital.core.deferred.Part` is one, reading its name from
its group's dict, and :func:`defer` makes the shapes once per step, not once per result.
"""
from __future__ import annotations

from ..core.deferred import Part


def layout(results, *groups) -> tuple:
    """(name, group index, series) for each Result of ``results``: the index of the first of
    ``groups`` (collections of names) that holds it, plus one (0: in none of them)."""
    def index(name):
        return next((k + 1 for k, names in enumerate(groups) if name in names), 0)

    return tuple((spec.name, index(spec.name), spec.series) for spec in results)


def defer(r: dict, places: tuple, groups: tuple, shape: tuple, n: int) -> None:
    """Put a :class:`Part` into ``r`` for each (name, group index, series) of ``places``
    (:func:`layout`): of ``groups[index]``, of ``shape`` or, for a series, ``shape + (n,)``."""
    series_shape = shape + (n,)
    for name, k, series in places:
        r[name] = Part(groups[k], name, series_shape if series else shape)
