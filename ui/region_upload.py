"""Uploading another region's baseline in the documented format (data/regions/FORMAT.md).

The planner uploads the folder's files (``region.toml``, ``figures.csv`` and the optional
``adoption.toml``, ``age_profiles.csv``, ``assumptions.toml``) one by one or as one ``.zip``.
Only those names are accepted; each file and the total are size-limited; a zip is read member by
member with its uncompressed size capped (no path from the archive is ever used). The files are
written to a fresh temporary folder and checked by ``model.engine.validate_region``. Nothing is
evaluated or unpickled: the model's loaders read TOML and CSV text.

Server resources (issue 10 §6): :func:`check_once` validates an upload once per content (keyed
on its SHA-256, so a rerun of the page costs nothing), names the uploaded files in its messages
rather than the server's temporary folder (§5), and removes the folder of an upload as soon as
another replaces it, and every folder of a session when the session ends (a finaliser on the
session's state) or the server stops. Folders left by a crashed server are swept after a day.
"""
from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
import time
import weakref
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path, PurePosixPath

from model.errors import InputError, Problem

ALLOWED = ("region.toml", "figures.csv", "adoption.toml", "age_profiles.csv", "assumptions.toml")
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 5 * 1024 * 1024
MAX_ZIP_MEMBERS = 50
FOLDER_PREFIX = "sifsim-region-"
#: Temporary folders older than this (seconds) are left by a server that stopped uncleanly.
STALE_AFTER = 24 * 3600


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
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    for name, content in files.items():
        if name not in ALLOWED:  # collect() only ever returns these names
            raise RuntimeError(f"refusing to write {name!r}")
        (folder / name).write_bytes(content)
    return folder


def origins(uploads: list[tuple[str, bytes]]) -> dict[str, str]:
    """``{file name in the folder: the name the planner gave it}`` (``changji.zip:figures.csv``
    for a file taken from an archive)."""
    out: dict[str, str] = {}
    for name, data in uploads:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base.lower().endswith(".zip"):
            try:
                members = zipfile.ZipFile(io.BytesIO(data)).namelist()
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
                continue
            for member in members:
                inner = PurePosixPath(member.replace("\\", "/")).name
                if inner in ALLOWED:
                    out.setdefault(inner, f"{base}:{inner}")
        elif base in ALLOWED:
            out[base] = base
    return out


def rename(problems: list[Problem], folder: Path, names: dict[str, str]) -> list[Problem]:
    """Problems about files in ``folder`` re-addressed to the uploaded files' own names."""
    out = []
    for p in problems:
        file = p.file
        for inner, shown in names.items():
            file = file.replace(str(folder / inner), shown)
        out.append(replace(p, file=file.replace(str(folder), "(upload)")))
    return out


def remove(folder: str | Path | None) -> None:
    """Delete one of this module's temporary folders (anything else is left alone)."""
    if folder and Path(folder).name.startswith(FOLDER_PREFIX) and Path(folder).parent == Path(tempfile.gettempdir()):
        shutil.rmtree(folder, ignore_errors=True)


def sweep_stale(now: float | None = None) -> int:
    """Remove this module's temporary folders older than :data:`STALE_AFTER`; how many."""
    now = time.time() if now is None else now
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(FOLDER_PREFIX + "*"):
        try:
            if folder.is_dir() and now - folder.stat().st_mtime > STALE_AFTER:
                remove(folder)
                removed += 1
        except OSError:
            continue
    return removed


class SessionFolders:
    """The temporary folders of one browser session, removed when the session's state is
    dropped (Streamlit forgets a session some time after its tab closes) or the server exits."""

    def __init__(self) -> None:
        self.folders: set[str] = set()
        self._finalizer = weakref.finalize(self, _remove_all, self.folders)

    def add(self, folder: Path) -> None:
        self.folders.add(str(folder))

    def discard(self, folder: str | Path | None, keep: str | None = None) -> None:
        if folder and str(folder) != keep:
            remove(folder)
            self.folders.discard(str(folder))


def _remove_all(folders: set[str]) -> None:
    for folder in list(folders):
        remove(folder)


def check_once(uploads: list[tuple[str, bytes]], state: dict, in_use: str | None = None
               ) -> tuple[Path, list[Problem]]:
    """:func:`check` once per distinct upload, remembered in ``state`` (a session's state).

    The same files on a rerun return the same folder and problems without writing or
    validating again. A different upload removes the previous one's folder unless it is the
    region ``in_use``. Problems name the uploaded files, not the temporary folder.
    """
    digest = hashlib.sha256()
    for name, data in uploads:
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0" + hashlib.sha256(data).digest())
    key = digest.hexdigest()
    folders: SessionFolders = state.setdefault("_region_folders", SessionFolders())
    cached = state.get("_region_check")
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    if cached is not None:
        folders.discard(cached[1], keep=in_use)
    if not state.get("_region_swept"):
        state["_region_swept"] = True
        sweep_stale()
    folder, problems = check(uploads)
    folders.add(folder)
    problems = rename(problems, folder, origins(uploads))
    state["_region_check"] = (key, folder, problems)
    return folder, problems


def check(uploads: list[tuple[str, bytes]]) -> tuple[Path, list[Problem]]:
    """Collect, write and validate an upload: ``(folder, problems of the region validator)``."""
    from model.engine import validate_region

    folder = write_folder(collect(uploads))
    return folder, list(validate_region(folder))
