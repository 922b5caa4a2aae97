"""基线 Baseline: the base-year figures per fund next to the prior year and the budget, and the
reconciliation findings (what the report says, what the model adopted, and why)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from model.errors import InputError
from ui.guard import show_error

from ui import format as fmt
from ui import layout, region_upload, safe, state
from ui.i18n import FUNDS, fund_label, t

SEVERITY_MARK = {"ok": "✅", "rounding": "🟡", "conflict": "🔴"}


@st.cache_resource(show_spinner=False, max_entries=4)
def _baseline(region: str | None = None):
    from model.baseline.adopted import load_baseline
    return load_baseline(region)


def key_label(key: str, lang: str) -> str:
    """A report quantity's label from the region key catalogue (model.baseline.region.KEYS)."""
    from model.baseline.region import KEYS
    if key in SAME_TERM:  # one term per thing across the app: the projection's own name
        return t(SAME_TERM[key], lang)
    spec = KEYS[key]
    return spec.zh if lang == "zh" else spec.en[:1].upper() + spec.en[1:]


#: Report keys shown under the name the rest of the app uses for the same quantity (the report
#: says both 滚存结余 and 累计结余; the app says 累计结余 everywhere).
SAME_TERM = {"balance_end": "ind.accumulated_balance"}


def _change(now: float, before: float) -> float | None:
    return None if not before else (now - before) / before


def totals_frame(fb, lang: str, base_year: int) -> pd.DataFrame:
    """Income and expenditure: base year, prior year, change, budget and execution (万元)."""
    rows = []
    for key, now, prior, budget in (
            ("income_total", fb.income_total, fb.income_prior, fb.income_budget),
            ("expenditure_total", fb.expenditure_total, fb.expenditure_prior, fb.expenditure_budget)):
        rows.append({
            t("baseline.col_item", lang): key_label(key, lang),
            t("baseline.col_year", lang, year=base_year): fmt.money_wan(now, lang, with_unit=False),
            t("baseline.col_year", lang, year=base_year - 1): fmt.money_wan(prior, lang, with_unit=False),
            t("baseline.col_change", lang): fmt.money_wan(now - prior, lang, signed=True, with_unit=False),
            t("baseline.col_change_pct", lang): fmt.percent(_change(now, prior), signed=True),
            t("baseline.col_budget", lang): fmt.money_wan(budget, lang, with_unit=False),
            t("baseline.col_execution", lang): fmt.percent(now / budget if budget else None),
        })
    return pd.DataFrame(rows)


def shown_items(items) -> dict:
    """The items a table lists: every item, but a transfer line between levels (上级补助收入 …
    中央调剂基金支出) only where the region states it: a report that excludes them (Changji's,
    不含上下级往来) would otherwise show rows of zeros it never had."""
    from model.baseline.region import TRANSFER_IN_LINES, TRANSFER_OUT_LINES
    transfer = {k for lines in (*TRANSFER_IN_LINES.values(), *TRANSFER_OUT_LINES.values()) for k in lines}
    return {k: v for k, v in items.items() if k not in transfer or v}


def items_frame(items, total: float, lang: str) -> pd.DataFrame:
    """Income or expenditure items: amount in 万元 and 亿元 and share of the total (transfer
    lines only where stated, :func:`shown_items`)."""
    items = shown_items(items)
    rows = [{t("baseline.col_item", lang): key_label(k, lang),
             t("baseline.col_wan", lang): fmt.money_wan(v, lang, with_unit=False),
             t("baseline.col_yi", lang): fmt.money_yi(v, lang, with_unit=False),
             t("baseline.col_share", lang): fmt.percent(v / total if total else None, 1)}
            for k, v in items.items()]
    rows.append({t("baseline.col_item", lang): t("baseline.total", lang),
                 t("baseline.col_wan", lang): fmt.money_wan(total, lang, with_unit=False),
                 t("baseline.col_yi", lang): fmt.money_yi(total, lang, with_unit=False),
                 t("baseline.col_share", lang): fmt.percent(1.0 if total else None, 1)})
    return pd.DataFrame(rows)


def _headcount_text(key: str, value: float, lang: str) -> str:
    if key == "recipient_months":
        return fmt.number(value) + (" 人月" if lang == "zh" else " person-months")
    if key == "stabilisation_firms":
        return fmt.number(value) + (" 家" if lang == "zh" else " firms")
    return fmt.persons(value, lang)


def _per_capita_text(key: str, value: float, lang: str) -> str:
    if key.endswith("_rate"):
        return fmt.percent(value)
    return f"{fmt.number(value, 2)} " + ("元/月" if lang == "zh" else "yuan/month")


def people_frame(fb, lang: str) -> pd.DataFrame:
    rows = [{t("baseline.col_item", lang): t(f"head.{k}", lang), t("baseline.col_value", lang):
             _headcount_text(k, v, lang)} for k, v in fb.headcounts.items()]
    rows += [{t("baseline.col_item", lang): t(f"percap.{k}", lang), t("baseline.col_value", lang):
              _per_capita_text(k, v, lang)} for k, v in fb.per_capita.items()]
    if fb.exemption:
        rows.append({t("baseline.col_item", lang): t("baseline.exemption", lang),
                     t("baseline.col_value", lang): fmt.money_yi(fb.exemption, lang)})
    return pd.DataFrame(rows)


