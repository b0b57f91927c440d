"""Unit tests for the lint grammars, Word's font resolution and the rules on small documents.

Each rule's whole-document test is in test_lint_samples.py (a bad sample per rule);
here are the cases a sample does not show.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from gkparse.lint import lint_files
from gkparse.lint.config import ConfigError, checked_codes, ignored_rules
from gkparse.lint.layout import DATE_LINE
from gkparse.lint.rules import date_problems, doc_number_problems, heading_of, page_number_text
from gkparse.lint.styles import StyleSheet, in_family

from docx_factory import NAMESPACES, p, r

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def xml(text: str) -> etree._Element:
    return etree.fromstring(text)


def styles_xml(body: str, defaults: str = "") -> etree._Element:
    return xml(f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{defaults}'
               f"</w:rPr></w:rPrDefault></w:docDefaults>{body}</w:styles>")


THEME = xml(f'<a:theme xmlns:a="{A}"><a:themeElements><a:fontScheme name="Office">'
            '<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/>'
            '<a:font script="Hans" typeface="等线 Light"/></a:majorFont>'
            '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/>'
            '<a:font script="Jpan" typeface="ＭＳ 明朝"/><a:font script="Hans" typeface="等线"/>'
            "</a:minorFont></a:fontScheme></a:themeElements></a:theme>")
NORMAL = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
          '<w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style>')
HEADING = ('<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>'
           '<w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>')
EMPHASIS = ('<w:style w:type="character" w:styleId="Kai"><w:name w:val="楷"/>'
            '<w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>')
THEME_DEFAULTS = '<w:rFonts w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="21"/>'


def paragraph(inner: str) -> etree._Element:
    return xml(f"<w:p {NAMESPACES}>{inner}</w:p>")


def resolve(sheet: StyleSheet, para: str) -> tuple[str | None, float, str]:
    element = paragraph(para)
    run = element.find(f"{{{W}}}r")
    fmt = sheet.run_format(element, run)
    return fmt.font_name, fmt.size_pt, fmt.font.source


def test_run_properties_win_over_every_style() -> None:
    sheet = StyleSheet(styles_xml(NORMAL + HEADING + EMPHASIS, THEME_DEFAULTS), THEME)
    run = '<w:r><w:rPr><w:rStyle w:val="Kai"/><w:rFonts w:eastAsia="宋体"/></w:rPr><w:t>字</w:t></w:r>'
    assert resolve(sheet, '<w:pPr><w:pStyle w:val="H1"/></w:pPr>' + run)[:2] == ("宋体", 16)


def test_character_style_then_paragraph_style_chain_then_default_style() -> None:
    sheet = StyleSheet(styles_xml(NORMAL + HEADING + EMPHASIS, THEME_DEFAULTS), THEME)
    kai = '<w:r><w:rPr><w:rStyle w:val="Kai"/></w:rPr><w:t>字</w:t></w:r>'
    assert resolve(sheet, kai) == ("楷体_GB2312", 16, "the character style '楷'")
    heading = '<w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>字</w:t></w:r>'
    assert resolve(sheet, heading) == ("黑体", 16, "the paragraph style 'heading 1'")
    # No pStyle: the default paragraph style (Normal), whose size comes through to H1 too.
    assert resolve(sheet, "<w:r><w:t>字</w:t></w:r>") == (
        "仿宋_GB2312", 16, "the paragraph style 'Normal'")


def test_theme_fonts_follow_the_theme_font_language() -> None:
    bare = StyleSheet(styles_xml("", THEME_DEFAULTS), THEME)
    assert resolve(bare, "<w:r><w:t>字</w:t></w:r>")[:2] == ("等线", 10.5)  # zh-CN by default
    japanese = xml(f'<w:settings xmlns:w="{W}"><w:themeFontLang w:val="en-US" '
                   'w:eastAsia="ja-JP"/></w:settings>')
    sheet = StyleSheet(styles_xml("", THEME_DEFAULTS), THEME, japanese)
    font, _, source = resolve(sheet, "<w:r><w:t>字</w:t></w:r>")
    assert font == "ＭＳ 明朝" and "theme font minorEastAsia" in source


def test_a_theme_attribute_beats_the_plain_name_at_the_same_layer() -> None:
    sheet = StyleSheet(styles_xml(""), THEME)
    run = ('<w:r><w:rPr><w:rFonts w:eastAsia="仿宋" w:eastAsiaTheme="minorEastAsia"/></w:rPr>'
           "<w:t>字</w:t></w:r>")
    assert resolve(sheet, run)[0] == "等线"


def test_nothing_set_is_no_font_and_words_default_size() -> None:
    assert resolve(StyleSheet(None), "<w:r><w:t>字</w:t></w:r>")[:2] == (None, 10.0)


def test_style_loops_are_cut() -> None:
    looped = ('<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>')
    sheet = StyleSheet(styles_xml(looped))
    assert resolve(sheet, '<w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>字</w:t></w:r>')[0] is None


@pytest.mark.parametrize(("font", "family", "expected"), [
    ("方正小标宋简体", "小标宋", True), ("方正小标宋_GBK", "小标宋", True),
    ("FZXiaoBiaoSong-B05S", "小标宋", True), ("仿宋_GB2312", "仿宋", True),
    ("FangSong", "仿宋", True), ("方正仿宋_GBK", "仿宋", True), ("宋体", "仿宋", False),
    ("SimHei", "黑体", True), ("楷体_GB2312", "楷体", True), ("KaiTi", "楷体", True),
    ("等线", "仿宋", False), (None, "仿宋", False)])
def test_font_families(font: str | None, family: str, expected: bool) -> None:
    assert in_family(font, family) is expected


@pytest.mark.parametrize(("text", "problems"), [
    ("国办发〔2025〕12号", 0), ("国办发〔2025〕12号签发人：张三", 0), ("国办发(2025)12号", 1),
    ("国办发【2025】12号", 1), ("国办发〔25〕12号", 1), ("国办发〔2025〕第12号", 1),
    ("国办发〔2025〕012号", 1), ("国办发〔2025〕12", 1), ("国办发〔２０２５〕１２号", 1),
    ("国办发[25]第012", 5)])
def test_doc_number_problems(text: str, problems: int) -> None:
    assert len(doc_number_problems(text)) == problems, doc_number_problems(text)


@pytest.mark.parametrize(("text", "problems"), [
    ("2025年6月16日", 0), ("2025年12月1日", 0), ("2025年06月16日", 1), ("2025年6月06日", 1),
    ("25年6月16日", 1), ("二〇二五年六月十六日", 1), ("２０２５年６月１６日", 1)])
def test_date_problems(text: str, problems: int) -> None:
    match = DATE_LINE.match(text)
    assert match is not None and len(date_problems(match)) == problems


@pytest.mark.parametrize(("text", "expected"), [
    ("一、总体要求", (1, 1, True)), ("十二、其他", (1, 12, True)), ("二十三、附则", (1, 23, True)),
    ("（三）强化保障", (2, 3, True)), ("3.完善目录", (3, 3, True)), ("3．完善目录", (3, 3, True)),
    ("（4）按时报送", (4, 4, True)), ("一.总体要求", (1, 1, False)), ("(一)强化", (2, 1, False)),
    ("（一）、强化", (2, 1, False)), ("1、完善", (3, 1, False)), ("(2)报送", (4, 2, False)),
    ("1.5亿元用于", None), ("各部门要", None)])
def test_heading_numbers(text: str, expected: tuple[int, int, bool] | None) -> None:
    found = heading_of(text)
    assert (found[0], found[1], found[3]) == expected if found else expected is None


FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
         '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
         '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize(("inner", "expected"), [
    (r("— ") + FIELD + r(" —"), "—{PAGE}—"),
    ('<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT ">' + r("3") + "</w:fldSimple>" + r(" —"),
     "{PAGE}—"),
    (r("第") + FIELD.replace("PAGE", "NUMPAGES") + r("页"), None),
    (r("— 3 —"), None)])
def test_page_number_fields(inner: str, expected: str | None) -> None:
    assert page_number_text(paragraph(inner)) == expected


# Whole documents, for what no sample shows.

def lint_body(make_notice, body: str, **kw) -> list[tuple[str, str]]:
    return [(f.code, f.problem) for f in lint_files([make_notice(body)], **kw).findings]


def test_a_half_width_colon_after_the_addressee(make_notice) -> None:
    found = lint_body(make_notice, p("关于做好政务公开工作的通知") + p("") + p("各部门:") +
                      p("现将有关事项通知如下。"))
    assert ("GB121", "the 主送机关 ends with a half-width colon; use ：") in found


def test_a_plan_without_head_or_date(make_notice) -> None:
    found = {code for code, _ in lint_body(make_notice, p("各部门要抓好落实。") + p("二、其他。"))}
    assert {"GB111", "GB142"} <= found and "GB102" not in found


def test_an_annotation_before_the_date(make_notice) -> None:
    body = (p("关于做好政务公开工作的通知") + p("各部门：") + p("现将有关事项通知如下。") +
            p("（此件公开发布）") + p("东湖县人民政府办公室") + p("2025年3月5日"))
    found = lint_body(make_notice, body)
    assert ("GB151", "the 附注 is not on the line after the 成文日期") in found


def test_a_single_attachment_is_not_numbered(make_notice) -> None:
    body = (p("关于做好政务公开工作的通知") + p("各部门：") + p("现将有关事项通知如下。") +
            p("附件：1.任务分工") + p("东湖县人民政府办公室") + p("2025年3月5日") +
            p("附件") + p("任务分工"))
    found = lint_body(make_notice, body)
    assert ("GB131", "a single attachment is not numbered") in found
    assert not [c for c, _ in found if c in ("GB132", "GB133")]


def test_heading_numbers_restart_under_a_new_parent(make_notice) -> None:
    body = (p("关于做好政务公开工作的通知") + p("各部门：") + p("一、总体要求") + p("（一）目标") +
            p("（二）原则") + p("二、重点任务") + p("（一）公开") + p("（一）解读") + p("四、保障"))
    found = [(c, m) for c, m in lint_body(make_notice, body) if c == "GB301"]
    assert found == [("GB301", "level-2 heading number 1 repeats: 2 was due"),
                     ("GB301", "level-1 heading number 4 skips: 3 was due")]


def test_page_setup_of_a_landscape_section_is_not_held_to_portrait_margins(make_notice) -> None:
    landscape = ('<w:p><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
                 '<w:pgMar w:top="1000" w:bottom="1000" w:left="1000" w:right="1000"/>'
                 "</w:sectPr></w:pPr></w:p>")
    found = [(f.code, f.where) for f in lint_files([make_notice(landscape)]).findings
             if f.code.startswith("GB20")]
    # Section 2 (the body's own, empty sectPr) sets no page size at all.
    assert found == [("GB201", "section 2")]


def test_ignored_rules_are_left_out(make_notice) -> None:
    path = make_notice(p("各部门要抓好落实。"))
    all_codes = {f.code for f in lint_files([path]).findings}
    kept = {f.code for f in lint_files([path], ignore=["GB111", "GB142"]).findings}
    assert {"GB111", "GB142"} <= all_codes and kept == all_codes - {"GB111", "GB142"}


def test_ignore_codes_and_config_files(tmp_path: Path) -> None:
    assert checked_codes(["gb203, GB311", "GB203"], "--ignore") == ["GB203", "GB311"]
    with pytest.raises(ConfigError, match="unknown lint rule 'GB999'"):
        checked_codes(["GB999"], "--ignore")
    project = tmp_path / "office"
    nested = project / "notices" / "2025"
    nested.mkdir(parents=True)
    (project / "pyproject.toml").write_text('[tool.gkparse.lint]\nignore = ["GB203"]\n',
                                            encoding="utf-8")
    assert ignored_rules(["GB311"], None, nested) == ["GB203", "GB311"]
    (project / "notices" / "gkparse.toml").write_text('[lint]\nignore = ["GB171"]\n',
                                                      encoding="utf-8")
    assert ignored_rules([], None, nested) == ["GB171"]  # the nearer file wins
    bad = tmp_path / "bad.toml"
    bad.write_text("[lint]\nignore = GB203\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        ignored_rules([], bad, tmp_path)
    bad.write_text('[lint]\nignroe = ["GB203"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown lint setting 'ignroe'"):
        ignored_rules([], bad, tmp_path)


def _with_footer(tmp_path: Path, footer_body: str) -> Path:
    """A document whose one section's footer is ``footer_body``."""
    import zipfile

    from docx_factory import CONTENT_TYPES, RELS

    path = tmp_path / "footer.docx"
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {NAMESPACES}><w:body>'
                + p("正文。") + '<w:sectPr><w:footerReference w:type="default" r:id="rF"/>'
                "</w:sectPr></w:body></w:document>")
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rF" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/footer" Target="footer1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", rels)
        archive.writestr("word/footer1.xml", f"<w:ftr {NAMESPACES}>{footer_body}</w:ftr>")
    return path


