"""WCAG 2.1 AA, as axe-core checks it, on every built page of both languages in both colour schemes,
and on every calculator in each state it can be in (empty, a worked example loaded, an input
refused, a result, the engine failing); then what axe cannot see: the result announced politely,
errors tied to their field, focus visible, motion and contrast as the reader asks, and a reader who
uses the keyboard only.

Any violation fails with its rule, the element and where it was found. One browser context per
test, pages in a loop: each calculator page boots its engine once per scheme.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.conftest import page_files, page_url
from tests.e2e.accessibility import (
    SCHEMES,
    Scheme,
    axe,
    calculators_with_widgets,
    described,
    first_numeric_field,
    scheme_shown,
    settled,
    use_scheme,
    with_axe,
)
from tests.e2e.helpers import PAGES, RESULT, calc, examples_of, new_page, wait_ready, wait_result

pytestmark = pytest.mark.e2e


def test_every_page_of_both_languages_passes_axe_in_both_colour_schemes(
        browser: Browser, base_url: str, site_dir: Path) -> None:
    urls = [page_url(site_dir, p) for p in page_files(site_dir)]
    assert "/" in urls and "/en/" in urls and PAGES["en"] in urls
    context, page = new_page(browser, base_url, service_workers="block")
    with_axe(page)
    found: list[str] = []
    try:
        for scheme in SCHEMES:
            use_scheme(page, scheme)
            for url in urls:
                page.goto(url)
                settled(page)
                scheme_shown(page, scheme)
                found += described(f"{url} ({scheme.scheme})", axe(page))
    finally:
        context.close()
    assert found == [], f"{len(found)} violations:\n" + "\n".join(found)


# A stand-in for the engine that is ready at once and answers every request with a failure
FAILING_ENGINE = """
import { CORE_PACKAGE } from "./generated/config.mjs";
function ready(port) { port.postMessage({ type: "ready", ms: 1, start: "stored", core: CORE_PACKAGE.sha256 }); }
function answer(port, message) {
  if (!message || (message.type && message.type !== "request")) return;
  port.postMessage({ type: "response", id: message.id, response: { ok: false, errors: [], failure: "timeout" } });
}
if (typeof self.onconnect !== "undefined" && !("postMessage" in self)) {
  self.onconnect = (event) => {
    const port = event.ports[0];
    port.onmessage = (e) => answer(port, e.data);
    ready(port);
  };
} else {
  self.onmessage = (e) => answer(self, e.data);
  ready(self);
}
"""


def calculator_states(page: Page, lang: str, scheme: Scheme) -> list[str]:
    """axe on each calculator of the calculators page in each state: empty, each worked example
    (opened by its `#example=` link), an input refused, a result."""
    found: list[str] = []
    names = calculators_with_widgets()
    assert names == page.locator(".copc-calc[data-calc]").evaluate_all("(cs) => cs.map((c) => c.dataset.calc)")
    for name in names:
        root = calc(page, name)
        within = f'.copc-calc[data-calc="{name}"]'
        where = f"{PAGES[lang]} {name} ({scheme.scheme})"
        root.locator(".copc-calc__clear").click()
        expect(root).not_to_have_attribute("data-state", "pending", timeout=RESULT)
        found += described(f"{where} empty", axe(page, within))
        for example in examples_of(name):
            page.goto(f"{PAGES[lang]}#example={example.id}")
            expect(page).not_to_have_url(re.compile("example="))  # taken: the calculator is loading it
            wait_result(root)
            found += described(f"{where} example {example.id}", axe(page, within))
        # a value the core refuses, in a calculator that takes figures
        bad = first_numeric_field(root)
        if bad is None:
            continue
        bad.fill("x1")
        bad.press("Tab")
        expect(root).to_have_attribute("data-state", "invalid", timeout=RESULT)
        found += described(f"{where} refused input", axe(page, within))
    return found


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_calculator_passes_axe_in_each_of_its_states(browser: Browser, base_url: str, lang: str) -> None:
    # without motion: axe reads the colours a button or a result shows once it has settled, not
    # half-way through the transition that follows a click (the settled colours are the same)
    context, page = new_page(browser, base_url, service_workers="block", reduced_motion="reduce")
    with_axe(page)
    found: list[str] = []
    try:
        for scheme in SCHEMES:
            use_scheme(page, scheme)
            page.goto(PAGES[lang])
            settled(page)
            scheme_shown(page, scheme)
            found += calculator_states(page, lang, scheme)

        # the engine failing: every calculator says so, with its Retry button
        def failing(route: Route) -> None:
            route.fulfill(status=200, content_type="text/javascript", body=FAILING_ENGINE)

        failing_page = context.new_page()
        with_axe(failing_page)
        failing_page.route(re.compile(r".*/calculators/worker\.mjs(\?.*)?$"), failing)
        for scheme in SCHEMES:
            use_scheme(failing_page, scheme)
            failing_page.goto(PAGES[lang])
            for name in calculators_with_widgets():
                root = calc(failing_page, name)
                wait_ready(root)
                expect(root).to_have_attribute("data-state", "failed", timeout=RESULT)
            scheme_shown(failing_page, scheme)
            found += described(f"{PAGES[lang]} engine failing ({scheme.scheme})", axe(failing_page))
    finally:
        context.close()
    assert found == [], f"{len(found)} violations:\n" + "\n".join(found)
