"""The lever catalogue: every input the engine reads, declared once in ``data/parameters/levers.toml``.

A lever is a named quantity (``enterprise_pension.employer_rate``, ``economy.wage_growth`` …) with
a unit, an allowed range, a default and the source of that default. Its value over the projection
years is a *step path*: a number, or ``{year: value}`` pairs where each value holds from its year
until the next key (before the first key, the first value holds; after the last, the last).

The engine consumes a :class:`LeverSet`: one float array shaped ``(batch, n_years)`` per lever
name, the batch axis being scenarios or stochastic paths. ``NaN`` in an array means "use the
calibrated value" for levers whose default is ``"calibrated"``.

See also: ``model.scenarios.library`` (files that override levers), ``model.engine.calibration``.
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

from model import files
from model.errors import ProblemList
from model.paths import DATA_DIR

CATALOGUE_FILE = DATA_DIR / "parameters" / "levers.toml"

KINDS = ("rate", "share", "amount", "money_pm", "money_py", "months", "years", "multiplier",
         "flag", "code")
CERTAINTIES = ("checked", "secondary", "unverified", "assumption")
# A default that the engine fills in: solved by calibration, or taken from the demography module.
DEFERRED_DEFAULTS = ("calibrated", "demography")

PathValue = float | Mapping[int, float]

#: Years a scenario may name: the first projected year after the 2020 base year (calibrated to
#: the report, so not a scenario's to change) to the longest horizon the engine supports (WPP
#: 2022 tables end in 2100).
HORIZON = (2021, 2100)


@dataclass(frozen=True)
class LeverSpec:
    """One lever: what it is, its unit and range, and its default with provenance."""

    name: str
    group: str
    label_zh: str
    label_en: str
    kind: str
    unit: str
    min: float
    max: float
    source: str
    certainty: str
    default: PathValue | str  # number, {year: value}, or "calibrated" / "demography"
    path: bool = True          # False: one value for the whole run (no year path)
    codes: tuple[str, ...] = ()
    source_zh: str = ""        # the source in Chinese, naming the public document and year

    @property
    def deferred(self) -> bool:
        return isinstance(self.default, str)

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def source_text(self, lang: str = "zh") -> str:
        """The default's source in ``lang`` (Chinese: ``source_zh``, the English text if absent)."""
        return (self.source_zh or self.source) if lang == "zh" else self.source


def step_path(value: PathValue, years: np.ndarray) -> np.ndarray:
    """Resolve a constant or ``{year: value}`` step path onto ``years`` → float array ``(n_years,)``.

    Each keyed value holds from its year until the next key; before the first key the first
    value holds, after the last key the last value holds.
    """
    years = np.asarray(years)
    if isinstance(value, Mapping):
        keys = np.array(sorted(int(k) for k in value), dtype=int)
        vals = np.array([float(value[k] if k in value else value[str(k)]) for k in keys])
        idx = np.searchsorted(keys, years, side="right") - 1
        return vals[np.clip(idx, 0, len(keys) - 1)]
    return np.full(years.shape, float(value))


def overlay_path(base: np.ndarray, value: PathValue, years: np.ndarray) -> np.ndarray:
    """Lay an override on a base path: a constant replaces every year; a ``{year: value}`` path
    replaces the years from its first key on (step, held flat after the last key) and keeps the
    base before it. This is what a scenario means by ``{2022 = 0.14}``: "from 2022"."""
    if not isinstance(value, Mapping):
        return np.full(np.shape(base), float(value))
    first = min(int(k) for k in value)
    return np.where(np.asarray(years) >= first, step_path(value, years), base)


def overlay_row(row: np.ndarray, value: PathValue, first_year: int) -> None:
    """:func:`overlay_path` in place on a row whose years are consecutive from ``first_year``:
    slices, not a year-by-year search (a 1,000-member sweep builds its levers 10× faster)."""
    if not isinstance(value, Mapping):
        row[:] = float(value)
        return
    steps = sorted((int(k), float(v)) for k, v in value.items())
    n = len(row)
    for (year, v), following in zip(steps, steps[1:] + [(first_year + n, 0.0)]):
        row[min(max(year - first_year, 0), n):min(max(following[0] - first_year, 0), n)] = v


