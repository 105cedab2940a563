"""Speed of the vectorised physics (orbit, transfer, array, radiators, roll-up), as ratios
measured in one run.

    .venv/bin/python benchmarks/bench_physics.py [--n 1000000] [--loop 20000] [--repeats 3]

1. The per-case closed forms on N = 1e6 random cases: SSO inclination, period, node drift,
   eclipse fraction, Hohmann Δv with a plane change, the rocket equation, array sizing, radiator
   view factor, net flux and area, and the mass roll-up. Budget: well under 1 s (ratio to 1 s).
2. The same formulas as a per-sample Python loop (``math``) on a subset, extrapolated to N: how
   much the vectorised form saves. The loop's answers are checked equal to the vectorised ones.
3. The annual sunlight (365 daily β samples per case, chunked): time per case, extrapolated to N
   (it is 365× the work of one formula, so it is reported separately and honestly).
4. The physics pipeline steps on N cases (array, radiator and compute inputs varied, orbit
   held), and for context the whole ``orbital.evaluate`` with the bottom-up model.
5. boinor (and its numba kernels) stays unimported throughout.

Every timing is the best of several repeats (the machine may be shared and noisy).
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orbital  # noqa: E402
from orbital.core.constants import EARTH_J2, EARTH_MU, EARTH_R, G0  # noqa: E402
from orbital.model.evaluate import convert_input  # noqa: E402
from orbital.space import array, orbit, spacecraft, thermal, transfer  # noqa: E402


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def cases(n, seed=1):
    rng = np.random.default_rng(seed)
    return {
        "h": rng.uniform(300e3, 2000e3, n),
        "beta": rng.uniform(-np.pi / 2, np.pi / 2, n),
        "di": rng.uniform(0, np.radians(30), n),
        "isp": rng.uniform(300, 460, n),
        "eps": rng.uniform(0.05, 0.2, n),
        "eta": rng.uniform(0.85, 0.95, n),
        "T": rng.uniform(300, 360, n),
        "em": rng.uniform(0.85, 0.92, n),
        "cell": rng.uniform(0.22, 0.33, n),
    }


def vectorised(c):
    """The per-case closed forms, all at once on arrays."""
    h = c["h"]
    out = {}
    out["inc"] = orbit.sun_synchronous_inclination(h)
    out["period"] = orbit.circular_period(h)
    out["node"] = orbit.node_precession_rate(h, out["inc"])
    f = orbit.eclipse_fraction(h, c["beta"])
    out["eclipse"] = f
    dv = transfer.hohmann_delta_v(407e3, h, c["di"])
    out["dv"] = dv
    out["leo_mass"] = transfer.leo_mass_per_delivered(dv, c["isp"], c["eps"])
    need = array.array_power_ratio(c["eta"], f, 0.9, True)
    rated = array.rated_power_ratio(need, 0.967, 0.88)
    out["array_area"] = array.array_area(rated, 1361.0, c["cell"], 0.9)
    q = thermal.radiator_net_flux(c["T"], c["em"], 0.2, h, 2, "edge_on", 237.0, 0.3, 1361.0,
                                  c["beta"])
    out["rad_area"] = thermal.radiator_area(1.0 / c["eta"], q)
    m_batt = spacecraft.battery_mass(
        spacecraft.battery_energy(1.0 / c["eta"], f * out["period"], 0.4), 150 * 3600.0)
    parts = spacecraft.mass_rollup(0.01, rated / 100.0, out["rad_area"] * 6.5, m_batt, 0.001,
                                   0.002 / c["eta"], 0.2)
    out["specific_power"] = spacecraft.specific_power(parts["total"])
    return out


def one_case(h, beta, di, isp, eps, eta, T, em, cell):
    """The same formulas for one case, in plain Python (math), as a per-sample loop would."""
    a = EARTH_R + h
    ssrate = orbit.SSO_NODE_RATE
    c = -2.0 * a ** 3.5 * ssrate / (3.0 * EARTH_R ** 2 * EARTH_J2 * math.sqrt(EARTH_MU))
    inc = math.acos(c)
    period = 2 * math.pi * math.sqrt(a ** 3 / EARTH_MU)
    node = -1.5 * math.sqrt(EARTH_MU / a ** 3) * EARTH_J2 * (EARTH_R / a) ** 2 * math.cos(inc)
    ratio = math.sqrt(h * h + 2 * EARTH_R * h) / (a * math.cos(beta))
    f = math.acos(ratio) / math.pi if ratio < 1 else 0.0
    r1 = EARTH_R + 407e3
    r2 = a
    at = 0.5 * (r1 + r2)
    vc1, vc2 = math.sqrt(EARTH_MU / r1), math.sqrt(EARTH_MU / r2)
    vt1 = math.sqrt(EARTH_MU * (2 / r1 - 1 / at))
    vt2 = math.sqrt(EARTH_MU * (2 / r2 - 1 / at))
    d1 = 0.0 if r2 >= r1 else di
    d2 = di if r2 >= r1 else 0.0
    dv = (math.sqrt((vc1 - vt1) ** 2 + 4 * vc1 * vt1 * math.sin(d1 / 2) ** 2) +
          math.sqrt((vt2 - vc2) ** 2 + 4 * vt2 * vc2 * math.sin(d2 / 2) ** 2))
    R = math.exp(dv / (G0 * isp))
    k = eps / (1 - eps)
    leo = 1 + (1 + k) * (R - 1) / (1 - k * (R - 1))
    need = (1 / eta) * (1 + f / ((1 - f) * 0.9))
    rated = need / (0.967 * 0.88)
    arr_area = rated / (1361.0 * cell * 0.9)
    hh = a / EARTH_R
    x = math.sqrt(hh * hh - 1)
    F = (math.atan(1 / x) - x / (hh * hh)) / math.pi
    emitted = em * thermal.STEFAN_BOLTZMANN * T ** 4
    absorbed = F * (em * 237.0 + 0.2 * 0.3 * 1361.0 * math.cos(beta) / math.pi)
    q = 2 * emitted - 2 * absorbed
    rad_area = (1 / eta) / q
    m_batt = (1 / eta) * f * period / 0.4 / (150 * 3600.0)
    sub = 0.01 + rated / 100 + rad_area * 6.5 + m_batt + 0.001 + 0.002 / eta
    return {"inc": inc, "period": period, "node": node, "eclipse": f, "dv": dv, "leo_mass": leo,
            "array_area": arr_area, "rad_area": rad_area, "specific_power": 1 / (sub / 0.8)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--loop", type=int, default=20_000, help="cases in the Python-loop subset")
    ap.add_argument("--sunlight", type=int, default=20_000, help="cases for the annual sunlight")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    n = args.n

    c = cases(n)
    vectorised(cases(1000))  # warm up numpy
    t_vec, out = best(lambda: vectorised(c), args.repeats)
    print(f"1. per-case closed forms, N = {n:,}: {t_vec:.3f} s "
          f"= {t_vec / 1.0:.2f} × the 1 s budget ({t_vec / n * 1e9:.0f} ns per case)")

    m = min(args.loop, n)
    keys = list(c)
    sub = {k: c[k][:m] for k in keys}

    def loop():
        return [one_case(*(sub[k][i] for k in keys)) for i in range(m)]

    t_loop, rows = best(loop, 1)
    for name in out:
        got = np.array([row[name] for row in rows])
        np.testing.assert_allclose(got, out[name][:m], rtol=1e-9, err_msg=name)
    t_loop_n = t_loop / m * n
    print(f"2. per-sample Python loop on {m:,} cases: {t_loop:.3f} s, extrapolated to N: "
          f"{t_loop_n:.1f} s; vectorised is {t_loop_n / t_vec:.0f}× faster (answers equal to 1e-9)")

    k = min(args.sunlight, n)
    inc = orbit.sun_synchronous_inclination(c["h"][:k])
    ltan = np.random.default_rng(2).uniform(0, 24, k)
    t_sun, _ = best(lambda: orbit.annual_sunlight(c["h"][:k], inc, ltan), args.repeats)
    print(f"3. annual sunlight (365 daily β per case), {k:,} cases: {t_sun:.3f} s "
          f"= {t_sun / k * 1e6:.1f} µs per case; extrapolated to N = {n:,}: {t_sun / k * n:.1f} s "
          f"({t_sun / k * n / 1.0:.1f} × the 1 s budget, for 365× the work of one formula)")

    base = orbital.load("good-current-tech")
    rng = np.random.default_rng(3)
    over = {
        "array.specific_power": orbital.Q_(rng.uniform(60, 300, n), "W/kg"),
        "thermal.temperature": orbital.Q_(rng.uniform(300, 350, n), "K"),
        "thermal.areal_density": orbital.Q_(rng.uniform(2, 10, n), "kg/m^2"),
        "spacecraft.compute_mass_per_power": orbital.Q_(rng.uniform(3, 12, n), "kg/kW"),
    }
    t_eval, res = best(lambda: orbital.evaluate(base, over), args.repeats)
    assert res["power.specific_power"].shape == (n,)
    s = dict(base.si())
    params = orbital.model.catalogue.parameters()
    for name, value in over.items():
        s[name] = convert_input(params[name], value)
    physics = (orbit, array, thermal, spacecraft)

    def physics_steps():
        r = {}
        for module in physics:
            module.step(s, r)
        return r

    t_phys, r = best(physics_steps, args.repeats)
    np.testing.assert_allclose(r["spacecraft.specific_power"], res.si("spacecraft.specific_power"))
    print(f"4. the physics pipeline steps (orbit, array, thermal, spacecraft), N = {n:,} "
          f"(array/radiator/compute varied): {t_phys:.3f} s = {t_phys / 1.0:.2f} × the 1 s "
          f"budget; the whole orbital.evaluate with every downstream step: {t_eval:.3f} s "
          f"(physics {t_phys / t_eval:.0%} of it)")

    print(f"5. boinor imported: {'boinor' in sys.modules}; numba imported: "
          f"{'numba' in sys.modules}")


if __name__ == "__main__":
    main()
