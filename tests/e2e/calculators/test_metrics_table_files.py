"""The metrics table travels with the assessment: pasted on the metrics page, handed over to the
self-assessment, downloaded there as an Excel workbook (its metrics sheet), and opened in the metrics
table of another browser, where it gives the same counts. Every figure is the core's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, FilePayload, Locator, expect

from copc_cx.files.workbook import METRICS_HEADER_ROW
from copc_cx.web import call
from tests.e2e.helpers import RESULT, calc, computed, field, new_page, wait_ready

pytestmark = pytest.mark.e2e

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_EXPORT = 60_000  # the first workbook loads openpyxl into the engine
SHEET = "\n".join("\t".join(cells) for cells in [
    ["Metric", "Item", "Type", "Level", "Client or program", "Target", "Better when", "Improving", "2025-01", "2025-02",
     "2025-03"],
    ["Overall satisfaction", "4.1", "", "program", "P1", "80", "higher", "", "78", "79", "81"],
    ["Dissatisfaction", "4.1", "", "program", "P1", "8", "lower", "yes", "9", "9", "8.5"],
    ["Service level", "4.3", "service", "entity", "", "80", "higher", "", "82", "79", "84"],
    ["First contact resolution", "4.3", "quality", "entity", "", "75", "higher", "", "70", "71", "72"],
    ["Handle time", "4.3", "efficiency", "entity", "", "300", "lower", "yes", "320", "310", "305"],
]) + "\n"


def shown_counts(root: Locator, core: dict[str, Any]) -> None:
    """The metrics table's counts per item, as the core derives them from the table."""
    for item in core["items"]:
        shown = root.locator(f'.copc-calc__result [data-item="{item["item"]}"]')
        expect(shown).to_have_attribute("data-total", str(item["counts"]["total"]), timeout=RESULT)
        if item["counts"]["total"]:
            expect(shown).to_have_attribute("data-at-target", str(item["counts"]["at_target"]))
            expect(shown).to_have_attribute("data-improving", str(item["counts"]["improving"]))


def test_metrics_handed_over_saved_as_excel_and_opened_elsewhere_give_the_same_counts(
        browser: Browser, base_url: str, tmp_path: Path) -> None:
    table = call({"op": "metrics-paste", "input": {"edition": "CSP", "text": SHEET}})["result"]["table"]
    core = computed("metrics-table", table)
    context, page = new_page(browser, base_url)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto("/en/scoring/metrics/")
        root = calc(page, "metrics-table")
        wait_ready(root)
        root.locator(".copc-mt-paste summary").click()
        root.locator(".copc-mt-paste__text").fill(SHEET)
        root.locator(".copc-mt-preview-button").click()
        root.locator('.copc-mt-accept[data-mode="replace"]').click()
        expect(root.locator("tr.copc-mt-row")).to_have_count(5)
        shown_counts(root, core)

        # handed over: the self-assessment carries the table and downloads it in its workbook
        root.locator('.copc-mt-handover[data-to="self-assessment"]').click()
        page.wait_for_url("**/certification/outcomes/**")
        assessment = calc(page, "self-assessment")
        wait_ready(assessment)
        expect(assessment.locator(".copc-sa-metrics")).to_have_attribute("data-metrics", "5")
        for name, value in core["self_assessment_items"]["4.1"].items():
            expect(field(assessment, f"items.4.1.{name}")).to_have_value(value)
        with page.expect_download(timeout=FIRST_EXPORT) as info:
            assessment.locator(".copc-files__save-excel").click()
        path = info.value.path()
        assert path is not None
        data = Path(path).read_bytes()
    finally:
        context.close()
    assert errors == []
    sheet = load_workbook(io.BytesIO(data))["Metrics"]
    assert [sheet.cell(METRICS_HEADER_ROW + 1 + i, 1).value for i in range(5)] == [r["name"] for r in table["rows"]]

    # another browser: the workbook opened in the metrics table gives the same counts
    context, page = new_page(browser, base_url)
    try:
        page.goto("/en/scoring/metrics/")
        root = calc(page, "metrics-table")
        wait_ready(root)
        payload: FilePayload = {"name": "assessment.xlsx", "mimeType": XLSX, "buffer": data}
        root.locator(".copc-mt-file").set_input_files(files=[payload])
        expect(root).to_have_attribute("data-file", "opened", timeout=FIRST_EXPORT)
        expect(root.locator("tr.copc-mt-row")).to_have_count(5)
        shown_counts(root, core)
        expect(root.locator('[data-path="rows.4.results.2"]')).to_have_value(table["rows"][4]["results"][2])
    finally:
        context.close()
