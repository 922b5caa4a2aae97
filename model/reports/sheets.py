"""openpyxl helpers for bureau-style sheets: a table number and title, a unit line, a bordered
header, body cells in 宋体 with number formats, frozen headers, landscape A4 printing fitted to
the page width. Every cell gets its font here (:func:`model.reports.office.xlsx_font`), and text
goes through :func:`model.reports.office.xlsx_text` (never a formula)."""
from __future__ import annotations

import math
from typing import Iterable, Sequence

import pandas as pd
from openpyxl.styles import Alignment, Border, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from model.reports.office import HEADING_FONT, xlsx_font, xlsx_text

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
WAN_FORMAT = "#,##0.00"
WAN_INT_FORMAT = "#,##0"
YI_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"
COUNT_FORMAT = "#,##0"
MONTHS_FORMAT = "0.0"
YEAR_FORMAT = "0"
MISSING = "—"


def _style(ws: Worksheet, bold: bool, size: float, align: str, wrap: bool, border: bool, fill,
           font_name: str | None, fmt: str = "General") -> str:
    """The name of a workbook-level named style with these properties, registered on first use
    (one style object per combination: assigning a name is much cheaper than building a font,
    border and alignment for every cell)."""
    wb = ws.parent
    fill_key = None if fill is None else fill.fgColor.rgb
    name = f"sifsim {bold:d} {size} {align} {wrap:d} {border:d} {fill_key} {font_name} {fmt}"
    registry = wb.__dict__.setdefault("_sifsim_styles", set())
    if name not in registry:
        style = NamedStyle(name=name)
        style.font = xlsx_font(bold=bold, size=size, **({"name": font_name} if font_name else {}))
        style.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
        if border:
            style.border = BORDER
        if fill is not None:
            style.fill = fill
        style.number_format = fmt
        wb.add_named_style(style)
        registry.add(name)
    return name


def text(ws: Worksheet, row: int, col: int, value: str, bold: bool = False, size: float = 10.5,
         align: str = "left", wrap: bool = False, border: bool = False, fill=None, font_name: str | None = None):
    cell = ws.cell(row=row, column=col)
    cell.style = _style(ws, bold, size, align, wrap, border, fill, font_name)
    xlsx_text(cell, "" if value is None else str(value))
    return cell


def number(ws: Worksheet, row: int, col: int, value: float | None, fmt: str = WAN_FORMAT,
           bold: bool = False, fill=None):
    """A numeric cell; a missing or non-finite value is written as "—" (text), centred."""
    cell = ws.cell(row=row, column=col)
    if value is None or value is pd.NA or (isinstance(value, float) and not math.isfinite(value)):
        cell.style = _style(ws, bold, 10.5, "center", False, True, fill, None)
        xlsx_text(cell, MISSING)
    else:
        cell.style = _style(ws, bold, 10.5, "right", False, True, fill, None, fmt)
        cell.value = float(value)
    return cell


def title_block(ws: Worksheet, table_no: str, title: str, left: str, right: str, width: int) -> int:
    """Rows 1–3: table number (top left), title (merged, centred, 黑体 16), the 编制单位 line and
    the unit at the right. Returns the next free row."""
    text(ws, 1, 1, table_no, size=10.5)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    text(ws, 2, 1, title, bold=True, size=16, align="center", font_name=HEADING_FONT)
    ws.row_dimensions[2].height = 30
    text(ws, 3, 1, left)
    if width > 1:
        text(ws, 3, width, right, align="right")
    return 4


def header_row(ws: Worksheet, row: int, labels: Sequence[str], height: float = 30) -> None:
    for j, label in enumerate(labels, start=1):
        text(ws, row, j, label, bold=True, align="center", wrap=True, border=True, fill=HEADER_FILL)
    ws.row_dimensions[row].height = height


def widths(ws: Worksheet, values: Iterable[float]) -> None:
    for j, w in enumerate(values, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w


def page_setup(ws: Worksheet, header_rows: int, landscape: bool = True) -> None:
    """Freeze the rows above the data, print on A4 fitted to one page wide, repeat the header."""
    ws.freeze_panes = f"B{header_rows + 1}"
    print_fit(ws, header_rows, landscape)


def print_fit(ws: Worksheet, header_rows: int = 0, landscape: bool = True) -> None:
    """Print on A4 fitted to one page wide (header rows repeated on every page)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4


def display_width(value: str) -> int:
    """Width of ``value`` in spreadsheet character units: CJK and full-width characters count 2."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in value)


def note_lines(ws: Worksheet, row: int, lines: Sequence[str], width: int, size: float = 9) -> int:
    """Notes under a table, each merged across the table's width; returns the next free row."""
    for line in lines:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        text(ws, row, 1, line, size=size, wrap=True)
        ws.row_dimensions[row].height = 14 * max(1, math.ceil(display_width(line) / (width * 14)))
        row += 1
    return row
