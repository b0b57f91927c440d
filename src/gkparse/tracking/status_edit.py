"""Editing a status file's text in place: the one editor behind ``init --merge`` and ``status import``.

People write status files by hand: comments on every line, Chinese status
words, shorthand (``"1.1.3": 推进中  # 李四负责``), flow entries, block
scalars, anchors, CRLF line ends, a BOM, 4-space indents. An edit changes
exactly the characters of the values that change, found by the marks of
PyYAML's node tree, and inserts whole new fields and entries in the file's
own indentation and line ending; every other character stays. (ruamel.yaml's
round trip was measured against this and rejected: see the README.)

The result is parsed again and compared, task by task, with what was meant;
a difference is a bug and nothing is returned.

>>> text = 'tasks:\\n  "1.1": 推进中   # 李四负责\\n'
>>> print(edit_status_text(text, "status.yaml", {"1.1": {"status": "done"}}), end="")
tasks:
  "1.1": 已完成   # 李四负责
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

import yaml

from gkparse.errors import StatusFileError
from gkparse.gcpause import without_cyclic_gc
from gkparse.tracking.status import (
    ENTRY_FIELDS,
    StatusEntry,
    StatusFile,
    compose_text,
    parse_status,
)
from gkparse.tracking.vocabulary import CHINESE_STATUS, STATUS_WORDS

ORDER = ("status", "completed_on", "evidence", "note", "reason", "fingerprint")
_Span = tuple[yaml.Node, int, int, bool]  # a list item, its text's start and end, an alias?
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_RESOLVER = yaml.resolver.Resolver()
_PLAIN_FIRST_UNSAFE = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = frozenset(",[]{}")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}
_ALIAS = re.compile(r"\*[^\s,\[\]{}]+")


@dataclass(frozen=True)
class NewEntry:
    """An entry to add, with the comment line written above it (``init``'s description)."""

    entry: StatusEntry
    comment: str | None = None


def _printable(char: str) -> bool:
    code = ord(char)
    return (char in "\t\n\r" or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF) and char not in _ESCAPES


def plain_ok(text: str, flow: bool = False) -> bool:
    """Whether ``text`` reads back as this very string when written unquoted.

    >>> plain_ok("已发布"), plain_ok("2025-06-30"), plain_ok("a: b"), plain_ok("a,b", flow=True)
    (True, False, False, False)
    """
    if not text or text != text.strip() or text[0] in _PLAIN_FIRST_UNSAFE:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and any(char in _FLOW_UNSAFE for char in text):
        return False
    if not all(_printable(char) and char not in "\n\r" for char in text):
        return False
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def double_quoted(text: str) -> str:
    r"""``text`` as a YAML double-quoted scalar that reads back exactly, line breaks included.

    >>> print(double_quoted('第一行\n第二行  "引号"'))
    "第一行\n第二行  \"引号\""
    """
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _printable(char):
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02X}" if code <= 0xFF else
                       f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def comment_text(text: str) -> str:
    r"""Text made fit for a YAML comment: one line, no character YAML refuses (a notice may hold
    C1 control characters that a copy through Latin-1 left in it).

    >>> comment_text("持续\x93完善\n目录\x94")
    '持续完善 目录'
    """
    return " ".join("".join(char for char in text if _printable(char) or char in "\n\t")
                    .split())


def scalar(value: object, flow: bool = False) -> str:
    """One value (text, date, None) as YAML that reads back to it."""
    if value is None:
        return "null"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if plain_ok(text, flow) else double_quoted(text)


