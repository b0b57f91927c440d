"""``--format json``: for check, ``{"as_of", "summary", "findings"}`` as the contract says."""

from __future__ import annotations

import json

from gkparse.formats.check import FindingsReport
from gkparse.formatter import RenderOptions


def render(report: FindingsReport, options: RenderOptions) -> str:
    return json.dumps(report.to_data(), ensure_ascii=False, indent=2) + "\n"
