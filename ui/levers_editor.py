"""Lever inputs for the scenario builder: one widget per lever of ``model.scenarios.levers.catalogue()``,
grouped by fund, showing unit, range and default, with a year-path editor for path levers.

The canonical state is a plain ``overrides`` dict ``{lever name: number | {year: number}}`` in the
model's units (fractions, 元, 万元, months); widgets only show it in friendlier display units
(rates and shares in %). A value equal to the default is dropped, so the dict lists only what the
scenario changes, like a scenario file. Invalid input is not applied; its problems are returned
for the page to show inline next to the lever.
"""
from __future__ import annotations

import math
from typing import Mapping

import pandas as pd
import streamlit as st

from model.errors import Problem
from model.scenarios.levers import LeverSpec, catalogue, step_path, validate_value
from model.scenarios.library import merge_path
from ui import format as fmt
from ui.i18n import t

#: Groups in the order a planner looks for them: the five funds first.
GROUP_ORDER = ("enterprise_pension", "public_pension", "resident_pension", "work_injury",
               "unemployment", "economy", "retirement", "demography")
PERCENT_KINDS = ("rate", "share")
EDITOR_FILE = {"zh": "情景编辑器", "en": "scenario editor"}

Override = float | dict[int, float]


def specs_by_group() -> dict[str, list[LeverSpec]]:
    """Levers of the catalogue by group, groups in :data:`GROUP_ORDER` (unknown groups last)."""
    groups: dict[str, list[LeverSpec]] = {}
    for spec in catalogue().values():
        groups.setdefault(spec.group, []).append(spec)
    order = [g for g in GROUP_ORDER if g in groups] + sorted(g for g in groups if g not in GROUP_ORDER)
    return {g: groups[g] for g in order}


def display_scale(spec: LeverSpec) -> float:
    """Factor from model units to display units: rates and shares show as %, the rest as stored."""
    return 100.0 if spec.kind in PERCENT_KINDS else 1.0


def to_display(spec: LeverSpec, value: float) -> float:
    return _clean(float(value) * display_scale(spec))


def from_display(spec: LeverSpec, shown: float) -> float:
    """Display value back to model units, rounded to 10 significant digits so 16 % is exactly
    the 0.16 a scenario file would hold (not 0.16000000000000003)."""
    return _clean(float(shown) / display_scale(spec))


def _clean(x: float) -> float:
    return float(f"{x:.10g}")


def display_unit(spec: LeverSpec, lang: str) -> str:
    """The unit as the widget shows it: ``%`` for rates and shares, else the catalogue's unit."""
    if spec.kind in PERCENT_KINDS:
        return "%/年" if (lang == "zh" and spec.unit.endswith("/yr")) else (
            "%/yr" if spec.unit.endswith("/yr") else "%")
    return _UNIT_ZH.get(spec.unit, spec.unit) if lang == "zh" else english_unit(spec.unit)


def english_unit(unit: str) -> str:
    """A catalogue unit in English words only: ``"万元/yr"`` → ``"10k yuan/yr"``."""
    return unit.replace("万元", "10k yuan").replace("元", "yuan")


_UNIT_ZH = {"元/yr": "元/年", "元/month": "元/月", "万元/yr": "万元/年", "months": "个月",
            "months/yr": "个月/年", "years": "年", "×": "倍", "0/1": "0/1", "rule": "规则",
            "log sd": "对数标准差", "× WPP m(x)": "× 联合国死亡率", "× WPP improvement": "× 联合国改善速度",
            "cases/insured/yr": "例/参保人/年", "recipients/insured/yr": "人/参保人/年",
            "× 2020 collection": "倍（2020年征缴水平=1）"}


def step_of(spec: LeverSpec) -> float:
    """The number inputs' step in display units."""
    return _step(spec)


def format_of(spec: LeverSpec) -> str:
    """The number inputs' printf format."""
    return _format(spec)


def path_mode(spec: LeverSpec, version: int) -> bool:
    """True when the lever's 按年份设置 toggle is on in this run."""
    return bool(st.session_state.get(f"lv{version}:{spec.name}:path"))


def as_path(value: Override, first_year: int) -> dict[int, float]:
    """A value as a year path: a number holds from ``first_year``."""
    if isinstance(value, Mapping):
        return {int(y): float(v) for y, v in value.items()}
    return {first_year: float(value)}


def _step(spec: LeverSpec) -> float:
    if spec.kind in PERCENT_KINDS:
        return 0.1
    span = spec.max - spec.min
    if spec.kind in ("flag", "code"):
        return 1.0
    return float(10 ** math.floor(math.log10(span / 100))) if span > 0 else 1.0


def _format(spec: LeverSpec) -> str:
    if spec.kind in PERCENT_KINDS:
        return "%.2f"
    step = _step(spec)
    return "%.0f" if step >= 1 else "%.4g"


def nice(x: float) -> str:
    """A display number without exponent: 10000000 → "10,000,000", 0.25 → "0.25"."""
    if float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:.6g}" if abs(x) < 1e6 else f"{x:,.2f}"


