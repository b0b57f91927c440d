"""``gkparse report -f docx``: the progress report as a 公文, read back three ways.

With python-docx (what is in it), with gkparse's own reader (the Word files
gkparse writes are notices it can read), and rendered by LibreOffice.
"""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import docx
from typer.testing import CliRunner

import gkparse
from gkparse.cli import app
from gkparse.lint import lint_files
from gkparse.office.report import grouped, needs_attention, report_states
from gkparse.office.report_docx import render_docx
from gkparse.tracking.checker import check

from conftest import ROOT
from docx_render import MM, needs_libreoffice, page_image, pixels_like, to_pdf, words_by_page

SAMPLES = ROOT / "samples"
runner = CliRunner()
TITLE = "关于《济宁高新区贯彻落实2025年济宁市政务公开任务分解表》落实进展情况的报告"


def _report_file(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "report.docx"
    result = runner.invoke(app, ["report", str(SAMPLES / "status.yaml"), "-f", "docx", "-o",
                                 str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def _table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_report_content_is_the_checkers(tmp_path: Path) -> None:
    report = check(SAMPLES / "status.yaml")
    document = docx.Document(io.BytesIO(render_docx(report, to="济宁高新区管委会")))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == TITLE and paragraphs[0].style.name == "公文标题"
    assert paragraphs[1].text == "济宁高新区管委会："
    assert paragraphs[2].text.startswith("按照《关于印发济宁高新区贯彻落实2025年济宁市政务公开任务"
                                         "分解表的通知》（济高新管办字〔2025〕8号）要求，现将截至"
                                         "2025年10月15日")
    headings = [p.text for p in paragraphs if p.style.name.endswith("级标题")]
    assert headings == ["一、总体进展", "二、逾期和即将到期任务", "三、分项进展情况",
                        "（一）按一级任务", "（二）按牵头单位", "四、受阻任务"]
    overall = next(p.text for p in paragraphs if p.text.startswith("《"))
    assert "共列任务56项" in overall and "已完成5项，完成率8.9%" in overall
    assert "逾期未完成1项，30日内到期1项" in overall and "未跟踪1项" in overall
    figures, attention, sections, leads = document.tables
    assert _table_rows(figures) == [["任务总数", "已完成", "推进中", "逾期", "即将到期", "完成率"],
                                    ["56", "5", "10", "1", "1", "8.9%"]]
    states = report_states(report)
    expected = needs_attention(states, report.as_of)
    rows = _table_rows(attention)
    assert [r[0] for r in rows[1:]] == [s.task.id for s in expected] == ["1.4.5", "1.4.3"]
    assert rows[1][1:] == [expected[0].task.requirement, "区党政办公室", "9月底前", "推进中",
                           "逾期15天"]
    assert rows[2][-1] == "还有16天"
    fills = [row._tr.tc_lst[0].tcPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd") for row in
        attention.rows[1:]]
    assert [f.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")
            for f in fills] == ["F8CBAD", "FFE699"]
    for table, key in ((sections, "section"), (leads, "lead")):
        rows = _table_rows(table)
        header = rows[0]
        groups = grouped(states, key)
        assert [r[0] for r in rows[1:]] == list(groups)
        assert [int(r[1]) for r in rows[1:]] == [len(m) for m in groups.values()]
        for row in rows[1:]:  # each row's status counts add up to its total
            counts = [int(row[header.index(label)]) for label in
                      ("已完成", "免于", "推进中", "受阻", "未开始", "未跟踪")]
            assert sum(counts) == int(row[1])
    assert sum(int(r[1]) for r in _table_rows(sections)[1:]) == 56
    blocked = next(p.text for p in paragraphs if p.text.startswith("1. 2.6.1"))
    assert blocked.endswith("受阻原因：等待市级平台接口。")
    assert [p.text for p in paragraphs[-2:]] == ["济宁高新区管委会办公室", "2025年10月15日"]


def test_a_report_is_a_notice_gkparse_reads_back(tmp_path: Path) -> None:
    path = _report_file(tmp_path, "--to", "济宁高新区管委会")
    notice = gkparse.parse_notice(path)
    info = notice.notice
    assert info.title == TITLE and info.addressees == ["济宁高新区管委会"]
    # (署名 and 成文日期 follow the tables here, where gkparse's reader takes a notice's
    # attachments to start, so it does not look for them there.)
    assert [c.doc_number for c in info.cited_documents] == ["济高新管办字〔2025〕8号"]
    report = check(SAMPLES / "status.yaml")
    expected = needs_attention(report_states(report), report.as_of)
    assert [(t.requirement, t.lead_units, t.deadline.text, t.deadline.due) for t in notice.tasks] \
        == [(s.task.requirement, s.task.lead_units, s.task.deadline.text, s.task.deadline.due)
            for s in expected]


def test_the_report_passes_gkparses_gb_t_9704_lint(tmp_path: Path) -> None:
    report = lint_files([_report_file(tmp_path, "--to", "济宁高新区管委会")])
    # GB203 is the one warning, by choice: 28 characters a line come from letter spacing, not
    # Word's character grid, which LibreOffice lays out with gaps (gongwen.LETTER_SPACING).
    assert [(f.code, f.severity) for f in report.findings] == [("GB203", "warning")]
    assert "no character grid" in report.findings[0].message


def test_nothing_due_and_a_unit_view(tmp_path: Path) -> None:
    for name in ("notice.docx", "status.yaml", "units.yaml"):
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    out = tmp_path / "early.docx"
    result = runner.invoke(app, ["report", str(tmp_path / "status.yaml"), "-f", "docx",
                                 "--as-of", "2025-01-02", "--unit", "洸河街道", "-o", str(out),
                                 "--from", "某某办公室"])
    assert result.exit_code == 0, result.output
    document = docx.Document(out)
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == TITLE.replace("关于《", "关于洸河街道《")
    assert "截至2025年1月2日，没有逾期或30日内到期的任务。" in texts
    assert texts[-2:] == ["某某办公室", "2025年1月2日"]
    assert len(document.tables) == 3  # figures, by section, by lead unit: no attention table
    assert _table_rows(document.tables[0])[1][0] == "43"


def test_report_docx_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first = _report_file(tmp_path).read_bytes()
    assert _report_file(tmp_path).read_bytes() == first


@needs_libreoffice
def test_report_renders_in_libreoffice(tmp_path: Path) -> None:
    pdf = to_pdf(_report_file(tmp_path), tmp_path)
    pages = words_by_page(pdf)
    assert len(pages) >= 2
    first = " ".join(w.text for w in pages[0])
    assert "关于《济宁高新区贯彻落实2025年济宁市政" in first.replace(" ", "")
    for number, page in enumerate(pages, 1):
        dashes = [w for w in page if w.text == "—"]
        numeral = next(w for w in page if w.text == str(number) and w.y_min > (297 - 35) * MM)
        assert len(dashes) == 2 and all(abs(d.y_min - numeral.y_min) < 3 for d in dashes)
        # 7 mm under the 版心 (± 3 mm: the dash sits mid-line); outside edge, one character in
        assert abs(numeral.y_min - (297 - 35 + 7) * MM) < 3 * MM + 5
        if number % 2:
            assert (210 - 26 - 12) * MM < max(d.x_max for d in dashes) < (210 - 26) * MM
        else:
            assert 28 * MM < min(d.x_min for d in dashes) < (28 + 12) * MM
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in fonts, fonts  # Chinese drawn with a CJK face, not boxes
    width, height, pixels = page_image(pdf, 1, tmp_path)
    assert (width, height) == (331, 468)  # A4 at 40 dpi
    assert pixels_like(pixels, (0xF8, 0xCB, 0xAD), 8) > 200  # the red row of the overdue task
    assert pixels_like(pixels, (0, 0, 0), 100) > 2000  # text drawn


def test_a_word_document_is_not_printed_to_a_terminal(tmp_path: Path) -> None:
    main, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "gkparse.cli", "report",
                               str(SAMPLES / "status.yaml"), "-f", "docx"], stdout=terminal,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(terminal)
        os.close(main)
    assert done.returncode == 2
    assert done.stderr == ("gkparse: stdout: a Word document is not printed to a terminal; "
                           "use -o FILE\n")


def test_to_and_from_only_with_docx() -> None:
    result = runner.invoke(app, ["report", str(SAMPLES / "status.yaml"), "--to", "某机关"])
    assert result.exit_code == 2
    assert "Invalid value for '--to': only a Word report (-f docx) has an addressee" in \
        result.stderr
