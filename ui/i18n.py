"""Every string the workbench shows, in Chinese (default) and English.

``t(key, lang, **values)`` looks a key up and fills ``{placeholders}`` with ``str.format``. A
missing key or language raises ``KeyError`` at once, so an untranslated label fails a test
(tests/test_ui_i18n.py walks every ``t("…")`` call in app.py and ui/) instead of showing a raw
key to a planner.

Units and number formats live in :mod:`ui.format`; this table holds words.
"""
from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

FUNDS = ("enterprise_pension", "public_pension", "resident_pension", "work_injury",
         "unemployment", "total")

STRINGS: dict[str, dict[str, str]] = {
    # ---- application frame
    "app.title": {"zh": "社保基金精算沙盘", "en": "Social insurance fund simulator"},
    "app.caption": {"zh": "昌吉州社会保险基金精算预测与情景对比（金额单位：万元、亿元）",
                    "en": "Actuarial projection and scenario comparison of Changji's social "
                          "insurance funds (money in 10 thousand / 100 million yuan)"},
    "app.language": {"zh": "语言 Language", "en": "语言 Language"},
    "app.page": {"zh": "页面", "en": "Page"},
    "nav.baseline": {"zh": "基线", "en": "Baseline"},
    "nav.scenario": {"zh": "情景", "en": "Scenario builder"},
    "nav.compare": {"zh": "对比", "en": "Compare"},
    "nav.risk": {"zh": "风险", "en": "Risk"},
    "nav.export": {"zh": "导出", "en": "Export"},
    "app.region": {"zh": "地区数据", "en": "Region data"},
    "app.region_default": {"zh": "昌吉州（2020年基线，随程序提供）",
                           "en": "Changji (2020 baseline, shipped)"},

    # ---- errors and module readiness
    "error.input": {"zh": "输入有误，请按下列说明修改：", "en": "The input has problems; please fix:"},
    "error.unexpected": {"zh": "页面计算出错（{kind}）：{message}。请检查输入；如问题持续，请将此信息告知维护人员。",
                         "en": "This page failed ({kind}): {message}. Please check the inputs; if "
                               "it persists, pass this message to the maintainers."},
    "error.module_missing": {"zh": "模型模块 {module} 尚未就绪，本页暂不可用。",
                             "en": "Model module {module} is not available yet; this page cannot "
                                   "run until it is."},

    # ---- funds
    "fund.enterprise_pension": {"zh": "企业职工基本养老保险", "en": "Enterprise employee pension"},
    "fund.public_pension": {"zh": "机关事业单位养老保险", "en": "Public institution pension"},
    "fund.resident_pension": {"zh": "城乡居民基本养老保险", "en": "Urban-rural resident pension"},
    "fund.work_injury": {"zh": "工伤保险", "en": "Work-injury insurance"},
    "fund.unemployment": {"zh": "失业保险", "en": "Unemployment insurance"},
    "fund.total": {"zh": "五项基金合计", "en": "All five funds"},

    # ---- indicators of the engine's long table
    "ind.income_total": {"zh": "基金总收入", "en": "Total income"},
    "ind.contributions": {"zh": "保险费收入", "en": "Contributions"},
    "ind.fiscal_subsidy": {"zh": "财政补贴收入", "en": "Fiscal subsidy"},
    "ind.interest": {"zh": "利息收入", "en": "Interest"},
    "ind.expenditure_total": {"zh": "基金总支出", "en": "Total expenditure"},
    "ind.benefits": {"zh": "待遇支出", "en": "Benefits"},
    "ind.current_balance": {"zh": "当期结余", "en": "Current balance"},
    "ind.accumulated_balance": {"zh": "累计结余", "en": "Accumulated balance"},
    "ind.contributors": {"zh": "缴费人数", "en": "Contributors"},
    "ind.beneficiaries": {"zh": "待遇领取人数", "en": "Beneficiaries"},
    "ind.dependency_ratio": {"zh": "制度抚养比", "en": "Dependency ratio"},
    "ind.payable_months": {"zh": "可支付月数", "en": "Payable months"},

    # ---- chart titles and axes
    "chart.year": {"zh": "年份", "en": "Year"},
    "chart.scenario": {"zh": "情景", "en": "Scenario"},
    "chart.value": {"zh": "数值", "en": "Value"},
    "chart.balance_title": {"zh": "{fund}：累计结余", "en": "{fund}: accumulated balance"},
    "chart.current_title": {"zh": "{fund}：当期结余", "en": "{fund}: current balance"},
    "chart.subsidy_title": {"zh": "{fund}：财政补贴", "en": "{fund}: fiscal subsidy"},
    "chart.dependency_title": {"zh": "{fund}：制度抚养比（领取人数/缴费人数）",
                               "en": "{fund}: dependency ratio (beneficiaries / contributors)"},
    "chart.months_title": {"zh": "{fund}：累计结余可支付月数", "en": "{fund}: months of spending the balance covers"},
    "chart.months_axis": {"zh": "可支付月数（个月）", "en": "Payable months"},
    "chart.band_red": {"zh": "红色：少于{red}个月", "en": "Red: under {red} months"},
    "chart.band_amber": {"zh": "黄色：{red}至{amber}个月", "en": "Amber: {red} to {amber} months"},
    "chart.band_green": {"zh": "绿色：{amber}个月以上", "en": "Green: {amber} months or more"},
    "chart.band": {"zh": "风险区间", "en": "Risk band"},
    "chart.fan_title": {"zh": "{fund}：{indicator}的分布（蒙特卡洛）",
                        "en": "{fund}: distribution of {indicator} (Monte Carlo)"},
    "chart.fan_band_outer": {"zh": "5%–95% 区间", "en": "5%–95% range"},
    "chart.fan_band_inner": {"zh": "25%–75% 区间", "en": "25%–75% range"},
    "chart.fan_median": {"zh": "中位数", "en": "Median"},
    "chart.quantile": {"zh": "分位", "en": "Quantile"},
    "chart.depletion_title": {"zh": "{fund}：累计结余耗尽的概率", "en": "{fund}: probability the balance is exhausted"},
    "chart.probability": {"zh": "概率", "en": "Probability"},
    "chart.tornado_title": {"zh": "{fund}：{indicator}对各参数的敏感性",
                            "en": "{fund}: sensitivity of {indicator} to each lever"},
    "chart.lever": {"zh": "参数", "en": "Lever"},
    "chart.change": {"zh": "相对基准的变化", "en": "Change against the base"},
    "chart.low": {"zh": "参数取低值", "en": "Lever at low value"},
    "chart.high": {"zh": "参数取高值", "en": "Lever at high value"},
    "chart.setting": {"zh": "参数取值", "en": "Lever setting"},
    "chart.no_data": {"zh": "没有可绘制的数据", "en": "No data to draw"},
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string for ``key`` in ``lang`` with ``{placeholders}`` filled from ``values``.

    Raises ``KeyError`` naming the key (or language) when it is missing, never returns the key.
    """
    if lang not in LANGS:
        raise KeyError(f"unknown language {lang!r}; expected one of {LANGS}")
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"no UI string {key!r}") from None
    try:
        text = entry[lang]
    except KeyError:
        raise KeyError(f"UI string {key!r} has no {lang!r} text") from None
    return text.format(**values) if values else text


def fund_label(fund: str, lang: str = DEFAULT_LANG) -> str:
    """The fund's display name, e.g. ``fund_label("work_injury", "zh")`` → ``"工伤保险"``."""
    return t(f"fund.{fund}", lang)


def indicator_label(indicator: str, lang: str = DEFAULT_LANG) -> str:
    """The indicator's display name, e.g. ``indicator_label("payable_months", "en")``."""
    return t(f"ind.{indicator}", lang)
