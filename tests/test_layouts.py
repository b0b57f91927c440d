"""Contract section 4: the notice head by form and position, tables beyond the seed's columns,
tasks written as paragraphs. Small fixtures, one rule each."""

from __future__ import annotations

from datetime import date

import pytest

from gkparse import parse_notice
from gkparse.grammar.units import split_units
from gkparse.notice.columns import role_of
from gkparse.notice.unit_clauses import read_unit_clause

from docx_factory import FRONT, header_row, p, section_row, task_row, tbl, tc, tr

TABLE = tbl(header_row(), task_row("（一）甲", "甲局", "——", "要求一", "12月底前"))


# -- 4.1 the head and tail ------------------------------------------------------------------------

def test_gbt_9704_head_with_the_organ_starting_the_title(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("000123") + p("东湖区人民政府办公室文件") + p("东政办发〔2025〕3号")
        + p("东湖区人民政府办公室关于印发《东湖区2025年") + p("政务公开工作要点》的通知")
        + p("各镇人民政府，区直各部门：") + p("现印发给你们，请认真贯彻落实。")
        + p("附件：东湖区2025年政务公开工作要点") + p("东湖区人民政府办公室")
        + p("2025年4月2日") + p("（此件公开发布）") + TABLE
        + p("抄送：区委办公室。") + p("东湖区人民政府办公室　　2025年4月30日印发")))
    info = notice.notice
    assert (info.issuer, info.doc_number, info.title) == (
        "东湖区人民政府办公室", "东政办发〔2025〕3号",
        "东湖区人民政府办公室关于印发《东湖区2025年政务公开工作要点》的通知")
    assert (info.addressees, info.signatory, info.issued_on, info.disclosure) == (
        ["各镇人民政府", "区直各部门"], "东湖区人民政府办公室", date(2025, 4, 2), "此件公开发布")
    assert info.attachments == ["东湖区2025年政务公开工作要点"]
    assert notice.warnings == []


def test_title_above_the_doc_number_as_web_pages_put_it(make_notice) -> None:
    info = parse_notice(make_notice(
        p("盘锦市人民政府办公室关于印发《2021年任务分解方案》的通知") + p("盘政办发〔2021〕1号")
        + p("各县、区人民政府：") + p("现印发给你们。") + p("盘锦市人民政府办公室")
        + p("2021年1月25日") + TABLE)).notice
    assert (info.title, info.doc_number, info.issuer, info.issued_on) == (
        "盘锦市人民政府办公室关于印发《2021年任务分解方案》的通知", "盘政办发〔2021〕1号", None,
        date(2021, 1, 25))


def test_a_head_with_a_missing_field_warns_which(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("某政办发〔2025〕3号") + p("关于印发要点的通知") + p("各部门：") + p("现印发。") + TABLE))
    assert notice.notice.title == "关于印发要点的通知"
    [warning] = [w for w in notice.warnings if "has a head" in w]
    assert "发文机关标志 (issuer)" in warning and "成文日期 (issued_on)" in warning
    assert "标题" not in warning


def test_plan_without_a_head_gives_its_title_and_nulls(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("附件") + p("2025年政务公开重点任务清单") + TABLE + p("某某局") + p("2025年3月1日")))
    info = notice.notice
    assert info.title == "2025年政务公开重点任务清单"
    assert (info.issuer, info.doc_number, info.signatory, info.issued_on) == (None,) * 4
    assert not any("has a head" in w for w in notice.warnings)


def test_a_document_that_is_no_notice_gets_no_label_or_sentence_as_a_field(make_notice) -> None:
    info = parse_notice(make_notice(
        p("采购单位：某某区教育局") + p("项目名称：某某学校食堂改造工程。")
        + p("本项目采用公开招标方式，现将有关事项通知如下。") + TABLE)).notice
    assert (info.issuer, info.title, info.signatory, info.doc_number) == (None,) * 4


# -- 4.2 tables -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "role"), [
    ("重点工作任务", "task"), ("主要责任单位", "lead"), ("协同配合单位", "responsible"),
    ("负责科室", "responsible"), ("时限要求", "deadline"), ("具体任务", "requirement"),
    ("类别", "task"), ("项目", "task"), ("工作目标", "requirement"), ("编号", "seq"),
    ("责任领导", "officials"), ("完成期限", "deadline"), ("成果形式", None),
    ("区发改局牵头", None),
])
def test_header_roles_by_meaning(header: str, role: str | None) -> None:
    assert role_of(header) == role


