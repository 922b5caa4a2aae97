"""The user's files, read and written safely: never a traceback, never half a file.

Reading (:func:`read_text`, :func:`parse_toml`): a file the planner names or uploads must be a
regular file (not a folder, a device or a symlink loop) of at most :data:`MAX_INPUT_BYTES`
(:data:`MAX_TOML_BYTES` for TOML), in
UTF-8 (a byte-order mark is accepted and dropped, the same for the CLI and the app). Anything
else is a bilingual :class:`~model.errors.Problem` naming the file and saying what to do; for a
file in another encoding the likely one is named (UTF-16, GBK/GB18030) with "save as UTF-8".
TOML nested deeper than :data:`MAX_TOML_DEPTH` levels is refused (no format here nests deeper
than three), so a crafted file cannot exhaust the parser's recursion.

Writing (:func:`atomic_write`): the content goes to a temporary file in the destination's own
folder, which then replaces the destination in one rename, so a crash or a full disk never
leaves half a file and never destroys the old one.
"""
from __future__ import annotations

import os
import stat
import tempfile
import tomllib
from contextlib import suppress
from pathlib import Path
from typing import Callable

from model.errors import ProblemList

#: Largest input file read, in bytes. A region's figures.csv is about 40 kB; a scenario 2 kB.
MAX_INPUT_BYTES = 8 * 1024 * 1024
#: Largest TOML file read, in bytes: a scenario setting every lever is about 15 kB, Changji's
#: adoption.toml 3 kB; TOML parsing is slow enough that a 8 MB file of keys would take seconds.
MAX_TOML_BYTES = 256 * 1024
#: Deepest nesting of tables and arrays accepted in a TOML file (the formats use at most 3).
MAX_TOML_DEPTH = 10

UTF8_BOM = b"\xef\xbb\xbf"
FILE_FIELD = "(文件/file)"


def _add(problems: ProblemList, file: str, field: str, value: object, what: tuple[str, str],
         allowed: tuple[str, str]) -> None:
    problems.add(file, field, value, what[0], what[1], allowed[0], allowed[1])


def guess_encoding(data: bytes) -> str | None:
    """The likely encoding of text that is not UTF-8: ``"UTF-16"``, ``"GBK/GB18030"`` or None.

    UTF-16 shows as a byte-order mark or as NUL bytes between ASCII letters; Chinese text saved
    by Excel or Notepad on Chinese Windows is GBK (a subset of GB18030) and decodes as GB18030.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1:200:2].count(0) > 20 or data[0:200:2].count(0) > 20:
        return "UTF-16"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "GBK/GB18030"


def decode_text(data: bytes, file: str, problems: ProblemList) -> str | None:
    """UTF-8 bytes (an optional BOM dropped) → text; None with a problem otherwise."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        guess = guess_encoding(data)
        zh = f"不是 UTF-8 编码（第 {line} 行起" + (f"，看起来是 {guess}" if guess else "") + "）"
        en = f"not UTF-8 text (from line {line}" + (f"; it looks like {guess}" if guess else "") + ")"
        _add(problems, file, "(encoding)", guess or f"byte 0x{data[err.start]:02x}", (zh, en),
             ("UTF-8 文本：请用编辑器或 Excel “另存为 UTF-8”", 'UTF-8 text: "save as UTF-8" in your editor or Excel'))
        return None


