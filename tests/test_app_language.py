"""One language at a time: every lever's source reads in Chinese, naming the same public
documents as the English text; English mode shows no Chinese units."""
import re

from model.scenarios.levers import catalogue
from ui.levers_editor import display_unit

CJK = re.compile(r"[\u4e00-\u9fff]")
DOC = re.compile(r"〔(\d{4})〕(\d+)号")


def test_every_lever_source_has_a_chinese_text_naming_the_same_documents():
    for name, spec in catalogue().items():
        assert spec.source_zh and CJK.search(spec.source_zh), name
        assert "policy-facts" not in spec.source_zh, name  # public sources, not our notes
        english_docs = set(DOC.findall(spec.source))
        chinese_docs = set(DOC.findall(spec.source_zh))
        assert english_docs <= chinese_docs, (name, english_docs - chinese_docs)
        assert spec.source_text("zh") == spec.source_zh and spec.source_text("en") == spec.source


def test_english_labels_and_units_have_no_chinese():
    for name, spec in catalogue().items():
        assert not CJK.search(spec.label_en), name
        assert not CJK.search(display_unit(spec, "en")), (name, display_unit(spec, "en"))
