"""Small notices and status files for the check tests."""

from __future__ import annotations

from pathlib import Path

from docx_factory import header_row, p, section_row, task_row, tbl, write_docx

# Tasks of the small notice: 1.1.1 due 2025-06-30, 1.1.2 due 2025-12-31, 1.1.3 no lead,
# 1.1.4 no deadline, 1.1.5 unparsed deadline, 1.1.6 ongoing.
SMALL_BODY = p("关于印发2025年要点的通知") + p("各部门：") + tbl(
    header_row(), section_row("一、总体"),
    task_row("（一）甲", "甲局", "——", "要求一", "6月底前", task_merge="restart"),
    task_row(None, "乙局", "——", "要求二", "12月底前", task_merge="word"),
    task_row(None, "——", "——", "要求三", "12月底前", task_merge="word"),
    task_row(None, "丙局", "——", "要求四", "", task_merge="word"),
    task_row(None, "丁局", "——", "要求五", "视情况", task_merge="word"),
    task_row(None, "戊局", "——", "要求六", "长期坚持", task_merge="word"),
)
ALL_IDS = ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6"]


def small_notice(folder: Path) -> Path:
    return write_docx(folder / "notice.docx", SMALL_BODY)


def status_file(folder: Path, entries: str, *, as_of: str | None = "2025-05-01",
                notice: str = "notice.docx") -> Path:
    lines = [f"notice: {notice}"]
    if as_of:
        lines.append(f"as_of: {as_of}")
    lines.append("tasks:")
    path = folder / "status.yaml"
    path.write_text("\n".join(lines) + "\n" + entries, encoding="utf-8")
    return path


def tracked(**overrides: str) -> str:
    """Entries for every task of the small notice (done unless overridden)."""
    out = []
    for task_id in ALL_IDS:
        body = overrides.get(task_id.replace(".", "_"), "{status: done, completed_on: 2025-04-01}")
        out.append(f'  "{task_id}": {body}\n')
    return "".join(out)
