"""Every UI string the app asks for exists in Chinese and English."""
import ast
from pathlib import Path

import pytest

from ui import i18n

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py"))]


def _literal_keys() -> set[tuple[str, str]]:
    """(file, key) for every ``t("literal", …)`` call in app.py and ui/."""
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.add((path.name, node.args[0].value))
    return found


def test_pages_use_many_keys():
    # guards the walker itself: if it stopped finding calls, the next test would pass vacuously
    assert len(_literal_keys()) >= 30


@pytest.mark.parametrize("where, key", sorted(_literal_keys()))
def test_every_key_used_has_both_languages(where, key):
    for lang in i18n.LANGS:
        text = i18n.STRINGS[key][lang]
        assert text.strip(), f"{where}: {key!r} has empty {lang}"


def test_dynamic_key_families_complete():
    from ui import charts, state
    for fund in i18n.FUNDS:
        for lang in i18n.LANGS:
            assert i18n.fund_label(fund, lang)
    indicators = charts.MONEY_INDICATORS | charts.PERSON_INDICATORS | {"dependency_ratio", "payable_months"}
    for ind in indicators:
        for lang in i18n.LANGS:
            assert i18n.indicator_label(ind, lang)
    for page in state.PAGES:
        assert i18n.t(f"nav.{page}", "zh") != i18n.t(f"nav.{page}", "en")


def test_all_entries_have_exactly_zh_and_en_with_same_placeholders():
    import string
    for key, entry in i18n.STRINGS.items():
        assert set(entry) == set(i18n.LANGS), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in i18n.LANGS]
        assert fields[0] == fields[1], f"{key}: placeholders differ between zh and en"


def test_missing_key_or_language_raises():
    with pytest.raises(KeyError, match="nav.nowhere"):
        i18n.t("nav.nowhere", "zh")
    with pytest.raises(KeyError, match="fr"):
        i18n.t("nav.baseline", "fr")
    assert i18n.t("chart.balance_title", "zh", fund="工伤保险") == "工伤保险：累计结余"


def test_one_name_for_the_contributor_ratio():
    """Issue 11 §3: contributors per beneficiary is 在职退休比 everywhere (data/variables.csv's
    name), never 抚养比 or 领取人数/缴费人数, and in English never "dependency"."""
    for key, entry in i18n.STRINGS.items():
        assert "抚养比" not in entry["zh"] and "领取人数/缴费人数" not in entry["zh"], key
        assert "dependency" not in entry["en"].lower(), key