def range_text(spec: LeverSpec, lang: str) -> str:
    lo, hi = to_display(spec, spec.min), to_display(spec, spec.max)
    return t("editor.range", lang, low=nice(lo), high=nice(hi), unit=display_unit(spec, lang))


def base_value(spec: LeverSpec, inherited: Mapping[str, Override] | None) -> Override | str:
    """What the lever is before this scenario's own change: the base scenario's resolved value,
    else the catalogue default (a number, a path, or "calibrated"/"demography")."""
    if inherited and spec.name in inherited:
        return inherited[spec.name]
    return spec.default


def default_text(spec: LeverSpec, lang: str, inherited: Mapping[str, Override] | None = None,
                 calibrated: Mapping[str, float] | None = None,
                 years: tuple[int, int] = (2021, 2100)) -> str:
    """How the base value reads: a number, a year path, or "calibrated to the base year"."""
    base = base_value(spec, inherited)
    if isinstance(base, str):
        value = (calibrated or {}).get(spec.name)
        text = describe(spec, base, years, lang)
        return text if value is None else f"{text}: {to_display(spec, value):g} {display_unit(spec, lang)}"
    label = t("editor.base_value" if inherited and spec.name in inherited else "editor.default", lang)
    unit = "" if spec.kind == "code" else f" {display_unit(spec, lang)}"
    return f"{label}: {describe(spec, base, years, lang)}{unit}"


def describe(spec: LeverSpec, value: Override | str, years: tuple[int, int], lang: str) -> str:
    """A value as a planner reads it over the projection years, in display units: one number
    when it is flat, else ``2021: 16, 2022: 14`` (keys before the first year folded in)."""
    if isinstance(value, str):
        return t("editor.default_calibrated" if value == "calibrated" else
                 "editor.default_demography", lang)
    if spec.kind == "code" and spec.codes and not varies(value, years):
        return code_label(spec.codes[int(first_year_value(spec, value, years[0]))], lang)
    if not varies(value, years):
        return f"{to_display(spec, first_year_value(spec, value, years[0])):g}"
    frame = path_frame(spec, value, years[0])
    return ", ".join(f"{int(y)}: {v:g}" for y, v in zip(frame["year"], frame["value"]))


def code_label(code: str, lang: str) -> str:
    return t(f"code.{code}", lang)


def first_year_value(spec: LeverSpec, value: Override | str, first_year: int,
                     calibrated: Mapping[str, float] | None = None) -> float | None:
    """A value's level in the first projection year (None when deferred and not yet known)."""
    if isinstance(value, str):
        return (calibrated or {}).get(spec.name)
    if isinstance(value, Mapping):
        return float(step_path(value, [first_year])[0])
    return float(value)


def horizon_path(value: Override, years: tuple[int, int]) -> list[float]:
    """The value resolved on every year of ``years`` (inclusive), at 10 significant digits."""
    return [_clean(v) for v in step_path(value, list(range(years[0], years[1] + 1)))]


def same_value(a: Override | str, b: Override | str, years: tuple[int, int]) -> bool:
    """True when two values give the same number in every projection year (a path keyed 2019
    and one keyed 2021 with the same level are the same lever setting)."""
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return horizon_path(a, years) == horizon_path(b, years)


def varies(value: Override | str, years: tuple[int, int]) -> bool:
    """True for a path that changes within the projection years."""
    if not isinstance(value, Mapping):
        return False
    return len(set(horizon_path(value, years))) > 1


def path_frame(spec: LeverSpec, value: Override | str, first_year: int,
               calibrated: Mapping[str, float] | None = None) -> pd.DataFrame:
    """The year-path editor's rows (``year``, display value) for a value or base value."""
    if isinstance(value, Mapping):
        # keys before the first projection year collapse into that year's value
        start = float(step_path(value, [first_year])[0])
        rows = [(first_year, to_display(spec, start))] + sorted(
            (int(y), to_display(spec, v)) for y, v in value.items() if int(y) > first_year)
    else:
        const = first_year_value(spec, value, first_year, calibrated)
        rows = [(first_year, None if const is None else to_display(spec, const))]
    return pd.DataFrame(rows, columns=["year", "value"]).astype({"year": "Int64", "value": "Float64"})


def frame_to_path(spec: LeverSpec, frame: pd.DataFrame) -> tuple[dict[int, float] | None, list[str]]:
    """Rows of the editor → ``{year: model value}``; blank rows are skipped. Returns the path and
    row-level problems the lever validator cannot see (missing value, duplicate year)."""
    path: dict[int, float] = {}
    issues: list[str] = []
    for _, row in frame.iterrows():
        year, value = row.get("year"), row.get("value")
        if fmt.is_missing(year) and fmt.is_missing(value):
            continue
        if fmt.is_missing(year) or fmt.is_missing(value):
            issues.append("incomplete")
            continue
        y = int(year)
        if y in path:
            issues.append(f"duplicate:{y}")
        path[y] = from_display(spec, float(value))
    return (path or None), issues


