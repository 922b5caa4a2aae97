"""The scenarios a planner can pick: the shipped library (``scenarios/*.toml``) and the planner's
own scenarios (我的情景), each as a validated ``model.scenarios.library.Scenario``.

A planner's scenario is always one level over a library scenario (its ``base``) plus its own
levers — the same thing a share link or a downloaded TOML file carries — so it can be rebuilt
exactly anywhere. Saved scenarios are TOML files in a folder the planner can see and back up:
``scenarios/user/`` by default, or the folder named by the environment variable
``SIFSIM_USER_SCENARIOS``. A save never replaces another file unless the planner asks to.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

import streamlit as st

from model import files
from model.errors import InputError, Problem, ProblemList
from model.paths import SCENARIO_DIR
from model.scenarios import library as msc
from ui.share import SharedScenario

USER_DIR_ENV = "SIFSIM_USER_SCENARIOS"
MAX_UPLOAD_BYTES = 256 * 1024  # a scenario file is a few KB; the server caps uploads at 50 MB
MY_PREFIX = {"zh": "我的情景 · ", "en": "My scenario · "}


def user_dir() -> Path:
    """The folder of the planner's saved scenarios (created on first save)."""
    return Path(os.environ.get(USER_DIR_ENV) or SCENARIO_DIR / "user")


@st.cache_resource(show_spinner=False)
def library() -> dict[str, msc.Scenario]:
    """The shipped scenarios by id, baseline first (validated once per server process)."""
    return msc.load_library()


@st.cache_data(show_spinner=False, max_entries=8)
def _read_folder(folder: str, stamp: tuple) -> tuple[dict[str, SharedScenario], list[str]]:
    """The valid scenarios of ``folder`` by id and the names of files that are not; ``stamp``
    (names, sizes, times) makes a changed folder a new cache entry."""
    found: dict[str, SharedScenario] = {}
    bad: list[str] = []
    for path in sorted(Path(folder).glob("*.toml")):
        try:
            shared = parse_upload(path.name, path.read_bytes())
        except (InputError, OSError):
            bad.append(path.name)
            continue
        if shared.id in library() or shared.id in found:
            bad.append(path.name)
            continue
        found[shared.id] = shared
    return found, bad


def _folder_state() -> tuple[dict[str, SharedScenario], list[str]]:
    folder = user_dir()
    if not folder.is_dir():
        return {}, []
    stamp = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.toml")))
    return _read_folder(str(folder), stamp)


def saved() -> dict[str, SharedScenario]:
    """The planner's saved scenarios (我的情景) by id, read from :func:`user_dir`."""
    return _folder_state()[0]


def unreadable() -> list[str]:
    """Files in the scenario folder that are not valid scenarios (shown, never silently used)."""
    return _folder_state()[1]


def path_of(scenario_id: str) -> Path:
    return user_dir() / f"{scenario_id}.toml"


def save(shared: SharedScenario, overwrite: bool = False) -> Path:
    """Write ``shared`` to ``<user_dir>/<id>.toml`` and return the path.

    Raises :class:`FileExistsError` if the file exists (with other content) and ``overwrite`` is
    false, and :class:`InputError` if the id is a shipped scenario's. The file is written whole
    under a temporary name and then renamed, so a failed write leaves no half file.
    """
    if shared.id in library():
        raise InputError([Problem("scenario", "scenario.id", shared.id, "与随程序提供的情景标识重名",
                                  "the id of a shipped scenario", "另取一个情景标识",
                                  "another scenario id")])
    text = toml_text(shared)
    path = path_of(shared.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not overwrite:
        if path.read_text(encoding="utf-8") == text:
            return path  # the same scenario saved again: nothing changes
        raise FileExistsError(str(path))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def build(shared: SharedScenario) -> msc.Scenario:
    """Rebuild a scenario from its base id and own levers; validated like a file."""
    lib = library()
    if shared.base not in lib:
        raise InputError([Problem("scenario", "scenario.inherits", shared.base, "找不到起点情景",
                                  "starting scenario not found",
                                  "、".join(lib), ", ".join(lib))])
    return msc.scenario_from_levers(shared.id, shared.levers, shared.name_zh, shared.name_en,
                                    base=lib[shared.base], horizon=msc.HORIZON)


def get(scenario_id: str) -> msc.Scenario:
    """A library or session scenario by id."""
    lib = library()
    if scenario_id in lib:
        return lib[scenario_id]
    return build(saved()[scenario_id])


def choices(lang: str) -> dict[str, str]:
    """id → display name of every scenario to choose from (library first, then 我的情景)."""
    out = {sid: sc.name(lang) for sid, sc in library().items()}
    for sid, sh in saved().items():
        out[sid] = MY_PREFIX[lang] + (sh.name_zh if lang == "zh" else sh.name_en)
    return out


def as_shared(scenario_id: str) -> SharedScenario:
    """Any scenario as base + own levers: a saved one as stored, a library one as itself with
    nothing changed."""
    if scenario_id in saved():
        return saved()[scenario_id]
    sc = library()[scenario_id]
    return SharedScenario(base=sc.id, id=sc.id, name_zh=sc.name_zh, name_en=sc.name_en, levers={})


def parse_upload(name: str, data: bytes) -> SharedScenario:
    """An uploaded scenario TOML → base + own levers. Only parsed as TOML text, never executed.

    Its ``inherits`` must name a shipped scenario (``baseline`` when absent).
    """
    def bad(field: str, value: object, zh: str, en: str, allowed_zh: str, allowed_en: str):
        return InputError([Problem(name, field, value, zh, en, allowed_zh, allowed_en)])

    if len(data) > MAX_UPLOAD_BYTES:
        raise bad("(文件/file)", f"{len(data)} B", "文件过大", "file too large",
                  f"不超过 {MAX_UPLOAD_BYTES // 1024} KB", f"at most {MAX_UPLOAD_BYTES // 1024} KB")
    problems = ProblemList()  # the CLI's reader: BOM accepted, other encodings named, depth bounded
    text = files.decode_text(data, name, problems)
    raw = None if text is None else files.parse_toml(text, name, problems)
    problems.raise_if_any()
    header, levers = msc.parse_file(raw, name, horizon=msc.HORIZON)
    base = header.inherits or msc.BASELINE_ID
    lib = library()
    if base not in lib:
        raise bad("scenario.inherits", base, "起点情景不在随程序提供的情景库中",
                  "the base is not a shipped scenario", "、".join(lib), ", ".join(lib))
    shared = SharedScenario(base=base, id=header.id, name_zh=header.name_zh,
                            name_en=header.name_en, levers=dict(levers))
    build(shared)  # merged result validated (ranges, years, cross-lever checks)
    return shared


def toml_text(shared: SharedScenario, description: str | None = None) -> str:
    """The scenario as a TOML file inheriting from its library base."""
    sc = build(shared)
    if description:
        sc = sc.model_copy(update={"description": description})
    return msc.dumps(sc)


def own_levers(shared: SharedScenario) -> Mapping[str, float | dict[int, float]]:
    return shared.levers
