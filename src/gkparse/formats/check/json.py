"""``--format json``: ``{"as_of", "summary", "findings"}`` as the contract says."""

from __future__ import annotations

import json

from gkparse.checker import CheckReport, report_data


def render(report: CheckReport, **_: object) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
