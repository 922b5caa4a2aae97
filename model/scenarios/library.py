"""Scenario files: a header and the levers a scenario changes against its base.

A scenario is a TOML file in ``scenarios/`` (format documented in ``scenarios/README.md``)::

    [scenario]
    id = "employer_rate_14"                 # = the file name without .toml
    name_zh = "企业养老单位费率降至14%"
    name_en = "Enterprise employer rate 16% → 14% from 2022"
    description = "..."
    rationale = "..."
    inherits = "baseline"                    # id in the same folder, or a path to a .toml file
    result_zh = "..."                        # filled from the golden run by scripts/regen_golden.py
    result_en = "..."

    [levers]
    "enterprise_pension.employer_rate" = { 2022 = 0.14 }

Lever keys are the catalogue names ``group.key`` (``model.scenarios.levers``), written as quoted dotted
keys; nested tables ``[levers.enterprise_pension] employer_rate = …`` are read as the same
thing. A value is a number (every projection year) or a ``{year = value}`` step path meaning
"from the first key on, each value holding until the next key, the last one held to the
horizon"; years before the first key keep the base scenario's value. The projection's base
year (2020) is calibrated to the report and is never changed by a scenario: a scenario's years
lie in :data:`HORIZON`.

Inheritance: a scenario lists only what differs from its base. The resolved levers are the
base's resolved levers with this file's levers laid over them, lever by lever, with the same
"from the first key on" rule (:func:`merge_path`). The merged result is validated again as a
frozen pydantic model (:class:`Scenario`), including cross-lever checks.

Every problem is a bilingual :class:`model.errors.Problem` naming the file, key, value and what
is allowed; a loader collects all it finds and raises one :class:`model.errors.InputError`.

See also: ``model.scenarios.levers`` (catalogue, ``validate_value``), ``model.analysis.compare`` (runs scenarios).
"""
from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from model import files
from model.errors import InputError, Problem, ProblemList
from model.paths import SCENARIO_DIR
from model.scenarios.levers import (HORIZON, LeverSpec, PathValue, catalogue, check_cross_levers,
                                    validate_value)

BASELINE_ID = "baseline"


#: Longest inheritance chain followed (a scenario, its base, the base's base …). The shipped
#: library goes three deep; a longer chain is refused rather than followed without end.
MAX_INHERITANCE_DEPTH = 32

#: Unknown lever names given a "did you mean" suggestion (the rest are listed without one).
MAX_SUGGESTIONS = 20

#: Kinds whose values are whole numbers by nature; written back without a decimal point.
WHOLE_KINDS = ("months", "years", "flag", "code")

#: Header fields with what each allows, for messages.
HEADER_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("小写字母、数字与下划线组成的标识，与文件名（不含 .toml）相同",
           "lowercase letters, digits and underscores, equal to the file name without .toml"),
    "name_zh": ("中文名称（文本）", "the Chinese name (text)"),
    "name_en": ("英文名称（文本）", "the English name (text)"),
    "description": ("情景说明（文本）", "what the scenario asks (text)"),
    "rationale": ("出处或理由（文本）", "its source or reasoning (text)"),
    "description_zh": ("中文情景说明（文本，可选；中文界面与文档显示它）",
                       "what the scenario asks, in Chinese (text, optional; shown in Chinese mode)"),
    "rationale_zh": ("中文出处或理由（文本，可选）", "its source or reasoning in Chinese (text, optional)"),
    "inherits": ("同一文件夹中另一情景的 id，或 .toml 文件路径；baseline 不填",
                 "the id of another scenario in the same folder or a .toml path; none for baseline"),
    "result_zh": ("结果简述（文本，由 scripts/regen_golden.py 填写）",
                  "a short statement of the result (text, filled by scripts/regen_golden.py)"),
    "result_en": ("结果简述（英文）", "a short statement of the result in English"),
}
TOP_TABLES = ("scenario", "levers")


class ScenarioHeader(BaseModel):
    """The ``[scenario]`` table of one file, as written."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=80)
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    description: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    description_zh: str = ""
    rationale_zh: str = ""
    inherits: str | None = None
    result_zh: str = ""
    result_en: str = ""


class ScenarioFile(BaseModel):
    """A whole file's structure: the two tables and nothing else. Lever values are checked
    against the catalogue separately (:func:`check_levers`) so each message can name the
    lever's unit and range."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    scenario: ScenarioHeader
    levers: dict[str, Any] = Field(default_factory=dict)


