"""Text comes out right wherever Word puts it: one small OOXML fixture per feature."""

from __future__ import annotations

from pathlib import Path

from gkparse import parse_notice
from gkparse.ooxml.body_xml import P, read_p, walk_p

from conftest import ROOT
from docx_factory import FRONT, HEADER, header_row, p, r, section_row, task_row, tbl, tc, tr


def _one_task_with_requirement(make_notice, requirement_xml: str):
    body = FRONT + tbl(
        header_row(),
        section_row("一、总体要求"),
        tr(tc("（一）任务"), tc("甲局"), tc("乙局"), tc(requirement_xml), tc("12月底前")),
    )
    notice = parse_notice(make_notice(body))
    assert len(notice.tasks) == 1, notice.warnings
    return notice.tasks[0]


def test_tracked_insertions_read_and_deletions_not(make_notice) -> None:
    xml = ('<w:p>' + r("加强") +
           '<w:ins w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">' + r("政策") + '</w:ins>'
           '<w:del w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>旧文字'
           '</w:delText></w:r></w:del>' + r("解读") + '</w:p>')
    assert _one_task_with_requirement(make_notice, xml).requirement == "加强政策解读"


def test_moved_text_is_read_once(make_notice) -> None:
    xml = ('<w:p><w:moveFrom w:id="1" w:author="a">' + r("甲") + '</w:moveFrom>' + r("乙")
           + '<w:moveTo w:id="2" w:author="a">' + r("甲") + '</w:moveTo></w:p>')
    assert _one_task_with_requirement(make_notice, xml).requirement == "乙甲"


def test_content_controls_around_run_and_paragraph(make_notice) -> None:
    xml = ('<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p>' + r("开展")
           + '<w:sdt><w:sdtPr/><w:sdtContent>' + r("培训") + '</w:sdtContent></w:sdt>'
           + '</w:p></w:sdtContent></w:sdt>')
    assert _one_task_with_requirement(make_notice, xml).requirement == "开展培训"


def test_hyperlink_and_smart_tag(make_notice) -> None:
    xml = ('<w:p><w:hyperlink r:id="rId9">' + r("政府网站") + '</w:hyperlink>'
           '<w:smartTag w:uri="urn:x" w:element="place">' + r("专栏") + '</w:smartTag>'
           '<w:customXml w:element="y">' + r("更新") + '</w:customXml></w:p>')
    assert _one_task_with_requirement(make_notice, xml).requirement == "政府网站专栏更新"


def test_soft_breaks_and_tabs(make_notice) -> None:
    xml = '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>续</w:t></w:r></w:p>'
    assert _one_task_with_requirement(make_notice, xml).requirement == "第一行\n第二行\t续"


def test_page_break_is_not_text(make_notice) -> None:
    xml = '<w:p><w:r><w:t>甲</w:t><w:br w:type="page"/><w:t>乙</w:t></w:r></w:p>'
    assert _one_task_with_requirement(make_notice, xml).requirement == "甲乙"


def test_complex_field_gives_its_result_not_its_instruction(make_notice) -> None:
    xml = ('<w:p>' + r("见") +
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x" </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("网站") +
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + r("公告") + '</w:p>')
    assert _one_task_with_requirement(make_notice, xml).requirement == "见网站公告"


def test_nested_fields_and_simple_field(make_notice) -> None:
    xml = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText>IF </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("9") +
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("结果") +
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
           '<w:fldSimple w:instr=" DATE ">' + r("（日期）") + '</w:fldSimple></w:p>')
    assert _one_task_with_requirement(make_notice, xml).requirement == "结果（日期）"


def test_alternate_content_read_once(make_notice) -> None:
    xml = ('<w:p>' + r("甲") + '<mc:AlternateContent><mc:Choice Requires="wps">' + r("乙")
           + '</mc:Choice><mc:Fallback>' + r("乙") + '</mc:Fallback></mc:AlternateContent></w:p>')
    assert _one_task_with_requirement(make_notice, xml).requirement == "甲乙"


