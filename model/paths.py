"""Where the shipped data live, located from the package (never from the working directory).

``data/`` holds the reference tables, the lever catalogue and the embedded regions; ``scenarios/``
the shipped scenario library. Both sit beside the ``model`` package in the repository.
"""
from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
SCENARIO_DIR = REPO_ROOT / "scenarios"
DEFAULT_REGION_DIR = DATA_DIR / "regions" / "changji-2020"
