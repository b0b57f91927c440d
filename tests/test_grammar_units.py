"""The unit-list grammar and the small text grammars (ordinals, Chinese numerals)."""

from __future__ import annotations

import pytest

from gkparse.grammar.ordinals import parse_chinese_number, split_section_ordinal, split_subsection_ordinal
from gkparse.grammar.units import split_units
from gkparse.models import fingerprint


@pytest.mark.parametrize(("text", "units"), [
    ("区直各部门、驻区各单位，各街道", ["区直各部门", "驻区各单位", "各街道"]),
    ("甲局,乙局；丙局;丁局", ["甲局", "乙局", "丙局", "丁局"]),
    ("区自然资源和规划分局\n区城乡建设和交通局", ["区自然资源和规划分局", "区城乡建设和交通局"]),
    ("\u3000甲局\u3000、\xa0乙局 ", ["甲局", "乙局"]),
    ("甲局、、乙局、", ["甲局", "乙局"]),
    ("甲局、乙局、甲局", ["甲局", "乙局"]),
    ("区党政办公室（宣传）", ["区党政办公室（宣传）"]),
    ("区党政办公室（宣传，网信）、区经济运行局", ["区党政办公室（宣传，网信）", "区经济运行局"]),
    ("区党政办公室（宣传、区经济运行局", ["区党政办公室（宣传", "区经济运行局"]),
    ("——", []), ("—", []), ("-", []), ("/", []), ("无", []), ("", []), ("  ", []),
])
def test_split_units(text: str, units: list[str]) -> None:
    assert split_units(text) == units


@pytest.mark.parametrize(("text", "number"), [
    ("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("二十一", 21), ("一百零五", 105),
    ("二〇二五", 2025), ("12", 12), ("１２", 12), ("甲", None), ("", None),
])
def test_parse_chinese_number(text: str, number: int | None) -> None:
    assert parse_chinese_number(text) == number


@pytest.mark.parametrize(("text", "expected"), [
    ("一、坚持标准引领，持续推进政务公开规范转型", (1, "坚持标准引领，持续推进政务公开规范转型")),
    ("十二、健全机制。", (12, "健全机制")),
    ("坚持标准引领", (None, "坚持标准引领")),
])
def test_section_ordinals(text: str, expected: tuple[int | None, str]) -> None:
    assert split_section_ordinal(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("（一）全面优化主动公开机制", (1, "全面优化主动公开机制")),
    ("（十三）强化引领作用", (13, "强化引领作用")),
    ("（六）积极推进政务公开数字化转型。", (6, "积极推进政务公开数字化转型")),
    ("(2)依法规范", (2, "依法规范")),
    ("（1）依法规范", (1, "依法规范")),
    ("3.健全机制", (3, "健全机制")),
    ("3．健全机制", (3, "健全机制")),
    ("3、健全机制", (3, "健全机制")),
    ("2025年重点", (None, "2025年重点")),
    ("加强培训", (None, "加强培训")),
])
def test_subsection_ordinals(text: str, expected: tuple[int | None, str]) -> None:
    assert split_subsection_ordinal(text) == expected


def test_fingerprint_ignores_all_white_space() -> None:
    assert fingerprint("持续完善 并动态更新。") == fingerprint("持续完善\u3000并\n动态\xa0更新。")
    assert fingerprint("a") != fingerprint("b")
    assert len(fingerprint("任务")) == 8
