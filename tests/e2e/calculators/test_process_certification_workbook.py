"""The process-certification check as an Excel workbook in the browser, in both languages: Download
Excel writes the sheets in the page's language with the calculator's months; the workbook dropped
onto the calculator in another browser gives the same result, and the reader's own inputs there
are kept for "Restore my inputs"."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Download, Locator, Page, expect

from copc_cx.files import process_file, process_workbook
from tests.e2e.helpers import PAGES, RESULT, calc, examples_of, load_example, new_page, open_details, wait_result

pytestmark = pytest.mark.e2e

TWO_SITES = examples_of("process-certification")[0]
# the first export loads openpyxl into the engine: more than one computation's time
FIRST_EXPORT = 60_000


def drop(page: Page, root: Locator, name: str, data: bytes) -> None:
    """A file dropped onto the calculator, as from the desktop."""
    transfer = page.evaluate_handle("""([name, data]) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, { type: "" }));
        return transfer;
    }""", [name, base64.b64encode(data).decode("ascii")])
    root.dispatch_event("dragover", {"dataTransfer": transfer})
    root.dispatch_event("drop", {"dataTransfer": transfer})


def test_a_downloaded_process_workbook_opens_in_another_browser_with_the_same_result(
        calculators_page: tuple[Page, str], browser: Browser, base_url: str) -> None:
    page, lang = calculators_page
    root = calc(page, "process-certification")
    load_example(root, TWO_SITES.id)
    open_details(root)
    root.locator('[data-detail="assessor"]').fill("K. Sato")
    shown = root.locator(".copc-calc__result").text_content() or ""
    with page.expect_download(timeout=FIRST_EXPORT) as info:
        root.locator(".copc-files__save-excel").click()
    download: Download = info.value
    expect(root).to_have_attribute("data-file", "saved", timeout=RESULT)
    assert download.suggested_filename == f"copc-cx-process-{TWO_SITES.input['block']}.xlsx"
    path = download.path()
    assert path is not None
    data = Path(path).read_bytes()

    # the sheets are in the page's language and hold the calculator's months as typed
    book = load_workbook(io.BytesIO(data))
    summary = process_workbook.SUMMARY_TITLE.ja if lang == "ja" else process_workbook.SUMMARY_TITLE.en
    assert book.sheetnames[0] == summary
    opened = process_workbook.read_workbook(data).doc
    assert process_file.process_input(opened) == process_file.process_input(process_file.read_data(TWO_SITES.input))
    assert opened.assessor == "K. Sato"

    context, fresh = new_page(browser, base_url)
    try:
        fresh.goto(PAGES[lang])
        other = calc(fresh, "process-certification")  # its form takes input while the engine starts
        # the reader's own input (the default block's first month cell), kept for a restore
        months = other.locator('td.copc-months[data-unit="entity"] input').first
        months.fill("4")
        drop(fresh, other, download.suggested_filename, data)
        expect(other).to_have_attribute("data-file", "opened", timeout=FIRST_EXPORT)
        wait_result(other)
        expect(other.locator(".copc-calc__result")).to_have_text(shown)
        expect(other.locator('[data-detail="assessor"]')).to_have_value("K. Sato")
        bar = other.locator(".copc-calc__replaced")
        expect(bar).to_have_attribute("data-reason", "file")
        bar.locator(".copc-calc__restore").click()
        expect(other.locator('td.copc-months[data-unit="entity"] input').first).to_have_value("4")
    finally:
        context.close()
