"""The engine on a region that is not Changji: a synthetic 2022 prefecture (tests/fixtures)."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from model.baseline.adopted import FUNDS
from model.engine.core import Engine
from model.errors import InputError

SYNTHETIC = Path(__file__).parent / "fixtures" / "regions" / "synthetic-2022"


def test_synthetic_region_calibrates_exactly_and_projects():
    engine = Engine.from_region(SYNTHETIC)
    assert engine.base_year == 2022
    result = engine.run([{}, {"enterprise_pension.employer_rate": 0.14}], end=2050)
    assert result.years[0] == 2022 and result.years[-1] == 2050
    for fund in FUNDS:
        fb = engine.baseline.funds[fund]
        s = result.series[fund]
        for item, value in list(fb.income.items()) + list(fb.expenditure.items()):
            np.testing.assert_allclose(s[item][:, 0], value, rtol=1e-12, atol=1e-6)
        np.testing.assert_allclose(s["accumulated_balance"][:, 0], fb.balance_end, rtol=1e-12, atol=1e-6)
    # its own assumptions.toml: a 2022 relief of 6 SME months, none after
    assert engine.default_levers(2030)["enterprise_pension.relief_sme_months"][0, :2].tolist() == [6.0, 0.0]
    frame = result.frame(["base", "rate14"])
    assert np.isfinite(frame["value"]).all()
    cut = result.series["enterprise_pension"]["contributions"]
    assert (cut[1, 1:] < cut[0, 1:]).all()


def test_missing_headcount_names_file_field_and_what_is_needed(tmp_path):
    region = tmp_path / "region"
    shutil.copytree(SYNTHETIC, region)
    lines = (region / "figures.csv").read_text(encoding="utf-8").splitlines()
    (region / "figures.csv").write_text(
        "\n".join(l for l in lines if not l.startswith("public_pension,2022,retirees")) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        Engine.from_region(region)
    text = str(err.value)
    assert "public_pension/2022/retirees" in text
    assert "预测引擎需要此基年人数" in text and "the projection engine needs this base-year head count" in text


def test_a_waiver_without_relief_months_says_where_to_set_them(tmp_path):
    region = tmp_path / "region"
    shutil.copytree(SYNTHETIC, region)
    (region / "assumptions.toml").unlink()
    with pytest.raises(InputError) as err:
        Engine.from_region(region)
    (problem,) = err.value.problems
    # named by the region's file and row (issue 10 §3), not by the stage that found it
    assert problem.file == str(region / "figures.csv")
    assert problem.field == "row 19 (enterprise_pension/2022/exemption)"
    assert "assumptions.toml" in err.value.text("en") and "relief_sme_months" in err.value.text("zh")
