"""``--format github``: workflow commands (``::error file=…,line=…,title=…::message``)."""

from __future__ import annotations

from gkparse.formats.check import FindingsReport
from gkparse.formatter import RenderOptions

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part: %, CR and LF must be escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values: as data, plus : and , which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: FindingsReport, options: RenderOptions) -> str:
    lines = []
    for f in report.findings:
        props = ",".join((f"file={escape_property(f.file)}", f"line={f.line}",
                          f"title={escape_property(f'{f.code} {f.name}')}"))
        lines.append(f"::{COMMANDS[f.severity]} {props}::{escape_data(f.message)}")
    lines.append(report.summary_line())
    return "\n".join(lines) + "\n"
