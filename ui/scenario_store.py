"""The scenarios a planner can pick: the shipped library (``scenarios/*.toml``) and the ones
saved in this browser session, each as a validated ``model.scenarios.library.Scenario``.

A session scenario is always one level over a library scenario (its ``base``) plus its own
levers — the same thing a share link or a downloaded TOML file carries — so it can be rebuilt
exactly anywhere.
"""
from __future__ import annotations

import tomllib
from typing import Mapping

import streamlit as st

from model.scenarios import library as msc
from model.errors import InputError, Problem
from ui.share import SharedScenario

SAVED_KEY = "saved_scenarios"
MAX_UPLOAD_BYTES = 256 * 1024  # a scenario file is a few KB; the server caps uploads at 5 MB


@st.cache_resource(show_spinner=False)
def library() -> dict[str, msc.Scenario]:
    """The shipped scenarios by id, baseline first (validated once per server process)."""
    return msc.load_library()


def saved() -> dict[str, SharedScenario]:
    return st.session_state.setdefault(SAVED_KEY, {})


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
    """id → display name of every scenario to choose from (library first, then this session's)."""
    out = {sid: sc.name(lang) for sid, sc in library().items()}
    for sid, sh in saved().items():
        out[sid] = (sh.name_zh if lang == "zh" else sh.name_en) + (" *" if sid in out else "")
    return out


def as_shared(scenario_id: str) -> SharedScenario:
    """Any scenario as base + own levers: a session one as stored, a library one as itself with
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
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise bad("(文件/file)", None, "不是 UTF-8 文本", "not UTF-8 text", "UTF-8 编码的 .toml 文件",
                  "a UTF-8 .toml file") from None
    except tomllib.TOMLDecodeError as err:
        raise bad("(文件/file)", str(err), "TOML 语法错误", "TOML syntax error", "合法的 TOML",
                  "valid TOML") from None
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
