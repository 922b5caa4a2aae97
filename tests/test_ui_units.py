"""Every lever's unit has a Chinese form in the scenario builder (no English left in the zh UI)."""
from model.scenarios.levers import catalogue
from ui.levers_editor import display_unit


def test_every_lever_unit_reads_in_chinese():
    untranslated = sorted({spec.unit for spec in catalogue().values()
                           if any(ch.isascii() and ch.isalpha() for ch in display_unit(spec, "zh"))})
    assert untranslated == []
