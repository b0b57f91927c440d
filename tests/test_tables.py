"""Merges, column roles and the section/subsection hierarchy, on small fixtures."""

from __future__ import annotations

from gkparse import parse_notice

from docx_factory import FRONT, header_row, section_row, task_row, tbl, tc, tr


def _tasks(make_notice, *rows: str, columns: int = 5):
    notice = parse_notice(make_notice(FRONT + tbl(*rows, columns=columns)))
    return notice.tasks, notice.warnings


def test_word_bare_vmerge_and_libreoffice_continue_are_both_continuations(make_notice) -> None:
    tasks, warnings = _tasks(
        make_notice, header_row(),
        tr(tc("（一）甲", vmerge="restart"), tc("甲局", vmerge="restart"), tc("——"), tc("要求一"),
           tc("12月底前")),
        tr(tc(vmerge="word"), tc(vmerge="word"), tc("——"), tc("要求二"), tc("12月底前")),
        tr(tc(vmerge="continue"), tc(vmerge="continue"), tc("——"), tc("要求三"), tc("9月底前")),
    )
    assert [(t.id, t.lead_units) for t in tasks] == [
        ("0.1.1", ["甲局"]), ("0.1.2", ["甲局"]), ("0.1.3", ["甲局"])]
    assert warnings == []


def test_an_empty_cell_stays_empty(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice, header_row(),
        task_row("（一）甲", "甲局", "乙局", "要求一", "12月底前"),
        task_row(None, "", "", "要求二", ""),
    )
    assert (tasks[1].lead_units, tasks[1].responsible_units, tasks[1].deadline.kind) == (
        [], [], "none")


def test_continuation_under_a_plain_cell_stays_empty(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice, header_row(),
        tr(tc("（一）甲"), tc(vmerge="word"), tc("——"), tc("要求一"), tc("12月底前")),
    )
    assert tasks[0].lead_units == []


def test_merged_deadline_cell(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice, header_row(),
        tr(tc("（一）甲"), tc("甲局"), tc("——"), tc("要求一"), tc("长期坚持", vmerge="restart")),
        tr(tc(), tc("乙局"), tc("——"), tc("要求二"), tc(vmerge="word")),
    )
    assert [t.deadline.kind for t in tasks] == ["ongoing", "ongoing"]


def test_section_rows_and_subsection_numbering(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice, header_row(),
        section_row("一、第一部分"),
        task_row("（一）甲", "甲局", "——", "要求一", "12月底前", task_merge="restart"),
        task_row(None, "甲局", "——", "要求二", "12月底前", task_merge="word"),
        task_row("（二）乙", "甲局", "——", "要求三", "12月底前"),
        section_row("二、第二部分。"),
        task_row("（十三）丙", "甲局", "——", "要求四", "12月底前"),
    )
    assert [(t.id, t.section.title, t.subsection.title) for t in tasks] == [
        ("1.1.1", "第一部分", "甲"), ("1.1.2", "第一部分", "甲"), ("1.2.1", "第一部分", "乙"),
        ("2.13.1", "第二部分", "丙")]


def test_no_subsection_level_gives_zero(make_notice) -> None:
    header = header_row("序号", "牵头单位", "责任单位", "工作内容", "完成时间")
    tasks, _ = _tasks(
        make_notice, header,
        section_row("一、甲"), section_row("二、乙"),
        task_row("1", "甲局", "——", "要求一", "12月底前"),
        task_row("2", "甲局", "——", "要求二", "12月底前"),
        task_row("3", "甲局", "——", "要求三", "12月底前"),
        task_row("7", "甲局", "——", "要求四", "12月底前"),
    )
    assert [t.id for t in tasks] == ["2.0.1", "2.0.2", "2.0.3", "2.0.4"]
    assert tasks[0].subsection is None


def test_unnumbered_subsections_are_counted_per_section(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice, header_row("重点任务", "牵头单位", "责任单位", "具体措施", "时间节点"),
        section_row("一、甲"),
        task_row("优化公开机制", "甲局", "——", "要求一", "12月底前", task_merge="restart"),
        task_row(None, "甲局", "——", "要求二", "12月底前", task_merge="word"),
        task_row("加强解读回应", "甲局", "——", "要求三", "12月底前"),
        section_row("二、乙"),
        task_row("强化平台", "甲局", "——", "要求四", "12月底前"),
    )
    assert [(t.id, t.subsection.title) for t in tasks] == [
        ("1.1.1", "优化公开机制"), ("1.1.2", "优化公开机制"), ("1.2.1", "加强解读回应"),
        ("2.1.1", "强化平台")]


