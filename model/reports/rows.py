"""The 社预 row lists: which lines a budget table has, in which order, and where each number comes
from. Kept in data files (``data/budget/tables.csv``, ``rows.csv``, ``basic_rows.csv``), so a
province's variant is an edit, not code; the files are validated on load and a bad row is named
(file, row, field, value, what is allowed) in Chinese and English.

A row's ``source`` is one of:

- ``sum`` — the sum of the rows whose ``parent`` is this row;
- ``none`` — a line the engine does not model (e.g. 委托投资收益, 医疗补助金): 0, and the row's
  note says so;
- an expression over the engine's indicators of the row's fund (``data/variables.csv``): names,
  numbers, ``+ - * /`` and parentheses, e.g. ``contribution_base*10000/contributors``;
  ``lever.NAME`` is the value of the fund's lever ``<fund>.NAME`` in that year;
  ``opt.NAME`` / ``opt_lever.NAME`` are the same but 0 for a fund that
  has no such item or lever (used by the all-funds table 社预01).

Optional columns ``zero_note_zh`` / ``zero_note_en``: the note shown when the line is 0 in both
years (the transfer lines between levels of a region whose report does not state them).
"""
from __future__ import annotations

import ast
import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping

from model.errors import ProblemList
from model.files import read_text
from model.paths import DATA_DIR

BUDGET_DIR = DATA_DIR / "budget"
ROWS_COLUMNS = ("table", "fund", "row", "parent", "label_zh", "label_en", "source", "note_zh", "note_en")
#: Optional columns of rows.csv: the note shown instead when the line is 0 in both years (a
#: transfer line a region's report does not state says so, not how it would be computed).
ZERO_NOTE_COLUMNS = ("zero_note_zh", "zero_note_en")
BASIC_COLUMNS = ("table", "fund", "row", "label_zh", "label_en", "unit", "source", "note_zh", "note_en")
TABLE_COLUMNS = ("table", "sheet", "title_zh", "title_en", "fund")
SPECIAL_SOURCES = ("sum", "none")


@dataclass(frozen=True)
class TableSpec:
    """One 社预 table: ``table`` id (``01`` … ``附03``), sheet name, title, fund (``all``,
    ``pensions``, a fund id or ``a+b``)."""

    table: str
    sheet: str
    title_zh: str
    title_en: str
    fund: str

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True)
class Row:
    """One line of a table. ``level`` 0 = 一、二、…; 1 = 1. 2. …; 2 = (1) (2) …"""

    table: str
    fund: str
    row: str
    parent: str
    label_zh: str
    label_en: str
    source: str
    note_zh: str
    note_en: str
    unit: str = "万元"
    level: int = 0
    zero_note_zh: str = ""
    zero_note_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def note(self, lang: str, zero: bool = False) -> str:
        """The row's note; with ``zero`` (the line is 0 in both years) its zero note, if it has one."""
        if zero and self.zero_note_zh:
            return self.zero_note_zh if lang == "zh" else (self.zero_note_en or self.note_en)
        return self.note_zh if lang == "zh" else self.note_en


# ------------------------------------------------------------------ expressions


class Expression:
    """A parsed ``source`` expression; :meth:`evaluate` takes ``get(name)`` for indicators and
    ``lever(name)`` for levers (each returning None when the fund has no such thing)."""

    _OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
            ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}

    def __init__(self, text: str) -> None:
        self.text = text
        self.tree = ast.parse(text, mode="eval").body
        self._check(self.tree)

    def _check(self, node) -> None:
        if isinstance(node, ast.BinOp) and type(node.op) in self._OPS:
            self._check(node.left)
            self._check(node.right)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            self._check(node.operand)
        elif isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            pass
        elif isinstance(node, ast.Name):
            pass
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id in ("lever", "opt", "opt_lever")):
            pass
        else:
            raise ValueError(ast.unparse(node))

    def names(self) -> list[tuple[str, str]]:
        """``(kind, name)`` for every reference: kind ``indicator``, ``lever``, ``opt`` or ``opt_lever``."""
        out = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Attribute):
                out.append((node.value.id, node.attr))
            elif isinstance(node, ast.Name) and not _is_attribute_base(self.tree, node):
                out.append(("indicator", node.id))
        return out

    def evaluate(self, get: Callable[[str], object], lever: Callable[[str], object]):
        def ev(node):
            if isinstance(node, ast.BinOp):
                return self._OPS[type(node.op)](ev(node.left), ev(node.right))
            if isinstance(node, ast.UnaryOp):
                return -ev(node.operand)
            if isinstance(node, ast.Constant):
                return float(node.value)
            if isinstance(node, ast.Name):
                value = get(node.id)
                if value is None:
                    raise KeyError(node.id)
                return value
            kind, name = node.value.id, node.attr
            value = lever(name) if kind in ("lever", "opt_lever") else get(name)
            if value is None:
                if kind.startswith("opt"):
                    return 0.0
                raise KeyError(f"{kind}.{name}")
            return value
        return ev(self.tree)


def _is_attribute_base(tree, name_node) -> bool:
    return any(isinstance(n, ast.Attribute) and n.value is name_node for n in ast.walk(tree))


# ------------------------------------------------------------------ loading


