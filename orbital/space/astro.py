"""Single-orbit detail from boinor and astropy: the oracle the vectorised closed forms of
:mod:`orbital.space.orbit` are tested against, never in the pipeline.

Where poliastro's API comes from: boinor (its maintained fork) or, failing that, poliastro.

poliastro itself does not install on Python 3.11+ (every release requires < 3.11 and the
project was archived in 2023); boinor 0.20 keeps its API. Users on older Pythons without boinor
can still use the single-orbit detail through poliastro. Imported lazily, never on start-up:
both compile numba kernels on first use.
"""
from __future__ import annotations

import numpy as np

from ..core.constants import EARTH_R
from .orbit import SSO_NODE_RATE, circular_period, node_precession_rate
from .sun import DAYS_PER_YEAR, YEAR_START_JD, day_grid, raan_from_ltan


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


def astropy_offline():
    """Keep astropy from trying to download IERS tables (there is no network)."""
    from astropy.utils import iers

    iers.conf.auto_download = False
    iers.conf.auto_max_age = None


def sun_direction_astropy(jd):
    """Unit vectors [1] (shape (n, 3)) from the Earth to the Sun at Julian dates ``jd`` [d, TT],
    from astropy ``get_sun``, in the mean equator and equinox of date (the frame of
    :func:`beta_angle`). Imports astropy lazily; IERS downloads stay off."""
    astropy_offline()
    from astropy import units as u
    from astropy.coordinates import PrecessedGeocentric, get_sun
    from astropy.time import Time

    t = Time(np.atleast_1d(np.asarray(jd, dtype=float)), format="jd", scale="tt")
    sun = get_sun(t).transform_to(PrecessedGeocentric(equinox=t, obstime=t))
    xyz = sun.cartesian.xyz.to_value(u.m).T
    return xyz / np.linalg.norm(xyz, axis=1, keepdims=True)


def sunlight_history_boinor(altitude, inclination=None, ltan=6.0, sun_synchronous=True,
                            days=DAYS_PER_YEAR, start_jd=YEAR_START_JD, samples=2000):
    """The annual sunlight of ONE circular orbit from astropy's Sun and boinor orbits.

    altitude [m]; inclination [rad] (ignored when ``sun_synchronous``: boinor's
    ``Orbit.heliosynchronous`` then gives it); ltan [h] on the first day. For each day the node
    is set from the LTAN and the J2 drift (:func:`node_precession_rate`; for a sun-synchronous
    orbit it follows the mean Sun), boinor builds the orbit with ``Orbit.from_classical``, the
    orbit normal comes from boinor's state vectors, and the shadow is found by sampling
    ``samples`` positions round the orbit against a cylindrical shadow along astropy's
    ``get_sun`` direction. Slow (a fraction of a second per day with numba disabled): for detail
    and as the oracle of :func:`annual_sunlight`, never in the pipeline.

    Returns a dict: ``jd`` [d], ``beta`` [rad], ``eclipse_fraction`` [1] (per day, from the
    sampled shadow), ``inclination`` [rad], ``sunlit_fraction`` [1], ``eclipse_days`` [d],
    ``longest_eclipse`` [s].
    """
    astropy_offline()
    from astropy import units as u

    Orbit, Earth, _, _ = twobody()

    a = (EARTH_R + altitude) * u.m
    if sun_synchronous:
        ref = Orbit.heliosynchronous(Earth, a=a, ecc=0 * u.one)
        inc = ref.inc.to_value(u.rad)
        rate = SSO_NODE_RATE
    else:
        inc = float(inclination)
        rate = float(node_precession_rate(altitude, inc))
    jd = day_grid(days, start_jd)
    sun = sun_direction_astropy(jd)
    raan0 = float(raan_from_ltan(ltan, start_jd))
    nus = np.linspace(-np.pi, np.pi, samples, endpoint=False)
    beta = np.empty(days)
    frac = np.empty(days)
    for d in range(days):
        raan = raan0 + rate * (jd[d] - start_jd) * 86400.0
        orb = Orbit.from_classical(Earth, a, 0 * u.one, inc * u.rad, raan * u.rad, 0 * u.rad,
                                   0 * u.rad)
        r, v = orb.rv()
        hvec = np.cross(r.to_value(u.m), v.to_value(u.m / u.s))
        hvec /= np.linalg.norm(hvec)
        beta[d] = np.arcsin(np.clip(hvec @ sun[d], -1.0, 1.0))
        # positions round the orbit: r(ν) = a (cos ν p + sin ν q), p along the node line
        p = r.to_value(u.m) / np.linalg.norm(r.to_value(u.m))
        q = np.cross(hvec, p)
        pos = a.to_value(u.m) * (np.cos(nus)[:, None] * p + np.sin(nus)[:, None] * q)
        along = pos @ sun[d]
        perp = np.linalg.norm(pos - along[:, None] * sun[d], axis=1)
        frac[d] = np.mean((along < 0.0) & (perp < EARTH_R))
    period = float(circular_period(altitude))
    return {"jd": jd, "beta": beta, "eclipse_fraction": frac, "inclination": inc,
            "sunlit_fraction": 1.0 - frac.mean(), "eclipse_days": float((frac > 0).sum()),
            "longest_eclipse": frac.max() * period}
