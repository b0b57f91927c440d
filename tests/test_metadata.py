"""Notice metadata rules (contract section 1): each field on small fixtures."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from gkparse import parse_notice

from docx_factory import header_row, p, task_row, tbl, tc, tr

TABLE = tbl(header_row(), task_row("（一）甲", "甲局", "——", "要求一", "12月底前"))


def _info(make_notice, body: str, **kwargs):
    return parse_notice(make_notice(body), **kwargs).notice


def test_header_title_body_signature(make_notice) -> None:
    body = (p("某某区人民政府办公室文件") + p("某政办发〔2024〕12号") + p("")
            + p("关于印发某某区2025年") + p("政务公开工作要点的通知") + p("")
            + p("各镇人民政府，区直各部门：")
            + p("根据《甲的通知》（甲发〔2025〕1号）和《乙办法》要求，及《丙方案》（丙字〔2024〕"
                "第7号），现印发。")
            + p("附件：1. 工作要点；") + p("2．任务分解表。")
            + p("某某区人民政府办公室") + p("二〇二五年三月五日") + p("（此件主动公开）")
            + p("附件1") + p("工作要点") + p("附件2") + p("2025年任务分解表") + TABLE
            + p("某某区人民政府办公室　　2025年3月6日印发"))
    info = _info(make_notice, body)
    assert info.issuer == "某某区人民政府办公室"
    assert info.doc_number == "某政办发〔2024〕12号"
    assert asdict(info.doc_number_parts) == {"prefix": "某政办发", "year": 2024, "serial": 12}
    assert info.title == "关于印发某某区2025年政务公开工作要点的通知"
    assert info.addressees == ["各镇人民政府", "区直各部门"]
    assert [(c.title, c.doc_number) for c in info.cited_documents] == [
        ("甲的通知", "甲发〔2025〕1号"), ("丙方案", "丙字〔2024〕第7号")]
    assert info.attachments == ["工作要点", "任务分解表"]
    assert info.signatory == "某某区人民政府办公室"
    assert info.issued_on == date(2025, 3, 5)
    assert info.disclosure == "此件主动公开"
    assert info.plan_year == 2025


def test_title_broken_by_soft_break(make_notice) -> None:
    body = p('<w:r><w:t>关于做好2026年</w:t><w:br/><w:t>政务公开工作的通知</w:t></w:r>') \
        + p("各部门：") + TABLE
    info = _info(make_notice, body)
    assert info.title == "关于做好2026年政务公开工作的通知"
    assert info.plan_year == 2026


def test_missing_fields_are_null_not_guessed(make_notice) -> None:
    info = _info(make_notice, p("工作安排") + TABLE)
    assert asdict(info) == {
        "doc_number": None, "doc_number_parts": None, "issuer": None, "title": None,
        "addressees": [], "cited_documents": [], "attachments": [], "signatory": None,
        "issued_on": None, "disclosure": None, "plan_year": None}


def test_issuer_in_a_text_box_is_read_once(make_notice) -> None:
    box = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
           '<w:txbxContent><w:p><w:r><w:t>某某市人民政府办公室文件</w:t></w:r></w:p></w:txbxContent>'
           '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>某某市人民政府办公室文件</w:t></w:r></w:p></w:txbxContent></v:textbox>'
           '</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    notice = parse_notice(make_notice(box + p("某政办字〔2025〕9号") + p("关于印发要点的通知")
                                      + p("各部门：") + TABLE))
    assert notice.notice.issuer == "某某市人民政府办公室"


def test_issuer_in_a_layout_table(make_notice) -> None:
    layout = tbl(tr(tc("中共某某区委办公室"), tc("文件")), columns=2)
    info = _info(make_notice, layout + p("区委办发〔2025〕2号") + p("关于印发要点的通知")
                 + p("各部门：") + TABLE)
    assert info.issuer == "中共某某区委办公室"


def test_issued_on_is_not_the_print_date(make_notice) -> None:
    body = (p("关于印发要点的通知") + p("各部门：") + p("正文。") + p("某某办公室")
            + p("2025年4月2日") + TABLE + p("某某办公室　　　2025年4月30日印发"))
    assert _info(make_notice, body).issued_on == date(2025, 4, 2)


def test_plan_year_falls_back_in_order(make_notice) -> None:
    attachment_title = (p("关于印发要点的通知") + p("各部门：") + p("某办公室") + p("2023年1月5日")
                        + p("2024年任务分解表") + TABLE)
    assert _info(make_notice, attachment_title).plan_year == 2024
    doc_number = (p("某办发〔2022〕3号") + p("关于印发要点的通知") + p("各部门：") + p("某办公室")
                  + p("2023年1月5日") + p("任务分解表") + TABLE)
    assert _info(make_notice, doc_number).plan_year == 2022
    issued = (p("关于印发要点的通知") + p("各部门：") + p("某办公室") + p("2023年1月5日")
              + p("任务分解表") + TABLE)
    assert _info(make_notice, issued).plan_year == 2023


def test_year_option_overrides_plan_year_and_deadlines(make_notice) -> None:
    notice = parse_notice(make_notice(p("关于2025年要点的通知") + TABLE), year=2030)
    assert notice.notice.plan_year == 2030
    assert notice.tasks[0].deadline.due == date(2030, 12, 31)


def test_no_year_anywhere_warns(make_notice) -> None:
    notice = parse_notice(make_notice(p("工作安排") + TABLE))
    assert notice.tasks[0].deadline.due is None
    assert any("--year" in w for w in notice.warnings)


def test_a_saved_pages_navigation_trail_is_not_the_title() -> None:
    from gkparse.notice.metadata import Line, read_notice_info

    lines = [Line(text, before_tasks=True) for text in (
        "首页 > 政务公开 > 通知公告", "济高新管办字〔2025〕8号",
        "关于印发济宁高新区贯彻落实2025年济宁市政务公开任务分解表的通知", "各街道、区直各部门：")]
    info, _ = read_notice_info(lines)
    assert info.title == "关于印发济宁高新区贯彻落实2025年济宁市政务公开任务分解表的通知"
