"""What every document shares: scenario arguments, the reproducibility stamp, number formats.

The stamp (printed on every document): model version, git commit, data vintage (region id, base
year, and a hash of the region's files) and a hash of each scenario's lever overrides, so two
documents with the same stamp were built from the same inputs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import subprocess
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import metadata
from pathlib import Path
from typing import Sequence

from model.paths import DEFAULT_REGION_DIR, REPO_ROOT, SCENARIO_DIR
from model.scenarios import Scenario, load_scenario

FUND_IDS = ("enterprise_pension", "public_pension", "resident_pension", "work_injury", "unemployment")
FUND_NAMES = {
    "enterprise_pension": ("企业职工基本养老保险基金", "Enterprise employee basic pension fund"),
    "public_pension": ("机关事业单位基本养老保险基金", "Government and public institution pension fund"),
    "resident_pension": ("城乡居民基本养老保险基金", "Urban and rural resident basic pension fund"),
    "work_injury": ("工伤保险基金", "Work-injury insurance fund"),
    "unemployment": ("失业保险基金", "Unemployment insurance fund"),
    "total": ("五项基金合计", "All five funds"),
}
SHORT_NAMES = {
    "enterprise_pension": ("企业养老", "Enterprise pension"),
    "public_pension": ("机关事业养老", "Public pension"),
    "resident_pension": ("城乡居民养老", "Resident pension"),
    "work_injury": ("工伤", "Work injury"),
    "unemployment": ("失业", "Unemployment"),
    "total": ("合计", "Total"),
}
WAN_PER_YI = 10_000.0


def fund_name(fund: str, lang: str, short: bool = False) -> str:
    names = SHORT_NAMES if short else FUND_NAMES
    return names[fund][0 if lang == "zh" else 1]


def scenario_from_arg(value: str | Path) -> Scenario:
    """A scenario given as a file path or as the id of a shipped scenario (``scenarios/<id>.toml``)."""
    path = Path(value)
    if not path.suffix and not path.exists():
        path = SCENARIO_DIR / f"{value}.toml"
    return load_scenario(path)


#: printed names of rule codes and certainty grades (the catalogue stores codes)
CODE_LABELS = {
    "fixed_growth": ("按固定增长率", "fixed growth"), "share_of_expenditure": ("按支出固定比例", "share of expenditure"),
    "gap_fill": ("兜底补足缺口", "fills the gap"), "min_months": ("保持最低可支付月数", "keeps minimum payable months"),
}
CERTAINTY_LABELS = {"checked": ("已核实", "checked"), "secondary": ("二手来源", "secondary source"),
                    "unverified": ("待核实", "unverified"), "assumption": ("模型假设", "assumption")}


def code_label(code: str, lang: str) -> str:
    return CODE_LABELS.get(code, (code, code))[0 if lang == "zh" else 1]


def certainty_label(certainty: str, lang: str) -> str:
    return CERTAINTY_LABELS.get(certainty, (certainty, certainty))[0 if lang == "zh" else 1]


# ------------------------------------------------------------------ stamp


def scenario_hash(scenario: Scenario | None) -> str:
    """First 12 hex digits of SHA-256 over the scenario's lever overrides (sorted JSON); the
    baseline (no overrides) has a fixed hash."""
    overrides = {} if scenario is None else scenario.overrides
    canonical = json.dumps({k: (v if not isinstance(v, dict) else {str(y): x for y, x in sorted(v.items())})
                            for k, v in sorted(overrides.items())}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short=12", "HEAD"],
                             capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "unknown"


def _model_version() -> str:
    try:
        return metadata.version("sifsim")
    except metadata.PackageNotFoundError:
        return "unknown"


def region_vintage(region_dir: str | Path | None, region_id: str, base_year: int) -> str:
    """``<region id> <base year> data <hash>``: SHA-256 over the region folder's files."""
    folder = Path(region_dir) if region_dir is not None else DEFAULT_REGION_DIR
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob("*") if p.is_file()):
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return f"{region_id} {base_year} data {digest.hexdigest()[:12]}"


@dataclass(frozen=True)
class Stamp:
    """The reproducibility stamp every document carries."""

    model_version: str
    commit: str
    data_vintage: str
    scenario_hashes: tuple[tuple[str, str], ...]  # (scenario id, hash)
    created: str                                  # ISO date the document was built

    def lines(self, lang: str) -> list[str]:
        scen = "；".join(f"{sid} {h}" for sid, h in self.scenario_hashes) if lang == "zh" else \
            "; ".join(f"{sid} {h}" for sid, h in self.scenario_hashes)
        if lang == "zh":
            lines = [f"模型版本 sifsim {self.model_version}，提交 {self.commit}", f"数据版本 {self.data_vintage}",
                     f"情景哈希 {scen}", f"编制日期 {self.created}"]
        else:
            lines = [f"Model sifsim {self.model_version}, commit {self.commit}", f"Data vintage {self.data_vintage}",
                     f"Scenario hashes {scen}", f"Built {self.created}"]
        return [line for line in lines if not (line.endswith("哈希 ") or line.endswith("hashes "))]

    def text(self, lang: str) -> str:
        return ("；" if lang == "zh" else "; ").join(self.lines(lang))


def make_stamp(scenarios: Sequence[Scenario | None], region_dir: str | Path | None, region_id: str,
               base_year: int, today: dt.date | None = None) -> Stamp:
    ids = tuple((s.id if s is not None else "baseline", scenario_hash(s)) for s in scenarios)
    return Stamp(_model_version(), _git_commit(), region_vintage(region_dir, region_id, base_year),
                 ids, (today or dt.date.today()).isoformat())


# ------------------------------------------------------------------ numbers


def set_document_properties(properties, tables, lang: str) -> None:
    """Title, subject (the reproducibility stamp) and author of a pptx or docx file's core
    properties; both libraries expose the same ``core_properties`` fields."""
    properties.title = f"{tables.region_name(lang)} sifsim"
    properties.subject = tables.stamp.text("en")
    properties.author = "sifsim"


def round_half_up(value: float, digits: int = 0) -> float:
    """Round half away from zero (as printed reports do; Python's round() goes to even)."""
    if value is None or not math.isfinite(value):
        return value
    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(q, rounding=ROUND_HALF_UP))


def yi(value_wan: float, digits: int = 2) -> str:
    """万元 → ``"12.34"`` 亿元 text (no unit), "—" for a missing value."""
    if value_wan is None or not math.isfinite(value_wan):
        return "—"
    return f"{round_half_up(value_wan / WAN_PER_YI, digits):,.{digits}f}"


def percent(fraction: float, digits: int = 2) -> str:
    if fraction is None or not math.isfinite(fraction):
        return "—"
    return f"{round_half_up(fraction * 100, digits):.{digits}f}%"


def growth(new: float, old: float) -> float:
    """(new − old) / |old|; NaN when old is 0 (a budget paper prints "—")."""
    if old == 0 or not math.isfinite(old):
        return math.nan
    return (new - old) / abs(old)