def _check_value(problems: ProblemList, file: str, field: str, value: object, lo: float,
                 hi: float, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.add(file, field, value, "不是有限数值", "not a finite number",
                     f"{lo} 至 {hi} 之间的数（{unit}）", f"a number from {lo} to {hi} ({unit})")
    elif not lo <= value <= hi:
        problems.add(file, field, value, "超出允许范围", "out of the allowed range",
                     f"{lo} 至 {hi}（{unit}）", f"{lo} to {hi} ({unit})")


def validate_value(spec: LeverSpec, value: object, file: str, field: str | None = None,
                   years: tuple[int, int] | None = None) -> ProblemList:
    """Check one lever value (number or ``{year: value}``) against ``spec``; return the problems."""
    problems = ProblemList()
    field = field or spec.name
    if isinstance(value, Mapping):
        if not spec.path:
            problems.add(file, field, dict(value), "此参数不接受按年份路径", "this lever takes no year path",
                         "单个数值", "a single number")
            return problems
        if not value:
            problems.add(file, field, {}, "年份路径为空", "empty year path", "至少一个 年份 = 数值",
                         "at least one year = value")
        for k, v in value.items():
            try:
                year = int(k)
            except (TypeError, ValueError):
                problems.add(file, f"{field}.{k}", k, "年份不是整数", "year is not an integer",
                             "四位年份，如 2025", "a four-digit year such as 2025")
                continue
            if years is not None and not years[0] <= year <= years[1]:
                problems.add(file, f"{field}.{k}", year, "年份超出预测区间",
                             "year outside the projection horizon",
                             f"{years[0]} 至 {years[1]}", f"{years[0]} to {years[1]}")
            _check_value(problems, file, f"{field}.{k}", v, spec.min, spec.max, spec.unit)
    else:
        _check_value(problems, file, field, value, spec.min, spec.max, spec.unit)
        if not problems and spec.kind in ("flag", "code") and float(value) != int(value):
            problems.add(file, field, value, "应为整数", "must be a whole number",
                         f"{int(spec.min)} 至 {int(spec.max)} 的整数",
                         f"a whole number from {int(spec.min)} to {int(spec.max)}")
    return problems


def _parse_catalogue(raw: dict, file: str) -> dict[str, LeverSpec]:
    problems = ProblemList()
    specs: dict[str, LeverSpec] = {}
    for group, entries in raw.items():
        for key, entry in entries.items():
            name = f"{group}.{key}"
            for req in ("label_zh", "label_en", "kind", "unit", "min", "max", "source",
                        "certainty", "values"):
                if req not in entry:
                    problems.add(file, f"{name}.{req}", None, "缺少必填字段", "required field missing",
                                 "见文件头说明", "see the file header")
            if any(req not in entry for req in ("kind", "min", "max", "values", "certainty")):
                continue
            if entry["kind"] not in KINDS:
                problems.add(file, f"{name}.kind", entry["kind"], "未知类型", "unknown kind",
                             "、".join(KINDS), ", ".join(KINDS))
            if entry["certainty"] not in CERTAINTIES:
                problems.add(file, f"{name}.certainty", entry["certainty"], "未知可信度",
                             "unknown certainty", "、".join(CERTAINTIES), ", ".join(CERTAINTIES))
            default = entry["values"]
            spec = LeverSpec(
                name=name, group=entry.get("group", group), label_zh=entry.get("label_zh", name),
                label_en=entry.get("label_en", name), kind=entry["kind"], unit=entry.get("unit", ""),
                min=float(entry["min"]), max=float(entry["max"]), source=entry.get("source", ""),
                certainty=entry["certainty"],
                default=default if isinstance(default, str) else (
                    {int(k): float(v) for k, v in default.items()} if isinstance(default, dict)
                    else float(default)),
                path=bool(entry.get("path", True)), codes=tuple(entry.get("codes", ())),
                source_zh=entry.get("source_zh", ""))
            if isinstance(default, str):
                if default not in DEFERRED_DEFAULTS:
                    problems.add(file, f"{name}.values", default, "未知的默认值来源",
                                 "unknown deferred default", "数值、年份路径、calibrated 或 demography",
                                 "a number, a year path, calibrated or demography")
            else:
                problems.extend(validate_value(spec, default, file, f"{name}.values").items)
            specs[name] = spec
    problems.raise_if_any()
    return specs


@lru_cache(maxsize=1)
def catalogue() -> Mapping[str, LeverSpec]:
    """All levers, by name, from ``data/parameters/levers.toml``."""
    with open(CATALOGUE_FILE, "rb") as fh:
        raw = tomllib.load(fh)
    return _parse_catalogue(raw, str(CATALOGUE_FILE.relative_to(DATA_DIR.parent)))


def load_region_overrides(region_dir: Path | None, display: str | None = None) -> dict[str, PathValue]:
    """Lever defaults a region replaces, from ``<region>/assumptions.toml`` (optional).

    The file has one table per lever group, e.g. ``[enterprise_pension]`` with
    ``average_base_py = {value = 60000, source = "..."}``. Returns ``{lever name: value}``.
    Checked like a scenario's levers: each value against the catalogue, then the cross-lever
    checks (:func:`check_cross_levers`: employer + employee rate at most 1 …). ``display`` is the
    file name shown in messages (an upload's name rather than a temporary folder).
    """
    if region_dir is None:
        return {}
    path = Path(region_dir) / "assumptions.toml"
    if not path.exists() and not path.is_symlink():
        return {}
    file = str(path) if display is None else display
    problems = ProblemList()
    raw = files.read_toml(path, problems, file)
    problems.raise_if_any()
    specs = catalogue()
    out: dict[str, PathValue] = {}
    for group, entries in raw.items():
        if not isinstance(entries, dict):
            problems.add(file, group, entries, "应为表", "must be a table", "[组名] 表",
                         "a [group] table")
            continue
        if not entries:
            problems.add(file, group, {}, "空表，不改变任何参数", "an empty table changes nothing",
                         "表中至少一个参数，或删去此表", "at least one lever in the table, or remove it")
        for key, entry in entries.items():
            name = f"{group}.{key}"
            if name not in specs:
                problems.add(file, name, entry, "未知参数", "unknown lever",
                             "levers.toml 中的参数名", "a lever name from levers.toml")
                continue
            if not isinstance(entry, dict) or "value" not in entry or "source" not in entry:
                problems.add(file, name, entry, "须给出 value 与 source", "needs value and source",
                             "{value = 数值, source = \"出处\"}", "{value = number, source = \"...\"}")
                continue
            value = entry["value"]
            if isinstance(value, dict) and specs[name].path:
                path_value = {}
                for k, v in value.items():
                    try:
                        path_value[int(k)] = v
                    except ValueError:
                        problems.add(file, f"{name}.value.{k}", k, "年份不是整数", "year is not an integer",
                                     "四位年份，如 2025", "a four-digit year such as 2025")
                value = path_value
            checked = validate_value(specs[name], value, file, name, years=HORIZON)
            problems.extend(checked.items)
            if not checked:
                out[name] = value
    if not problems:
        # the region's defaults must hold together as a scenario's levers must
        check_cross_levers(problems, file, out, HORIZON)
    problems.raise_if_any()
    return out


def check_cross_levers(problems: ProblemList, file: str, resolved: Mapping[str, PathValue],
                       horizon: tuple[int, int] = HORIZON) -> None:
    """Checks that span levers, on the merged result: a fund's employer + employee rate must
    stay within [0, 1] in every year; the early, late and short-of-years retirement shares of a
    cohort cannot add up to more than the whole cohort."""
    specs = catalogue()
    shares = ("retirement.early_share", "retirement.late_share", "retirement.short_share")
    years = list(range(horizon[0], horizon[1] + 1))
    ys = np.array(years)

    def path_of(name: str) -> np.ndarray:
        default = specs[name].default
        base = step_path(default, ys) if not isinstance(default, str) else np.zeros(len(ys))
        return overlay_path(base, resolved[name], ys) if name in resolved else base

    if any(n in resolved for n in shares):
        share_sum = sum(path_of(n) for n in shares)
        if np.any(share_sum > 1.0 + 1e-9):
            problems.add(file, " + ".join(f"levers.{n}" for n in shares), round(float(share_sum.max()), 6),
                         "三个退休比例之和超过 1", "the three retirement shares add up to more than 1",
                         "三者之和在 0 至 1 之间", "a sum from 0 to 1")
    funds = sorted({n.split(".")[0] for n in specs if n.endswith(".employee_rate")})
    for fund in funds:
        er, ee = f"{fund}.employer_rate", f"{fund}.employee_rate"
        if er not in resolved and ee not in resolved:
            continue
        total = path_of(er) + path_of(ee)
        if np.any(total > 1.0):
            bad = int(ys[np.argmax(total > 1.0)])
            problems.add(file, f"levers.{er} + levers.{ee}", round(float(total.max()), 6),
                         f"单位与个人费率之和在 {bad} 年超过 1", f"employer + employee rate exceeds 1 in {bad}",
                         "两者之和在 0 至 1 之间", "a sum from 0 to 1")


@dataclass(frozen=True)
class LeverSet:
    """Lever arrays for one batched run: ``values[name]`` is float ``(batch, n_years)``.

    A lever the whole batch shares may be a read-only broadcast view (``np.broadcast_to``) of
    one row, so a 10,000-path Monte Carlo run stores only the levers that vary. Treat the arrays
    as read-only; copy before changing one.
    """

    years: np.ndarray
    values: Mapping[str, np.ndarray]

    @property
    def batch(self) -> int:
        return next(iter(self.values.values())).shape[0]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]


