"""The output contract: one long table ``scenario, fund, year, indicator, value, unit``.

    frame = project([load_scenario("scenarios/employer_rate_14.toml")], end=2060)

covers the five funds and ``total`` (their sum); money 万元, people persons; every indicator is
documented in ``data/variables.csv`` (Chinese and English labels). ``python -m model project``
writes it as CSV (utf-8-sig, for Excel on Chinese Windows), xlsx or parquet by extension,
through a temporary file and a rename (never half a file).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from model.engine.cache import get_engine
from model.errors import ProblemList
from model.files import atomic_write
from model.scenarios.library import BASELINE_ID

if TYPE_CHECKING:
    import pandas as pd

FORMATS = (".csv", ".xlsx", ".parquet")


def project(scenarios: Sequence | None = None, end: int = 2060, region_dir: str | Path | None = None,
            engine=None) -> pd.DataFrame:
    """Run scenarios (``model.scenarios.library.Scenario`` objects; none = the baseline) in one batched call."""
    engine = engine or get_engine(None if region_dir is None else str(region_dir))
    if not scenarios:
        return engine.run([{}], end=end).frame([BASELINE_ID])
    result = engine.run([s.overrides for s in scenarios], end=end)
    return result.frame([s.id for s in scenarios])


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the long table by extension: .csv (utf-8-sig), .xlsx or .parquet, atomically.

    Overwrites ``path``; the command line checks first (``model.cli.output_path``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        problems = ProblemList()
        problems.add(str(path), "--out", suffix or path.name, "不支持的输出格式", "unsupported output format",
                     "、".join(FORMATS), ", ".join(FORMATS))
        problems.raise_if_any()
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(tmp: Path) -> None:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8-sig")
        elif suffix == ".xlsx":
            frame.to_excel(tmp, index=False, sheet_name="projection")
        else:
            frame.to_parquet(tmp, index=False)
    return atomic_write(path, write)