def flow_value(value: object) -> str:
    """Any status-file value in flow style (lists and mappings written inline)."""
    if isinstance(value, list):
        return "[" + ", ".join(flow_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(str(k), True)}: {flow_value(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return scalar(value, flow=True)


def status_word(status: str, chinese: bool) -> str:
    return CHINESE_STATUS[status] if chinese else status  # type: ignore[index]


def entry_fields(entry: StatusEntry) -> dict[str, Any]:
    """The fields an entry writes, in the contract's order (status always)."""
    fields: dict[str, Any] = {"status": entry.status}
    if entry.completed_on is not None:
        fields["completed_on"] = entry.completed_on
    if entry.evidence:
        fields["evidence"] = list(entry.evidence)
    for name in ("note", "reason", "fingerprint"):
        if getattr(entry, name):
            fields[name] = getattr(entry, name)
    return fields


def render_entry(entry: StatusEntry, indent: str = "  ", step: str = "  ", newline: str = "\n",
                 chinese: bool = False) -> str:
    """One entry in block style, fields in the order the contract lists them.

    >>> print(render_entry(StatusEntry(task="1.1.1", line=0, status="done", note="已发布")), end="")
      "1.1.1":
        status: done
        note: 已发布
    """
    lines = [f"{indent}{double_quoted(entry.task)}:"]
    lines += _field_lines(entry_fields(entry), indent + step, step, chinese)
    return newline.join(lines) + newline


def _field_lines(fields: Mapping[str, Any], indent: str, step: str, chinese: bool) -> list[str]:
    lines = []
    for name, value in fields.items():
        if name == "status":
            lines.append(f"{indent}status: {status_word(value, chinese)}")
        elif name == "fingerprint":
            lines.append(f"{indent}fingerprint: {double_quoted(value)}")
        elif isinstance(value, list):
            lines.append(f"{indent}{name}:")
            lines += [f"{indent}{step}- {scalar(item)}" for item in value]
        else:
            lines.append(f"{indent}{name}: {scalar(value)}")
    return lines


def _flow_fields(fields: Mapping[str, Any], chinese: bool) -> str:
    parts = []
    for name, value in fields.items():
        shown = status_word(value, chinese) if name == "status" else (
            double_quoted(value) if name == "fingerprint" else flow_value(value))
        parts.append(f"{name}: {shown}")
    return "{" + ", ".join(parts) + "}"


def newline_of(text: str) -> str:
    r"""The line ending a file uses (its first one), for the lines an edit adds.

    >>> newline_of("a\r\nb\n"), newline_of("a\rb"), newline_of("a")
    ('\r\n', '\r', '\n')
    """
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


class _Edits:
    """Replacements by position in the original text, applied in one pass."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[tuple[int, int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        self.items.append((start, len(self.items), end, new))

    def insert(self, at: int, new: str) -> None:
        self.replace(at, at, new)

    def apply(self) -> str:
        pieces, done = [], 0
        # At one position, insertions come before a replacement that starts there.
        for start, _, end, new in sorted(self.items, key=lambda e: (e[0], e[2] > e[0], e[1])):
            if start < done:  # two edits of one span: a bug, caught here rather than written
                raise AssertionError(f"overlapping edits at {start}")
            pieces += [self.text[done:start], new]
            done = end
        pieces.append(self.text[done:])
        return "".join(pieces)


def _is_chinese_word(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value.strip() in CHINESE_STATUS.values()


_BREAK = re.compile(r"\r\n|\r|\n")
_HEADER_COMMENT = re.compile(r"[ \t]+#[^\r\n]*")


def line_end(text: str, index: int) -> int:
    """Just after the line break (LF, CRLF or CR) ending the line that holds ``index``."""
    match = _BREAK.search(text, index)
    return match.end() if match else len(text)


def line_start(text: str, index: int) -> int:
    """Where the line that holds ``index`` starts."""
    # "\r" looked for only after the last "\n": a file with none would be scanned back to
    # its start on every call, quadratic in its size (issue 17).
    newline = text.rfind("\n", 0, index)
    return max(newline, text.rfind("\r", newline + 1, index)) + 1


class _Editor:
    def __init__(self, text: str, path: str, root: yaml.Node | None) -> None:
        self.text, self.path = text, path
        self.newline = newline_of(text)
        self.edits = _Edits(text)
        self.uses = _count_uses(root) if root is not None else {}

    # --- positions -----------------------------------------------------------------------
    def line_end(self, index: int) -> int:
        return line_end(self.text, index)

    def line_start(self, index: int) -> int:
        return line_start(self.text, index)

    def starts_line(self, index: int) -> bool:
        return not self.text[self.line_start(index):index].strip()

    def content_end(self, node: yaml.Node) -> int:
        """Where a node's own characters end (a block scalar's trailing line breaks excluded)."""
        if isinstance(node, yaml.ScalarNode):
            end = node.end_mark.index
            if node.style in ("|", ">"):
                while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
                    end -= 1
            return end
        if getattr(node, "flow_style", False) or not node.value:
            return node.end_mark.index
        last = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
        return self.content_end(last)

    def insert_lines(self, at: int, lines: list[str]) -> None:
        lead = self.newline if at == len(self.text) and not self.text.endswith(("\n", "\r")) else ""
        self.edits.insert(at, lead + "".join(line + self.newline for line in lines))

    def after(self, node: yaml.Node, end: int | None = None) -> int:
        """Where lines go after a value: after its last line, or, for a block scalar that keeps
        its trailing line breaks (``|+``), after those too (they are part of its text)."""
        own = end is None or end == self.content_end(node)
        if own and isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") and "+" in \
                self.text[node.start_mark.index:self.line_end(node.start_mark.index)].split("#")[0]:
            return node.end_mark.index
        return self.line_end(self.content_end(node) if end is None else end)

    def blank_out(self, start: int, end: int) -> None:
        """Remove a token; the spaces before it too when nothing but a line break follows."""
        if not self.text[end:self.line_end(end)].strip():
            while start > 0 and self.text[start - 1] in " \t":
                start -= 1
        self.edits.replace(start, end, "")

    def alias_span(self, after: int) -> tuple[int, int]:
        """The ``*name`` token of an alias written after ``after`` (a key's end)."""
        match = _ALIAS.search(self.text, after)
        if match is None:  # pragma: no cover - PyYAML found an alias there
            raise StatusFileError(self.path, "cannot find a YAML alias to update")
        return match.start(), match.end()

    def occurrence(self, node: yaml.Node, lower: int) -> tuple[int, int, bool]:
        """A node where it is written after ``lower``: its own text, or an alias's token."""
        if node.start_mark.index < lower:
            return (*self.alias_span(lower), True)
        if node.start_mark.index == node.end_mark.index:  # an empty value: after its colon
            return node.start_mark.index, node.start_mark.index, False
        return node.start_mark.index, self.content_end(node), False

    def shared(self, node: yaml.Node) -> bool:
        return self.uses.get(id(node), 0) > 1

    def refuse_shared(self, node: yaml.Node, what: str) -> None:
        raise StatusFileError(self.path, f"{what} is shared through a YAML anchor (&name); "
                                         "write it out to update it", line=node.start_mark.line + 1)

    # --- values ----------------------------------------------------------------------------
    def set_value(self, key: yaml.Node, value: yaml.Node, new: object, old: object, name: str,
                  field_indent: str, step: str, flow: bool, chinese: bool) -> None:
        """Replace one field's value with ``new``, keeping what surrounds it."""
        start, end, is_alias = self.occurrence(value, key.end_mark.index)
        if self.shared(value) and not is_alias:
            self.refuse_shared(value, f"the value of {name}")
        lead = " " if start == end else ""
        if new is None or new == []:
            self.clear(key, value, start, end, flow, "[]" if name == "evidence" else "null")
        elif name == "status":
            self.edits.replace(start, end, lead + status_word(str(new), chinese))
        elif name == "fingerprint":
            self.edits.replace(start, end, lead + double_quoted(str(new)))
        elif not isinstance(new, list):
            self.replace_scalar(value, start, end, lead + flow_value(new), is_alias)
        elif isinstance(value, yaml.SequenceNode) and value.value and not is_alias:
            self.set_items(value, new, old if isinstance(old, list) else [])
        elif flow or is_alias:
            self.edits.replace(start, end, lead + flow_value(new))
        elif len(new) == 1 and isinstance(value, yaml.ScalarNode):
            self.replace_scalar(value, start, end, lead + scalar(new[0]), is_alias)
        else:  # a scalar becomes a list: the items go on the lines below, the comment stays
            self.blank_out(start, end)
            self.insert_lines(self.after(value, end),
                              [f"{field_indent}{step}- {scalar(item)}" for item in new])

    def replace_scalar(self, node: yaml.Node, start: int, end: int, new: str,
                       is_alias: bool) -> None:
        """A scalar's text replaced; a block scalar's header comment (``|  # 口述``) kept."""
        if not is_alias and isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            header = self.text[start:self.line_end(start)]
            comment = _HEADER_COMMENT.search(header)
            if comment:
                new += comment.group(0)
        self.edits.replace(start, end, new)

    def clear(self, key: yaml.Node, value: yaml.Node, start: int, end: int, flow: bool,
              empty: str) -> None:
        """A field emptied in the ledger: its lines go (a block entry), else its value is null."""
        if not flow and self.starts_line(key.start_mark.index):
            self.edits.replace(self.line_start(key.start_mark.index), self.after(value, end), "")
        else:
            self.edits.replace(start, end, (" " if start == end else "") + empty)

    def set_items(self, node: yaml.SequenceNode, new: list[str], old: list[str]) -> None:
        """A list edited item by item, as a diff: items kept keep their text and comments, an
        item removed takes its own line (and comment) with it, new items go where they stand."""
        spans = []
        lower = node.start_mark.index
        for item in node.value:
            start, end, is_alias = self.occurrence(item, lower)
            spans.append((item, start, end, is_alias))
            lower = end
        if len(old) != len(spans):  # items the parser read differently: compare their text
            old = [item.value if isinstance(item, yaml.ScalarNode) else "" for item, *_ in spans]
        flow = bool(node.flow_style)
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for k in range(paired):
                item, start, end, is_alias = spans[i1 + k]
                if self.shared(item) and not is_alias:
                    self.refuse_shared(item, "an evidence item")
                self.edits.replace(start, end, scalar(new[j1 + k], flow=flow))
            if i1 + paired < i2:
                self.remove_items(spans, i1 + paired, i2, flow)
            if j1 + paired < j2:
                self.insert_items(spans, i1 + paired, new[j1 + paired:j2], flow)

    def remove_items(self, spans: list[_Span], first: int, stop: int, flow: bool) -> None:
        for item, _, _, is_alias in spans[first:stop]:
            if self.shared(item) and not is_alias:
                self.refuse_shared(item, "an evidence item")
        if flow:
            if stop < len(spans):  # the items, their commas and comments, up to the next one
                self.edits.replace(spans[first][1], spans[stop][1], "")
            elif self.starts_line(spans[first][1]) and not self.text[
                    spans[stop - 1][2]:self.line_end(spans[stop - 1][2])].split("#")[0].strip(
                    " \t\r\n,"):  # the last ones, on lines of their own
                self.edits.replace(self.line_start(spans[first][1]),
                                   self.line_end(spans[stop - 1][2]), "")
            elif self.starts_line(spans[first][1]):  # their line also closes the list: the
                self.edits.replace(spans[first][1], spans[stop - 1][2], "")  # items only
            else:  # the last ones on a shared line: from the end of the item before them
                self.edits.replace(spans[first - 1][2], spans[stop - 1][2], "")
            return
        dash = self.text.rfind("-", 0, spans[first][1])
        item, _, end, _ = spans[stop - 1]
        self.edits.replace(self.line_start(dash), self.after(item, end), "")

    def insert_items(self, spans: list[_Span], before: int, values: list[str], flow: bool
                     ) -> None:
        if flow:
            if before < len(spans):
                self.edits.insert(spans[before][1], "".join(f"{scalar(v, flow=True)}, "
                                                            for v in values))
            else:
                self.edits.insert(spans[-1][2], "".join(f", {scalar(v, flow=True)}"
                                                        for v in values))
            return
        anchor = spans[min(before, len(spans) - 1)]
        dash = self.text.rfind("-", 0, anchor[1])
        indent = " " * (dash - self.line_start(dash))
        lines = [f"{indent}- {scalar(value)}" for value in values]
        if before < len(spans):
            self.edits.insert(self.line_start(dash), "".join(line + self.newline
                                                             for line in lines))
        else:
            self.insert_lines(self.after(anchor[0], anchor[2]), lines)

    # --- entries ---------------------------------------------------------------------------
    def update_entry(self, key: yaml.Node, value: yaml.Node, before: StatusEntry,
                     changes: Mapping[str, Any], flow_parent: bool, indent: int,
                     step: str, chinese_file: bool) -> None:
        is_alias = value.start_mark.index < key.end_mark.index
        after = replace(before, **changes)
        if is_alias:  # `"1.2.1": *ip`: this task gets its own entry, the anchor's stays
            start, end = self.alias_span(key.end_mark.index)
            self.write_whole_entry(start, end, after, flow_parent, indent, step, chinese_file)
            return
        if isinstance(value, yaml.ScalarNode):
            chinese = _is_chinese_word(value)
            if set(changes) <= {"status"}:
                self.edits.replace(value.start_mark.index, value.end_mark.index,
                                   status_word(after.status, chinese))
                return
            self.write_whole_entry(value.start_mark.index, value.end_mark.index, after,
                                   flow_parent, indent, step, chinese)
            return
        self.update_mapping(cast(yaml.MappingNode, value), before, changes, step, chinese_file)

    def write_whole_entry(self, start: int, end: int, entry: StatusEntry, flow: bool,
                          indent: int, step: str, chinese: bool) -> None:
        fields = entry_fields(entry)
        if flow:
            self.edits.replace(start, end, _flow_fields(fields, chinese))
            return
        self.blank_out(start, end)
        self.insert_lines(self.line_end(end), _field_lines(fields, " " * indent + step, step,
                                                           chinese))

    def update_mapping(self, node: yaml.MappingNode, before: StatusEntry,
                       changes: Mapping[str, Any], step: str, chinese_file: bool) -> None:
        present = {k.value: (k, v) for k, v in node.value}
        status_node = present.get("status", (None, None))[1]
        chinese = _is_chinese_word(status_node) if status_node is not None else chinese_file
        flow = bool(node.flow_style)
        field_indent = " " * (_key_indent(self.text, node.value[0][0]) if node.value else 0)
        missing: list[str] = []
        for name in ORDER:
            if name not in changes:
                continue
            if name in present:
                key, value = present[name]
                self.set_value(key, value, changes[name], getattr(before, name), name,
                               field_indent, step, flow, chinese)
            elif changes[name] is not None and changes[name] != []:
                missing.append(name)
        if not missing:
            return
        new = {name: changes[name] for name in missing}
        if flow:
            inside = _flow_fields(new, chinese)[1:-1]
            if node.value:
                last_key, last_value = node.value[-1]
                self.edits.insert(self.occurrence(last_value, last_key.end_mark.index)[1],
                                  ", " + inside)
            else:
                self.edits.insert(node.end_mark.index - 1, inside)
            return
        # New fields go after the field that comes before them in the contract's order.
        for name in missing:
            earlier = [present[n] for n in ORDER[:ORDER.index(name)] if n in present]
            last_key, last_value = earlier[-1] if earlier else node.value[-1]
            end = self.occurrence(last_value, last_key.end_mark.index)[1]
            self.insert_lines(self.after(last_value, end),
                              _field_lines({name: new[name]}, field_indent, step, chinese))


def _count_uses(root: yaml.Node) -> dict[int, int]:
    """How many places each node appears in (more than one: an anchor with aliases)."""
    uses: dict[int, int] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        uses[id(node)] = uses.get(id(node), 0) + 1
        if uses[id(node)] > 1:
            continue
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return uses


def _key_indent(text: str, key: yaml.Node) -> int:
    """The column a key's siblings start at: the key's own, or that of the ``?`` before it
    (an explicit key, ``? "1.1.1"``, is written after its indicator)."""
    before = text[line_start(text, key.start_mark.index):key.start_mark.index].rstrip()
    return len(before) - 1 if before.endswith("?") else key.start_mark.column


def _step(tasks: yaml.MappingNode) -> str:
    """The indentation the file uses for a level (from its first block entry), else two spaces."""
    for key, value in tasks.value:
        if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
            width: int = value.value[0][0].start_mark.column - key.start_mark.column
            if width > 0:
                return " " * width
    return "  "


def _prefers_chinese(tasks: yaml.Node | None) -> bool:
    """Whether most status words in the file are written in Chinese."""
    chinese = english = 0
    if isinstance(tasks, yaml.MappingNode):
        for _, value in tasks.value:
            word = value
            if isinstance(value, yaml.MappingNode):
                word = next((v for k, v in value.value if k.value == "status"), None)
            if isinstance(word, yaml.ScalarNode):
                if _is_chinese_word(word):
                    chinese += 1
                elif word.value.strip() in STATUS_WORDS:
                    english += 1
    return chinese > english


def edit_status_text(text: str, path: str, changes: Mapping[str, Mapping[str, Any]],
                     added: Sequence[NewEntry | StatusEntry] = (), *,
                     parsed: StatusFile | None = None) -> str:
    """``text`` with the given fields of existing entries changed and new entries added.

    ``changes`` maps a task id to the fields to set (``status``, ``completed_on``,
    ``evidence``, ``note``, ``reason``, ``fingerprint``); ``added`` are entries the
    file does not have yet; ``parsed``: ``text`` as ``parse_status`` read it, where
    the caller has it already. Raises StatusFileError when the file cannot be
    edited without damage; the caller's file is never touched here.
    """
    with without_cyclic_gc():
        return _edit(text, path, changes, added, parsed)


def _edit(text: str, path: str, changes: Mapping[str, Mapping[str, Any]],
          added: Sequence[NewEntry | StatusEntry], parsed: StatusFile | None) -> str:
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    old = parsed if parsed is not None else parse_status(body, path)
    root = compose_text(body, path, "update")
    editor = _Editor(body, path, root)
    new_entries = [item if isinstance(item, NewEntry) else NewEntry(item) for item in added]
    for task in changes:
        if task not in old.tasks:
            raise StatusFileError(path, "internal error: asked to change an entry the file does "
                                        "not have", task=task)
        unknown = set(changes[task]) - ENTRY_FIELDS
        if unknown:
            raise StatusFileError(path, f"internal error: unknown fields {sorted(unknown)}",
                                  task=task)
    for item in new_entries:
        if item.entry.task in old.tasks:
            raise StatusFileError(path, "internal error: asked to add an entry the file has",
                                  task=item.entry.task)
    tasks_key, tasks = _tasks_node(root)
    chinese = _prefers_chinese(tasks)
    if isinstance(tasks, yaml.MappingNode) and tasks.value:
        indent = _key_indent(body, tasks.value[0][0])
        step = _step(tasks)
        flow = bool(tasks.flow_style)
        aliases: dict[int, list[yaml.Node]] = {}
        for key, value in tasks.value:
            if value.start_mark.index < key.end_mark.index:
                aliases.setdefault(id(value), []).append(key)
        for key, value in tasks.value:
            wanted = changes.get(key.value)
            if not wanted:
                continue
            if value.start_mark.index >= key.end_mark.index:
                # An anchor whose entry changes: the tasks that alias it keep what they said.
                for other in aliases.get(id(value), []):
                    if other.value not in changes:
                        start, end = editor.alias_span(other.end_mark.index)
                        editor.write_whole_entry(start, end, old.tasks[other.value], flow,
                                                 indent, step, chinese)
            editor.update_entry(key, value, old.tasks[key.value], wanted, flow, indent, step,
                                chinese)
    if new_entries:
        _add_entries(editor, root, tasks_key, tasks, new_entries, chinese)
    result = editor.edits.apply()
    _check(result, path, old, changes, new_entries)
    return bom + result


def _tasks_node(root: yaml.Node | None) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "tasks":
                return key, value
    return None, None


def _add_entries(editor: _Editor, root: yaml.Node | None, tasks_key: yaml.Node | None,
                 tasks: yaml.Node | None, items: Sequence[NewEntry], chinese: bool) -> None:
    newline, text = editor.newline, editor.text

    def block(indent: str, step: str) -> str:
        out = []
        for item in items:
            if item.comment:
                out.append(f"{indent}# {comment_text(item.comment)}{newline}")
            out.append(render_entry(item.entry, indent, step, newline, chinese))
        return "".join(out)

    if isinstance(root, yaml.MappingNode) and root.flow_style:
        raise StatusFileError(editor.path, "the file is written as one flow mapping ({…}); "
                                           "write it in block style to update it")
    if tasks is None:  # no tasks: key (or an empty file): the section goes at the end
        lead = newline if text and not text.endswith(("\n", "\r")) else ""
        editor.edits.insert(len(text), f"{lead}tasks:{newline}" + block("  ", "  "))
        return
    assert tasks_key is not None
    empty_flow = isinstance(tasks, yaml.MappingNode) and tasks.flow_style and not tasks.value
    if (isinstance(tasks, yaml.ScalarNode) and tasks.tag == _NULL_TAG) or empty_flow:
        # `tasks: ~   # 以后再填`: the null goes, the comment stays, the entries follow.
        start, end = tasks.start_mark.index, tasks.end_mark.index
        if empty_flow:  # `{  # 以后再填 \n}`: the braces go, a comment between them stays
            editor.blank_out(start, start + 1)
            editor.blank_out(end - 1, end)
        else:
            editor.blank_out(start, end)
        at = editor.line_end(max(end, tasks_key.end_mark.index))
        lead = newline if at == len(text) and not text.endswith(("\n", "\r")) else ""
        editor.edits.insert(at, lead + block("  ", "  "))
        return
    if not isinstance(tasks, yaml.MappingNode):
        raise StatusFileError(editor.path, "tasks: must be a mapping of task id to status",
                              line=tasks.start_mark.line + 1)
    if tasks.flow_style:
        parts = [f"{double_quoted(i.entry.task)}: {_flow_fields(entry_fields(i.entry), chinese)}"
                 for i in items]
        last_key, last_value = tasks.value[-1]
        editor.edits.insert(editor.occurrence(last_value, last_key.end_mark.index)[1],
                            ", " + ", ".join(parts))
        return
    indent = _key_indent(text, tasks.value[0][0])
    at = after_last_entry(text, tasks, indent)
    last: yaml.Node = tasks
    while isinstance(last, yaml.MappingNode | yaml.SequenceNode) and last.value:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    if last is not tasks:  # a last value that keeps its trailing blank lines (`|+`) ends later
        at = max(at, editor.after(last))
    lead = newline if at and not text[:at].endswith(("\n", "\r")) else ""
    editor.edits.insert(at, lead + block(" " * indent, _step(tasks)))


def after_last_entry(text: str, node: yaml.Node, indent: int) -> int:
    """Where new entries go: after the mapping's last entry, before trailing blank lines and
    comments left of the entries (they belong to what follows)."""
    index = node.end_mark.index
    if index < len(text) and text[index - 1:index] not in ("\n", "\r"):
        index = line_end(text, index)
    lines = text[:index].splitlines(keepends=True)
    while lines:
        stripped = lines[-1].strip()
        column = len(lines[-1]) - len(lines[-1].lstrip())
        if stripped and not (stripped.startswith("#") and column < indent):
            break
        lines.pop()
    return sum(len(line) for line in lines)


def _fields(entry: StatusEntry) -> tuple[object, ...]:
    return (entry.status, entry.completed_on, entry.evidence, entry.note, entry.reason,
            entry.fingerprint)


def _check(result: str, path: str, old: StatusFile, changes: Mapping[str, Mapping[str, Any]],
           added: Sequence[NewEntry]) -> None:
    """The edited text must read back as meant: changed entries changed, all others equal."""
    try:
        new = parse_status(result, path)
    except StatusFileError as exc:
        raise StatusFileError(path, f"internal error: the edited file would not read back "
                                    f"({exc.message}); nothing was written") from None
    expected = {task: replace(entry, **changes.get(task, {})) for task, entry in old.tasks.items()}
    expected.update({item.entry.task: item.entry for item in added})
    problems = [task for task, entry in expected.items()
                if task not in new.tasks or _fields(new.tasks[task]) != _fields(entry)]
    problems += [task for task in new.tasks if task not in expected]
    if problems or (new.notice, new.as_of) != (old.notice, old.as_of):
        raise StatusFileError(path, "internal error: the edited file would not read back as "
                                    "meant; nothing was written", task=problems[0] if problems else None)