def read_bytes(path: str | Path, problems: ProblemList, file: str | None = None,
               max_bytes: int = MAX_INPUT_BYTES) -> bytes | None:
    """The bytes of a regular file of at most ``max_bytes``; None with a problem otherwise.

    ``file`` is the name shown in messages (an upload's own name rather than a temp folder).
    """
    path = Path(path)
    file = str(path) if file is None else file
    try:
        info = path.stat()
    except OSError as err:
        if not os.path.lexists(path):
            _add(problems, file, FILE_FIELD, None, ("文件不存在", "file does not exist"),
                 ("存在的文件路径", "the path of an existing file"))
        else:
            _add(problems, file, FILE_FIELD, err.strerror or type(err).__name__,
                 ("无法读取文件（如符号链接循环、无权限）", "cannot read the file (e.g. a symlink loop, no permission)"),
                 ("可读的普通文件", "a readable regular file"))
        return None
    if stat.S_ISDIR(info.st_mode):
        _add(problems, file, FILE_FIELD, "(folder)", ("这是文件夹，不是文件", "this is a folder, not a file"),
             ("文件路径", "the path of a file"))
        return None
    if not stat.S_ISREG(info.st_mode):
        _add(problems, file, FILE_FIELD, "(special file)", ("不是普通文件（设备、管道或套接字）",
             "not a regular file (a device, pipe or socket)"), ("普通文件", "a regular file"))
        return None
    if info.st_size > max_bytes:
        _add(problems, file, FILE_FIELD, f"{info.st_size} bytes", ("文件过大", "file too large"),
             (f"不超过 {max_bytes // 1024} KB", f"at most {max_bytes // 1024} KB"))
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # a file growing while read is capped too
    except OSError as err:
        _add(problems, file, FILE_FIELD, err.strerror or type(err).__name__, ("无法读取文件", "cannot read the file"),
             ("可读的普通文件", "a readable regular file"))
        return None
    if len(data) > max_bytes:
        _add(problems, file, FILE_FIELD, f"> {max_bytes} bytes", ("文件过大", "file too large"),
             (f"不超过 {max_bytes // 1024} KB", f"at most {max_bytes // 1024} KB"))
        return None
    return data


def read_text(path: str | Path, problems: ProblemList, file: str | None = None,
              max_bytes: int = MAX_INPUT_BYTES) -> str | None:
    """A regular UTF-8 file's text (BOM dropped); None with a problem otherwise."""
    data = read_bytes(path, problems, file, max_bytes)
    return None if data is None else decode_text(data, str(path) if file is None else file, problems)


def _depth(value: object) -> int:
    """Nesting depth of parsed TOML (tables and arrays), walked without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_TOML_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def parse_toml(text: str, file: str, problems: ProblemList) -> dict | None:
    """TOML text → dict; None with a problem for a syntax error or nesting deeper than
    :data:`MAX_TOML_DEPTH`."""
    too_deep = ("表或数组嵌套过深", "tables or arrays nested too deep")
    allowed_depth = (f"嵌套不超过 {MAX_TOML_DEPTH} 层", f"at most {MAX_TOML_DEPTH} levels of nesting")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        _add(problems, file, "(syntax)", str(err), ("TOML 语法错误", "TOML syntax error"),
             ("合法的 TOML（UTF-8）", "valid TOML (UTF-8)"))
        return None
    except RecursionError:
        _add(problems, file, "(syntax)", None, too_deep, allowed_depth)
        return None
    except ValueError as err:  # an integer of more than 4,300 digits
        _add(problems, file, "(syntax)", str(err)[:60], ("数字过长", "a number with too many digits"),
             ("位数正常的数字", "a number of ordinary length"))
        return None
    if _depth(data) > MAX_TOML_DEPTH:
        _add(problems, file, "(syntax)", f"> {MAX_TOML_DEPTH}", too_deep, allowed_depth)
        return None
    return data


def read_toml(path: str | Path, problems: ProblemList, file: str | None = None) -> dict | None:
    """A regular UTF-8 TOML file, parsed; None with a problem otherwise."""
    file = str(path) if file is None else file
    text = read_text(path, problems, file, max_bytes=MAX_TOML_BYTES)
    return None if text is None else parse_toml(text, file, problems)


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary path)`` then rename the temporary file onto ``path``.

    The temporary file sits in ``path``'s folder (a rename is atomic only within one file
    system) and keeps ``path``'s extension (pandas picks the xlsx writer by it). On any failure
    it is removed and ``path`` is left as it was. The result gets the usual permissions
    (0666 less the umask), not the temporary file's private 0600.
    """
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=f".tmp{path.suffix}",
                                dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return path
