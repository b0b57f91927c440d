"""Text made safe to print inside a Markdown table cell (GitHub Flavored Markdown).

Check's and lint's ``--format markdown`` and the report's Markdown summary put user text
(titles, unit names, requirements, finding messages) into tables that GitHub renders in step
summaries and pull-request comments. Text must stay text there: a ``|`` would start a new
column, a line break end the row, ``*`` or ``_`` make emphasis, ``<`` start an HTML tag that
swallows what follows, ``&lt;`` turn into ``<``.

>>> cell("区直各部门|各街道")
'区直各部门\\\\|各街道'
>>> cell("第一段\\n第二段")
'第一段<br>第二段'
>>> cell("*重点* <b> in_progress")
'\\\\*重点\\\\* \\\\<b\\\\> in\\\\_progress'
"""

from __future__ import annotations

import re

# The ASCII punctuation that means something inline in GFM; CommonMark lets any ASCII
# punctuation be escaped with a backslash, and renders the escaped character as itself.
# The backslash comes first so the escapes added for the others are not escaped again.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def cell(text: str) -> str:
    """``text`` as one table cell (or a heading): every character shown as written, line
    breaks as ``<br>``."""
    return _LINE_BREAK.sub("<br>", _SPECIAL.sub(r"\\\1", text))
