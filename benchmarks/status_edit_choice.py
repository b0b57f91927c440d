"""Why gkparse edits status files on PyYAML's node marks and not with ruamel.yaml's round trip.

    pip install ruamel.yaml   # only for this measurement; gkparse does not depend on it
    python benchmarks/status_edit_choice.py [--entries 20000]

For each file of the style corpus (tests/status_styles/: comments everywhere,
flow entries, block scalars, aliases, CRLF, CR-only, a BOM, 4-space indents,
Chinese status words, document markers), one task is changed the way an
import changes it (status, note, evidence) and one entry is added, by both
editors. Reported per file: whether the result reads back as meant, how many
of the file's other lines changed (a clerk's bytes), how many comments were
lost. Then both are timed on a template-style file of ``--entries`` entries
with every entry changed.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gkparse.tracking.status import StatusEntry, parse_status  # noqa: E402
from gkparse.tracking.status_edit import edit_status_text  # noqa: E402
from gkparse.tracking.vocabulary import CHINESE_STATUS  # noqa: E402

CORPUS = ROOT / "tests" / "status_styles"
CHANGE = {"status": "blocked", "note": "新备注：等待批复", "evidence": ["会议纪要", "照片.zip"]}
NEW = StatusEntry(task="9.9.9", line=0, status="in_progress")


def ruamel_edit(text: str, task: str, change: dict, new: StatusEntry | None) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(text)
    tasks = data["tasks"]
    entry = tasks[task]
    if not isinstance(entry, dict):
        entry = CommentedMap(status=entry)
        tasks[task] = entry
    for name, value in change.items():
        entry[name] = value
    if new is not None:
        tasks[new.task] = CommentedMap(status=new.status)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def gkparse_edit(text: str, task: str, change: dict, new: StatusEntry | None) -> str:
    return edit_status_text(text, "s.yaml", {task: change}, [new] if new else [])


def _entry_lines(text: str, task: str) -> set[int]:
    """The line numbers of one entry (from its key to the next key at its level)."""
    lines = re.split(r"\r\n|\r|\n", text)
    start = next(i for i, line in enumerate(lines) if re.match(rf"\s*\??\s*[\"']?{re.escape(task)}"
                                                             rf"[\"']?\s*:?", line))
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) > indent
                                or lines[end].lstrip().startswith(":")):
        end += 1
    return set(range(start, end))


def _score(original: str, edited: str, task: str) -> tuple[bool, int, int]:
    try:
        status = parse_status(edited, "s.yaml")
        entry = status.tasks[task]
        ok = (entry.status, entry.note, entry.evidence) == (
            CHANGE["status"], CHANGE["note"], CHANGE["evidence"]) and "9.9.9" in status.tasks
        before = parse_status(original, "s.yaml")
        ok = ok and all(status.tasks[t].status == e.status for t, e in before.tasks.items()
                        if t != task)
    except Exception:
        ok = False
    old_lines = re.split(r"\r\n|\r|\n", original.removeprefix("\ufeff"))
    new_lines = re.split(r"\r\n|\r|\n", edited.removeprefix("\ufeff"))
    mine = _entry_lines(original.removeprefix("\ufeff"), task)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    touched = {i for tag, a0, a1, _, _ in matcher.get_opcodes() if tag != "equal"
               for i in range(a0, a1)}
    other_lines = len(touched - mine)
    if original.startswith("\ufeff") != edited.startswith("\ufeff"):
        other_lines += 1
    if ("\r\n" in original) != ("\r\n" in edited) or ("\r" in original) != ("\r" in edited):
        other_lines += 1  # the line ends changed kind
    comments = [c for c in re.findall(r"#[^\r\n]*", original)]
    lost = sum(1 for c in comments if c not in edited)
    return ok, other_lines, lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    args = parser.parse_args(argv)
    try:
        import ruamel.yaml  # noqa: F401
    except ImportError:
        print("pip install ruamel.yaml first (only for this measurement)")
        return 2
    print(f"{'file':<24} {'editor':<8} {'reads back':<10} {'other lines changed':>20} "
          f"{'comments lost':>14}")
    totals = {"gkparse": [0, 0, 0], "ruamel": [0, 0, 0]}
    for path in sorted(CORPUS.glob("*.yaml")):
        original = path.read_bytes().decode("utf-8")
        task = next(iter(parse_status(original, path).tasks))
        for name, edit in (("gkparse", gkparse_edit), ("ruamel", ruamel_edit)):
            try:
                edited = edit(original, task, dict(CHANGE), NEW)
                ok, other, lost = _score(original, edited, task)
            except Exception as exc:
                ok, other, lost = False, -1, -1
                print(f"{path.name:<24} {name:<8} raised {type(exc).__name__}: {exc}"[:110])
            totals[name][0] += ok
            totals[name][1] += max(other, 0)
            totals[name][2] += max(lost, 0)
            print(f"{path.name:<24} {name:<8} {'yes' if ok else 'NO':<10} {other:>20} {lost:>14}")
    files = len(list(CORPUS.glob("*.yaml")))
    for name, (ok, other, lost) in totals.items():
        print(f"total {name}: reads back {ok}/{files}, other lines changed {other}, "
              f"comments lost {lost}")
    lines = ["notice: notice.docx", "tasks:"]
    for i in range(args.entries):
        lines += [f"  # 第{i}项 | 要求 | 牵头: 单位", f'  "{i // 100}.{i % 100}.1":',
                  "    status: todo", '    fingerprint: "0123abcd"']
    text = "\n".join(lines) + "\n"
    words = list(CHINESE_STATUS)
    changes = {f"{i // 100}.{i % 100}.1": {"status": words[1 + i % 4], "note": f"第{i}项"}
               for i in range(args.entries)}
    start = time.perf_counter()
    edit_status_text(text, "s.yaml", changes)
    ours = time.perf_counter() - start
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    start = time.perf_counter()
    data = yaml.load(text)
    for task, fields in changes.items():
        data["tasks"][task].update(fields)
    yaml.dump(data, io.StringIO())
    theirs = time.perf_counter() - start
    print(f"{args.entries} changes into {args.entries} entries: gkparse {ours:.2f} s, "
          f"ruamel.yaml round trip {theirs:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
