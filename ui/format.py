"""Number formats for the planners' workbench, in Chinese and English.

Pure functions, no Streamlit. The model keeps money in 万元 (10 thousand yuan) and people in
persons; the report shows money either in 亿元 with 2 decimals ("总收入48.23亿元") or in 万元 with
thousand separators and no decimals (its section 二 table), and people in 万人 when large
("离退休人员7.91万人"). These functions reproduce those conventions and their English forms.

Units are written explicitly in both languages. English uses "× 100m yuan" / "× 10k yuan" after
the number so the figure itself stays the same as in the Chinese report (48.23, not 4.823 billion):
a planner comparing the two versions sees identical digits.

Missing values (None or NaN) format as an em dash, never as 0.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

LANGS = ("zh", "en")
DASH = "—"

#: 1 亿元 = 10 000 万元.
WAN_PER_YI = 10_000.0
#: 1 万人 = 10 000 persons.
PERSONS_PER_WAN = 10_000.0

UNIT_LABELS: dict[str, dict[str, str]] = {
    # long form: axis titles, table headers, "unit:" lines
    "yi": {"zh": "亿元", "en": "100 million yuan"},
    "wan": {"zh": "万元", "en": "10 thousand yuan"},
    "persons": {"zh": "人", "en": "persons"},
    "wan_persons": {"zh": "万人", "en": "10 thousand persons"},
    "months": {"zh": "个月", "en": "months"},
    "year": {"zh": "年", "en": "year"},
    "years": {"zh": "年", "en": "years"},
    "ratio": {"zh": "比值", "en": "ratio"},
    "percent": {"zh": "%", "en": "%"},
}
UNIT_SHORT: dict[str, dict[str, str]] = {
    # short form: after a number in running text and table cells
    "yi": {"zh": "亿元", "en": "× 100m yuan"},
    "wan": {"zh": "万元", "en": "× 10k yuan"},
    "persons": {"zh": "人", "en": "persons"},
    "wan_persons": {"zh": "万人", "en": "× 10k persons"},
    "months": {"zh": "个月", "en": "months"},
}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, got {lang!r}")


def is_missing(value: object) -> bool:
    """True for None and NaN (the engine's "no such year" / "never")."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        # pandas' missing markers (pd.NA in a nullable column, NaT) refuse float()
        return type(value).__name__ in ("NAType", "NaTType")


def unit_label(unit: str, lang: str = "zh", short: bool = False) -> str:
    """The unit's label: ``unit_label("yi", "en")`` → ``"100 million yuan"``."""
    _check_lang(lang)
    table = UNIT_SHORT if short else UNIT_LABELS
    return table[unit][lang]


def wan_to_yi(value_wan: float) -> float:
    """万元 → 亿元: divide by 10 000."""
    return float(value_wan) / WAN_PER_YI


def _decimal(value: float) -> Decimal:
    # the shortest repr of the float, so 0.015 rounds as the decimal 0.015 a planner reads
    return Decimal(repr(float(value)))


def _number(value: float | Decimal, decimals: int, signed: bool) -> str:
    # round half away from zero as the report does (0.015 亿 → 0.02), not banker's rounding
    exact = value if isinstance(value, Decimal) else _decimal(value)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0.00"
    text = f"{rounded:,.{decimals}f}"
    if signed and rounded > 0:
        text = "+" + text
    return text


def number(value: float | None, decimals: int = 0, signed: bool = False) -> str:
    """A bare number with thousand separators: ``number(482273)`` → ``"482,273"``."""
    if is_missing(value):
        return DASH
    return _number(float(value), decimals, signed)  # type: ignore[arg-type]


def money_yi(value_wan: float | None, lang: str = "zh", signed: bool = False,
             with_unit: bool = True, decimals: int = 2) -> str:
    """Money given in 万元, shown in 亿元 with 2 decimals.

    ``money_yi(482273)`` → ``"48.23 亿元"``; ``money_yi(482273, "en")`` → ``"48.23 × 100m yuan"``.
    """
    _check_lang(lang)
    if is_missing(value_wan):
        return DASH
    # divide in decimal: 150 万元 is exactly 0.015 亿元 and rounds to 0.02
    text = _number(_decimal(value_wan) / Decimal(10_000), decimals, signed)  # type: ignore[arg-type]
    return f"{text} {UNIT_SHORT['yi'][lang]}" if with_unit else text


def money_wan(value_wan: float | None, lang: str = "zh", signed: bool = False,
              with_unit: bool = True) -> str:
    """Money in 万元 with thousand separators and no decimals.

    ``money_wan(482273)`` → ``"482,273 万元"``; ``money_wan(482273, "en")`` → ``"482,273 × 10k yuan"``.
    """
    _check_lang(lang)
    if is_missing(value_wan):
        return DASH
    text = _number(float(value_wan), 0, signed)  # type: ignore[arg-type]
    return f"{text} {UNIT_SHORT['wan'][lang]}" if with_unit else text


def persons(value: float | None, lang: str = "zh", signed: bool = False) -> str:
    """A head count. Chinese switches to 万人 (2 decimals) from 10 000 persons, as the report writes
    "7.91万人"; below that, and always in English, whole persons with separators.

    ``persons(79100)`` → ``"7.91 万人"``; ``persons(1466)`` → ``"1,466 人"``;
    ``persons(79100, "en")`` → ``"79,100 persons"``.
    """
    _check_lang(lang)
    if is_missing(value):
        return DASH
    v = float(value)  # type: ignore[arg-type]
    if lang == "zh" and abs(v) >= PERSONS_PER_WAN:
        return f"{_number(_decimal(v) / Decimal(10_000), 2, signed)} 万人"
    return f"{_number(v, 0, signed)} {UNIT_SHORT['persons'][lang]}"


def months(value: float | None, lang: str = "zh", signed: bool = False, decimals: int = 1) -> str:
    """A number of months: ``months(7.25)`` → ``"7.3 个月"``; English ``"7.3 months"``."""
    _check_lang(lang)
    if is_missing(value):
        return DASH
    v = float(value)  # type: ignore[arg-type]
    if math.isinf(v):
        return "∞"
    return f"{_number(v, decimals, signed)} {UNIT_SHORT['months'][lang]}"


def year(value: int | float | None, lang: str = "zh") -> str:
    """A calendar year: ``year(2035)`` → ``"2035年"``; English ``"2035"``."""
    _check_lang(lang)
    if is_missing(value):
        return DASH
    y = int(round(float(value)))  # type: ignore[arg-type]
    return f"{y}年" if lang == "zh" else str(y)


def years_diff(value: int | float | None, lang: str = "zh") -> str:
    """A signed difference in years: ``years_diff(3)`` → ``"+3 年"``; English ``"+3 years"``."""
    _check_lang(lang)
    if is_missing(value):
        return DASH
    v = int(round(float(value)))  # type: ignore[arg-type]
    sign = "+" if v > 0 else ""
    if lang == "zh":
        return f"{sign}{v} 年"
    return f"{sign}{v} year" + ("" if abs(v) == 1 else "s")


def percent(fraction: float | None, decimals: int = 2, signed: bool = False) -> str:
    """A fraction shown as a percentage: ``percent(-0.0958)`` → ``"-9.58%"``."""
    if is_missing(fraction):
        return DASH
    return f"{_number(_decimal(fraction) * 100, decimals, signed)}%"  # type: ignore[arg-type]


def ratio(value: float | None, decimals: int = 2) -> str:
    """A plain ratio such as the dependency ratio: ``ratio(0.4567)`` → ``"0.46"``."""
    if is_missing(value):
        return DASH
    return _number(float(value), decimals, False)  # type: ignore[arg-type]
