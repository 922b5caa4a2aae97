"""`python -m model project`: the long table written as CSV (utf-8-sig), xlsx or parquet."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.cli import main
from model.engine.core import Engine


@pytest.fixture(scope="module")
def expected():
    engine = Engine.from_region()
    return engine.run([{}], end=2030).frame(["baseline"])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_project_writes_the_long_table(tmp_path, expected, suffix):
    out = tmp_path / f"projection{suffix}"
    assert main(["project", "--end", "2030", "--out", str(out)]) == 0
    if suffix == ".csv":
        assert out.read_bytes()[:3] == b"\xef\xbb\xbf"          # utf-8-sig: Excel on Chinese Windows
        table = pd.read_csv(out, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        table = pd.read_excel(out)
    else:
        table = pd.read_parquet(out)
    assert list(table.columns) == ["scenario", "fund", "year", "indicator", "value", "unit"]
    assert len(table) == len(expected)
    np.testing.assert_allclose(table["value"].to_numpy(float), expected["value"].to_numpy(float), rtol=1e-12)
    row = table[(table.fund == "enterprise_pension") & (table.year == 2020) & (table.indicator == "income_total")]
    assert row["value"].item() == pytest.approx(211801)          # report table: 2020 基金收入小计 211801万元
    assert row["unit"].item() == "万元"


def test_scenarios_run_side_by_side(tmp_path):
    out = tmp_path / "two.csv"
    assert main(["project", "--scenario", "scenarios/baseline.toml", "--scenario",
                 "scenarios/employer_rate_14.toml", "--end", "2030", "--out", str(out)]) == 0
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert set(table["scenario"]) == {"baseline", "employer_rate_14"}


def test_bad_extension_and_start_year_are_explained(tmp_path, capsys):
    assert main(["project", "--out", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err
    assert "不支持的输出格式" in err and "unsupported output format" in err and ".parquet" in err
    assert main(["project", "--start", "2019", "--out", str(tmp_path / "x.csv")]) == 2
    assert "2020" in capsys.readouterr().err
