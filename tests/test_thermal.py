"""Radiators: Stefan–Boltzmann flux, view factors to the Earth (checked by numerical
integration over the plate's hemisphere), area and mass."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import constants

import orbital
from orbital.core.constants import EARTH_R
from orbital.space import thermal


def test_sigma_is_codata():
    assert thermal.STEFAN_BOLTZMANN == pytest.approx(constants.Stefan_Boltzmann, rel=1e-15)


@pytest.mark.parametrize("temperature", [250.0, 300.0, 340.0, 350.0, 500.0])
@pytest.mark.parametrize("emissivity", [0.8, 0.88, 0.92, 1.0])
def test_emitted_flux_is_stefan_boltzmann(temperature, emissivity):
    expected = emissivity * constants.Stefan_Boltzmann * temperature ** 4
    assert thermal.emitted_flux(temperature, emissivity) == pytest.approx(expected, rel=1e-12)


def test_without_an_environment_two_sides_reject_twice_as_much():
    t, eps = np.array([300.0, 340.0, 350.0]), 0.9
    for sides in (1, 2):
        for orientation in ("edge_on", "nadir"):
            q = thermal.radiator_net_flux(t, eps, 0.2, 650e3, sides, orientation, earth_ir=0.0,
                                          albedo=0.0)
            np.testing.assert_allclose(q, sides * eps * constants.Stefan_Boltzmann * t ** 4,
                                       rtol=1e-12)


def _view_factor_by_quadrature(altitude, normal_from_nadir, n=900):
    """F = (1/π) ∫ cos θ dΩ over the directions of the plate's front hemisphere that hit the
    Earth, by midpoint quadrature in (θ, φ) about the plate normal."""
    d = (EARTH_R + altitude)
    half = np.arcsin(EARTH_R / d)  # half-angle of the Earth's disc seen from the plate
    theta = (np.arange(n) + 0.5) * (np.pi / 2) / n
    phi = (np.arange(2 * n) + 0.5) * (2 * np.pi) / (2 * n)
    th, ph = np.meshgrid(theta, phi, indexing="ij")
    # plate normal tilted from nadir by `normal_from_nadir` about the y axis; nadir is -z
    a = normal_from_nadir
    nrm = np.array([np.sin(a), 0.0, -np.cos(a)])
    e1 = np.array([np.cos(a), 0.0, np.sin(a)])
    e2 = np.cross(nrm, e1)
    dirs = (np.cos(th)[..., None] * nrm + np.sin(th)[..., None] *
            (np.cos(ph)[..., None] * e1 + np.sin(ph)[..., None] * e2))
    hits = -dirs[..., 2] >= np.cos(half)  # within the Earth's disc around nadir
    dA = np.sin(th) * (np.pi / 2 / n) * (2 * np.pi / (2 * n))
    return float((np.cos(th) * hits * dA).sum() / np.pi)


@pytest.mark.parametrize("altitude_km", [400.0, 650.0, 1200.0, 5000.0])
def test_view_factors_match_numerical_integration(altitude_km):
    h = altitude_km * 1e3
    assert thermal.view_factor_nadir(h) == pytest.approx(_view_factor_by_quadrature(h, 0.0),
                                                         rel=3e-3)
    assert thermal.view_factor_edge_on(h) == pytest.approx(
        _view_factor_by_quadrature(h, np.pi / 2), rel=5e-3)


def test_edge_on_view_factor_limits():
    assert thermal.view_factor_edge_on(1.0) == pytest.approx(0.5, abs=1e-3)
    far = 1e9
    hh = (EARTH_R + far) / EARTH_R
    assert thermal.view_factor_edge_on(far) == pytest.approx(2 / (3 * np.pi * hh ** 3), rel=1e-3)
    h = np.linspace(200e3, 40000e3, 50)
    assert np.all(np.diff(thermal.view_factor_edge_on(h)) < 0)


def test_absorbed_flux_terms():
    f, eps, alpha, olr, a, s, beta = 0.24, 0.88, 0.2, 237.0, 0.3, 1361.0, np.radians(60)
    expected = f * (eps * olr + alpha * a * s * np.cos(beta) / np.pi)
    assert thermal.earth_flux_absorbed(f, eps, alpha, olr, a, s, beta) == pytest.approx(expected)
    q = thermal.radiator_net_flux(340.0, eps, alpha, 650e3, 2, "edge_on", olr, a, s, beta)
    fe = thermal.view_factor_edge_on(650e3)
    assert q == pytest.approx(2 * thermal.emitted_flux(340.0, eps)
                              - 2 * thermal.earth_flux_absorbed(fe, eps, alpha, olr, a, s, beta))
    q1 = thermal.radiator_net_flux(340.0, eps, alpha, 650e3, 1, "nadir", olr, a, s, beta)
    assert q1 == pytest.approx(thermal.emitted_flux(340.0, eps))  # one side, facing space


def test_area_mass_and_impossible_radiators():
    q = thermal.radiator_net_flux(np.array([150.0, 340.0]), 0.9, 0.9, 300e3, 2, "nadir",
                                  237.0, 0.3, 1361.0, 0.0)
    assert q[0] < 0 < q[1]
    area = thermal.radiator_area(1000.0, q)
    assert np.isnan(area[0]) and area[1] == pytest.approx(1000.0 / q[1])
    assert thermal.radiator_mass(area[1], 5.0, 1.3) == pytest.approx(area[1] * 6.5)


def test_temperature_inverts_the_flux():
    t = np.array([280.0, 320.0, 350.0])
    q = thermal.radiator_net_flux(t, 0.9, 0.2, 650e3, 2, "edge_on")
    absorbed = 2 * thermal.emitted_flux(t, 0.9) - q
    np.testing.assert_allclose(thermal.radiator_temperature(q, 0.9, 2, absorbed), t, rtol=1e-12)


def test_pipeline_radiator_per_kw():
    base = orbital.load("default")
    res = orbital.evaluate(base, {"thermal.temperature": orbital.Q_([300, 340, 350], "K")})
    heat = res["thermal.heat_per_power"].m
    eta = base["spacecraft.power_management_efficiency"].value
    assert heat == pytest.approx(1 / eta)
    q = res["thermal.net_flux"].m_as("W/m^2")
    np.testing.assert_allclose(res["thermal.area_per_power"].m_as("m^2/W"), heat / q)
    np.testing.assert_allclose(res["thermal.mass_per_power"].m_as("kg/W"),
                               heat / q * 5.0 * 1.3)
    assert np.all(np.diff(res["thermal.area_per_power"].m) < 0)  # hotter → smaller
