"""Region folders: the stated figures of one prefecture's report, loaded and validated.

A region folder (format: ``data/regions/FORMAT.md``) holds

- ``region.toml``   – id, names, base year and source document;
- ``figures.csv``   – one row per figure *as the report states it* (the same quantity may appear
  several times: table and prose), with its unit, section and a short quote;
- ``adoption.toml`` – optional editorial choices for the reconciliation (which of two equally
  precise statements to adopt, where a residual goes, and why);
- ``age_profiles.csv`` – optional local registry counts by fund, group, sex and age.

:func:`load_region` returns the raw statements in model units (万元, persons, 元/月, fractions)
with the precision each was stated to; it raises :class:`~model.errors.InputError` listing every
problem. :func:`validate_region` returns the same problems without raising. Nothing here knows
which prefecture it reads: keys, units and funds come from the catalogue below.

Command line: ``python -m model validate-region PATH``.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from model import units
from model import files
from model.errors import Problem, ProblemList
from model.paths import DEFAULT_REGION_DIR

if TYPE_CHECKING:
    import pandas as pd

FUNDS = ("enterprise_pension", "public_pension", "resident_pension", "work_injury", "unemployment")
TOTAL = "total"
PENSION_FUNDS = ("enterprise_pension", "public_pension", "resident_pension")

FUND_NAMES = {
    "enterprise_pension": ("企业职工基本养老保险", "Enterprise employee pension"),
    "public_pension": ("机关事业单位养老保险", "Public institution pension"),
    "resident_pension": ("城乡居民基本养老保险", "Urban-rural resident pension"),
    "work_injury": ("工伤保险", "Work-injury insurance"),
    "unemployment": ("失业保险", "Unemployment insurance"),
    "total": ("合计", "All funds"),
}

INCOME_ITEMS = ("contributions", "fiscal_subsidy", "interest", "other_income", "transfer_in")
EXPENDITURE_ITEMS = {
    "enterprise_pension": ("pension_benefits", "funeral_survivor", "transfer_out", "other_expenditure"),
    "public_pension": ("pension_benefits", "funeral_survivor", "transfer_out", "other_expenditure"),
    "resident_pension": ("pension_benefits", "funeral_survivor", "transfer_out", "other_expenditure"),
    "work_injury": ("injury_benefits", "prevention", "assessment", "other_expenditure"),
    "unemployment": ("unemployment_benefits", "medical_premiums", "price_subsidy", "skills_subsidy",
                     "job_stabilisation", "other_expenditure"),
}
# 待遇支出 as a composite of expenditure items, per fund (FORMAT.md, "benefit_spending").
BENEFIT_SPENDING = {
    "enterprise_pension": ("pension_benefits", "funeral_survivor"),
    "public_pension": ("pension_benefits", "funeral_survivor"),
    "resident_pension": ("pension_benefits", "funeral_survivor"),
    "work_injury": ("injury_benefits",),
    "unemployment": ("unemployment_benefits", "medical_premiums"),
}
GROUP_TOTALS = {"income": "income_total", "expenditure": "expenditure_total"}
EMPLOYEE_PENSIONS = ("enterprise_pension", "public_pension")
#: Transfer lines between levels of government (上下级往来) and of the central adjustment fund
#: (中央调剂基金, from 2022 全国统筹调剂资金), per fund. Reports after national pooling carry them
#: inside their totals; a report that excludes them (不含上下级往来) simply does not state them,
#: and they are 0. The central lines exist for the two employee pension funds only (社预02/04).
TRANSFER_IN_LINES = {fund: ("upper_subsidy_in", "lower_remit_in")
                     + (("central_in",) if fund in EMPLOYEE_PENSIONS else ()) for fund in FUNDS}
TRANSFER_OUT_LINES = {fund: ("lower_subsidy_out", "upper_remit_out")
                      + (("central_out",) if fund in EMPLOYEE_PENSIONS else ()) for fund in FUNDS}
#: Every line that adds up to a fund's income_total / expenditure_total: the fund's own items,
#: then its transfer lines (totals = Σ items + Σ transfer lines, exactly, in the baseline).
INCOME_LINES = {fund: INCOME_ITEMS + TRANSFER_IN_LINES[fund] for fund in FUNDS}
EXPENDITURE_LINES = {fund: EXPENDITURE_ITEMS[fund] + TRANSFER_OUT_LINES[fund] for fund in FUNDS}


def group_lines(fund: str, group: str) -> tuple[str, ...]:
    """The lines whose sum is ``group``'s total (``income`` or ``expenditure``) for ``fund``."""
    return INCOME_LINES[fund] if group == "income" else EXPENDITURE_LINES[fund]


@dataclass(frozen=True)
class KeySpec:
    """One quantity a figure may state: its kind, sign, the funds it applies to, labels."""

    key: str
    kind: str            # units.MODEL_UNITS key: money, count, per_capita_pm, rate
    signed: bool         # may be negative
    funds: tuple[str, ...]
    zh: str
    en: str


