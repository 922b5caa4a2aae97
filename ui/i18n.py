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
    "app.caption": {"zh": "地市社会保险基金精算预测与情景对比（金额单位：万元、亿元）",
                    "en": "Actuarial projection and scenario comparison of a prefecture's social "
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
    "ind.dependency_ratio": {"zh": "在职退休比", "en": "Contributors per beneficiary"},
    "ind.payable_months": {"zh": "可支付月数", "en": "Payable months"},

    # ---- lever groups and rule codes
    "group.enterprise_pension": {"zh": "企业职工养老", "en": "Enterprise pension"},
    "group.public_pension": {"zh": "机关事业养老", "en": "Public institution pension"},
    "group.resident_pension": {"zh": "城乡居民养老", "en": "Resident pension"},
    "group.work_injury": {"zh": "工伤保险", "en": "Work injury"},
    "group.unemployment": {"zh": "失业保险", "en": "Unemployment"},
    "group.economy": {"zh": "经济", "en": "Economy"},
    "group.retirement": {"zh": "退休政策", "en": "Retirement"},
    "group.demography": {"zh": "人口", "en": "Demography"},
    "code.fixed_growth": {"zh": "按固定增长率", "en": "Fixed growth"},
    "code.share_of_expenditure": {"zh": "按支出比例", "en": "Share of expenditure"},
    "code.gap_fill": {"zh": "兜底弥补当期缺口", "en": "Fill the current gap"},
    "code.min_months": {"zh": "保持最低可支付月数", "en": "Keep minimum payable months"},

    # ---- lever editor
    "editor.range": {"zh": "允许范围 {low} 至 {high} {unit}", "en": "Allowed {low} to {high} {unit}"},
    "editor.default": {"zh": "默认值", "en": "Default"},
    "editor.base_value": {"zh": "起点情景取值", "en": "Value in the starting scenario"},
    "editor.default_calibrated": {"zh": "默认：按2020年报告校准", "en": "Default: calibrated to the 2020 report"},
    "editor.default_demography": {"zh": "默认：由人口模块给出", "en": "Default: from the demography module"},
    "editor.source": {"zh": "出处", "en": "Source"},
    "editor.by_year": {"zh": "按年份设置", "en": "Set by year"},
    "editor.by_year_help": {"zh": "每行一个起始年份与取值；取值从该年起生效，直到下一行的年份。单个数值则适用于所有预测年份。",
                            "en": "One row per start year and value; a value holds from its year "
                                  "until the next row's year. A single number applies to every projected year."},
    "editor.row_incomplete": {"zh": "有一行缺少年份或取值", "en": "a row lacks its year or value"},
    "editor.row_incomplete_ignored": {"zh": "有一行缺少年份或取值，计算时已忽略该行；填完整后即生效。",
                                      "en": "A row lacks its year or value and is ignored until it is complete."},
    "editor.row_duplicate": {"zh": "年份重复", "en": "the same year appears twice"},
    "editor.row_allowed": {"zh": "每行填写不重复的年份和取值", "en": "each row with a distinct year and a value"},

    # ---- scenario builder
    "scenario.start": {"zh": "从已有情景开始", "en": "Start from a scenario"},
    "scenario.start_placeholder": {"zh": "选择随程序提供或本次保存的情景…", "en": "Pick a shipped or saved scenario…"},
    "scenario.based_on": {"zh": "起点情景：{base}；本情景改动了 {count} 个参数。",
                          "en": "Starting scenario: {base}; this scenario changes {count} lever(s)."},
    "scenario.id": {"zh": "情景标识", "en": "Scenario id"},
    "scenario.id_help": {"zh": "小写字母、数字和下划线，用作文件名", "en": "Lowercase letters, digits and underscores; used as the file name"},
    "scenario.id_invalid": {"zh": "情景标识只能包含小写字母、数字和下划线。", "en": "The scenario id may contain only lowercase letters, digits and underscores."},
    "scenario.name_zh": {"zh": "中文名称", "en": "Chinese name"},
    "scenario.name_en": {"zh": "英文名称", "en": "English name"},
    "scenario.group": {"zh": "参数组", "en": "Lever group"},
    "scenario.changes": {"zh": "本情景的改动", "en": "What this scenario changes"},
    "scenario.no_changes": {"zh": "尚未改动任何参数：与起点情景相同。", "en": "No lever changed yet: identical to the starting scenario."},
    "scenario.col_group": {"zh": "参数组", "en": "Group"},
    "scenario.col_lever": {"zh": "参数", "en": "Lever"},
    "scenario.col_unit": {"zh": "单位", "en": "Unit"},
    "scenario.col_base": {"zh": "起点取值", "en": "Starting value"},
    "scenario.col_new": {"zh": "本情景取值", "en": "This scenario"},
    "scenario.save": {"zh": "保存到“我的情景”", "en": "Save to My scenarios"},
    "scenario.save_help": {"zh": "保存为文件夹 {folder} 中的 TOML 文件，重启后仍在，可在“对比”“风险”页选用",
                           "en": "Saved as a TOML file in the folder {folder}; kept across restarts and listed on the Compare and Risk pages"},
    "scenario.saved": {"zh": "已保存：{name}（{path}）", "en": "Saved: {name} ({path})"},
    "scenario.exists": {"zh": "{path} 已存在且内容不同，未覆盖。请改用另一个情景标识，或勾选“覆盖同名文件”后再保存。",
                        "en": "{path} already exists with other content and was not replaced. Use another scenario id, or tick \u201cReplace the file\u201d and save again."},
    "scenario.overwrite": {"zh": "覆盖同名文件", "en": "Replace the file"},
    "scenario.save_failed": {"zh": "无法写入文件夹 {folder}（{reason}）；请检查该文件夹的写入权限。",
                             "en": "Cannot write to the folder {folder} ({reason}); check that it is writable."},
    "scenario.unreadable": {"zh": "“我的情景”文件夹 {folder} 中有 {n} 个文件不是有效情景，未列出：{files}",
                            "en": "{n} file(s) in the My scenarios folder {folder} are not valid scenarios and are not listed: {files}"},
    "scenario.about": {"zh": "起点情景说明：{name}", "en": "About the starting scenario: {name}"},
    "scenario.about_description": {"zh": "说明", "en": "What it asks"},
    "scenario.about_rationale": {"zh": "依据", "en": "Rationale"},
    "scenario.about_result": {"zh": "结果", "en": "Result"},
    "scenario.about_none": {"zh": "基准情景：按2020年决算校准、现行政策不变的预测，其他情景都与之对比。",
                            "en": "The baseline: current policy, calibrated to the 2020 accounts; other scenarios are compared with it."},
    "scenario.simple_year": {"zh": "从某年起", "en": "From year"},
    "scenario.simple_value": {"zh": "取值（{unit}）", "en": "value ({unit})"},
    "scenario.simple_apply": {"zh": "应用", "en": "Apply"},
    "scenario.glance": {"zh": "结果速览（随参数即时更新）", "en": "Results at a glance (update with every change)"},
    "scenario.m_required": {"zh": "累计所需追加补贴（{period}）", "en": "Extra subsidy needed ({period})"},
    "scenario.m_forgone": {"zh": "少收保险费（{period}）", "en": "Fee revenue forgone ({period})"},
    "scenario.glance_note": {"zh": "变化均相对起点情景“{base}”；详细结果见下方。", "en": "Changes are against \u201c{base}\u201d; full results below."},
    "scenario.result_fund": {"zh": "险种：{fund}（在右上方结果速览中切换）", "en": "Fund: {fund} (switch it in the results at a glance, top right)"},
    "scenario.download": {"zh": "下载情景文件（TOML）", "en": "Download scenario (TOML)"},
    "scenario.share": {"zh": "生成分享链接", "en": "Make a share link"},
    "scenario.share_done": {"zh": "浏览器地址栏中的链接现在可以完整重现本情景，复制即可分享。",
                            "en": "The address bar now holds a link that reproduces this scenario exactly; copy it to share."},
    "scenario.upload": {"zh": "上传情景文件（TOML）", "en": "Upload a scenario (TOML)"},
    "scenario.results": {"zh": "本情景结果（相对起点情景）", "en": "Results against the starting scenario"},
    "scenario.more_charts": {"zh": "保存本情景后，可在“对比”页查看可支付月数风险区间、当期结余、财政补贴与抚养比图。",
                             "en": "Save this scenario to see payable-month risk bands, current balance, subsidy and dependency charts on the Compare page."},
    "scenario.fix_first": {"zh": "请先改正上面标出的问题，再计算结果。", "en": "Fix the problems marked above to see results."},
    "scenario.upload_help": {"zh": "文件只按 TOML 文本读取并校验，不会被执行", "en": "The file is only read as TOML text and validated, never executed"},

    # ---- baseline page
    "baseline.intro": {"zh": "{region}{year}年社会保险基金决算：报告中各项数字经核对后采用的一套自洽基线。金额以万元、亿元表示。",
                       "en": "{region}, {year} social insurance fund accounts: the consistent baseline adopted after "
                             "checking every figure of the report. Money in 10 thousand and 100 million yuan."},
    "baseline.delta_note": {"zh": "收入、支出下方为较{prior}年的变化；累计结余下方为当年增减。",
                            "en": "Under income and expenditure: change on {prior}; under the accumulated balance: change during the year."},
    "baseline.totals": {"zh": "收支总额、上年与预算", "en": "Totals, prior year and budget"},
    "baseline.income_items": {"zh": "收入构成", "en": "Income items"},
    "baseline.expenditure_items": {"zh": "支出构成", "en": "Expenditure items"},
    "baseline.people": {"zh": "人数与人均水平", "en": "Head counts and per-capita amounts"},
    "baseline.exemption": {"zh": "2020年阶段性减免单位缴费", "en": "2020 employer contributions waived"},
    "baseline.total": {"zh": "合计", "en": "Total"},
    "baseline.col_item": {"zh": "项目", "en": "Item"},
    "baseline.col_year": {"zh": "{year}年", "en": "{year}"},
    "baseline.col_change": {"zh": "增减", "en": "Change"},
    "baseline.col_change_pct": {"zh": "增减%", "en": "Change %"},
    "baseline.col_budget": {"zh": "预算", "en": "Budget"},
    "baseline.col_execution": {"zh": "执行预算%", "en": "Budget executed %"},
    "baseline.col_wan": {"zh": "万元", "en": "10 thousand yuan"},
    "baseline.col_yi": {"zh": "亿元", "en": "100 million yuan"},
    "baseline.col_share": {"zh": "占比", "en": "Share"},
    "baseline.col_value": {"zh": "数值", "en": "Value"},
    "baseline.findings": {"zh": "数据核对结论", "en": "Reconciliation findings"},
    "baseline.findings_help": {"zh": "报告中的数字彼此核对：报告所写（陈述值）、由其他数字推算（推算值）、模型采用的数值及理由。",
                               "en": "The report's figures checked against each other: what it states, what other figures "
                                     "imply, the value the model adopted and why."},
    "baseline.only_problems": {"zh": "只显示有出入的核对项", "en": "Show only checks with a discrepancy"},
    "baseline.col_check": {"zh": "结论", "en": "Result"},
    "baseline.col_fund": {"zh": "险种", "en": "Fund"},
    "baseline.col_what": {"zh": "核对内容", "en": "Check"},
    "baseline.col_stated": {"zh": "报告所写", "en": "Stated"},
    "baseline.col_implied": {"zh": "推算值", "en": "Implied"},
    "baseline.col_unit": {"zh": "单位", "en": "Unit"},
    "baseline.col_adopted": {"zh": "模型采用", "en": "Adopted"},
    "baseline.col_why": {"zh": "理由", "en": "Why"},
    "severity.ok": {"zh": "一致", "en": "Consistent"},
    "severity.rounding": {"zh": "舍入差异", "en": "Rounding difference"},
    "severity.conflict": {"zh": "矛盾", "en": "Conflict"},
    "head.retirees": {"zh": "离退休人数", "en": "Retirees"},
    "head.retirees_prior": {"zh": "上年离退休人数", "en": "Retirees, prior year"},
    "head.deaths": {"zh": "死亡人数（丧葬抚恤）", "en": "Deaths (funeral grants)"},
    "head.recipients": {"zh": "待遇领取人数", "en": "Benefit recipients"},
    "head.insured": {"zh": "参保人数", "en": "Insured persons"},
    "head.beneficiaries": {"zh": "待遇享受人数", "en": "Beneficiaries"},
    "head.recipient_months": {"zh": "领取人月数", "en": "Recipient-months"},
    "head.skills_recipients": {"zh": "技能提升补贴人数", "en": "Skills subsidy recipients"},
    "head.stabilisation_firms": {"zh": "稳岗补贴企业数", "en": "Firms receiving job-stabilisation refunds"},
    "head.stabilisation_persons": {"zh": "稳岗补贴惠及人次", "en": "Persons covered by job-stabilisation refunds"},
    "percap.adjustment_rate": {"zh": "养老金调整幅度", "en": "Pension adjustment rate"},
    "percap.adjustment_pp_pm": {"zh": "人均月增加养老金", "en": "Average monthly pension increase"},
    "percap.pension_pp_pm": {"zh": "人均月养老金", "en": "Average monthly pension"},
    "percap.benefit_pp_pm": {"zh": "人均月失业金", "en": "Average monthly unemployment benefit"},
    "percap.medical_premium_pp_pm": {"zh": "人均月代缴医疗保险费", "en": "Medical premium paid per recipient-month"},

    # ---- headline sentences (one per fund)
    "headline.start": {"zh": "{fund}：在“{name}”下，", "en": "{fund}: under \u201c{name}\u201d, "},
    "headline.depletes": {"zh": "累计结余于{year}年耗尽", "en": "the accumulated balance runs out in {year}"},
    "headline.deficit_only": {"zh": "{year}年起出现当期赤字，但到{horizon}年累计结余未耗尽，最低可支付{months}",
                              "en": "current deficits start in {year} but the balance lasts to {horizon}, at worst covering {months}"},
    "headline.healthy": {"zh": "到{horizon}年没有当期赤字，最低可支付{months}",
                         "en": "there is no current deficit to {horizon}; the balance covers at least {months}"},
    "headline.sep": {"zh": "；", "en": "; "},
    "headline.earlier": {"zh": "“{name}”使耗尽提前{years}年（{year}年）", "en": "\u201c{name}\u201d brings depletion {years} year(s) earlier ({year})"},
    "headline.later": {"zh": "“{name}”使耗尽推迟{years}年（{year}年）", "en": "\u201c{name}\u201d delays depletion by {years} year(s) ({year})"},
    "headline.same_year": {"zh": "“{name}”下耗尽年份不变", "en": "\u201c{name}\u201d leaves the depletion year unchanged"},
    "headline.no_longer_depletes": {"zh": "“{name}”下到{horizon}年不再耗尽", "en": "under \u201c{name}\u201d it no longer runs out before {horizon}"},
    "headline.now_depletes": {"zh": "“{name}”下将于{year}年耗尽", "en": "under \u201c{name}\u201d it runs out in {year}"},
    "headline.months_up": {"zh": "“{name}”使最低可支付月数增加{months}（至{value}）", "en": "\u201c{name}\u201d raises the minimum cover by {months} (to {value})"},
    "headline.months_down": {"zh": "“{name}”使最低可支付月数减少{months}（至{value}）", "en": "\u201c{name}\u201d lowers the minimum cover by {months} (to {value})"},
    "headline.same": {"zh": "“{name}”与之几乎相同", "en": "\u201c{name}\u201d is almost the same"},
    "headline.subsidy": {"zh": "，累计财政补贴变化{amount}", "en": ", with cumulative fiscal subsidy changing by {amount}"},
    "headline.end": {"zh": "。", "en": "."},

    # ---- comparison summary table
    "table.scenario": {"zh": "情景", "en": "Scenario"},
    "table.base_mark": {"zh": "（对比基准）", "en": " (reference)"},
    "table.first_deficit": {"zh": "首次当期赤字年份", "en": "First deficit year"},
    "table.depletion": {"zh": "累计结余耗尽年份", "en": "Depletion year"},
    "table.min_months": {"zh": "最低可支付月数 · 年份", "en": "Minimum payable months · year"},
    "table.cumulative_subsidy": {"zh": "累计财政补贴（亿元）", "en": "Cumulative fiscal subsidy (100 million yuan)"},
    "table.never_deficit": {"zh": "至{horizon}年无赤字", "en": "none to {horizon}"},
    "table.never_depleted": {"zh": "至{horizon}年未耗尽", "en": "not by {horizon}"},

    # ---- compare page
    "compare.pick": {"zh": "选择2至6个情景", "en": "Pick 2 to 6 scenarios"},
    "compare.pick_help": {"zh": "随程序提供的情景与本次会话中保存的情景；若选择“基准”，差值相对基准计算，否则相对第一个情景。",
                          "en": "Shipped scenarios and those saved this session; differences are against the baseline if chosen, else against the first."},
    "compare.pick_placeholder": {"zh": "选择情景", "en": "Choose scenarios"},
    "compare.print_title": {"zh": "社会保险基金情景对比（{date}）", "en": "Social insurance funds: scenario comparison ({date})"},
    "compare.print_sub": {"zh": "预测期 {period}；情景：{names}", "en": "Projection {period}; scenarios: {names}"},
    "compare.need_two": {"zh": "请至少选择两个情景。", "en": "Please pick at least two scenarios."},
    "compare.horizon": {"zh": "预测至", "en": "Project to"},
    "compare.red": {"zh": "红色警戒：可支付月数低于", "en": "Red: payable months below"},
    "compare.amber": {"zh": "黄色关注：可支付月数低于", "en": "Amber: payable months below"},
    "compare.threshold_order": {"zh": "红色阈值须小于黄色阈值。", "en": "The red threshold must be below the amber one."},
    "compare.running": {"zh": "正在计算…", "en": "Projecting…"},
    "compare.headlines": {"zh": "要点", "en": "Headlines"},
    "compare.reference": {"zh": "差值均相对于“{name}”。", "en": "Differences are against \u201c{name}\u201d."},
    "compare.fund": {"zh": "险种", "en": "Fund"},
    "compare.summary": {"zh": "{fund}：情景汇总", "en": "{fund}: scenario summary"},

    # ---- risk page
    "risk.base": {"zh": "分析哪个情景", "en": "Scenario to analyse"},
    "risk.montecarlo": {"zh": "蒙特卡洛模拟", "en": "Monte Carlo simulation"},
    "risk.mc_help": {"zh": "工资增长、基金收益率、失业率与长寿水平随机变化（相关），每条路径各自滚动预测；阴影为分位区间。",
                     "en": "Wage growth, returns, unemployment and longevity vary at random (correlated); each path is projected on its own; shading shows percentile ranges."},
    "risk.paths": {"zh": "路径数", "en": "Paths"},
    "risk.seed": {"zh": "随机种子", "en": "Random seed"},
    "risk.volatility": {"zh": "波动倍数", "en": "Volatility multiplier"},
    "risk.volatility_help": {"zh": "1为默认校准的波动；0时每条路径都等于确定性预测。", "en": "1 is the calibrated volatility; at 0 every path equals the deterministic run."},
    "risk.mc_running": {"zh": "模拟中：{done}/{total} 条路径", "en": "Simulating: {done}/{total} paths"},
    "risk.mc_done": {"zh": "完成：{total} 条路径（{levels} 个长寿水平）", "en": "Done: {total} paths ({levels} longevity levels)"},
    "risk.indicator": {"zh": "指标", "en": "Indicator"},
    "risk.p_depleted": {"zh": "{year}年前累计结余耗尽的概率", "en": "Probability the balance runs out by {year}"},
    "risk.tornado": {"zh": "敏感性分析（龙卷风图）", "en": "Sensitivity (tornado chart)"},
    "risk.tornado_help": {"zh": "每次只改变一项假设（取低值与高值），其余不变；条越长，结果对该假设越敏感。",
                          "en": "Each assumption moved down and up on its own, everything else unchanged; the longer the bar, the more the result depends on it."},
    "risk.measure": {"zh": "看哪个结果", "en": "Effect on"},
    "risk.measure_balance": {"zh": "期末累计结余", "en": "Balance at the horizon"},
    "risk.measure_depletion": {"zh": "耗尽年份", "en": "Depletion year"},
    "risk.censored": {"zh": "部分情形到{horizon}年仍未耗尽，按{horizon}年之后一年计，该效应是下限。",
                      "en": "Some cases do not run out by {horizon}; they count as the year after {horizon}, so the effect is a bound."},
    "risk.goalseek": {"zh": "目标求解", "en": "Goal-seek"},
    "risk.goalseek_help": {"zh": "在所选情景基础上，求满足约束的政策取值。",
                           "en": "On top of the chosen scenario, find the policy value that just meets the constraint."},
    "risk.question": {"zh": "求解问题", "en": "Question"},
    "risk.q_fee_cut": {"zh": "最大可降费幅度", "en": "Largest possible fee cut"},
    "risk.q_balancing_rate": {"zh": "收支平衡费率", "en": "Balancing contribution rate"},
    "risk.q_min_subsidy": {"zh": "最低财政补贴", "en": "Minimum fiscal subsidy"},
    "risk.q_max_adjustment": {"zh": "最大待遇调整幅度", "en": "Largest benefit adjustment"},
    "risk.start": {"zh": "政策起始年份", "en": "Policy starts in"},
    "risk.through": {"zh": "须满足至", "en": "Must hold through"},
    "risk.min_months": {"zh": "最低可支付月数", "en": "Minimum payable months"},
    "risk.solve": {"zh": "求解", "en": "Solve"},
    "risk.solving": {"zh": "正在求解…", "en": "Solving…"},
    "risk.start_before_through": {"zh": "起始年份须早于约束截止年份。", "en": "The start year must be before the last year of the constraint."},
    "risk.binding": {"zh": "约束最紧的年份：{year}年（模型运行{calls}次）。", "en": "The constraint binds in {year} ({calls} engine runs)."},
    "ind.depletion_year": {"zh": "累计结余耗尽年份", "en": "Depletion year"},

    # ---- goal-seek answers in planners' words
    "gs.fee_cut": {"zh": "{fund}：费率最多可降低 {pp}个百分点（{before} → {after}），{period}年可支付月数仍不低于{months}个月。",
                   "en": "{fund}: the rate can be cut by at most {pp} percentage points ({before} → {after}) while payable months stay at or above {months} over {period}."},
    "gs.fee_cut_share": {"zh": "{fund}：费率最多可降低{cut}（降至2020年有效费率的{keep}），{period}年可支付月数仍不低于{months}个月。",
                         "en": "{fund}: the rate can be cut by at most {cut} (to {keep} of the 2020 effective rate) while payable months stay at or above {months} over {period}."},
    "gs.balancing": {"zh": "{fund}：使{year}年累计结余回到基年水平的总费率为 {rate}。",
                     "en": "{fund}: a total contribution rate of {rate} brings the {year} balance back to its base-year level."},
    "gs.min_subsidy": {"zh": "{fund}：财政补贴至少需占基金支出的 {share}（{start}年约{first}，{end}年约{last}），{period}年可支付月数才不低于{months}个月。",
                       "en": "{fund}: the fiscal subsidy must be at least {share} of spending (about {first} in {start}, {last} in {end}) to keep {months} payable months over {period}."},
    "gs.max_adjustment": {"zh": "{fund}：待遇每年最多可调整 {rate}，{period}年累计结余才不为负。",
                          "en": "{fund}: benefits can rise by at most {rate} a year for the balance to stay positive over {period}."},
    "gs.state_depleted": {"zh": "累计结余已耗尽", "en": "the balance is exhausted"},
    "gs.state_months": {"zh": "可支付月数只有{months}", "en": "payable months are only {months}"},
    "gs.none_fee_cut": {"zh": "{fund}：无法降费。即使维持现行费率，{year}年{state}，达不到{months}个月的要求；需要增加收入或财政补贴（可改问“最低财政补贴”）。",
                        "en": "{fund}: no cut is possible. Even at the current rate, in {year} {state}, short of {months} months; the fund needs more income or subsidy (ask for the minimum fiscal subsidy instead)."},
    "gs.none_subsidy": {"zh": "{fund}：即使财政补贴达到支出的{top}，{year}年{state}，达不到{months}个月的要求。",
                        "en": "{fund}: even with a subsidy of {top} of spending, in {year} {state}, short of {months} months."},
    "gs.none_adjustment": {"zh": "{fund}：即使待遇每年只调整{low}，{year}年累计结余仍有缺口 {gap}。",
                           "en": "{fund}: even with benefits rising only {low} a year, the balance is short by {gap} in {year}."},
    "gs.none_balancing": {"zh": "{fund}：费率提高到上限{top}也不能使{year}年累计结余回到基年水平。",
                          "en": "{fund}: even the highest rate, {top}, does not bring the {year} balance back to its base-year level."},
    "gs.to_scenario": {"zh": "按此结果生成情景", "en": "Make this answer a scenario"},
    "gs.to_scenario_help": {"zh": "在“情景”页打开：所分析的情景加上求得的取值，可继续修改、保存和对比。",
                            "en": "Opens the Scenario builder with the analysed scenario plus the answer, to adjust, save and compare."},
    "gs.scenario_name": {"zh": "求解：{fund}{question}", "en": "Goal-seek: {question}, {fund}"},

    # ---- export page
    "export.pick": {"zh": "导出哪些情景", "en": "Scenarios to export"},
    "export.need_one": {"zh": "请至少选择一个情景。", "en": "Please pick at least one scenario."},
    "export.table": {"zh": "预测长表", "en": "Projection long table"},
    "export.table_help": {"zh": "列：情景、险种、年份、指标、数值、单位（金额万元，人数为人）；共 {rows} 行。CSV 使用带BOM的UTF-8编码，可直接用Excel打开。",
                          "en": "Columns: scenario, fund, year, indicator, value, unit (money in 10 thousand yuan, people in persons); {rows} rows. The CSV is UTF-8 with a byte-order mark so Excel opens it directly."},
    "export.csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "export.charts": {"zh": "图表", "en": "Charts"},
    "export.chart_kind": {"zh": "图表", "en": "Chart"},
    "export.kind_balance": {"zh": "累计结余", "en": "Accumulated balance"},
    "export.kind_payable_months": {"zh": "可支付月数与风险区间", "en": "Payable months and risk bands"},
    "export.kind_current_balance": {"zh": "当期结余", "en": "Current balance"},
    "export.kind_subsidy": {"zh": "财政补贴", "en": "Fiscal subsidy"},
    "export.kind_dependency": {"zh": "在职退休比", "en": "Contributors per beneficiary"},
    "export.rendering": {"zh": "正在生成图片…", "en": "Rendering images…"},
    "export.png": {"zh": "下载 PNG", "en": "Download PNG"},
    "export.svg": {"zh": "下载 SVG", "en": "Download SVG"},

    # ---- region upload
    "region.title": {"zh": "上传其他地区数据", "en": "Upload another region's data"},
    "region.help": {"zh": "按 data/regions/FORMAT.md 的格式上传 region.toml、figures.csv（必需）及 adoption.toml、age_profiles.csv、assumptions.toml（可选），可逐个上传或打包为 zip；合计不超过 {mb} MB。文件只作为 TOML/CSV 文本读取并校验。",
                    "en": "Upload region.toml and figures.csv (required) and adoption.toml, age_profiles.csv, assumptions.toml (optional) in the format of data/regions/FORMAT.md, one by one or as a zip; at most {mb} MB in all. Files are only read as TOML/CSV text and validated."},
    "region.upload": {"zh": "选择文件", "en": "Choose files"},
    "region.invalid": {"zh": "地区数据有 {n} 处问题，请修改后重新上传：", "en": "The region data has {n} problem(s); fix them and upload again:"},
    "region.valid": {"zh": "地区数据校验通过。", "en": "The region data is valid."},
    "region.use": {"zh": "在本次会话中使用此地区", "en": "Use this region for this session"},
    "region.in_use": {"zh": "本次会话正在使用上传的地区数据；所有页面的预测都基于它。", "en": "This session uses the uploaded region; every page projects from it."},
    "region.reset": {"zh": "恢复随程序提供的昌吉州数据", "en": "Back to the shipped Changji data"},

    # ---- the budget question
    "budget.title": {"zh": "预算影响：所需追加财政补贴与少收保险费", "en": "Budget impact: extra subsidy needed and fee revenue forgone"},
    "budget.help": {"zh": "所需追加补贴：在现行补贴规则之外，为使累计结余保持目标可支付月数（各险种参数“最低可支付月数”，默认6个月）每年还需财政追加的资金。少收保险费：对比基准的保险费收入减本情景的保险费收入（减免、降费使其为正）。累计数均为{period}各年之和，不含{base}年基年。",
                    "en": "Extra subsidy needed: money the budget must add each year, on top of the current subsidy rule, to keep the balance at the target payable months (each fund's minimum-months lever, 6 by default). Fee revenue forgone: the reference scenario's contributions minus this scenario's (positive for a relief or rate cut). Cumulative figures sum {period}, base year {base} excluded."},
    "budget.col_required": {"zh": "累计所需追加补贴（亿元，{period}）", "en": "Extra subsidy needed ({period}, 100m yuan)"},
    "budget.col_d_required": {"zh": "较基准增加（亿元）", "en": "Change vs reference (100m yuan)"},
    "budget.col_forgone": {"zh": "少收保险费（减免/降费，亿元，{period}）", "en": "Fee revenue forgone ({period}, 100m yuan)"},
    "budget.col_relief": {"zh": "其中阶段性减免（亿元）", "en": "Of which relief waivers (100m yuan)"},
    "budget.col_item": {"zh": "项目", "en": "Item"},
    "budget.row_required": {"zh": "所需追加补贴", "en": "Extra subsidy needed"},
    "budget.row_forgone": {"zh": "少收保险费", "en": "Fee revenue forgone"},
    "budget.yearly": {"zh": "逐年金额（亿元，每5年及末年）", "en": "By year (100m yuan, every 5th year and the last)"},
    "budget.depleted": {"zh": "已耗尽（{year}年起，至{last}年已{since}年）· 缺口 {gap}",
                        "en": "Exhausted (from {year}, {since} years by {last}) · shortfall {gap}"},
    "budget.depleted_short": {"zh": "已耗尽", "en": "Exhausted"},
    "chart.required_title": {"zh": "{fund}：每年所需追加补贴", "en": "{fund}: extra subsidy needed each year"},
    "chart.depleted_mark": {"zh": "{year}年耗尽", "en": "exhausted {year}"},
    "ind.required_subsidy": {"zh": "所需追加补贴", "en": "Extra subsidy needed"},
    "ind.fee_relief": {"zh": "减免费额", "en": "Fee relief"},

    # ---- chart titles and axes
    "chart.year": {"zh": "年份", "en": "Year"},
    "chart.scenario": {"zh": "情景", "en": "Scenario"},
    "chart.value": {"zh": "数值", "en": "Value"},
    "chart.balance_title": {"zh": "{fund}：累计结余", "en": "{fund}: accumulated balance"},
    "chart.current_title": {"zh": "{fund}：当期结余", "en": "{fund}: current balance"},
    "chart.subsidy_title": {"zh": "{fund}：财政补贴", "en": "{fund}: fiscal subsidy"},
    "chart.dependency_title": {"zh": "{fund}：在职退休比（缴费人数÷领取人数）",
                               "en": "{fund}: contributors per beneficiary"},
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
