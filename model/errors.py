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
#: Longest echo of a found value or field name, in characters; the rest is counted, not printed.
MAX_ECHO_CHARS = 120
#: Problems printed in full; beyond these a message says how many more there are.
MAX_SHOWN_PROBLEMS = 50


def clip(text: str, limit: int = MAX_ECHO_CHARS) -> str:
    """``text`` cut to ``limit`` characters, with how many were left out (a 5,000-digit value
    or a 200,000-character key is shown by its head)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…(+{len(text) - limit} chars/字符)"


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
            "(missing)" if self.value is None else clip(_echo(self.value)))
        file, field = clip(self.file), clip(self.field)
        if lang == "zh":
            return (f"文件 {file}，字段 {field}：{self.what_zh}。"
                    f"当前值 {value}；允许：{self.allowed_zh}。")
        return (f"file {file}, field {field}: {self.what_en}. "
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
        return "\n".join([p.bilingual() for p in self.problems[:MAX_SHOWN_PROBLEMS]]
                         + [more_line(len(self.problems), "zh") + "\n" + more_line(len(self.problems), "en")]
                         * (len(self.problems) > MAX_SHOWN_PROBLEMS))

    def text(self, lang: str = "zh") -> str:
        return "\n".join([p.text(lang) for p in self.problems[:MAX_SHOWN_PROBLEMS]]
                         + [more_line(len(self.problems), lang)] * (len(self.problems) > MAX_SHOWN_PROBLEMS))

    def shown(self) -> list[Problem]:
        """The problems printed in full (the first :data:`MAX_SHOWN_PROBLEMS`)."""
        return self.problems[:MAX_SHOWN_PROBLEMS]


def more_line(count: int, lang: str) -> str:
    """The line that stands for the problems beyond the first :data:`MAX_SHOWN_PROBLEMS`."""
    rest = count - MAX_SHOWN_PROBLEMS
    if lang == "zh":
        return f"……另有 {rest} 个问题未列出（共 {count} 个）；请先修正以上问题。"
    return f"... and {rest} more problems not listed ({count} in all); fix the ones above first."


def _echo(value: object) -> str:
    """A found value as echoed in a message: its repr, built without a huge intermediate for
    long containers."""
    if isinstance(value, (list, tuple, set, dict)) and len(value) > 20:
        head = list(value.items())[:20] if isinstance(value, dict) else list(value)[:20]
        return f"{head!r}…(+{len(value) - 20} items/项)"
    if isinstance(value, int) and value.bit_length() > 1000:
        return f"<{value.bit_length() * 30103 // 100000}-digit integer / 位整数>"  # str() refuses > 4300 digits
    return repr(value)


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
