"""Task ids stay unique within a notice (contract 4.2a).

A notice may number its tasks twice: two attachments each with its own table, or a table
whose sections start again at 一、. The numbering runs are counted from 1; a run restarts
where a new section's ordinal is not greater than the one before it (or where an id comes
round again within the run, as in two tables without sections). The first run keeps plain
``S.U.N`` ids; every later run's ids carry its number and a colon (``2:1.1.1``), so that
``init`` never writes a key twice and no command meets a duplicate id.

>>> from gkparse.models import Level, Task, TaskSource
>>> from gkparse.grammar.deadline import Deadline
>>> def task(id, section):
...     return Task(id=id, section=Level(ordinal=section, title=str(section)), requirement="x",
...                 deadline=Deadline(text="", kind="none"), fingerprint="0",
...                 source=TaskSource(table=1, row=int(id[-1])))
>>> tasks = [task("1.0.1", 1), task("2.0.1", 2), task("1.0.1", 1)]
>>> restart = number_runs(tasks)[0]
>>> restart.code, restart.row, restart.text[:27]
('ids-restart', 1, 'task ids start again at the')
>>> [t.id for t in tasks]
['1.0.1', '2.0.1', '2:1.0.1']
"""

from __future__ import annotations

from gkparse.messages import Message
from gkparse.models import Task


def _where(task: Task) -> str:
    source = task.source
    if source.paragraph is not None:
        return f"paragraph {source.paragraph}"
    return f"table {source.table} row {source.row}"


def number_runs(tasks: list[Task]) -> list[Message]:
    """Prefix the ids of every numbering run after the first with ``N:``; one warning per
    restart."""
    warnings: list[Message] = []
    run = 1
    seen: set[str] = set()
    previous_section: tuple[int, str | None] | None = None
    previous_ordinal: int | None = None
    for task in tasks:
        section = (task.section.ordinal, task.section.title) if task.section else (0, None)
        new_section = section != previous_section
        if (new_section and previous_ordinal is not None and section[0] <= previous_ordinal) \
                or task.id in seen:
            run += 1
            seen = set()
            warnings.append(Message(
                "ids-restart", f"task ids start again at the task {task.id} ({_where(task)}): "
                "the notice numbers its tasks once more (another table, or sections from 一、 "
                f"again); that run's ids are written {run}:S.U.N ({run}:{task.id})",
                table=task.source.table, row=task.source.row, paragraph=task.source.paragraph))
        seen.add(task.id)
        if new_section:
            previous_section, previous_ordinal = section, section[0]
        if run > 1:
            task.id = f"{run}:{task.id}"
    return warnings
