"""Editing a status file's text in place: changed entries rewritten, everything else kept.

People write comments in their status files and keep them in git, so a
change is made to the text, not by dumping data: only the lines of an entry
that changes are rewritten (the comment above it stays), new entries go after
the last one, and every other byte is left as it was.
"""

from __future__ import annotations

import yaml

from gkparse.errors import StatusFileError
from gkparse.status import StatusEntry, compose_text
from gkparse.template import after_last_entry, render_entry


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _entry_end(text: str, value: yaml.Node) -> int:
    """Just after an entry's last line, leaving trailing blank and comment lines outside."""
    end = value.end_mark.index
    line_start = _line_start(text, end)
    if not text[line_start:end].strip():
        # A block mapping ends where the next key begins: the entry stops before that line.
        end = line_start
    elif text[end - 1:end] != "\n":
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline + 1
    lines = text[:end].splitlines(keepends=True)
    start_count = len(text[:_line_start(text, value.start_mark.index)].splitlines(keepends=True))
    while len(lines) > start_count + 1 and (not lines[-1].strip()
                                            or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return len("".join(lines))


def apply_entries(text: str, entries: list[StatusEntry], path: str) -> str:
    """``text`` with each entry replaced (same task id) or added after the last one."""
    root = compose_text(text, path, "update")
    tasks = next((v for k, v in root.value if k.value == "tasks"), None) if isinstance(
        root, yaml.MappingNode) else None
    if not isinstance(tasks, yaml.MappingNode) or tasks.flow_style:
        raise StatusFileError(path, "tasks: must be a block mapping to be updated in place")
    spans = {key.value: (key, value) for key, value in tasks.value}
    indent = " " * (tasks.value[0][0].start_mark.column if tasks.value else 2)
    edits: list[tuple[int, int, str]] = []
    added: list[str] = []
    for entry in entries:
        span = spans.get(entry.task)
        if span is None:
            added.append(render_entry(entry, indent))
            continue
        key, value = span
        start = _line_start(text, key.start_mark.index)
        edits.append((start, _entry_end(text, value), render_entry(entry, indent)))
    if added:
        at = after_last_entry(text, tasks, len(indent)) if tasks.value else len(text)
        edits.append((at, at, "".join(added)))
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        before = text[:start]
        if before and not before.endswith("\n"):
            before += "\n"
        text = before + replacement + text[end:]
    return text
