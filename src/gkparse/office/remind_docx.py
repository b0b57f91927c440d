"""督办单 as a Word document: a page per unit, laid out as a 公文 (``gongwen``).

Each part carries its colour as a mark at the top of its first page (红色督办件,
in the page header), a title ending in a genre word as GB/T 9704 asks (督办通知), the
unit as 主送, the opening, a table of its tasks (each row shaded in its own
colour, with the colour also written out for black-and-white printing),
what is asked of the unit, the reply date, 署名 and date.

>>> from gkparse.tracking.checker import check
>>> from gkparse.office.reminders import plan_reminders
>>> plan = plan_reminders(check("samples/status.yaml"))
>>> render_reminders_docx(plan, plan.reminders, sender=None)[:2]
b'PK'
"""

from __future__ import annotations

from collections.abc import Sequence

from gkparse.office.gongwen import Column, Gongwen
from gkparse.office.reminders import (
    LEVEL_COLOURS,
    LEVEL_NAMES,
    Reminder,
    ReminderPlan,
    asks,
    opening,
    reply_line,
    status_note,
)
from gkparse.office.report_docx import plan_name, sender_of
from gkparse.tracking.vocabulary import JOINER, STATUS_LABELS

COLUMNS = [Column("编号", 14, centred=True), Column("具体要求", 54), Column("牵头单位", 24),
           Column("完成时限", 20, centred=True), Column("状态", 14, centred=True),
           Column("督办情况", 30, centred=True)]


def reminder_title(plan: ReminderPlan) -> str:
    return f"关于《{plan_name(plan.report.notice)}》有关任务的督办通知"


def render_reminders_docx(plan: ReminderPlan, reminders: Sequence[Reminder], *,
                          sender: str | None) -> bytes:
    """The 督办单 of ``reminders`` (all of the plan's, or one for a file of its own)."""
    title = reminder_title(plan)
    signer = sender_of(plan.report.notice, sender)
    page = Gongwen(title=title, created=plan.report.as_of)
    for reminder in reminders:
        page.new_part()
        fill, ink, _ = LEVEL_COLOURS[reminder.level]
        page.mark(f"{LEVEL_NAMES[reminder.level]}督办件", fill=fill, color=ink)
        page.title(title)
        page.addressee(reminder.unit)
        page.paragraph(opening(plan, reminder))
        page.table(COLUMNS, [
            [item.state.task.id, item.state.task.requirement,
             JOINER.join(item.state.task.lead_units), item.state.task.deadline.text,
             STATUS_LABELS[item.state.status],
             f"【{LEVEL_NAMES[item.level][0]}】{status_note(item)}"]
            for item in reminder.items],
            fills=[LEVEL_COLOURS[item.level][2] for item in reminder.items])
        for ask in asks(reminder):
            page.paragraph(ask)
        page.paragraph(reply_line(plan, signer))
        page.signature(signer, plan.report.as_of)
    return page.to_bytes()
