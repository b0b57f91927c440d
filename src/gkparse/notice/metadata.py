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

from gkparse.grammar.ordinals import CHINESE_NUMERAL, SECTION_ORDINAL, parse_chinese_number
from gkparse.grammar.text import squeeze_whitespace, trim
from gkparse.grammar.units import split_units
from gkparse.messages import Message
from gkparse.models import CitedDocument, DocNumberParts, NoticeInfo

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
                 "规定", "细则", "要点", "计划", "纪要", "公告", "通告", "命令", "议案", "决议",
                 "清单", "分解表", "任务表", "分工表", "台账", "分工", "规划", "措施", "一览表",
                 "制度", "条例", "规则", "章程", "守则")
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
    paragraph: int | None = None
    """1-based index among the body's top-level paragraphs (None: a text box or a table cell)"""


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


_YEARS_LINE = re.compile(r"^[（(]\d{4}[—–\-－~～至]+\d{4}年?[）)]$")
_SENTENCE_PUNCT = ("。", "！", "？", "；", ";", "：", ":")
_TITLE_MAX = 120
_ISSUER_MAX = 40
_ATTACHMENT_MARK = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]?$")


# A web page's navigation trail (首页 > 政务公开 > 通知公告), saved with the notice's page.
_BREADCRUMB = re.compile(r"^(?:当前位置[：:])?[^>＞»/]{1,16}(?:\s*[>＞»/]\s*[^>＞»/]{1,16}){1,}$")


def _is_noise(text: str) -> bool:
    """Lines of the 版头 that are none of the fields: 份号, 密级, 紧急程度, 签发人, 附件N marks,
    and a saved web page's navigation trail."""
    return bool(_HEAD_NOISE.match(text) or _ATTACHMENT_MARK.match(text)
                or ((">" in text or "＞" in text or "»" in text) and _BREADCRUMB.match(text)))


def _is_doc_number_line(text: str) -> bool:
    return len(text) <= 60 and parse_doc_number(text) is not None


def _organ_name(text: str) -> str | None:
    """A line that is only an organ's name (the 发文机关标志 or a 署名), ``文件`` dropped.

    A label (``采购单位：…``), a sentence or anything with punctuation is never one.
    """
    text = squeeze_whitespace(text)
    if not text or len(text) > _ISSUER_MAX or re.search(r"[：:，,。；;！？、《》“”\"]", text):
        return None
    if parse_doc_number(text) or parse_full_date(text) or _is_noise(text):
        return None
    text = re.sub(r"文件$", "", text)
    return text if text.endswith(ORGAN_ENDINGS) else None


def _title_at(lines: list[Line], first: int, stop: int) -> int | None:
    """End (exclusive) of a title starting at ``first``: up to 4 lines whose joined text ends with
    a genre word, none of them a sentence, a label or the 发文字号."""
    joined = ""
    for end in range(first, min(first + 4, stop)):
        text = _squeezed(lines[end])
        if (not text or text.endswith(_SENTENCE_PUNCT) or "。" in text
                or _is_doc_number_line(text) or parse_full_date(text)):
            return None
        joined += text
        if len(joined) > _TITLE_MAX:
            return None
        if joined.endswith(GENRE_ENDINGS):
            # A plan's years on a line of their own under its name belong to the title:
            # 三年行动计划 / （2018—2020年）.
            if end + 1 < stop and _YEARS_LINE.match(_squeezed(lines[end + 1])):
                return end + 2
            return end + 1
    return None


@dataclass
class _Head:
    """Where the 版头 and 标题 stand among the lines (indices; None where absent)."""

    doc_number: int | None = None
    issuer: int | None = None
    title: tuple[int, int] | None = None
    end: int = 0  # first line after the head and title


