"""``Results``: a frozen record of the model's results, units back on when a result is read."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..core.units import format_unit
from ..core import units  # pint's objects (units.ureg ...) made on first use
from . import catalogue


class Results(Mapping):
    """A frozen record of results: ``results[name]`` is a Quantity in the result's display unit.

    Series results (``catalogue.results()[name].series``) have a trailing year axis; ``years`` is
    that axis (1 … Y). ``si(name)`` gives the raw SI magnitude; ``magnitude(name)`` the number in
    the display unit.
    """

    __slots__ = ("_si", "_shape", "_cache", "_inputs")

    def __init__(self, si: dict, shape=(), inputs: Mapping | None = None):
        object.__setattr__(self, "_si", dict(si))
        object.__setattr__(self, "_shape", tuple(shape))
        object.__setattr__(self, "_cache", {})
        object.__setattr__(self, "_inputs", dict(inputs or {}))

    def __setattr__(self, key, value):
        raise AttributeError("Results are read-only")

    def __getitem__(self, name: str) -> units.Quantity:
        if name not in self._si:
            raise KeyError(f"unknown result '{name}'" + catalogue.results().hint(name))
        q = self._cache.get(name)
        if q is None:
            spec = catalogue.results()[name]
            q = units.ureg.Quantity(self.magnitude(name), spec.pint_unit)
            self._cache[name] = q
        return q

    def __contains__(self, name) -> bool:   # without building the Quantity __getitem__ makes
        return name in self._si

    def __iter__(self):
        return iter(self._si)

    def __len__(self) -> int:
        return len(self._si)

    @property
    def shape(self) -> tuple:
        """Broadcast shape of the inputs (``()`` for a scalar evaluation)."""
        return self._shape

    @property
    def years(self) -> np.ndarray:
        """Year numbers 1 … Y of the series results' last axis."""
        v = self._si["buildout.installed_power"]
        n = (v.shape if hasattr(v, "get") else np.shape(v))[-1]
        return np.arange(1, n + 1)

    def si(self, name: str):
        """Raw SI magnitude of result ``name`` (deferred results are computed on first read)."""
        v = self._si[name]
        return v.get() if hasattr(v, "get") else v

    def magnitude(self, name: str):
        """Magnitude of result ``name`` in its display unit (float or ndarray).

        With array inputs every result has the inputs' broadcast shape (plus the year axis for
        series), even one that does not depend on the varied inputs (a read-only view then).
        """
        spec = catalogue.results()[name]
        v = np.asarray(self.si(name), dtype=float) / spec.si_factor
        if self._shape:
            target = self._shape + (v.shape[-1:] if spec.series else ())
            if v.shape != target:
                v = np.broadcast_to(v, target)
        return float(v) if v.ndim == 0 else v

    def scalars(self) -> list[str]:
        """Names of the results without a year axis, in catalogue order."""
        specs = catalogue.results()
        return [n for n in specs.names() if n in self._si and not specs[n].series]

    def series_names(self) -> list[str]:
        specs = catalogue.results()
        return [n for n in specs.names() if n in self._si and specs[n].series]

    def to_dict(self, include_series: bool = True) -> dict:
        """Plain data: ``{name: {"value": number | list, "unit": str}}`` in display units."""
        specs = catalogue.results()
        out = {}
        for name in specs.names():
            if name not in self._si or (specs[name].series and not include_series):
                continue
            v = self.magnitude(name)
            out[name] = {"value": v.tolist() if isinstance(v, np.ndarray) else v,
                         "unit": format_unit(specs[name].unit)}
        return out

    def frame(self):
        """A pandas DataFrame of the scalar results, columns named ``name [unit]``."""
        import pandas as pd

        specs = catalogue.results()
        cols = {f"{n} [{format_unit(specs[n].unit)}]": np.ravel(self.magnitude(n))
                for n in self.scalars()}
        return pd.DataFrame(cols)

    def series_frame(self, index: int | None = None):
        """A pandas DataFrame of the series results by year (for one sample ``index`` when the
        inputs were arrays), columns named ``name [unit]``."""
        import pandas as pd

        specs = catalogue.results()
        data = {"year [1]": self.years}
        for n in self.series_names():
            v = np.asarray(self.magnitude(n))
            if v.ndim > 1:
                if index is None:
                    raise ValueError("array results: pass index= to pick one sample")
                v = v.reshape(-1, v.shape[-1])[index]
            data[f"{n} [{format_unit(specs[n].unit)}]"] = v
        return pd.DataFrame(data)

    #: The cash-flow series of :meth:`cashflow_frame`, in column order.
    CASHFLOWS = ("timeline.space_capital", "timeline.space_operations",
                 "timeline.ground_capital", "timeline.ground_operations")

    def cashflow_frame(self, index: int | None = None):
        """Both sides' cash flows by calendar year as a pandas DataFrame (index ``year``,
        columns ``name [unit]``, each side's total too), for one sample ``index`` when the
        inputs were arrays; ``attrs`` holds each side's NPV at its own rate [USD]."""
        import pandas as pd

        specs = catalogue.results()

        def pick(name):
            v = np.asarray(self.magnitude(name))
            if v.ndim > 1 or (v.ndim == 1 and self._shape):
                if index is None and self._shape:
                    raise ValueError("array results: pass index= to pick one sample")
                v = v.reshape((-1,) + v.shape[-1:])[index or 0] if v.ndim > 1 else v
            return v

        def scalar(name):
            v = np.ravel(np.asarray(self.magnitude(name)))
            return float(v[index or 0] if v.size > 1 else v[0])

        data = {f"{n} [{format_unit(specs[n].unit)}]": pick(n) for n in self.CASHFLOWS}
        cols = list(data)
        data["timeline.space_total [USD/yr]"] = data[cols[0]] + data[cols[1]]
        data["timeline.ground_total [USD/yr]"] = data[cols[2]] + data[cols[3]]
        df = pd.DataFrame(data, index=pd.Index(pick("timeline.year").astype(int), name="year"))
        df.attrs.update({"timeline.space_npv [USD]": scalar("timeline.space_npv"),
                         "timeline.ground_npv [USD]": scalar("timeline.ground_npv"),
                         "space.discount_rate_used [1/yr]": scalar("space.discount_rate_used"),
                         "ground.discount_rate_used [1/yr]": scalar("ground.discount_rate_used")})
        return df

    def value_at(self, name: str, index=None) -> float:
        """One number in its display unit: result ``name`` (or, failing that, the input
        parameter of that name, in its declared unit) for case ``index`` of an array
        evaluation (None: a scalar evaluation, or the first year of a series)."""
        if name in self._si:
            v = np.asarray(self.magnitude(name))
        else:
            spec = catalogue.parameters()[name]
            v = np.asarray(self._inputs[name], dtype=float) / spec.si_factor
            if self._shape and v.shape != self._shape:
                v = np.broadcast_to(v, self._shape)
        if v.ndim and self._shape:
            v = v.reshape(self._shape + v.shape[len(self._shape):])[np.unravel_index(
                index or 0, self._shape)]
        return float(np.ravel(v)[0]) if np.ndim(v) else float(v)

    def scheduled(self, name: str) -> bool:
        """True when input ``name`` was given as a per-year schedule."""
        from ..core.schedule import schedules

        return name in schedules(self._inputs)

    @property
    def unused(self) -> dict:
        """Inputs the chosen models ignore: {name: reason in words} (never silently)."""
        choices = {k: v for k, v in self._inputs.items() if isinstance(v, str)}
        return catalogue.unused(choices)

    def notes(self) -> dict:
        """What a reader must know beside the numbers, for every output format:
        ``{"binding": [...], "unused": [{"name", "reason"}, ...]}``."""
        return {"binding": self.binding,
                "unused": [{"name": n, "reason": why} for n, why in self.unused.items()]}

    @property
    def binding(self) -> list[dict]:
        """The limits that bind (cadence caps, floors, shortfalls...), each as
        ``{"name", "message", "share"}``: ``share`` is the fraction of the evaluated cases in
        which it binds (1 for a scalar evaluation), and the message is that of the first case
        where it binds. Empty when nothing binds."""
        out = []
        for spec in catalogue.limits():
            if spec.name not in self._si:
                continue
            flags = np.ravel(np.asarray(self.magnitude(spec.name))) > 0
            if not flags.any():
                continue
            first = int(np.flatnonzero(flags)[0])
            out.append({"name": spec.name,
                        "message": spec.message(self, first if self._shape else None),
                        "share": float(flags.mean()), "affects": list(spec.affects)})
        return out
