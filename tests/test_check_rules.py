"""One test per finding code, plus the date arithmetic at the edges (contract section 2)."""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path

import pytest

from check_helpers import small_notice, status_file, tracked
from gkparse.tracking.checker import check


def findings(tmp_path: Path, entries: str, **kwargs):
    small_notice(tmp_path)
    path = status_file(tmp_path, entries)
    report = check(path, **kwargs)
    return [(f.code, f.task, f.severity, f.file, f.line) for f in report.findings], path


def only(codes: set[str], result):
    return [f for f in result if f[0] in codes]


def test_gk101_overdue(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked(**{"1_1_1": "in_progress"}), as_of=date(2025, 7, 1))
    assert only({"GK101"}, got) == [("GK101", "1.1.1", "error", str(path), 4)]


def test_gk102_done_late(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked(**{"1_1_1": "{status: done, completed_on: 2025-07-02}"}))
    assert only({"GK102"}, got) == [("GK102", "1.1.1", "warning", str(path), 4)]


def test_gk103_no_lead_on_the_entry_line(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked())
    assert only({"GK103"}, got) == [("GK103", "1.1.3", "error", str(path), 6)]


def test_gk103_to_gk105_without_entry_point_at_the_notice_line(tmp_path: Path) -> None:
    got, path = findings(tmp_path, "")
    assert only({"GK103", "GK104", "GK105"}, got) == [
        ("GK103", "1.1.3", "error", str(path), 1),
        ("GK104", "1.1.4", "warning", str(path), 1),
        ("GK105", "1.1.5", "warning", str(path), 1)]


def test_gk104_no_deadline(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked())
    assert only({"GK104"}, got) == [("GK104", "1.1.4", "warning", str(path), 7)]


def test_gk105_unparsed_deadline(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked())
    assert only({"GK105"}, got) == [("GK105", "1.1.5", "warning", str(path), 8)]


def test_gk106_due_soon(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked(**{"1_1_1": "todo"}), as_of=date(2025, 6, 10))
    assert only({"GK106"}, got) == [("GK106", "1.1.1", "warning", str(path), 4)]


def test_gk107_untracked_points_at_tasks_line(tmp_path: Path) -> None:
    entries = "".join(line for line in tracked().splitlines(keepends=True) if "1.1.2" not in line)
    got, path = findings(tmp_path, entries)
    assert only({"GK107"}, got) == [("GK107", "1.1.2", "warning", str(path), 3)]


def test_gk108_unknown_task(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked() + '  "9.9.9": done\n')
    assert only({"GK108"}, got) == [("GK108", "9.9.9", "error", str(path), 10)]


def test_gk109_stale_entry(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked(**{"1_1_2": '{status: todo, fingerprint: "00000000"}'}))
    assert only({"GK109"}, got) == [("GK109", "1.1.2", "warning", str(path), 5)]


def test_gk109_not_raised_for_matching_fingerprint(tmp_path: Path) -> None:
    from gkparse.models import fingerprint

    fp = fingerprint("要求二")
    got, _ = findings(tmp_path, tracked(**{"1_1_2": f'{{status: todo, fingerprint: "{fp}"}}'}))
    assert only({"GK109"}, got) == []


def test_gk110_done_undated(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked(**{"1_1_6": "已完成"}))
    assert only({"GK110"}, got) == [("GK110", "1.1.6", "info", str(path), 9)]


def test_gk111_blocked(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked(**{"1_1_6": "{status: 受阻, note: 等待接口}"}))
    assert only({"GK111"}, got) == [("GK111", "1.1.6", "warning", str(path), 9)]


def test_gk112_waived_without_reason(tmp_path: Path) -> None:
    got, path = findings(tmp_path, tracked(**{"1_1_6": "免于", "1_1_2": "{status: waived, "
                                              "reason: 上级已取消}"}))
    assert only({"GK112"}, got) == [("GK112", "1.1.6", "error", str(path), 9)]


