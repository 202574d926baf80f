"""The timeline calculator, in both languages: a start date gives the chart and the list of dates
the core plans; the direction and the path change them; bad dates are said at their field with
what was typed kept; a quality manager's first walk through it (the fastest path from March, then
a later target audit); and the plan read on a phone."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.accessibility import axe, described
from tests.e2e.helpers import (
    BOOT,
    PAGES,
    RESULT,
    calc,
    computed,
    day,
    examples_of,
    field,
    load_example,
    new_page,
    wait_ready,
    wrap,
)

pytestmark = pytest.mark.e2e

# the calculator's own page (the certification steps), and a phone's screen
STEPS = {"ja": "/certification/steps/", "en": "/en/certification/steps/"}
PHONE = {"width": 390, "height": 844}
# the list's name (its caption and its scrolling region's label)
DATES = {"ja": "日程の一覧", "en": "List of dates"}


def plan(data: Mapping[str, Any], today: str) -> dict[str, Any]:
    return computed("timeline", {**data, "today": today})


def today_of(page: Page) -> str:
    today: str = page.evaluate("""() => { const d = new Date(); const p = (n) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; }""")
    return today


def shows_plan(root: Locator, core: dict[str, Any], lang: str) -> None:
    """The list holds every entry of the core's plan with its dates and basis; the chart one row per
    entry that applies whatever happens, and says what it shows."""
    result = root.locator(".copc-calc__result")
    rows = result.locator(".copc-tl-table tbody tr")
    expect(rows).to_have_count(len(core["entries"]))
    for entry in core["entries"]:
        row = result.locator(f'.copc-tl-table tr[data-entry="{entry["id"]}"]')
        expect(row).to_have_attribute("data-kind", entry["kind"])
        expect(row).to_have_attribute("data-approximate", str(entry["approximate"]).lower())
        expect(row.locator(".copc-tl-when")).to_contain_text(day(entry["start"], lang))
        expect(row.locator(".copc-tl-when")).to_contain_text(day(entry["end"], lang))
        expect(row.locator(".copc-tl-ref")).to_have_text(entry["reference"])
        expect(row).to_contain_text(entry["title"][lang])
    chart = result.locator("svg.copc-tl-chart")
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("desc")).to_contain_text(day(core["audit"], lang))
    # what applies whatever happens, and the renewal windows; what follows a pending result or a
    # nonconformity is in the list only
    drawn = [e["id"] for e in core["entries"]
             if e["condition"] is None or re.fullmatch(r"renewal-\d+", e["id"])]
    expect(chart.locator(".copc-tl-row")).to_have_count(len(drawn))
    for entry_id in drawn:
        expect(chart.locator(f'.copc-tl-row[data-entry="{entry_id}"]')).to_have_count(1)
    expect(chart.locator('.copc-tl-row[data-entry="step-9"]')).to_have_count(1)


def test_timeline_example_and_a_start_date(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "timeline")
    today = today_of(page)
    for worked in examples_of("timeline"):
        load_example(root, worked.id)
        shows_plan(root, plan(worked.input, today), lang)
        # the approximate dates are said as such in the list
        expect(root.locator('tr[data-entry="step-8"] .copc-tl-tag--about')).to_have_count(1)
    # a start date typed: the chart and the list follow it
    field(root, "start").fill("2027-06-15")
    core = plan({"start": "2027-06-15", "start_is": "kickoff", "path": "fastest"}, today)
    expect(root.locator('[data-key="audit"] .copc-stat__value')).to_have_text(day(core["audit"], lang), timeout=RESULT)
    shows_plan(root, core, lang)


def test_timeline_direction_and_path(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "timeline")
    today = today_of(page)
    load_example(root)
    # the typical pace: an audit 12 months on
    field(root, "path").select_option("full")
    start = examples_of("timeline")[0].input["start"]
    core = plan({"start": start, "path": "full"}, today)
    expect(root.locator('[data-key="audit"] .copc-stat__value')).to_have_text(day(core["audit"], lang), timeout=RESULT)
    # process certification asks for its block first
    field(root, "path").select_option("process")
    expect(field(root, "block")).to_be_visible()
    expect(field(root, "block")).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    field(root, "block").select_option("quality")
    core = plan({"start": start, "path": "process", "block": "quality"}, today)
    expect(root.locator('tr[data-entry="process-work"]')).to_have_count(1, timeout=RESULT)
    shows_plan(root, core, lang)
    # back from a target audit: the latest kickoff, the earliest baseline
    field(root, "path").select_option("fastest")
    field(root, "direction").select_option("backward")
    expect(field(root, "start")).to_be_hidden()
    field(root, "audit").fill("2028-03-31")
    core = plan({"direction": "backward", "audit": "2028-03-31", "path": "fastest"}, today)
    expect(root.locator('tr[data-entry="earliest-baseline"]')).to_have_count(1, timeout=RESULT)
    expect(root.locator('[data-key="kickoff"] .copc-stat__value')).to_have_text(day(core["kickoff"], lang))
    shows_plan(root, core, lang)
    field(root, "direction").select_option("forward")
    field(root, "audit").fill("")


def test_timeline_bad_dates_at_their_field(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "timeline")
    load_example(root)
    start = field(root, "start")
    message = wrap(root, "start").locator(".copc-error")

    def refused(path: str, typed: str, words: dict[str, str]) -> None:
        box = field(root, path)
        box.fill(typed)
        expect(box).to_have_attribute("aria-invalid", "true", timeout=RESULT)
        expect(wrap(root, path).locator(".copc-error")).to_contain_text(words[lang])
        expect(box).to_have_value(typed)  # nothing the reader typed is lost

    refused("start", "", {"ja": "キックオフの日を入力してください", "en": "Enter the kickoff date"})
    refused("start", "2027-02-30", {"ja": "という日はありません", "en": "There is no such day"})
    refused("start", "1 March", {"ja": "YYYY-MM-DD", "en": "YYYY-MM-DD"})
    refused("start", "1999-03-01", {"ja": "2000年から2100年", "en": "between 2000 and 2100"})
    refused("start", "2012-03-01", {"ja": "10年以上前", "en": "more than 10 years before today"})
    refused("start", "2045-03-01", {"ja": "5年以上先", "en": "more than 5 years after today"})
    start.fill("2027-03-01")
    expect(message).to_have_count(0, timeout=RESULT)
    # an audit before the booked baseline
    field(root, "baseline").fill("2027-05-01")
    refused("audit", "2027-04-01", {"ja": "より後の日付", "en": "must be after the baseline"})
    field(root, "audit").fill("")
    field(root, "baseline").fill("")
    expect(root).to_have_attribute("data-state", "result", timeout=RESULT)


def test_timeline_a_quality_manager_plans_the_fastest_path_from_march(calculators_page: tuple[Page, str]) -> None:
    """Starting in March on the fastest path, the internal audit of step 8 lands in August; the
    target audit moved a month later takes it out of the summer holidays."""
    page, lang = calculators_page
    root = calc(page, "timeline")
    today = today_of(page)
    root.locator(".copc-calc__clear").click()
    expect(field(root, "start")).to_have_value(today)  # a new plan starts today
    field(root, "start").fill("2027-03-01")
    field(root, "path").select_option("fastest")
    first = plan({"start": "2027-03-01", "path": "fastest"}, today)
    step_8 = root.locator('tr[data-entry="step-8"] .copc-tl-when')
    expect(step_8).to_contain_text(day(first["entries"][[e["id"] for e in first["entries"]].index("step-8")]["end"],
                                       lang), timeout=RESULT)
    assert first["audit"].startswith("2027-11")
    # summer holidays: the audit moves to December, step 8 to September
    field(root, "audit").fill("2027-12-06")
    moved = plan({"start": "2027-03-01", "path": "fastest", "audit": "2027-12-06"}, today)
    review = next(e for e in moved["entries"] if e["id"] == "step-8")
    assert review["end"].startswith("2027-09")
    expect(step_8).to_contain_text(day(review["end"], lang), timeout=RESULT)
    expect(root.locator('[data-key="audit"] .copc-stat__value')).to_have_text(day("2027-12-06", lang))
    shows_plan(root, moved, lang)
    # the Download button is there for the calendar program
    expect(root.locator(".copc-tl-ics")).to_be_visible()
    field(root, "audit").fill("")


def test_timeline_downloads_a_calendar_file_that_parses(calculators_page: tuple[Page, str]) -> None:
    """Download calendar (.ics): icalendar is fetched from the site on first use, and the file holds
    one all-day event per entry of the plan, each with UID, DTSTAMP and DTSTART as a DATE."""
    from datetime import date

    from icalendar import Calendar

    page, lang = calculators_page
    root = calc(page, "timeline")
    worked = examples_of("timeline")[0]
    load_example(root, worked.id)
    with page.expect_download(timeout=120_000) as download:
        root.locator(".copc-tl-ics").click()
    saved = download.value
    assert saved.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(saved.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    core = plan(worked.input, today_of(page))
    assert len(events) >= len([e for e in core["entries"] if e["condition"] is None])
    for event in events:
        assert event.get("UID") and event.get("DTSTAMP")
        assert type(event.decoded("DTSTART")) is date  # an all-day event
    summaries = " ".join(str(event.get("SUMMARY")) for event in events)
    assert core["entries"][0]["title"][lang] in summaries


def test_timeline_hands_its_plan_over_to_the_self_assessment(calculators_page: tuple[Page, str]) -> None:
    """"Keep this plan with my self-assessment" opens the self-assessment's page with the plan in the
    address's fragment; the assessment there carries it, with the same start and path."""
    page, lang = calculators_page
    root = calc(page, "timeline")
    worked = examples_of("timeline")[0]
    load_example(root, worked.id)
    field(root, "audit").fill("2027-12-06")
    expect(root.locator('[data-key="audit"] .copc-stat__value')).to_have_text(day("2027-12-06", lang), timeout=RESULT)
    try:
        root.locator(".copc-tl-handover").click()
        page.wait_for_url(re.compile(r".*/certification/outcomes/#self-assessment=[^?]*$"))
        assert "?" not in page.url
        section = calc(page, "self-assessment").locator(".copc-sa-timeline")
        expect(section).to_have_attribute("data-start", worked.input["start"], timeout=BOOT)
        expect(section).to_have_attribute("data-path", worked.input["path"])
        expect(section).to_have_attribute("data-audit", "2027-12-06")
        expect(section.locator(".copc-sa-timeline__summary")).to_contain_text(day(worked.input["start"], lang))
        expect(section.locator(".copc-sa-timeline__summary")).to_contain_text(day("2027-12-06", lang))
    finally:
        # back to the shared calculators page for the tests after this one
        page.goto(PAGES[lang])
        wait_ready(calc(page, "item-score"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_timeline_reads_as_cards_on_a_phone(browser: Browser, base_url: str, lang: str) -> None:
    """On a 390-pixel phone the page never scrolls sideways: each entry of the list is a card whose
    dates and title are in view without any horizontal scroll, and the chart fits the screen with
    its labels still readable. On a wide screen the list is a table again, with its caption and a
    region a keyboard reader can focus to scroll it."""
    context, page = new_page(browser, base_url, viewport=PHONE)
    try:
        page.goto(STEPS[lang])
        root = calc(page, "timeline")
        wait_ready(root)
        worked = examples_of("timeline")[0]
        load_example(root, worked.id)
        core = plan(worked.input, today_of(page))
        width: int = page.evaluate("() => document.documentElement.clientWidth")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width

        table = root.locator(".copc-tl-table")
        region = root.locator(".copc-table-wrap:has(.copc-tl-table)")
        assert region.evaluate("(w) => w.scrollWidth <= w.clientWidth")
        rows = table.locator("tbody tr")
        expect(rows).to_have_count(len(core["entries"]))
        expect(rows.first).to_have_css("display", "block")  # a card, not a table row
        for entry in core["entries"]:
            row = table.locator(f'tr[data-entry="{entry["id"]}"]')
            expect(row.locator(".copc-tl-date")).to_contain_text(day(entry["start"], lang))
            expect(row.locator(".copc-tl-date")).to_contain_text(day(entry["end"], lang))
            expect(row.locator(".copc-tl-title")).to_have_text(entry["title"][lang])
        # every date and title lies wholly inside the list's box and the screen
        outside = rows.evaluate_all("""(rows) => {
            const box = rows[0].closest(".copc-table-wrap").getBoundingClientRect();
            const right = Math.min(box.right, document.documentElement.clientWidth);
            return rows.flatMap((row) => [".copc-tl-date", ".copc-tl-title"].map((sel) => {
                const r = row.querySelector(sel).getBoundingClientRect();
                return r.width > 0 && r.height > 0 && r.left >= box.left - 0.5 && r.right <= right + 0.5
                    ? null : `${row.dataset.entry} ${sel}`;
            })).filter((bad) => bad !== null);
        }""")
        assert outside == []
        # the cards pass axe as the table does (their colours, the roles that keep them a table)
        assert described(f"{lang} phone", axe(page, '.copc-calc[data-calc="timeline"]')) == []

        # the chart fits the screen, its 15-unit labels at least 11 pixels high
        chart = root.locator("svg.copc-tl-chart")
        box = chart.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        label_px: float = chart.evaluate("(svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * 15")
        assert label_px >= 11

        # a wide screen: the table again, named by its caption, in a focusable scrolling region
        page.set_viewport_size({"width": 1280, "height": 800})
        expect(rows.first).to_have_css("display", "table-row")
        expect(table.locator("caption")).to_have_text(DATES[lang])
        expect(table.locator("thead th")).to_have_count(4)
        expect(table.locator("thead th").first).to_be_visible()
        expect(region).to_have_attribute("tabindex", "0")
        expect(region).to_have_attribute("role", "region")
        expect(region).to_have_attribute("aria-label", DATES[lang])
    finally:
        context.close()
