"""Bilingual input errors.

Every problem found in user input (a region folder, a scenario file, a lever value, an upload)
is a :class:`Problem` naming the file, the field, the value found and what is allowed, in Chinese
and English. A loader collects all problems it can find and raises one :class:`InputError`, so a
planner sees the whole list at once instead of fixing one line per run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value of one input file.

    ``file`` is the path or upload name as the user knows it; ``field`` the key, column or
    dotted path inside it; ``value`` what was found (``None`` when missing); ``allowed_zh`` /
    ``allowed_en`` what would be accepted; ``what_zh`` / ``what_en`` a short statement of the
    problem itself.
    """

    file: str
    field: str
    value: object
    what_zh: str
    what_en: str
    allowed_zh: str
    allowed_en: str

    def text(self, lang: str = "zh") -> str:
        value = "（缺失）" if self.value is None and lang == "zh" else (
            "(missing)" if self.value is None else repr(self.value))
        if lang == "zh":
            return (f"文件 {self.file}，字段 {self.field}：{self.what_zh}。"
                    f"当前值 {value}；允许：{self.allowed_zh}。")
        return (f"file {self.file}, field {self.field}: {self.what_en}. "
                f"Found {value}; allowed: {self.allowed_en}.")

    def bilingual(self) -> str:
        return f"{self.text('zh')}\n{self.text('en')}"


@dataclass
class InputError(ValueError):
    """Raised with every :class:`Problem` a loader found. ``str()`` gives both languages."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(p.bilingual() for p in self.problems)

    def text(self, lang: str = "zh") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


class ProblemList:
    """Collects problems while a loader walks its input; ``raise_if_any`` ends the walk."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, field: str, value: object, what_zh: str, what_en: str,
            allowed_zh: str, allowed_en: str) -> None:
        self.items.append(Problem(str(file), field, value, what_zh, what_en, allowed_zh, allowed_en))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(list(self.items))
