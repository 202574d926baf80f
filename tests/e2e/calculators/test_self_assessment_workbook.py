"""The self-assessment as an Excel workbook in the browser: Download Excel then Open Excel gives the
same result; LibreOffice shows the values the core computed; and the walk of a new user: the sample
downloaded as a workbook, two counts changed in it, opened again in the browser and scored by
`copc-cx score`, gives the same new score in both."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Download, FilePayload, Locator, Page, expect

from copc_cx.files.workbook import SHEETS, item_columns
from copc_cx.standard import Scoring
from tests.e2e.helpers import RESULT, calc, computed, examples_of, load_example

pytestmark = pytest.mark.e2e

WORKED = examples_of("self-assessment")[0]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the first export loads openpyxl into the engine: more than one computation's time
FIRST_EXPORT = 60_000


def download_workbook(page: Page, root: Locator) -> Path:
    with page.expect_download(timeout=FIRST_EXPORT) as info:
        root.locator(".copc-files__save-excel").click()
    download: Download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = download.path()
    assert path is not None
    expect(root).to_have_attribute("data-file", "saved", timeout=RESULT)
    return Path(path)


def open_workbook(root: Locator, path: Path) -> None:
    payload: FilePayload = {"name": path.name, "mimeType": XLSX, "buffer": path.read_bytes()}
    root.locator(".copc-files__pick-workbook").set_input_files(files=[payload])


def shown(root: Locator) -> dict[str, object]:
    result = root.locator(".copc-calc__result")
    return {"certified": result.locator(".copc-decision").get_attribute("data-certified"),
            "figures": result.locator(".copc-stats").text_content()}


def test_a_downloaded_workbook_opens_with_the_same_result_and_libreoffice_shows_the_computed_values(
        calculators_page: tuple[Page, str], tmp_path: Path) -> None:
    page, lang = calculators_page
    root = calc(page, "self-assessment")
    load_example(root, WORKED.id)
    before = shown(root)
    path = download_workbook(page, root)
    root.locator(".copc-calc__clear").click()
    open_workbook(root, path)
    expect(root).to_have_attribute("data-file", "opened", timeout=FIRST_EXPORT)
    expect(root).to_have_attribute("data-state", "result", timeout=RESULT)
    assert shown(root) == before

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/setup.sh installs libreoffice-calc-nogui")
    book = tmp_path / "assessment.xlsx"
    shutil.copy(path, book)
    # UTF-8 (76), comma-separated: the summary sheet, as LibreOffice computes nothing of its own
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(book)],
                   check=True, capture_output=True, timeout=180)
    rows = list(csv.reader((tmp_path / "assessment.csv").open(encoding="utf-8")))
    values = {row[0]: row[1] for row in rows if len(row) > 1 and row[0]}
    core = computed("self-assessment", WORKED.input)
    # LibreOffice shows the cells with their number formats (grouped, percentages with two decimals)
    assert values["評価対象の持ち点" if lang == "ja" else "Applicable points"].replace(",", "") == str(
        core["scope"]["applicable"])
    earned = values["得点" if lang == "ja" else "Points earned"]
    assert earned.replace(",", "") == core["display"]["earned"].replace(",", "")
    share = values["持ち点に対する割合" if lang == "ja" else "Share of applicable points"]
    assert float(share.rstrip("%")) == pytest.approx(core["percent_of_applicable"], abs=0.005)


def test_a_new_user_changes_two_counts_in_the_workbook_and_sees_the_same_new_score_in_browser_and_cli(
        calculators_page: tuple[Page, str], tmp_path: Path) -> None:
    page, _ = calculators_page
    root = calc(page, "self-assessment")
    load_example(root, WORKED.id)
    path = tmp_path / "sample.xlsx"  # openpyxl goes by the name's extension
    shutil.copy(download_workbook(page, root), path)

    # two counts changed as a person would in a spreadsheet: item 2.8 meets every sub-requirement,
    # and the first item is deployed in one unit fewer
    book = load_workbook(path)
    sheet = book[SHEETS[Scoring.APPROACH_DEPLOYMENT]]
    columns = {key: index + 1 for index, (key, _) in enumerate(item_columns(Scoring.APPROACH_DEPLOYMENT))}
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    first = next(iter(WORKED.input["items"]))
    changed = tmp_path / "changed.xlsx"
    sheet.cell(rows["2.8"], columns["met"]).value = int(WORKED.input["items"]["2.8"]["applicable"])
    sheet.cell(rows[first], columns["deployed"]).value = int(WORKED.input["items"][first]["deployed"]) - 1
    book.save(changed)

    scored = subprocess.run([sys.executable, "-m", "copc_cx.cli", "score", str(changed), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert scored.returncode in (0, 1), scored.stderr
    cli = json.loads(scored.stdout)[0]["result"]
    assert cli["display"]["earned"] != computed("self-assessment", WORKED.input)["display"]["earned"]

    open_workbook(root, changed)
    expect(root).to_have_attribute("data-file", "opened", timeout=RESULT)
    expect(root.locator(".copc-decision")).to_have_attribute("data-certified", str(cli["certified"]).lower(),
                                                             timeout=RESULT)
    expect(root.locator(".copc-calc__result .copc-stats")).to_contain_text(cli["display"]["earned"])
    expect(root.locator(".copc-calc__result .copc-stats")).to_contain_text(
        f"{cli['display']['percent_of_applicable']}%")
