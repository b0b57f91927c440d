"""Unit rosters and --unit views on extract and check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkparse import parse_notice
from gkparse.cli import app
from gkparse.tracking.roster import Roster, RosterError, UnknownUnitError, for_unit, load_roster

from conftest import ROOT

SAMPLES = ROOT / "samples"
runner = CliRunner()


def test_groups_nest_and_aliases_stand_for_their_unit() -> None:
    roster = Roster(groups={"区直各部门": ["区财政局", "区教育局"], "区直有关部门": ["区直各部门"],
                            "甲组": ["乙组"], "乙组": ["甲组"]},  # a cycle must not hang
                    aliases={"区财政局（国资）": "区财政局"})
    assert roster.covers("区直有关部门", "区教育局")
    assert roster.covers("区财政局（国资）", "区财政局") and roster.covers("区财政局", "区财政局（国资）")
    assert not roster.covers("区教育局", "区财政局")
    assert roster.members("甲组") == {"甲组", "乙组"}


@pytest.mark.parametrize(("text", "fragment"), [
    ("groups: [a, b]\n", "groups: must map"),
    ("aliases: {a: [b]}\n", "aliases: must map"),
    ("units: {}\n", "two mappings"),
    ("groups: {a: [b\n", "bad YAML"),
])
def test_bad_roster_is_one_clear_error(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError, match=fragment.replace("[", r"\[")):
        load_roster(path)


def test_sample_roster_views() -> None:
    notice = parse_notice(SAMPLES / "notice.docx")
    roster = load_roster(SAMPLES / "units.yaml")
    counts = {unit: len(for_unit(notice, unit, roster).tasks)
              for unit in ("洸河街道", "区生态环境分局", "区党政办公室")}
    assert counts == {"洸河街道": 43, "区生态环境分局": 36, "区党政办公室": 44}
    assert len(for_unit(notice, "区生态环境分局", None).tasks) == 1  # only where it is named
    assert for_unit(notice, "无此单位", roster, strict=False).tasks == []  # a batch's other notice


def test_an_unknown_unit_is_an_error_naming_the_closest() -> None:
    notice = parse_notice(SAMPLES / "notice.docx")
    roster = load_roster(SAMPLES / "units.yaml")
    with pytest.raises(UnknownUnitError) as typo:
        for_unit(notice, "洸河街", roster)
    assert typo.value.describe().endswith("units.yaml: --unit 洸河街: neither this roster nor the "
                                          "notice names such a unit; did you mean 洸河街道?")
    with pytest.raises(UnknownUnitError) as unknown:
        for_unit(notice, "无此单位", roster)
    assert "did you mean" not in unknown.value.describe()
    with pytest.raises(UnknownUnitError) as no_roster:  # 洸河街道 is only ever named as 各街道
        for_unit(notice, "洸河街道", None)
    assert "notice.docx: --unit 洸河街道: the notice names no such unit" in no_roster.value.describe()
    assert "needs a roster" in no_roster.value.describe()
    assert len(for_unit(notice, "区党政办公室（宣传）", roster).tasks) == 44  # an alias is known


def test_extract_and_check_by_unit(tmp_path: Path) -> None:
    for name in ("notice.docx", "status.yaml"):
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    bare = runner.invoke(app, ["extract", str(tmp_path / "notice.docx"), "--unit", "各街道"])
    assert bare.exit_code == 0 and bare.stderr.count("no roster (units.yaml)") == 1
    assert len(json.loads(bare.stdout)["tasks"]) == 43  # 各街道 named directly
    streets = runner.invoke(app, ["extract", str(tmp_path / "notice.docx"), "--unit", "洸河街道",
                                  "--roster", str(SAMPLES / "units.yaml")])
    assert "no roster" not in streets.stderr
    assert len(json.loads(streets.stdout)["tasks"]) == 43
    checked = runner.invoke(app, ["check", str(tmp_path / "status.yaml"), "--unit", "区生态环境分局",
                                  "--roster", str(SAMPLES / "units.yaml"), "-f", "json"])
    report = json.loads(checked.stdout)
    assert report["summary"]["tasks"] == 36
    unit_tasks = {t.id for t in for_unit(parse_notice(SAMPLES / "notice.docx"), "区生态环境分局",
                                         load_roster(SAMPLES / "units.yaml")).tasks}
    assert report["findings"] and {f["task"] for f in report["findings"]} <= unit_tasks
    assert all(f["code"] != "GK108" for f in report["findings"])  # other units' entries dropped
    missing = runner.invoke(app, ["check", str(tmp_path / "status.yaml"), "--unit", "x",
                                  "--roster", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "nope.yaml: no such file" in missing.stderr
