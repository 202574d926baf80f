"""Assessments as files in the self-assessment and process-certification calculators: a saved
file opens in another browser with the same result, metadata and notes; opening replaces the form
but keeps the reader's inputs for "Restore my inputs"; a file the core refuses changes nothing and
its problems are listed at their place; a file dropped onto the calculator opens too; the metrics
table and the certification timeline a file carries come back, are saved again and can be taken off."""

from __future__ import annotations

import base64
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Download, FilePayload, Locator, Page, expect

from copc_cx.timeline import PATH_NAMES, PlanPath, fmt_date
from copc_cx.web import call
from tests.e2e.helpers import (
    PAGES,
    RESULT,
    calc,
    computed,
    day,
    example,
    examples_of,
    field,
    load_example,
    new_page,
    open_details,
    wait_ready,
    wait_result,
)

pytestmark = pytest.mark.e2e

WORKED = examples_of("self-assessment")[0]
PROCESS = examples_of("process-certification")[0]
DETAILS = {"organisation": "みどり保険 Contact", "site": "Naha centre", "assessor": "K. Sato", "date": "2026-12-05"}


def saved(page: Page, root: Locator, button: str = ".copc-files__save") -> tuple[Download, str]:
    """Click a save button; the download and its text."""
    with page.expect_download(timeout=RESULT) as info:
        root.locator(button).click()
    download = info.value
    path = download.path()
    assert path is not None
    expect(root).to_have_attribute("data-file", "saved", timeout=RESULT)
    return download, Path(path).read_text(encoding="utf-8") if button == ".copc-files__save" else ""


def open_file(root: Locator, name: str, data: bytes, picker: str = ".copc-files__pick-json") -> None:
    payload: FilePayload = {"name": name, "mimeType": "application/json", "buffer": data}
    root.locator(picker).set_input_files(files=[payload])


def fill_details(root: Locator) -> None:
    details = open_details(root)
    for key, value in DETAILS.items():
        details.locator(f'[data-detail="{key}"]').fill(value)


def typed_then_taken_off(root: Locator, section: Locator, button: str, reason: str) -> Locator:
    """The reader types in the form (what an opened file put there is not their own work, so only then
    is there something to restore), then takes `section` off the assessment; the bar offering it back."""
    open_details(root)
    root.locator('[data-detail="assessor"]').fill(DETAILS["assessor"])
    section.locator(button).click()
    expect(section).to_be_hidden()
    bar = root.locator(".copc-calc__replaced")
    expect(bar).to_have_attribute("data-reason", reason)
    return bar


def decision_of(root: Locator) -> dict[str, Any]:
    result = root.locator(".copc-calc__result")
    return {"certified": result.locator(".copc-decision").get_attribute("data-certified"),
            "conditions": [c.get_attribute("data-met") for c in result.locator("[data-condition]").all()],
            "text": result.locator(".copc-stats").inner_text()}


def test_a_saved_file_opens_in_another_browser_with_the_same_result_details_and_notes(
        calculators_page: tuple[Page, str], browser: Browser, base_url: str) -> None:
    page, lang = calculators_page
    root = calc(page, "self-assessment")
    load_example(root, WORKED.id)
    fill_details(root)
    item = next(iter(WORKED.input["items"]))
    note = root.locator(f'[data-note-for="{item}"]')
    note.locator("summary").click()
    note.locator("textarea").fill("根拠: 手順書 v3\nowner: K. Sato")
    shown = decision_of(root)
    download, text = saved(page, root)
    data = json.loads(text)
    assert data["format"] == "copc-cx-assessment" and data["notes"] == {item: "根拠: 手順書 v3\nowner: K. Sato"}
    assert {key: data[key] for key in DETAILS} == DETAILS
    assert download.suggested_filename == "copc-cx-みどり保険-Contact-Naha-centre-2026-12-05.json"
    # the file is the self-assessment's request: the core scores it as the page did
    assert computed("self-assessment", data)["certified"] == (shown["certified"] == "true")

    context, fresh = new_page(browser, base_url)
    try:
        fresh.goto(PAGES[lang])
        other = calc(fresh, "self-assessment")
        wait_ready(other)
        # the reader's own input first: opening the file keeps it for a restore
        field(other, f"items.{item}.met").fill("1")
        open_file(other, download.suggested_filename, text.encode("utf-8"))
        expect(other).to_have_attribute("data-file", "opened", timeout=RESULT)
        wait_result(other)
        assert decision_of(other) == shown
        open_details(other)
        for key, value in DETAILS.items():
            expect(other.locator(f'[data-detail="{key}"]')).to_have_value(value)
        expect(other.locator(f'[data-note-for="{item}"] textarea')).to_have_value("根拠: 手順書 v3\nowner: K. Sato")
        expect(other.locator(f'[data-note-for="{item}"]')).to_have_class("copc-files__note copc-files__note--filled")
        bar = other.locator(".copc-calc__replaced")
        expect(bar).to_have_attribute("data-reason", "file")
        bar.locator(".copc-calc__restore").click()
        expect(field(other, f"items.{item}.met")).to_have_value("1")
        expect(other.locator('[data-detail="organisation"]')).to_have_value("")
    finally:
        context.close()


