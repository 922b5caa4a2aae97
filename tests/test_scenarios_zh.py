"""Each shipped scenario reads completely in Chinese (issue 11 §5): a Chinese description and
rationale beside the English ones, naming the same public documents, and the app's Chinese mode
shows them (falling back to English only for a user's file that has no Chinese text)."""
from __future__ import annotations

import re

from model.scenarios import load_library, scenario_from_levers
from model.scenarios.library import dumps, load_scenario

DOCUMENT = re.compile(r"〔\d{4}〕\d+号")
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_shipped_scenario_has_chinese_description_and_rationale():
    for sid, s in load_library().items():
        assert CJK.search(s.description_zh), sid
        assert CJK.search(s.rationale_zh), sid


def test_chinese_rationale_names_the_same_documents():
    for sid, s in load_library().items():
        english = set(DOCUMENT.findall(s.rationale + s.description))
        chinese = set(DOCUMENT.findall(s.rationale_zh + s.description_zh))
        assert english <= chinese, (sid, english - chinese)


def test_language_choice_and_fallback():
    s = load_library()["employer_rate_14"]
    assert s.describe("zh") == s.description_zh and s.describe("en") == s.description
    assert s.reason("zh") == s.rationale_zh and s.reason("en") == s.rationale
    own = scenario_from_levers("mine", {}, name_zh="我的", name_en="Mine")
    assert own.description_zh == "" and own.describe("zh") == own.description


def test_chinese_fields_round_trip_through_the_file(tmp_path):
    s = load_library()["work_injury_rate_062"]
    path = tmp_path / "work_injury_rate_062.toml"
    path.write_text(dumps(s), encoding="utf-8")
    (tmp_path / "baseline.toml").write_text(dumps(load_library()["baseline"]), encoding="utf-8")
    back = load_scenario(path)
    assert (back.description_zh, back.rationale_zh) == (s.description_zh, s.rationale_zh)
