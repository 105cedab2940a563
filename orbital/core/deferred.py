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
