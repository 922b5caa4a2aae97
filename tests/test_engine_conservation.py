"""Population conservation of the employee groups, cell by cell:

    actives in (year t, age a)  =  survivors still active at t+1, age a+1
                                 + deaths during t+1
                                 + retirements during t+1
                                 + exits − entries (net membership change),

where each term is computed on its own: deaths = actives × Q(t+1, a+1); retirements from the
cohort's retirement schedule; and, since membership follows birth cohorts, net exits =
N(t+1, a+1) × (1 − F(t, a)) × (m(t, a) − m(t+1, a+1)) — zero for cohorts past the entry plateau,
negative (entries) for cohorts still entering work. Checked for ages 0–98 (99 → 100 joins the
open group).
"""
from __future__ import annotations

import numpy as np
import pytest

from model.engine.core import Engine


@pytest.mark.parametrize("group", ["enterprise", "public"])
@pytest.mark.parametrize("overrides", [{}, {"retirement.reform": 0, "demography.improvement_scale": 1.9}])
def test_actives_in_equal_survivors_deaths_retirements_and_net_exits(group, overrides):
    engine = Engine.from_region()
    levers = engine._prepared(engine.levers([overrides], end=2045))
    c = engine.calibration.demography.cells(levers, group)
    active = c.actives[0]                      # (T, s, a)
    members = c.members[0]
    pop = c.population[0]
    q = c.q[0]
    now = (slice(None, -1), slice(None), slice(0, 99))       # year t, ages 0..98
    nxt = (slice(1, None), slice(None), slice(1, 100))       # year t+1, ages 1..99
    actives_in = active[now]
    deaths = actives_in * q[nxt]
    retirements = c.retirements[0][nxt]
    survivors = active[nxt]
    rate_now = np.divide(members[now], pop[now], out=np.zeros_like(members[now]), where=pop[now] > 0)
    rate_next = np.divide(members[nxt], pop[nxt], out=np.zeros_like(members[nxt]), where=pop[nxt] > 0)
    net_exits = pop[nxt] * (1.0 - c.retired[0][now]) * (rate_now - rate_next)
    np.testing.assert_allclose(actives_in, survivors + deaths + retirements + net_exits,
                               rtol=1e-9, atol=1e-6)
    # past the entry plateau membership follows the cohort: no exits, only entries below it
    assert (net_exits[:, :, 30:] == pytest.approx(0.0, abs=1e-6))
    assert (net_exits <= 1e-6).all()
