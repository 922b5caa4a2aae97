"""Chinese text that renders everywhere in pptx, docx and xlsx, and text cells that never become
formulas.

Fonts: names that exist on a finance bureau's Windows machine (宋体, 仿宋, 黑体, 微软雅黑). On Linux
(LibreOffice, the render tests) fontconfig has no such faces and falls back glyph by glyph to an
installed CJK face (Debian's fonts-noto-cjk: Noto Sans/Serif CJK SC); ``LINUX_FALLBACK`` names it
for readers and tests.

- pptx: python-pptx writes only ``<a:latin>``. :func:`pptx_cjk` sets ``<a:ea>`` (and ``<a:cs>``)
  and ``lang="zh-CN"`` on every run, paragraph end and default run property of every slide, table
  and chart, and the theme's East Asian major/minor font, so PowerPoint on macOS, WPS,
  LibreOffice and Google Slides pick a Chinese face.
- docx: python-docx has no East Asian font API, and the template's heading styles carry
  ``w:eastAsiaTheme`` which overrides ``w:eastAsia``. :func:`docx_cjk_style` sets
  ``w:rFonts`` (ascii, hAnsi, eastAsia, cs), removes the theme attributes and sets
  ``w:lang w:eastAsia="zh-CN"`` on a style; :func:`docx_cjk` does it for the document defaults
  and every style the document uses.
- xlsx: a font per cell format (:func:`xlsx_font`); :func:`xlsx_text` writes user text as a
  string with Excel's quote prefix when it begins with ``= + - @``, a tab or a carriage return
  (the characters that start a formula or a DDE payload), so a scenario name can never run.
"""
from __future__ import annotations

from lxml import etree

#: Windows faces a bureau has (宋体 SimSun, 仿宋 FangSong, 黑体 SimHei, 微软雅黑 Microsoft YaHei)
BODY_FONT = "仿宋"          # 测算报告 body text, as 公文 are set
TABLE_FONT = "宋体"         # tables in documents and every workbook cell
HEADING_FONT = "黑体"       # headings
DECK_FONT = "微软雅黑"      # slides
LATIN_FONT = "Times New Roman"
DECK_LATIN_FONT = "Arial"
LINUX_FALLBACK = "Noto Sans CJK SC"
LANG_ZH = "zh-CN"
LANG_EN = "en-US"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "{%s}" % A_NS
_W = "{%s}" % W_NS

# children of a:rPr / a:defRPr / a:endParaRPr that must come AFTER a:latin, a:ea, a:cs (schema order)
_AFTER_CS = ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
_AFTER_LATIN = ("ea", "cs") + _AFTER_CS


# ------------------------------------------------------------------ pptx


def _insert_before(parent, child, successors: tuple[str, ...]) -> None:
    for tag in successors:
        found = parent.find(_A + tag)
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _set_typeface(rpr, tag: str, typeface: str, successors: tuple[str, ...]) -> None:
    el = rpr.find(_A + tag)
    if el is None:
        el = etree.SubElement(rpr, _A + tag)
        rpr.remove(el)
        _insert_before(rpr, el, successors)
    el.set("typeface", typeface)


def cjk_run_properties(rpr, east_asian: str = DECK_FONT, latin: str | None = None,
                       lang: str = LANG_ZH) -> None:
    """Give one ``a:rPr`` / ``a:defRPr`` / ``a:endParaRPr`` element its East Asian face and
    language: ``lang`` and ``altLang`` attributes, ``<a:latin>`` (if ``latin``), ``<a:ea>`` and
    ``<a:cs>`` in schema order."""
    rpr.set("lang", lang)
    rpr.set("altLang", LANG_EN if lang == LANG_ZH else LANG_ZH)
    if latin is not None:
        _set_typeface(rpr, "latin", latin, _AFTER_LATIN)
    _set_typeface(rpr, "ea", east_asian, ("cs",) + _AFTER_CS)
    _set_typeface(rpr, "cs", east_asian, _AFTER_CS)


def _cjk_xml_tree(root, east_asian: str, latin: str | None, lang: str) -> None:
    """Every run, paragraph-end and default run property below ``root``; runs and paragraphs
    without properties get them."""
    for r in root.iter(_A + "r"):
        if r.find(_A + "rPr") is None:
            r.insert(0, etree.Element(_A + "rPr"))
    for tag in ("rPr", "defRPr", "endParaRPr"):
        for rpr in root.iter(_A + tag):
            cjk_run_properties(rpr, east_asian, latin, lang)


def pptx_cjk(prs, east_asian: str = DECK_FONT, latin: str = DECK_LATIN_FONT,
             lang: str = LANG_ZH) -> None:
    """Set the East Asian face and language on every text run of a python-pptx ``Presentation``:
    slides (shapes, tables, notes), charts' text, and the theme's major/minor ``a:ea``."""
    for slide in prs.slides:
        _cjk_xml_tree(slide.shapes._spTree, east_asian, latin, lang)
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                chart_space = shape.chart._chartSpace
                for tx_pr in chart_space.iter("{http://schemas.openxmlformats.org/drawingml/2006/chart}txPr"):
                    _cjk_xml_tree(tx_pr, east_asian, latin, lang)
                for rich in chart_space.iter("{http://schemas.openxmlformats.org/drawingml/2006/chart}rich"):
                    _cjk_xml_tree(rich, east_asian, latin, lang)
    for master in prs.slide_masters:
        for part in [master, *master.slide_layouts]:
            _cjk_xml_tree(part.shapes._spTree, east_asian, latin, lang)
        _theme_ea(master, east_asian)


