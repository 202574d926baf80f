"""On pages with a calculator, Material's search index is built only once the engine has booted.

overrides/main.html points Material at assets/javascripts/workers/copc-search.js (Material's own
worker in the URL's fragment), which holds the index build until calculators/boot.js releases it:
when the engine is ready or has failed, or when the reader turns to the search box. Search must
work in every one of those cases, and on other pages nothing changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect

BOOT = 60_000  # ms: a cold Pyodide boot on a busy two-core machine
SEARCH = 30_000  # ms: Material's index build once released
CALC_PAGE = "/scoring/items-1-3/"
WRAPPER = "copc-search.js#"
# the first script Material's worker loads when it builds the Japanese index
INDEX_BUILD = re.compile(r".*/assets/javascripts/lunr/tinyseg\.js$")


def search_worker(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
    assert config, f"{page}: no Material configuration"
    worker: str = json.loads(config.group(1))["search"]
    return worker


def test_calculator_pages_hold_search_back_and_other_pages_do_not(site_dir: Path) -> None:
    pages = sorted(site_dir.glob("**/index.html"))
    calculator_pages = [p for p in pages if 'class="copc-calc"' in p.read_text(encoding="utf-8")]
    assert len(calculator_pages) >= 4
    for page in pages:
        worker = search_worker(page)
        folder = (page.parent / worker.split("#")[0]).resolve().parent
        if page in calculator_pages:
            assert WRAPPER in worker, f"{page}: Material's search worker is not held back"
            wrapper, material = worker.split("#")
            assert (page.parent / wrapper).resolve().is_file()
            assert re.fullmatch(r"search\.[0-9a-f]+\.min\.js", material)
            assert (folder / material).is_file(), f"{page}: the fragment names no Material worker"
        else:
            assert WRAPPER not in worker, f"{page}: search is held back on a page without a calculator"
            assert (page.parent / worker).resolve().is_file()


def search_finds(page: Page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    expect(page.locator(".md-search-result__item > a.md-search-result__link").first).to_be_visible(timeout=SEARCH)


# notes (epoch ms) when the calculators' engine is first reported ready in the page
READY_PROBE = """
new MutationObserver((_, observer) => {
  if (document.querySelector('.copc-calc[data-engine="ready"]')) {
    window.__copcReadyAt = performance.timeOrigin + performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-engine"] });
"""


@pytest.mark.e2e
def test_the_index_is_built_after_the_engine_is_ready_and_search_works(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, service_workers="block")  # its precache is no index build
    context.add_init_script(READY_PROBE)
    builds: list[Request] = []
    context.on("request", lambda request: builds.append(request) if INDEX_BUILD.match(request.url) else None)
    try:
        page = context.new_page()
        page.goto(CALC_PAGE)
        root = page.locator('.copc-calc[data-calc="item-score"]')
        expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)
        search_finds(page, "運用")
        ready_at: float = page.evaluate("() => window.__copcReadyAt")
        assert len(builds) == 1, "the search worker did not build its index once"
        build_at = builds[0].timing["startTime"]
        # the release follows the engine's "ready" in the same task; 50 ms for the two clocks
        assert build_at > ready_at - 50, f"index build started {ready_at - build_at:.0f} ms before the engine was ready"
    finally:
        context.close()


@pytest.mark.e2e
def test_the_index_build_waits_while_the_engine_boots_until_the_reader_searches(
        browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, service_workers="block")  # its precache is no index build
    held: list[Route] = []
    builds: list[str] = []

    def hold(route: Route) -> None:
        held.append(route)  # never answered while the test runs: the boot waits

    context.route(re.compile(r".*/pyodide\.asm\.wasm$"), hold)
    context.on("request", lambda request: builds.append(request.url) if INDEX_BUILD.match(request.url) else None)
    try:
        page = context.new_page()
        with page.expect_response(re.compile(r".*/search/search_index\.json$"), timeout=SEARCH):
            page.goto(CALC_PAGE)
        root = page.locator('.copc-calc[data-calc="item-score"]')
        expect(root).to_have_attribute("data-engine", re.compile("starting|runtime"), timeout=BOOT)
        # Material has the index and has handed it to its worker: unheld, the build starts within
        # milliseconds (the first test shows the build itself is fast)
        page.wait_for_timeout(1_500)
        assert builds == [], "the index was built while the engine was still booting"
        search_finds(page, "運用")  # the reader turns to search: built at once
        assert len(builds) == 1
        expect(root).to_have_attribute("data-engine", re.compile("starting|runtime"))
    finally:
        for route in held:
            route.abort()
        context.close()


@pytest.mark.e2e
def test_search_works_on_a_calculator_page_whose_engine_cannot_load(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, service_workers="block")  # its precache is no index build
    context.route(re.compile(r".*/pyodide\.asm\.wasm$"), lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto("/en" + CALC_PAGE)
        root = page.locator('.copc-calc[data-calc="item-score"]')
        expect(root).to_have_attribute("data-engine", "failed", timeout=BOOT)
        search_finds(page, "deployment")
    finally:
        context.close()