def _head_zone_end(lines: list[Line]) -> int:
    """The head and title stand before the first sentence, 主送机关, heading or task table."""
    for i, line in enumerate(lines):
        text = _squeezed(line)
        if not line.before_tasks:
            return i
        if not text:
            continue
        if ("。" in text or len(text) > _TITLE_MAX or text.endswith(("：", ":"))
                or (SECTION_ORDINAL.match(text) and not _is_doc_number_line(text))):
            return i
    return len(lines)


def _find_head(lines: list[Line]) -> _Head:
    """The 发文机关标志, 发文字号 and 标题 by their form, in whatever order the lines give them.

    GB/T 9704-2012 puts the 发文机关标志 above the 发文字号 and the title below both; web
    pages and some templates put the 发文字号 under the title or the organ's name under the
    number. Each is recognised by what it looks like, within the lines before the body.
    """
    head = _Head()
    zone = _head_zone_end(lines)
    for i in range(zone):
        text = _squeezed(lines[i])
        if not text:
            continue
        # Before the noise test: a 上行文 puts 签发人 on the 发文字号's line.
        if head.doc_number is None and _is_doc_number_line(text):
            head.doc_number = i
            continue
        if _is_noise(text):
            continue
        if (head.title is None and _organ_name(text) is not None
                and not _starts_title(text, head, _next_text(lines, i, zone))):
            head.issuer = i if head.issuer is None else head.issuer
            continue
        if head.title is None:
            end = _title_at(lines, i, zone)
            if end is not None:
                head.title = (i, end)
    # The first line under a head that is neither noise, number nor organ: the title or nothing.
    head.end = head.title[1] if head.title else zone
    if head.doc_number is not None:
        head.end = max(head.end, head.doc_number + 1)
    return head


def _starts_title(organ_line: str, head: _Head, next_text: str) -> bool:
    """Whether a line holding only an organ's name is the first line of a GB/T title broken
    after the organ's name (``某某县人民政府办公室`` over ``关于印发…的通知``) rather than the
    发文机关标志.

    The 标志 ends with 文件, or stands in a head that has none yet under a 发文字号 (a template
    that puts the organ between the number and the title); a title's first line is followed by
    its 关于 line, below a 标志 already found or in a document with no 发文字号 above it.
    """
    if not next_text.startswith("关于") or organ_line.endswith("文件"):
        return False
    return head.issuer is not None or head.doc_number is None


