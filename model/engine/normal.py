"""The standard normal distribution function Φ without importing ``scipy.special``.

``scipy.special`` costs 0.1–0.4 s of start-up (it loads scipy's array-API layer, which touches
``numpy.f2py`` and ``numpy.testing``); the engine needs only Φ, in the contribution-base factor
(``model.engine.funds.base.clipped_mean``). :func:`ndtr` evaluates the same Cephes rational
approximations scipy's ``ndtr`` uses (Cephes Math Library 2.2, © 1984–1992 Stephen L. Moshier,
BSD licence, as shipped in scipy's ``xsf/cephes/ndtr.h``), in the same order of operations and
with the C library's ``exp`` (``math.exp``; numpy's SIMD ``exp`` can differ by one unit in the
last place), so it returns scipy's values bit for bit (``tests/test_normal.py`` checks it).

    Φ(a) = 0.5 + 0.5·erf(a/√2)        for |a/√2| < 1
         = 0.5·erfc(|a|/√2)           for a < −√2     (1 − that for a > √2)
    erf(x)  = x·T(x²)/U(x²)                                   for |x| ≤ 1
    erfc(x) = exp(−x²)·P(x)/Q(x) for 1 ≤ x < 8, exp(−x²)·R(x)/S(x) for x ≥ 8

with P, Q, R, S, T, U the Cephes coefficients below (Q, S, U monic). Relative error below 4e-14
(Cephes' own test over [−13, 0]).
"""
from __future__ import annotations

import math

import numpy as np

# Cephes ndtr.c coefficients, highest power first; the monic polynomials omit their leading 1.
_P = (2.46196981473530512524E-10, 5.64189564831068821977E-1, 7.46321056442269912687E0,
      4.86371970985681366614E1, 1.96520832956077098242E2, 5.26445194995477358631E2,
      9.34528527171957607540E2, 1.02755188689515710272E3, 5.57535335369399327526E2)
_Q = (1.32281951154744992508E1, 8.67072140885989742329E1, 3.54937778887819891062E2,
      9.75708501743205489753E2, 1.82390916687909736289E3, 2.24633760818710981792E3,
      1.65666309194161350182E3, 5.57535340817727675546E2)
_R = (5.64189583547755073984E-1, 1.27536670759978104416E0, 5.01905042251180477414E0,
      6.16021097993053585195E0, 7.40974269950448939160E0, 2.97886665372100240670E0)
_S = (2.26052863220117276590E0, 9.39603524938001434673E0, 1.20489539808096656605E1,
      1.70814450747565897222E1, 9.60896809063285878198E0, 3.36907645100081516050E0)
_T = (9.60497373987051638749E0, 9.00260197203842689217E1, 2.23200534594684319226E3,
      7.00332514112805075473E3, 5.55923013010394962768E4)
_U = (3.35617141647503099647E1, 5.21357949780152679795E2, 4.59432382970980127987E3,
      2.26290000613890934246E4, 4.92673942608635921086E4)
#: ln of the largest double: exp(−x²) underflows to 0 beyond it (Cephes MAXLOG)
_MAXLOG = 7.09782712893383996843E2
_SQRT1_2 = 0.70710678118654752440   # 1/√2, C's M_SQRT1_2


def _polevl(x: np.ndarray, coef: tuple[float, ...]) -> np.ndarray:
    """c₀xⁿ + c₁xⁿ⁻¹ + … + cₙ by Horner's rule (Cephes ``polevl``)."""
    out = np.full_like(x, coef[0])
    for c in coef[1:]:
        out *= x
        out += c
    return out


def _p1evl(x: np.ndarray, coef: tuple[float, ...]) -> np.ndarray:
    """xⁿ + c₀xⁿ⁻¹ + … + cₙ₋₁ (Cephes ``p1evl``: a leading coefficient of 1)."""
    out = x + coef[0]
    for c in coef[1:]:
        out *= x
        out += c
    return out


def _erf_small(x: np.ndarray) -> np.ndarray:
    """erf(x) for |x| ≤ 1: x·T(x²)/U(x²) (Cephes ``erf``; odd, so its sign follows x)."""
    z = x * x
    return x * _polevl(z, _T) / _p1evl(z, _U)


def _erfc_large(x: np.ndarray) -> np.ndarray:
    """erfc(x) for x ≥ 1 (Cephes ``erfc``): exp(−x²)·P(x)/Q(x) below 8, R/S from 8 on; 0 once
    exp(−x²) underflows."""
    z = -x * x
    under = z < -_MAXLOG
    if under.any():
        x = np.where(under, 1.0, x)                 # placeholders, replaced by 0 below
        z = np.where(under, 0.0, z)
    e = np.fromiter(map(math.exp, z.tolist()), dtype=float, count=x.size)
    far = x >= 8.0
    if far.any():
        p = np.where(far, _polevl(x, _R), _polevl(x, _P))
        q = np.where(far, _p1evl(x, _S), _p1evl(x, _Q))
    else:
        p, q = _polevl(x, _P), _p1evl(x, _Q)
    y = (e * p) / q
    return np.where(under, 0.0, y) if under.any() else y


def ndtr(a) -> np.ndarray:
    """Φ(a), the standard normal distribution function, elementwise (same shape as ``a``,
    float64; NaN stays NaN) — scipy.special.ndtr's values bit for bit."""
    a = np.asarray(a, dtype=float)
    x = a.reshape(-1) * _SQRT1_2
    z = np.abs(x)
    small = z < 1.0
    if small.all():
        return (0.5 + 0.5 * _erf_small(x)).reshape(a.shape)
    out = np.empty_like(x)
    out[small] = 0.5 + 0.5 * _erf_small(x[small])
    large = ~small & (z == z)                       # z == z: not NaN
    y = 0.5 * _erfc_large(z[large])
    out[large] = np.where(x[large] > 0, 1.0 - y, y)
    out[np.isnan(x)] = np.nan
    return out.reshape(a.shape)
