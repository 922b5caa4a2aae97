"""Units of stated figures and their conversion to model units.

A region's ``figures.csv`` keeps every number as the source printed it (``"0.37"`` 亿元,
``"3521"`` 万元, ``"7.91"`` 万人, ``"5.5"`` %). The model works in 万元 (money), persons
(counts), 元 per month (per-capita amounts) and fractions (rates). This module converts a
stated figure to the model unit and tells how precise the statement was:

    model value = stated value × factor(unit)
    tolerance   = ½ × 10^(−decimals) × factor(unit)

where ``decimals`` is the number of digits printed after the decimal point. A prose figure of
0.37亿元 therefore means 3700万元 ± 50万元; a table figure of 3933万元 means 3933 ± 0.5万元.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# kind of quantity -> the model unit it converts to
MODEL_UNITS = {
    "money": "万元",
    "count": "人",
    "per_capita_pm": "元/月",
    "rate": "fraction",
}


@dataclass(frozen=True)
class Unit:
    """A unit a figure may be stated in: its kind and the factor to the model unit."""

    name: str
    kind: str
    factor: float
    label_en: str


UNITS: dict[str, Unit] = {u.name: u for u in (
    Unit("万元", "money", 1.0, "10k yuan"),
    Unit("亿元", "money", 1.0e4, "100m yuan"),
    Unit("元/月", "per_capita_pm", 1.0, "yuan per month"),
    Unit("人", "count", 1.0, "persons"),
    Unit("万人", "count", 1.0e4, "10k persons"),
    Unit("人次", "count", 1.0, "person-times"),
    Unit("万人次", "count", 1.0e4, "10k person-times"),
    Unit("户", "count", 1.0, "firms/households"),
    Unit("%", "rate", 0.01, "percent"),
)}


def parse_number(text: str) -> Decimal | None:
    """The stated number as an exact decimal, or ``None`` if ``text`` is not a plain number.

    Accepts an optional sign, digits, one decimal point; a comma only as a thousands separator
    between groups of three digits (``2,118,015.5``). ``"211801,5"`` (a decimal comma) is not a
    number here: read as a separator it would be 2,118,015, ten times the figure. Rejects
    ``nan``, ``inf`` and exponents, which never appear in a printed report.

    >>> parse_number("2,118,015.5"), parse_number("211801,5")
    (Decimal('2118015.5'), None)
    """
    text = text.strip()
    if "," in text and not THOUSANDS.fullmatch(text):
        return None
    cleaned = text.replace(",", "")
    if not cleaned or len(cleaned) > 40 or any(ch not in "+-.0123456789" for ch in cleaned):
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


#: A number written with thousands separators: groups of exactly three digits after the first.
THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def decimal_comma(text: str) -> bool:
    """``text`` holds a comma that cannot be a thousands separator (``"211801,5"``, ``"0,37"``)."""
    return "," in text and not THOUSANDS.fullmatch(text.strip())


def decimals(number: Decimal) -> int:
    """Digits printed after the decimal point: ``Decimal("0.370")`` → 3, ``Decimal("3521")`` → 0."""
    exponent = number.as_tuple().exponent
    return max(0, -int(exponent))


def to_model(number: Decimal, unit: str) -> float:
    """Stated number → model units (万元, persons, 元/月, fraction)."""
    return float(number * Decimal(repr(UNITS[unit].factor)))  # exact: 9.79万人 → 97900, not 97899.99…


def tolerance(number: Decimal, unit: str) -> float:
    """Half the last printed digit, in model units: the rounding a statement can hide."""
    return 0.5 * 10.0 ** (-decimals(number)) * UNITS[unit].factor


def model_unit(kind: str) -> str:
    """The model unit label for a kind of quantity (``money`` → ``万元``)."""
    return MODEL_UNITS[kind]


def units_of_kind(kind: str) -> tuple[str, ...]:
    """Units a figure of this kind may be stated in."""
    return tuple(name for name, unit in UNITS.items() if unit.kind == kind)
