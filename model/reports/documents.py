"""Output files: the suffixes each document takes, checked before any work is done."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from model.errors import ProblemList


def check_suffix(path: str | Path, allowed: Sequence[str]) -> str:
    """The lower-case suffix of ``path`` if it is one of ``allowed``; otherwise a bilingual error."""
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        problems = ProblemList()
        problems.add(str(path), "--out", suffix or Path(path).name, "不支持的输出格式", "unsupported output format",
                     "、".join(allowed), ", ".join(allowed))
        problems.raise_if_any()
    return suffix