def build_lever_set(years: Iterable[int], overrides: list[Mapping[str, PathValue]],
                    region_defaults: Mapping[str, PathValue] | None = None,
                    deferred: Mapping[str, np.ndarray | float] | None = None,
                    shared: Mapping[str, np.ndarray] | None = None) -> LeverSet:
    """Stack one dict of overrides per batch member onto the defaults.

    ``overrides[b][name]`` is laid over the default path of lever ``name`` for member ``b``
    (see :func:`overlay_path`).
    ``region_defaults`` replaces catalogue defaults for every member. ``deferred`` fills levers
    whose default is ``"calibrated"``/``"demography"`` (a scalar or an ``(n_years,)`` path);
    without it they are NaN. ``shared``, if given, holds every lever's default as a read-only
    ``(batch, n_years)`` broadcast view already built from the same defaults (the engine keeps
    them per horizon and batch size); a lever no member overrides is taken from it as it is.
    """
    years = np.asarray(list(years), dtype=int)
    specs = catalogue()
    region_defaults = region_defaults or {}
    deferred = dict(deferred or {})
    for b, ov in enumerate(overrides):
        unknown = [k for k in ov if k not in specs]
        if unknown:
            problems = ProblemList()
            for k in unknown:
                problems.add(f"batch[{b}]", k, ov[k], "未知参数", "unknown lever",
                             "levers.toml 中的参数名", "a lever name from levers.toml")
            problems.raise_if_any()
    values: dict[str, np.ndarray] = {}
    n = len(overrides)
    overridden = {name for ov in overrides for name in ov}
    if shared is not None and not overridden:       # nothing overridden: the shared views as they are
        return LeverSet(years=years, values={name: shared[name] for name in specs})
    for name, spec in specs.items():
        if shared is not None and name not in overridden:
            values[name] = shared[name]
            continue
        default = region_defaults.get(name, spec.default)
        if isinstance(default, str):
            fill = deferred.get(name, np.nan)
            base = np.broadcast_to(np.asarray(fill, dtype=float), years.shape).astype(float)
        else:
            base = step_path(default, years)
        members = [b for b, ov in enumerate(overrides) if name in ov]
        if not members:   # shared by the whole batch: a read-only view, no memory per member
            values[name] = np.broadcast_to(base, (n, len(years)))
            continue
        arr = np.empty((n, len(years)))
        arr[:] = base
        consecutive = len(years) and years[-1] - years[0] == len(years) - 1
        for b in members:
            if consecutive:
                overlay_row(arr[b], overrides[b][name], int(years[0]))
            else:
                arr[b] = overlay_path(arr[b], overrides[b][name], years)
        values[name] = arr
    return LeverSet(years=years, values=values)