def _box(content: str) -> str:
    """A text box as Word writes it: DrawingML in mc:Choice, the same again as VML."""
    box = f"<w:txbxContent>{content}</w:txbxContent>"
    return (f"<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>"
            f"{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}"
            "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>")


@pytest.mark.parametrize(("footer", "expected"), [
    ("<w:p>" + r("— ") + FIELD + r(" —") + "</w:p>", []),
    (_box("<w:p>" + r("— ") + FIELD + r(" —") + "</w:p>"), []),  # read once, not twice
    (_box("<w:p>" + FIELD + "</w:p>"), ["the page number reads 'N' in the footer; write — N —"]),
    ("<w:p>" + r("第 ") + FIELD + r(" 页") + "</w:p>",
     ["the page number reads '第N页' in the footer; write — N —"]),
    ("<w:p>" + r("— 1 —") + "</w:p>",
     ["no page number: put — N — (a PAGE field between two 一字线 —) in the footer"])])
def test_page_numbers_in_footers(tmp_path: Path, footer: str, expected: list[str]) -> None:
    report = lint_files([_with_footer(tmp_path, footer)])
    assert [f.problem for f in report.findings if f.code == "GB171"] == expected


def _record_table(date: str) -> str:
    from docx_factory import tc, tr

    return ("<w:tbl>" + tr(tc("抄送：县委办公室，县人大常委会办公室。", span=2)) +
            tr(tc("东湖县人民政府办公室"), tc(date)) + "</w:tbl>")