def _fund_tab(b, fund: str, lang: str) -> None:
    fb = b.funds[fund]
    c = st.columns(4)
    # the unit goes in the label, so the figure itself fits its column in both languages
    unit = fmt.unit_label("yi", lang)

    def label(key: str) -> str:
        return f"{key_label(key, lang)}（{unit}）" if lang == "zh" else f"{key_label(key, lang)} ({unit})"

    def yi(value: float, signed: bool = False) -> str:
        return fmt.money_yi(value, lang, signed=signed, with_unit=False)

    c[0].metric(label("income_total"), yi(fb.income_total),
                delta=yi(fb.income_total - fb.income_prior, signed=True))
    c[1].metric(label("expenditure_total"), yi(fb.expenditure_total),
                delta=yi(fb.expenditure_total - fb.expenditure_prior, signed=True), delta_color="inverse")
    c[2].metric(label("current_balance"), yi(fb.current_balance))
    c[3].metric(label("balance_end"), yi(fb.balance_end),
                delta=yi(fb.balance_end - fb.balance_start, signed=True))
    st.caption(t("baseline.delta_note", lang, prior=b.base_year - 1))
    st.markdown(f"**{t('baseline.totals', lang)}**（{fmt.unit_label('wan', lang)}）" if lang == "zh"
                else f"**{t('baseline.totals', lang)}** ({fmt.unit_label('wan', lang)})")
    # static tables: every column in full, and the page draws fast (no grid per table)
    layout.table(totals_frame(fb, lang, b.base_year))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('baseline.income_items', lang)}**")
        layout.table(items_frame(fb.income, fb.income_total, lang))
    with right:
        st.markdown(f"**{t('baseline.expenditure_items', lang)}**")
        layout.table(items_frame(fb.expenditure, fb.expenditure_total, lang))
    people = people_frame(fb, lang)
    if not people.empty:
        st.markdown(f"**{t('baseline.people', lang)}**")
        layout.table(people)


def findings_frame(findings, lang: str, fund: str | None = None) -> pd.DataFrame:
    rows = []
    for f in findings:
        if fund is not None and f.fund != fund:
            continue
        unit = f.unit if lang == "zh" else {"万元": "10k yuan", "人": "persons", "元/月": "yuan/month"}.get(
            f.unit, f.unit)
        rows.append({
            t("baseline.col_check", lang): SEVERITY_MARK.get(f.severity, "") + " " + t(
                f"severity.{f.severity}", lang),
            t("baseline.col_fund", lang): fund_label(f.fund, lang) if f.fund in FUNDS else f.fund,
            t("baseline.col_what", lang): f.title_zh if lang == "zh" else f.title_en,
            t("baseline.col_stated", lang): fmt.number(f.stated, 2),
            t("baseline.col_implied", lang): fmt.number(f.implied, 2),
            t("baseline.col_unit", lang): unit,
            t("baseline.col_adopted", lang): fmt.number(f.adopted, 2),
            t("baseline.col_why", lang): f.why_zh if lang == "zh" else f.why_en,
        })
    return pd.DataFrame(rows)


def region_section(lang: str) -> None:
    """Upload another region's baseline (size-limited, validated, never executed)."""
    ss = st.session_state
    with st.expander(t("region.title", lang), expanded=bool(ss.get("region_dir"))):
        st.caption(t("region.help", lang, mb=region_upload.MAX_TOTAL_BYTES // 1024 // 1024))
        if ss.get("region_dir"):
            st.info(t("region.in_use", lang))
            if st.button(t("region.reset", lang), key="region_reset"):
                ss.pop("region_dir", None)
                st.rerun()
        uploads = st.file_uploader(t("region.upload", lang), type=["toml", "csv", "zip"],
                                   accept_multiple_files=True, key="region_files")
        if not uploads:
            return
        try:
            folder, problems = region_upload.check_once([(u.name, u.getvalue()) for u in uploads], ss,
                                                        in_use=ss.get("region_dir"))
        except InputError as err:
            show_error(err, lang)
            return
        if problems:
            st.error(t("region.invalid", lang, n=len(problems)) + "\n\n" + safe.problem_list(problems[:50], lang))
            return
        st.success(t("region.valid", lang))
        if st.button(t("region.use", lang), type="primary", key="region_use"):
            ss["region_dir"] = str(folder)
            st.rerun()


def render(lang: str) -> None:
    st.header(t("nav.baseline", lang))
    b = _baseline(state.region())
    st.markdown(t("baseline.intro", lang, region=safe.md(b.name_zh if lang == "zh" else b.name_en),
                  year=b.base_year))
    funds = [f for f in FUNDS if f in b.funds]
    tabs = st.tabs([fund_label(f, lang) for f in funds])
    for fund, tab in zip(funds, tabs):
        with tab:
            _fund_tab(b, fund, lang)

    st.subheader(t("baseline.findings", lang))
    st.caption(t("baseline.findings_help", lang))
    counts = {s: sum(1 for f in b.findings if f.severity == s) for s in SEVERITY_MARK}
    st.markdown(" · ".join(f"{SEVERITY_MARK[s]} {t(f'severity.{s}', lang)}: {n}"
                           for s, n in counts.items()))
    only_problems = st.toggle(t("baseline.only_problems", lang), value=True, key="bl_only_problems")
    shown = [f for f in b.findings if not only_problems or f.severity != "ok"]
    st.dataframe(safe.frame(findings_frame(shown, lang)), hide_index=True, width="stretch")  # region's own text
    st.divider()
    region_section(lang)
