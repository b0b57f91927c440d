"""督办单 as plain text, to paste into a message: one block per unit, tasks numbered.

>>> from gkparse.tracking.checker import check
>>> from gkparse.office.reminders import plan_reminders
>>> plan = plan_reminders(check("samples/status.yaml"))
>>> print(render_reminders_text(plan, plan.reminders, sender=None).splitlines()[0])
【红色督办】区党政办公室：
"""

from __future__ import annotations

from collections.abc import Sequence

from gkparse.office.gongwen import chinese_date
from gkparse.office.reminders import (
    LEVEL_NAMES,
    Reminder,
    ReminderPlan,
    asks,
    opening,
    reply_line,
    status_note,
)
from gkparse.office.report_docx import sender_of
from gkparse.tracking.vocabulary import STATUS_LABELS

MAX_REQUIREMENT = 60  # characters of a task's requirement in a message; the .docx has it whole


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_REQUIREMENT else text[: MAX_REQUIREMENT - 1] + "…"


def render_reminders_text(plan: ReminderPlan, reminders: Sequence[Reminder], *,
                          sender: str | None) -> str:
    signer = sender_of(plan.report.notice, sender)
    blocks = []
    for reminder in reminders:
        lines = [f"【{LEVEL_NAMES[reminder.level]}督办】{reminder.unit}：", opening(plan, reminder)]
        for number, item in enumerate(reminder.items, 1):
            task = item.state.task
            deadline = task.deadline.text or "无"
            lines.append(f"{number}.【{LEVEL_NAMES[item.level][0]}】{task.id} {_short(task.requirement)}"
                         f"（时限：{deadline}；状态：{STATUS_LABELS[item.state.status]}；"
                         f"{status_note(item)}）")
        lines += asks(reminder)
        lines.append(reply_line(plan, signer))
        if signer:
            lines.append(signer)
        lines.append(chinese_date(plan.report.as_of))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""