@pytest.mark.parametrize(("date", "expected"), [
    ("2025年3月5日印发", []),
    ("2025年03月05日印发", ["印发日期: the month 03 has a leading zero; the day 05 has a leading "
                         "zero"])])
def test_a_record_laid_out_as_a_table(make_notice, date: str, expected: list[str]) -> None:
    body = (p("关于做好政务公开工作的通知") + p("各部门：") + p("现将有关事项通知如下。") +
            p("东湖县人民政府办公室") + p("2025年3月5日") + _record_table(date))
    found = [(c, m) for c, m in lint_body(make_notice, body) if c in ("GB161", "GB162")]
    assert found == [("GB162", m) for m in expected]


def test_a_doc_number_sharing_its_line_with_the_signer_is_not_centred(make_notice) -> None:
    body = (p("东湖县人民政府文件") + p("东政发〔2025〕3号　　　　签发人：张三") +
            p("东湖县人民政府关于请求拨付专项资金的请示") + p("市人民政府："))
    found = {c for c, _ in lint_body(make_notice, body)}
    assert not found & {"GB101", "GB102", "GB111", "GB112"}
    moved = (p("东政发〔2025〕3号") + p("东湖县人民政府文件") +
             p("东湖县人民政府关于请求拨付专项资金的请示") + p("市人民政府："))
    assert [m for c, m in lint_body(make_notice, moved) if c == "GB102"] == [
        "the 发文字号 stands above the 发文机关标志; it goes under it",
        "the 发文字号 is not centred"]