def _catalogue() -> dict[str, KeySpec]:
    every = FUNDS + (TOTAL,)
    pensions_paid = ("enterprise_pension", "public_pension")
    specs = [
        KeySpec("income_total", "money", False, every, "基金收入", "income"),
        KeySpec("expenditure_total", "money", False, every, "基金支出", "expenditure"),
        KeySpec("current_balance", "money", True, every, "当期结余", "current-year balance"),
        KeySpec("balance_end", "money", True, every, "滚存结余", "year-end accumulated balance"),
        KeySpec("contributions", "money", False, every, "保费收入", "contributions"),
        KeySpec("fiscal_subsidy", "money", False, every, "财政补贴收入", "fiscal subsidy"),
        KeySpec("interest", "money", False, FUNDS, "利息收入", "interest"),
        KeySpec("other_income", "money", False, FUNDS, "其他收入", "other income"),
        KeySpec("transfer_in", "money", False, FUNDS, "转移收入", "transfers in"),
        KeySpec("pension_benefits", "money", False, PENSION_FUNDS, "基本养老金支出", "pension benefits"),
        KeySpec("funeral_survivor", "money", False, PENSION_FUNDS, "丧葬抚恤补助", "funeral and survivor grants"),
        KeySpec("transfer_out", "money", False, PENSION_FUNDS, "转移支出", "transfers out"),
        KeySpec("other_expenditure", "money", False, FUNDS, "其他支出", "other expenditure"),
        KeySpec("upper_subsidy_in", "money", False, every, "上级补助收入", "subsidy from the upper level"),
        KeySpec("lower_remit_in", "money", False, every, "下级上解收入", "remittances from lower levels"),
        KeySpec("central_in", "money", False, EMPLOYEE_PENSIONS + (TOTAL,),
                "中央调剂基金收入（全国统筹调剂资金收入）", "central adjustment (national pooling) fund income"),
        KeySpec("lower_subsidy_out", "money", False, every, "补助下级支出", "subsidy to lower levels"),
        KeySpec("upper_remit_out", "money", False, every, "上解上级支出", "remittance to the upper level"),
        KeySpec("central_out", "money", False, EMPLOYEE_PENSIONS + (TOTAL,),
                "中央调剂基金支出（全国统筹调剂资金支出）", "central adjustment (national pooling) fund expenditure"),
        KeySpec("injury_benefits", "money", False, ("work_injury",), "工伤保险待遇支出", "injury benefits"),
        KeySpec("prevention", "money", False, ("work_injury",), "工伤预防费用", "injury prevention"),
        KeySpec("assessment", "money", False, ("work_injury",), "劳动能力鉴定支出", "disability assessment"),
        KeySpec("unemployment_benefits", "money", False, ("unemployment",), "失业保险金", "unemployment benefits"),
        KeySpec("medical_premiums", "money", False, ("unemployment",), "代缴医疗保险费", "medical premiums paid for recipients"),
        KeySpec("price_subsidy", "money", False, ("unemployment",), "价格临时补贴", "price subsidy"),
        KeySpec("skills_subsidy", "money", False, ("unemployment",), "技能提升补贴", "skills subsidy"),
        KeySpec("job_stabilisation", "money", False, ("unemployment",), "稳岗补贴", "job-stabilisation refunds"),
        KeySpec("benefit_spending", "money", False, every, "待遇支出", "benefit spending"),
        KeySpec("exemption", "money", False, FUNDS, "减免保费", "fees waived (exemption)"),
        KeySpec("contributions_change_excl_exemption", "money", True, FUNDS,
                "剔除减免后征缴收入增减", "change in contributions excluding the exemption"),
        KeySpec("contributions_growth_excl_exemption", "rate", True, FUNDS,
                "剔除减免后征缴收入增长率", "growth of contributions excluding the exemption"),
        KeySpec("spending_increase_from_headcount", "money", True, pensions_paid,
                "人数增加带来的支出增加", "spending increase from more retirees"),
        KeySpec("spending_increase_from_adjustment", "money", True, pensions_paid,
                "待遇调整带来的支出增加", "spending increase from the pension adjustment"),
        KeySpec("retirees", "count", False, pensions_paid, "离退休人数", "retirees"),
        KeySpec("deaths", "count", False, PENSION_FUNDS, "死亡人数", "deaths"),
        KeySpec("recipients", "count", False, ("resident_pension", "unemployment"), "领取人数", "recipients"),
        KeySpec("insured", "count", False, FUNDS, "参保人数", "insured persons"),
        KeySpec("beneficiaries", "count", False, ("work_injury",), "待遇享受人数", "beneficiaries"),
        KeySpec("recipient_months", "count", False, ("unemployment",), "领取人月数", "recipient-months"),
        KeySpec("medical_premium_person_times", "count", False, ("unemployment",),
                "代缴医保人次", "medical-premium person-times"),
        KeySpec("skills_recipients", "count", False, ("unemployment",), "技能补贴人数", "skills-subsidy recipients"),
        KeySpec("stabilisation_firms", "count", False, ("unemployment",), "稳岗补贴企业数", "firms refunded"),
        KeySpec("stabilisation_persons", "count", False, ("unemployment",), "稳岗补贴惠及人数", "workers covered by refunds"),
        KeySpec("adjustment_pp_pm", "per_capita_pm", False, pensions_paid, "人均月增加养老金", "pension increase per person per month"),
        KeySpec("adjustment_rate", "rate", False, pensions_paid, "调整幅度", "pension adjustment rate"),
        KeySpec("pension_pp_pm", "per_capita_pm", False, PENSION_FUNDS, "人均月养老金", "pension per person per month"),
        KeySpec("benefit_pp_pm", "per_capita_pm", False, ("unemployment",), "人均月失业金", "benefit per recipient per month"),
        KeySpec("medical_premium_pp_pm", "per_capita_pm", False, ("unemployment",),
                "月人均代缴医保费", "medical premium per person per month"),
    ]
    catalogue = {spec.key: spec for spec in specs}
    # Year-on-year change, growth and budget execution of the quantities reports compare.
    for base in ("income_total", "expenditure_total", "contributions", "benefit_spending", "retirees"):
        spec = catalogue[base]
        catalogue[f"{base}_change"] = KeySpec(f"{base}_change", spec.kind, True, spec.funds,
                                              f"{spec.zh}增减", f"change in {spec.en}")
        catalogue[f"{base}_growth"] = KeySpec(f"{base}_growth", "rate", True, spec.funds,
                                              f"{spec.zh}增长率", f"growth of {spec.en}")
        catalogue[f"{base}_execution"] = KeySpec(f"{base}_execution", "rate", False, spec.funds,
                                                 f"{spec.zh}预算执行率", f"budget execution of {spec.en}")
    return catalogue


KEYS: dict[str, KeySpec] = _catalogue()

FIGURE_COLUMNS = ("fund", "period", "key", "value", "unit", "section", "quote")
OPTIONAL_COLUMNS = ("as_stated", "note")
AGE_COLUMNS = ("fund", "group", "sex", "age", "count")
REGION_FIELDS = ("id", "name_zh", "name_en", "base_year")
PERIOD_ALIASES = {"base": 0, "prior": -1}   # period column may say base / prior instead of years
SOURCE_FIELDS = ("title_zh", "title_en")
# Scale slips looked for: a stated value this many times too small or too large.
SCALE_FACTOR = 1.0e4
SCALE_SLACK = 2.0   # the rescaled value must lie within ×/÷ this of its comparison value
#: Most data rows read from one CSV file. A prefecture's report states about 400 figures and a
#: full age-profile table has 2,020 rows; validation is linear in rows (20,000 in well under 1 s).
MAX_CSV_ROWS = 50_000
#: Statements of one quantity (fund, period, key) a file may hold. A report repeats a figure a
#: few times (table, prose, summary); a file repeating one thousands of times is refused, which
#: keeps every check linear in rows.
MAX_STATEMENTS = 12
#: Statements of one quantity across periods compared with each other by the scale check.
MAX_COMPARED = 3 * MAX_STATEMENTS


@dataclass(frozen=True)
class Figure:
    """One figure as stated: the text, its unit, and the same in model units.

    ``value`` and ``tolerance`` are in the model unit of the key's kind (万元, persons,
    元/月, fraction); ``tolerance`` is half the last printed digit. ``row`` is the line in
    ``figures.csv`` (header = 1).
    """

    fund: str
    period: str
    key: str
    text: str
    unit: str
    value: float
    tolerance: float
    section: str
    quote: str
    as_stated: bool
    note: str
    row: int

    @property
    def kind(self) -> str:
        return KEYS[self.key].kind

    def label(self) -> str:
        return f"{self.section}「{self.quote}」"


@dataclass(frozen=True)
class Choice:
    """adoption.toml [[choice]]: among equally precise, conflicting statements, adopt this one."""

    fund: str
    period: str
    key: str
    section: str
    value: str
    why_zh: str
    why_en: str


@dataclass(frozen=True)
class ResidualRule:
    """adoption.toml [[residual]]: where the gap between items and their total goes."""

    fund: str
    period: str
    group: str
    to: str
    why_zh: str
    why_en: str


