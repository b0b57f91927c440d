"""The progress report as a Word document (工作进展情况报告), laid out as a 公文.

The same content as the HTML report, in the form an office sends upward: a
title, an opening that cites the notice, 一、总体进展 with the figures,
二、逾期和即将到期任务 as a table, 三、分项进展情况 by section and by lead
unit, 四、受阻任务 where there are any, then 署名 and 成文日期 (the as-of
date). Every figure is the checker's summary and every task state the
report's (``report.report_states``), never counted again here.

>>> from gkparse.tracking.checker import check
>>> render_docx(check("samples/status.yaml"))[:2]
b'PK'
"""

from __future__ import annotations

from collections.abc import Sequence

from gkparse.models import Notice
from gkparse.office.gongwen import Column, Gongwen, chinese_date
from gkparse.office.ledger import FILLS
from gkparse.office.report import SEGMENTS, grouped, needs_attention, report_states
from gkparse.tracking.checker import CheckReport, TaskState
from gkparse.tracking.vocabulary import FLAG_LABELS, JOINER, NO_LEAD_UNIT_WORD, STATUS_LABELS

CHINESE_ORDINALS = "一二三四五六七八九十"
ATTENTION_COLUMNS = [Column("编号", 14, centred=True), Column("具体要求", 58),
                     Column("牵头单位", 28), Column("完成时限", 20, centred=True),
                     Column("状态", 14, centred=True), Column("截止情况", 22, centred=True)]
FIGURE_COLUMNS = [Column(label, 26, centred=True)
                  for label in ("任务总数", STATUS_LABELS["done"], STATUS_LABELS["in_progress"],
                                FLAG_LABELS["overdue"], FLAG_LABELS["due_soon"], "完成率")]
GROUP_NAME_WIDTH, PERCENT_WIDTH = 36, 16


def plan_name(notice: Notice) -> str:
    """What the tasks are called: the attachment (the 任务分解表), else the notice's title."""
    info = notice.notice
    if info.attachments:
        return info.attachments[0]
    if info.title:
        return info.title
    return notice.source.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def sender_of(notice: Notice, sender: str | None) -> str | None:
    """Who signs: as given, else the notice's 署名, else its issuer."""
    return sender or notice.notice.signatory or notice.notice.issuer


def deadline_note(state: TaskState, report: CheckReport) -> str:
    """逾期15天 / 还有16天 / 今天到期: how the deadline stands on the as-of date."""
    due = state.task.deadline.due
    if due is None:
        return ""
    days = (due - report.as_of).days
    if days < 0:
        return f"逾期{-days}天"
    return "今天到期" if days == 0 else f"还有{days}天"


def _count_columns(states_seen: Sequence[TaskState]) -> list[tuple[str, str]]:
    """(status, label) for every status some task has, in the report's order."""
    present = {s.status for s in states_seen}
    return [(status, label) for status, label, _ in SEGMENTS if status in present]


def _group_table(page: Gongwen, name: str, groups: dict[str, list[TaskState]],
                 statuses: list[tuple[str, str]]) -> None:
    counts = ["合计", *(label for _, label in statuses), "逾期"]
    width = (156 - GROUP_NAME_WIDTH - PERCENT_WIDTH) / len(counts)
    columns = [Column(name, GROUP_NAME_WIDTH), *(Column(n, width, centred=True) for n in counts),
               Column("完成率", PERCENT_WIDTH, centred=True)]
    rows = []
    for group, members in groups.items():
        done = sum(s.status == "done" for s in members)
        rows.append([group, str(len(members)),
                     *(str(sum(s.status == status for s in members)) for status, _ in statuses),
                     str(sum(s.flag == "overdue" for s in members)),
                     f"{100 * done / len(members):.1f}%"])
    page.table(columns, rows)


def render_docx(report: CheckReport, *, unit: str | None = None, to: str | None = None,
                sender: str | None = None) -> bytes:
    """The report as .docx bytes. ``unit`` names the view (the report is already filtered);
    ``to`` is the 主送机关; ``sender`` the 署名 (default: the notice's)."""
    notice, info, f = report.notice, report.notice.notice, report.summary
    plan = plan_name(notice)
    when = chinese_date(report.as_of)
    whose = unit or ""
    title = f"关于{whose}《{plan}》落实进展情况的报告"
    page = Gongwen(title=title, created=report.as_of)
    page.title(title)
    if to:
        page.addressee(to)
    source = f"《{info.title}》" if info.title else f"《{plan}》"
    if info.title and info.doc_number:
        source += f"（{info.doc_number}）"
    page.paragraph(f"按照{source}要求，现将截至{when}{whose}《{plan}》落实进展情况报告如下。")
    states = report_states(report)
    headings = iter(CHINESE_ORDINALS)

    page.heading(1, f"{next(headings)}、总体进展")
    counts = "；".join(f"{label}{f.by_status[status]}项" for status, label, _ in SEGMENTS
                      if f.by_status[status] and status != "done")
    page.paragraph(f"《{plan}》{'涉及' + unit + '的' if unit else '共列'}任务{f.tasks}项。"
                   f"截至{when}，已完成{f.by_status['done']}项，完成率{f.percent_done:.1f}%"
                   + (f"；{counts}" if counts else "") + "。"
                   f"其中，逾期未完成{f.overdue}项，{report.warn_days}日内到期{f.due_soon}项。")
    page.table(FIGURE_COLUMNS, [[str(f.tasks), str(f.by_status["done"]),
                                 str(f.by_status["in_progress"]), str(f.overdue),
                                 str(f.due_soon), f"{f.percent_done:.1f}%"]])

    page.heading(1, f"{next(headings)}、逾期和即将到期任务")
    attention = needs_attention(states, report.as_of)
    if not attention:
        page.paragraph(f"截至{when}，没有逾期或{report.warn_days}日内到期的任务。")
    else:
        page.paragraph(f"逾期{f.overdue}项（红色）、{report.warn_days}日内到期{f.due_soon}项"
                       "（黄色），列表如下。")
        page.table(ATTENTION_COLUMNS, [
            [s.task.id, s.task.requirement, JOINER.join(s.task.lead_units), s.task.deadline.text,
             STATUS_LABELS[s.status], deadline_note(s, report)] for s in attention],
            fills=[FILLS[s.flag] for s in attention if s.flag])

    page.heading(1, f"{next(headings)}、分项进展情况")
    statuses = _count_columns(states)
    page.heading(2, "（一）按一级任务")
    _group_table(page, "一级任务", grouped(states, "section"), statuses)
    page.heading(2, "（二）按牵头单位")
    _group_table(page, "牵头单位", grouped(states, "lead"), statuses)

    blocked = [s for s in states if s.status == "blocked"]
    if blocked:
        page.heading(1, f"{next(headings)}、受阻任务")
        for number, state in enumerate(blocked, 1):
            task, entry = state.task, state.entry
            why = entry.note if entry and entry.note else "未说明"
            lead = JOINER.join(task.lead_units) or NO_LEAD_UNIT_WORD
            requirement = task.requirement.rstrip("。；;")
            page.paragraph(f"{number}. {task.id}（{lead}）：{requirement}。"
                           f"受阻原因：{why.rstrip('。')}。")
    page.signature(sender_of(notice, sender), report.as_of)
    return page.to_bytes()
