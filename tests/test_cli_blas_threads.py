"""``python -m model`` asks OpenBLAS for one thread before numpy loads (model/__main__.py),
unless the user set OPENBLAS_NUM_THREADS; the engine's products run on one thread anyway."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = ("import os, runpy, sys\n"
         "sys.argv = ['model', '--help']\n"
         "try:\n"
         "    runpy.run_module('model', run_name='__main__')\n"
         "except SystemExit:\n"
         "    pass\n"
         "import numpy\n"
         "from threadpoolctl import threadpool_info\n"
         "print(os.environ['OPENBLAS_NUM_THREADS'], "
         "sorted({i['num_threads'] for i in threadpool_info() if i['internal_api'] == 'openblas'}))\n")


def probe(extra: dict) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    env.update(extra)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def test_command_runs_openblas_on_one_thread():
    assert probe({}) == "1 [1]"


def test_user_setting_is_kept():
    assert probe({"OPENBLAS_NUM_THREADS": "2"}) == "2 [2]"
