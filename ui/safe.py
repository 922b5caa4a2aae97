"""User text shown as text: never Markdown, never a spreadsheet formula (issue 10 §2).

Names from share links, uploaded scenario and region files, file names and the values echoed in
error messages are the user's text. Streamlit renders ``st.markdown``, ``st.caption``,
``st.error`` … as Markdown, so a name like ``![x](https://evil/)`` or ``[login](https://phish)``
would fetch an image or show a link. :func:`md` escapes every Markdown (and Streamlit directive:
``:red[…]``, ``:material/…:``, ``$…$``) character so the text shows exactly as typed.

Tables: Streamlit's built-in "Download as CSV" of ``st.dataframe`` writes cells as they are, and
a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula in
Excel (``=HYPERLINK(…)``). :func:`frame` prefixes such text cells with an apostrophe (the
OWASP advice), leaving numbers and formatted figures such as ``-18.42亿元`` alone.
"""
from __future__ import annotations

import re

import pandas as pd

# punctuation that makes Markdown or Streamlit do something anywhere in a line (links, images,
# HTML, emphasis, code, tables, directives such as :red[…], LaTeX); a backslash makes it literal
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~$:&])")
# what makes a block only at the start of a line: a list ("- ", "+ ", "1. "), a quote, a heading
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a formatted figure: a sign and a digit, then nothing a formula could call (no ASCII letter, no
# parenthesis, pipe, quote, "=", "@" or "!"): "-18.42亿元", "+3.00%", "-60.1 个月 · 2060年"
_FIGURE = re.compile(r"[+-]\d[^A-Za-z=@|!()\"'\t\r\n]*")


def md(text: object) -> str:
    """``text`` escaped so that Markdown shows it literally (line breaks become spaces)."""
    flat = " ".join(str(text).splitlines())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "".join("\\" + ch if not ch.isdigit() else ch
                                                             for ch in m.group(2)), escaped)


def cell(value: object) -> object:
    """A table cell safe from formula injection: text that would start a formula gets a leading
    apostrophe; numbers and formatted figures (``-5.2亿元``, ``+3.00%``) are returned as they are
    (arithmetic on digits alone calls nothing)."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _FIGURE.fullmatch(value):
        return value
    return "'" + value


def frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` with every text cell (and column name) passed through :func:`cell`."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(cell)
    out.columns = [cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def problem_list(problems, lang: str) -> str:
    """Problems as a Markdown bullet list, each problem's own text escaped."""
    return "\n\n".join(f"- {md(p.text(lang))}" for p in problems)
