"""The self-assessment's report for management, printed to PDF as a manager would receive it: the
decision on page 1, a few A4 pages, nothing of the site around it (navigation, calculators, the
view's own buttons); the title block the reader fills in and the site's build id; the other
language a click away; closing the view gives the page back. The decision's text is the core's
(`self-assessment-report`), never typed."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from copc_cx.web import call
from tests.e2e.helpers import PAGES, RESULT, calc, example, pdf_pages, squeezed

pytestmark = pytest.mark.e2e

PENDING = example("pending-at-96")
# the full sample's report fits on about 3-4 A4 pages (issue 18); printing the page itself takes 20
MAX_PAGES = 5
# in Latin letters: pdftotext loses a few kanji of Chromium's embedded Japanese fonts
ORGANISATION = "Midori Insurance Customer Centre"


def report_verdict(lang: str) -> str:
    """The decision's text in the core's report of the example, in `lang`."""
    response: dict[str, Any] = call({"op": "self-assessment-report", "input": {**PENDING.input, "lang": lang}})
    assert response["ok"], response
    found = re.search(r'<p class="verdict [a-z]+">(.*?)</p>', response["result"]["html"])
    assert found
    return html.unescape(found.group(1))


def open_report(page: Page, lang: str) -> tuple[Locator, Locator]:
    page.goto(f"{PAGES[lang]}#example={PENDING.id}")
    root = calc(page, "self-assessment")
    expect(root.locator('[data-path="items.2.8.met"]')).to_have_value(PENDING.input["items"]["2.8"]["met"],
                                                                      timeout=RESULT)
    expect(root.locator(".copc-decision")).to_have_attribute("data-certified", "false", timeout=RESULT)
    root.locator(".copc-report__open").click()
    view = page.locator(".copc-report-view")
    expect(view).to_have_attribute("data-state", "ready", timeout=RESULT)
    return root, view


def test_the_report_prints_alone_with_the_decision_on_page_1(
        calculators_page: tuple[Page, str], site_dir: Path, tmp_path: Path) -> None:
    page, lang = calculators_page
    root, view = open_report(page, lang)
    expect(view).to_have_attribute("data-lang", lang)
    expect(view.locator("article.copc-report")).to_contain_text(report_verdict(lang))
    # the view holds the page: what is behind it is out of reach
    expect(page.locator(".md-header")).to_have_attribute("inert", "")

    # the title block: the reader's organisation (the view's own field here) and the build id
    view.locator('[data-meta="organisation"]').fill(ORGANISATION)
    view.locator(".copc-report-view__update").click()
    expect(view.locator("article.copc-report")).to_contain_text(ORGANISATION, timeout=RESULT)
    build_id = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))["build_id"]
    expect(view.locator("article.copc-report")).to_contain_text(build_id)

    pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True, print_background=True), tmp_path)
    assert 1 <= len(pages) <= MAX_PAGES
    first = squeezed(pages[0])
    assert squeezed(report_verdict(lang)) in first
    assert squeezed(ORGANISATION) in first and build_id in first
    # nothing of the site: no header, tabs, navigation, calculators, or the view's own buttons
    whole = squeezed("".join(pages))
    site_texts = [page.locator(".md-header__topic").first.inner_text(),
                  *page.locator(".md-tabs__link").all_inner_texts(),
                  root.locator(".copc-calc__copy").inner_text(),
                  view.locator(".copc-report-view__print").inner_text(),
                  view.locator(".copc-report-view__title").inner_text()]
    for text in site_texts:
        assert squeezed(text) not in whole, text

    # the other language, a click away
    other = "en" if lang == "ja" else "ja"
    view.locator(".copc-report-view__lang").click()
    expect(view).to_have_attribute("data-lang", other, timeout=RESULT)
    expect(view.locator("article.copc-report")).to_have_attribute("lang", other)
    expect(view.locator("article.copc-report")).to_contain_text(report_verdict(other))

    # closed: the page is back as it was, and its print rules are gone with the view
    view.locator(".copc-report-view__close").click()
    expect(page.locator(".copc-report-view")).to_have_count(0)
    expect(page.locator(".md-header")).not_to_have_attribute("inert", "")
    expect(page.locator("link[data-copc-report]")).to_have_count(0)
    expect(root.locator(".copc-report__open")).to_be_focused()

    # a note the reader wrote beside an item in the calculator goes into the report's item table
    note = "Coaching records checked in March"
    root.locator('[data-note-for="2.8"] summary').click()
    root.locator('[data-note="2.8"]').fill(note)
    root.locator(".copc-report__open").click()
    expect(view).to_have_attribute("data-state", "ready", timeout=RESULT)
    expect(view.locator("article.copc-report table.items")).to_contain_text(note)
    view.locator(".copc-report-view__close").click()
    root.locator('[data-note="2.8"]').fill("")