def test_an_unknown_header_is_ignored_with_a_warning(make_notice) -> None:
    notice = parse_notice(make_notice(FRONT + tbl(
        header_row("工作任务", "牵头单位", "具体措施", "完成时限", "成果形式"),
        tr(tc("（一）甲"), tc("甲局"), tc("要求一"), tc("12月底前"), tc("制度文件")))))
    assert [t.requirement for t in notice.tasks] == ["要求一"]
    assert notice.warnings == ["table 1: the header '成果形式' gives its column no role (no known "
                               "name, or another header names it more exactly); not read"]


def test_labelled_and_verb_unit_cells(make_notice) -> None:
    notice = parse_notice(make_notice(FRONT + tbl(
        header_row("重点工作任务", "具体措施", "责任单位", "完成时限"),
        tr(tc("（一）甲"), tc("要求一"), tc("牵头单位：区发改局", "责任单位：区财政局、各街道。"),
           tc("6月底前")),
        tr(tc("（二）乙"), tc("要求二"), tc("区环保局牵头，区水务局、区级相关部门配合"),
           tc("长期坚持")),
        tr(tc("（三）丙"), tc("要求三"), tc("区教育局、区卫健局。"), tc("12月底前")),
        columns=4)))
    assert [(t.lead_units, t.responsible_units) for t in notice.tasks] == [
        (["区发改局"], ["区财政局", "各街道"]),
        (["区环保局"], ["区水务局", "区级相关部门"]),
        (["区教育局"], ["区教育局", "区卫健局"])]


def test_unit_names_lose_trailing_punctuation_and_a_leading_you() -> None:
    assert split_units("由区发改局、区财政局。") == ["区发改局", "区财政局"]
    assert split_units("各镇（办）；等相关区直部门。") == ["各镇（办）", "等相关区直部门"]
    assert split_units("市委宣传部〔市新闻办、市网信办〕") == ["市委宣传部〔市新闻办、市网信办〕"]


def test_task_column_without_requirement_column(make_notice) -> None:
    notice = parse_notice(make_notice(FRONT + tbl(
        header_row("序号", "重点工作任务", "牵头单位", "责任单位", "完成时限"),
        section_row("一、优化营商环境"),
        tr(tc("1"), tc("全面推行证明事项告知承诺制。"), tc("区司法局"), tc("区直各部门"),
           tc("6月底前")),
        tr(tc("2"), tc("深化“一网通办”。"), tc("区政务服务中心"), tc("——"), tc("12月底前")))))
    assert [(t.id, t.requirement, t.subsection) for t in notice.tasks] == [
        ("1.0.1", "全面推行证明事项告知承诺制。", None), ("1.0.2", "深化“一网通办”。", None)]
    assert notice.warnings == []


def test_sections_in_a_merged_first_column(make_notice) -> None:
    notice = parse_notice(make_notice(FRONT + tbl(
        header_row("领域", "重点任务", "具体措施", "牵头单位", "完成时限"),
        tr(tc("一、产业发展", vmerge="restart"), tc("（一）甲"), tc("要求一"), tc("甲局"),
           tc("6月底前")),
        tr(tc(vmerge="word"), tc("（二）乙"), tc("要求二"), tc("乙局"), tc("6月底前")),
        tr(tc("二、民生保障", vmerge="restart"), tc("（三）丙"), tc("要求三"), tc("丙局"),
           tc("6月底前")),
        tr(tc(vmerge="word"), tc(vmerge="word"), tc("要求四"), tc("丙局"), tc("6月底前")))))
    assert [(t.id, t.section.title, t.subsection.title) for t in notice.tasks] == [
        ("1.1.1", "产业发展", "甲"), ("1.2.1", "产业发展", "乙"), ("2.3.1", "民生保障", "丙"),
        ("2.3.2", "民生保障", "丙")]
    assert notice.warnings == []


