"""Output files of the commands: checked before the work, never overwritten unasked, written whole.

Every command that writes a file (``--out``, ``--summary-out``, ``--depletion-out`` …) does

    add_force_argument(parser)
    ...
    out = check_output(args.out, (".csv",), args.force)        # before the run
    ...
    write_output(out, lambda tmp: frame.to_csv(tmp, index=False))

:func:`check_output` refuses, with a bilingual :class:`~model.errors.InputError` naming the
option, the path and what is allowed: an extension that is not one of the command's formats; an
existing file unless ``--force`` is given; a folder; a path under a file; a missing folder; a
name too long for the file system; a folder the user cannot write to (a test file is created
and removed there). So a 100,000-path Monte Carlo run is never lost to an unwritable ``--out``.
:func:`write_output` writes through a temporary file in the same folder and a rename
(:func:`model.files.atomic_write`), so a crash never leaves half a file.
"""
from __future__ import annotations

import argparse
import errno
import os
import tempfile
from pathlib import Path
from typing import Callable, Sequence

from model.errors import InputError, ProblemList
from model.files import atomic_write


def add_force_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="覆盖已存在的输出文件 / overwrite an existing output file")


def _refuse(option: str, path: Path, value: object, what: tuple[str, str], allowed: tuple[str, str]) -> None:
    problems = ProblemList()
    problems.add(str(path), option, value, what[0], what[1], allowed[0], allowed[1])
    problems.raise_if_any()


def check_output(path: str | Path | None, formats: Sequence[str], force: bool,
                 option: str = "--out") -> Path | None:
    """``path`` as a checked output path (None stays None); raises :class:`InputError` when it
    cannot or must not be written. ``formats`` are the allowed extensions, lower case with dot."""
    if path is None:
        return None
    path = Path(path)
    try:
        return _check(path, formats, force, option)
    except OSError as err:  # e.g. a folder name in the path longer than the file system allows
        _refuse(option, path, str(path), (f"无法使用该路径（{_reason(err)}）", f"cannot use this path ({err.strerror})"),
                ("已存在文件夹中的、可写的文件路径", "a writable file path inside an existing folder"))
    return path


def _check(path: Path, formats: Sequence[str], force: bool, option: str) -> Path:
    try:
        name_max = os.pathconf("/", "PC_NAME_MAX")
    except (OSError, ValueError):
        name_max = 255
    if len(path.name.encode("utf-8")) > name_max:
        _refuse(option, path, f"{len(path.name.encode('utf-8'))} bytes", ("文件名过长", "the file name is too long"),
                (f"不超过 {name_max} 字节的文件名", f"a name of at most {name_max} bytes"))
    if path.is_dir():
        _refuse(option, path, str(path), ("这是文件夹，不是文件", "this is a folder, not a file"),
                (f"文件路径，如 {path / ('result' + formats[0])}", f"a file path such as {path / ('result' + formats[0])}"))
    suffix = path.suffix.lower()
    if suffix not in formats:
        _refuse(option, path, suffix or path.name, ("不支持的输出格式（扩展名须与格式相符）", "unsupported output format (the extension names the format)"),
                ("、".join(formats), ", ".join(formats)))
    if path.exists() or path.is_symlink():
        if not force:
            _refuse(option, path, str(path), ("文件已存在，未覆盖", "the file exists and was not overwritten"),
                    ("新的文件名，或加 --force 覆盖", "a new file name, or --force to overwrite it"))
        if not path.is_file():
            _refuse(option, path, str(path), ("不是普通文件", "not a regular file"),
                    ("普通文件的路径", "the path of a regular file"))
    parent = path.parent
    for ancestor in (parent, *parent.parents):
        if ancestor.exists() and not ancestor.is_dir():
            _refuse(option, path, str(ancestor), ("路径中的上级是文件，不是文件夹", "a part of the path is a file, not a folder"),
                    ("已存在文件夹中的文件路径", "a path inside an existing folder"))
    if not parent.is_dir():
        _refuse(option, path, str(parent), ("文件夹不存在", "the folder does not exist"),
                ("已存在的文件夹（请先创建）", "an existing folder (create it first)"))
    try:  # the only sure test of writability: create (and remove) a file there
        with tempfile.NamedTemporaryFile(dir=parent, prefix=".sifsim-check-"):
            pass
    except OSError as err:
        _refuse(option, path, str(parent), (f"无法在该文件夹写入（{_reason(err)}）", f"cannot write in this folder ({err.strerror})"),
                ("可写的文件夹", "a folder you can write to"))
    return path


def _reason(err: OSError) -> str:
    return {errno.EACCES: "无权限", errno.EPERM: "无权限", errno.EROFS: "只读文件系统",
            errno.ENOSPC: "磁盘已满",
            errno.ENOENT: "路径不存在", errno.ENAMETOOLONG: "名称过长", errno.ENOTDIR: "上级不是文件夹"}.get(err.errno or 0, err.strerror or "")


def distinct_outputs(*pairs: tuple[str, Path | None]) -> None:
    """Refuse two output options naming the same file (the second would overwrite the first)."""
    seen: dict[Path, str] = {}
    for option, path in pairs:
        if path is None:
            continue
        key = Path(path).absolute()
        if key in seen:
            _refuse(option, Path(path), str(path), (f"与 {seen[key]} 是同一个文件", f"the same file as {seen[key]}"),
                    ("每个输出选项一个不同的文件", "a different file for each output option"))
        seen[key] = option


def write_output(path: Path, write: Callable[[Path], None], option: str = "--out") -> Path:
    """Write ``path`` atomically through ``write(temporary path)``; a failing write (disk full,
    permissions changed meanwhile) is a bilingual :class:`InputError` and leaves ``path`` as it was."""
    try:
        return atomic_write(path, write)
    except OSError as err:
        problems = ProblemList()
        problems.add(str(path), option, str(path), f"写入失败（{_reason(err)}）", f"writing failed ({err.strerror})",
                     "可写的文件夹与足够的磁盘空间", "a writable folder with enough space")
        raise InputError(problems.items) from None
