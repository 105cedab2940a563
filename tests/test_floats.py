"""orbital.core.floats gives numpy's answers: on plain numbers the float path (where it
answers at all: it may raise where numpy warns, and the pipeline then re-runs on numpy), on
anything else numpy itself. The oracle is numpy on the same inputs as float64 scalars."""
from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest

from orbital.core import floats

SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 1e-300, 1e300, math.inf, -math.inf, math.nan]
VALUES = SPECIAL + list(np.random.default_rng(3).normal(0.0, 10.0, 20))

UNARY = ["sqrt", "exp", "log2", "sin", "cos", "arcsin", "ceil", "isfinite", "isinf", "arctan"]
BINARY = ["minimum", "maximum", "divide"]


def _same(got, want):
    got, want = float(got), float(want)
    if math.isnan(want):
        return math.isnan(got)
    return got == want or abs(got - want) <= 4 * np.spacing(abs(want))


@pytest.mark.parametrize("name", UNARY + ["abs_"])
def test_unary_functions_give_numpys_answer_or_raise(name):
    fn = getattr(floats, name)
    ref = getattr(np, "abs" if name == "abs_" else name)
    for x in VALUES:
        with np.errstate(all="ignore"):
            want = ref(np.float64(x))
        try:
            got = fn(float(x))
        except (ArithmeticError, ValueError):
            continue   # the pipeline re-runs this sample on numpy
        assert type(got) in (float, bool), (name, x, type(got))
        assert _same(got, want), (name, x, got, want)


@pytest.mark.parametrize("name", BINARY)
def test_binary_functions_give_numpys_answer(name):
    fn = getattr(floats, name)
    ref = getattr(np, name)
    for x, y in itertools.product(VALUES, repeat=2):
        with np.errstate(all="ignore"):
            want = ref(np.float64(x), np.float64(y))
            got = fn(float(x), float(y))
        assert type(got) is float and _same(got, want), (name, x, y, got, want)


def test_where_clip_and_shapes_on_plain_numbers():
    for c, a, b in itertools.product([True, False], VALUES[:12], VALUES[:12]):
        assert _same(floats.where(c, a, b), np.where(c, a, b))
    for x, lo, hi in itertools.product(VALUES[:12], [0.0, -1.0], [1.0, 2.0]):
        assert _same(floats.clip(x, lo, hi), np.clip(np.float64(x), lo, hi))
    assert floats.ndim(3.0) == 0 and floats.shape(3.0) == () and floats.asarray(2) == 2.0
    assert floats.broadcast_shapes((), (), ()) == () and floats.broadcast_to(1, ()) == 1.0
    assert floats.astype_float(True) == 1.0


@pytest.mark.parametrize("name", UNARY + BINARY + ["where", "clip", "asarray", "ndim"])
def test_arrays_and_numpy_scalars_go_to_numpy_unchanged(name):
    """Anything not a plain number is numpy's: the same values, types and shapes."""
    rng = np.random.default_rng(9)
    arr = rng.normal(0.0, 3.0, 50)
    args = {"where": (arr > 0, arr, -arr), "clip": (arr, -1.0, 1.0), "asarray": (arr,),
            "ndim": (arr,)}.get(name, (arr,) if name in UNARY else (arr, arr[::-1]))
    ref = {"asarray": np.asarray, "ndim": np.ndim}.get(name, getattr(np, name))
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        want = ref(*args)
        got = getattr(floats, name)(*args)
        np.testing.assert_array_equal(got, want)
        assert type(got) is type(want)
        scalar = tuple(np.float64(a[0]) if isinstance(a, np.ndarray) else a for a in args)
        got_s = getattr(floats, name)(*scalar)
        assert type(got_s) is not float or name == "ndim"


def test_where_on_one_condition_for_every_sample_is_numpys_select_as_a_fresh_array():
    """A bool (or numpy bool) condition with an array picks one side without a per-element
    select: the same values, dtype and shape as np.where, never a view of an input."""
    rng = np.random.default_rng(4)
    arr = rng.normal(0.0, 3.0, (4, 5))
    arr[0, 0] = np.nan
    sides = [(np.inf, arr), (arr, 1.0), (arr[:1], arr), (arr[:, :1], 7), (3, arr.astype(int)),
             (arr.astype(np.float32), 2.0), (arr, arr[::-1])]
    for cond, (a, b) in itertools.product([True, False, np.bool_(True), np.bool_(False)],
                                          sides):
        got, want = floats.where(cond, a, b), np.where(cond, a, b)
        assert got.dtype == want.dtype and got.shape == want.shape, (cond, a, b)
        np.testing.assert_array_equal(got, want)
        assert not any(np.shares_memory(got, x) for x in (a, b) if isinstance(x, np.ndarray))