def test_a_sentence_that_starts_with_attachment_is_not_the_note(make_notice) -> None:
    body = (p("关于做好政务公开工作的通知") + p("各部门：") + p("附件中的任务要按时完成，不得拖延。") +
            p("东湖县人民政府办公室") + p("2025年3月5日"))
    assert not [c for c, _ in lint_body(make_notice, body) if c.startswith("GB13")]


def _fonted(text: str, font: str) -> str:
    return (f'<w:p><w:r><w:rPr><w:rFonts w:eastAsia="{font}"/><w:sz w:val="32"/></w:rPr>'
            f"<w:t>{text}</w:t></w:r></w:p>")


def test_wrong_type_from_the_runs_is_found_paragraph_by_paragraph(make_notice) -> None:
    body = (p("关于做好政务公开工作的通知") + _fonted("各部门：", "仿宋") +
            _fonted("现将有关事项通知如下。", "宋体") + _fonted("请认真贯彻执行。", "宋体"))
    found = [(f.code, f.paragraph) for f in lint_files([make_notice(body)]).findings
             if f.code == "GB212"]
    assert found == [("GB212", 3), ("GB212", 4)]


def test_wrong_type_from_a_style_is_one_finding_listing_the_paragraphs(make_notice) -> None:
    # No styles part at all: no East Asian font and Word's 10 pt, for every paragraph alike.
    body = p("关于做好政务公开工作的通知") + p("各部门：") + p("现将有关事项通知如下。") + p("请执行。")
    found = [f for f in lint_files([make_notice(body)]).findings if f.code == "GB212"]
    assert len(found) == 1 and found[0].paragraph == 2
    assert "so is the text of 2 more paragraphs (3, 4)" in found[0].problem


