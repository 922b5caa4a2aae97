"""ui.runs.chart_rows takes exactly the engine's long-table values, only faster."""
import pandas as pd

from model.analysis.compare import compare
from model.scenarios.library import load_library
from ui.runs import CHART_INDICATORS, chart_rows


def test_chart_rows_equal_engine_frame():
    lib = load_library()
    result = compare([lib["baseline"], lib["employer_rate_14"]])
    fast = chart_rows(result.result, result.ids)
    full = result.frame()
    full = full[full["indicator"].isin(CHART_INDICATORS)][["scenario", "fund", "year", "indicator", "value"]]
    key = ["scenario", "fund", "indicator", "year"]
    a = fast.sort_values(key).reset_index(drop=True)
    b = full.sort_values(key).reset_index(drop=True)
    assert len(a) == len(b) > 0
    pd.testing.assert_frame_equal(a.astype({"year": int}), b.astype({"year": int}), check_dtype=False)
