"""The status file (contract section 2): YAML read with a safe loader, every entry with its line.

>>> text = "notice: notice.docx\\ntasks:\\n  1.1.1: done\\n"
>>> status = parse_status(text, "status.yaml")
>>> status.tasks["1.1.1"].status, status.tasks["1.1.1"].line
('done', 3)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from gkparse.errors import GkparseError, StatusFileError
from gkparse.gcpause import without_cyclic_gc
from gkparse.grammar.dates import read_date
from gkparse.inputs import read_input
from gkparse.limits import DEFAULT_LIMITS
from gkparse.tracking.vocabulary import STATUS_WORDS, Status

try:  # the C loader is several times faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
SafeLoader = _Loader  # what the roster reads with too

ENTRY_FIELDS = frozenset({"status", "completed_on", "evidence", "note", "reason", "fingerprint"})
TOP_FIELDS = frozenset({"notice", "as_of", "tasks"})
MAX_EXPANDED_NODES = 1_000_000
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class StatusEntry:
    task: str
    line: int
    status: Status = "todo"
    completed_on: date | None = None
    evidence: list[str] = field(default_factory=list)
    note: str | None = None
    reason: str | None = None
    fingerprint: str | None = None


@dataclass
class StatusFile:
    path: str
    notice: str | None = None
    notice_line: int = 1
    as_of: date | None = None
    tasks: dict[str, StatusEntry] = field(default_factory=dict)
    tasks_line: int = 1


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _date(value: Any, node: yaml.Node, path: str, what: str, task: str | None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return read_date(value)  # 2025/03/28, 2025年3月28日: the forms people type
    except ValueError as exc:
        raise StatusFileError(path, f"{what}: {exc}", line=_line(node), task=task) from None


def _text(value: Any, node: yaml.Node, path: str, what: str, task: str) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise StatusFileError(path, f"{what} must be text", line=_line(node), task=task)
    return str(value) if not isinstance(value, str) else value


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def refuse_alias_bombs(root: yaml.Node, path: str, limit: int = MAX_EXPANDED_NODES) -> None:
    """Refuse a document whose aliases would expand past ``limit`` nodes, or refer to themselves.

    An alias shares its anchor's node, so a few dozen aliases can stand for
    billions of nodes (the "billion laughs"); anything that walks the data
    (a renderer, json.dumps) would then hang. Sizes are counted once per node.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > limit:
                raise StatusFileError(path, f"YAML aliases (*name) expand this file past {limit:,} "
                                            "values; refused", line=_line(node))
            continue
        if key in open_nodes:
            raise StatusFileError(path, "a YAML alias refers to the value that contains it",
                                  line=_line(node))
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _status_word(value: Any, node: yaml.Node, path: str, task: str) -> Status:
    word = value.strip() if isinstance(value, str) else value
    if not isinstance(word, str) or word not in STATUS_WORDS:
        allowed = ", ".join(STATUS_WORDS)
        raise StatusFileError(path, f"unknown status {value!r}; use one of {allowed}",
                              line=_line(node), task=task)
    return STATUS_WORDS[word]


def _construct(loader: Any, node: yaml.Node) -> Any:
    """``loader.construct_object(node, deep=True)``; a plain text scalar (most of a status
    file) is its own value, which SafeConstructor's ``construct_yaml_str`` returns too."""
    if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
        return node.value
    return loader.construct_object(node, deep=True)


def _entry(task: str, key: yaml.Node, node: yaml.Node, loader: Any, path: str) -> StatusEntry:
    entry = StatusEntry(task=task, line=_line(key))
    if node.tag.startswith("tag:yaml.org,2002:python/") or node.tag.startswith("!"):
        raise StatusFileError(path, f"the YAML tag {node.tag} is not allowed in a status file",
                              line=_line(node), task=task)
    if isinstance(node, yaml.ScalarNode):
        entry.status = _status_word(_construct(loader, node), node, path, task)
        return entry
    if not isinstance(node, yaml.MappingNode):
        raise StatusFileError(path, "an entry must be a status word or a mapping",
                              line=_line(node), task=task)
    seen_status = False
    seen: dict[str, int] = {}
    for field_node, value_node in node.value:
        name = field_node.value
        if name not in ENTRY_FIELDS:
            raise StatusFileError(path, f"unknown field {name!r}; allowed: "
                                        f"{', '.join(sorted(ENTRY_FIELDS))}",
                                  line=_line(field_node), task=task)
        if name in seen:  # YAML forbids it; PyYAML would keep the last and hide the first
            raise StatusFileError(path, f"{name} is written twice in this entry (first at line "
                                        f"{seen[name]})", line=_line(field_node), task=task)
        seen[name] = _line(field_node)
        try:
            value = _construct(loader, value_node)
        except ValueError as exc:  # e.g. an impossible date such as 2025-02-30
            if name != "completed_on":
                raise StatusFileError(path, f"{name}: {exc}", line=_line(value_node),
                                      task=task) from None
            value = value_node.value  # the date reader below says what is wrong with it
        if name == "status":
            entry.status, seen_status = _status_word(value, value_node, path, task), True
        elif name == "completed_on":
            entry.completed_on = None if value is None else _date(value, value_node, path,
                                                                  "completed_on", task)
        elif name == "evidence":
            items = value if isinstance(value, list) else [value]
            entry.evidence = [_text(v, value_node, path, "evidence", task) for v in items
                              if v is not None]
        elif name in ("note", "reason"):
            setattr(entry, name, None if value is None else _text(value, value_node, path, name,
                                                                   task))
        elif name == "fingerprint" and value is not None:
            # The text as written: YAML would read 12345678 as a number, 1e345678 as a float.
            entry.fingerprint = str(value_node.value).strip().lower()
    if not seen_status:
        raise StatusFileError(path, "the entry has no status", line=_line(node), task=task)
    return entry