def test_a_file_the_core_refuses_changes_nothing_and_says_where(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "self-assessment")
    load_example(root, WORKED.id)
    item = next(iter(WORKED.input["items"]))
    before = field(root, f"items.{item}.met").input_value()
    bad = {"format": "copc-cx-assessment", "version": 1, "edition": "CSP", "items": {item: {"mett": 3}}}
    open_file(root, "bad.json", json.dumps(bad).encode("utf-8"))
    expect(root).to_have_attribute("data-file", "error", timeout=RESULT)
    message = root.locator(".copc-files__message")
    expect(message).to_have_attribute("role", "alert")
    expect(message.locator(f'[data-field="items.{item}.mett"]')).to_contain_text(f"items.{item}.mett")
    expect(message).to_contain_text("bad.json")
    expect(field(root, f"items.{item}.met")).to_have_value(before)
    # cut short: where the JSON stops, in the page's language
    open_file(root, "cut.json", json.dumps(bad).encode("utf-8")[:30])
    expect(message.locator('[data-field="file"]')).to_contain_text("JSON")
    expect(message.locator('[data-field="file"]')).to_contain_text("列" if lang == "ja" else "column")
    wait_result(root)

    # a file that can be taken whose counts break a rule opens, each problem at its field
    counts = {**WORKED.input, "items": {**WORKED.input["items"], item: {
        **WORKED.input["items"][item], "met": "three"}}}
    open_file(root, "counts.json", json.dumps(counts).encode("utf-8"))
    expect(root).to_have_attribute("data-file", "problems", timeout=RESULT)
    expect(message.locator(f'[data-field="items.{item}.met"]')).to_be_visible()
    expect(field(root, f"items.{item}.met")).to_have_value("three")
    expect(field(root, f"items.{item}.met")).to_have_attribute("aria-invalid", "true", timeout=RESULT)


def test_a_file_dropped_onto_the_calculator_opens(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "self-assessment")
    root.locator(".copc-calc__clear").click()
    text = json.dumps({"format": "copc-cx-assessment", "version": 1, **WORKED.input, "organisation": "Dropped"})
    transfer = page.evaluate_handle("""(text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], "dropped.json", { type: "application/json" }));
        return transfer;
    }""", text)
    root.dispatch_event("dragover", {"dataTransfer": transfer})
    expect(root).to_have_class(re.compile(r"copc-calc--drop"))
    root.dispatch_event("drop", {"dataTransfer": transfer})
    expect(root).to_have_attribute("data-file", "opened", timeout=RESULT)
    expect(root.locator('[data-detail="organisation"]')).to_have_value("Dropped")
    wait_result(root)
    core = computed("self-assessment", WORKED.input)
    expect(root.locator(".copc-decision")).to_have_attribute("data-certified", str(core["certified"]).lower())


def test_the_process_certification_check_saves_and_opens_as_a_file(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "process-certification")
    load_example(root, PROCESS.id)
    fill_details(root)
    ready = root.locator(".copc-calc__result").text_content() or ""
    download, text = saved(page, root)
    data = json.loads(text)
    assert data["format"] == "copc-cx-process-assessment" and data["block"] == PROCESS.input["block"]
    assert computed("process-certification", data)["ready"] == computed("process-certification", PROCESS.input)["ready"]
    root.locator(".copc-calc__clear").click()
    expect(root).not_to_have_attribute("data-state", "result", timeout=RESULT)
    open_file(root, download.suggested_filename, text.encode("utf-8"))
    expect(root).to_have_attribute("data-file", "opened", timeout=RESULT)
    wait_result(root)
    expect(root.locator(".copc-calc__result")).to_have_text(ready)
    expect(root.locator('[data-detail="assessor"]')).to_have_value(DETAILS["assessor"])
    # a self-assessment file is not taken here, and says where it belongs
    open_file(root, "self.json", json.dumps({"format": "copc-cx-assessment", "version": 1}).encode("utf-8"))
    expect(root.locator('.copc-files__message [data-field="format"]')).to_be_visible(timeout=RESULT)
    expect(root.locator(".copc-calc__result")).to_have_text(ready)


