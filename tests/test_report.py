"""The progress report: HTML as a browser shows it, and the Markdown summary."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from gkparse.cli import app
from gkparse.office.report import render_html
from gkparse.tracking.checker import check

from conftest import ROOT, need_program

SAMPLES = ROOT / "samples"
runner = CliRunner()
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def _report(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(SAMPLES / "status.yaml"), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_page_is_self_contained_and_escapes_user_text(tmp_path: Path) -> None:
    html = _report(tmp_path).read_text(encoding="utf-8")
    assert "<script" not in html and not re.search(r'(src|href)=["\']?(https?:)?//', html)
    assert "@page{size:A4 landscape" in html and "@media print" in html
    report = check(SAMPLES / "status.yaml")
    first, *rest = report.notice.tasks
    report.notice = replace(report.notice, tasks=[
        replace(first, requirement="<script>alert(1)</script>&"), *rest])
    page = render_html(report)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in page


def test_markdown_summary(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(SAMPLES / "status.yaml"), "-f", "markdown"])
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("## 工作进展：关于印发济宁高新区")
    assert "任务 56 项" in text and "**逾期 1 项**" in text and "| 1.4.5 |" in text
    assert "### 按牵头单位" in text


def test_unit_report_without_roster_says_so_once(tmp_path: Path) -> None:
    for name in ("notice.docx", "status.yaml"):
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    # 洸河街道 has tasks only through 各街道: without a roster that is no answer, not 0 tasks.
    result = runner.invoke(app, ["report", str(tmp_path / "status.yaml"), "--unit", "洸河街道",
                                 "-f", "markdown"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("needs a roster") == 1 and len(result.stderr.splitlines()) == 1
    named = runner.invoke(app, ["report", str(tmp_path / "status.yaml"), "--unit",
                                "区生态环境分局", "-f", "markdown"])  # named in the notice itself
    assert named.exit_code == 0 and named.stderr.count("no roster") == 1
    assert "任务 1 项" in named.stdout
    shutil.copyfile(SAMPLES / "units.yaml", tmp_path / "units.yaml")
    with_roster = runner.invoke(app, ["report", str(tmp_path / "status.yaml"), "--unit",
                                      "洸河街道", "-f", "markdown"])
    assert "no roster" not in with_roster.stderr and "任务 43 项" in with_roster.stdout


PROBE = """
<script>
(function () {
  var out = {};
  out.figures = {};
  document.querySelectorAll('[data-figure]').forEach(function (c) {
    var r = c.getBoundingClientRect();
    out.figures[c.dataset.figure] = r.width > 0 ? c.querySelector('.n').textContent : null;
  });
  out.segments = Array.prototype.filter.call(document.querySelectorAll('.bar .seg'),
    function (s) { return s.getBoundingClientRect().width > 0; }).length;
  out.rows = Array.prototype.filter.call(document.querySelectorAll('.tasks tbody tr'),
    function (r) { return r.getBoundingClientRect().height > 0; }).length;
  document.getElementById('fs-overdue').checked = true;
  out.overdue_rows = Array.prototype.filter.call(document.querySelectorAll('.tasks tbody tr'),
    function (r) { return r.getBoundingClientRect().height > 0; }).length;
  // Tofu: a CJK string drawn in the page's font must not look like a string of .notdef boxes.
  function pixels(text) {
    var c = document.createElement('canvas'); c.width = 200; c.height = 40;
    var g = c.getContext('2d'); g.font = '24px ' + getComputedStyle(document.body).fontFamily;
    g.fillText(text, 4, 30); return c.toDataURL();
  }
  out.tofu = pixels('政务公开') === pixels('\\uE000\\uE001\\uE002\\uE003');
  out.blank = pixels('政务公开') === pixels('');
  document.body.setAttribute('data-probe', JSON.stringify(out));
})();
</script>
"""


def test_report_as_a_browser_shows_it(tmp_path: Path) -> None:
    browser = need_program(BROWSER, "Chromium", "scripts/install-test-tools.sh installs it")
    page = _report(tmp_path)
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                     encoding="utf-8")
    done = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                           "--dump-dom", probe.as_uri()], capture_output=True, text=True,
                          timeout=120, check=True)
    found = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert found, done.stdout[-2000:]
    result = json.loads(found.group(1).replace("&quot;", '"'))
    assert result["figures"] == {"任务总数": "56", "已完成": "5", "推进中": "10", "逾期": "1",
                                 "即将到期": "1", "完成率": "8.9%"}
    assert result["segments"] >= 20  # stacked bars drawn, by section and by lead unit
    assert result["rows"] == 56 and result["overdue_rows"] == 1  # the CSS-only filter works
    assert not result["tofu"] and not result["blank"]  # Chinese glyphs, not boxes


def test_report_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first = _report(tmp_path).read_bytes()
    assert _report(tmp_path).read_bytes() == first
