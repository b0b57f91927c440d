"""Property test of the in-place status-file editor: random files in every style people write,
random changes; the result parses, every line outside the changed entries is byte-identical
and in order, and the changed entries hold exactly the new values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from gkparse.tracking.status import StatusEntry, parse_status
from gkparse.tracking.status_edit import double_quoted, edit_status_text
from gkparse.tracking.vocabulary import CHINESE_STATUS

STATUSES = list(CHINESE_STATUS)
# Text people type: Chinese, quotes, colons, hashes, line breaks, leading/trailing spaces.
TEXT = st.text(alphabet=list("政务公开ab1 :#\"'-\\\n\t，。〔〕*&!|>%@[]{}\u2028\x85é"),
               min_size=1, max_size=24).filter(lambda t: t.strip())
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
COMMENT = st.sampled_from(["", "   # 王科长确认", "  # c: d", " #x"])


@st.composite
def entries(draw, task: str, indent: str, step: str) -> tuple[list[str], StatusEntry]:
    """One entry in a random style: its lines (without line ends) and what it means."""
    status = draw(st.sampled_from(STATUSES))
    chinese = draw(st.booleans())
    word = CHINESE_STATUS[status] if chinese else status
    key = draw(st.sampled_from([f'"{task}"', f"'{task}'"]))
    style = draw(st.sampled_from(["shorthand", "block", "flow"]))
    entry = StatusEntry(task=task, line=0, status=status)
    if style == "shorthand":
        return [f"{indent}{key}: {word}{draw(COMMENT)}"], entry
    fields: list[tuple[str, list[str] | str]] = []
    if draw(st.booleans()):
        entry.completed_on = draw(DATES)
        fields.append(("completed_on", entry.completed_on.isoformat()))
    if draw(st.booleans()):
        entry.evidence = draw(st.lists(TEXT, min_size=1, max_size=3))
        fields.append(("evidence", entry.evidence))
    if draw(st.booleans()):
        entry.note = draw(TEXT)
        fields.append(("note", entry.note))
    if style == "flow":
        parts = [f"status: {word}"]
        for name, value in fields:
            shown = ("[" + ", ".join(double_quoted(v) for v in value) + "]"
                     if isinstance(value, list) else
                     value if name == "completed_on" else double_quoted(value))
            parts.append(f"{name}: {shown}")
        return [f"{indent}{key}: {{{', '.join(parts)}}}{draw(COMMENT)}"], entry
    inner = indent + step
    lines = [f"{indent}{key}:{draw(COMMENT)}", f"{inner}status: {word}{draw(COMMENT)}"]
    for name, value in fields:
        if draw(st.booleans()):
            lines.append(f"{inner}# 说明 {name}")
        if isinstance(value, list):
            if draw(st.booleans()):
                lines.append(f"{inner}{name}:{draw(COMMENT)}")
                lines += [f"{inner}{step}- {double_quoted(v)}{draw(COMMENT)}" for v in value]
            else:
                lines.append(f"{inner}{name}: [{', '.join(double_quoted(v) for v in value)}]")
        elif name == "note" and not any(c in value for c in "\n\t\x85\u2028") \
                and value == value.strip() and draw(st.booleans()):
            lines += [f"{inner}{name}: |-", f"{inner}{step}{value}"]
        else:
            shown = value if name == "completed_on" else double_quoted(value)
            lines.append(f"{inner}{name}: {shown}{draw(COMMENT)}")
    return lines, entry


@st.composite
def status_files(draw) -> tuple[str, list[tuple[int, int]], dict[str, StatusEntry], str]:
    """A file's text, each entry's line range, the entries, and its line end."""
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    indent = draw(st.sampled_from(["  ", "    "]))
    step = draw(st.sampled_from(["  ", "    "]))
    lines = ["# 我们的状态文件", "notice: notice.docx", "tasks:   # 逐项填写"]
    spans, meant = [], {}
    for number in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            lines.append(f"{indent}# 第{number}项")
        if draw(st.booleans()):
            lines.append("")
        entry_lines, entry = draw(entries(f"1.{number}.1", indent, step))
        spans.append((len(lines), len(lines) + len(entry_lines)))
        lines += entry_lines
        meant[entry.task] = entry
    lines.append("# 文末")
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom + newline.join(lines) + newline, spans, meant, newline


# A field set to None (or evidence to []) is cleared, as an emptied ledger cell asks.
CHANGES = st.fixed_dictionaries({}, optional={
    "status": st.sampled_from(STATUSES), "completed_on": st.none() | DATES,
    "evidence": st.lists(TEXT, max_size=3), "note": st.none() | TEXT})


@given(status_files(), st.data())
def test_random_edits_touch_only_the_changed_entries(made, data) -> None:
    text, spans, meant, newline = made
    assert parse_status(text, "s.yaml").tasks.keys() == meant.keys()
    tasks = list(meant)
    chosen = data.draw(st.lists(st.sampled_from(tasks), unique=True, max_size=len(tasks)))
    changes = {task: data.draw(CHANGES) for task in chosen}
    changes = {task: fields for task, fields in changes.items() if fields}
    new_task = data.draw(st.sampled_from([None, "9.9.9"]))
    added = [StatusEntry(task=new_task, line=0, status="done", note="新增")] if new_task else []

    out = edit_status_text(text, "s.yaml", changes, added)

    result = parse_status(out, "s.yaml")
    for task, entry in meant.items():
        got = result.tasks[task]
        want = replace(entry, **changes.get(task, {}))
        assert (got.status, got.completed_on, got.evidence, got.note) == (
            want.status, want.completed_on, want.evidence, want.note)
    if new_task:
        assert result.tasks[new_task].note == "新增"
    assert out.startswith("\ufeff") == text.startswith("\ufeff")
    # Every line outside a changed entry is there, byte for byte and in order.
    old_lines = text.split(newline)
    changed_lines = {i for task, (start, end) in zip(meant, spans, strict=True)
                     if task in changes for i in range(start, end)}
    kept = [line for i, line in enumerate(old_lines) if i not in changed_lines]
    new_lines = iter(out.split(newline))
    assert all(any(line == candidate for candidate in new_lines) for line in kept)
    # No line end of another kind crept in.
    others = {"\n", "\r\n", "\r"} - {newline}
    assert not any(other in out.replace(newline, "") for other in others if other != "\r\n")