def parse_status(text: str, path: str | Path) -> StatusFile:
    """Parse status YAML text; raise StatusFileError naming the file, line and task."""
    path = str(path)
    with without_cyclic_gc():
        return _parse_status(text, path)


def _parse_status(text: str, path: str) -> StatusFile:
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise StatusFileError(path, "the status file is empty")
        if "&" in text:  # without an anchor there is no alias
            refuse_alias_bombs(root, path)
        if not isinstance(root, yaml.MappingNode):
            raise StatusFileError(path, "the status file must be a mapping with notice: and "
                                        "tasks:", line=_line(root))
        status = StatusFile(path=path)
        for key, value in root.value:
            name = key.value
            if name not in TOP_FIELDS:
                raise StatusFileError(path, f"unknown top-level key {name!r}; allowed: "
                                            "notice, as_of, tasks", line=_line(key))
            if name == "notice":
                notice = loader.construct_object(value)
                if not isinstance(notice, str) or not notice.strip():
                    raise StatusFileError(path, "notice: must be a file path", line=_line(value))
                status.notice, status.notice_line = notice.strip(), _line(key)
            elif name == "as_of":
                try:
                    written = loader.construct_object(value)
                except ValueError:  # a timestamp that is no date: the date reader says why
                    written = value.value
                status.as_of = _date(written, value, path, "as_of", None)
            elif name == "tasks":
                status.tasks_line = _line(key)
                _read_tasks(status, value, loader, path)
        return status
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc) from None
    except ValueError as exc:  # e.g. an impossible date such as 2025-02-30
        raise StatusFileError(path, f"bad value: {exc}") from None
    finally:
        loader.dispose()


def _read_tasks(status: StatusFile, node: yaml.Node, loader: Any, path: str) -> None:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return  # `tasks:` with nothing yet (empty, ~, null, Null, NULL)
    if not isinstance(node, yaml.MappingNode):
        raise StatusFileError(path, "tasks: must be a mapping of task id to status",
                              line=_line(node))
    for key, value in node.value:
        task = str(key.value)
        if key.tag != _STR_TAG:
            raise StatusFileError(path, f"task key {task} was read as a number; write it as "
                                        f"'{task}' (quoted) or use the full S.U.N id",
                                  line=_line(key), task=task)
        if task in status.tasks:
            raise StatusFileError(path, f"task {task} is listed twice (first at line "
                                        f"{status.tasks[task].line})", line=_line(key), task=task)
        status.tasks[task] = _entry(task, key, value, loader, path)


def yaml_error(path: str | Path, exc: yaml.YAMLError, what: str = "bad YAML",
               error: type[GkparseError] = StatusFileError) -> GkparseError:
    """One line for a PyYAML error: its problem, at its line (PyYAML's own text spans several)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return error(path, f"{what}: {exc.problem or 'invalid YAML'}",
                     line=mark.line + 1 if mark else None)
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return error(path, f"{what}: {first}")


def compose_text(text: str, path: str, doing: str) -> yaml.Node | None:
    """The YAML node tree of a status file's text, for editing it in place (``doing``: what for,
    in the error message)."""
    loader = SafeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, f"bad YAML, cannot {doing}") from None
    finally:
        loader.dispose()


def decode_status(raw: bytes, path: str | Path) -> str:
    """A status file's bytes as text, a BOM kept (an edit writes it back as it was)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StatusFileError(path, f"not UTF-8 text (byte {exc.start})") from None


def load_status_text(path: Path, *, max_bytes: int = DEFAULT_LIMITS.max_status_bytes) -> str:
    """A status file's text (a BOM kept), or a StatusFileError saying why it cannot be read."""
    return decode_status(read_input(path, StatusFileError, "a status file", max_bytes), path)


def load_status(path: str | Path, *, max_bytes: int = DEFAULT_LIMITS.max_status_bytes) -> StatusFile:
    """Read and parse a status file from disk."""
    path = Path(path)
    return parse_status(load_status_text(path, max_bytes=max_bytes), path)
