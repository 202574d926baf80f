"""The shared engine: where the browser keeps a shared worker alive after its last page has gone
(SharedWorker's ``extendedLifetime``, Chromium 148 and later), the calculators' engine is one
shared worker for the site's pages (calculators/boot.js, worker.mjs). The next page, a reload and
another tab find it running and answer at once; erasing what the calculators keep stops it; a
crash replaces it; it starts from this browser's memory snapshot, whole-file reads and writes
(shared workers have no synchronous files), and from the service worker's cache when offline.
Playwright's routes do not reach a shared worker's requests: these tests change no response.

The other end-to-end tests run one engine per page (scripts/browser.py's ONE_ENGINE_PER_PAGE);
these run in a browser of their own that keeps shared workers alive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserType, Page, expect
from scripts.browser import ONE_ENGINE_PER_PAGE

from tests.conftest import SERVERS
from tests.e2e.helpers import (
    BOOT,
    PAGES,
    RESULT,
    STORED,
    Server,
    calc,
    example_points,
    go_offline,
    kept_snapshot_holds_nothing_typed,
    load_example,
    new_page,
    started_from,
    wait_ready,
)

pytestmark = pytest.mark.e2e

ITEM_SCORE_EN = "/en/scoring/items-1-3/"
RUNNING = {"ja": "このブラウザーで動いているエンジン", "en": "the engine already running in this browser"}


@pytest.fixture(scope="module")
def engine_browser(browser_type: BrowserType, browser_type_launch_args: dict[str, Any]) -> Iterator[Browser]:
    """Chromium as readers run it: shared workers may outlive their pages."""
    args = [arg for arg in browser_type_launch_args["args"] if arg != ONE_ENGINE_PER_PAGE]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    yield browser
    browser.close()


def erase_kept_data(page: Page) -> None:
    """The calculators page's erase button, both clicks (the page reloads)."""
    panel = page.locator(".copc-stored-data")
    panel.get_by_role("button", name=STORED["ja"]["erase"]).click()
    with page.expect_navigation():
        panel.get_by_role("button", name=STORED["ja"]["yes"], exact=True).click()
    expect(page.locator(".copc-stored-data")).to_contain_text(STORED["ja"]["erased"])


@pytest.mark.parametrize("server_kind", SERVERS, indirect=True)
def test_the_next_page_and_another_tab_find_the_engine_running(engine_browser: Browser, server_url: str) -> None:
    context, page = new_page(engine_browser, server_url, service_workers="block")
    try:
        page.goto(PAGES["ja"])
        started_from(page, "shipped")

        # another tab, in English, while the first is open: the same engine answers
        other = context.new_page()
        other.goto(ITEM_SCORE_EN)
        root = calc(other, "item-score")
        wait_ready(root)
        expect(root).to_have_attribute("data-engine-start", "running")
        expect(root.locator(".copc-calc__status")).to_contain_text(RUNNING["en"])
        load_example(root, "item-2.15")
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))

        # every page gone: the next one, a moment later, still finds it
        page.close()
        other.close()
        page = context.new_page()
        page.goto(PAGES["ja"])
        started_from(page, "running")
        expect(calc(page, "item-score").locator(".copc-calc__status")).to_contain_text(RUNNING["ja"])
    finally:
        context.close()


def test_erasing_the_kept_data_stops_the_engine_which_restarts_from_a_clean_snapshot(
    engine_browser: Browser, base_url: str,
) -> None:
    context, page = new_page(engine_browser, base_url, service_workers="block")
    try:
        # the image it keeps for the next start is written whole (shared workers have no
        # synchronous files), and holds nothing typed
        page.goto(PAGES["ja"])
        started_from(page, "shipped")
        kept_snapshot_holds_nothing_typed(page)

        reader = context.new_page()
        reader.goto(ITEM_SCORE_EN)
        root = calc(reader, "item-score")
        wait_ready(root)
        expect(root).to_have_attribute("data-engine-start", "running")

        # erased in the first tab: the engine that saw the reader's requests stops for every page
        assert len(engines(engine_browser)) == 1
        erase_kept_data(page)
        expect(root).to_have_attribute("data-engine", "ended", timeout=RESULT)
        expect(root.locator(".copc-calc__status")).to_contain_text("stopped")
        # the reloaded page starts a new engine from this browser's snapshot (read whole)
        started_from(page, "stored")
        # the other tab's next input joins it
        load_example(root, "item-2.15")
        expect(root).to_have_attribute("data-engine-start", "running")
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))
    finally:
        context.close()


