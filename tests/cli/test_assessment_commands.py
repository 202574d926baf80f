"""`copc-cx new`, `score`, `convert` and `rollup`, run as a consultant runs them: separate processes.

Exit status: 0 certified (or done), 1 not certified, 2 bad input; messages in the chosen language.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from copc_cx.examples import EXAMPLES
from copc_cx.files import assessment_file as af

SAMPLE = next(e for e in EXAMPLES if e.calculator == "self-assessment").input
# the sample with 2.8's approach at 10 of 10 and 4.6 at 50/75: every condition met
CERTIFIED = {**SAMPLE, "items": {**SAMPLE["items"], "2.8": {**SAMPLE["items"]["2.8"], "met": "10"}}}


def copc_cx(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copc_cx.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env=env)


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "certified": write(tmp_path / "naha.json", {**CERTIFIED, "organisation": "サンプル株式会社", "site": "那覇"}),
        "not": write(tmp_path / "osaka.json", {**SAMPLE, "organisation": "サンプル株式会社", "site": "大阪"}),
        "bad": write(tmp_path / "broken.json", {**SAMPLE, "items": {"2.15": {"met": "x", "applicable": 2,
                                                                             "deployed": 1, "total": 1}}}),
    }


def test_new_writes_a_blank_assessment_as_json_or_excel_with_every_applicable_item(tmp_path: Path) -> None:
    done = copc_cx("new", "--edition", "OSP", "--no-digital", "--organisation", "Example", "-o",
                   tmp_path / "a.json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    doc = af.read_text((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert doc.edition == "OSP" and not doc.digital_assisted and doc.organisation == "Example"
    assert doc == af.blank_file("OSP", digital_assisted=False, organisation="Example")
    assert copc_cx("new", "--edition", "CSP", "-o", tmp_path / "a.xlsx").returncode == 0
    assert load_workbook(tmp_path / "a.xlsx").sheetnames[0] == "概要"  # Japanese unless told otherwise
    again = copc_cx("new", "--edition", "CSP", "-o", tmp_path / "a.json", "--lang", "en")
    assert again.returncode == 2 and "--force" in again.stdout  # an existing file is kept
    wrong = copc_cx("new", "--edition", "CSP", "-o", tmp_path / "a.txt", "--lang", "en")
    assert wrong.returncode == 2 and ".json or .xlsx" in wrong.stderr


def test_score_exits_0_when_certified_1_when_not_and_2_on_a_bad_file(files: dict[str, Path]) -> None:
    assert copc_cx("score", files["certified"], "--lang", "en").returncode == 0
    assert copc_cx("score", files["not"], "--lang", "en").returncode == 1
    bad = copc_cx("score", files["bad"], files["certified"], "--lang", "en")
    assert bad.returncode == 2
    assert "items.2.15.met" in bad.stderr and "whole number" in bad.stderr and "Traceback" not in bad.stderr
    assert "naha.json" in bad.stdout  # the good file is still scored


def test_score_shows_what_the_calculator_shows(files: dict[str, Path]) -> None:
    result = af.score(af.read_text(files["not"].read_text(encoding="utf-8")))
    done = copc_cx("score", files["not"], "--lang", "en")
    for condition in result.conditions:
        assert f"{'✓' if condition.met else '✗'} {condition.text.en}: {condition.detail.en}" in done.stdout
    assert "Decision: not every condition is met" in done.stdout
    assert f"Biggest losses: {result.biggest_losses[0].number} " in done.stdout
    ja = copc_cx("score", files["not"], "--lang", "ja").stdout
    assert "判定: 認証の条件を満たさない" in ja and result.conditions[0].text.ja in ja


def test_score_as_json_is_the_self_assessment_operations_result(files: dict[str, Path]) -> None:
    from copc_cx.web import call

    done = copc_cx("score", files["certified"], files["bad"], "--format", "json")
    rows = json.loads(done.stdout)
    assert done.returncode == 2
    assert rows[0]["result"] == call({"op": "self-assessment", "input": CERTIFIED})["result"]
    assert rows[0]["organisation"] == "サンプル株式会社" and rows[0]["result"]["certified"] is True
    assert rows[1]["errors"][0]["field"] == "items.2.15.met"


def test_score_as_markdown_has_a_table_of_the_conditions(files: dict[str, Path]) -> None:
    done = copc_cx("score", files["not"], "--format", "markdown", "--lang", "en")
    assert done.stdout.startswith("## サンプル株式会社 / 大阪")
    assert "| Condition | Result | Detail |" in done.stdout
    assert "**Decision: not every condition is met**" in done.stdout


def test_the_language_comes_from_the_locale_when_not_given(files: dict[str, Path]) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    assert "Decision:" in copc_cx("score", files["not"], env={**env, "LANG": "en_GB.UTF-8"}).stdout
    assert "判定:" in copc_cx("score", files["not"], env=env).stdout  # no locale: Japanese


def test_convert_goes_json_to_excel_and_back_keeping_every_input_and_note(files: dict[str, Path],
                                                                         tmp_path: Path) -> None:
    source = write(tmp_path / "noted.json", {**SAMPLE, "assessor": "佐藤", "notes": {"2.15": "根拠: 手順書"}})
    assert copc_cx("convert", source, tmp_path / "noted.xlsx").returncode == 0
    assert copc_cx("convert", tmp_path / "noted.xlsx", tmp_path / "back.json").returncode == 0
    before = af.read_text(source.read_text(encoding="utf-8"))
    after = af.read_text((tmp_path / "back.json").read_text(encoding="utf-8"))
    assert af.self_assessment_input(after) == af.self_assessment_input(before)
    assert after.notes == before.notes and after.assessor == "佐藤"
    # the workbook scores as the JSON does
    assert copc_cx("score", tmp_path / "noted.xlsx").returncode == copc_cx("score", source).returncode == 1
    bad = copc_cx("convert", tmp_path / "missing.json", tmp_path / "x.xlsx", "--lang", "en")
    assert bad.returncode == 2 and "cannot be read" in bad.stderr


def test_convert_tells_a_process_certification_check_by_its_contents_and_keeps_every_input(tmp_path: Path) -> None:
    from copc_cx.examples import EXAMPLES_BY_ID
    from copc_cx.files import process_file as pf

    # the operation's input alone names a block: a process-certification check, not a self-assessment
    request = {**EXAMPLES_BY_ID["level-rule-two-sites"].input, "assessor": "佐藤", "notes": {"2.4": "根拠: 記録"}}
    source = write(tmp_path / "workforce.json", request)
    done = copc_cx("convert", source, tmp_path / "workforce.xlsx", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert load_workbook(tmp_path / "workforce.xlsx").sheetnames[:3] == ["Summary", "Requirements", "Months"]
    assert copc_cx("convert", tmp_path / "workforce.xlsx", tmp_path / "again.xlsx").returncode == 0
    assert copc_cx("convert", tmp_path / "again.xlsx", tmp_path / "back.json").returncode == 0
    back = json.loads((tmp_path / "back.json").read_text(encoding="utf-8"))
    assert back["format"] == pf.FORMAT
    assert pf.read_data(back) == pf.read_data(request)
    # a workbook edited into something the reader refuses: named by sheet and cell, exit 2
    book = load_workbook(tmp_path / "workforce.xlsx")
    book["Months"]["F2"].value = "=G2"
    book.save(tmp_path / "formula.xlsx")
    bad = copc_cx("convert", tmp_path / "formula.xlsx", tmp_path / "x.json", "--lang", "en")
    assert bad.returncode == 2 and "Sheet 'Months', cell F2" in bad.stderr


def test_rollup_counts_the_good_files_and_reports_the_bad_one(files: dict[str, Path], tmp_path: Path) -> None:
    folder = files["certified"].parent
    assert copc_cx("convert", files["not"], folder / "osaka-copy.xlsx").returncode == 0
    done = copc_cx("rollup", folder, "-o", tmp_path / "summary.csv", "--lang", "en")
    assert done.returncode == 2  # one file skipped
    assert "broken.json" in done.stderr and "items.2.15.met" in done.stderr
    with (tmp_path / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["File", "Organisation", "Site or program", "Edition", "Applicable points", "Points earned",
                       "Share", "Decision", "Unmet conditions"]
    assert [Path(r[0]).name for r in rows[1:-1]] == ["naha.json", "osaka-copy.xlsx", "osaka.json"]
    assert rows[1][7] == "certifiable" and rows[3][7] == "not certifiable" and rows[3][8]
    assert rows[-1][0] == "Total (3)" and rows[-1][7] == "1 of 3 certifiable"
    assert int(rows[-1][4]) == sum(int(r[4]) for r in rows[1:-1])


def test_rollup_writes_a_workbook_and_json_for_scripts(files: dict[str, Path], tmp_path: Path) -> None:
    done = copc_cx("rollup", files["certified"], files["not"], "-o", tmp_path / "summary.xlsx", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["total"]["assessments"] == 2 and report["total"]["certified"] == 1 and report["skipped"] == []
    assert [r["site"] for r in report["rows"]] == ["那覇", "大阪"]
    sheet = load_workbook(tmp_path / "summary.xlsx").active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "ファイル" and len(values) == 4 and values[3][0] == "合計（2 件）"
    assert sheet.freeze_panes == "B2"


def test_rollup_refuses_an_output_it_cannot_write(files: dict[str, Path], tmp_path: Path) -> None:
    done = copc_cx("rollup", files["not"], "-o", tmp_path / "summary.txt", "--lang", "en")
    assert done.returncode == 2 and ".xlsx or .csv" in done.stderr


def test_rollup_draws_a_progress_bar_on_a_terminal_for_many_files(tmp_path: Path) -> None:
    import os

    many = [write(tmp_path / f"site-{n:02}.json", {**SAMPLE, "site": f"{n}"}) for n in range(25)]
    terminal, tty = os.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "copc_cx.cli", "rollup", *map(str, many), "--lang", "en"],
                              stdout=subprocess.PIPE, stderr=tty, text=True, timeout=120)
        os.close(tty)
        drawn = b""
        while True:
            try:
                chunk = os.read(terminal, 65536)
            except OSError:  # Linux: the terminal's other end is closed and everything was read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(terminal)
    assert done.returncode == 0
    assert b"25/25" in drawn and b"[" + b"#" * 30 + b"]" in drawn
    # not on a pipe
    assert "25/25" not in copc_cx("rollup", *many, "--lang", "en").stderr
