"""``--format junit``: one testcase per task; a failure per finding at or above ``--fail-on``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from gkparse.formats.check import FindingsReport
from gkparse.formatter import RenderOptions
from gkparse.tracking.rules import SEVERITY_RANK

# Characters XML 1.0 cannot carry, even escaped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


def render(report: FindingsReport, options: RenderOptions) -> str:
    threshold = SEVERITY_RANK.get(options.fail_on, 99)  # "never": nothing fails
    cases: list[tuple[str, str, list[Any]]] = report.junit_cases()
    failures = sum(1 for _, _, fs in cases if any(SEVERITY_RANK[f.severity] >= threshold
                                                   for f in fs))
    suites = ET.Element("testsuites", name=f"gkparse {report.command}", tests=str(len(cases)),
                        failures=str(failures), errors="0", time="0")
    suite = ET.SubElement(suites, "testsuite", name=clean(report.title),
                          tests=str(len(cases)), failures=str(failures), errors="0",
                          skipped="0", time="0")
    if report.timestamp:
        suite.set("timestamp", report.timestamp)
    for classname, name, findings in cases:
        case = ET.SubElement(suite, "testcase", classname=clean(classname), name=clean(name),
                             time="0")
        for finding in findings:
            if SEVERITY_RANK[finding.severity] >= threshold:
                failure = ET.SubElement(case, "failure", type=finding.code,
                                        message=clean(f"{finding.code} {finding.name}: "
                                                      f"{finding.message}"))
                failure.text = clean(f"{finding.file}:{finding.line}: {finding.message}")
        lower = [f for f in findings if SEVERITY_RANK[f.severity] < threshold]
        if lower:
            ET.SubElement(case, "system-out").text = clean("\n".join(
                f"{f.severity} {f.code} {f.name}: {f.message}" for f in lower))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