def test_arabic_subsections_restart_in_each_section(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice, header_row(),
        section_row("一、甲"), task_row("1.优化", "甲局", "——", "要求一", "12月底前"),
        task_row("2．解读", "甲局", "——", "要求二", "12月底前"),
        section_row("二、乙"), task_row("1.平台", "甲局", "——", "要求三", "12月底前"),
    )
    assert [t.id for t in tasks] == ["1.1.1", "1.2.1", "2.1.1"]


def test_sections_in_the_task_column(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice, header_row("工作任务", "牵头单位", "责任单位", "具体要求", "完成时限"),
        task_row("一、优化", "甲局", "——", "要求一", "12月底前", task_merge="restart"),
        task_row(None, "甲局", "——", "要求二", "12月底前", task_merge="word"),
        task_row("二、解读", "甲局", "——", "要求三", "12月底前"),
    )
    assert [(t.id, t.section.title, t.subsection) for t in tasks] == [
        ("1.0.1", "优化", None), ("1.0.2", "优化", None), ("2.0.1", "解读", None)]


def test_columns_found_by_header_text_not_position(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice,
        tr(tc("序号"), tc("完成时限"), tc("具体要求"), tc("责任单位"), tc("牵头单位"), tc("备注"),
           tc("牵头领导"), header=True),
        tr(tc("1"), tc("6月底前"), tc("要求一"), tc("乙局、丙局"), tc("甲局"), tc("按季报送"),
           tc("张三、李四")),
        columns=7,
    )
    task = tasks[0]
    assert (task.lead_units, task.responsible_units, task.requirement, task.deadline.text,
            task.remarks, task.lead_officials) == (
        ["甲局"], ["乙局", "丙局"], "要求一", "6月底前", "按季报送", ["张三", "李四"])


def test_officials_column_is_never_a_unit_column(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice,
        tr(tc("工作任务"), tc("责任领导"), tc("责任单位"), tc("具体要求"), tc("完成时限"),
           header=True),
        task_row("（一）甲", "王五", "甲局、乙局", "要求一", "12月底前"),
    )
    assert (tasks[0].lead_officials, tasks[0].lead_units, tasks[0].responsible_units) == (
        ["王五"], ["甲局"], ["甲局", "乙局"])


def test_first_responsible_unit_is_lead_without_a_lead_column(make_notice) -> None:
    notice = parse_notice(make_notice(FRONT + tbl(
        header_row("工作任务", "责任部门", "工作措施", "完成时限"),
        tr(tc("（一）甲"), tc("甲局、乙局"), tc("要求一"), tc("12月底前")),
        tr(tc(), tc("丙局"), tc("要求二"), tc("12月底前")),
        columns=4)))
    assert [(t.lead_units, t.responsible_units) for t in notice.tasks] == [
        (["甲局"], ["甲局", "乙局"]), (["丙局"], ["丙局"])]
    assert len([w for w in notice.warnings if "排在第一位" in w]) == 1


def test_two_row_header_without_a_requirement_column_reads_the_task_cells(make_notice) -> None:
    tasks, warnings = _tasks(
        make_notice,
        tr(tc("序号", vmerge="restart"), tc("重点任务", vmerge="restart"), tc("责任单位", span=2),
           tc("完成时限", vmerge="restart"), header=True),
        tr(tc(vmerge="word"), tc(vmerge="word"), tc("牵头单位"), tc("配合单位"), tc(vmerge="word"),
           header=True),
        tr(tc("1"), tc("（一）甲"), tc("甲局"), tc("乙局"), tc("9月底前")),
    )
    # No requirement column (contract 4.2): the task cell is the task, and there is no
    # subsection level from that column.
    assert [(t.id, t.requirement, t.lead_units, t.responsible_units, t.subsection)
            for t in tasks] == [("0.0.1", "（一）甲", ["甲局"], ["乙局"], None)]
    assert warnings == []


