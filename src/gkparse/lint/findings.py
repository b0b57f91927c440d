"""The linter's rules and findings: each rule has a stable code, a severity and its section of
GB/T 9704-2012; each finding names the paragraph (with a quote) or, for page setup, the section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class LintRule:
    code: str
    name: str
    severity: Severity
    section: str  # of GB/T 9704-2012
    text: str

    @property
    def description(self) -> str:
        return f"GB/T 9704-2012 {self.section}: {self.text}"


RULES: dict[str, LintRule] = {rule.code: rule for rule in (
    LintRule("GB101", "doc-number-format", "error", "7.2.5",
             "发文字号: the year in full inside 〔〕, the serial without leading zeros and "
             "without 第, ending in 号."),
    LintRule("GB102", "doc-number-place", "warning", "7.2.5",
             "发文字号: under the 发文机关标志, centred (unless a 签发人 shares its line)."),
    LintRule("GB111", "title-missing", "error", "7.3.1",
             "标题: the notice has a title under its head."),
    LintRule("GB112", "title-genre", "error", "7.3.1",
             "标题: ends with the genre (文种), such as 通知."),
    LintRule("GB113", "title-punctuation", "error", "7.3.1",
             "标题: no punctuation at its end."),
    LintRule("GB121", "addressee-colon", "error", "7.3.2",
             "主送机关: ends with a full-width colon （：）."),
    LintRule("GB131", "attachment-note", "error", "7.3.4",
             "附件说明: 附件 and a full-width colon, then the names; several are numbered 1. 2. "
             "in order; no punctuation after a name."),
    LintRule("GB132", "attachment-missing", "warning", "7.3.7",
             "附件: each attachment named in the 附件说明 follows the notice, under its 附件 label."),
    LintRule("GB133", "attachment-title", "error", "7.3.7",
             "附件: its title is the name the 附件说明 gives it."),
    LintRule("GB141", "date-format", "error", "7.3.5.4",
             "成文日期: Arabic numerals, the year in full, month and day without leading zeros."),
    LintRule("GB142", "date-missing", "error", "7.3.5",
             "成文日期: the notice has one, under the 署名."),
    LintRule("GB143", "date-place", "warning", "7.3.5.1",
             "成文日期: on the line after the 发文机关署名."),
    LintRule("GB151", "annotation", "error", "7.3.6",
             "附注: in full-width parentheses, on the line after the 成文日期."),
    LintRule("GB161", "copy-to", "error", "7.4.2",
             "抄送: a full-width colon after 抄送, a full stop 。 after the last organ."),
    LintRule("GB162", "print-date", "error", "7.4.3",
             "印发日期: Arabic numerals, the year in full, no leading zeros, then 印发."),
    LintRule("GB171", "page-number", "warning", "7.5",
             "页码: the footer holds the page number as — N —."),
    LintRule("GB201", "paper-size", "error", "5.1",
             "Paper: A4 (210 mm × 297 mm)."),
    LintRule("GB202", "margins", "error", "5.2.1",
             "Margins: top 37 mm and left 28 mm (±1 mm), text block 156 mm × 225 mm."),
    LintRule("GB203", "line-grid", "warning", "5.2.3",
             "Document grid: 22 lines a page, 28 characters a line."),
    LintRule("GB211", "title-font", "error", "7.3.1",
             "标题 type: 2号 (22 pt) 小标宋."),
    LintRule("GB212", "body-font", "error", "5.2.2",
             "Text type: 3号 (16 pt) 仿宋, from the 主送机关 to the 附注."),
    LintRule("GB213", "heading-font", "warning", "7.3.3",
             "Headings: level 1 黑体, level 2 楷体, levels 3 and 4 仿宋."),
    LintRule("GB301", "heading-order", "error", "7.3.3",
             "Headings numbered in order (一、二、; （一）（二）; 1. 2.; （1）（2）), no gaps or repeats."),
    LintRule("GB302", "heading-form", "warning", "7.3.3",
             "Heading numbers written 一、 （一） 1. （1）, not 一. (一) 1、 (1)."),
    LintRule("GB311", "halfwidth-punctuation", "warning", "9",
             "Chinese text takes full-width punctuation (，；：？！（）“”), per GB/T 15834."),
)}


@dataclass(frozen=True)
class LintFinding:
    code: str
    name: str
    severity: Severity
    section: str
    problem: str
    file: str
    paragraph: int | None  # 1-based, reading order, table cells included; None for page setup
    quote: str | None
    where: str  # "paragraph 12", "section 1", or "document"

    @property
    def message(self) -> str:
        """The problem, with the quoted text when the problem does not already show it."""
        if self.quote and self.quote[:8] not in self.problem:
            return f"{self.problem} (“{self.quote}”)"
        return self.problem

    @property
    def line(self) -> int:
        """The paragraph number, where formats want a line (SARIF, GitHub); 1 otherwise."""
        return self.paragraph or 1

    @property
    def identity(self) -> str:
        """What stays the same while the finding does: for SARIF's fingerprints."""
        return f"{self.code}:{self.where}:{self.quote or ''}"

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "section": self.section, "message": self.message, "file": self.file,
                "paragraph": self.paragraph, "quote": self.quote, "where": self.where}


def make_finding(code: str, message: str, file: str, *, paragraph: int | None = None,
                 quote: str | None = None, where: str | None = None) -> LintFinding:
    rule = RULES[code]
    place = where or (f"paragraph {paragraph}" if paragraph is not None else "document")
    return LintFinding(rule.code, rule.name, rule.severity, rule.section, message, file,
                       paragraph, quote, place)
