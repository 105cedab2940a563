"""A result computed when first read."""
from __future__ import annotations


class Deferred:
    """A result computed when first read: the buildout's by-year series, which analyses over
    millions of samples rarely need, cost as much to write out as the whole model to compute."""

    __slots__ = ("_fn", "_value", "shape")

    def __init__(self, fn, shape):
        self._fn, self._value, self.shape = fn, None, tuple(shape)

    def get(self):
        if self._value is None:
            self._value = self._fn()
            self._fn = None
        return self._value


class Part(Deferred):
    """Result ``name`` of the mapping that Deferred ``group`` computes when first read: one
    light object per result (a Deferred of its own around a closure is three objects the
    garbage collector tracks), for steps that defer results in groups."""

    __slots__ = ("group", "name")

    def __init__(self, group: Deferred, name: str, shape: tuple):
        self.group, self.name, self.shape = group, name, shape

    def get(self):
        return self.group.get()[self.name]


def read(r, name: str):
    """Result ``name`` of the SI results ``r`` as an array, computing a deferred one now."""
    import numpy as np

    v = r[name]
    return np.asarray(v.get() if isinstance(v, Deferred) else v, dtype=float)
