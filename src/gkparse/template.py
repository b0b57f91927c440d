"""Status-file templates for ``gkparse init``, and ``--merge`` into a file people have edited.

The template is written as text, not dumped from data, so that every entry
can carry a comment (subsection, requirement, lead units, deadline) and a
merge can add entries without touching a byte of what people wrote.
"""

from __future__ import annotations

import json

import yaml

from gkparse.errors import StatusFileError
from gkparse.models import Notice, Task
from gkparse.status import StatusEntry, compose_text

SHORT = 36


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = SHORT) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def entry_block(task: Task, indent: str = "  ") -> str:
    """The comment and entry for one task, ids and fingerprints quoted so YAML keeps them text."""
    level = task.subsection or task.section
    where = level.title if level and level.title else ""
    lead = "、".join(task.lead_units) or "无牵头单位"
    deadline = task.deadline.text or "无时限"
    comment = " | ".join(part for part in (_shorten(where, 24), _shorten(task.requirement),
                                           f"牵头: {_shorten(lead, 30)}", f"时限: {deadline}")
                         if part)
    entry = StatusEntry(task=task.id, line=0, fingerprint=task.fingerprint)
    return f"{indent}# {_one_line(comment)}\n" + render_entry(entry, indent)


def render_entry(entry: StatusEntry, indent: str = "  ") -> str:
    """One entry in block style, fields in the order the contract lists them.

    >>> print(render_entry(StatusEntry(task="1.1.1", line=0, status="done", note="已发布")))
      "1.1.1":
        status: done
        note: 已发布
    <BLANKLINE>
    """
    inner = indent + "  "
    lines = [f'{indent}"{entry.task}":', f"{inner}status: {entry.status}"]
    if entry.completed_on is not None:
        lines.append(f"{inner}completed_on: {entry.completed_on.isoformat()}")
    if entry.evidence:
        lines.append(f"{inner}evidence:")
        lines += [f"{inner}  - {yaml_scalar(item)}" for item in entry.evidence]
    for name in ("note", "reason"):
        value = getattr(entry, name)
        if value:
            lines.append(f"{inner}{name}: {yaml_scalar(' '.join(value.split()))}")
    if entry.fingerprint:
        lines.append(f'{inner}fingerprint: "{entry.fingerprint}"')
    return "\n".join(lines) + "\n"


def render_template(notice: Notice, notice_ref: str) -> str:
    """A fresh status file: every task ``todo`` with its fingerprint and a describing comment."""
    info = notice.notice
    head = [f"# gkparse status file: {_one_line(info.title or notice.source.path)}"]
    if info.doc_number:
        head.append(f"# {info.doc_number}")
    head += [
        "# status: todo | in_progress | done | blocked | waived (或 未开始 推进中 已完成 受阻 免于)",
        "# for done add completed_on: YYYY-MM-DD; for waived add reason: …; evidence: and note: "
        "are optional",
        f"notice: {yaml_scalar(notice_ref)}",
        "# as_of: 2025-12-01   # uncomment to check against a fixed date; default: today (UTC+8)",
        "tasks:",
    ]
    return "\n".join(head) + "\n" + "".join(entry_block(task) for task in notice.tasks)


def yaml_scalar(text: str) -> str:
    """``text`` as written when YAML reads it back unchanged, else double-quoted (JSON is YAML)."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def merge_template(existing: str, notice: Notice, path: str) -> tuple[str, list[str]]:
    """Add entries for tasks the file lacks; everything already there is kept byte for byte."""
    root = compose_text(existing, path, "merge")
    if not isinstance(root, yaml.MappingNode):
        raise StatusFileError(path, "not a status file (no tasks: mapping); cannot merge")
    tasks_node = next((value for key, value in root.value if key.value == "tasks"), None)
    if tasks_node is None:
        body = existing if existing.endswith("\n") or not existing else existing + "\n"
        existing = body + "tasks:\n"
        present: set[str] = set()
        indent = "  "
        insert_at = len(existing)
    elif isinstance(tasks_node, yaml.MappingNode) and not tasks_node.flow_style:
        present = {key.value for key, _ in tasks_node.value}
        indent = " " * (tasks_node.value[0][0].start_mark.column if tasks_node.value else 2)
        insert_at = after_last_entry(existing, tasks_node, len(indent))
    elif isinstance(tasks_node, yaml.ScalarNode) and tasks_node.value in ("", "~", "null"):
        present, indent = set(), "  "
        insert_at = _end_of_line(existing, tasks_node.start_mark.index)
    else:
        raise StatusFileError(path, "tasks: is written in flow style ({…}); write it as a block "
                                    "mapping to merge", line=tasks_node.start_mark.line + 1)
    new = [task for task in notice.tasks if task.id not in present]
    if not new:
        return existing, []
    addition = "".join(entry_block(task, indent) for task in new)
    before, after = existing[:insert_at], existing[insert_at:]
    if before and not before.endswith("\n"):
        before += "\n"
    return before + addition + after, [task.id for task in new]


def _end_of_line(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def after_last_entry(text: str, node: yaml.Node, indent: int) -> int:
    """Where new entries go: after the mapping's last entry, before trailing blank lines and
    comments left of the entries (they belong to what follows)."""
    index = node.end_mark.index
    if index < len(text) and text[index - 1:index] != "\n":
        index = _end_of_line(text, index)
    lines = text[:index].splitlines(keepends=True)
    while lines:
        stripped = lines[-1].strip()
        column = len(lines[-1]) - len(lines[-1].lstrip())
        if stripped and not (stripped.startswith("#") and column < indent):
            break
        lines.pop()
    return len("".join(lines))
