"""The progress report: one self-contained HTML page (or Markdown) from a checked status file.

The page has no external assets and no JavaScript: office intranets are
offline, and printing must show what the screen shows. Bars are CSS; the
filters by unit and status are radio buttons that CSS rules act on, so they
work with scripting off and print as filtered. Every piece of user text is
escaped. Both renderers are pure functions of the checked report; ``html``, ``markdown`` and
``docx`` are the report's formatters (``gkparse.formatter``), which ``gkparse.output_formats``
names for ``report --format``.

>>> from gkparse.tracking.checker import check
>>> "<h1>" in render_html(check("samples/status.yaml"))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from gkparse.formatter import RenderOptions
from gkparse.gcpause import without_cyclic_gc
from gkparse.markdown_table import cell
from gkparse.tracking.checker import CheckReport, TaskState, task_states
from gkparse.tracking.vocabulary import FLAG_LABELS, JOINER, NO_LEAD_UNIT, REPORT_COLOURS, STATUS_LABELS

# Status order in bars and legends, with its label and colour.
SEGMENTS: list[tuple[str, str, str]] = [(status, STATUS_LABELS[status], colour)
                                        for status, colour in REPORT_COLOURS.items()]


def grouped(states: Sequence[TaskState], key: str) -> dict[str, list[TaskState]]:
    """The states by section (``key="section"``) or by lead unit (``"lead"``), in document order."""
    out: dict[str, list[TaskState]] = {}
    for state in states:
        task = state.task
        if key == "section":
            names = [task.section.title or f"第{task.section.ordinal}部分"] if task.section else [
                "（无一级任务）"]
        else:
            names = task.lead_units or [NO_LEAD_UNIT]
        for name in names:
            out.setdefault(name, []).append(state)
    return out


def needs_attention(states: Sequence[TaskState], as_of: date) -> list[TaskState]:
    """The overdue tasks, then the due-soon ones, each earliest deadline first."""
    attention = [s for s in states if s.flag in ("overdue", "due_soon")]
    return sorted(attention, key=lambda s: (s.flag != "overdue", s.task.deadline.due or as_of))


def _bar_chart(title: str, groups: dict[str, list[TaskState]]) -> str:
    rows = []
    for name, members in groups.items():
        total = len(members)
        segments = []
        for status, label, _ in SEGMENTS:
            count = sum(s.status == status for s in members)
            if count:
                segments.append(f'<span class="seg s-{status}" style="width:{100 * count / total:.2f}%"'
                                f' title="{label} {count}"></span>')
        done = sum(s.status == "done" for s in members)
        rows.append(f'<div class="bar-row"><div class="bar-name" title="{escape(name)}">'
                    f'{escape(name)}</div>'
                    f'<div class="bar">{"".join(segments)}</div>'
                    f'<div class="bar-count">{done}/{total}</div></div>')
    return f'<section class="chart"><h2>{escape(title)}</h2>{"".join(rows)}</section>'


def _legend() -> str:
    items = "".join(f'<span><i class="seg s-{status}"></i>{label}</span>'
                    for status, label, _ in SEGMENTS)
    return f'<div class="legend">{items}</div>'


def _task_row(state: TaskState, unit_ids: dict[str, int]) -> str:
    task = state.task
    classes = [f"st-{state.status}"]
    if state.flag in FLAG_LABELS:
        classes.append(f"fl-{state.flag}")
    classes += sorted({f"u-{unit_ids[u]}" for u in (*task.lead_units, *task.responsible_units)})
    due = task.deadline.due.isoformat() if task.deadline.due else ""
    flag = f'<b class="flag">{FLAG_LABELS[state.flag]}</b>' if state.flag in FLAG_LABELS else ""
    return (f'<tr class="{" ".join(classes)}"><td>{escape(task.id)}</td>'
            f"<td>{escape(task.requirement)}</td>"
            f'<td>{escape(JOINER.join(task.lead_units))}</td>'
            f'<td>{escape(JOINER.join(task.responsible_units))}</td>'
            f"<td>{escape(task.deadline.text)}</td><td>{due}</td>"
            f"<td>{STATUS_LABELS[state.status]}{flag}</td></tr>")


def _filters(unit_ids: dict[str, int]) -> tuple[str, str]:
    """Radio buttons (placed before the table) and the CSS rules that make them filter."""
    statuses = [("all", "全部"), ("overdue", "逾期"), ("due_soon", "即将到期"),
                *[(s, label) for s, label, _ in SEGMENTS]]
    inputs, labels_status, labels_unit, rules = [], [], [], []
    for value, label in statuses:
        checked = " checked" if value == "all" else ""
        inputs.append(f'<input type="radio" name="fs" id="fs-{value}"{checked}>')
        labels_status.append(f'<label for="fs-{value}">{label}</label>')
        if value != "all":
            row_class = f"fl-{value}" if value in FLAG_LABELS else f"st-{value}"
            rules.append(f"#fs-{value}:checked ~ .tasks tbody tr:not(.{row_class})"
                         "{display:none}")
            rules.append(f'#fs-{value}:checked ~ .filters label[for="fs-{value}"]'
                         "{background:#1f4e8c;color:#fff}")
    inputs.append('<input type="radio" name="fu" id="fu-all" checked>')
    labels_unit.append('<label for="fu-all">全部单位</label>')
    for unit, number in unit_ids.items():
        inputs.append(f'<input type="radio" name="fu" id="fu-{number}">')
        labels_unit.append(f'<label for="fu-{number}">{escape(unit)}</label>')
        rules.append(f"#fu-{number}:checked ~ .tasks tbody tr:not(.u-{number}){{display:none}}")
        rules.append(f'#fu-{number}:checked ~ .filters label[for="fu-{number}"]'
                     "{background:#1f4e8c;color:#fff}")
    rules.append('#fs-all:checked ~ .filters label[for="fs-all"],'
                 '#fu-all:checked ~ .filters label[for="fu-all"]{background:#1f4e8c;color:#fff}')
    html = ("".join(inputs) + '<div class="filters"><div><b>状态</b>' + "".join(labels_status)
            + '</div><div><b>单位</b>' + "".join(labels_unit) + "</div></div>")
    return html, "\n".join(rules)


CSS = """
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",
"SimSun",sans-serif;margin:24px;color:#1d2733;font-size:14px;line-height:1.5}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta{color:#5b6675;margin-bottom:16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #d5dae1;border-radius:6px;padding:10px 16px;min-width:120px}
.card .n{font-size:26px;font-weight:bold}.card .l{color:#5b6675}
.card.red{border-color:#d64545}.card.red .n{color:#c0392b}
.card.yellow{border-color:#e0b028}.card.yellow .n{color:#a77b00}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.bar-row{display:grid;grid-template-columns:200px 1fr 56px;gap:8px;align-items:center;margin:3px 0}
.bar-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar{display:flex;height:14px;background:#f1f2f4;border-radius:3px;overflow:hidden}
.bar-count{text-align:right;color:#5b6675}
.seg{display:inline-block;height:100%}
.legend{display:flex;gap:14px;flex-wrap:wrap;margin:8px 0;color:#5b6675}
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
""" + "".join(f".s-{status}{{background:{color}}}" for status, _, color in SEGMENTS) + """
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #d5dae1;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eef1f5}thead{display:table-header-group}
tr.fl-overdue td{background:#fde2e1}tr.fl-due_soon td{background:#fff3cd}
tr.st-done td,tr.st-waived td{background:#e6f4ea}
.flag{margin-left:6px;color:#c0392b}
.tasks td:nth-child(1),.tasks td:nth-child(5),.tasks td:nth-child(6),.tasks td:nth-child(7),
.attention td:nth-child(1),.attention td:nth-child(5),.attention td:nth-child(6),
.attention td:nth-child(7){white-space:nowrap}
input[type=radio]{position:absolute;opacity:0;pointer-events:none}
.filters{margin:8px 0 12px}.filters div{margin:4px 0}
.filters b{margin-right:8px}
.filters label{display:inline-block;border:1px solid #c3cad4;border-radius:12px;padding:1px 10px;
margin:2px 4px 2px 0;cursor:pointer;font-size:13px}
.empty{color:#5b6675}
@page{size:A4 landscape;margin:12mm}
@media print{body{margin:0;font-size:11px}.filters{display:none}
tr,.bar-row,.card{break-inside:avoid}.charts{grid-template-columns:1fr 1fr}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def report_states(report: CheckReport) -> list[TaskState]:
    """Every task of the checked report with its status and flag."""
    return task_states(report.notice, report.status, as_of=report.as_of,
                       warn_days=report.warn_days)


@without_cyclic_gc()  # tens of thousands of rows of strings, no cycles (issue 17)
def render_html(report: CheckReport, *, unit: str | None = None) -> str:
    """The whole page. ``unit`` only names the view in the heading (the report is filtered)."""
    info = report.notice.notice
    title = info.title or report.notice.source.path
    states = report_states(report)
    f = report.summary
    cards = [("任务总数", f.tasks, ""), (STATUS_LABELS["done"], f.by_status["done"], ""),
             (STATUS_LABELS["in_progress"], f.by_status["in_progress"], ""),
             (FLAG_LABELS["overdue"], f.overdue, "red"),
             (FLAG_LABELS["due_soon"], f.due_soon, "yellow"), ("完成率", f"{f.percent_done:.1f}%", "")]
    card_html = "".join(f'<div class="card {cls}" data-figure="{label}"><div class="n">{value}'
                        f'</div><div class="l">{label}</div></div>' for label, value, cls in cards)
    attention = needs_attention(states, report.as_of)
    unit_names = list(dict.fromkeys(u for s in states
                                    for u in (*s.task.lead_units, *s.task.responsible_units)))
    unit_ids = {name: number for number, name in enumerate(unit_names)}
    filters, filter_css = _filters(unit_ids)
    attention_rows = "".join(_task_row(s, unit_ids) for s in attention)
    attention_html = (f'<table class="attention"><thead>{_HEAD}</thead><tbody>{attention_rows}'
                      "</tbody></table>" if attention
                      else '<p class="empty">没有逾期或即将到期的任务。</p>')
    view = f"（{escape(unit)}）" if unit else ""
    doc = f"{escape(info.doc_number)} · " if info.doc_number else ""
    meta = f"{doc}截至 {report.as_of.isoformat()} · 提前 {report.warn_days} 天提示"
    charts = (_bar_chart("按一级任务", grouped(states, "section"))
              + _bar_chart("按牵头单位", grouped(states, "lead")))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>工作进展{view}：{escape(title)}</title>
<style>{CSS}
{filter_css}</style></head>
<body>
<h1>工作进展报告{view}</h1>
<div class="meta">{escape(title)}<br>{meta}</div>
<section class="cards">{card_html}</section>
{_legend()}
<div class="charts">{charts}</div>
<h2>逾期和即将到期（{len(attention)}）</h2>
{attention_html}
<h2>全部任务（{len(states)}）</h2>
{filters}
<table class="tasks"><thead>{_HEAD}</thead><tbody>
{"".join(_task_row(s, unit_ids) for s in states)}
</tbody></table>
<p class="meta">由 gkparse 生成 · {escape(report.status_path)}</p>
</body></html>
"""


_HEAD = ("<tr><th>编号</th><th>具体要求</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th>"
         "<th>截止日期</th><th>状态</th></tr>")


def _summary(text: str, length: int = 40) -> str:
    """``text`` on one line, cut to ``length`` characters with …, before it is escaped (a cut
    escaped text could end inside an escape or a ``<br>``)."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[:length - 1] + "…"


@without_cyclic_gc()
def render_markdown(report: CheckReport, *, unit: str | None = None) -> str:
    """The report's summary for a CI step summary or a pull-request comment."""
    states = report_states(report)
    f = report.summary
    title = report.notice.notice.title or report.notice.source.path
    view = f"（{cell(unit)}）" if unit else ""
    lines = [f"## 工作进展{view}：{cell(title)}", "",
             f"截至 {report.as_of.isoformat()}：任务 {f.tasks} 项，已完成 {f.by_status['done']} 项"
             f"（{f.percent_done:.1f}%），推进中 {f.by_status['in_progress']} 项，"
             f"**逾期 {f.overdue} 项**，"
             f"即将到期 {f.due_soon} 项。", ""]
    for heading, key in (("按一级任务", "section"), ("按牵头单位", "lead")):
        lines += [f"### {heading}", "", "| | " + " | ".join(label for _, label, _ in SEGMENTS)
                  + " | 合计 |", "|---|" + "---:|" * (len(SEGMENTS) + 1)]
        for name, members in grouped(states, key).items():
            counts = [sum(s.status == status for s in members) for status, _, _ in SEGMENTS]
            lines.append(f"| {cell(name)} | " + " | ".join(map(str, counts))
                         + f" | {len(members)} |")
        lines.append("")
    attention = needs_attention(states, report.as_of)
    lines += ["### 逾期和即将到期", ""]
    if not attention:
        lines.append("没有逾期或即将到期的任务。")
    else:
        lines += ["| 编号 | 具体要求 | 牵头单位 | 截止日期 | 状态 |", "|---|---|---|---|---|"]
        for s in attention:
            flag = FLAG_LABELS[s.flag or "overdue"]  # attention holds flagged tasks only
            lines.append(f"| {cell(s.task.id)} | {cell(_summary(s.task.requirement))} | "
                         f"{cell(JOINER.join(s.task.lead_units))} | "
                         f"{s.task.deadline.due} | {STATUS_LABELS[s.status]}"
                         f"（{flag}） |")
    return "\n".join(lines) + "\n"


def html(report: CheckReport, options: RenderOptions) -> str:
    """``report --format html``."""
    return render_html(report, unit=options.unit)


def markdown(report: CheckReport, options: RenderOptions) -> str:
    """``report --format markdown``."""
    return render_markdown(report, unit=options.unit)


def docx(report: CheckReport, options: RenderOptions) -> bytes:
    """``report --format docx``: the Word report (``report_docx``, imported only for it)."""
    from gkparse.office.report_docx import render_docx

    return render_docx(report, unit=options.unit, to=options.to, sender=options.sender)
