"""Full validation of a region folder: everything a later stage would refuse, found up front.

``validate-region`` and the app's region upload call :func:`validate_region`; it lives in the
engine layer because it needs every layer below it: the files (``model.baseline.region``), the
region's lever defaults (``assumptions.toml``, ``model.scenarios.levers``), the adopted baseline
(``model.baseline.adopted``) and the head counts the engine's calibration needs.
"""
from __future__ import annotations

from pathlib import Path

from model.baseline.adopted import build_baseline
from model.baseline.region import locate_in_files, read_region
from model.engine.calibration import calibrate, missing_headcounts
from model.errors import InputError, Problem
from model.scenarios.levers import load_region_overrides


def validate_region(region_dir: str | Path) -> list[Problem]:
    """Every problem in a region folder (empty list = valid). Never raises on bad content.

    Includes the optional ``assumptions.toml`` (lever defaults the region replaces; see
    ``model.scenarios.levers.load_region_overrides``).
    """
    region, problems = read_region(region_dir)
    overrides = {}
    try:
        overrides = load_region_overrides(Path(region_dir))
    except InputError as err:
        problems.extend(err.problems)
    if region is not None and not problems:
        try:
            baseline = build_baseline(region)
        except InputError as err:
            problems.extend(err.problems)
        else:
            problems.extend(missing_headcounts(baseline, str(Path(region_dir) / "figures.csv")).items)
            if not problems:  # what calibration would refuse, found now and named by file and row
                try:
                    calibrate(baseline, overrides, region.age_profiles)
                except InputError as err:
                    problems.extend(locate_in_files(err.problems, region))
    return list(problems.items)
