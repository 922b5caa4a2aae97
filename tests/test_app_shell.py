"""The app frame under Streamlit's AppTest: language switch, navigation, errors as messages."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from model.errors import InputError, Problem
from ui import guard, state

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def test_chinese_by_default_and_english_switch():
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "社保基金精算沙盘"
    assert at.sidebar.radio(key="lang").value == "zh"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Social insurance fund simulator"
    assert at.query_params["lang"] in ("en", ["en"])


def test_navigation_reaches_every_page_without_exception():
    at = _app().run()
    headers = {"baseline": "基线", "scenario": "情景", "compare": "对比", "risk": "风险", "export": "导出"}
    for page in state.PAGES:
        at.sidebar.radio(key="page").set_value(page).run()
        assert not at.exception, page
        assert at.header[0].value == headers[page]


def test_url_opens_page_and_language():
    at = _app()
    at.query_params["lang"] = "en"
    at.query_params["page"] = "risk"
    at.run()
    assert at.header[0].value == "Risk"


def test_input_error_shows_bilingual_problem_not_traceback():
    problem = Problem("scenario.toml", "levers.employer_rate", 0.9, "超出允许范围", "out of range",
                      "0 至 0.2", "0 to 0.2")
    err = InputError([problem])
    kind, zh = guard.error_message(err, "zh")
    zh = zh.replace("\\", "")  # the user's values are Markdown-escaped; as rendered:
    assert kind == "input"
    assert "文件 scenario.toml，字段 levers.employer_rate：超出允许范围" in zh
    kind, en = guard.error_message(err, "en")
    en = en.replace("\\", "")
    assert "file scenario.toml, field levers.employer_rate: out of range" in en
    kind, text = guard.error_message(ZeroDivisionError("division by zero"), "en")
    assert kind == "unexpected" and "ZeroDivisionError" in text and "Traceback" not in text
