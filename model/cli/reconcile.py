"""``python -m model reconcile``: the command-line shell over ``model.baseline.reconcile``."""
from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from model.baseline import region as region_module
from model.baseline.adopted import build_baseline
from model.baseline.derived import derived_quantities
from model.baseline.reconcile import SEVERITIES, reconcile
from model.cli.args import check_range
from model.errors import ProblemList

#: What the assumption options accept: (lowest, highest, what zh, what en).
ASSUMPTION_RANGES = {
    "average_base_py": (1.0, 10_000_000.0, "平均缴费基数（元/年）", "the average contribution base (元 per year)"),
    "pension_employer_rate": (0.0, 1.0, "养老单位费率（比例）", "the pension employer rate (a fraction)"),
    "pension_employee_rate": (0.0, 1.0, "养老个人费率（比例）", "the pension employee rate (a fraction)"),
    "collection_rate": (0.01, 1.0, "征缴率（比例）", "the collection rate (a fraction)"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", default=None, help="地区文件夹 / region folder (default: Changji 2020)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--all", action="store_true", help="也列出 ok 项 / also list checks that are ok")
    for name, help_text in (
            ("--average-base-py", "假设：平均缴费基数 元/年 / assumption: average contribution base, 元 per year"),
            ("--pension-employer-rate", "假设：养老单位费率 / assumption: pension employer rate (fraction)"),
            ("--pension-employee-rate", "假设：养老个人费率 / assumption: pension employee rate (fraction)"),
            ("--collection-rate", "假设：征缴率 / assumption: collection rate (fraction)")):
        parser.add_argument(name, type=float, default=None, help=help_text)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "fraction":
        return f"{value * 100:.2f}%"
    if unit == "万元":
        return f"{value:,.1f}万元" if abs(value) < 1e5 else f"{value:,.0f}万元"
    return f"{value:,.2f}{unit}" if unit == "元/月" else f"{value:,.0f}{unit}"


def run_cli(args: argparse.Namespace) -> int:
    problems = ProblemList()
    for name, (lo, hi, zh, en) in ASSUMPTION_RANGES.items():
        check_range(problems, "--" + name.replace("_", "-"), getattr(args, name), lo, hi, (zh, en))
    problems.raise_if_any()
    region_dir = Path(args.region) if args.region else region_module.default_region_dir()
    region = region_module.load_region(region_dir)
    rec = reconcile(region)
    baseline = build_baseline(region, rec)
    assumptions = {k: getattr(args, k) for k in ("average_base_py", "pension_employer_rate",
                                                 "pension_employee_rate", "collection_rate")}
    derived = derived_quantities(baseline, **assumptions)
    if args.format == "json":
        payload = {
            "region": {"id": region.id, "name_zh": region.name_zh, "name_en": region.name_en,
                       "base_year": region.base_year},
            "findings": [asdict(f) for f in rec.findings],
            "derived": [asdict(d) for d in derived],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return 0
    zh = args.lang == "zh"
    counts = {s: sum(1 for f in rec.findings if f.severity == s) for s in SEVERITIES}
    label = {"ok": ("一致", "ok"), "rounding": ("舍入", "rounding"), "conflict": ("矛盾", "CONFLICT")}
    print(f"{region.name_zh if zh else region.name_en} {region.base_year} — "
          + ("核对结果" if zh else "reconciliation")
          + f": {counts['conflict']} {label['conflict'][0 if zh else 1]}, "
            f"{counts['rounding']} {label['rounding'][0 if zh else 1]}, {counts['ok']} {label['ok'][0 if zh else 1]}")
    shown = [f for f in rec.findings if args.all or f.severity != "ok" or f.check in ("adoption", "composite")]
    for f in shown:
        print()
        print(f"[{label[f.severity][0 if zh else 1]}] {f.title_zh if zh else f.title_en}")
        for r in f.figures:
            print(f"    {r.section}「{r.quote}」")
        if f.stated is not None:
            gap_text = "" if f.gap_in_tolerance is None else (
                f"（{f.gap_in_tolerance:.1f} 倍容差）" if zh else f" ({f.gap_in_tolerance:.1f}× tolerance)")
            print(("    陈述 " if zh else "    stated ") + _fmt(f.stated, f.unit)
                  + (" · 推算 " if zh else " · implied ") + _fmt(f.implied, f.unit)
                  + (" · 差 " if zh else " · gap ") + _fmt(f.gap, f.unit) + gap_text)
        why = f.why_zh if zh else f.why_en
        if f.adopted is not None or why:
            print(("    采用 " if zh else "    adopted ") + (_fmt(f.adopted, f.unit) + " — " if f.adopted is not None else "") + why)
    print()
    print("派生量 / derived quantities" if zh else "derived quantities / 派生量")
    for d in derived:
        print(f"  {d.fund:<20} {d.name_zh if zh else d.name_en}: {_fmt(d.value, d.unit) if d.unit != '元' else f'{d.value:,.0f}元'}"
              f"   [{d.formula}]")
    return 0
