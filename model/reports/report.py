"""The leadership pack from Python: one call per document, every document from the same tables.

    from model.reports.report import build_pack, write_document
    tables = build_pack([scenario_from_arg("baseline"), scenario_from_arg("employer_rate_14")])
    write_document(tables, "pack.pptx")      # deck; .docx brief; .xlsx workbook
    write_document(tables, "pack-en.docx", lang="en")

Building the tables once and writing several documents from them is what keeps the deck, the
brief and the workbook in agreement.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from model.reports.brief import write_brief
from model.reports.deck import write_deck
from model.reports.pack import PackTables, build_pack
from model.reports.workbook import write_workbook

__all__ = ["FORMATS", "WRITERS", "PackTables", "build_pack", "write_document"]

WRITERS: dict[str, Callable[[PackTables, Path, str], Path]] = {
    "pptx": write_deck, "docx": write_brief, "xlsx": write_workbook}
FORMATS = tuple(f".{k}" for k in WRITERS)


def write_document(tables: PackTables, path: str | Path, lang: str = "zh", fmt: str | None = None) -> Path:
    """Write the deck, the brief or the workbook, chosen by ``fmt`` or the file's extension."""
    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    return WRITERS[fmt](tables, path, lang)
