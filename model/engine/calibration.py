"""Calibration: solve every unobserved parameter so the model's base year is the report.

For each fund, in order:
1. base-year headcounts: contributors implied by contributions, the waiver and the assumed
   average base and rates (``group_counts``); pensioners and deaths as reported;
2. the demographic stage's base-year pensioner stock by age and sex and a pensioner mortality
   factor k solved (Brent's method, ``model.engine.roots.brentq``) so model deaths equal
   reported deaths (a fund without reported deaths borrows it, ``MORTALITY_FROM`` of its module); new pensioners anchored to the
   reported pensioner counts of the base and prior year plus deaths;
3. the fund's money parameters in closed form (``calibrate`` of each fund module) and the
   transfer lines' base-year ratios (``model.engine.transfers.calibrate``);
4. financing: the base-year subsidy, its share of expenditure (the share rule's default), the
   gap-filling margin, and an interest spread over the reference rate so base-year interest is
   the report's.

``python -m model calibration`` lists every solved value with its unit and method.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


from model.baseline import derived
from model.baseline.adopted import Baseline
from model.engine.cohorts import DemographyStage, GroupSpec
from model.errors import ProblemList
from model.engine import transfers
from model.engine.funds import REGISTRY
from model.scenarios.levers import build_lever_set, catalogue

# parameter → (unit, method zh, method en)
PARAM_DOCS: dict[str | tuple[str, str], tuple[str, str, str]] = {
    "contributors_init": ("persons", "（征缴收入+减免额）÷（人均基数×费率×征缴率）",
                          "(contributions + waiver) ÷ (average base × rate × collection)"),
    "pension_py_init": ("元/yr", "基本养老金支出 ÷ 离退休人数", "pension spending ÷ pensioners"),
    "grant_per_death_ratio": ("元", "丧葬抚恤支出 ÷ 死亡人数", "funeral and survivor grants ÷ deaths"),
    "assessment_per_case_ratio": ("元", "鉴定费 ÷ 新发案例", "assessment ÷ new cases"),
    "prevention_ratio": ("fraction", "预防费 ÷ 应缴保费", "prevention ÷ contributions due"),
    "price_subsidy_ratio": ("fraction", "价格补贴 ÷ 失业金", "price subsidy ÷ benefits"),
    "transfer_in_ratio": ("fraction", "转移收入 ÷ 应缴保费", "transfer-in ÷ contributions due"),
    "other_income_ratio": ("fraction", "其他收入 ÷ 应缴保费", "other income ÷ contributions due"),
    "transfer_out_ratio": ("fraction", "转移支出 ÷ 养老金支出", "transfer-out ÷ pensions"),
    "other_expenditure_ratio": ("fraction", "其他支出 ÷ 待遇支出", "other spending ÷ benefits"),
    # fund-specific methods, looked up first as (fund, parameter)
    ("unemployment", "other_expenditure_ratio"): (
        "fraction", "未列项支出（扩围：失业补助金等）÷ 失业金，2022年后停发",
        "unitemised spending (extended coverage: 失业补助金) ÷ benefits, none after 2022"),
    ("resident_pension", "contributors_init"): (
        "persons", "个人缴费收入 ÷ 人均年缴费（假设）", "contributions ÷ average yearly contribution (assumption)"),
    "account_pension_pm_init": ("元/month", "账户模型：基年个人账户养老金 ÷ 领取人数",
                                "account model: base-year account pensions ÷ recipients"),
    "budget_items_cover_init": ("fraction", "基年财政补贴 ÷（基础养老金+缴费补贴+丧葬补助）",
                                "base-year subsidy ÷ (basic pensions + top-ups + funeral grants)"),
    "long_term_init": ("persons", "享受人数 × 长期待遇比例（假设）", "beneficiaries × long-term share (assumption)"),
    "long_term_py": ("元/yr", "长期待遇工资比例 × 人均缴费基数（工伤保险条例第35、39条）",
                     "long-term wage fraction × average contribution base (工伤保险条例 arts. 35, 39)"),
    "one_off_per_case": ("元", "（工伤待遇 − 长期人数 × 人均长期待遇）÷ 新发案例",
                         "(injury benefits − long-term stock × amount) ÷ new cases"),
    "insured_init": ("persons", "报告参保人数", "insured as reported"),
    "scale": ("×", "应缴保费 ÷（参保人数×基数×费率）", "contributions due ÷ (insured × base × rate)"),
    "contributions_prior": ("万元", "上年征缴收入", "previous year's contributions"),
    "benefit_pm": ("元/month", "失业金支出 ÷ 领取人月数", "benefits ÷ recipient-months"),
    "premium_pm": ("元/month", "代缴医保 ÷ 领取人月数", "medical premiums ÷ recipient-months"),
    "skills_per_insured": ("元/yr", "技能补贴 ÷ 参保人数", "skills subsidy ÷ insured"),
    "mortality_factor": ("×", "使基年死亡人数等于报告（brentq）；报告无死亡人数的机关事业养老借用企业养老的系数（再乘差异系数杠杆）",
                         "base-year deaths equal the report (brentq); the public-institution fund, with no stated deaths, borrows the enterprise fund's (times the differential lever)"),
    "subsidy_init": ("万元", "报告财政补贴", "reported fiscal subsidy"),
    "gap_margin": ("fraction", "（收入−支出）÷支出，补缺口规则保留的结余", "(income − spending) ÷ spending kept by gap filling"),
    "interest_spread": ("fraction/yr", "利息 ÷ 上年末结余 − 基准利率", "interest ÷ opening balance − reference rate"),
    "balance_start": ("万元", "年末结余 − 当期结余", "year-end balance − current balance"),
}


# Head counts the engine cannot project a fund without (persons, base year); others are optional.
REQUIRED_HEADCOUNTS: dict[str, tuple[str, ...]] = {
    "enterprise_pension": ("retirees",),
    "public_pension": ("retirees",),
    "resident_pension": ("recipients",),
    "work_injury": ("insured", "beneficiaries"),
    "unemployment": ("insured", "recipients"),
}


def missing_headcounts(baseline: Baseline, file: str) -> ProblemList:
    """A Problem for every head count in :data:`REQUIRED_HEADCOUNTS` the baseline lacks."""
    problems = ProblemList()
    for fund, keys in REQUIRED_HEADCOUNTS.items():
        for key in keys:
            if not baseline.funds[fund].headcounts.get(key):
                problems.add(file, f"{fund}/{baseline.base_year}/{key}", None,
                             "预测引擎需要此基年人数", "the projection engine needs this base-year head count",
                             f"一行 fund={fund}, period={baseline.base_year}, key={key}（人或万人）",
                             f"a row fund={fund}, period={baseline.base_year}, key={key} (persons or 万人)")
    return problems


@dataclass(frozen=True)
class Calibration:
    """Everything calibration solved for one region; read-only after construction."""

    base_year: int
    params: Mapping[str, Mapping[str, float]]      # fund → parameter → value
    lever_fills: Mapping[str, float]               # lever name → calibrated default
    finance: Mapping[str, Mapping[str, float]]     # fund → subsidy_init, gap_margin, interest_spread, …
    demography: DemographyStage = field(repr=False)
    checks: tuple = ()                             # derived.Derived bounds the assumptions should respect


def lever_scalars(levers) -> dict[str, float]:
    """Base-year value of every lever of a one-member LeverSet."""
    return {name: float(arr[0, 0]) for name, arr in levers.values.items()}


def calibrate(baseline: Baseline, region_defaults: Mapping, age_profiles=None) -> Calibration:
    """Solve every calibrated parameter; raises InputError (bilingual) if the data cannot fit."""
    missing_headcounts(baseline, f"data/regions/{baseline.region_id}/figures.csv").raise_if_any()
    problems = ProblemList()
    y0 = baseline.base_year
    default = build_lever_set([y0], [{}], region_defaults)
    lever0 = lever_scalars(default)
    lever_specs = catalogue()
    specs: dict[str, tuple[str, GroupSpec]] = {}
    for fund, module in REGISTRY.items():
        actives, pensioners, deaths = module.group_counts(baseline.funds[fund], lever0)
        # employee pension funds: the prior-year pensioner count anchors new pensioners (§6 of
        # issue 9); a fund without stated deaths borrows a sibling's mortality basis (§1)
        prior = (baseline.funds[fund].headcounts.get("retirees_prior")
                 if module.GROUP in ("enterprise", "public") else None)
        specs[fund] = (module.GROUP, GroupSpec(module.GROUP, actives, pensioners, deaths, prior,
                                               getattr(module, "MORTALITY_FROM", None)))
    stage = DemographyStage(y0, specs, age_profiles)
    stage.calibrate(default)
    demo = stage.project(default)
    params: dict[str, dict[str, float]] = {}
    fills: dict[str, float] = {}
    finance: dict[str, dict[str, float]] = {}
    for fund, module in REGISTRY.items():
        base = baseline.funds[fund]
        d = demo[fund]
        demo0 = {"actives": float(d.actives[0, 0]), "pensioners": float(d.pensioners[0, 0]),
                 "deaths": float(d.deaths[0, 0]), "base_year": float(y0)}
        p, f = module.calibrate(base, lever0, demo0, problems)
        if module.GROUP != "employees":
            p["mortality_factor"] = stage.mortality_factor[fund]
        params[fund] = p
        fills.update(f)
        fills.update(transfers.calibrate(base, region_defaults,
                                         {name: spec.default for name, spec in lever_specs.items()}, problems))
        expenditure = base.expenditure_total
        subsidy = base.income["fiscal_subsidy"]
        # the share of expenditure is solved where the lever is "calibrated"; a fund whose share
        # rule multiplies its budget-funded items (FundFlows.subsidy_base) sets it in levers.toml.
        # The share is of the own expenditure, transfer lines between levels excluded
        # (model.engine.transfers), which is the whole expenditure where the report states none.
        share_lever = f"{fund}.subsidy_share"
        own = base.own_expenditure
        if isinstance(region_defaults.get(share_lever, lever_specs[share_lever].default), str):
            fills[share_lever] = subsidy / own if own else 0.0
        opening = base.balance_start
        reference = lever0["economy.interest_rate"]
        if opening > 0:
            spread = base.income["interest"] / opening - reference
        else:
            spread = -reference
            if base.income["interest"] > 0:
                problems.add("calibration", f"{fund}.interest", base.income["interest"],
                             "上年末结余非正，无法解释利息收入", "interest with a non-positive opening balance",
                             "上年末结余为正或利息为0", "a positive opening balance or zero interest")
        finance[fund] = {
            "subsidy_init": subsidy,
            # the surplus the 2020 budget left when it filled the gap; never a planned deficit
            "gap_margin": max(0.0, (base.income_total - expenditure) / expenditure) if expenditure else 0.0,
            "interest_spread": spread,
            "interest_init": base.income["interest"],
            "balance_start": opening,
        }
    problems.raise_if_any()
    return Calibration(y0, params, fills, finance, stage, contributor_checks(baseline, lever0, params))


def contributor_checks(baseline: Baseline, lever0: Mapping[str, float], params) -> tuple:
    """The range of enterprise average bases consistent with the stated insured counts
    (``derived.average_base_bounds``), where the report states them; empty otherwise."""
    lower = baseline.funds["unemployment"].headcounts.get("insured")
    upper = baseline.funds["work_injury"].headcounts.get("insured")
    public = params["public_pension"]["contributors_init"]
    if not lower or not upper or min(lower, upper) <= public:
        return ()
    fund = "enterprise_pension"
    return derived.average_base_bounds(
        baseline.funds[fund], public, lower, upper, lever0[f"{fund}.employer_rate"],
        lever0[f"{fund}.employee_rate"], lever0[f"{fund}.collection_rate"])


# --- CLI ------------------------------------------------------------------------------------------

def rows(engine) -> list[dict]:
    """Every calibrated value as a row: fund, name, value, unit, method (zh, en)."""
    cal = engine.calibration
    out = []
    for fund, p in cal.params.items():
        for name, value in p.items():
            if name.endswith("_level"):   # see model.engine.funds.base.split_item
                unit, zh, en = ("万元", "基年驱动量为零时保留的基年金额（随工资指数）",
                                "base-year amount kept where its driver is zero (wage-indexed)")
            else:
                unit, zh, en = PARAM_DOCS.get((fund, name), PARAM_DOCS.get(name, ("", "", "")))
            out.append({"fund": fund, "name": name, "value": value, "unit": unit, "method_zh": zh, "method_en": en})
        for name, value in cal.finance[fund].items():
            unit, zh, en = PARAM_DOCS.get(name, ("万元", "报告数", "as reported"))
            out.append({"fund": fund, "name": name, "value": value, "unit": unit, "method_zh": zh, "method_en": en})
    for check in cal.checks:
        out.append({"fund": check.fund, "name": check.key, "value": check.value, "unit": check.unit,
                    "method_zh": check.name_zh + "：" + check.formula, "method_en": check.name_en + ": " + check.formula})
    specs = catalogue()
    for lever, value in cal.lever_fills.items():
        spec = specs[lever]
        out.append({"fund": spec.group, "name": lever, "value": value, "unit": spec.unit,
                    "method_zh": "校准：" + spec.label_zh, "method_en": "calibrated: " + spec.source})
    return out
