"""Warning thresholds on payable months, each with its source (``data/parameters/thresholds.toml``).

A threshold is a boundary in months of expenditure the accumulated balance covers: ``below``
thresholds flag a fund under them (a 预警方案 under 3 months), ``at_least`` thresholds say what a
fund at or above them may do (cut the work-injury rate by 20% from 18 months, by 50% from 24).
Where no official threshold exists the file says the band is the bureau's choice.

    for t in thresholds_for("work_injury"): print(t.months, t.label("zh"), t.source("zh"))
    flags("work_injury", 20.0)   # → the thresholds a fund at 20 months crosses
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.errors import ProblemList
from model.files import read_toml
from model.paths import DATA_DIR

THRESHOLDS_FILE = DATA_DIR / "parameters" / "thresholds.toml"
FUNDS = ("enterprise_pension", "public_pension", "resident_pension", "work_injury", "unemployment")
SIDES = ("below", "at_least")
CERTAINTIES = ("checked", "secondary", "unverified", "assumption")
FIELDS = ("id", "fund", "months", "side", "label_zh", "label_en", "source_zh", "source_en", "certainty")


@dataclass(frozen=True)
class Threshold:
    id: str
    fund: str            # a fund id or "all"
    months: float
    side: str            # "below" or "at_least"
    label_zh: str
    label_en: str
    source_zh: str
    source_en: str
    certainty: str

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def source(self, lang: str) -> str:
        return self.source_zh if lang == "zh" else self.source_en

    def applies(self, months: float) -> bool:
        """True if a fund covering ``months`` is on this threshold's side."""
        if months is None or math.isnan(months):
            return False
        return months < self.months if self.side == "below" else months >= self.months


def load_thresholds(path: str | Path = THRESHOLDS_FILE) -> tuple[Threshold, ...]:
    """Read and validate the thresholds file; every problem is named (file, entry, field, value)."""
    path = Path(path)
    problems = ProblemList()
    raw = read_toml(path, problems)
    problems.raise_if_any()
    out = []
    for i, entry in enumerate(raw.get("threshold", []), start=1):
        where = f"threshold[{i}]"
        missing = [f for f in FIELDS if f not in entry]
        if missing:
            problems.add(str(path), f"{where}", ",".join(missing), "缺少字段", "missing fields",
                         "、".join(FIELDS), ", ".join(FIELDS))
            continue
        if entry["fund"] not in FUNDS + ("all",):
            problems.add(str(path), f"{where}.fund", entry["fund"], "未知险种", "unknown fund",
                         "五个险种之一或 all", "one of the five funds or all")
        if not isinstance(entry["months"], (int, float)) or not 0 <= entry["months"] <= 600:
            problems.add(str(path), f"{where}.months", entry["months"], "月数超出范围", "months out of range",
                         "0 至 600", "0 to 600")
        if entry["side"] not in SIDES:
            problems.add(str(path), f"{where}.side", entry["side"], "方向无效", "invalid side",
                         "below 或 at_least", "below or at_least")
        if entry["certainty"] not in CERTAINTIES:
            problems.add(str(path), f"{where}.certainty", entry["certainty"], "可靠程度无效", "invalid certainty",
                         "、".join(CERTAINTIES), ", ".join(CERTAINTIES))
        out.append(Threshold(**{f: entry[f] for f in FIELDS}))
    problems.raise_if_any()
    return tuple(out)


@lru_cache(maxsize=1)
def default_thresholds() -> tuple[Threshold, ...]:
    return load_thresholds(THRESHOLDS_FILE)


def thresholds_for(fund: str, thresholds: tuple[Threshold, ...] | None = None) -> list[Threshold]:
    """The thresholds that apply to ``fund`` (its own and the ``all`` ones), by months."""
    items = default_thresholds() if thresholds is None else thresholds
    return sorted((t for t in items if t.fund in (fund, "all")), key=lambda t: t.months)


def status(fund: str, months: float, thresholds: tuple[Threshold, ...] | None = None) -> Threshold | None:
    """The one threshold that best describes a fund covering ``months``: the lowest ``below``
    threshold it is under, else the highest ``at_least`` threshold it reaches, else None."""
    items = thresholds_for(fund, thresholds)
    below = [t for t in items if t.side == "below" and t.applies(months)]
    if below:
        return below[0]
    above = [t for t in items if t.side == "at_least" and t.applies(months)]
    return above[-1] if above else None
