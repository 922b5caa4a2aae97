"""Brent's root finder without importing ``scipy.optimize`` (about 0.3 s of start-up).

:func:`brentq` follows scipy's ``brentq`` (scipy/optimize/Zeros/brentq.c, Charles Harris; BSD
licence, © SciPy Developers) step for step, with the same default tolerances, so it returns
the same root bit for bit (``tests/test_roots.py`` checks it against scipy on the model's own
equations). The model's root problems are one-dimensional and bracketed: a mortality loading
for a life expectancy, the pre-1950 growth rate, a pensioner mortality factor, goal-seek
refinements.
"""
from __future__ import annotations

import math
from typing import Callable

XTOL = 2e-12
RTOL = 4 * 2.220446049250313e-16     # 4 × machine epsilon, scipy's smallest allowed
MAXITER = 100


def brentq(f: Callable[..., float], a: float, b: float, args: tuple = (), xtol: float = XTOL,
           rtol: float = RTOL, maxiter: int = MAXITER) -> float:
    """A root of ``f(x, *args)`` in [a, b], where f(a) and f(b) differ in sign.

    Converged when the bracket's half-width is below (xtol + rtol·|x|)/2. Raises ValueError if
    f(a), f(b) have the same sign and RuntimeError after ``maxiter`` iterations (as scipy does).
    """
    if xtol <= 0:
        raise ValueError(f"xtol too small ({xtol:g} <= 0)")
    if rtol < RTOL:
        raise ValueError(f"rtol too small ({rtol:g} < {RTOL:g})")
    xpre, xcur = float(a), float(b)
    xblk = fblk = spre = scur = 0.0
    fpre = float(f(xpre, *args))
    fcur = float(f(xcur, *args))
    if fpre == 0:
        return xpre
    if fcur == 0:
        return xcur
    if math.copysign(1.0, fpre) == math.copysign(1.0, fcur):
        raise ValueError("f(a) and f(b) must have different signs")
    for _ in range(maxiter):
        if fpre != 0 and fcur != 0 and math.copysign(1.0, fpre) != math.copysign(1.0, fcur):
            xblk, fblk = xpre, fpre
            spre = scur = xcur - xpre
        if abs(fblk) < abs(fcur):
            xpre, xcur, xblk = xcur, xblk, xcur
            fpre, fcur, fblk = fcur, fblk, fcur
        delta = (xtol + rtol * abs(xcur)) / 2
        sbis = (xblk - xcur) / 2
        if fcur == 0 or abs(sbis) < delta:
            return xcur
        if abs(spre) > delta and abs(fcur) < abs(fpre):
            if xpre == xblk:                                           # interpolate
                stry = -fcur * (xcur - xpre) / (fcur - fpre)
            else:                                                      # extrapolate
                dpre = (fpre - fcur) / (xpre - xcur)
                dblk = (fblk - fcur) / (xblk - xcur)
                stry = -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre))
            if 2 * abs(stry) < min(abs(spre), 3 * abs(sbis) - delta):   # good short step
                spre, scur = scur, stry
            else:                                                      # bisect
                spre = scur = sbis
        else:                                                          # bisect
            spre = scur = sbis
        xpre, fpre = xcur, fcur
        if abs(scur) > delta:
            xcur += scur
        else:
            xcur += delta if sbis > 0 else -delta
        fcur = float(f(xcur, *args))
    raise RuntimeError(f"brentq did not converge in {maxiter} iterations")