def validate_override(spec: LeverSpec, value: Override, years: tuple[int, int],
                      lang: str) -> list[Problem]:
    """Problems of one lever value, via the catalogue's own validator."""
    return validate_value(spec, value, EDITOR_FILE[lang], spec.name, years).items


def lever_widget(spec: LeverSpec, own: dict[str, Override], years: tuple[int, int], lang: str,
                 version: int, inherited: Mapping[str, Override] | None = None,
                 calibrated: Mapping[str, float] | None = None) -> list[Problem]:
    """Draw one lever and update ``own[spec.name]`` in place; return its problems.

    ``own`` holds this scenario's changes against its base; ``inherited`` the base scenario's
    resolved levers. A value equal to the base value is dropped from ``own``; an invalid value
    is not stored and its problems are returned for inline display.
    """
    key = f"lv{version}:{spec.name}"
    base = base_value(spec, inherited)
    # what the lever is in this scenario: its own value laid over the base ("from its first year")
    current: Override | str = (merge_path(None if isinstance(base, str) else base, own[spec.name])
                               if spec.name in own else base)
    unit = display_unit(spec, lang)
    label = f"{spec.label(lang)}（{unit}）" if lang == "zh" else f"{spec.label(lang)} ({unit})"
    help_text = (f"{range_text(spec, lang)}. {default_text(spec, lang, inherited, calibrated, years)}. "
                 f"{t('editor.source', lang)}: {spec.source_text(lang)}")
    problems: list[Problem] = []
    new: Override | None
    use_path = False
    if spec.path:
        use_path = st.toggle(t("editor.by_year", lang), value=varies(current, years),
                             key=f"{key}:path", help=t("editor.by_year_help", lang))
    if use_path:
        st.markdown(f"**{label}**", help=help_text)
        init_key, editor_key = f"{key}:init", f"{key}:editor"
        if init_key not in st.session_state or editor_key not in st.session_state:
            # a grid drawn afresh (first time, or after a page or group switch, when Streamlit
            # has dropped the grid's own edits) starts from the scenario's current path, so the
            # planner's rows are never lost
            st.session_state[init_key] = path_frame(spec, current, years[0], calibrated)
        lo, hi = to_display(spec, spec.min), to_display(spec, spec.max)
        frame = st.data_editor(
            st.session_state[init_key], key=editor_key, num_rows="dynamic",
            hide_index=True, width="stretch",
            column_config={
                "year": st.column_config.NumberColumn(t("chart.year", lang), min_value=years[0],
                                                      max_value=years[1], step=1, format="%d"),
                "value": st.column_config.NumberColumn(unit, min_value=lo, max_value=hi,
                                                       format="%.4f"),
            })
        new, issues = frame_to_path(spec, frame)
        if "incomplete" in issues:
            # a row being typed (or left blank) is ignored, never an error that hides the page
            st.warning(t("editor.row_incomplete_ignored", lang))
        for issue in issues:
            kind, _, arg = issue.partition(":")
            if kind == "incomplete":
                continue
            problems.append(Problem(EDITOR_FILE[lang], spec.name, arg or None,
                                    t(f"editor.row_{kind}", "zh"), t(f"editor.row_{kind}", "en"),
                                    t("editor.row_allowed", "zh"), t("editor.row_allowed", "en")))
    else:
        st.session_state.pop(f"{key}:init", None)
        const = first_year_value(spec, current, years[0], calibrated)
        shown_current = None if const is None else to_display(spec, const)
        if spec.kind == "code" and spec.codes:
            idx = int(shown_current) if shown_current is not None else 0
            choice = st.selectbox(label, options=list(range(len(spec.codes))), index=idx, key=key,
                                  format_func=lambda i: code_label(spec.codes[i], lang), help=help_text)
            new = float(choice)
        elif spec.kind == "flag":
            new = 1.0 if st.toggle(label, value=bool(shown_current), key=key, help=help_text) else 0.0
        else:
            lo, hi = to_display(spec, spec.min), to_display(spec, spec.max)
            shown = st.number_input(label, min_value=lo, max_value=hi, value=shown_current,
                                    step=_step(spec), format=_format(spec), key=key, help=help_text)
            new = None if shown is None else from_display(spec, shown)
        if (new is not None and isinstance(current, Mapping) and const is not None
                and _clean(new) == _clean(const)):
            new = current  # untouched: showing the path's (flat) level changed nothing
    if new is None:
        own.pop(spec.name, None)
        return problems
    calibrated_value = (calibrated or {}).get(spec.name)
    if not problems and spec.name in own and same_value(new, current, years):
        return problems  # unchanged: keep the scenario's own value exactly as written
    if not problems and (same_value(new, base, years) or (
            isinstance(base, str) and calibrated_value is not None
            and not isinstance(new, Mapping) and _clean(new) == _clean(calibrated_value))):
        own.pop(spec.name, None)  # back to the starting value: nothing to record
        return problems
    problems += validate_override(spec, new, years, lang)
    if not problems:
        own[spec.name] = new
    return problems
