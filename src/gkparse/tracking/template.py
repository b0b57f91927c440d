"""Status-file templates for ``gkparse init``, and ``--merge`` into a file people have edited.

The template is written as text, not dumped from data, so that every entry
can carry a comment (subsection, requirement, lead units, deadline) and a
merge can add entries without touching a byte of what people wrote.
"""

from __future__ import annotations

from pathlib import Path

from gkparse.limits import DEFAULT_LIMITS, Limits
from gkparse.models import Notice, Task
from gkparse.output import OutputError
from gkparse.tracking.inplace import open_for_edit
from gkparse.tracking.status import StatusEntry, decode_status, parse_status
from gkparse.tracking.status_edit import NewEntry, comment_text, edit_status_text, render_entry, scalar
from gkparse.tracking.vocabulary import CHINESE_STATUS, JOINER, NO_LEAD_UNIT_WORD, STATUSES

SHORT = 36


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = SHORT) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_task(task: Task) -> str:
    """The one-line comment written above a task's entry: where, what, who, when."""
    level = task.subsection or task.section
    where = level.title if level and level.title else ""
    lead = JOINER.join(task.lead_units) or NO_LEAD_UNIT_WORD
    deadline = task.deadline.text or "无时限"
    return _one_line(" | ".join(part for part in (
        _shorten(where, 24), _shorten(task.requirement), f"牵头: {_shorten(lead, 30)}",
        f"时限: {deadline}") if part))


def new_entry(task: Task) -> NewEntry:
    """A ``todo`` entry for a task, with its fingerprint and describing comment."""
    return NewEntry(StatusEntry(task=task.id, line=0, fingerprint=task.fingerprint),
                    describe_task(task))


def render_template(notice: Notice, notice_ref: str) -> str:
    """A fresh status file: every task ``todo`` with its fingerprint and a describing comment."""
    info = notice.notice
    try:
        notice_ref.encode("utf-8")
    except UnicodeEncodeError:  # a name unzipped from a GBK archive, not decodable as UTF-8
        shown = notice.source.path.encode("utf-8", "backslashreplace").decode("utf-8")
        raise OutputError(shown, "the file name is not UTF-8 text (unzipped from "
                                              "a GBK archive?); rename the file and run init "
                                              "again") from None
    head = [f"# gkparse status file: {comment_text(info.title or notice.source.path)}"]
    if info.doc_number:
        head.append(f"# {comment_text(info.doc_number)}")
    head += [
        f"# status: {' | '.join(STATUSES)} (或 {' '.join(CHINESE_STATUS.values())})",
        "# for done add completed_on: YYYY-MM-DD; for waived add reason: …; evidence: and note: "
        "are optional",
        f"notice: {yaml_scalar(notice_ref)}",
        "# as_of: 2025-12-01   # uncomment to check against a fixed date; default: today (UTC+8)",
        "tasks:",
    ]
    entries = [new_entry(task) for task in notice.tasks]
    return "\n".join(head) + "\n" + "".join(f"  # {comment_text(item.comment or '')}\n"
                                            + render_entry(item.entry) for item in entries)


def yaml_scalar(text: str) -> str:
    """``text`` as written when YAML reads it back unchanged, else double-quoted.

    >>> yaml_scalar("notice.docx"), yaml_scalar("yes")
    ('notice.docx', '"yes"')
    """
    return scalar(text)


def merge_template(existing: str, notice: Notice, path: str) -> tuple[str, list[str]]:
    """Add entries for tasks the file lacks; everything already there is kept byte for byte."""
    parsed = parse_status(existing.removeprefix("\ufeff"), path)
    new = [task for task in notice.tasks if task.id not in parsed.tasks]
    if not new:
        return existing, []
    return (edit_status_text(existing, path, {}, [new_entry(task) for task in new],
                             parsed=parsed), [task.id for task in new])


def merge_into(path: Path, notice: Notice, *, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Add the notice's missing tasks to the status file at ``path``, in place and under its
    lock (see ``gkparse.tracking.inplace``); the ids added, in notice order."""
    with open_for_edit(path, max_bytes=limits.max_status_bytes) as edited:
        merged, added = merge_template(decode_status(edited.data, path), notice, str(path))
        if added:
            edited.replace(merged.encode("utf-8"))
        return added
