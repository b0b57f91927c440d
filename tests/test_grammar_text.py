"""The text helpers the grammars share (``gkparse.grammar.text``)."""

from __future__ import annotations

import re
import sys

from gkparse.grammar.text import squeeze_whitespace, trim


def test_squeeze_whitespace_removes_what_the_regular_expression_calls_white_space() -> None:
    # squeeze_whitespace splits on str.isspace(), fingerprints were defined with re's \s: the
    # two must agree on every code point, or a fingerprint changes with the Python it runs on.
    space = re.compile(r"\s")
    differ = [c for c in range(sys.maxunicode + 1)
              if bool(space.fullmatch(chr(c))) != chr(c).isspace()]
    assert differ == []
    assert squeeze_whitespace(" 持续\u3000完善\n并\xa0动态\t更新 ") == "持续完善并动态更新"
    assert squeeze_whitespace("") == ""


def test_trim_strips_full_width_and_no_break_spaces() -> None:
    assert trim("\u3000\xa0 任务 \u3000") == "任务"
