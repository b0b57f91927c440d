"""``gkparse explain``: what was found where, as data, as a tree and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from gkparse.cli import app
from gkparse.formatter import RenderOptions
from gkparse.notice.explain import explain_notice
from gkparse.output_formats import render_text

from docx_factory import FRONT, header_row, p, section_row, task_row, tbl, tc, tr

CORPUS = Path(__file__).parent / "corpus"


def test_head_fields_with_their_paragraphs(repo_root: Path) -> None:
    data = explain_notice("samples/notice.docx")
    head = {entry["field"]: entry for entry in data["head"]}
    assert head["doc_number"]["value"] == "济高新管办字〔2025〕8号"
    assert head["title"]["found"] and head["title"]["paragraph"] is not None
    assert head["issued_on"]["value"] == "2025-06-16"
    assert head["signatory"]["paragraph"] == head["issued_on"]["paragraph"] - 1
    assert data["tasks"] == 56
    [table] = data["tables"]
    assert [(c["header"], c["role"]) for c in table["columns"]] == [
        ("工作任务", "task"), ("牵头部门", "lead"), ("责任单位", "responsible"),
        ("具体要求", "requirement"), ("完成时限", "deadline")]
    assert table["header_rows"] == [1] and table["tasks"] == 56


def test_skipped_tables_rows_and_unread_columns_are_shown(make_notice) -> None:
    layout = tbl(tr(tc("版式"), tc("表格")), columns=2)
    body = FRONT + layout + tbl(
        header_row("工作任务", "牵头单位", "具体要求", "完成时限", "成果形式"),
        section_row("一、甲"), tr(tc("（一）子"), tc("甲局"), tc(""), tc(""), tc("")),
        tr(tc("（二）丑"), tc("乙局"), tc("要求"), tc("6月底前"), tc("文件")))
    data = explain_notice(make_notice(body))
    skipped, tasks = data["tables"]
    assert (skipped["read_as"], skipped["starts_with"]) == ("skipped: no task header row", "版式")
    assert [c["role"] for c in tasks["columns"]] == [
        "task", "lead", "requirement", "deadline", None]
    assert len(tasks["skipped_rows"]) == 1 and "no requirement" in tasks["skipped_rows"][0]
    tree = render_text("explain", "tree", data, RenderOptions())
    assert "E  成果形式 -> not read" in tree and "skipped: table 2 row 3" in tree


def test_paragraph_tasks_show_their_unit_clauses() -> None:
    data = explain_notice(CORPUS / "guandu-2016-growth-measures" / "notice.docx")
    first = data["paragraph_tasks"][0]
    assert (first["id"], first["paragraph"], first["unit_clause"]) == (
        "1.0.1", 3, "区政务服务局牵头,区发改局、区审改办、区住建局、区级相关部门配合")
    assert data["tables"] == []


def test_cli_json_and_tree(make_notice, tmp_path: Path) -> None:
    path = make_notice(p("关于印发要点的通知") + p("各部门：") + p("[加粗]某办公室")
                       + tbl(header_row(), task_row("（一）甲", "甲局", "——", "要求", "9月底前")))
    result = CliRunner().invoke(app, ["explain", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tasks"] == 1
    result = CliRunner().invoke(app, ["explain", str(path), "-f", "tree"])
    assert result.exit_code == 0 and "title: 关于印发要点的通知  (paragraph 1)" in result.stdout
    missing = CliRunner().invoke(app, ["explain", str(tmp_path / "nope.docx")])
    assert missing.exit_code == 2 and "nope.docx" in missing.stderr