def test_waived_and_done_tasks_are_never_overdue(tmp_path: Path) -> None:
    got, _ = findings(tmp_path, tracked(**{"1_1_1": "{status: waived, reason: 取消}"}),
                      as_of=date(2025, 12, 1))
    assert only({"GK101", "GK106"}, got) == []


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2025, 6, 30), "GK106"),   # due today: not yet overdue, due soon
    (date(2025, 6, 29), "GK106"),   # due tomorrow
    (date(2025, 5, 31), "GK106"),   # exactly --warn-days (30) away
    (date(2025, 5, 30), None),      # 31 days away
    (date(2025, 7, 1), "GK101"),    # the day after
])
def test_due_edges(tmp_path: Path, as_of: date, expected: str | None) -> None:
    got, _ = findings(tmp_path, tracked(**{"1_1_1": "todo"}), as_of=as_of)
    codes = [f[0] for f in got if f[1] == "1.1.1" and f[0] in ("GK101", "GK106")]
    assert codes == ([expected] if expected else [])


def test_completed_on_the_due_date_is_not_late(tmp_path: Path) -> None:
    got, _ = findings(tmp_path, tracked(**{"1_1_1": "{status: done, completed_on: 2025-06-30}"}))
    assert only({"GK102"}, got) == []


def test_as_of_across_a_year_end(tmp_path: Path) -> None:
    got, _ = findings(tmp_path, tracked(**{"1_1_2": "todo"}), as_of=date(2025, 12, 20))
    assert [f[0] for f in got if f[1] == "1.1.2"] == ["GK106"]
    got, _ = findings(tmp_path, tracked(**{"1_1_2": "todo"}), as_of=date(2026, 1, 1))
    assert [f[0] for f in got if f[1] == "1.1.2"] == ["GK101"]


def test_warn_days_option(tmp_path: Path) -> None:
    got, _ = findings(tmp_path, tracked(**{"1_1_1": "todo"}), as_of=date(2025, 6, 20),
                      warn_days=5)
    assert only({"GK106"}, got) == []


def test_as_of_precedence_and_china_default(tmp_path: Path, monkeypatch) -> None:
    import gkparse.tracking.checker as checker

    small_notice(tmp_path)
    path = status_file(tmp_path, tracked(), as_of=None)
    monkeypatch.setattr(checker, "today_in_china", lambda: date(2025, 3, 3))
    assert check(path).as_of == date(2025, 3, 3)
    path = status_file(tmp_path, tracked(), as_of="2025-04-04")
    assert check(path).as_of == date(2025, 4, 4)
    assert check(path, as_of=date(2025, 5, 5)).as_of == date(2025, 5, 5)


def test_today_in_china_is_utc_plus_8(monkeypatch) -> None:
    from datetime import datetime

    import gkparse.tracking.vocabulary as vocabulary

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # 2025-12-31 17:00 UTC is already 2026-01-01 in Beijing
            return datetime(2025, 12, 31, 17, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(vocabulary, "datetime", Clock)
    assert vocabulary.today_in_china() == date(2026, 1, 1)


def test_summary_counts(tmp_path: Path) -> None:
    small_notice(tmp_path)
    path = status_file(tmp_path, '  "1.1.1": done\n  "1.1.2": in_progress\n  "1.1.3": blocked\n')
    summary = check(path).summary
    assert summary.by_status == {"todo": 0, "in_progress": 1, "done": 1, "blocked": 1,
                                 "waived": 0, "untracked": 3}
    assert summary.tasks == 6 and summary.percent_done == 16.7


def test_every_rule_has_one_function_and_the_registry_follows_the_table() -> None:
    from gkparse.tracking.checker import TASK_RULES
    from gkparse.tracking.rules import RULES

    # GK108 is about the status file, not a task: unknown_tasks applies it.
    assert sorted([*TASK_RULES, "GK108"]) == sorted(RULES)
    assert len(set(TASK_RULES.values())) == len(TASK_RULES)
