"""The process-certification check's report for management, printed to PDF as a manager would
receive it, in both languages: the decision on page 1, each unit's result under the level rule, the
plan (the months still needed at target for each metric chosen), a few A4 pages, nothing of the site
around it; the title block from what the reader gave the calculator; the other language a click
away. Every text it looks for is the core's (`process-report`), never typed."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from copc_cx.web import call
from tests.e2e.helpers import PAGES, RESULT, calc, example, open_details, pdf_pages, squeezed

pytestmark = pytest.mark.e2e

TWO_SITES = example("level-rule-two-sites")
MAX_PAGES = 3
# in Latin letters: pdftotext loses a few kanji of Chromium's embedded Japanese fonts
ORGANISATION = "Kariyushi Contact Centre"


def texts(pattern: str, article: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", " ", found)) for found in re.findall(pattern, article, re.S)]


def report(lang: str) -> dict[str, Any]:
    """What the core's report of the example says, in `lang`: the decision, each unit's row of the level
    rule (unit, metrics meeting it, share, status) and each step of the plan."""
    response: dict[str, Any] = call({"op": "process-report",
                                     "input": {**TWO_SITES.input, "organisation": ORGANISATION, "lang": lang}})
    assert response["ok"], response
    article: str = response["result"]["html"]
    units = re.search(r'<table class="units">.*?<tbody>(.*?)</tbody>', article, re.S)
    plan = re.search(r'<section class="plan-section">.*?<ul>(.*?)</ul>', article, re.S)
    assert units and plan
    return {"verdict": texts(r'<p class="verdict [a-z]+">(.*?)</p>', article)[0],
            "units": texts(r"<tr>(.*?)</tr>", units.group(1)), "plan": texts(r"<li>(.*?)</li>", plan.group(1))}


def test_the_process_report_prints_the_decision_each_unit_and_the_plan(
        calculators_page: tuple[Page, str], tmp_path: Path) -> None:
    page, lang = calculators_page
    core = report(lang)
    plan = call({"op": "process-plan", "input": TWO_SITES.input})["result"]
    failing = [u for u in plan["units"] if not u["holds"]]
    assert failing and len(core["plan"]) == len(plan["steps"]) + len(plan["requirements"]) > 0
    assert len(core["units"]) == len(plan["units"])

    page.goto(f"{PAGES[lang]}#example={TWO_SITES.id}")
    root = calc(page, "process-certification")
    expect(root.locator(".copc-decision")).to_have_attribute("data-ready", "false", timeout=RESULT)
    # the title block comes from the calculator's own "about this assessment" fields
    open_details(root)
    root.locator('[data-detail="organisation"]').fill(ORGANISATION)
    root.locator(".copc-report__open").click()
    view = page.locator(".copc-report-view")
    expect(view).to_have_attribute("data-state", "ready", timeout=RESULT)
    expect(view).to_have_attribute("data-lang", lang)
    expect(view.locator(".copc-report-view__meta")).to_be_hidden()
    article = view.locator("article.copc-report")
    expect(article).to_contain_text(core["verdict"])
    expect(article).to_contain_text(ORGANISATION)

    pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True, print_background=True), tmp_path)
    assert 1 <= len(pages) <= MAX_PAGES
    first = squeezed(pages[0])
    assert squeezed(core["verdict"]) in first and squeezed(ORGANISATION) in first
    whole = squeezed("".join(pages))
    for unit in core["units"]:  # each unit's row: its name, metrics meeting the level, share, met or not
        assert squeezed(unit) in whole, unit
    for step in core["plan"]:  # the months each chosen metric still needs at target
        assert squeezed(step) in whole, step
    # nothing of the site: no header, tabs, calculators, or the view's own buttons
    site_texts = [page.locator(".md-header__topic").first.inner_text(),
                  *page.locator(".md-tabs__link").all_inner_texts(),
                  view.locator(".copc-report-view__print").inner_text(),
                  root.locator(".copc-calc__copy").inner_text()]
    for text in site_texts:
        assert squeezed(text) not in whole, text

    # the other language, a click away
    other = "en" if lang == "ja" else "ja"
    view.locator(".copc-report-view__lang").click()
    expect(view).to_have_attribute("data-lang", other, timeout=RESULT)
    expect(article).to_contain_text(report(other)["verdict"])
    view.locator(".copc-report-view__close").click()
    expect(page.locator(".copc-report-view")).to_have_count(0)
    root.locator('[data-detail="organisation"]').fill("")
