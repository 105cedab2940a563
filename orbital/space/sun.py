"""The Sun as the annual sunlight sees it: its position from the Astronomical Almanac's
low-precision formulae (good to 0.01° from 1950 to 2050), the node of a local time of the
ascending node, the day grid of the annual history (one sample a day at 12:00 TT over a year
from 1 January 2026) and, cached once per process, the Sun's unit vectors on that grid and
their frames for a drifting node (:func:`sun_frames`, used by
:func:`orbital.space.orbit.annual_sunlight`).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .eclipses import sun_frame

#: Julian date (TT) of 2026-01-01 00:00, the start of the annual sunlight history.
YEAR_START_JD = 2461041.5
#: Julian date of the J2000.0 epoch.
J2000_JD = 2451545.0
#: Days sampled in the annual history.
DAYS_PER_YEAR = 365


def sun_ecliptic(jd):
    """The Sun's apparent geocentric position from the Astronomical Almanac's low-precision
    formulae (section C; precision 0.01° for 1950–2050).

    jd: Julian date [d] (TT). Returns (λ ecliptic longitude [rad], ε obliquity of the ecliptic
    [rad], r Earth–Sun distance [au]) referred to the mean equator and equinox of date.
    """
    n = np.asarray(jd, dtype=float) - J2000_JD
    g = np.deg2rad(357.528 + 0.9856003 * n)
    lam = np.deg2rad(280.460 + 0.9856474 * n + 1.915 * np.sin(g) + 0.020 * np.sin(2.0 * g))
    eps = np.deg2rad(23.439 - 4.0e-7 * n)
    r = 1.00014 - 0.01671 * np.cos(g) - 0.00014 * np.cos(2.0 * g)
    return lam, eps, r


def mean_sun_right_ascension(jd):
    """Right ascension [rad] of the mean Sun (its mean longitude L = 280.460° + 0.9856474°·n,
    n days from J2000), the reference of mean local solar time. Source: Astronomical Almanac."""
    n = np.asarray(jd, dtype=float) - J2000_JD
    return np.deg2rad(280.460 + 0.9856474 * n)


def raan_from_ltan(ltan, jd):
    """Right ascension of the ascending node Ω [rad] for a local time of the ascending node
    ``ltan`` [h] at Julian date ``jd``: Ω = α_mean_sun + (LTAN − 12 h)·15°/h."""
    return mean_sun_right_ascension(jd) + (np.asarray(ltan, dtype=float) - 12.0) * (np.pi / 12.0)


def day_grid(days=DAYS_PER_YEAR, start_jd=YEAR_START_JD):
    """Julian dates [d] of the annual samples: 12:00 TT on each of ``days`` days from
    ``start_jd``."""
    return start_jd + np.arange(days) + 0.5


@lru_cache(maxsize=8)
def sun_frames(days=DAYS_PER_YEAR, start_jd=YEAR_START_JD, rate=None):
    """Cached, read-only: the Sun's unit vectors (cos λ, cos ε sin λ, sin ε sin λ) [1], shape
    (3, days), on the annual day grid (:func:`sun_ecliptic`), the times [s] since ``start_jd``
    and, for a node rate ``rate`` [rad/s] (None: no frame), their
    :func:`orbital.space.eclipses.sun_frame`."""
    jd = day_grid(days, start_jd)
    lam, eps, _ = sun_ecliptic(jd)
    xyz = np.stack([np.cos(lam), np.cos(eps) * np.sin(lam), np.sin(eps) * np.sin(lam)])
    t = (jd - start_jd) * 86400.0
    frame = None if rate is None else sun_frame(xyz, t, rate)
    for x in (xyz, t, frame):
        if x is not None:
            x.flags.writeable = False
    return xyz, t, frame


@lru_cache(maxsize=8)
def irradiance_factors(days=DAYS_PER_YEAR, start_jd=YEAR_START_JD):
    """(annual mean, annual minimum) of (1 au / r)² [1] from the daily Earth–Sun distance r of
    :func:`sun_ecliptic`: the seasonal change of the irradiance (±3.4 %); cached."""
    _, _, r = sun_ecliptic(day_grid(days, start_jd))
    k = 1.0 / r ** 2
    return float(k.mean()), float(k.min())