def _read_csv(path: Path, columns: tuple[str, ...], problems: ProblemList) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV (read through ``model.files``: regular file, size cap, encoding named)."""
    text = read_text(path, problems)
    if text is None:
        return []
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = tuple(reader.fieldnames or ())
        missing = [c for c in columns if c not in header]
        if missing:
            problems.add(str(path), "header", ",".join(header), "缺少列", "missing columns",
                         ",".join(columns), ",".join(columns))
            return []
        return [dict(r) for r in reader]
    except csv.Error as err:
        problems.add(str(path), "file", str(err), "CSV 格式错误", "malformed CSV", "UTF-8 CSV", "a UTF-8 CSV file")
        return []


def _check_source(problems: ProblemList, path: Path, where: str, source: str) -> None:
    if source in SPECIAL_SOURCES:
        return
    try:
        Expression(source)
    except (SyntaxError, ValueError):
        problems.add(str(path), where, source, "来源表达式无效", "invalid source expression",
                     "sum、none 或指标名、数字、+ - * /、lever.名称、opt.名称",
                     "sum, none, or indicator names, numbers, + - * /, lever.NAME, opt.NAME")


@dataclass(frozen=True)
class RowLists:
    tables: tuple[TableSpec, ...]
    rows: Mapping[str, tuple[Row, ...]]     # table id → rows in order (basic tables included)

    def table(self, table_id: str) -> TableSpec:
        return next(t for t in self.tables if t.table == table_id)


def load_row_lists(folder: str | Path = BUDGET_DIR) -> RowLists:
    """Read and validate the three row-list files of ``folder``."""
    folder = Path(folder)
    problems = ProblemList()
    table_rows = _read_csv(folder / "tables.csv", TABLE_COLUMNS, problems)
    tables = tuple(TableSpec(**{k: r[k].strip() for k in TABLE_COLUMNS}) for r in table_rows)
    known = {t.table for t in tables}
    rows: dict[str, list[Row]] = {t.table: [] for t in tables}
    path = folder / "rows.csv"
    for i, r in enumerate(_read_csv(path, ROWS_COLUMNS, problems), start=2):
        r = {k: (r.get(k) or "").strip() for k in ROWS_COLUMNS + ZERO_NOTE_COLUMNS}
        where = f"row {i}"
        if r["table"] not in known:
            problems.add(str(path), f"{where}.table", r["table"], "未知的表号", "unknown table",
                         "tables.csv 中的表号", "a table of tables.csv")
            continue
        _check_source(problems, path, f"{where}.source", r["source"])
        rows[r["table"]].append(Row(**r))
    path = folder / "basic_rows.csv"
    for i, r in enumerate(_read_csv(path, BASIC_COLUMNS, problems), start=2):
        r = {k: (r.get(k) or "").strip() for k in BASIC_COLUMNS}
        where = f"row {i}"
        if r["table"] not in known:
            problems.add(str(path), f"{where}.table", r["table"], "未知的表号", "unknown table",
                         "tables.csv 中的表号", "a table of tables.csv")
            continue
        if r["source"] in SPECIAL_SOURCES:
            problems.add(str(path), f"{where}.source", r["source"], "基础资料表不支持 sum/none",
                         "basic-data rows take an expression, not sum/none", "指标表达式", "an indicator expression")
            continue
        _check_source(problems, path, f"{where}.source", r["source"])
        rows[r["table"]].append(Row(parent="", **r))
    for table, items in rows.items():
        _check_tree(problems, folder / "rows.csv", table, items)
    problems.raise_if_any()
    return RowLists(tables, {t: tuple(_with_levels(items)) for t, items in rows.items()})


def _check_tree(problems: ProblemList, path: Path, table: str, items: list[Row]) -> None:
    """Parents exist in the same table and fund and come before their children; ids are unique."""
    seen: set[tuple[str, str]] = set()
    for r in items:
        key = (r.fund, r.row)
        if key in seen:
            problems.add(str(path), f"{table}/{r.fund}/{r.row}", r.row, "行代码重复", "duplicate row id",
                         "表内唯一", "unique within the table and fund")
        if r.parent and (r.fund, r.parent) not in seen:
            problems.add(str(path), f"{table}/{r.fund}/{r.row}.parent", r.parent,
                         "上级行不存在或位于本行之后", "parent row missing or after this row",
                         "同表同险种中位于本行之前的行代码", "a row id earlier in the same table and fund")
        seen.add(key)
        if r.source == "sum" and not any(c.parent == r.row and c.fund == r.fund for c in items):
            problems.add(str(path), f"{table}/{r.fund}/{r.row}.source", "sum", "合计行没有分项",
                         "a sum row has no items", "至少一个以本行为上级的行", "at least one row with this row as parent")


def _with_levels(items: list[Row]) -> list[Row]:
    level: dict[tuple[str, str], int] = {}
    out = []
    for r in items:
        lv = level[(r.fund, r.parent)] + 1 if r.parent else 0
        level[(r.fund, r.row)] = lv
        out.append(Row(**{**r.__dict__, "level": lv}))
    return out


@lru_cache(maxsize=4)
def default_row_lists() -> RowLists:
    return load_row_lists(BUDGET_DIR)