def test_content_control_around_a_cell_and_a_row_keeps_columns(make_notice) -> None:
    body = FRONT + tbl(
        header_row(),
        '<w:sdt><w:sdtPr/><w:sdtContent>'
        + tr(tc("（一）任务"), '<w:sdt><w:sdtPr/><w:sdtContent>' + tc("甲局")
             + '</w:sdtContent></w:sdt>', tc("乙局"), tc("要求一"), tc("12月底前"))
        + '</w:sdtContent></w:sdt>',
        task_row(None, "丙局", "——", "要求二", "9月底前", task_merge="word"),
    )
    notice = parse_notice(make_notice(body))
    first, second = notice.tasks
    assert (first.lead_units, first.responsible_units, first.requirement) == (
        ["甲局"], ["乙局"], "要求一")
    assert (second.id, second.lead_units, second.source.row) == ("0.1.2", ["丙局"], 3)


def test_row_starting_late_with_grid_before(make_notice) -> None:
    body = FRONT + tbl(
        header_row(),
        task_row("（一）任务", "甲局", "乙局", "要求一", "12月底前", task_merge="restart"),
        tr(tc("丙局"), tc("——"), tc("要求二"), tc("9月底前"), grid_before=1),
    )
    notice = parse_notice(make_notice(body))
    second = notice.tasks[1]
    assert (second.id, second.lead_units, second.requirement, second.deadline.text) == (
        "0.1.2", ["丙局"], "要求二", "9月底前")
    assert notice.warnings == []


def test_table_split_by_page_break_is_one_task_list(make_notice) -> None:
    first = tbl(header_row(), section_row("一、总体"),
                task_row("（一）甲", "甲局", "——", "要求一", "12月底前", task_merge="restart"),
                task_row(None, "乙局", "——", "要求二", "12月底前", task_merge="word"))
    second = tbl(header_row(),
                 task_row(None, "丙局", "——", "要求三", "12月底前", task_merge="restart"),
                 task_row("（二）乙", "丁局", "——", "要求四", "12月底前"))
    body = FRONT + first + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + second
    notice = parse_notice(make_notice(body))
    assert [(t.id, t.source.table, t.source.row) for t in notice.tasks] == [
        ("1.1.1", 1, 3), ("1.1.2", 1, 4), ("1.1.3", 2, 2), ("1.2.1", 2, 3)]
    assert notice.warnings == []


def test_split_table_without_repeated_header_continues(make_notice) -> None:
    first = tbl(header_row(), task_row("（一）甲", "甲局", "——", "要求一", "12月底前"))
    second = tbl(task_row(None, "乙局", "——", "要求二", "12月底前"))
    notice = parse_notice(make_notice(FRONT + first + p("") + second))
    assert [t.id for t in notice.tasks] == ["0.1.1", "0.1.2"]


def test_header_row_repeated_inside_table_is_skipped(make_notice) -> None:
    body = FRONT + tbl(
        header_row(),
        task_row("（一）甲", "甲局", "——", "要求一", "12月底前"),
        tr(*(tc(t) for t in HEADER)),
        task_row(None, "乙局", "——", "要求二", "12月底前"),
    )
    notice = parse_notice(make_notice(body))
    assert [t.requirement for t in notice.tasks] == ["要求一", "要求二"]
    assert notice.warnings == []


def test_other_tables_are_skipped_with_a_warning(make_notice) -> None:
    layout = tbl(tr(tc("抄送：区委各部门"), tc("2025年3月6日印发")), columns=2)
    body = FRONT + tbl(header_row(), task_row("（一）甲", "甲局", "——", "要求一", "12月底前")) \
        + layout
    notice = parse_notice(make_notice(body))
    assert len(notice.tasks) == 1
    assert notice.warnings == ["table 2 skipped: no task header row (starts with '抄送：区委各部门')"]


def test_tracked_deleted_row_is_not_a_task(make_notice) -> None:
    body = FRONT + tbl(
        header_row(),
        task_row("（一）甲", "甲局", "——", "要求一", "12月底前"),
        tr(tc(), tc("乙局"), tc("——"), tc("删掉的要求"), tc("12月底前"), deleted=True),
        task_row(None, "丙局", "——", "要求三", "12月底前"),
    )
    notice = parse_notice(make_notice(body))
    assert [(t.id, t.requirement, t.source.row) for t in notice.tasks] == [
        ("0.1.1", "要求一", 2), ("0.1.2", "要求三", 4)]


def _paragraphs_of(path: Path) -> list:
    from gkparse.ooxml.package import open_package

    return list(open_package(path).document.iter(P))


