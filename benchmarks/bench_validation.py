"""Region validation time against the number of rows in figures.csv (issue 10 §6).

A figures.csv of N rows is made by repeating Changji's rows (the worst case for the scale
checks, which compare statements of one quantity); ``validate_region`` must stay linear in
rows and take well under 1 s for 20,000 rows (the file cap is 50,000 rows, each quantity at
most 12 statements). Writes ``bench_validation.json`` beside this file.

    .venv/bin/python benchmarks/bench_validation.py
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import timed  # noqa: E402

from model.engine import validate_region  # noqa: E402
from model.paths import DEFAULT_REGION_DIR  # noqa: E402


def region_of(rows: int, folder: Path) -> Path:
    shutil.copytree(DEFAULT_REGION_DIR, folder)
    lines = (folder / "figures.csv").read_text(encoding="utf-8").splitlines()
    body = lines[1:]
    repeated = (body * (rows // len(body) + 1))[:rows]
    (folder / "figures.csv").write_text("\n".join([lines[0], *repeated]) + "\n", encoding="utf-8")
    return folder


def main() -> None:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        out["changji (278 rows)"] = timed(lambda: validate_region(DEFAULT_REGION_DIR), repeat=3)
        for rows in (1_000, 5_000, 20_000, 50_000):
            folder = region_of(rows, Path(tmp) / f"r{rows}")
            out[f"{rows} rows"] = timed(lambda: validate_region(folder), repeat=3)
    for name, seconds in out.items():
        print(f"{name:>20}: {seconds * 1000:8.1f} ms")
    print(f"20,000 / 5,000 rows: {out['20000 rows'] / out['5000 rows']:.2f} (linear = 4)")
    (Path(__file__).with_name("bench_validation.json")).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