def test_two_row_header_with_requirement(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice,
        tr(tc("重点任务", vmerge="restart"), tc("责任单位", span=2), tc("具体要求", vmerge="restart"),
           tc("完成时限", vmerge="restart"), header=True),
        tr(tc(vmerge="word"), tc("牵头单位"), tc("配合单位"), tc(vmerge="word"), tc(vmerge="word"),
           header=True),
        tr(tc("（一）甲"), tc("甲局"), tc("乙局、丙局"), tc("要求一"), tc("9月底前")),
    )
    assert (tasks[0].id, tasks[0].lead_units, tasks[0].responsible_units) == (
        "0.1.1", ["甲局"], ["乙局", "丙局"])


def test_short_row_is_read_by_position_with_a_warning(make_notice) -> None:
    tasks, warnings = _tasks(
        make_notice, header_row(),
        tr(tc("（一）甲"), tc("甲局"), tc("乙局"), tc("要求一")),
    )
    assert (tasks[0].requirement, tasks[0].deadline.kind) == ("要求一", "none")
    assert warnings == ["table 1 row 2: the row covers 4 grid columns, the header 5; "
                        "cells were read by position"]


def test_unparsed_deadline_is_kept_with_a_warning(make_notice) -> None:
    tasks, warnings = _tasks(make_notice, header_row(),
                             task_row("（一）甲", "甲局", "——", "要求一", "根据上级部署"))
    assert (tasks[0].deadline.kind, tasks[0].deadline.text) == ("unparsed", "根据上级部署")
    assert warnings == ["task 0.1.1 (table 1 row 2): deadline '根据上级部署' not understood; "
                        "kept as text"]


def test_requirement_paragraphs_joined_and_trimmed(make_notice) -> None:
    tasks, _ = _tasks(make_notice, header_row(),
                      tr(tc("（一）甲"), tc("甲局"), tc("——"),
                         tc("\u3000\u3000第一段。", "", " 第二段。\xa0"), tc("12月底前")))
    assert tasks[0].requirement == "第一段。\n第二段。"


def test_when_two_columns_match_the_more_specific_header_wins(make_notice) -> None:
    tasks, _ = _tasks(
        make_notice,
        tr(tc("牵头"), tc("牵头单位"), tc("具体任务"), tc("完成时限"), header=True),
        tr(tc("甲局"), tc("乙局"), tc("要求一"), tc("12月底前")),
        columns=4,
    )
    # 具体任务 is a requirement header (exact), not the task column (it only contains 任务);
    # 牵头单位 is the exact lead header, so the bare 牵头 column gets no role.
    assert (tasks[0].lead_units, tasks[0].requirement, tasks[0].subsection) == (
        ["乙局"], "要求一", None)


def test_a_table_without_rows_is_skipped_with_a_warning(make_notice) -> None:
    body = FRONT + "<w:tbl><w:tblPr/><w:tblGrid/></w:tbl>" + tbl(
        header_row(), task_row("（一）甲", "甲局", "——", "要求一", "12月底前"))
    notice = parse_notice(make_notice(body))
    assert [t.id for t in notice.tasks] == ["0.1.1"]
    assert notice.warnings == ["table 1 skipped: no task header row (empty)"]



def test_a_row_given_two_row_properties_reads_both(make_notice) -> None:
    # A damaged file may give a row a second w:trPr. Each is read, later values winning, as a
    # cell's every w:tcPr is: a grid offset in the second still puts the cells in their
    # columns, and a tracked deletion there still deletes the row. (Before issue 17's third
    # pass a row read in one pass honoured both, a row read cell by cell only the first.)
    two = '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:trPr>{}</w:trPr>'
    offset = tr(tc("乙局"), tc("——"), tc("要求二"), tc("9月底前")).replace(
        "<w:tr><w:trPr></w:trPr>", two.format('<w:gridBefore w:val="1"/>'))
    deleted = task_row(None, "丙局", "——", "要求三", "6月底前").replace(
        "<w:tr><w:trPr></w:trPr>",
        two.format('<w:del w:id="9" w:author="x" w:date="2025-01-01T00:00:00Z"/>'))
    tasks, warnings = _tasks(
        make_notice, header_row(), task_row("（一）甲", "甲局", "——", "要求一", "12月底前"),
        offset, deleted, task_row(None, "丁局", "——", "要求四", "3月底前"))
    assert [(t.id, t.lead_units, t.requirement, t.deadline.text) for t in tasks] == [
        ("0.1.1", ["甲局"], "要求一", "12月底前"), ("0.1.2", ["乙局"], "要求二", "9月底前"),
        ("0.1.3", ["丁局"], "要求四", "3月底前")]
    assert warnings == []