@dataclass(frozen=True)
class Region:
    """A region folder's content: identity, raw statements, optional choices and age profiles."""

    path: Path
    id: str
    name_zh: str
    name_en: str
    base_year: int
    source_title_zh: str
    source_title_en: str
    source_file: str
    figures: tuple[Figure, ...]
    choices: tuple[Choice, ...] = ()
    residual_rules: tuple[ResidualRule, ...] = ()
    age_profiles: pd.DataFrame | None = field(default=None, compare=False)

    @property
    def base_period(self) -> str:
        return str(self.base_year)

    @property
    def prior_period(self) -> str:
        return str(self.base_year - 1)

    def statements(self, fund: str, period: str, key: str) -> list[Figure]:
        """Every figure stating ``key`` of ``fund`` for ``period``, in file order."""
        return [f for f in self.by_fund_key.get((fund, key), ()) if f.period == period]

    @cached_property
    def by_fund_key(self) -> dict[tuple[str, str], list[Figure]]:
        """The figures grouped by ``(fund, key)``, in file order (look-ups in constant time)."""
        return index_by_fund_key(self.figures)


def index_by_fund_key(figures: list[Figure] | tuple[Figure, ...]) -> dict[tuple[str, str], list[Figure]]:
    """``{(fund, key): [figures in file order]}``."""
    index: dict[tuple[str, str], list[Figure]] = {}
    for f in figures:
        index.setdefault((f.fund, f.key), []).append(f)
    return index


# --- reading -----------------------------------------------------------------------------------

def _problem(problems: ProblemList, file: Path | str, field_name: str, value: object,
             what: tuple[str, str], allowed: tuple[str, str]) -> None:
    problems.add(str(file), field_name, value, what[0], what[1], allowed[0], allowed[1])


def _read_toml(path: Path, problems: ProblemList, required: bool) -> dict | None:
    if not path.exists() and not path.is_symlink():
        if required:
            _problem(problems, path, "(file)", None, ("文件缺失", "file is missing"),
                     ("按 data/regions/FORMAT.md 提供该文件", "provide the file as in data/regions/FORMAT.md"))
        return None
    return files.read_toml(path, problems)


