"""glibc's allocation thresholds (model/engine/allocator.py) change where memory comes from,
never a value; the environment's own setting wins."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
# a sweep of the employer rate: the same batch as the benchmark, shorter
DIGEST = """
import hashlib, sys
import numpy as np
from model.engine.allocator import keep_heap_pages
from model.engine import get_engine
e = get_engine()
r = e.run([{"enterprise_pension.employer_rate": {2022: 0.12 + 0.04 * i / 49}} for i in range(50)], end=2060)
h = hashlib.sha256()
for fund in sorted(r.series):
    for name in sorted(r.series[fund]):
        h.update(np.ascontiguousarray(r.series[fund][name]).tobytes())
print(keep_heap_pages(), h.hexdigest())
"""


def _run(env_extra: dict[str, str]) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")}
    env.update(env_extra)
    out = subprocess.run([sys.executable, "-c", DIGEST], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return out[0], out[1]


def test_thresholds_are_set_on_glibc_and_change_no_value():
    applied, digest = _run({})
    skipped, same = _run({"MALLOC_MMAP_THRESHOLD_": "131072"})
    if sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION"):
        assert applied == "True"
    assert skipped == "False"                     # the environment's setting wins
    assert digest == same                         # every series of 50 variants, byte for byte

