"""The planner's table: the engine's long table reshaped the way a budget office reads it —
scenario, fund and indicator names in the chosen language, the unit in the indicator's header
cell, one column per year — as CSV (UTF-8 with BOM) and as xlsx with number formats.

Money is shown in 亿元 (万元 ÷ 10 000) as the report does; people in persons; months and ratios
as they are. The engine's running sums (``cumulative_*``) start in the base year; here they are
re-summed from the first projected year, the base-year cell left empty, and the label says from
which year they run. Labels and units come from data/variables.csv.
"""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from typing import Mapping

import pandas as pd

from model.paths import DATA_DIR
from model.reports.office import needs_escape, xlsx_text
from ui import format as fmt
from ui.i18n import fund_label, t

#: Indicators in the planner's table, in budget order.
PLANNER_INDICATORS = ("income_total", "contributions", "fiscal_subsidy", "interest",
                      "expenditure_total", "benefits", "current_balance", "accumulated_balance",
                      "payable_months", "required_subsidy", "cumulative_subsidy",
                      "cumulative_required_subsidy", "fee_relief", "contributors", "beneficiaries",
                      "dependency_ratio")
CUMULATIVE = {"cumulative_subsidy": "fiscal_subsidy",
              "cumulative_required_subsidy": "required_subsidy"}
UNIT_SHOWN = {"万元": {"zh": "亿元", "en": "100 million yuan"},
              "persons": {"zh": "人", "en": "persons"},
              "months": {"zh": "个月", "en": "months"},
              "persons/person": {"zh": "人/人", "en": "persons per person"}}
XLSX_FORMATS = {"万元": "#,##0.00", "persons": "#,##0", "months": "0.0", "persons/person": "0.00"}


@lru_cache(maxsize=1)
def variables() -> dict[str, dict[str, str]]:
    """data/variables.csv by indicator: unit, label_zh, label_en."""
    with open(DATA_DIR / "variables.csv", encoding="utf-8") as f:
        return {row["indicator"]: row for row in csv.DictReader(f)}


def indicator_header(indicator: str, lang: str, first_year: int) -> str:
    """``"累计结余（亿元）"``; a running sum says where it starts: ``"累计财政补贴（亿元，2021年起累计）"``."""
    row = variables()[indicator]
    label = row["label_zh"] if lang == "zh" else row["label_en"]
    unit = UNIT_SHOWN.get(row["unit"], {}).get(lang, row["unit"])
    if indicator in CUMULATIVE:
        return (f"{label}（{unit}，{first_year}年起累计）" if lang == "zh"
                else f"{label} ({unit}, summed from {first_year})")
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


def planner_table(long: pd.DataFrame, labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    """Rows scenario × fund × indicator, one column per year, in display units (see module)."""
    years = sorted(int(y) for y in long["year"].unique())
    first = years[1] if len(years) > 1 else years[0]
    units = {k: v["unit"] for k, v in variables().items()}
    rows = []
    keep = long[long["indicator"].isin(PLANNER_INDICATORS + tuple(CUMULATIVE.values()))]
    wide = keep.pivot_table(index=["scenario", "fund", "indicator"], columns="year", values="value",
                            aggfunc="first")
    for sid in labels:
        for fund in [f for f in ("enterprise_pension", "public_pension", "resident_pension",
                                 "work_injury", "unemployment", "total")]:
            for ind in PLANNER_INDICATORS:
                source = CUMULATIVE.get(ind, ind)
                if (sid, fund, source) not in wide.index:
                    continue
                values = wide.loc[(sid, fund, source)].reindex(years).astype(float)
                if ind in CUMULATIVE:
                    projected = values[values.index >= first].cumsum()
                    values = projected.reindex(years)  # the base-year cell stays empty
                if units.get(ind) == "万元":
                    values = values / fmt.WAN_PER_YI
                rows.append({t("table.scenario", lang): labels[sid],
                             t("compare.fund", lang): fund_label(fund, lang),
                             t("export.col_indicator", lang): indicator_header(ind, lang, first),
                             "_unit": units.get(ind, ""),
                             **{str(y): v for y, v in values.items()}})
    return pd.DataFrame(rows)


def planner_csv(table: pd.DataFrame) -> bytes:
    """CSV with a byte-order mark (Excel on Chinese Windows), numbers rounded as displayed."""
    out = table.drop(columns="_unit").copy()
    year_cols = [c for c in out.columns if c.isdigit()]
    for col in [c for c in out.columns if not c.isdigit()]:  # names never run as a formula
        out[col] = ["'" + v if needs_escape(v) else v for v in out[col]]
    for i, unit in enumerate(table["_unit"]):
        digits = 0 if unit == "persons" else 1 if unit == "months" else 2
        out.loc[out.index[i], year_cols] = out.loc[out.index[i], year_cols].astype(float).round(digits)
    return out.to_csv(index=False).encode("utf-8-sig")


def planner_xlsx(table: pd.DataFrame, sheet: str) -> bytes:
    """The same table as an xlsx sheet: header row frozen, text columns wide enough, each row's
    numbers formatted by its unit (亿元 two decimals, persons whole, months one decimal)."""
    from openpyxl.utils import get_column_letter

    out = table.drop(columns="_unit")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, sheet_name=sheet)
        ws = writer.sheets[sheet]
        ws.freeze_panes = "D2"
        for col, width in ((1, 36), (2, 22), (3, 40)):
            ws.column_dimensions[get_column_letter(col)].width = width
        n_text = 3
        for r in range(2, ws.max_row + 1):  # user text (scenario names) stays text
            for c in range(1, n_text + 1):
                xlsx_text(ws.cell(row=r, column=c), str(ws.cell(row=r, column=c).value))
        for r, unit in enumerate(table["_unit"], start=2):
            number_format = XLSX_FORMATS.get(unit, "0.00")
            for c in range(n_text + 1, out.shape[1] + 1):
                ws.cell(row=r, column=c).number_format = number_format
    return buffer.getvalue()