def test_a_file_with_a_metrics_table_brings_it_back_and_saves_it_again(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "self-assessment")
    load_example(root, WORKED.id)
    table = {k: v for k, v in example("metrics-4.3-by-type").input.items() if k != "edition"}
    text = json.dumps({"format": "copc-cx-assessment", "version": 2, **WORKED.input, "metrics": table})
    read = call({"op": "assessment-file-read", "input": {"text": text}})["result"]
    open_file(root, "with-metrics.json", text.encode("utf-8"))
    expect(root).to_have_attribute("data-file", "opened", timeout=RESULT)
    section = root.locator(".copc-sa-metrics")
    expect(section).to_have_attribute("data-metrics", str(len(table["rows"])))
    # 4.3 holds the table's counts, and the message says which typed counts they replaced
    for notice in read["notices"]:
        expect(root.locator(f'.copc-files__message [data-field="{notice["field"]}"]')).to_be_visible()
    for kind, counts in read["input"]["items"]["4.3"]["types"].items():
        for name, value in counts.items():
            expect(field(root, f"items.4.3.{kind}.{name}")).to_have_value(str(value))
    _, saved_text = saved(page, root)
    again = json.loads(saved_text)
    assert again["version"] == 2 and again["metrics"] == read["assessment"]["metrics"]
    # the reader goes on working, then takes the table off, and back: nothing is lost
    bar = typed_then_taken_off(root, section, ".copc-sa-metrics__detach", "detached")
    bar.locator(".copc-calc__restore").click()
    expect(section).to_have_attribute("data-metrics", str(len(table["rows"])))
    expect(root.locator('[data-detail="assessor"]')).to_have_value(DETAILS["assessor"])
    expect(section.locator(".copc-sa-metrics__open")).to_have_attribute(
        "href", re.compile(r"/scoring/metrics/#metrics-table="))


def test_a_file_with_a_timeline_shows_it_saves_it_reports_it_and_takes_it_off(
        calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "self-assessment")
    load_example(root, WORKED.id)
    plan = {"start": "2027-03-01", "path": "fastest", "audit": "2027-12-06"}
    text = json.dumps({"format": "copc-cx-assessment", "version": 1, **WORKED.input, "timeline": plan})
    open_file(root, "with-timeline.json", text.encode("utf-8"))
    expect(root).to_have_attribute("data-file", "opened", timeout=RESULT)
    section = root.locator(".copc-sa-timeline")
    expect(section).to_have_attribute("data-start", plan["start"])
    expect(section).to_have_attribute("data-path", plan["path"])
    summary = section.locator(".copc-sa-timeline__summary")
    for said in (day(plan["start"], lang), getattr(PATH_NAMES[PlanPath.FASTEST], lang), day(plan["audit"], lang)):
        expect(summary).to_contain_text(said)
    # its link opens the timeline calculator with the same plan
    href = section.locator(".copc-sa-timeline__open").get_attribute("href") or ""
    found = re.search(r"/certification/steps/#timeline=([A-Za-z0-9_-]+)$", href)
    assert found, href
    opened = json.loads(base64.urlsafe_b64decode(found.group(1) + "=" * (-len(found.group(1)) % 4)))
    assert {key: opened[key] for key in plan} == plan

    # saved again: the same timeline
    _, saved_text = saved(page, root)
    assert json.loads(saved_text)["timeline"] == plan

    # the report for management lists every date of it
    wait_result(root)
    root.locator(".copc-report__open").click()
    view = page.locator(".copc-report-view")
    expect(view).to_have_attribute("data-state", "ready", timeout=RESULT)
    entries = computed("timeline", plan)["entries"]
    expect(view.locator("section.timeline-section table.timeline tbody tr")).to_have_count(len(entries))
    expect(view.locator("section.timeline-section")).to_contain_text(
        getattr(fmt_date(date.fromisoformat(plan["audit"])), lang))
    view.locator(".copc-report-view__close").click()

    # the reader goes on working, then takes the timeline off, and back: nothing is lost
    bar = typed_then_taken_off(root, section, ".copc-sa-timeline__detach", "detachedTimeline")
    _, without = saved(page, root)
    assert "timeline" not in json.loads(without)
    bar.locator(".copc-calc__restore").click()
    expect(section).to_have_attribute("data-start", plan["start"])
    expect(root.locator('[data-detail="assessor"]')).to_have_value(DETAILS["assessor"])
    load_example(root, WORKED.id)  # the shared page's self-assessment without a timeline again
    expect(section).to_be_hidden()