class Scenario(BaseModel):
    """A loaded, resolved scenario.

    ``levers`` is what this file itself sets (its difference from the base), values as floats and
    paths as ``{year: float}``; ``resolved`` is every lever the whole inheritance chain sets,
    merged (:func:`merge_path`) and normalised so that a number set for a path lever becomes
    ``{HORIZON[0]: value}`` — ready for ``Engine.run([scenario.resolved, …])``. ``chain`` is the
    ids from the root down to this scenario. Validated on construction, including the merged
    result (catalogue ranges, years, cross-lever checks).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: str
    name_zh: str
    name_en: str
    description: str
    rationale: str
    description_zh: str = ""
    rationale_zh: str = ""
    inherits: str | None = None
    result_zh: str = ""
    result_en: str = ""
    levers: dict[str, float | dict[int, float]] = Field(default_factory=dict)
    resolved: dict[str, float | dict[int, float]] = Field(default_factory=dict)
    chain: tuple[str, ...] = ()
    file: str = "(memory)"
    horizon: tuple[int, int] = HORIZON

    @model_validator(mode="after")
    def _check_merged(self) -> "Scenario":
        problems = ProblemList()
        specs = catalogue()
        for name, value in self.resolved.items():
            if name not in specs:
                problems.add(self.file, f"levers.{name}", value, "未知参数", "unknown lever",
                             "levers.toml 中的参数名", "a lever name from levers.toml")
                continue
            problems.extend(validate_value(specs[name], value, self.file, f"levers.{name}",
                                           years=self.horizon).items)
        check_cross_levers(problems, self.file, self.resolved, self.horizon)
        problems.raise_if_any()
        return self

    @property
    def overrides(self) -> dict[str, PathValue]:
        """The resolved levers, for ``Engine.run``."""
        return dict(self.resolved)

    def name(self, lang: str = "zh") -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def describe(self, lang: str = "zh") -> str:
        """What the scenario asks, in ``lang`` (Chinese falls back to the English text)."""
        return self.description_zh if lang == "zh" and self.description_zh else self.description

    def reason(self, lang: str = "zh") -> str:
        """Its source or reasoning, in ``lang`` (Chinese falls back to the English text)."""
        return self.rationale_zh if lang == "zh" and self.rationale_zh else self.rationale

    def header(self) -> dict[str, str]:
        """The ``[scenario]`` table as it is written (empty optional fields left out)."""
        out = {k: getattr(self, k) for k in HEADER_FIELDS}
        return {k: v for k, v in out.items() if v not in (None, "") or k in
                ("id", "name_zh", "name_en", "description", "rationale")}


# ------------------------------------------------------------------ lever values


def merge_path(base: PathValue | None, value: PathValue) -> PathValue:
    """Lay ``value`` over ``base`` for one lever: a number replaces the base entirely; a path
    keeps the base's keys before its first year and takes its own from there on.

    >>> merge_path({2021: 0.16, 2030: 0.15}, {2025: 0.14})
    {2021: 0.16, 2025: 0.14}
    """
    if base is None or not isinstance(value, Mapping):
        return value
    first = min(value)
    if not isinstance(base, Mapping):
        raise TypeError("merge_path: normalise a constant base to a path first")
    merged = {y: v for y, v in base.items() if y < first}
    merged.update(value)
    return dict(sorted(merged.items()))


def normalise(spec: LeverSpec, value: PathValue, horizon: tuple[int, int] = HORIZON) -> PathValue:
    """A number set for a path lever holds from the first projection year on (the calibrated
    base year stays the report's); levers without a year path keep their single number."""
    if spec.path and not isinstance(value, Mapping):
        return {horizon[0]: float(value)}
    return value


def _as_path(raw: Mapping) -> dict[int, object] | None:
    """``{"2022": 0.14}`` → ``{2022: 0.14}``; None if a key is not a year (left to the caller)."""
    out: dict[int, object] = {}
    for k, v in raw.items():
        try:
            out[int(k)] = v
        except (TypeError, ValueError):
            return None
    return out


def _percent_hint(problem: Problem, spec: LeverSpec, value: object) -> Problem:
    """Out-of-range rates such as 14 (meant 14%) get a hint to write 0.14."""
    if (spec.kind in ("rate", "share") and isinstance(value, (int, float))
            and not isinstance(value, bool) and 1 < value <= 100
            and spec.min <= value / 100 <= spec.max):
        return replace(problem,
                       allowed_zh=f"{problem.allowed_zh}；比例写作小数：若指 {value:g}%，请写 {value / 100:g}",
                       allowed_en=f"{problem.allowed_en}; rates are fractions: for {value:g}% "
                                  f"write {value / 100:g}")
    return problem


def _flatten_levers(problems: ProblemList, file: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Accept ``"group.key" = v`` and ``[levers.group] key = v``; report unknown names."""
    specs = catalogue()
    groups = sorted({name.split(".")[0] for name in specs})
    flat: dict[str, Any] = {}
    unknown = 0
    for key, value in raw.items():
        if key in specs:
            items = [(key, value)]
        elif key in groups and isinstance(value, Mapping):
            items = [(f"{key}.{sub}", v) for sub, v in value.items()]
        else:
            items = [(key, value)]
        if key in groups and isinstance(value, Mapping) and not value:
            problems.add(file, f"levers.{key}", {}, "空表，不改变任何参数", "an empty table changes nothing",
                         f"表中至少一个参数，如 {key}.{next(n.split('.', 1)[1] for n in specs if n.startswith(key + '.'))}；"
                         "或删去此表",
                         f"at least one lever in the table, e.g. "
                         f"{key}.{next(n.split('.', 1)[1] for n in specs if n.startswith(key + '.'))}; or remove it")
            continue
        for name, v in items:
            if name not in specs:
                # suggestions for the names a planner will read (the first few; a flood of
                # unknown names is summarised by InputError, and difflib is slow on thousands)
                unknown += 1
                near = difflib.get_close_matches(name[:200], list(specs), n=3, cutoff=0.6) \
                    if unknown <= MAX_SUGGESTIONS else []
                hint_zh = f"；是否指 {'、'.join(near)}" if near else ""
                hint_en = f"; did you mean {', '.join(near)}" if near else ""
                problems.add(file, f"levers.{name}", v, "未知参数", "unknown lever",
                             f"levers.toml 中的参数名（组.键）{hint_zh}",
                             f"a lever name group.key from levers.toml{hint_en}")
                continue
            if name in flat:
                problems.add(file, f"levers.{name}", v, "同一参数出现两次", "lever given twice",
                             "每个参数只写一次", "each lever once")
                continue
            flat[name] = v
    return flat


def check_levers(problems: ProblemList, file: str, raw: Mapping[str, Any],
                 horizon: tuple[int, int] = HORIZON) -> dict[str, PathValue]:
    """Validate one file's ``[levers]`` table against the catalogue; return clean values
    (floats, ``{int year: float}``). Problems for names, types, ranges and years are added."""
    specs = catalogue()
    clean: dict[str, PathValue] = {}
    for name, value in _flatten_levers(problems, file, raw).items():
        spec = specs[name]
        field = f"levers.{name}"
        if isinstance(value, Mapping):
            path = _as_path(value)
            checked = validate_value(spec, path if path is not None else dict(value), file,
                                     field, years=horizon)
        else:
            path = None
            checked = validate_value(spec, value, file, field, years=horizon)
        for p in checked.items:
            problems.extend([_percent_hint(p, spec, p.value)])
        if checked:
            continue
        if isinstance(value, Mapping):
            clean[name] = {y: float(v) for y, v in sorted(path.items())}
        else:
            clean[name] = float(value)
    return clean


# ------------------------------------------------------------------ pydantic → Problems


def _problems_from_pydantic(err: ValidationError, file: str) -> list[Problem]:
    out: list[Problem] = []
    for e in err.errors():
        loc = [str(p) for p in e["loc"]]
        field = ".".join(loc) or "(文件/file)"
        value = e.get("input")
        key = loc[-1] if loc else ""
        allowed = HEADER_FIELDS.get(key)
        kind = e["type"]
        if kind == "value_error" and isinstance(e.get("ctx", {}).get("error"), InputError):
            out.extend(e["ctx"]["error"].problems)
            continue
        if kind == "missing":
            what = ("缺少必填字段", "required field missing")
            allowed = allowed or ("见 scenarios/README.md", "see scenarios/README.md")
            value = None
        elif kind == "extra_forbidden":
            if len(loc) == 1:
                what = ("未知的表", "unknown table")
                allowed = ("[scenario] 与 [levers]", "[scenario] and [levers]")
            else:
                what = ("未知字段", "unknown key")
                allowed = ("、".join(HEADER_FIELDS), ", ".join(HEADER_FIELDS))
        elif kind in ("string_type", "string_pattern_mismatch", "string_too_short",
                      "string_too_long"):
            what = {"string_type": ("类型错误：应为文本", "wrong type: must be text"),
                    "string_pattern_mismatch": ("格式不符", "wrong format"),
                    "string_too_short": ("不能为空", "must not be empty"),
                    "string_too_long": ("过长", "too long")}[kind]
            allowed = allowed or ("文本", "text")
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            what = ("类型错误：应为表", "wrong type: must be a table")
            allowed = ("TOML 表，如 [scenario]", "a TOML table such as [scenario]")
        else:
            what = (f"格式错误（{e['msg']}）", e["msg"])
            allowed = allowed or ("见 scenarios/README.md", "see scenarios/README.md")
        out.append(Problem(file, field, value, what[0], what[1], allowed[0], allowed[1]))
    return out


# ------------------------------------------------------------------ loading


def _read_toml(path: Path, problems: ProblemList) -> dict | None:
    """A scenario file's TOML: a regular UTF-8 file (BOM accepted), size-capped, depth-bounded."""
    return files.read_toml(path, problems, _display(path))


def parse_file(raw: Mapping[str, Any], file: str, stem: str | None = None,
               horizon: tuple[int, int] = HORIZON) -> tuple[ScenarioHeader, dict[str, PathValue]]:
    """Check one file's own content (structure with pydantic, levers with the catalogue);
    raise :class:`InputError` with every problem; return its header and clean levers."""
    problems = ProblemList()
    header = None
    levers_raw: Mapping[str, Any] = {}
    try:
        parsed = ScenarioFile.model_validate(dict(raw))
        header, levers_raw = parsed.scenario, parsed.levers
    except ValidationError as err:
        problems.extend(_problems_from_pydantic(err, file))
        if isinstance(raw.get("levers"), Mapping):
            levers_raw = raw["levers"]
    if header is not None and stem is not None and header.id != stem:
        problems.add(file, "scenario.id", header.id, "与文件名不一致",
                     "does not match the file name", f"{stem}（文件名）", f"{stem} (the file name)")
    levers = check_levers(problems, file, levers_raw, horizon)
    problems.raise_if_any()
    return header, levers


def _resolve(path: Path) -> Path:
    """``path`` made absolute, links resolved where they can be (a symlink loop or a name the
    system refuses is left for the reader to report, not raised here)."""
    path = path.absolute()
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def _locate_base(inherits: str, folder: Path) -> Path:
    if inherits.endswith(".toml") or "/" in inherits:
        p = Path(inherits)
        return p if p.is_absolute() else (folder / p)
    return folder / f"{inherits}.toml"


def load_scenario(path: str | Path, horizon: tuple[int, int] = HORIZON,
                  _stack: tuple[Path, ...] = ()) -> Scenario:
    """Read a scenario file, resolve its inheritance chain and validate the merged result.

    Raises :class:`InputError` naming file, key, value and what is allowed for every problem:
    TOML syntax, unknown tables/keys/levers, wrong types, values outside a lever's range, years
    outside :data:`HORIZON`, a base that cannot be found, an inheritance loop.
    """
    path = _resolve(Path(path))
    file = _display(path)
    problems = ProblemList()
    raw = _read_toml(path, problems)
    problems.raise_if_any()
    header, levers = parse_file(raw, file, stem=path.stem, horizon=horizon)

    specs = catalogue()
    base_resolved: dict[str, PathValue] = {}
    chain: tuple[str, ...] = ()
    if header.inherits:
        base_path = _resolve(_locate_base(header.inherits, path.parent))
        stack = _stack + (path,)
        if base_path in stack:
            loop = " → ".join([p.stem for p in stack[stack.index(base_path):]] + [base_path.stem])
            problems.add(file, "scenario.inherits", header.inherits, f"继承形成循环：{loop}",
                         f"inheritance loop: {loop}", "不形成循环的继承链",
                         "an inheritance chain without a cycle")
            problems.raise_if_any()
        if len(stack) >= MAX_INHERITANCE_DEPTH:
            problems.add(file, "scenario.inherits", header.inherits, "继承链过长",
                         "the inheritance chain is too long",
                         f"不超过 {MAX_INHERITANCE_DEPTH} 层继承", f"at most {MAX_INHERITANCE_DEPTH} levels of inheritance")
            problems.raise_if_any()
        if not base_path.is_file():
            ids = sorted(p.stem for p in path.parent.glob("*.toml") if p != path)
            problems.add(file, "scenario.inherits", header.inherits, "找不到基准情景",
                         "base scenario not found",
                         f"同一文件夹中的情景 id（{'、'.join(ids) or '无'}）或 .toml 文件路径",
                         f"a scenario id in the same folder ({', '.join(ids) or 'none'}) "
                         "or a .toml path")
            problems.raise_if_any()
        try:
            base = load_scenario(base_path, horizon, stack)
        except InputError as err:
            # the base's own problems, then which file referred to it
            problems.extend(err.problems)
            if not any(p.file == file and p.field == "scenario.inherits" for p in err.problems):
                problems.add(file, "scenario.inherits", header.inherits, "所继承的基准情景有错误（见上）",
                             "the base scenario it inherits has errors (listed above)",
                             "无错误的基准情景", "a base scenario without errors")
            problems.raise_if_any()
        base_resolved, chain = dict(base.resolved), base.chain

    resolved = dict(base_resolved)
    for name, value in levers.items():
        value = normalise(specs[name], value, horizon)
        resolved[name] = merge_path(resolved.get(name), value)
    return _build(header, levers, resolved, chain + (header.id,), file, horizon)


def _build(header: ScenarioHeader, levers: Mapping[str, PathValue],
           resolved: Mapping[str, PathValue], chain: tuple[str, ...], file: str,
           horizon: tuple[int, int]) -> Scenario:
    try:
        return Scenario(**header.model_dump(), levers=dict(levers),
                        resolved=dict(sorted(resolved.items())), chain=chain, file=file,
                        horizon=horizon)
    except ValidationError as err:
        raise InputError(_problems_from_pydantic(err, file)) from None


def scenario_from_levers(id: str, levers: Mapping[str, PathValue], name_zh: str | None = None,
                         name_en: str | None = None, base: Scenario | None = None,
                         description: str = "Built in the app / 应用中设定",
                         rationale: str = "User input / 用户输入",
                         horizon: tuple[int, int] = HORIZON) -> Scenario:
    """Build a scenario in memory (the app's sliders), validated exactly like a file."""
    raw = {"scenario": {"id": id, "name_zh": name_zh or id, "name_en": name_en or id,
                        "description": description, "rationale": rationale},
           "levers": {k: ({str(y): v for y, v in val.items()} if isinstance(val, Mapping) else val)
                      for k, val in levers.items()}}
    if base is not None:
        raw["scenario"]["inherits"] = base.id
    file = f"(app:{id})"
    header, clean = parse_file(raw, file, horizon=horizon)
    specs = catalogue()
    resolved = dict(base.resolved) if base is not None else {}
    for name, value in clean.items():
        resolved[name] = merge_path(resolved.get(name), normalise(specs[name], value, horizon))
    chain = (base.chain if base is not None else ()) + (id,)
    return _build(header, clean, resolved, chain, file, horizon)


def load_library(folder: str | Path = SCENARIO_DIR,
                 horizon: tuple[int, int] = HORIZON) -> dict[str, Scenario]:
    """Every ``*.toml`` scenario in ``folder`` by id, baseline first then alphabetical. All
    problems of all files are gathered into one :class:`InputError`."""
    folder = Path(folder)
    out: dict[str, Scenario] = {}
    problems = ProblemList()
    paths = sorted(folder.glob("*.toml"), key=lambda p: (p.stem != BASELINE_ID, p.stem))
    for path in paths:
        try:
            out[path.stem] = load_scenario(path, horizon)
        except InputError as err:
            problems.extend(p for p in err.problems if p not in problems.items)
    problems.raise_if_any()
    return out


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(SCENARIO_DIR.parent))
    except ValueError:
        return str(path)


# ------------------------------------------------------------------ writing


def _write_number(spec: LeverSpec, value: float) -> float | int:
    if spec.kind in WHOLE_KINDS and float(value).is_integer():
        return int(value)
    return float(value)


def to_toml_dict(scenario: Scenario) -> dict[str, Any]:
    """The file content of ``scenario``: its header and its own levers (not the resolved ones)."""
    specs = catalogue()
    levers: dict[str, Any] = {}
    for name, value in scenario.levers.items():
        spec = specs[name]
        if isinstance(value, Mapping):
            levers[name] = {str(y): _write_number(spec, v) for y, v in sorted(value.items())}
        else:
            levers[name] = _write_number(spec, value)
    return {"scenario": scenario.header(), "levers": levers}


def dumps(scenario: Scenario) -> str:
    """The scenario as TOML text (tomli-w)."""
    return tomli_w.dumps(to_toml_dict(scenario))


def save_scenario(scenario: Scenario, path: str | Path) -> Path:
    """Write ``scenario`` (header + own levers) to ``path``; reading it back gives an equal
    scenario when its base is in the same folder."""
    path = Path(path)
    path.write_text(dumps(scenario), encoding="utf-8")
    return path
