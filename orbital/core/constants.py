"""Physical constants the vectorised model uses, as plain SI floats.

The Moon's and Earth's values are boinor 0.20's (``boinor.bodies.Moon``/``Earth``), copied here so
that the CLI and the page never import boinor (and its numba kernels) on start-up;
``tests/test_constants.py`` checks every value against boinor itself.
"""
#: Moon gravitational parameter μ [m³/s²] (boinor 0.20 ``Moon.k``).
MOON_MU = 4.90279981e12
#: Moon mean radius [m] (boinor 0.20 ``Moon.R``; NASA Moon fact sheet 1737.4 km).
MOON_R = 1737400.0
#: Earth gravitational parameter μ [m³/s²] (boinor 0.20 ``Earth.k``).
EARTH_MU = 3.986004418e14
#: Earth equatorial radius [m] (boinor 0.20 ``Earth.R``).
EARTH_R = 6378136.6
#: Earth J2 [1] (boinor 0.20 ``Earth.J2``).
EARTH_J2 = 1.08263e-3
#: Standard gravity g0 [m/s²].
G0 = 9.80665
#: Seconds per Julian year (the ``yr`` of orbital's unit registry).
YEAR = 365.25 * 86400.0
#: Seconds per hour.
HOUR = 3600.0
