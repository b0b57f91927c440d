"""Notice metadata from the document's lines: 发文字号, 发文机关标志, 标题, 主送机关, …

The reader works on the notice's paragraphs in document order (text boxes
and layout tables included, each as its own line) and returns the metadata
plus warnings. A field the notice does not have is None or [], never
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gkparse.models import CitedDocument, DocNumberParts, NoticeInfo
from gkparse.text import CHINESE_NUMERAL, parse_chinese_number, squeeze_whitespace, trim
from gkparse.units import split_units

DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fffA-Za-z]{2,30}?)\s*[〔\[［【]\s*(?P<year>\d{4})\s*[〕\]］】]"
    r"\s*第?\s*(?P<serial>\d+)\s*号"
)
CITED = re.compile(
    r"《(?P<title>[^《》]+)》\s*[（(]\s*(?P<number>[^（）()《》]{2,40}?[〔\[［【]\s*\d{4}\s*[〕\]］】]"
    r"\s*第?\s*\d+\s*号)\s*[）)]"
)
_N = rf"[0-9{CHINESE_NUMERAL}]"
FULL_DATE = re.compile(rf"^(?P<y>{_N}{{4}})年(?P<m>{_N}{{1,3}})月(?P<d>{_N}{{1,4}})[日号]$")
GENRE_ENDINGS = ("通知", "意见", "决定", "通报", "报告", "请示", "批复", "函", "方案", "办法",
                 "规定", "细则", "要点", "计划", "纪要", "公告", "通告", "命令", "议案", "决议")
ORGAN_ENDINGS = ("办公室", "办公厅", "委员会", "人民政府", "政府", "管委会", "局", "厅", "部", "院",
                 "处", "室", "中心", "委", "会", "办", "组", "所", "站", "队", "分局", "公司")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$", re.S)
NUMBERED_ITEM = re.compile(r"^\s*(?P<n>\d+)\s*[.．、]\s*(?P<text>.+)$", re.S)
DISCLOSURE = re.compile(r"^[（(](?P<text>[^（）()]*(?:此件|公开)[^（）()]*)[）)]$")
_HEAD_NOISE = re.compile(r"^(?:\d{1,8}|.*(?:秘密|机密|绝密|特急|加急|平急).*|.*签发人.*)$")
_TRAILING_PUNCT = "。．.；;，,、"


@dataclass
class Line:
    """One paragraph of the notice outside the task tables, and where it stands."""

    text: str
    before_tasks: bool = True


def _squeezed(line: Line) -> str:
    return squeeze_whitespace(line.text)


def parse_doc_number(text: str) -> tuple[str, DocNumberParts] | None:
    """``"济高新管办字〔2025〕8号"`` -> the number as written (no spaces) and its parts."""
    match = DOC_NUMBER.search(squeeze_whitespace(text))
    if not match:
        return None
    parts = DocNumberParts(prefix=match["prefix"], year=int(match["year"]),
                           serial=int(match["serial"]))
    return match.group(0), parts


def parse_full_date(text: str) -> date | None:
    """A paragraph that is only a date: ``2025年6月16日`` or ``二〇二五年三月五日``."""
    match = FULL_DATE.match(squeeze_whitespace(text))
    if not match:
        return None
    year, month, day = (parse_chinese_number(match[k]) for k in ("y", "m", "d"))
    try:
        return date(year or 0, month or 0, day or 0)
    except ValueError:
        return None


def _find_title(lines: list[Line], start: int) -> tuple[int, int] | None:
    """Index range [first, end) of the title paragraphs."""
    first = next((i for i in range(start, len(lines))
                  if lines[i].before_tasks and _squeezed(lines[i]).startswith("关于")), None)
    if first is None:
        return None
    end = first
    while end < len(lines) and end - first < 4:
        text = _squeezed(lines[end])
        if not text or text.endswith(("：", ":")):
            break
        end += 1
        if text.endswith(GENRE_ENDINGS):
            break
    return first, end


def _issuer(head: list[Line]) -> str | None:
    for line in head:
        text = trim(line.text.replace("\n", ""))
        if not text or DOC_NUMBER.search(squeeze_whitespace(text)) or _HEAD_NOISE.match(text):
            continue
        text = trim(re.sub(r"\s*文\s*件$", "", text))
        if text.endswith(ORGAN_ENDINGS):
            return squeeze_whitespace(text)
    return None


def _attachments(lines: list[Line], index: int) -> list[str]:
    match = ATTACHMENT_NOTE.match(trim(lines[index].text))
    assert match is not None
    items: list[str] = []
    rest = trim(match["rest"])
    candidates = [rest] if rest else []
    for line in lines[index + 1:]:
        text = trim(line.text)
        if NUMBERED_ITEM.match(text) and (items or candidates or not rest):
            candidates.append(text)
        else:
            break
    for text in candidates:
        numbered = NUMBERED_ITEM.match(text)
        name = trim(numbered["text"] if numbered else text).rstrip(_TRAILING_PUNCT)
        if name:
            items.append(name.replace("\n", ""))
    return items


def read_notice_info(lines: list[Line], *, year: int | None = None,
                     attachment_title: str | None = None) -> tuple[NoticeInfo, list[str]]:
    """Read the metadata; ``year`` (from ``--year``) overrides ``plan_year``."""
    warnings: list[str] = []
    info = NoticeInfo()
    title_range = _find_title(lines, 0)
    head_end = title_range[0] if title_range else next(
        (i for i, line in enumerate(lines) if not line.before_tasks), len(lines))
    head = lines[:head_end]
    for line in head:
        number = parse_doc_number(line.text)
        if number and len(_squeezed(line)) <= 60:
            info.doc_number, info.doc_number_parts = number
            break
    info.issuer = _issuer(head)
    after_title = head_end
    if title_range:
        first, end = title_range
        info.title = "".join(_squeezed(line) for line in lines[first:end]) or None
        after_title = end

    body = [i for i in range(after_title, len(lines)) if lines[i].before_tasks]
    addressee_at = next((i for i in body if 0 < len(text := _squeezed(lines[i])) <= 120
                         and text.endswith(("：", ":"))), None)
    if addressee_at is not None:
        info.addressees = split_units(trim(lines[addressee_at].text).rstrip("：:"))

    note_at = next((i for i in body if ATTACHMENT_NOTE.match(trim(lines[i].text))), None)
    if note_at is not None:
        info.attachments = _attachments(lines, note_at)

    date_at = next((i for i in body if (addressee_at is None or i > addressee_at)
                    and parse_full_date(lines[i].text)), None)
    if date_at is not None:
        info.issued_on = parse_full_date(lines[date_at].text)
        signer = next((trim(lines[i].text) for i in range(date_at - 1, after_title - 1, -1)
                       if trim(lines[i].text)), None)
        if (signer and len(squeeze_whitespace(signer)) <= 40 and not ATTACHMENT_NOTE.match(signer)
                and not signer.endswith(tuple(_TRAILING_PUNCT))):
            info.signatory = squeeze_whitespace(signer)
        for line in lines[date_at + 1 : date_at + 4]:
            match = DISCLOSURE.match(_squeezed(line))
            if match:
                info.disclosure = match["text"]
                break

    body_end = note_at if note_at is not None else (date_at if date_at is not None else None)
    text = "\n".join(lines[i].text for i in body if body_end is None or i < body_end)
    seen: set[tuple[str, str]] = set()
    for match in CITED.finditer(text):
        cited = (trim(match["title"]), squeeze_whitespace(match["number"]))
        if cited not in seen:
            seen.add(cited)
            info.cited_documents.append(CitedDocument(title=cited[0], doc_number=cited[1]))

    info.plan_year = year or _plan_year(info, attachment_title)
    if info.plan_year is None:
        warnings.append("no plan year found (title, attachment title, doc number, date); "
                        "pass --year so deadlines like 12月底前 get a date")
    return info, warnings


_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*年")


def _plan_year(info: NoticeInfo, attachment_title: str | None) -> int | None:
    for text in (info.title, attachment_title, *(info.attachments[:1])):
        match = _YEAR_IN_TEXT.search(text or "")
        if match:
            return int(match.group(1))
    if info.doc_number_parts is not None:
        return info.doc_number_parts.year
    if info.issued_on is not None:
        return info.issued_on.year
    return None
