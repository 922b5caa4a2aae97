"""model.engine.normal.ndtr against scipy.special.ndtr: the same values bit for bit (both branches,
the switch points, the tails, infinities and NaN), and Φ's textbook values."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special

from model.engine.funds.base import clipped_mean
from model.engine.normal import ndtr


@pytest.mark.parametrize("values", [
    np.random.default_rng(1).normal(0.0, 3.0, 200_000),
    np.random.default_rng(2).uniform(-45.0, 45.0, 200_000),
    np.linspace(-1.5, 1.5, 30_001),                              # around the erf/erfc switch at ±√2
    np.linspace(11.0, 11.7, 7_001),                              # around the P/Q → R/S switch at 8√2
    np.array([0.0, -0.0, math.sqrt(2), -math.sqrt(2), np.nextafter(math.sqrt(2), 0), 8 * math.sqrt(2),
              -8 * math.sqrt(2), -37.5, -37.6, -38.5, -50.0, 50.0, 1e-300, -1e-300,
              np.inf, -np.inf, np.nan]),
])
def test_same_values_as_scipy(values):
    assert np.array_equal(ndtr(values), special.ndtr(values), equal_nan=True)


def test_textbook_values_and_shape():
    # Φ(0) = 1/2, Φ(1.959963984540054) = 0.975 (the two-sided 95% point), Φ(−x) = 1 − Φ(x)
    assert ndtr(0.0) == 0.5
    assert ndtr(1.959963984540054) == pytest.approx(0.975, abs=1e-15)
    x = np.linspace(-6, 6, 13).reshape(13, 1)
    assert ndtr(x).shape == (13, 1)
    assert np.allclose(ndtr(-x), 1.0 - ndtr(x), rtol=0, atol=1e-15)
    assert ndtr(-np.inf) == 0.0 and ndtr(np.inf) == 1.0


def test_the_engine_factor_is_unchanged():
    # the contribution-base factor computed with scipy's Φ by hand, same formula
    floor, ceiling, sd = np.array([[0.6, 0.55]]), np.array([[3.0, 2.5]]), np.array([[0.5, 0.45]])
    z1f = (np.log(floor) + sd ** 2 / 2) / sd
    z1c = (np.log(ceiling) + sd ** 2 / 2) / sd
    phi = special.ndtr
    expected = floor * phi(z1f) + phi(z1c - sd) - phi(z1f - sd) + ceiling * (1.0 - phi(z1c))
    assert np.array_equal(clipped_mean(floor, ceiling, sd), expected)
