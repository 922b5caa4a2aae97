"""Warning thresholds: the shipped file's bands and their sources, and malformed files named."""
from __future__ import annotations

import pytest

from model.errors import InputError
from model.reports.thresholds import THRESHOLDS_FILE, load_thresholds, status, thresholds_for


def test_shipped_bands_with_their_sources():
    wi = {t.months: t for t in thresholds_for("work_injury")}
    # 国办发〔2019〕13号: 18–23 months cut 20%, 24 months or more cut 50% (policy-facts §5, §10)
    assert wi[18].side == wi[24].side == "at_least"
    assert "国办发〔2019〕13号" in wi[18].source("zh") and "人社部发〔2023〕19号" in wi[24].source("en")
    assert status("work_injury", 17.9) is None
    assert status("work_injury", 18.0).id == "work_injury_cut_20"
    assert status("work_injury", 23.9).id == "work_injury_cut_20"
    assert status("work_injury", 24.0).id == "work_injury_cut_50"
    # pension rate cuts above 9 months (2016/2018 notices); a warning plan below 3 (maternity rule)
    assert status("enterprise_pension", 9.5).id == "pension_rate_cut"
    assert status("enterprise_pension", 2.0).id == "warning_plan"
    assert status("enterprise_pension", 5.0).id == "watch"
    assert "预算编制部门自选" in status("enterprise_pension", 5.0).source("zh")
    assert status("resident_pension", 100.0) is None


def test_malformed_thresholds_are_named(tmp_path):
    bad = THRESHOLDS_FILE.read_text(encoding="utf-8").replace('side = "below"', 'side = "under"', 1)
    bad = bad.replace('fund = "work_injury"', 'fund = "maternity"', 1)
    path = tmp_path / "thresholds.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_thresholds(path)
    text = str(err.value)
    assert "threshold[1].side" in text and "under" in text and "below 或 at_least" in text
    assert "maternity" in text and "unknown fund" in text
