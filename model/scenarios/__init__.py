"""Levers and scenarios: what a planner can change, and the files that change it.

- ``levers``: the lever catalogue (``data/parameters/levers.toml``: unit, range, default by year,
  source, certainty), step paths, a region's ``assumptions.toml``, the batched ``LeverSet``;
- ``library``: scenario TOML files (header, inheritance, validation of the merged result, write-back).

Imports only ``model.baseline`` and the bottom modules.
"""
from model.scenarios.levers import LeverSet, LeverSpec, build_lever_set, catalogue
from model.scenarios.library import (
                                     BASELINE_ID,
                                     SCENARIO_DIR,
                                     Scenario,
                                     load_library,
                                     load_scenario,
                                     merge_path,
                                     scenario_from_levers,
)

__all__ = ["BASELINE_ID", "SCENARIO_DIR", "LeverSet", "LeverSpec", "Scenario", "build_lever_set",
           "catalogue", "load_library", "load_scenario", "merge_path", "scenario_from_levers"]
