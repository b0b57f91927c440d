"""Every Markdown output keeps hostile text as text: check's and lint's ``--format markdown``
and the report's ``-f markdown`` print unit names, titles, requirements, status notes and
file names through the one escaper (``gkparse.markdown_table.cell``). A ``|`` must not start a
column, a line break not end a row, ``*``/``_`` not make emphasis, ``<`` not start HTML."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from check_helpers import small_notice
from gkparse.cli import app
from gkparse.markdown_table import cell

from conftest import ROOT

runner = CliRunner()
HOSTILE = "区直|部门*重点*<b>粗</b>\n第二行_x_ `代码` [链接](http://x) &lt; ~~删~~ \\"
SPECIAL = set("\\`*_[]<>&|~")


def _cells(row: str) -> list[str]:
    """A table row's cells, split at the pipes that are not escaped (GFM's rule)."""
    cells, current, escaped = [], "", False
    for char in row.strip().removeprefix("|").removesuffix("|"):
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append(current)
            current = ""
        else:
            current += char
    return [*cells, current]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace("<br>", "\n"))


def _unescaped_specials(text: str) -> set[str]:
    found, escaped = set(), False
    for char in text.replace("<br>", ""):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in SPECIAL:
            found.add(char)
    return found


def assert_safe(markdown: str, hostile: str, *, min_tables: int = 1) -> None:
    """Every table keeps its shape, and ``hostile`` comes back whole from one cell (or a
    heading) with none of its special characters left unescaped."""
    lines = markdown.split("\n")
    tables, current = [], []
    for line in lines:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    assert len(tables) >= min_tables
    for table in tables:
        widths = {len(_cells(row)) for row in table}
        assert len(widths) == 1, table  # a stray | or line break would change a row's width
    pieces = [c.strip() for table in tables for row in table for c in _cells(row)]
    pieces += [line.split("：", 1)[-1].split(": ", 1)[-1] for line in lines
               if line.startswith("#")]
    carrying = [piece for piece in pieces if hostile in _unescape(piece)]
    assert carrying, f"{hostile!r} not found whole in:\n{markdown}"
    for piece in carrying:
        assert _unescaped_specials(piece) == set(), piece


def _hostile_status(folder: Path) -> Path:
    """The small notice as extract's JSON with a hostile title, lead unit and requirement, and
    a status file that blocks a task with a hostile note (task 1.1.1 is overdue)."""
    from gkparse import parse_notice
    from gkparse.formats.extract import JSON
    from gkparse.formatter import RenderOptions

    data = json.loads(JSON([parse_notice(small_notice(folder))], RenderOptions()))
    data["notice"]["title"] = HOSTILE
    data["tasks"][0]["lead_units"] = [HOSTILE, "乙局"]
    data["tasks"][0]["requirement"] = HOSTILE
    (folder / "notice.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status = folder / "status.yaml"
    status.write_text("notice: notice.json\nas_of: 2025-07-15\ntasks:\n"
                      '  "1.1.1": {status: in_progress}\n'
                      f'  "1.1.2": {{status: blocked, note: {json.dumps(HOSTILE)}}}\n',
                      encoding="utf-8")
    return status


def test_check_markdown_keeps_hostile_text(tmp_path: Path) -> None:
    done = runner.invoke(app, ["check", str(_hostile_status(tmp_path)), "-f", "markdown"])
    assert done.exit_code == 1, done.output
    assert_safe(done.stdout, HOSTILE, min_tables=2)
    assert f"blocked: {cell(HOSTILE)}" in done.stdout
    assert done.stdout.startswith(f"## gkparse check: {cell(HOSTILE)}\n")


def test_report_markdown_keeps_hostile_text(tmp_path: Path) -> None:
    status = _hostile_status(tmp_path)
    done = runner.invoke(app, ["report", str(status), "-f", "markdown"])
    assert done.exit_code == 0, done.output
    assert_safe(done.stdout, HOSTILE, min_tables=3)
    by_lead = done.stdout.split("### 按牵头单位")[1].split("###")[0]
    assert f"| {cell(HOSTILE)} | " in by_lead  # the unit's own row
    attention = done.stdout.split("### 逾期和即将到期")[1]
    assert f"| 1.1.1 | {cell(HOSTILE.split()[0])}" in attention  # the requirement, cut
    assert f"{cell(HOSTILE)}、乙局 |" in attention
    # --unit names the view in the heading: escaped there too
    unit = runner.invoke(app, ["report", str(status), "-f", "markdown", "--unit", HOSTILE])
    assert unit.stdout.startswith(f"## 工作进展（{cell(HOSTILE)}）：")


def test_lint_markdown_keeps_a_hostile_file_name(tmp_path: Path) -> None:
    """With several files, each finding names its file: a file name is user text too."""
    hostile = tmp_path / "区直|部门*重点*<b>\n第二行_x_.docx"
    for path in (hostile, tmp_path / "plain.docx"):
        shutil.copy(ROOT / "samples" / "lint" / "bad" / "GB141-date-format.docx", path)
    done = runner.invoke(app, ["lint", str(hostile), str(tmp_path / "plain.docx"), "-f",
                               "markdown"])
    assert done.exit_code == 1, done.output
    assert_safe(done.stdout, f"{hostile}: paragraph 23", min_tables=2)


@given(st.text())
def test_the_escaper_keeps_any_text_in_one_cell(text: str) -> None:
    escaped = cell(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert _cells(f"| {escaped} |") == [f" {escaped} "]
    assert _unescaped_specials(escaped) == set()
    assert _unescape(escaped) == text.replace("\r\n", "\n").replace("\r", "\n")