def _next_text(lines: list[Line], i: int, stop: int) -> str:
    return _squeezed(lines[i + 1]) if i + 1 < stop else ""


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
                     attachment_title: str | None = None,
                     found: dict[str, Line] | None = None) -> tuple[NoticeInfo, list[Message]]:
    """Read the metadata; ``year`` (from ``--year``) overrides ``plan_year``.

    ``found``, where given, receives the line each field was read from (for ``explain``).

    Where the document has a head (a 发文字号 or a 发文机关标志) and a field of the notice is
    not found, a warning names it. A document without a head and without a 主送机关 (a plan
    published under its own title, or no notice at all) gets its title, if it has one, and
    nulls: no signature or date is read from its body.
    """
    warnings: list[Message] = []
    info = NoticeInfo()
    head = _find_head(lines)
    where: dict[str, int | None] = {"doc_number": head.doc_number, "issuer": head.issuer,
                                    "title": head.title[0] if head.title else None}
    number = parse_doc_number(lines[head.doc_number].text) if head.doc_number is not None else None
    if number is not None:  # _find_head took the line for its number, so it has one
        info.doc_number, info.doc_number_parts = number
    if head.issuer is not None:
        info.issuer = _organ_name(lines[head.issuer].text)
    if head.title is not None:
        first, end = head.title
        info.title = "".join(_squeezed(line) for line in lines[first:end]) or None
    after_head = head.end

    body = [i for i in range(after_head, len(lines)) if lines[i].before_tasks]
    first_text = next((i for i in body if _squeezed(lines[i])), None)
    addressee_at = None
    if first_text is not None:
        text = _squeezed(lines[first_text])
        names = split_units(trim(lines[first_text].text).rstrip("：:"))
        if (0 < len(text) <= 120 and text.endswith(("：", ":")) and "。" not in text
                and _look_like_addressees(names)):
            addressee_at = where["addressees"] = first_text
            info.addressees = names

    note_at = next((i for i in body if ATTACHMENT_NOTE.match(trim(lines[i].text))), None)
    if note_at is not None:
        info.attachments = _attachments(lines, note_at)
        where["attachments"] = note_at

    has_head = head.doc_number is not None or head.issuer is not None
    is_notice = has_head or addressee_at is not None
    date_at = None
    if is_notice:
        date_at = next((i for i in body if (addressee_at is None or i > addressee_at)
                        and parse_full_date(lines[i].text)), None)
    if date_at is not None:
        info.issued_on = parse_full_date(lines[date_at].text)
        where["issued_on"] = date_at
        signer_at = next((i for i in range(date_at - 1, after_head - 1, -1)
                          if trim(lines[i].text)), None)
        signer = trim(lines[signer_at].text) if signer_at is not None else None
        if signer and not ATTACHMENT_NOTE.match(signer):
            info.signatory = _organ_name(signer) or _signatory(signer)
            where["signatory"] = signer_at if info.signatory else None
        for i in range(date_at + 1, min(date_at + 4, len(lines))):
            match = DISCLOSURE.match(_squeezed(lines[i]))
            if match:
                info.disclosure = match["text"]
                where["disclosure"] = i
                break
    if found is not None:
        found.update({name: lines[i] for name, i in where.items() if i is not None})

    body_end = note_at if note_at is not None else (date_at if date_at is not None else None)
    text = "\n".join(lines[i].text for i in body if body_end is None or i < body_end)
    seen: set[tuple[str, str]] = set()
    for match in CITED.finditer(text):
        cited = (trim(match["title"]), squeeze_whitespace(match["number"]))
        if cited not in seen:
            seen.add(cited)
            info.cited_documents.append(CitedDocument(title=cited[0], doc_number=cited[1]))

    if has_head:
        missing = [name for name, value in (
            ("发文机关标志 (issuer)", info.issuer), ("发文字号 (doc_number)", info.doc_number),
            ("标题 (title)", info.title), ("主送机关 (addressees)", info.addressees),
            ("发文机关署名 (signatory)", info.signatory), ("成文日期 (issued_on)", info.issued_on),
        ) if not value]
        if missing:
            warnings.append(Message("head-fields-missing", "the notice has a head (发文字号 or "
                                    "发文机关标志), but these fields were not found and are "
                                    "null: " + ", ".join(missing)))
    info.plan_year = year or _plan_year(info, attachment_title)
    if info.plan_year is None:
        warnings.append(Message("no-plan-year", "no plan year found (title, attachment title, "
                                "doc number, date); pass --year so deadlines like 12月底前 get "
                                "a date"))
    return info, warnings


_ADDRESSEE_WORDS = re.compile(r"^各|政府|部门|单位|机构|机关|办事处|街道|乡镇|管委会|委员会|企业|学校")


def _look_like_addressees(names: list[str]) -> bool:
    """A 主送机关 line names offices (各街道, 区直各部门, 市政府各委、办、局); a label such as
    ``索引号：`` or ``主要任务：`` does not."""
    if not names:
        return False
    offices = sum(1 for name in names if name.endswith(ORGAN_ENDINGS) or _ADDRESSEE_WORDS.search(name))
    return offices * 2 >= len(names)


def _signatory(text: str) -> str | None:
    """A signature that is not only an organ's name (several organs, a person): short, and no
    sentence."""
    text = squeeze_whitespace(text)
    if len(text) > _ISSUER_MAX or text.endswith(tuple(_TRAILING_PUNCT)) or "。" in text:
        return None
    return text


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
