"""The projection engine: calibration, demography, the five funds, financing and indicators.

Public API (what the analyses, the reports, the CLI and the app use)::

    from model.engine import Engine, get_engine
    engine = get_engine()                       # Changji 2020, calibrated once per process
    result = engine.run([{}, {"enterprise_pension.employer_rate": {2022: 0.14}}], end=2060)

Modules: ``core`` (Engine, ProjectionResult), ``cache`` (one engine per region), ``calibration``,
``cohorts`` (the demographic stage), ``demography/``, ``funds/``, ``financing``, ``indicators``,
``output`` (the long table), ``region_check`` (full validation of a region folder).
"""
from model.engine.cache import get_engine
from model.engine.core import DEFAULT_END, MAX_END, TOTAL, Engine, ProjectionResult
from model.engine.output import project, write_table
from model.engine.region_check import validate_region

__all__ = ["DEFAULT_END", "MAX_END", "TOTAL", "Engine", "ProjectionResult", "get_engine", "project",
           "validate_region", "write_table"]