A4 = '<w:pgSz w:w="11906" w:h="16838"/>'
MARGINS = '<w:pgMar w:top="2098" w:bottom="1984" w:left="1587" w:right="1474" w:gutter="0"/>'


@pytest.mark.parametrize(("sect", "expected"), [
    (A4 + MARGINS + '<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>',
     []),
    # The same in universal measures, as the standard allows; the text block from the margins.
    ('<w:pgSz w:w="210mm" w:h="297mm"/><w:pgMar w:top="37mm" w:bottom="35mm" w:left="2.8cm" '
     'w:right="26mm"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>',
     []),
    (A4 + MARGINS + '<w:docGrid w:type="lines" w:linePitch="579"/>',
     [("GB203", "document grid: no character grid (28 characters a line) (22 lines of 28 "
                "characters)")]),
    (A4 + MARGINS + '<w:docGrid w:type="linesAndChars" w:linePitch="636" w:charSpace="4096"/>',
     [("GB203", "document grid: 20 lines a page; 26 characters a line (22 lines of 28 "
                "characters)")]),
    (A4 + '<w:pgMar w:top="2098" w:bottom="1984" w:left="1020" w:right="1474" w:gutter="567"/>'
     '<w:docGrid w:type="lines" w:linePitch="579" w:charSpace="x"/>',
     [("GB203", "document grid: no character grid (28 characters a line) (22 lines of 28 "
                "characters)")]),  # a 10 mm gutter makes up the left margin
    (A4 + '<w:pgMar w:top="0" w:bottom="1984" w:left="1587" w:right="1474"/>',
     [("GB202", "margins: top 0.0 mm (37 mm); text block 156.0 mm × 262.0 mm (156 mm × 225 mm, "
                "so right 26 mm and bottom 35 mm)"),
      ("GB203", "no document grid: set 22 lines a page and 28 characters a line (页面设置, 文档网格)")]),
])
def test_page_setup(make_notice, sect: str, expected: list[tuple[str, str]]) -> None:
    from docx_factory import write_docx

    path = make_notice("")
    write_docx(path, p("正文。").replace("</w:p>", "") + f"<w:pPr><w:sectPr>{sect}</w:sectPr>"
               "</w:pPr></w:p>")
    sheet = ('<w:styles xmlns:w="' + W + '"><w:style w:type="paragraph" w:default="1" '
             'w:styleId="Normal"><w:rPr><w:sz w:val="32"/></w:rPr></w:style></w:styles>')
    import zipfile

    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/_rels/document.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>'))
        archive.writestr("word/styles.xml", sheet)
    found = [(f.code, f.problem) for f in lint_files([path]).findings
             if f.code.startswith("GB20") and f.where == "section 1"]
    assert found == expected


def test_a_paragraph_word_numbers_itself_is_held_to_size_not_family(make_notice) -> None:
    numbered = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>'
                '<w:r><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="{sz}"/></w:rPr>'
                "<w:t>总体要求</w:t></w:r></w:p>")
    body = (p("关于做好政务公开工作的通知") + _fonted("各部门：", "仿宋") +
            numbered.format(sz=32) + numbered.format(sz=28) +
            numbered.format(sz=32).replace('w:val="3"', 'w:val="0"'))  # numId 0: numbering off
    found = [(f.code, f.paragraph) for f in lint_files([make_notice(body)]).findings
             if f.code == "GB212"]
    assert found == [("GB212", 4), ("GB212", 5)]
