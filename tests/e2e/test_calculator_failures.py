"""No calculator hangs, in headless Chromium: a kept result whose body is damaged is discarded and
the engine asked, and every way the engine can fail to answer (architecture.md's failure kinds)
shows a message in the page's language with a Retry button that sends the same request again."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Route, expect

from tests.e2e.helpers import (
    BOOT,
    PAGES,
    RESULT,
    TEXT,
    WASM,
    calc,
    examples_of,
    hold_requests,
    load_example,
    new_page,
    wait_ready,
)

pytestmark = pytest.mark.e2e

KEPT = "copc-calc:v1:self-assessment:result"
FAILURES = ["unavailable", "crashed", "timeout", "exception", "outdated"]
# each failure's message, in part, per language (calculators/i18n.mjs's failure.*)
MESSAGES = {
    "ja": {"unavailable": "読み込めませんでした", "crashed": "停止しました", "timeout": "時間内に答えませんでした",
           "exception": "渡せませんでした", "outdated": "古い版"},
    "en": {"unavailable": "could not be loaded", "crashed": "stopped during the calculation",
           "timeout": "did not answer in time", "exception": "could not be handed", "outdated": "older than this page"},
}


def test_a_damaged_kept_result_is_discarded_and_the_engine_asked(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url, service_workers="block")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(PAGES["en"])
        root = calc(page, "self-assessment")
        wait_ready(root)
        load_example(root, examples_of("self-assessment")[0].id)
        page.wait_for_function(f"() => localStorage.getItem('{KEPT}') !== null", timeout=RESULT)
        # the kept answer still matches the request, but its body is damaged
        page.evaluate(f"""() => {{
            const kept = JSON.parse(localStorage.getItem('{KEPT}'));
            kept.response.result = {{ certified: true }};
            localStorage.setItem('{KEPT}', JSON.stringify(kept));
        }}""")

        # The next visit, in a profile of its own with the same stored data: no engine of the first
        # visit can still be running there (a shared one outlives a reload for a moment), and the
        # engine cannot start for now: the calculator waits for it instead of throwing.
        stored = context.storage_state()
        context.close()
        context, page = new_page(browser, base_url, service_workers="block", storage_state=stored)
        page.on("pageerror", lambda error: errors.append(str(error)))
        held = hold_requests(context, WASM)
        page.goto(PAGES["en"])
        root = calc(page, "self-assessment")
        expect(root.locator(".copc-calc__result-note")).to_have_attribute("data-kind", "waiting", timeout=BOOT)
        page.wait_for_function(f"() => localStorage.getItem('{KEPT}') === null", timeout=RESULT)
        assert root.get_attribute("data-result-source") is None

        while not held:
            page.wait_for_timeout(50)
        while held:
            held.pop().continue_()
        context.unroute(WASM)
        expect(root).to_have_attribute("data-state", "result", timeout=BOOT)
        expect(root).to_have_attribute("data-result-source", "engine")
        expect(root.locator(".copc-calc__result .copc-decision")).to_have_count(1)
        assert errors == []
    finally:
        context.close()


# A stand-in for the engine (calculators/worker.mjs) that is ready at once and answers the n-th
# request with the n-th failure kind, then answers as if computed; it speaks both the worker
# protocol of {id, op, input} requests and that of {type: "request", id, text} ones.
FAKE_ENGINE = """
import { CORE_PACKAGE } from "./generated/config.mjs";
const FAILURES = %s;
let answered = 0;
function ready(port) {
  port.postMessage({ type: "ready", ms: 1, start: "stored", core: CORE_PACKAGE.sha256 });
}
function answer(port, message) {
  if (!message || (message.type && message.type !== "request")) return;
  const failure = FAILURES[answered++];
  const response = failure ? { ok: false, errors: [], failure }
    : { ok: false, errors: [{ field: "request", ja: "テスト", en: "test" }] };
  port.postMessage({ type: "response", id: message.id, response });
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


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_failure_says_what_happened_and_retry_asks_again(browser: Browser, base_url: str, lang: str) -> None:
    context, page = new_page(browser, base_url)
    served: list[Any] = []

    def fake(route: Route) -> None:
        served.append(route.request.url)
        route.fulfill(status=200, content_type="text/javascript", body=FAKE_ENGINE % FAILURES)

    try:
        context.route(re.compile(r".*/calculators/worker\.mjs(\?.*)?$"), fake)
        # a page with one calculator: its first request (on mounting) meets the first failure
        page.goto(("/" if lang == "ja" else "/en/") + "scoring/applicable-points/")
        root = calc(page, "applicable-points")
        wait_ready(root)
        for kind in FAILURES:
            expect(root).to_have_attribute("data-failure", kind, timeout=RESULT)
            expect(root).to_have_attribute("data-state", "failed")
            note = root.locator(".copc-calc__result-note")
            expect(note).to_contain_text(MESSAGES[lang][kind])
            retry = root.locator(".copc-calc__retry-button")
            expect(retry).to_have_text(TEXT[lang]["retry"])
            retry.click()
        # after the last failure the same request is answered: the failure is gone
        expect(root).not_to_have_attribute("data-state", "failed", timeout=RESULT)
        assert served
    finally:
        context.close()