def test_a_skipped_row_that_starts_a_merged_task_cell_keeps_its_place(make_notice) -> None:
    notice = parse_notice(make_notice(FRONT + tbl(
        header_row(), section_row("一、甲部分"),
        task_row("（一）甲", "甲局", "——", "要求一", "12月底前"),
        task_row("（二）乙", "甲局", "——", "", "12月底前", task_merge="restart"),
        task_row(None, "乙局", "——", "要求二", "12月底前", task_merge="word"),
        task_row(None, "乙局", "——", "要求三", "12月底前", task_merge="word"))))
    assert [t.id for t in notice.tasks] == ["1.1.1", "1.2.2", "1.2.3"]
    assert [t.subsection.title for t in notice.tasks] == ["甲", "乙", "乙"]
    assert any("no requirement in this row" in w for w in notice.warnings)


# -- 4.3 tasks written as paragraphs --------------------------------------------------------------

PARAGRAPH_PLAN = (
    p("某某区人民政府办公室文件") + p("某政办发〔2025〕3号") + p("关于印发2025年工作要点的通知")
    + p("各镇人民政府，区直各部门：") + p("现印发给你们。") + p("一、加强组织领导。各单位要落实责任。")
    + p("某某区人民政府办公室") + p("2025年4月2日") + p("2025年工作要点")
    + p("一、总体要求") + p("（一）指导思想。坚持以人民为中心。")
    + p("二、深化重点领域公开")
    + p("（一）推进财政信息公开。做好预决算公开。（区财政局牵头，各镇按职责分工负责）")
    + p("（二）推进就业信息公开。（区人社局〔区就业中心〕牵头，2025年6月底前）")
    + p("（三）推进教育信息公开。")
    + p("三、强化基础") + p("（一）加强平台建设")
    + p("1．优化政府网站。") + p("牵头单位：区政府办；责任单位：区直各部门；完成时限：6月底前")
    + p("2．规范政务新媒体。牵头单位：区委网信办。责任单位：各镇；完成时限：每季度")
)


def test_paragraph_tasks_with_bracketed_and_labelled_unit_clauses(make_notice) -> None:
    notice = parse_notice(make_notice(PARAGRAPH_PLAN))
    got = [(t.id, t.section.title, t.subsection.title if t.subsection else None, t.requirement,
            t.lead_units, t.responsible_units, t.deadline.text, t.source.paragraph)
           for t in notice.tasks]
    assert got == [
        ("2.0.1", "深化重点领域公开", None, "推进财政信息公开。做好预决算公开。", ["区财政局"],
         ["各镇"], "", 13),
        ("2.0.2", "深化重点领域公开", None, "推进就业信息公开。", ["区人社局〔区就业中心〕"], [],
         "2025年6月底前", 14),
        ("2.0.3", "深化重点领域公开", None, "推进教育信息公开。", [], [], "", 15),
        ("3.1.1", "强化基础", "加强平台建设", "优化政府网站。", ["区政府办"], ["区直各部门"],
         "6月底前", 18),
        ("3.1.2", "强化基础", "加强平台建设", "规范政务新媒体。", ["区委网信办"], ["各镇"], "每季度",
         20),
    ]
    assert all((t.source.table, t.source.row) == (None, None) for t in notice.tasks)
    assert notice.warnings == ["task 2.0.3 (paragraph 15): no unit clause; no lead"]


def test_a_task_table_wins_over_paragraph_tasks(make_notice) -> None:
    notice = parse_notice(make_notice(PARAGRAPH_PLAN + TABLE))
    assert [t.id for t in notice.tasks] == ["0.1.1"]
    assert "5 tasks written as paragraphs were ignored: the notice has a task table, which wins" \
        in notice.warnings


def test_numbered_paragraphs_without_unit_clauses_are_no_tasks(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("关于做好2025年工作的通知") + p("各部门：") + p("一、加强组织领导。各牵头部门要统筹。")
        + p("1．明确任务，压实责任。各牵头单位要细化举措。") + p("2．加强督查。")))
    assert notice.tasks == []
    assert any("no task table found" in w for w in notice.warnings)


