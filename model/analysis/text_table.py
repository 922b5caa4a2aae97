"""Plain-text tables for the terminal, without pandas (0.2 s of start-up the ``compare`` command
does not otherwise need).

Columns are right-aligned by their **display width** (a Chinese character takes two terminal
columns, East Asian Width W or F), so Chinese headings line up, which pandas' ``to_string``
does not do; columns are separated by two spaces. Cells arrive as text; :func:`number_cell` and
:func:`year_cell` write the numbers the summaries hold (NaN / None / pandas' NA = none).

See also: ``model.analysis.compare.format_summary``, ``model.analysis.uncertainty.format_uncertainty``.
"""
from __future__ import annotations

import unicodedata
from typing import Mapping, Sequence

GAP = "  "


def missing(value: object) -> bool:
    """True for None, NaN and pandas' NA (whose comparisons are neither true nor false)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:           # pandas.NA: bool(NA != NA) raises
        return True


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: two for wide and full-width characters, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def number_cell(value: object, decimals: int) -> str:
    """``value`` with ``decimals`` decimals (−0 shown as 0); ``NaN`` when missing."""
    if missing(value):
        return "NaN"
    text = f"{float(value):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def year_cell(value: object, none: str) -> str:
    """A year (or a difference in years) as a whole number; ``none`` when missing."""
    return none if missing(value) else str(int(round(float(value))))


def text_table(columns: Mapping[str, Sequence[str]]) -> str:
    """The columns (heading → cells, all of one length) as right-aligned text lines."""
    headings = list(columns)
    n_rows = len(next(iter(columns.values()))) if columns else 0
    widths = {h: max([display_width(h)] + [display_width(c) for c in columns[h]]) for h in headings}

    def line(cells: Sequence[str]) -> str:
        return GAP.join(" " * (widths[h] - display_width(c)) + c for h, c in zip(headings, cells))

    rows = [line(headings)] + [line([columns[h][i] for h in headings]) for i in range(n_rows)]
    return "\n".join(rows)

