"""A workbook the core wrote opens in LibreOffice Calc and shows the computed values, formatted.

LibreOffice (Debian's libreoffice-calc-nogui, installed by scripts/setup.sh) converts each sheet to
CSV as its cells are shown; the figures must be the core's, with the number formats people see.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from copc_cx.examples import EXAMPLES
from copc_cx.files import assessment_file as af
from copc_cx.files import workbook as wb
from copc_cx.text import fmt_against

SAMPLE = next(e for e in EXAMPLES if e.calculator == "self-assessment").input
# comma-separated, quoted, UTF-8 (76), from line 1, cells as shown (formatted), every sheet to its own file (-1)
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def sheets_as_shown(workbook: Path, tmp_path: Path) -> dict[str, list[list[str]]]:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/setup.sh installs Debian's "
                    "libreoffice-calc-nogui; run `make setup`")
    profile = tmp_path / "profile"  # a profile of its own: a LibreOffice already running elsewhere keeps its lock
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", CSV_FILTER,
         "--outdir", str(tmp_path / "csv"), str(workbook)],
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    sheets = {}
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem.removeprefix(workbook.stem + "-")] = list(csv.reader(handle))
    return sheets


def test_libreoffice_shows_the_computed_values_of_a_workbook_the_core_wrote(tmp_path: Path) -> None:
    doc = af.read_data({**SAMPLE, "organisation": "サンプル株式会社", "date": "2026-12-05"})
    result = af.score(doc)
    workbook = tmp_path / "assessment.xlsx"
    workbook.write_bytes(wb.write_workbook(doc, "en"))
    sheets = sheets_as_shown(workbook, tmp_path)
    assert {"Summary", "1.0-3.0", "4.6"} <= set(sheets), sheets.keys()

    summary = {row[0]: row[1:] for row in sheets["Summary"] if row and row[0]}
    assert summary["Organisation"][0] == "サンプル株式会社"
    assert summary["Assessment date"][0] == "2026-12-05"
    assert summary["Applicable points"][0] == f"{result.scope.applicable:,}"
    assert summary["Points earned"][0] == fmt_against(result.earned, result.scope.required)
    share = fmt_against(result.percent_of_applicable, 95)
    assert summary["Share of applicable points"][0] == (share if "." in share else f"{share}.00") + "%"
    for condition in result.conditions:
        assert summary[condition.text.en][0] == ("met" if condition.met else "not met")

    scores = {s.number: s for s in result.items}
    rows = {row[0]: row for row in sheets["4.6"][1:]}
    header = sheets["4.6"][0]
    shown = dict(zip(header, rows["4.6"], strict=True))
    assert shown["Points earned"] == fmt_against(scores["4.6"].points, 0)
    assert shown["At target"] == str(SAMPLE["items"]["4.6"]["at_target"])


def test_libreoffice_shows_the_process_workbooks_months_and_verdicts_as_the_core_computed_them(tmp_path: Path) -> None:
    from copc_cx.examples import EXAMPLES_BY_ID
    from copc_cx.files import process_file, process_workbook

    doc = process_file.read_data({**EXAMPLES_BY_ID["level-rule-two-sites"].input, "date": "2026-12-05"})
    result = process_file.check(doc)
    workbook = tmp_path / "process.xlsx"
    workbook.write_bytes(process_workbook.write_workbook(doc, "en"))
    sheets = sheets_as_shown(workbook, tmp_path)
    assert {"Summary", "Requirements", "Months", "Items"} <= set(sheets), sheets.keys()

    summary = {row[0]: row[1:] for row in sheets["Summary"] if row and row[0]}
    assert summary["Assessment date"][0] == "2026-12-05"
    assert summary["Level rule: Site B"][0] == ("holds" if result.units[2].level.holds else "fails")
    header, *rows = sheets["Months"]
    shown = [dict(zip(header, row, strict=True)) for row in rows]
    measured = [(r["Site name"], r["Metric ID"], r["Months needed (3/4)"], r["Verdict"]) for r in shown
                if r["Months measured"]]
    expected = [(("" if index == 0 else unit.unit), m.metric, str(m.months_needed),
                 "meets" if m.meets else "does not meet") for index, unit in enumerate(result.units)
                for m in unit.level.metrics]
    assert measured == expected
