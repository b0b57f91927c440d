"""``--format junit``: one testcase per task; a failure per finding at or above ``--fail-on``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from gkparse.checker import SEVERITY_RANK, CheckReport, Finding

# Characters XML 1.0 cannot carry, even escaped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


def render(report: CheckReport, *, fail_on: str = "error", **_: object) -> str:
    threshold = SEVERITY_RANK.get(fail_on, 99)  # "never": nothing fails
    by_task: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        by_task.setdefault(finding.task, []).append(finding)
    cases: list[tuple[str, str, list[Finding]]] = []
    for task in report.notice.tasks:
        section = task.section.title if task.section else ""
        name = f"{task.id} {task.requirement.splitlines()[0][:40]}"
        cases.append((section or "gkparse", name, by_task.pop(task.id, [])))
    for task_id, findings in by_task.items():  # unknown tasks, file-level findings
        cases.append(("status file", task_id or "status file", findings))
    failures = sum(1 for _, _, fs in cases if any(SEVERITY_RANK[f.severity] >= threshold
                                                   for f in fs))
    suites = ET.Element("testsuites", name="gkparse check", tests=str(len(cases)),
                        failures=str(failures), errors="0", time="0")
    suite = ET.SubElement(suites, "testsuite", name=clean(report.notice.notice.title or
                                                           report.notice.source.path),
                          tests=str(len(cases)), failures=str(failures), errors="0",
                          skipped="0", time="0", timestamp=report.as_of.isoformat() + "T00:00:00")
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
