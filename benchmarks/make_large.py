"""Make large notices in the sample's shape: the sample's task table repeated to N task rows.

    python benchmarks/make_large.py [--rows 1000 5000 20000] [--out benchmarks/data]

Each notice keeps the sample's front matter, and its task table is the
sample's sections copied over and over, with every merge as the sample has it
(subsection cells merged down, merged lead and responsible cells, empty
deadline cells). Copied sections and subsections lose their ordinals
(一、/（一）) and gain a copy number, so gkparse counts them and every task id
stays unique. The output is deterministic: the same N gives the same bytes.

Also writes, for the check benchmark, ``status-N.yaml`` with one entry per task
(a seeded mix of statuses and dates) beside each notice.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import random
import re
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "notice.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_TIME = (2025, 6, 16, 9, 0, 0)
ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _sections(table: etree._Element) -> list[list[etree._Element]]:
    """The table's rows after the header, grouped from one section row to the next."""
    groups: list[list[etree._Element]] = []
    for row in table.findall(_w("tr")):
        if row.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None:
            continue
        cells = row.findall(_w("tc"))
        if len(cells) == 1:
            groups.append([])
        if groups:
            groups[-1].append(row)
    return groups


def _renumber(row: etree._Element, copy_number: int) -> None:
    """Drop the ordinal of a section or subsection cell and mark the copy in its title."""
    first_cell = row.find(_w("tc"))
    texts = first_cell.findall(f".//{_w('t')}") if first_cell is not None else []
    if texts and ORDINAL.match(texts[0].text or ""):
        texts[0].text = f"{ORDINAL.sub('', texts[0].text)}（第{copy_number}组）"


def task_rows(group: list[etree._Element]) -> int:
    return sum(1 for row in group if len(row.findall(_w("tc"))) > 1)


def make_document(rows: int) -> bytes:
    """document.xml of the sample with its task table grown to ``rows`` task rows."""
    with zipfile.ZipFile(SAMPLE) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    table = next(t for t in root.iter(_w("tbl")) if len(t.findall(_w("tr"))) > 10)
    sections = _sections(table)
    for group in sections:
        for row in group:
            table.remove(row)
    written, copy_number = 0, 0
    while written < rows:
        copy_number += 1
        for group in sections:
            if written >= rows:
                break
            for row in group:
                if written >= rows and len(row.findall(_w("tc"))) > 1:
                    break
                clone = copy.deepcopy(row)
                if copy_number > 1:
                    _renumber(clone, copy_number)
                table.append(clone)
                written += len(row.findall(_w("tc"))) > 1
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def make_notice(rows: int) -> bytes:
    """The sample .docx with a ``rows``-row task table (every other part as the sample has it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = make_document(rows) if info.filename == "word/document.xml" else source.read(info)
            clone = zipfile.ZipInfo(info.filename, FIXED_TIME)
            clone.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(clone, data)
    return out.getvalue()


def make_status(notice_name: str, task_ids: list[str], seed: int = 8) -> str:
    """A status file with one entry per task, in the shapes people write."""
    rng = random.Random(seed)
    lines = [f"notice: {notice_name}", "as_of: 2025-10-15", "tasks:"]
    for task in task_ids:
        pick = rng.random()
        if pick < 0.4:
            lines.append(f'  "{task}": done')
        elif pick < 0.7:
            lines += [f'  "{task}":', "    status: done", "    completed_on: 2025-06-30",
                      "    evidence: [发布链接]"]
        elif pick < 0.9:
            lines += [f'  "{task}":', "    status: in_progress", "    note: 正在推进"]
        else:
            lines.append(f'  "{task}": 未开始')
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "data")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "src"))
    from gkparse import parse_notice
    from gkparse.models import json_default

    for rows in args.rows:
        path = args.out / f"notice-{rows}.docx"
        path.write_bytes(make_notice(rows))
        notice = parse_notice(path)
        (args.out / f"status-{rows}.yaml").write_text(
            make_status(path.name, [t.id for t in notice.tasks]), encoding="utf-8")
        (args.out / f"notice-{rows}.json").write_text(
            json.dumps(notice, ensure_ascii=False, default=json_default), encoding="utf-8")
        print(f"{path}: {len(notice.tasks)} tasks, {path.stat().st_size // 1024} KB, "
              f"{len(notice.warnings)} warnings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
