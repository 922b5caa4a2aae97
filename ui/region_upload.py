"""Uploading another region's baseline in the documented format (data/regions/FORMAT.md).

The planner uploads the folder's files (``region.toml``, ``figures.csv`` and the optional
``adoption.toml``, ``age_profiles.csv``, ``assumptions.toml``) one by one or as one ``.zip``.
Only those names are accepted; each file and the total are size-limited; a zip is read member by
member with its uncompressed size capped (no path from the archive is ever used). The files are
written to a fresh temporary folder and checked by ``model.baseline.region.validate_region``. Nothing is
evaluated or unpickled: the model's loaders read TOML and CSV text.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from model.errors import InputError, Problem

ALLOWED = ("region.toml", "figures.csv", "adoption.toml", "age_profiles.csv", "assumptions.toml")
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 5 * 1024 * 1024
MAX_ZIP_MEMBERS = 50


def _problem(file: str, value: object, zh: str, en: str, allowed_zh: str, allowed_en: str) -> Problem:
    return Problem(file, "(文件/file)", value, zh, en, allowed_zh, allowed_en)


def _unzip(name: str, data: bytes, problems: list[Problem]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        problems.append(_problem(name, None, "不是有效的 zip 文件", "not a valid zip file",
                                 "zip 压缩包", "a zip archive"))
        return files
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_ZIP_MEMBERS:
        problems.append(_problem(name, len(members), "压缩包内文件过多", "too many files in the archive",
                                 f"不超过 {MAX_ZIP_MEMBERS} 个", f"at most {MAX_ZIP_MEMBERS}"))
        return files
    for member in members:
        base = PurePosixPath(member.filename.replace("\\", "/")).name
        if base not in ALLOWED:
            continue  # README, __MACOSX and other files are ignored
        if member.file_size > MAX_FILE_BYTES:
            problems.append(_problem(f"{name}:{base}", member.file_size, "文件过大", "file too large",
                                     f"不超过 {MAX_FILE_BYTES // 1024 // 1024} MB",
                                     f"at most {MAX_FILE_BYTES // 1024 // 1024} MB"))
            continue
        if base in files:
            problems.append(_problem(f"{name}:{base}", member.filename, "压缩包中有同名文件",
                                     "the archive holds this file twice", "每种文件一个",
                                     "one of each file"))
            continue
        if member.flag_bits & 0x1:
            problems.append(_problem(f"{name}:{base}", None, "压缩包中的文件已加密", "the file is encrypted in the archive",
                                     "未加密的 zip 压缩包", "a zip archive without a password"))
            continue
        try:
            with archive.open(member) as fh:
                content = fh.read(MAX_FILE_BYTES + 1)  # cap what is inflated, whatever the header says
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError,
                OSError, EOFError, zlib.error) as err:  # a corrupted entry, an unknown compression
            problems.append(_problem(f"{name}:{base}", type(err).__name__, "压缩包中的文件已损坏，无法解压",
                                     "the file in the archive is damaged and cannot be unpacked",
                                     "完好的 zip 压缩包（重新压缩后上传）", "an intact zip archive (zip it again)"))
            continue
        if len(content) > MAX_FILE_BYTES:
            problems.append(_problem(f"{name}:{base}", None, "解压后文件过大", "file too large once unpacked",
                                     f"不超过 {MAX_FILE_BYTES // 1024 // 1024} MB",
                                     f"at most {MAX_FILE_BYTES // 1024 // 1024} MB"))
            continue
        files[base] = content
    return files


def collect(uploads: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """Uploaded ``(name, bytes)`` pairs → ``{allowed file name: bytes}``; raises
    :class:`InputError` listing every problem (unknown names, sizes, a broken zip)."""
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    total = sum(len(data) for _, data in uploads)
    if total > MAX_TOTAL_BYTES:
        problems.append(_problem("upload", total, "上传总量过大", "the upload is too large",
                                 f"合计不超过 {MAX_TOTAL_BYTES // 1024 // 1024} MB",
                                 f"at most {MAX_TOTAL_BYTES // 1024 // 1024} MB in all"))
        raise InputError(problems)
    for name, data in uploads:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base.lower().endswith(".zip"):
            for member, content in _unzip(base, data, problems).items():
                files[member] = content
        elif base in ALLOWED:
            if len(data) > MAX_FILE_BYTES:
                problems.append(_problem(base, len(data), "文件过大", "file too large",
                                         f"不超过 {MAX_FILE_BYTES // 1024 // 1024} MB",
                                         f"at most {MAX_FILE_BYTES // 1024 // 1024} MB"))
            else:
                files[base] = data
        else:
            problems.append(_problem(base, base, "不是地区数据文件", "not a region data file",
                                     "、".join(ALLOWED) + " 或其 zip 压缩包",
                                     ", ".join(ALLOWED) + " or a zip of them"))
    if problems:
        raise InputError(problems)
    return files


def write_folder(files: dict[str, bytes]) -> Path:
    """Write the accepted files into a new temporary folder and return it."""
    folder = Path(tempfile.mkdtemp(prefix="sifsim-region-"))
    for name, content in files.items():
        if name not in ALLOWED:  # collect() only ever returns these names
            raise RuntimeError(f"refusing to write {name!r}")
        (folder / name).write_bytes(content)
    return folder


def check(uploads: list[tuple[str, bytes]]) -> tuple[Path, list[Problem]]:
    """Collect, write and validate an upload: ``(folder, problems of the region validator)``."""
    from model.engine import validate_region

    folder = write_folder(collect(uploads))
    return folder, list(validate_region(folder))