# -- the unit-clause grammar ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lead", "responsible", "deadline"), [
    ("市发展改革委牵头，各区政府按职责分工负责", ["市发展改革委"], ["各区政府"], None),
    ("区发改局牵头，区财政局、区交运局等部门，区国投公司配合", ["区发改局"],
     ["区财政局", "区交运局等部门", "区国投公司"], None),
    ("市金融办、潍坊银监分局分别牵头落实", ["市金融办", "潍坊银监分局"], [], None),
    ("市教育局负责", ["市教育局"], [], None),
    ("市发改委牵头，市财政局负责", ["市发改委"], ["市财政局"], None),
    ("牵头单位：区发改局\n配合单位：区财政局。", ["区发改局"], ["区财政局"], None),
    ("牵头单位：甲局，乙局；责任单位：各街道；完成时限：6月底前", ["甲局", "乙局"], ["各街道"],
     "6月底前"),
    ("市府办〔市大数据局〕牵头", ["市府办〔市大数据局〕"], [], None),
])
def test_unit_clause_grammar(text: str, lead: list[str], responsible: list[str],
                             deadline: str | None) -> None:
    clause = read_unit_clause(text)
    assert (clause.lead, clause.responsible, clause.deadline, clause.labelled) == (
        lead, responsible, deadline, True)


def test_a_plain_list_is_no_clause() -> None:
    assert not read_unit_clause("区直各部门、驻区各单位，各街道").labelled


# -- 4.2a ids stay unique -------------------------------------------------------------------------

def test_a_second_numbering_run_gets_its_number_and_a_warning(make_notice) -> None:
    second = tbl(header_row(), section_row("一、乙部分"),
                 task_row("（一）子", "乙局", "——", "要求三", "12月底前"))
    notice = parse_notice(make_notice(FRONT + tbl(
        header_row(), section_row("一、甲部分"),
        task_row("（一）子", "甲局", "——", "要求一", "12月底前"), section_row("二、丙部分"),
        task_row("（二）子", "甲局", "——", "要求二", "12月底前")) + p("附件2") + second))
    assert [t.id for t in notice.tasks] == ["1.1.1", "2.2.1", "2:1.1.1"]
    assert notice.warnings == [
        "task ids start again at the task 1.1.1 (table 2 row 3): the notice numbers its tasks "
        "once more (another table, or sections from 一、 again); that run's ids are written "
        "2:S.U.N (2:1.1.1)"]


def test_two_tables_without_sections_do_not_share_ids(make_notice) -> None:
    first = tbl(header_row(), task_row("（一）子", "甲局", "——", "要求一", "12月底前"))
    second = tbl(header_row(), task_row("（一）丑", "乙局", "——", "要求二", "12月底前"))
    notice = parse_notice(make_notice(FRONT + first + p("附件2") + second))
    assert [t.id for t in notice.tasks] == ["0.1.1", "2:0.1.1"]


# -- 4.4 more deadline phrases --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "due", "period"), [
    ("6月上旬", "date", date(2025, 6, 10), None), ("6月中旬前", "date", date(2025, 6, 20), None),
    ("2月下旬", "date", date(2025, 2, 28), None), ("十月下旬前", "date", date(2025, 10, 31), None),
    ("2026年6月底前完成", "date", date(2026, 6, 30), None),
    ("12月底前办结", "date", date(2025, 12, 31), None), ("年底前到位", "date", date(2025, 12, 31), None),
    ("每季度末", "recurring", None, "quarter"), ("每季度首月10日前", "recurring", None, "quarter"),
    ("按上级要求", "unparsed", None, None), ("根据工作需要", "unparsed", None, None),
    ("完成", "unparsed", None, None),
])
def test_more_deadline_phrases(text: str, kind: str, due: date | None, period: str | None) -> None:
    from gkparse.grammar.deadline import parse_deadline

    deadline = parse_deadline(text, 2025)
    assert (deadline.text, deadline.kind, deadline.due, deadline.period) == (text, kind, due, period)


def test_officials_and_a_label_of_no_role_on_the_lines_under_an_item(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("2021年重点任务分工方案") + p("一、主要预期目标") + p("1.地区生产总值增长6%以上。")
        + p("分管省领导:林克庆") + p("部门分工:省发展改革委牵头,各地、各部门配合。")))
    [task] = notice.tasks
    assert (task.id, task.lead_units, task.responsible_units, task.lead_officials) == (
        "1.0.1", ["省发展改革委"], ["各地", "各部门"], ["林克庆"])