def test_fast_paragraph_path_reads_what_the_walk_reads(make_notice) -> None:
    """read_p skips the element walk for plain paragraphs; it must never read differently."""
    fixtures = [ROOT / "samples" / "notice.docx",
                ROOT / "tests" / "bad_inputs" / "deep-xml.docx",
                make_notice(p(r("甲"), "<w:r><w:tab/></w:r>", r("乙")) + p(
                    "<w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText>"
                    "</w:r></w:del>") + p("<w:r><w:ruby><w:rt><w:r><w:t>pin</w:t></w:r></w:rt>"
                                          "<w:rubyBase><w:r><w:t>拼</w:t></w:r></w:rubyBase>"
                                          "</w:ruby></w:r>"))]
    checked = 0
    for path in fixtures:
        for paragraph in _paragraphs_of(path):
            assert read_p(paragraph) == walk_p(paragraph)
            checked += 1
    assert checked > 100


def test_cell_with_a_content_control_between_paragraphs(make_notice) -> None:
    cell = ("<w:tc><w:tcPr/>" + p("要求甲") + "<w:sdt><w:sdtContent>" + p("要求乙")
            + "</w:sdtContent></w:sdt>" + p("要求丙") + "</w:tc>")
    notice = parse_notice(make_notice(FRONT + tbl(header_row(), section_row("一、甲"),
                                                  tr(tc("（一）乙"), tc("区财政局"), tc("各街道"),
                                                     cell, tc("12月底前")))))
    assert notice.tasks[0].requirement == "要求甲\n要求乙\n要求丙"


def _lead_merged_across_a_split(repeat_header: bool) -> str:
    first = tbl(header_row(), section_row("一、总体"),
                tr(tc("（一）甲", vmerge="restart"), tc("甲局", vmerge="restart"), tc("——"),
                   tc("要求一"), tc("12月底前")))
    second_rows = [tr(tc(vmerge="word"), tc(vmerge="word"), tc("——"), tc("要求二"),
                      tc("12月底前")),
                   tr(tc(vmerge="continue"), tc(vmerge="continue"), tc("——"), tc("要求三"),
                      tc("12月底前"))]
    second = tbl(*([header_row()] if repeat_header else []), *second_rows)
    return FRONT + first + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + second


def test_merge_cut_by_a_table_split_is_carried_over(make_notice) -> None:
    for repeat_header in (False, True):
        notice = parse_notice(make_notice(_lead_merged_across_a_split(repeat_header)))
        assert [(t.id, t.lead_units, t.subsection.title) for t in notice.tasks] == [
            ("1.1.1", ["甲局"], "甲"), ("1.1.2", ["甲局"], "甲"), ("1.1.3", ["甲局"], "甲")]


def test_a_different_table_after_a_task_table_carries_nothing(make_notice) -> None:
    first = tbl(header_row(), section_row("一、总体"),
                tr(tc("（一）甲"), tc("甲局", vmerge="restart"), tc("——"), tc("要求一"),
                   tc("12月底前")))
    other = tbl(header_row("工作任务", "牵头部门", "具体要求", "完成时限"),
                tr(tc("（一）乙"), tc(vmerge="word"), tc("要求二"), tc("12月底前")), columns=4)
    notice = parse_notice(make_notice(FRONT + first + p("") + other))
    assert notice.tasks[-1].lead_units == []  # a narrower table is not the same table


DELETED_MARK = ('<w:pPr><w:rPr><w:del w:id="7" w:author="审核人" w:date="2025-06-01T00:00:00Z"/>'
                "</w:rPr></w:pPr>")


def test_a_deleted_paragraph_mark_runs_the_paragraph_into_the_next(make_notice) -> None:
    lead = tc(p(DELETED_MARK, "区党政"), p("办公室"), p("区财政局"))
    requirement = tc(p(DELETED_MARK, "持续完善"), p("主动公开目录。"))
    body = FRONT + tbl(header_row(), section_row("一、总体"),
                       tr(tc("（一）甲"), lead, tc("——"), requirement, tc("12月底前")))
    task = parse_notice(make_notice(body)).tasks[0]
    assert task.lead_units == ["区党政办公室", "区财政局"]
    assert task.requirement == "持续完善主动公开目录。"


def test_a_deleted_mark_between_body_paragraphs_joins_them(make_notice) -> None:
    front = (p(DELETED_MARK, "某办字〔2025〕") + p("3号") + p("某某区人民政府办公室")
             + p("关于印发2025年工作要点的通知") + p("各部门："))
    body = front + tbl(header_row(), task_row("（一）甲", "甲局", "——", "要求一", "12月底前"))
    assert parse_notice(make_notice(body)).notice.doc_number == "某办字〔2025〕3号"
