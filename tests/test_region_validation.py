"""Malformed region folders: each fails with its own message naming file, field and what is allowed."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.cli import main
from model.errors import InputError
from model.baseline.region import load_region
from model.engine import validate_region

FIXTURES = Path(__file__).parent / "fixtures" / "regions"

CASES = {
    # fixture: (file, field, value, words in the English message, words in the allowed text)
    "malformed-missing-field": ("region.toml", "region.base_year", None, "required field missing", "four-digit year"),
    "malformed-text-number": ("figures.csv", "row 24.value", "about 4.8", "not a number", "a number such as"),
    "malformed-negative-count": ("figures.csv", "row 39.value", "-10", "insured cannot be negative", "≥ 0"),
    "malformed-yi-as-wan": ("figures.csv", "row 10.unit", "12.00 万元", "looks like 亿元", "亿元"),
    "malformed-unknown-fund": ("figures.csv", "row 44.fund", "medical", "unknown fund", "enterprise_pension"),
    "malformed-items-exceed": ("figures.csv", "row 10.value", "12.00 亿元", "more than the total", "items adding to at most"),
    "malformed-broken-csv": ("figures.csv", "row 49", "unexpected end of data", "CSV syntax error", "balanced quotes"),
    "malformed-broken-toml": ("region.toml", "(syntax)", None, "TOML syntax error", "valid TOML"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_fixture_gives_exactly_its_own_problem(name):
    file, field, value, what, allowed = CASES[name]
    problems = validate_region(FIXTURES / name)
    assert len(problems) == 1, [p.text("en") for p in problems]
    problem = problems[0]
    assert Path(problem.file).name == file
    assert problem.field == field
    if value is not None:
        assert problem.value == value
    assert what in problem.what_en and allowed in problem.allowed_en
    assert problem.what_zh and problem.allowed_zh   # both languages present


def test_items_exceeding_total_message_gives_the_sum():
    problem = validate_region(FIXTURES / "malformed-items-exceed")[0]
    # 11.90 + 0.50 + 0.40 = 12.80亿 = 128000万 against a total of 120000万
    assert "128000" in problem.what_en and "120000" in problem.what_en


def test_load_region_raises_input_error_with_every_problem(tmp_path):
    import shutil
    folder = tmp_path / "two-problems"
    shutil.copytree(FIXTURES / "malformed-unknown-fund", folder)
    text = (folder / "figures.csv").read_text(encoding="utf-8")
    (folder / "figures.csv").write_text(text.replace("public_pension,2022,pension_benefits,4.80,",
                                                     "public_pension,2022,pension_benefits,x,"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_region(folder)
    assert {p.field for p in caught.value.problems} == {"row 44.fund", "row 24.value"}


def test_validate_region_cli_exit_codes(capsys):
    assert main(["validate-region", str(FIXTURES / "synthetic-2022")]) == 0
    assert main(["validate-region", str(FIXTURES / "malformed-unknown-fund"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "unknown fund" in out and "row 44.fund" in out


def test_missing_folder_is_a_problem_not_a_traceback(tmp_path):
    problems = validate_region(tmp_path / "nowhere")
    assert [p.field for p in problems] == ["(folder)"]


def test_changji_region_is_valid():
    from model.baseline.region import default_region_dir
    assert validate_region(default_region_dir()) == []
