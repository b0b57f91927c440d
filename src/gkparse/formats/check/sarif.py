"""``--format sarif``: SARIF 2.1.0 for code-scanning uploads (GitHub accepts it)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePath

from gkparse import __version__
from gkparse.formats.check import FindingsReport
from gkparse.formatter import RenderOptions
from gkparse.i18n import _

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(path: str) -> str:
    """A repository-relative URI with forward slashes where the path allows it."""
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = Path(path).resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return Path(path).resolve().as_uri()
    return pure.as_posix()


def render(report: FindingsReport, options: RenderOptions) -> str:
    codes = list(report.rules)
    rules = [{
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _(rule.description)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["gkparse"]},
    } for rule in report.rules.values()]
    results = []
    for finding in report.findings:
        results.append({
            "ruleId": finding.code,
            "ruleIndex": codes.index(finding.code),
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(finding.file)},
                "region": {"startLine": max(finding.line, 1)},
            }}],
            "partialFingerprints": {
                "gkparseFinding/v1": hashlib.sha256(finding.identity.encode("utf-8")).hexdigest()[:32],
            },
        })
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "gkparse", "version": __version__,
                                "informationUri": "https://pypi.org/project/gkparse/",
                                "rules": rules}},
            "results": results,
            "properties": report.run_properties(),
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