def engines(browser: Browser) -> list[dict[str, Any]]:
    """The shared engines running in `browser`, as DevTools targets (Playwright lists a page's
    dedicated workers only)."""
    cdp = browser.new_browser_cdp_session()
    try:
        targets: list[dict[str, Any]] = cdp.send("Target.getTargets")["targetInfos"]
    finally:
        cdp.detach()
    return [t for t in targets if t["type"] == "shared_worker" and t["url"].endswith("/calculators/worker.mjs")]


def wait_no_engine(page: Page, browser: Browser) -> None:
    for _ in range(100):
        if not engines(browser):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the shared engine is still running: {engines(browser)}")


def evaluate_in_engine(page: Page, browser: Browser, expression: str) -> None:
    """Run `expression` in the shared engine, over the DevTools protocol, and wait for its answer."""
    running = engines(browser)
    assert len(running) == 1, running
    cdp = browser.new_browser_cdp_session()
    answers: list[dict[str, Any]] = []
    cdp.on("Target.receivedMessageFromTarget", lambda event: answers.append(json.loads(event["message"])))
    try:
        session = cdp.send("Target.attachToTarget", {"targetId": running[0]["targetId"], "flatten": False})
        message = {"id": 1, "method": "Runtime.evaluate", "params": {"expression": expression}}
        cdp.send("Target.sendMessageToTarget", {"sessionId": session["sessionId"], "message": json.dumps(message)})
        for _ in range(100):
            if any(answer.get("id") == 1 for answer in answers):
                break
            page.wait_for_timeout(100)
        else:
            raise AssertionError(f"the engine did not run {expression!r}: {answers}")
    finally:
        cdp.detach()


def test_a_crashed_shared_engine_is_replaced_for_every_page(engine_browser: Browser, base_url: str) -> None:
    context, page = new_page(engine_browser, base_url, service_workers="block")
    try:
        page.goto(ITEM_SCORE_EN)
        root = calc(page, "item-score")
        wait_ready(root)
        other = context.new_page()
        other.goto(PAGES["en"])
        rule = calc(other, "rule-50-75")
        wait_ready(rule)

        # an uncaught error in the engine reaches no page by itself: it tells them, and stops
        evaluate_in_engine(page, engine_browser, "setTimeout(() => { throw new Error('simulated crash'); }, 0)")
        for crashed in (root, rule):
            expect(crashed).to_have_attribute("data-engine", "crashed", timeout=RESULT)
            expect(crashed.locator(".copc-calc__status")).to_contain_text("stopped")
        # the next input starts a new engine; the other page's next input joins it
        load_example(root, "item-2.15")
        expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)
        assert root.get_attribute("data-engine-start") != "running"
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))
        load_example(rule, "rule-50-75")
        expect(rule).to_have_attribute("data-engine-start", "running")
        expect(rule.locator(".copc-calc__result")).to_contain_text(example_points("rule-50-75", "en"))
    finally:
        context.close()


def test_offline_a_new_shared_engine_starts_from_the_service_workers_cache(
    engine_browser: Browser, site_dir: Path,
) -> None:
    server = Server(site_dir)  # stopped below: nothing can come from the network
    context, page = new_page(engine_browser, server.url, service_workers="allow")
    try:
        page.goto(PAGES["ja"])
        started_from(page, "shipped")
        expect(page.locator("html")).to_have_attribute("data-copc-offline", "calculators", timeout=BOOT * 3)
        expect(calc(page, "item-score")).to_have_attribute("data-snapshot", "saved", timeout=BOOT)
        # the engine stops, then the network goes: a new engine must come from the caches
        page.evaluate("""async () => {
            const mount = document.querySelector('script[src*="calculators/mount.mjs"]').src;
            const { endEngine } = await import(new URL("client.mjs", mount).href);
            endEngine();
        }""")
        wait_no_engine(page, engine_browser)
        go_offline(context, server)
        page.reload()
        started_from(page, "stored")
    finally:
        context.close()
        server.stop()