def test_organ_line_above_a_guanyu_line_is_the_title_where_no_head_precedes(make_notice) -> None:
    info = parse_notice(make_notice(
        p("某某旗人民政府办公室") + p("关于印发2022年重点任务") + p("责任分工的通知")
        + p("各苏木乡镇人民政府:") + p("现印发给你们。") + p("2022年2月21日") + TABLE)).notice
    assert (info.title, info.issuer) == ("某某旗人民政府办公室关于印发2022年重点任务责任分工的通知",
                                         None)


def test_a_plans_years_line_belongs_to_its_title(make_notice) -> None:
    info = parse_notice(make_notice(
        p("某某区三年行动计划") + p("（2018—2020年）") + p("为做好工作，制定本计划。") + TABLE)).notice
    assert info.title == "某某区三年行动计划（2018—2020年）"


def test_a_label_line_is_no_addressee(make_notice) -> None:
    info = parse_notice(make_notice(
        p("关于印发要点的通知") + p("主要任务：") + p("现印发。") + TABLE)).notice
    assert info.addressees == []


def test_a_seq_column_numbered_in_chinese_holds_no_sections(make_notice) -> None:
    notice = parse_notice(make_notice(FRONT + tbl(
        header_row("序号", "重点任务", "牵头单位", "具体措施", "完成时限"),
        section_row("重点工作"),
        tr(tc("一"), tc("（一）甲"), tc("甲局"), tc("要求一"), tc("6月底前")),
        tr(tc("二"), tc("（二）乙"), tc("乙局"), tc("要求二"), tc("6月底前")))))
    assert [(t.id, t.section.title) for t in notice.tasks] == [
        ("1.1.1", "重点工作"), ("1.2.1", "重点工作")]


def test_doc_number_on_the_line_of_the_signer(make_notice) -> None:
    info = parse_notice(make_notice(
        p("某某县人民政府办公室文件") + p("某政办发〔2025〕3号　　　签发人：张三")
        + p("关于报送2025年工作要点的报告") + p("市人民政府：") + p("现报送。") + TABLE)).notice
    assert (info.doc_number, info.issuer, info.title) == (
        "某政办发〔2025〕3号", "某某县人民政府办公室", "关于报送2025年工作要点的报告")


def test_a_bracketed_unit_clause_on_its_own_line(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("2025年工作要点") + p("一、优化服务") + p("1．推行告知承诺制。")
        + p("（牵头单位：区司法局；责任单位：区直各部门）") + p("2．深化一网通办。")
        + p("（区政务服务中心负责，2025年6月底前完成）")))
    assert [(t.id, t.lead_units, t.responsible_units, t.deadline.due, t.source.paragraph)
            for t in notice.tasks] == [
        ("1.0.1", ["区司法局"], ["区直各部门"], None, 3),
        ("1.0.2", ["区政务服务中心"], [], date(2025, 6, 30), 5)]


def test_a_subsection_task_keeps_its_numbered_points(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("2025年工作方案") + p("一、重点任务") + p("（一）推进政务公开。（区政府办牵头，各镇配合）")
        + p("1．做好主动公开；") + p("2．加强政策解读。") + p("（二）优化营商环境。（区发改局负责）")))
    assert [(t.id, t.requirement, t.lead_units, t.source.paragraph) for t in notice.tasks] == [
        ("1.0.1", "推进政务公开。\n1．做好主动公开；\n2．加强政策解读。", ["区政府办"], 3),
        ("1.0.2", "优化营商环境。", ["区发改局"], 6)]


def test_a_section_heading_clause_is_the_units_of_its_tasks(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("关于推动经济高质量发展若干政策举措") + p("一、强化科技创新（区科技局牵头）")
        + p("（一）加强科创平台效能建设。加快建设研究院。") + p("（二）培育科技企业。（区经信局负责）")
        + p("二、扩大有效投资") + p("（一）抓好项目建设。")))
    assert [(t.id, t.section.title, t.lead_units) for t in notice.tasks] == [
        ("1.0.1", "强化科技创新", ["区科技局"]), ("1.0.2", "强化科技创新", ["区经信局"])]


def test_a_time_line_under_a_meeting_notice_point_makes_no_task(make_notice) -> None:
    notice = parse_notice(make_notice(
        p("关于召开工作会议的通知") + p("各部门：") + p("一、参会人员")
        + p("1．各街道分管负责同志；") + p("时间：2025年3月5日上午9:00") + p("2．区直各部门负责同志。")))
    assert notice.tasks == []
