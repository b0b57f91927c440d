"""The Chinese interface: a complete, current catalog; Chinese runs that print no English sentence."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from gkparse.i18n import language_from_environment

from conftest import ROOT

SAMPLES = ROOT / "samples"


def _messages_script():
    spec = importlib.util.spec_from_file_location("update_messages",
                                                  ROOT / "scripts" / "update_messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_has_a_chinese_translation_and_the_files_are_current() -> None:
    script = _messages_script()
    catalog = script.updated()  # the .po brought up to date with the code, in memory
    messages = [m for m in catalog if m.id]
    assert len(messages) > 100
    for message in messages:
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings) and not message.fuzzy, f"untranslated: {ids[0]!r}"
        bare = [re.sub(r"\{\w*\}", "", s) for s in strings]  # the words around the fields
        assert all(re.search(r"[\u4e00-\u9fff]", b) or not b.strip(" ，、；：") for b in bare), \
            ids[0]
        for text in strings:  # the same placeholders, so .format() fills the translation too
            assert _fields(text) == _fields(ids[0]), ids[0]
    assert script.po_bytes(catalog) == script.PO.read_bytes(), \
        "the .po is behind the code: run make messages"
    assert script.mo_bytes(catalog) == script.MO.read_bytes(), \
        "the .mo is not the .po compiled: run make messages"


def test_the_wheel_ships_the_compiled_catalog() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in text
    import gkparse.i18n

    assert (gkparse.i18n.LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "gkparse.mo").is_file()


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANGUAGE": "zh_CN:en", "LANG": "C"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "GKPARSE_LANG": "en"}, "en"),
    ({"LANG": "C", "GKPARSE_LANG": "zh"}, "zh"),
    ({"LANG": "", "GKPARSE_LANG": ""}, "en"),
])
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


# What may stay in Latin letters in a Chinese run: names, not sentences.
ALLOWED = [
    r"GK\d{3} [a-z-]+",  # finding code and name, fixed in every language
    r"--?[a-z][a-z-]*(?:=\S+)?",  # options
    r"<[^>]*>|\{[^}]*\}|\[[A-Z]+\]",  # metavars
    r"'[^'\n]*'",  # values quoted as given or as accepted: 'bad', 'error'
    r"\b[A-Z_]{3,}\b",  # placeholders and variables: STATUS, NOTICE, GKPARSE_LANG
    r"\S*[/\\]\S*|\S+\.(?:docx|yaml|xlsx|json|sarif|html|txt|pot?|mo)\b",  # paths, files
    r"\b(?:gkparse(?: [a-z]+)*|json|jsonl|yaml|csv|table|sarif|junit|github|markdown|html|docx|"
    r"text|en|zh|as_of|completed_on|notice|UTC|BOM|JSON(?: Lines| Schema)?|YAML|PR|CI|pydantic|"
    r"JavaScript|GB|Word|x>=0)\b",
]
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]+){2,}")


def english_sentences(text: str) -> list[str]:
    """Runs of three or more English words left once names, options and paths are set aside."""
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text)
    return ENGLISH_SENTENCE.findall(text)


def _run(folder: Path, *args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("GKPARSE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update({"LANG": "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8", "COLUMNS": "100"})
    script = Path(sys.executable).parent / "gkparse"  # the console script, named as installed
    command = [str(script)] if script.exists() else [sys.executable, "-m", "gkparse.cli"]
    return subprocess.run([*command, *args], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=120)


RUNS: list[tuple[str, ...]] = [
    ("--help",), ("extract", "--help"), ("schema", "--help"), ("check", "--help"),
    ("init", "--help"), ("ledger", "--help"), ("report", "--help"), ("remind", "--help"),
    ("status", "--help"), ("status", "import", "--help"), ("lint", "--help"), ("explain", "--help"),
    ("init", "notice.docx", "-o", "new.yaml"),
    ("check", "status.yaml", "-f", "table"),
    ("check", "status.yaml", "-f", "github"),
    ("check", "status.yaml", "-f", "markdown"),
    ("check", "status.yaml", "-f", "json", "-o", "check.json"),
    ("ledger", "status.yaml", "-o", "ledger.xlsx"),
    ("status", "import", "ledger.xlsx", "--into", "status.yaml", "--dry-run"),
    ("report", "status.yaml", "-f", "docx", "-o", "report.docx"),
    ("remind", "status.yaml", "-o", "督办单.docx"),
    ("remind", "status.yaml", "-f", "text"),
    ("remind", "status.yaml", "--as-of", "2025-01-02", "--unit", "区市场监管局", "-o", "x.docx"),
    ("report", "status.yaml", "--unit", "区党政办公室", "-f", "markdown"),
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("i18n")
    for name in ("notice.docx", "status.yaml"):
        shutil.copyfile(SAMPLES / name, folder / name)
    return folder


def test_a_chinese_run_prints_no_english_sentence(workdir: Path) -> None:
    """Help, messages, findings and summaries of every command the issue names, in Chinese."""
    for args in RUNS:
        done = _run(workdir, *args, lang="zh")
        assert done.returncode in (0, 1), (args, done.stderr)
        shown = done.stderr + done.stdout
        assert not english_sentences(shown), (args, english_sentences(shown), shown)
        assert not shown.strip() or re.search(r"[\u4e00-\u9fff]", shown), args  # said in Chinese
    findings = json.loads((workdir / "check.json").read_text(encoding="utf-8"))["findings"]
    assert not any(english_sentences(f["message"]) for f in findings)
    (workdir / "new.yaml").unlink()


USAGE_ERRORS: list[tuple[str, ...]] = [
    ("check",), ("check", "status.yaml", "--fail-on", "bad"), ("chek",),
    ("check", "status.yaml", "--warn-days", "-1"), ("check", "status.yaml", "--nope"),
    ("check", "status.yaml", "extra"), ("remind", "status.yaml", "--unit"),
]


def test_usage_errors_in_chinese_and_english(workdir: Path) -> None:
    for args in USAGE_ERRORS:
        zh, en = (_run(workdir, *args, lang=lang) for lang in ("zh", "en"))
        assert zh.returncode == en.returncode == 2, args
        assert not english_sentences(zh.stderr) and "错误：" in zh.stderr, (args, zh.stderr)
        assert "Error: " in en.stderr and english_sentences(en.stderr), (args, en.stderr)
    missing = _run(workdir, "check", lang="zh").stderr
    assert missing == ("用法： gkparse check [OPTIONS] STATUS\n运行 'gkparse check -h' 查看帮助。"
                       "\n\n错误：缺少参数 'STATUS'。\n")
    assert _run(workdir, "check", lang="en").stderr == (
        "Usage: gkparse check [OPTIONS] STATUS\nTry 'gkparse check -h' for help.\n\n"
        "Error: Missing argument 'STATUS'.\n")


def test_refusals_in_chinese(workdir: Path) -> None:
    """The common refusals, worded in English where they are raised, said in Chinese."""
    (workdir / "taken.xlsx").write_bytes(b"")
    runs = {("check", "missing.yaml"): "gkparse: missing.yaml: 文件不存在",
            ("check", "."): "gkparse: .: 是文件夹，不是状态文件",
            ("ledger", "status.yaml", "-o", "taken.xlsx"): "gkparse: taken.xlsx: 已存在；",
            ("check", "status.yaml", "--as-of", "2025/13/01"): "'2025/13/01' 不是日期：没有 13 月",
            ("check", "status.yaml", "--as-of", ""): "空值不是日期"}
    for args, said in runs.items():
        done = _run(workdir, *args, lang="zh")
        assert done.returncode == 2 and said in done.stderr, (args, done.stderr)
        assert not english_sentences(done.stderr), (args, done.stderr)
        english = _run(workdir, *args, lang="en")
        assert english.returncode == 2 and english_sentences(english.stderr), english.stderr
    (workdir / "taken.xlsx").unlink()


def test_an_english_run_is_english_and_the_detector_sees_it(workdir: Path) -> None:
    """The control: the same runs in the C locale print English sentences (so the test above
    can fail), and ``--lang`` and ``GKPARSE_LANG`` choose as well as the locale."""
    for args in (("--help",), ("check", "status.yaml", "-f", "table"), ("remind", "--help")):
        assert english_sentences(_run(workdir, *args, lang="en").stdout), args
    forced = _run(workdir, "--lang", "zh", "check", "--help", lang="en")
    assert not english_sentences(forced.stdout) and "用法：" in forced.stdout
    back = _run(workdir, "--lang=en", "check", "--help", lang="zh")
    assert back.stdout.startswith("Usage:")


def test_codes_keys_and_rule_ids_do_not_change_with_the_language(workdir: Path) -> None:
    runs = {lang: _run(workdir, "check", "status.yaml", "-f", "json", lang=lang)
            for lang in ("en", "zh")}
    en, zh = (json.loads(runs[lang].stdout) for lang in ("en", "zh"))
    assert en.keys() == zh.keys() and en["summary"] == zh["summary"]
    strip = [{k: v for k, v in f.items() if k != "message"} for f in en["findings"]]
    assert strip == [{k: v for k, v in f.items() if k != "message"} for f in zh["findings"]]
    assert [f["message"] for f in en["findings"]] != [f["message"] for f in zh["findings"]]
    assert "任务 1.4.5 已逾期 15 天（截止 2025-09-30，推进中）" in [f["message"] for f in
                                                             zh["findings"]]
    sarif = {lang: json.loads(_run(workdir, "check", "status.yaml", "-f", "sarif",
                                   lang=lang).stdout)["runs"][0] for lang in ("en", "zh")}
    rules = {lang: [(r["id"], r["name"]) for r in sarif[lang]["tool"]["driver"]["rules"]]
             for lang in sarif}
    assert rules["en"] == rules["zh"]
    assert [r["ruleId"] for r in sarif["en"]["results"]] == \
        [r["ruleId"] for r in sarif["zh"]["results"]]
    described = sarif["zh"]["tool"]["driver"]["rules"][0]["shortDescription"]["text"]
    assert described == "已过完成时限，任务尚未完成或免于。"
    junit = _run(workdir, "check", "status.yaml", "-f", "junit", lang="zh").stdout
    assert 'type="GK101"' in junit and "已逾期" in junit


def test_status_import_problems_in_chinese(workdir: Path) -> None:
    """What status import says of a filled-in workbook: bad cells, conflicts and refusals."""
    from openpyxl import Workbook

    book = Workbook()
    for title, word, when in (("甲", "完成了", None), ("乙", "推进中", "2025-10-10"),
                              ("丙", "已完成", "下周")):
        sheet = book.create_sheet(title)
        sheet.append(["编号", "状态", "完成日期"])
        sheet.append(["1.1.4", word, when])
        sheet.append(["9.9.9", "推进中", None])
    del book["Sheet"]
    book.save(workdir / "bad.xlsx")
    (workdir / "copy.yaml").write_bytes((workdir / "status.yaml").read_bytes())
    for args, said in (
            (("status", "import", "bad.xlsx", "--into", "copy.yaml"), "未知状态 '完成了'"),
            (("status", "import", "bad.xlsx", "--into", "copy.yaml"), "通知中没有这项任务"),
            (("status", "import", "bad.xlsx", "--into", "copy.yaml"), "'下周' 不是日期"),
            (("status", "import", "ledger.xlsx", "--into", "/dev/null"), "不是普通文件")):
        done = _run(workdir, *args, lang="zh")
        assert done.returncode == 2 and said in done.stderr, (args, done.stderr)
        assert not english_sentences(done.stderr), (args, done.stderr)
    (workdir / "copy.yaml").unlink()
    (workdir / "bad.xlsx").unlink()