def _theme_ea(master, east_asian: str) -> None:
    """The theme's ``<a:majorFont>`` and ``<a:minorFont>`` East Asian typeface."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme_part = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    for font_group in ("majorFont", "minorFont"):
        for group in root.iter(_A + font_group):
            ea = group.find(_A + "ea")
            if ea is not None:
                ea.set("typeface", east_asian)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def chart_cjk_text(chart, size_pt: float, east_asian: str = DECK_FONT, latin: str = DECK_LATIN_FONT,
                   lang: str = LANG_ZH) -> None:
    """A chart-wide text property (``c:chartSpace/c:txPr``): size, East Asian face and language for
    axis labels, legend and data labels of a python-pptx chart."""
    chart.font.size = _pt(size_pt)
    chart.font.name = latin
    tx_pr = chart._chartSpace.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}txPr")
    _cjk_xml_tree(tx_pr, east_asian, latin, lang)


def _pt(size: float):
    from pptx.util import Pt
    return Pt(size)


# ------------------------------------------------------------------ docx


_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def _w(tag: str) -> str:
    return _W + tag


def _rpr_fonts(rpr, east_asian: str, latin: str, lang: str) -> None:
    """``w:rFonts`` with explicit faces (theme attributes removed) and ``w:lang``, in schema
    order (rFonts first in w:rPr; lang after the size and colour elements)."""
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        fonts = etree.Element(_w("rFonts"))
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(_w(attr), None)
    fonts.set(_w("ascii"), latin)
    fonts.set(_w("hAnsi"), latin)
    fonts.set(_w("eastAsia"), east_asian)
    fonts.set(_w("cs"), latin)
    fonts.set(_w("hint"), "eastAsia")
    lang_el = rpr.find(_w("lang"))
    if lang_el is None:
        lang_el = etree.Element(_w("lang"))
        # w:lang sits after w:sz/w:szCs/w:highlight/w:u/w:effect/w:bdr/w:shd/w:fitText/w:vertAlign/
        # w:rtl/w:cs/w:em and before w:eastAsianLayout/w:specVanish/w:oMath
        successors = [rpr.find(_w(t)) for t in ("eastAsianLayout", "specVanish", "oMath")]
        successors = [s for s in successors if s is not None]
        if successors:
            successors[0].addprevious(lang_el)
        else:
            rpr.append(lang_el)
    lang_el.set(_w("val"), LANG_EN if lang == LANG_ZH else lang)
    lang_el.set(_w("eastAsia"), LANG_ZH)


def docx_cjk_style(style, east_asian: str, latin: str = LATIN_FONT, lang: str = LANG_ZH) -> None:
    """One python-docx style: explicit Latin and East Asian faces, theme overrides removed,
    ``w:lang w:eastAsia="zh-CN"``."""
    rpr = style.element.get_or_add_rPr()
    _rpr_fonts(rpr, east_asian, latin, lang)


def docx_cjk(document, body: str = BODY_FONT, heading: str = HEADING_FONT, table: str = TABLE_FONT,
             latin: str = LATIN_FONT, lang: str = LANG_ZH) -> None:
    """Document defaults and every paragraph, character and table style of ``document``:
    headings (and Title) in ``heading``, tables in ``table``, everything else in ``body``."""
    styles_el = document.styles.element
    defaults = styles_el.find(_w("docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(_w("rPrDefault"))
        if rpr_default is not None:
            rpr = rpr_default.find(_w("rPr"))
            if rpr is None:
                rpr = etree.SubElement(rpr_default, _w("rPr"))
            _rpr_fonts(rpr, body, latin, lang)
    for style in document.styles:
        name = style.name or ""
        if name.startswith("Heading") or name in ("Title", "Subtitle", "TOC Heading"):
            face = heading
        elif "Table" in name or name == "Caption":
            face = table
        else:
            face = body
        if style.type is not None and style.element.tag == _w("style"):
            docx_cjk_style(style, face, latin, lang)


def docx_run_font(run, east_asian: str, latin: str = LATIN_FONT, lang: str = LANG_ZH) -> None:
    """A run that needs a face other than its style's (e.g. bold table headers in 黑体)."""
    _rpr_fonts(run._element.get_or_add_rPr(), east_asian, latin, lang)


# ------------------------------------------------------------------ xlsx


def needs_escape(text: str) -> bool:
    """True if a spreadsheet would read ``text`` as a formula (or a DDE payload)."""
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def xlsx_text(cell, text: str) -> None:
    """Write user text into an openpyxl cell as text, never a formula: the value is stored as a
    string and, when it begins with a formula character, marked with Excel's quote prefix
    (shown as typed, kept as text when a user edits it)."""
    cell.value = text
    cell.data_type = "s"
    if needs_escape(text):
        cell.quotePrefix = True


def xlsx_font(bold: bool = False, size: float = 10.5, color: str | None = None, name: str = TABLE_FONT):
    """The one font every workbook cell uses (宋体 by default), with the East Asian charset."""
    from openpyxl.styles import Font
    return Font(name=name, size=size, bold=bold, color=color, charset=134)  # 134 = GB2312
