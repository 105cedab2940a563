"""numpy's elementwise functions at Python's speed on one sample.

A scalar ``evaluate`` runs every step on plain Python floats, where each numpy call costs its
dispatch (0.3–6 µs for ``np.where``, ``np.ndim``, ``np.broadcast_to`` or ``np.clip`` on a float,
against 30–100 ns for the same arithmetic in Python). Each function here takes the float path
only when every argument is a plain ``float`` (or ``int``/``bool`` where stated), and calls numpy
with the same arguments otherwise, so arrays, numpy scalars and 0-d arrays get numpy's result
exactly as before.

On floats the arithmetic is the same IEEE operation numpy does (``+ - * /``, ``sqrt`` are
correctly rounded; ``exp``, ``log``, ``sin``… are the C library's, as numpy's scalar loops).
Where numpy returns ``nan`` or ``inf`` with a warning, Python raises (``ZeroDivisionError``,
``OverflowError``, ``ValueError`` from ``math``) or, for a negative number to a fractional power,
returns a complex number: :func:`orbital.model.pipeline.run` then evaluates the sample again
on numpy scalars, so the float path never decides an edge case numpy would decide otherwise.
"""
from __future__ import annotations

import math

import numpy as np

#: Python's number types that take the float path (bool and int are exact as floats here).
PLAIN = (float, int, bool)


def plain(x) -> bool:
    """Whether ``x`` is a plain Python number (not a numpy scalar or array)."""
    return type(x) in PLAIN


def ndim(x) -> int:
    """``np.ndim(x)``, without converting an array or a float to find it."""
    if type(x) in PLAIN:
        return 0
    n = getattr(x, "ndim", None)
    return n if n is not None else np.ndim(x)


def shape(x) -> tuple:
    """``np.shape(x)``, without converting an array or a float to find it."""
    if type(x) in PLAIN:
        return ()
    s = getattr(x, "shape", None)
    return s if s is not None else np.shape(x)


def broadcast_shapes(*shapes) -> tuple:
    """``np.broadcast_shapes``, at once when every shape is ``()``."""
    for s in shapes:
        if s != ():
            return np.broadcast_shapes(*shapes)
    return ()


def broadcast_to(x, shape_):
    """``np.broadcast_to(x, shape_)``; a plain number broadcast to ``()`` is itself (as float)."""
    if shape_ == () and type(x) in PLAIN:
        return float(x)
    return np.broadcast_to(x, shape_)


def asarray(x, dtype=float):
    """``np.asarray(x, dtype=float)``; a plain number stays a float."""
    if type(x) in PLAIN and dtype is float:
        return float(x)
    return np.asarray(x, dtype=dtype)


def where(cond, a, b):
    """``np.where(cond, a, b)``; the chosen float when ``cond`` is a bool and ``a``, ``b`` are
    plain numbers (both were computed already, as numpy's are)."""
    if type(cond) is bool and type(a) in PLAIN and type(b) in PLAIN:
        return float(a) if cond else float(b)
    if type(cond) in (bool, np.bool_):  # one condition for every sample: a copy of the
        shape_ = np.broadcast_shapes(np.shape(a), np.shape(b))  # chosen one, not a select
        return np.array(np.broadcast_to(a if cond else b, shape_), np.result_type(a, b))
    return np.where(cond, a, b)


def ratio_or(num, den, otherwise):
    """``num / den`` where ``den`` > 0, else ``otherwise`` (an average over an amount that may be
    none): on plain numbers the float choice; on arrays the division alone where every amount
    is positive (the usual case, no select), else numpy's masked form."""
    if type(num) in PLAIN and type(den) in PLAIN:
        return num / den if den > 0 else otherwise
    positive = np.asarray(den > 0)
    if positive.all():
        out = np.asarray(num / den)
        if np.broadcast_shapes(out.shape, np.shape(otherwise)) == out.shape:
            return out
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(positive, num / np.where(positive, den, 1.0), otherwise)


def minimum(x, y):
    """``np.minimum``: nan if either is nan."""
    if type(x) in PLAIN and type(y) in PLAIN:
        if x != x or y != y:
            return math.nan
        return float(x) if x <= y else float(y)
    return np.minimum(x, y)


def maximum(x, y):
    """``np.maximum``: nan if either is nan."""
    if type(x) in PLAIN and type(y) in PLAIN:
        if x != x or y != y:
            return math.nan
        return float(x) if x >= y else float(y)
    return np.maximum(x, y)


def clip(x, lo, hi):
    """``np.clip(x, lo, hi)`` as its two ufuncs, ``minimum(maximum(x, lo), hi)``: the same
    numbers, several times faster than ``np.clip`` on small arrays and numbers."""
    return minimum(maximum(x, lo), hi)


def _unary(math_fn, np_fn):
    def fn(x):
        if type(x) in PLAIN:
            return math_fn(x)
        return np_fn(x)
    fn.__name__ = np_fn.__name__
    fn.__doc__ = f"``np.{np_fn.__name__}``; ``math.{math_fn.__name__}`` on a plain number."
    return fn


sqrt = _unary(math.sqrt, np.sqrt)
exp = _unary(math.exp, np.exp)
log2 = _unary(math.log2, np.log2)
sin = _unary(math.sin, np.sin)
cos = _unary(math.cos, np.cos)
arcsin = _unary(math.asin, np.arcsin)
ceil = _unary(lambda x: float(math.ceil(x)), np.ceil)
isfinite = _unary(math.isfinite, np.isfinite)
isinf = _unary(math.isinf, np.isinf)
abs_ = _unary(lambda x: float(abs(x)), np.abs)
arctan = _unary(math.atan, np.arctan)


def divide(x, y):
    """``x / y`` as numpy divides, quietly (±inf or nan where ``y`` is 0, as under
    ``np.errstate(divide="ignore", invalid="ignore")``): on plain numbers Python's ``/`` unless
    ``y`` is 0, where Python would raise and force the numpy re-run of the whole sample."""
    if type(x) in PLAIN and type(y) in PLAIN:
        if y:
            return x / y
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(np.float64(x) / y)
    with np.errstate(divide="ignore", invalid="ignore"):
        return x / y


def astype_float(x):
    """``x.astype(float)`` of a comparison's result; a Python ``bool`` (a comparison of plain
    numbers) becomes 0.0 or 1.0."""
    if type(x) is bool:
        return float(x)
    return x.astype(float)