def _read_csv(path: Path, columns: tuple[str, ...], problems: ProblemList) -> list[tuple[int, dict]] | None:
    """Rows of a UTF-8 CSV as (line number, dict); ``None`` (with problems) if unreadable.

    A quoted cell may hold a line break of any kind (``\r``, U+2028) without splitting its row;
    rows are numbered as a spreadsheet shows them (header = 1, one number per record). A header naming a column twice, and more
    than :data:`MAX_CSV_ROWS` rows, are refused.
    """
    text = files.read_text(path, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    lines: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            lines.append((len(lines) + 1, cells))
            if len(lines) > MAX_CSV_ROWS + 1:
                _problem(problems, path, "(rows)", f"> {MAX_CSV_ROWS}", ("行数过多", "too many rows"),
                         (f"不超过 {MAX_CSV_ROWS} 行数据", f"at most {MAX_CSV_ROWS} data rows"))
                return None
    except csv.Error as err:
        _problem(problems, path, f"row {len(lines) + 1}", str(err), ("CSV 语法错误", "CSV syntax error"),
                 ("合法的 CSV：引号成对、每行列数相同", "valid CSV: balanced quotes, same number of columns per row"))
        return None
    if not lines:
        _problem(problems, path, "(header)", "", ("文件为空", "file is empty"),
                 (f"表头 {','.join(columns)}", f"header {','.join(columns)}"))
        return None
    header = [h.strip() for h in lines[0][1]]
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        _problem(problems, path, "(header)", ",".join(header), ("表头中重复的列 " + ",".join(twice),
                 "column(s) named twice in the header: " + ",".join(twice)),
                 ("每列名称只出现一次", "each column name once"))
        return None
    missing = [c for c in columns if c not in header]
    if missing:
        _problem(problems, path, "(header)", ",".join(header), ("缺少列 " + ",".join(missing),
                 "missing column(s) " + ",".join(missing)),
                 (f"表头至少包含 {','.join(columns)}", f"a header with at least {','.join(columns)}"))
        return None
    rows = []
    for number, cells in lines[1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            _problem(problems, path, f"row {number}", ",".join(cells),
                     (f"该行有 {len(cells)} 列，表头有 {len(header)} 列",
                      f"row has {len(cells)} columns, the header {len(header)}"),
                     ("每行列数与表头相同（含逗号的文字加引号）",
                      "as many columns as the header (quote text containing commas)"))
            continue
        rows.append((number, {h: c.strip() for h, c in zip(header, cells)}))
    return rows


def _read_identity(folder: Path, problems: ProblemList) -> dict | None:
    path = folder / "region.toml"
    data = _read_toml(path, problems, required=True)
    if data is None:
        return None
    region = data.get("region")
    source = data.get("source")
    ok = True
    if not isinstance(region, dict):
        _problem(problems, path, "[region]", None, ("缺少 [region] 表", "missing [region] table"),
                 ("[region] 含 " + ", ".join(REGION_FIELDS), "[region] with " + ", ".join(REGION_FIELDS)))
        return None
    for name in REGION_FIELDS:
        value = region.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            _problem(problems, path, f"region.{name}", value, ("必填字段缺失或为空", "required field missing or empty"),
                     ("非空值" if name != "base_year" else "四位年份整数",
                      "a non-empty value" if name != "base_year" else "a four-digit year (integer)"))
            ok = False
    base_year = region.get("base_year")
    if base_year is not None and not (isinstance(base_year, int) and not isinstance(base_year, bool)
                                      and 1990 <= base_year <= 2100):
        _problem(problems, path, "region.base_year", base_year, ("基准年不是合理的年份", "base year is not a plausible year"),
                 ("1990 至 2100 之间的整数", "an integer between 1990 and 2100"))
        ok = False
    if not isinstance(source, dict):
        _problem(problems, path, "[source]", None, ("缺少 [source] 表", "missing [source] table"),
                 ("[source] 含 title_zh, title_en（可选 file, publisher）",
                  "[source] with title_zh, title_en (optional file, publisher)"))
        source = {}
        ok = False
    for name in SOURCE_FIELDS:
        value = source.get(name)
        if source and (value is None or not str(value).strip()):
            _problem(problems, path, f"source.{name}", value, ("来源字段缺失或为空", "source field missing or empty"),
                     ("来源文件的标题", "the source document's title"))
            ok = False
    return {"region": region, "source": source} if ok else None


def _read_figures(folder: Path, base_year: int | None, problems: ProblemList) -> list[Figure] | None:
    """The figures of figures.csv; None if the file is missing or unreadable (problems added)."""
    path = folder / "figures.csv"
    if not path.exists():
        _problem(problems, path, "(file)", None, ("文件缺失", "file is missing"),
                 ("按 data/regions/FORMAT.md 提供 figures.csv", "provide figures.csv as in data/regions/FORMAT.md"))
        return None
    rows = _read_csv(path, FIGURE_COLUMNS, problems)
    if rows is None:
        return None
    periods = ("budget",) if base_year is None else (str(base_year), str(base_year - 1), "budget")
    figures = []
    for number, row in rows:
        where = f"row {number}"
        fund, period, key, unit = row["fund"], row["period"], row["key"], row["unit"]
        if base_year is not None and period in PERIOD_ALIASES:  # "base" / "prior" as in the template
            period = str(base_year + PERIOD_ALIASES[period])
        bad = False
        if fund not in FUNDS + (TOTAL,):
            _problem(problems, path, f"{where}.fund", fund, ("未知险种", "unknown fund"),
                     ("、".join(FUNDS + (TOTAL,)), ", ".join(FUNDS + (TOTAL,))))
            bad = True
        if (period not in periods) if base_year is not None else (period not in ("base", "prior", "budget")
                                                                  and not period.isdigit()):
            _problem(problems, path, f"{where}.period", period, ("未知期间", "unknown period"),
                     ("、".join(periods) + "（基准年、上年、预算；也可写 base、prior）",
                      ", ".join(periods) + " (base year, prior year, budget; or base, prior)"))
            bad = True
        spec = KEYS.get(key)
        if spec is None:
            _problem(problems, path, f"{where}.key", key, ("未知指标", "unknown key"),
                     ("FORMAT.md 指标表中的一个", "one of the keys listed in FORMAT.md"))
            bad = True
        elif fund in FUNDS + (TOTAL,) and fund not in spec.funds:
            _problem(problems, path, f"{where}.key", key, (f"指标不适用于险种 {fund}", f"key does not apply to fund {fund}"),
                     ("、".join(spec.funds), ", ".join(spec.funds)))
            bad = True
        if unit not in units.UNITS:
            _problem(problems, path, f"{where}.unit", unit, ("未知单位", "unknown unit"),
                     ("、".join(units.UNITS), ", ".join(units.UNITS)))
            bad = True
        elif spec is not None and units.UNITS[unit].kind != spec.kind:
            allowed = units.units_of_kind(spec.kind)
            _problem(problems, path, f"{where}.unit", unit, (f"单位与指标 {key} 不符", f"unit does not fit key {key}"),
                     ("、".join(allowed), ", ".join(allowed)))
            bad = True
        text = row["value"]
        if not text:
            continue  # not filled in (template rows); required figures are checked later
        number_value = units.parse_number(text)
        if number_value is None and units.decimal_comma(text):
            _problem(problems, path, f"{where}.value", text,
                     ("逗号只能作千位分隔符（每组三位数字）；这里像是小数逗号",
                      "a comma may only separate thousands (groups of three digits); this looks like a decimal comma"),
                     ("小数点用“.”，如 211801.5；千位分隔如 2,118,015", 'a decimal point ".", e.g. 211801.5; thousands as 2,118,015'))
            continue
        if number_value is None:
            _problem(problems, path, f"{where}.value", text, ("不是数字", "not a number"),
                     ("数字，如 3521 或 0.37（单位写在 unit 列）", "a number such as 3521 or 0.37 (unit goes in the unit column)"))
            continue
        if spec is not None and not spec.signed and number_value < 0:
            _problem(problems, path, f"{where}.value", text, (f"{key} 不能为负", f"{key} cannot be negative"),
                     ("≥ 0 的数", "a number ≥ 0"))
            bad = True
        if not row["section"]:
            _problem(problems, path, f"{where}.section", "", ("缺少出处（章节）", "missing section (where it stands in the source)"),
                     ("报告中的章节，如 三(一)p1", "the section of the source, e.g. 三(一)p1"))
            bad = True
        as_stated = row.get("as_stated", "").lower()
        if as_stated not in ("", "yes"):
            _problem(problems, path, f"{where}.as_stated", row.get("as_stated"), ("取值无效", "invalid value"),
                     ("空或 yes", "empty or yes"))
            bad = True
        if bad:
            continue
        figures.append(Figure(
            fund=fund, period=period, key=key, text=text, unit=unit,
            value=units.to_model(number_value, unit), tolerance=units.tolerance(number_value, unit),
            section=row["section"], quote=row["quote"], as_stated=as_stated == "yes",
            note=row.get("note", ""), row=number))
    counts: dict[tuple[str, str, str], list[int]] = {}
    for f in figures:
        counts.setdefault((f.fund, f.period, f.key), []).append(f.row)
    too_many = {ident: rows for ident, rows in counts.items() if len(rows) > MAX_STATEMENTS}
    for (fund, period, key), rows in too_many.items():
        _problem(problems, path, f"row {rows[MAX_STATEMENTS]}", f"{fund}/{period}/{key}",
                 (f"同一指标陈述了 {len(rows)} 次", f"the same quantity is stated {len(rows)} times"),
                 (f"每个 fund/period/key 至多 {MAX_STATEMENTS} 行", f"at most {MAX_STATEMENTS} rows per fund/period/key"))
    if too_many:
        figures = [f for f in figures if (f.fund, f.period, f.key) not in too_many]
    return figures


#: adoption.toml: its two arrays of tables and the fields of each entry (all text; period may be a year).
ADOPTION_FIELDS = {
    "choice": ("fund", "period", "key", "section", "value", "why_zh", "why_en"),
    "residual": ("fund", "period", "group", "to", "why_zh", "why_en"),
}


def _array_of_tables(data: dict, name: str, path: Path, problems: ProblemList) -> list[tuple[int, dict]]:
    """``data[name]`` as ``[(index, table)]`` when it is an array of tables (``[[name]]``);
    a problem for a number, a single table or an array holding anything else."""
    value = data.get(name, [])
    if not isinstance(value, list):
        _problem(problems, path, name, value if not isinstance(value, dict) else "{…}",
                 (f"{name} 应为表数组 [[{name}]]", f"{name} must be an array of tables [[{name}]]"),
                 (f"每项写作 [[{name}]] 表，见 data/regions/FORMAT.md", f"each entry as a [[{name}]] table, see data/regions/FORMAT.md"))
        return []
    out = []
    for i, entry in enumerate(value):
        if not isinstance(entry, dict):
            _problem(problems, path, f"{name}[{i}]", entry, (f"{name} 的每项应为表", f"each {name} entry must be a table"),
                     (f"[[{name}]] 表，含 {', '.join(ADOPTION_FIELDS[name])}",
                      f"a [[{name}]] table with {', '.join(ADOPTION_FIELDS[name])}"))
            continue
        out.append((i, entry))
    return out


def _text_fields(entry: dict, names: tuple[str, ...], where: str, path: Path, problems: ProblemList) -> bool:
    """Every present field of ``names`` is text (``period`` may also be a whole year); True if so."""
    ok = True
    for name in names:
        value = entry.get(name)
        if value is None or isinstance(value, str) or (
                name in ("period", "value") and isinstance(value, (int, float)) and not isinstance(value, bool)):
            continue
        _problem(problems, path, f"{where}.{name}", value, ("类型错误：应为文本", "wrong type: must be text"),
                 ("文本（period 也可写年份）", "text (period may also be a year)"))
        ok = False
    return ok


def _read_adoption(folder: Path, keys_present: set[tuple[str, str, str]], problems: ProblemList
                   ) -> tuple[tuple[Choice, ...], tuple[ResidualRule, ...]]:
    path = folder / "adoption.toml"
    data = _read_toml(path, problems, required=False)
    if not data:
        return (), ()
    choices, rules = [], []
    for name in data:
        if name not in ADOPTION_FIELDS:
            _problem(problems, path, name, None, ("未知的表", "unknown table"),
                     ("[[choice]] 与 [[residual]]", "[[choice]] and [[residual]]"))
    for i, entry in _array_of_tables(data, "choice", path, problems):
        where = f"choice[{i}]"
        if not _text_fields(entry, ADOPTION_FIELDS["choice"], where, path, problems):
            continue
        missing = [n for n in ADOPTION_FIELDS["choice"] if not entry.get(n)]
        if missing:
            _problem(problems, path, f"{where}.{missing[0]}", None, ("必填字段缺失", "required field missing"),
                     ("fund, period, key, section, value, why_zh, why_en", "fund, period, key, section, value, why_zh, why_en"))
            continue
        if (entry["fund"], str(entry["period"]), entry["key"]) not in keys_present:
            _problem(problems, path, where, f"{entry['fund']}/{entry['period']}/{entry['key']}",
                     ("figures.csv 中没有此指标", "no such figure in figures.csv"),
                     ("figures.csv 中已有的 fund/period/key", "a fund/period/key present in figures.csv"))
            continue
        choices.append(Choice(entry["fund"], str(entry["period"]), entry["key"], entry["section"],
                              str(entry["value"]), entry["why_zh"], entry["why_en"]))
    for i, entry in _array_of_tables(data, "residual", path, problems):
        where = f"residual[{i}]"
        if not _text_fields(entry, ADOPTION_FIELDS["residual"], where, path, problems):
            continue
        missing = [n for n in ADOPTION_FIELDS["residual"] if not entry.get(n)]
        if missing:
            _problem(problems, path, f"{where}.{missing[0]}", None, ("必填字段缺失", "required field missing"),
                     ("fund, period, group, to, why_zh, why_en", "fund, period, group, to, why_zh, why_en"))
            continue
        fund, group, to = entry["fund"], entry["group"], entry["to"]
        items = group_lines(fund, group) if fund in FUNDS and group in GROUP_TOTALS else ()
        if fund not in FUNDS or group not in GROUP_TOTALS or to not in items:
            _problem(problems, path, where, f"{fund}/{group}/{to}", ("险种、分组或分项无效", "invalid fund, group or item"),
                     ("险种之一；group 为 income 或 expenditure；to 为该组分项",
                      "a fund; group income or expenditure; to an item of that group"))
            continue
        rules.append(ResidualRule(fund, str(entry["period"]), group, to, entry["why_zh"], entry["why_en"]))
    return tuple(choices), tuple(rules)


def _read_age_profiles(folder: Path, problems: ProblemList) -> pd.DataFrame | None:
    path = folder / "age_profiles.csv"
    if not path.exists():
        return None
    rows = _read_csv(path, AGE_COLUMNS, problems)
    if rows is None:
        return None
    records, seen = [], set()
    for number, row in rows:
        where = f"row {number}"
        ok = True
        if row["fund"] not in FUNDS:
            _problem(problems, path, f"{where}.fund", row["fund"], ("未知险种", "unknown fund"),
                     ("、".join(FUNDS), ", ".join(FUNDS)))
            ok = False
        if row["group"] not in ("contributors", "beneficiaries"):
            _problem(problems, path, f"{where}.group", row["group"], ("未知人群", "unknown group"),
                     ("contributors 或 beneficiaries", "contributors or beneficiaries"))
            ok = False
        if row["sex"] not in ("male", "female"):
            _problem(problems, path, f"{where}.sex", row["sex"], ("性别无效", "invalid sex"),
                     ("male 或 female", "male or female"))
            ok = False
        age = units.parse_number(row["age"])
        if age is None or age != age.to_integral_value() or not 0 <= age <= 100:
            _problem(problems, path, f"{where}.age", row["age"], ("年龄无效", "invalid age"),
                     ("0 至 100 的整数（100 为 100 岁及以上）", "an integer 0-100 (100 = 100 and over)"))
            ok = False
        count = units.parse_number(row["count"])
        if count is None or count < 0:
            _problem(problems, path, f"{where}.count", row["count"], ("人数无效", "invalid count"),
                     ("≥ 0 的数", "a number ≥ 0"))
            ok = False
        if not ok:
            continue
        ident = (row["fund"], row["group"], row["sex"], int(age))
        if ident in seen:
            _problem(problems, path, f"{where}", "/".join(map(str, ident)), ("重复的行", "duplicate row"),
                     ("每个 fund/group/sex/age 只出现一次", "each fund/group/sex/age once"))
            continue
        seen.add(ident)
        records.append({"fund": ident[0], "group": ident[1], "sex": ident[2], "age": ident[3],
                        "count": float(count)})
    import pandas as pd   # only for a region that has the optional file (0.3 s of start-up otherwise)

    return pd.DataFrame.from_records(records, columns=list(AGE_COLUMNS))


# --- plausibility checks on the statements (data-entry mistakes) ------------------------------

def _same_scale(a: Figure, b: Figure) -> bool:
    return a.value != 0 and b.value != 0 and 1 / SCALE_SLACK <= abs(a.value / b.value) <= SCALE_SLACK


def scale_slip(figure: Figure, figures: list[Figure] | tuple[Figure, ...],
               index: dict[tuple[str, str], list[Figure]] | None = None) -> tuple[float, Figure] | None:
    """``(factor, reference)`` if ``figure`` looks 10⁴ off in scale, else None.

    The figure is compared with the other statements of the same quantity in the same period;
    with none, with the same quantity in all periods (levels move far less than ×2 a year).
    It is a slip when more of them (counting the figure itself) sit at ``figure × factor``
    (factor 10⁴ or 10⁻⁴) than at its own scale. A tie in the same period is put to the vote of
    every period; a remaining tie is broken only by a head count in persons with decimals
    (24.51人), which cannot be right. Signed differences (changes, current balances) are never judged.
    """
    if figure.kind not in ("money", "count") or figure.key.endswith("_change") \
            or figure.key == "current_balance" or figure.value == 0:
        return None
    same_key = (index if index is not None else index_by_fund_key(figures)).get((figure.fund, figure.key), ())
    pool = [g for g in same_key[:MAX_COMPARED] if g is not figure]
    same_period = [g for g in pool if g.period == figure.period]
    # Same period first; with none, or a tie there, every period votes (levels move < ×2 a year).
    for candidates in (same_period, pool):
        if not candidates:
            continue
        agree = 1 + sum(1 for g in candidates if _same_scale(figure, g))  # the figure itself agrees
        for factor in (SCALE_FACTOR, 1 / SCALE_FACTOR):
            against = [g for g in candidates if g.value != 0
                       and 1 / SCALE_SLACK <= abs(figure.value * factor / g.value) <= SCALE_SLACK]
            fractional_persons = (figure.kind == "count" and _unit_is_single(figure.unit)
                                  and figure.value != int(figure.value))
            if against and (len(against) > agree or (len(against) == agree and fractional_persons)):
                return factor, min(against, key=lambda g: (g.tolerance / abs(g.value), g.row))
            if against and len(against) == agree:
                break  # a tie: let every period vote
        else:
            return None
    return None


def _implausible_money(f: Figure) -> bool:
    """A money figure no prefecture report prints: under 1 万元 to two or more decimals (0.04
    万元 is 400 yuan; reports print such items as 0.04 亿元), or over 10,000 亿元 (10¹² yuan)."""
    number = units.parse_number(f.text)
    if number is None:
        return False
    if f.unit == "万元":
        return 0 < abs(number) < 1 and units.decimals(number) >= 2
    return f.unit == "亿元" and abs(number) > 10_000


def _unit_is_single(unit: str) -> bool:
    """The unit counts single persons (人, 人次, 户), not 10⁴ of them."""
    return units.UNITS[unit].factor == 1


def _scale_problem(figure: Figure, figures: list[Figure], file: Path, problems: ProblemList,
                   index: dict[tuple[str, str], list[Figure]] | None = None) -> bool:
    """Report ``figure`` if :func:`scale_slip` finds it 10⁴ off; True if reported."""
    if figure.as_stated:
        return False
    slip = scale_slip(figure, figures, index)
    if slip is None:
        return False
    factor, reference = slip
    zh, en = _bigger_unit(figure.unit) if factor > 1 else _smaller_unit(figure.unit)
    if not zh:
        return False
    _problem(problems, file, f"row {figure.row}.unit", f"{figure.text} {figure.unit}",
             (f"数值约为同一指标其他陈述（第 {reference.row} 行 {reference.text} {reference.unit}）的"
              f" {1 / factor:g} 倍，看起来单位应为{zh}",
              f"the value is about {1 / factor:g} × another statement of the same quantity "
              f"(row {reference.row}: {reference.text} {reference.unit}); looks like {en}"),
             (f"与数值相符的单位（{zh}），或确认原文如此并在 as_stated 列填 yes",
              f"the unit the number is in ({en}), or as_stated = yes if the source prints it so"))
    return True


def _bigger_unit(unit: str) -> tuple[str, str]:
    return {"万元": ("亿元", "亿元 (10⁸ yuan)"), "人": ("万人", "万人 (10⁴ persons)"),
            "人次": ("万人次", "万人次 (10⁴ person-times)")}.get(unit, ("", ""))


def _smaller_unit(unit: str) -> tuple[str, str]:
    return {"亿元": ("万元", "万元 (10⁴ yuan)"), "万人": ("人", "人 (persons)"),
            "万人次": ("人次", "人次 (person-times)")}.get(unit, ("", ""))


def _check_plausibility(figures: list[Figure], file: Path, problems: ProblemList) -> None:
    """Per-figure checks a typist's slip would fail: scale against other statements, counts in
    whole persons, items exceeding their total within one section."""
    flagged: set[int] = set()
    confirmed: set[int] = set()   # rows in a sum that adds up as stated
    index = index_by_fund_key(figures)
    for f in figures:
        if f.kind == "count" and units.UNITS[f.unit].factor == 1 and f.value != int(f.value) and not f.as_stated:
            _problem(problems, file, f"row {f.row}.value", f"{f.text} {f.unit}",
                     ("人数不是整数，看起来单位应为万人", "a head count that is not whole; looks like 万人 (10⁴ persons)"),
                     ("整数人数，或单位改为万人", "a whole number of persons, or unit 万人"))
            flagged.add(f.row)
        elif f.kind == "money" and not f.as_stated and _implausible_money(f):
            bigger = f.unit == "万元"
            _problem(problems, file, f"row {f.row}.unit", f"{f.text} {f.unit}",
                     ("不足 1 万元却写到小数点后两位，看起来单位应为亿元" if bigger else
                      "超过 1 万亿元，地市基金不可能如此，看起来单位应为万元",
                      "less than 1 万元 yet printed to two decimals; looks like 亿元 (10⁸ yuan)" if bigger else
                      "more than 10¹² yuan, impossible for a prefecture's fund; looks like 万元 (10⁴ yuan)"),
                     (("亿元" if bigger else "万元") + "，或确认原文如此并在 as_stated 列填 yes",
                      ("亿元" if bigger else "万元") + ", or as_stated = yes if the source prints it so"))
            flagged.add(f.row)
        elif _scale_problem(f, figures, file, problems, index):
            flagged.add(f.row)
    # Items listed in one section add up to their total: one 10⁴ off is a unit slip; they can
    # never exceed it.
    sections: dict[tuple[str, str, str], list[Figure]] = {}
    for f in figures:
        sections.setdefault((f.fund, f.period, f.section), []).append(f)
    for (fund, period, section), group_figures in sections.items():
        if fund == TOTAL:
            continue
        for group, total_key in GROUP_TOTALS.items():
            totals = [f for f in group_figures if f.key == total_key]
            items = section_items(fund, group, group_figures)
            if not items or any(f.as_stated or f.row in flagged for f in items + totals):
                continue
            if not totals:  # items stated apart from their total: the most precise total elsewhere
                elsewhere = [f for f in index.get((fund, total_key), ()) if f.period == period
                             and not f.as_stated and f.row not in flagged]
                totals = sorted(elsewhere, key=lambda f: (f.tolerance, f.row))[:1]
            if len(totals) == 1 and _sum_slip(items, totals[0], file, problems, flagged, confirmed):
                continue
            if len(totals) != 1 or totals[0].section != section:
                continue
            total = totals[0]
            item_sum = sum(f.value for f in items)
            slack = total.tolerance + sum(f.tolerance for f in items)
            if item_sum > total.value + slack:
                listing = " + ".join(f"{f.key} {f.text}{f.unit}" for f in items)
                _problem(problems, file, f"row {total.row}.value", f"{total.text} {total.unit}",
                         (f"{section} 分项之和 {item_sum:.6g} 万元（{listing}）超过总额 {total.value:.6g} 万元",
                          f"the items in {section} add to {item_sum:.6g} 万元 ({listing}), more than the total "
                          f"{total.value:.6g} 万元"),
                         (f"分项之和 ≤ 总额（含舍入 ±{slack:.6g} 万元），或原文如此时在 as_stated 列填 yes",
                          f"items adding to at most the total (±{slack:.6g} 万元 rounding), or as_stated = yes "
                          "if the source prints it so"))
    # The five funds add up to the "total" rows (income, expenditure, balances …).
    for key in sorted({f.key for f in figures if f.fund == TOTAL and f.kind == "money"}):
        for period in sorted({f.period for f in figures if f.fund == TOTAL and f.key == key}):
            totals = sorted((f for f in index.get((TOTAL, key), ()) if f.period == period
                             and not f.as_stated and f.row not in flagged), key=lambda f: (f.tolerance, f.row))
            parts = [next((f for f in index.get((fund, key), ()) if f.period == period and f.row not in flagged), None)
                     for fund in FUNDS]
            if totals and all(p is not None and not p.as_stated for p in parts):
                _sum_slip(parts, totals[0], file, problems, flagged, confirmed)
    _confirmed_ties(figures, index, file, problems, flagged, confirmed)
    _relation_slips(figures, index, file, problems, flagged)


#: Items "add up" to their total within their rounding or this share of the total, whichever
#: is larger (reports truncate as well as round).
ADD_UP_SHARE = 0.002


def _sum_slip(items: list[Figure], total: Figure, file: Path, problems: ProblemList, flagged: set[int],
              confirmed: set[int]) -> bool:
    """Report the one item (or the total) that, rescaled by 10⁴, makes items add up to their
    total, or no longer exceed it; True if one was reported. Items that add up as stated are
    ``confirmed`` (they settle ties between two statements 10⁴ apart). ``3521 万元`` typed as
    ``亿元`` is 10⁴ too large for its total; ``18.95 亿元`` typed as ``万元`` leaves the sum
    18.95亿 short."""
    if total.kind != "money" or total.value == 0:
        return False
    item_sum = sum(f.value for f in items)
    tol = max(total.tolerance + sum(f.tolerance for f in items), ADD_UP_SHARE * abs(total.value))
    gap = item_sum - total.value
    if abs(gap) <= tol:
        confirmed.update(f.row for f in items + [total])
        return False
    found: tuple[Figure, float] | None = None
    if abs(gap) > 3 * tol:  # one figure 10⁴ off makes the sum fit exactly
        for f in items + [total]:
            for factor in (SCALE_FACTOR, 1 / SCALE_FACTOR):
                after = item_sum - total.value * factor if f is total else gap - f.value + f.value * factor
                if f.value != 0 and abs(after) <= (tol * factor if f is total else tol):
                    found = found or (f, factor)
    if found is None and gap > tol:  # items listed in part: one item alone exceeding the total
        fixes = [f for f in items if f.value > total.value + tol and gap - f.value + f.value / SCALE_FACTOR <= tol]
        if fixes:
            found = (max(fixes, key=lambda f: f.value), 1 / SCALE_FACTOR)
    if found is None:
        return False
    f, factor = found
    zh, en = _bigger_unit(f.unit) if factor > 1 else _smaller_unit(f.unit)
    if not zh:
        return False
    by_fund = len({g.key for g in items}) == 1  # the five funds against the "total" rows
    others = " + ".join(f"{g.fund if by_fund else g.key} {g.text}{g.unit}" for g in items[:8]) \
        + (" + …" if len(items) > 8 else "")
    _problem(problems, file, f"row {f.row}.unit", f"{f.text} {f.unit}",
             (f"分项（{others}）与总额（第 {total.row} 行 {total.text}{total.unit}）不符，"
              f"若此数单位为{zh}则相符",
              f"the items ({others}) do not fit their total (row {total.row}: {total.text} {total.unit}); "
              f"with this figure in {en} they do"),
             (f"与数值相符的单位（{zh}），或确认原文如此并在 as_stated 列填 yes",
              f"the unit the number is in ({en}), or as_stated = yes if the source prints it so"))
    flagged.add(f.row)
    return True


def _confirmed_ties(figures: list[Figure], index: dict[tuple[str, str], list[Figure]], file: Path,
                    problems: ProblemList, flagged: set[int], confirmed: set[int]) -> None:
    """Two statements of one quantity 10⁴ apart, one of them in a sum that adds up: the other
    is the slip (a tie :func:`scale_slip` could not settle)."""
    for f in figures:
        if f.row in flagged or f.row in confirmed or f.as_stated or f.kind != "money" or f.value == 0:
            continue
        for g in index.get((f.fund, f.key), ())[:MAX_COMPARED]:
            if g.period != f.period or g.row not in confirmed or g.value == 0:
                continue
            for factor in (SCALE_FACTOR, 1 / SCALE_FACTOR):
                zh, en = _bigger_unit(f.unit) if factor > 1 else _smaller_unit(f.unit)
                if zh and 1 / SCALE_SLACK <= f.value * factor / g.value <= SCALE_SLACK:
                    _problem(problems, file, f"row {f.row}.unit", f"{f.text} {f.unit}",
                             (f"与同一指标的另一陈述（第 {g.row} 行 {g.text}{g.unit}，与分项合计相符）相差约 10⁴ 倍，"
                              f"看起来单位应为{zh}",
                              f"about 10⁴ × off another statement of the same quantity (row {g.row}: {g.text} "
                              f"{g.unit}, which fits its sum); looks like {en}"),
                             (f"与数值相符的单位（{zh}），或确认原文如此并在 as_stated 列填 yes",
                              f"the unit the number is in ({en}), or as_stated = yes if the source prints it so"))
                    flagged.add(f.row)
                    break
            if f.row in flagged:
                break


#: Head counts that bound each other: (key, reference key, funds, lowest and highest plausible
#: key / reference). Deaths are a few percent of pensioners; beneficiaries and recipients a
#: share of the insured; medical-premium person-times about one per recipient-month.
RATIO_CHECKS: tuple[tuple[str, str, tuple[str, ...], float, float], ...] = (
    ("deaths", "retirees", ("enterprise_pension", "public_pension"), 0.0, 0.5),
    ("deaths", "recipients", ("resident_pension",), 0.0, 0.5),
    ("beneficiaries", "insured", ("work_injury",), 0.0, 1.0),
    ("recipients", "insured", ("unemployment",), 0.0, 1.0),
    ("skills_recipients", "insured", ("unemployment",), 0.0, 1.0),
    ("medical_premium_person_times", "recipients", ("unemployment",), 0.1, 24.0),
    ("recipient_months", "recipients", ("unemployment",), 0.1, 24.0),
)
#: Per-person amounts against their totals: (per-capita key, money key, count key, months per
#: count). amount per month × count × months ≈ money × 10⁴ (元 per 万元), within ×/÷ 2.
PER_CAPITA_CHECKS: tuple[tuple[str, str, str, float], ...] = (
    ("pension_pp_pm", "pension_benefits", "retirees", 12.0),
    ("pension_pp_pm", "pension_benefits", "recipients", 12.0),
    ("benefit_pp_pm", "unemployment_benefits", "recipient_months", 1.0),
    ("medical_premium_pp_pm", "medical_premiums", "medical_premium_person_times", 1.0),
)


def _first(index: dict[tuple[str, str], list[Figure]], fund: str, period: str, key: str,
           flagged: set[int]) -> Figure | None:
    return next((f for f in index.get((fund, key), ()) if f.period == period and not f.as_stated
                 and f.row not in flagged and f.value > 0), None)


def _relation_slips(figures: list[Figure], index: dict[tuple[str, str], list[Figure]], file: Path,
                    problems: ProblemList, flagged: set[int]) -> None:
    """Unit slips seen against related figures: a head count 10⁴ off its reference count
    (:data:`RATIO_CHECKS`), a per-person amount that fits its total only 10⁴ off
    (:data:`PER_CAPITA_CHECKS`)."""
    periods = sorted({f.period for f in figures})
    for key, ref_key, funds, lo, hi in RATIO_CHECKS:
        for fund in funds:
            for period in periods:
                a, b = _first(index, fund, period, key, flagged), _first(index, fund, period, ref_key, flagged)
                if a is None or b is None:
                    continue
                ratio = a.value / b.value
                if lo <= ratio <= hi:
                    continue
                for factor in (SCALE_FACTOR, 1 / SCALE_FACTOR):
                    if not lo <= ratio * factor <= hi:
                        continue
                    slip, fix = (a, factor) if (_bigger_unit(a.unit) if factor > 1 else _smaller_unit(a.unit))[0]                         else (b, 1 / factor)
                    zh, en = _bigger_unit(slip.unit) if fix > 1 else _smaller_unit(slip.unit)
                    if not zh:
                        break
                    other = b if slip is a else a
                    _problem(problems, file, f"row {slip.row}.unit", f"{slip.text} {slip.unit}",
                             (f"{KEYS[key].zh}与{KEYS[ref_key].zh}之比为 {ratio:.4g}（第 {other.row} 行 {other.text}{other.unit}），"
                              f"合理范围 {lo:g}–{hi:g}；看起来单位应为{zh}",
                              f"{KEYS[key].en} / {KEYS[ref_key].en} is {ratio:.4g} (row {other.row}: {other.text} "
                              f"{other.unit}), plausibly {lo:g}–{hi:g}; looks like {en}"),
                             (f"与数值相符的单位（{zh}），或确认原文如此并在 as_stated 列填 yes",
                              f"the unit the number is in ({en}), or as_stated = yes if the source prints it so"))
                    flagged.add(slip.row)
                    break
    for pp_key, money_key, count_key, months in PER_CAPITA_CHECKS:
        for fund in FUNDS:
            if pp_key not in KEYS or fund not in KEYS[pp_key].funds:
                continue
            for period in periods:
                pp = _first(index, fund, period, pp_key, flagged)
                money = _first(index, fund, period, money_key, flagged)
                count = _first(index, fund, period, count_key, flagged)
                if pp is None or money is None or count is None:
                    continue
                ratio = pp.value * count.value * months / (money.value * 1e4)
                if 0.5 <= ratio <= 2 or not any(0.5 <= ratio * k <= 2 for k in (SCALE_FACTOR, 1 / SCALE_FACTOR)):
                    continue
                listing = (f"第 {pp.row} 行 {pp.text}{pp.unit} × 第 {count.row} 行 {count.text}{count.unit}"
                           f" × {months:g} 个月 ÷ 第 {money.row} 行 {money.text}{money.unit}")
                listing_en = (f"row {pp.row} {pp.text} {pp.unit} × row {count.row} {count.text} {count.unit}"
                              f" × {months:g} months ÷ row {money.row} {money.text} {money.unit}")
                _problem(problems, file, f"row {count.row}.unit", f"{count.text} {count.unit}",
                         (f"人均额、人数与总额相差约 10⁴ 倍（{listing} = {ratio:.4g}，应约为 1）；其中一个单位有误",
                          f"per-person amount, head count and total disagree by about 10⁴ ({listing_en} = {ratio:.4g}, "
                          "should be about 1); one of the units is wrong"),
                         ("三者单位相符（人/万人、万元/亿元），或原文如此时在 as_stated 列填 yes",
                          "units that agree (人/万人, 万元/亿元), or as_stated = yes if the source prints it so"))
                flagged.add(count.row)


def section_items(fund: str, group: str, figures: list[Figure]) -> list[Figure]:
    """The item statements of ``group`` among ``figures`` (one section). ``benefit_spending``
    stands for its components when none of them is listed beside it. Transfer lines
    (:data:`TRANSFER_IN_LINES`, :data:`TRANSFER_OUT_LINES`) are items: totals include them."""
    keys = group_lines(fund, group)
    items = [f for f in figures if f.key in keys]
    if group == "expenditure":
        composite = [f for f in figures if f.key == "benefit_spending"]
        components = set(BENEFIT_SPENDING[fund])
        if composite and not any(f.key in components for f in items):
            items = composite[:1] + items
    # one statement per key (a section may repeat a figure in two sentences)
    seen, unique = set(), []
    for f in items:
        if f.key not in seen:
            seen.add(f.key)
            unique.append(f)
    return unique


# Figures the baseline cannot be built without (per fund, base year unless noted).
REQUIRED = tuple((fund, period, key) for fund in FUNDS for period, key in (
    ("base", "income_total"), ("base", "expenditure_total"), ("base", "balance_end"),
    ("prior", "income_total"), ("prior", "expenditure_total")))


def _check_required(figures: list[Figure], base_year: int | None, file: Path, problems: ProblemList) -> None:
    """Each REQUIRED figure present with a value. Without a valid base year (a fresh template)
    the rows may still say base / prior."""
    present = {(f.fund, f.period, f.key) for f in figures}
    for fund, which, key in REQUIRED:
        period = which if base_year is None else str(base_year + PERIOD_ALIASES[which])
        if (fund, period, key) not in present:
            _problem(problems, file, f"{fund}/{period}/{key}", None,
                     (f"缺少必填数字：{FUND_NAMES[fund][0]} {period} {KEYS[key].zh}",
                      f"missing required figure: {FUND_NAMES[fund][1]} {period} {KEYS[key].en}"),
                     (f"一行 fund={fund}, period={period}, key={key}，填入数值与单位",
                      f"a row fund={fund}, period={period}, key={key} with its value and unit"))


def _read(region_dir: str | Path) -> tuple[Region | None, ProblemList]:
    folder = Path(region_dir)
    problems = ProblemList()
    if not folder.is_dir():
        _problem(problems, folder, "(folder)", str(folder), ("地区文件夹不存在", "region folder does not exist"),
                 ("含 region.toml 与 figures.csv 的文件夹", "a folder holding region.toml and figures.csv"))
        return None, problems
    identity = _read_identity(folder, problems)
    base_year = identity["region"]["base_year"] if identity else None
    figures = _read_figures(folder, base_year, problems)
    readable = figures is not None
    figures = figures or []
    _check_plausibility(figures, folder / "figures.csv", problems)
    years_unknown = base_year is None and any(f.period.isdigit() for f in figures)
    if readable and not years_unknown:  # an unreadable file (or base year) is one problem, not thirty
        _check_required(figures, base_year, folder / "figures.csv", problems)
    present = {(f.fund, f.period, f.key) for f in figures}
    choices, rules = _read_adoption(folder, present, problems)
    age_profiles = _read_age_profiles(folder, problems)
    if problems or identity is None:
        return None, problems
    region, source = identity["region"], identity["source"]
    return Region(
        path=folder, id=str(region["id"]), name_zh=str(region["name_zh"]), name_en=str(region["name_en"]),
        base_year=int(region["base_year"]), source_title_zh=str(source["title_zh"]),
        source_title_en=str(source["title_en"]), source_file=str(source.get("file", "")),
        figures=tuple(figures), choices=choices, residual_rules=rules, age_profiles=age_profiles,
    ), problems


#: Stage names later stages (calibration, demography) put where a Problem names its file.
INTERNAL_STAGES = ("calibration", "demography")


def locate_in_files(problems: list[Problem], region: Region) -> list[Problem]:
    """Problems a later stage found in a region's figures, re-addressed to ``figures.csv`` and
    its rows: ``file calibration, field unemployment.exemption`` becomes ``file
    <region>/figures.csv, field row 31 (unemployment/2020/exemption)``. Others are unchanged."""
    out = []
    for p in problems:
        if p.file not in INTERNAL_STAGES:
            out.append(p)
            continue
        parts = re.split(r"[./]", p.field)
        fund = next((x for x in parts if x in FUNDS), None)
        key = next((x for x in parts if x in KEYS), None)
        if fund is None or key is None:
            out.append(replace(p, file=str(region.path / "figures.csv")))
            continue
        rows = [f.row for f in region.statements(fund, region.base_period, key)]
        where = (f"row {', '.join(map(str, rows[:5]))} ({fund}/{region.base_period}/{key})" if rows
                 else f"{fund}/{region.base_period}/{key}")
        out.append(replace(p, file=str(region.path / "figures.csv"), field=where))
    return out


def read_region(region_dir: str | Path) -> tuple[Region | None, ProblemList]:
    """The region's figures and every problem found in its files (never raises on bad content).

    This checks the files themselves; ``model.engine.validate_region`` adds what the later stages
    need (``assumptions.toml``, a buildable baseline, the engine's head counts).
    """
    return _read(region_dir)


def load_region(region_dir: str | Path) -> Region:
    """The region's stated figures in model units; raises InputError listing every problem."""
    region, problems = _read(region_dir)
    problems.raise_if_any()
    if region is None:  # unreachable: no problems always yields a region
        raise RuntimeError(f"region {region_dir} produced neither problems nor a region")
    return region


def default_region_dir() -> Path:
    """The embedded baseline region (Changji 2020), located from the package, not the cwd."""
    return DEFAULT_REGION_DIR
