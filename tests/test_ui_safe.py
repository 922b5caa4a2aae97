"""User text in the app is text (issue 10 §2): no Markdown from names, no formulas in tables;
region uploads validated once per content, named by the uploaded files, folders removed (§5, §6)."""
from __future__ import annotations

import gc
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from model.errors import InputError, Problem
from ui import region_upload as ru
from ui import safe
from ui.guard import error_message

ROOT = Path(__file__).resolve().parents[1]
CHANGJI = ROOT / "data" / "regions" / "changji-2020"
FIXTURES = ROOT / "tests" / "fixtures"
PHISHING = "![x](https://evil.example/p.png) [登录 login](https://phish.example) :red[alarm] $x$ <b>hi</b>"


def test_markdown_in_a_name_is_escaped_so_it_shows_as_typed():
    escaped = safe.md(PHISHING)
    # every bracket, parenthesis, colon and dollar is escaped: no image, no link, no directive
    for token in ("![", "](", ":red[", "$x$"):
        assert token not in escaped
    assert escaped.replace("\\", "") == PHISHING
    assert safe.md("第一行\n第二行") == "第一行 第二行"


@pytest.mark.parametrize("value, shown", [
    ('=HYPERLINK("https://evil.example","点击")', '\'=HYPERLINK("https://evil.example","点击")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("-18.42亿元", "-18.42亿元"),     # a formatted figure stays as it is
    ("+3.00%", "+3.00%"),
    ("-1,234.5", "-1,234.5"),
    ("-60.1 个月 · 2060年", "-60.1 个月 · 2060年"),
    ("-1+HYPERLINK(\"https://evil\")", "'-1+HYPERLINK(\"https://evil\")"),
    ("企业养老", "企业养老"),
    (12.5, 12.5),
])
def test_formula_like_cells_are_escaped(value, shown):
    assert safe.cell(value) == shown


def test_frame_escapes_text_cells_and_column_names():
    table = pd.DataFrame({"情景": ["=1+1", "基准"], "=bad": [1.0, -2.0], "x": ["-5亿元", "@a"]})
    out = safe.frame(table)
    assert list(out.columns) == ["情景", "'=bad", "x"]
    assert out["情景"].tolist() == ["'=1+1", "基准"]
    assert out["'=bad"].tolist() == [1.0, -2.0]
    assert out["x"].tolist() == ["-5亿元", "'@a"]


def test_the_error_guard_escapes_the_users_values():
    err = InputError([Problem("[x](https://phish.example).toml", "name", "![i](https://evil.example/i.png)",
                              "坏", "bad", "好", "good")])
    kind, text = error_message(err, "en")
    assert kind == "input" and "](" not in text and "\\]\\(" in text


def test_a_shared_link_name_with_markdown_renders_as_text():
    """The issue's crafted share link: the name reaches the page as escaped text."""
    from ui import share

    shared = share.SharedScenario(base="baseline", id="phish", name_zh=PHISHING, name_en=PHISHING,
                                  levers={"enterprise_pension.employer_rate": {2022: 0.14}})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["page"] = "scenario"
    at.query_params[share.PARAM_NAME] = share.encode(shared)
    at.run()
    assert not at.exception
    rendered = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.success]
    assert not any("](https://" in text for text in rendered), rendered


# ------------------------------------------------------------------ region uploads

def _files(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.name in ru.ALLOWED]


def test_problems_name_the_uploaded_file_not_the_temporary_folder():
    uploads = _files(FIXTURES / "regions" / "malformed-unknown-fund")
    state: dict = {}
    folder, problems = ru.check_once(uploads, state)
    assert problems and all(str(folder) not in p.file and tempfile.gettempdir() not in p.file for p in problems)
    assert {p.file for p in problems} == {"figures.csv"}


def test_the_same_upload_is_validated_once_and_a_new_one_removes_the_old_folder(monkeypatch):
    state: dict = {}
    calls = []
    real = ru.check
    monkeypatch.setattr(ru, "check", lambda uploads: calls.append(1) or real(uploads))
    first, _ = ru.check_once(_files(CHANGJI), state)
    again, _ = ru.check_once(_files(CHANGJI), state)
    assert again == first and len(calls) == 1          # a rerun costs nothing and writes nothing
    second, _ = ru.check_once(_files(FIXTURES / "regions" / "synthetic-2022"), state)
    assert len(calls) == 2 and not first.exists() and second.exists()
    state.clear()                                       # the session ends: its state is dropped
    gc.collect()
    assert not second.exists()


def test_the_folder_in_use_is_kept_when_another_upload_comes():
    state: dict = {}
    first, _ = ru.check_once(_files(CHANGJI), state)
    ru.check_once(_files(FIXTURES / "regions" / "synthetic-2022"), state, in_use=str(first))
    assert first.exists()
    ru.remove(first)


def test_stale_folders_are_swept_and_nothing_else(tmp_path):
    old = Path(tempfile.mkdtemp(prefix=ru.FOLDER_PREFIX))
    assert ru.sweep_stale(now=old.stat().st_mtime + ru.STALE_AFTER + 1) >= 1
    assert not old.exists()
    ru.remove(tmp_path)           # not one of ours: left alone
    assert tmp_path.exists()


@pytest.mark.parametrize("damage, zh, en", [
    ("encrypted", "压缩包中的文件已加密", "the file is encrypted in the archive"),
    ("corrupted", "压缩包中的文件已损坏，无法解压", "the file in the archive is damaged and cannot be unpacked"),
])
def test_a_damaged_zip_entry_is_explained(damage, zh, en):
    data = (FIXTURES / "hostile" / f"zip-{damage}" / "region.zip").read_bytes()
    with pytest.raises(InputError) as info:
        ru.collect([("region.zip", data)])
    assert zh in info.value.text("zh") and en in info.value.text("en")
    assert "region.zip:figures.csv" in info.value.text("en")
