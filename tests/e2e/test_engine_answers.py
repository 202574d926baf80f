"""No calculator hangs: every request the page makes gets an answer, whatever it holds and
whatever happens to the engine (calculators/client.mjs, worker.mjs, engine.mjs).

Each test follows one page's engine, a dedicated worker (the tests' browser runs one engine per
page: scripts/browser.py's ONE_ENGINE_PER_PAGE), and talks to it through client.mjs's compute(),
the one API the widgets call, or straight to a worker of its own with protocol.mjs's messages.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from scripts.browser import SHIPPED_SNAPSHOT

from copc_cx import web
from tests.e2e.helpers import BOOT, new_page

pytestmark = pytest.mark.e2e

PAGE = "/en/scoring/items-1-3/"  # one calculator: item-score

# client.mjs, once the engine is ready; compute() calls that have not answered within `wait` ms
# come back as {"unanswered": true} instead of hanging the test
CLIENT = """
const client = await import("/assets/calculators/client.mjs");
await new Promise((ready) => client.subscribe((status) => { if (status.stage === "ready") ready(); }));
const answer = (op, input, wait = 10000) => Promise.race([
  client.compute(op, input),
  new Promise((late) => setTimeout(() => late({ unanswered: true }), wait)),
]);
"""

# a request as the rule-50-75 form sends it, and the core's answer to it (the engine's must be the same)
GOOD = {"at_target": "3", "at_target_or_improving": "4", "total": "5"}
ANSWER = json.loads(web.handle(json.dumps({"op": "rule-50-75", "input": GOOD})))


def engine_page(browser: Browser, base_url: str) -> tuple[BrowserContext, Page]:
    """A page of its own (no service worker), given a cold boot's time for each wait."""
    context, page = new_page(browser, base_url, service_workers="block")
    page.set_default_timeout(BOOT)
    return context, page


def fresh_page(browser: Browser, base_url: str) -> Page:
    page = engine_page(browser, base_url)[1]
    page.goto(PAGE)
    return page


def test_a_request_json_cannot_hold_is_answered_at_once_and_the_engine_goes_on(browser: Browser,
                                                                              base_url: str) -> None:
    page = fresh_page(browser, base_url)
    try:
        answers: dict[str, Any] = page.evaluate("""async (good) => {""" + CLIENT + """
            const cycle = { total: "100" };
            cycle.self = cycle;
            let deep = "1";
            for (let i = 0; i < 200000; i++) deep = [deep];
            return {
                cycle: await answer("rule-50-75", cycle),
                bigint: await answer("rule-50-75", { total: 10n }),
                deep: await answer("rule-50-75", { at_target: deep }),
                good: await answer("rule-50-75", good),
            };
        }""", GOOD)
        for name in ("cycle", "bigint", "deep"):
            assert answers[name].get("ok") is False, name
            assert answers[name]["failure"] == "exception", answers[name]
            assert answers[name]["detail"].startswith("the request cannot be sent")
        assert answers["good"] == ANSWER
    finally:
        page.context.close()


def test_the_engine_answers_every_request_with_its_id_even_one_it_cannot_read(browser: Browser,
                                                                             base_url: str) -> None:
    """Messages straight to a worker of the test's own: the engine checks each one's shape and
    passes a request's text to the core as it came."""
    page = fresh_page(browser, base_url)
    try:
        answers: dict[str, Any] = page.evaluate("""async (good) => {
            const worker = new Worker("/assets/calculators/worker.mjs", { type: "module" });
            const answers = {};
            let ready;
            const done = new Promise((resolve) => { ready = resolve; });
            worker.addEventListener("message", (event) => {
                if (event.data.type === "response") answers[event.data.id] = event.data.response;
                if (Object.keys(answers).length === 6) ready();
            });
            worker.postMessage({ type: "request", id: 1, text: 5 });
            worker.postMessage({ type: "request", id: 2 });
            worker.postMessage({ type: "compute", id: 3, text: "{}" });
            worker.postMessage({ type: "request", id: 4, text: "[".repeat(1000) + "]".repeat(1000) });
            worker.postMessage({ type: "request", id: 5, text: "{not json" });
            worker.postMessage({ type: "request", id: 6, text: JSON.stringify({ op: "rule-50-75", input: good }) });
            await Promise.race([done, new Promise((late) => setTimeout(late, 60000))]);
            worker.terminate();
            return answers;
        }""", GOOD)
        assert sorted(answers) == ["1", "2", "3", "4", "5", "6"]
        for unreadable in ("1", "2", "3"):
            assert answers[unreadable]["ok"] is False and answers[unreadable]["failure"] == "exception"
        # text the core cannot read is the core's to refuse, at the request
        for refused in ("4", "5"):
            assert answers[refused]["ok"] is False and "failure" not in answers[refused]
            assert [error["field"] for error in answers[refused]["errors"]] == ["request"]
        assert answers["6"] == ANSWER
    finally:
        page.context.close()


def test_after_a_fatal_pyodide_error_the_engine_answers_crashed_and_says_so(browser: Browser,
                                                                           base_url: str) -> None:
    """A text nested far deeper than any page sends overflows the stack while the core reads it: a
    fatal Pyodide error, after which even asking Pyodide whether an error came from Python throws.
    The request is still answered, and the pages are told to start a new engine."""
    page = fresh_page(browser, base_url)
    try:
        heard: list[dict[str, Any]] = page.evaluate("""async () => {
            const worker = new Worker("/assets/calculators/worker.mjs", { type: "module" });
            const heard = [];
            let crashed;
            const done = new Promise((resolve) => { crashed = resolve; });
            worker.addEventListener("message", (event) => {
                if (event.data.type === "response" || event.data.type === "crashed") heard.push(event.data);
                if (event.data.type === "crashed") crashed();
            });
            worker.postMessage({ type: "request", id: 1, text: "[".repeat(100000) + "]".repeat(100000) });
            await Promise.race([done, new Promise((late) => setTimeout(late, 60000))]);
            worker.terminate();
            return heard;
        }""")
        assert [message["type"] for message in heard] == ["response", "crashed"], heard
        answer = heard[0]
        assert answer["id"] == 1
        assert answer["response"]["ok"] is False and answer["response"]["failure"] == "crashed"
    finally:
        page.context.close()


def test_a_request_a_hung_engine_never_answers_times_out_and_a_new_engine_answers(browser: Browser,
                                                                                base_url: str) -> None:
    """The page's clock is Playwright's, so the test moves it past the 30 s a request may take
    (the engine's own clock, in its worker, runs as usual)."""
    context, page = engine_page(browser, base_url)
    try:
        page.clock.install()
        page.goto(PAGE)
        page.evaluate("async () => {" + CLIENT + "}")
        engines = [worker for worker in page.workers if worker.url.endswith("/calculators/worker.mjs")]
        assert len(engines) == 1
        # the engine's thread is stuck from its next task on
        engines[0].evaluate("setTimeout(() => { for (;;) {} }, 0)")
        page.evaluate("""async (good) => {
            const client = await import("/assets/calculators/client.mjs");
            window.stages = [];
            client.subscribe((status) => window.stages.push(status.stage));
            client.compute("rule-50-75", good).then((answer) => { window.answer = answer; });
        }""", GOOD)
        page.clock.run_for(29_000)
        assert page.evaluate("window.answer") is None
        page.clock.run_for(1_000)
        page.wait_for_function("() => window.answer !== undefined")
        assert page.evaluate("window.answer") == {"ok": False, "errors": [], "failure": "timeout"}
        # a new engine starts at once, and answers
        page.wait_for_function("() => window.stages.at(-1) === 'ready'")
        assert page.evaluate("window.stages")[:2] == ["ready", "restarting"]
        answer = page.evaluate("""async (good) => {
            const client = await import("/assets/calculators/client.mjs");
            return client.compute("rule-50-75", good);
        }""", GOOD)
        assert answer == ANSWER
        # the hung engine is stopped: one engine is left, the new one
        for _ in range(100):
            running = [worker for worker in page.workers if "/calculators/worker.mjs" in worker.url]
            if engines[0] not in running:
                break
            page.wait_for_timeout(100)
        assert len(running) == 1 and running[0] is not engines[0]
    finally:
        context.close()


ENGINE_MODULE = re.compile(r".*/calculators/engine\.mjs(\?.*)?$")
ENGINE_FILE = re.compile(
    r".*/calculators/(worker\.mjs|engine\.mjs|snapshots\.mjs|protocol\.mjs|generated/config\.mjs)$")


def test_an_engine_of_another_core_is_replaced_by_one_of_the_current_build(browser: Browser,
                                                                          base_url: str) -> None:
    """The first engine.mjs the worker gets comes from another build (it names another core), as a
    cache that keeps files without asking the server could serve it; then the server's own."""
    context, page = engine_page(browser, base_url)
    served: list[str] = []

    def another_build(route: Route) -> None:
        if served:
            route.continue_()
            return
        source = route.fetch().text()
        served.append(route.request.url)
        assert source.count("this.core = CORE_PACKAGE.sha256;") == 1
        route.fulfill(body=source.replace("this.core = CORE_PACKAGE.sha256;", 'this.core = "0".repeat(64);'),
                      content_type="text/javascript")

    # the page's fetches, with their cache mode
    context.add_init_script("""
        window.fetches = [];
        const fetch = window.fetch;
        window.fetch = (url, init = {}) => {
            window.fetches.push([String(url), init.cache || "default"]);
            return fetch(url, init);
        };
    """)

    try:
        context.route(ENGINE_MODULE, another_build)
        warnings: list[str] = []
        page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
        page.goto(PAGE)
        answer = page.evaluate("""async (good) => {
            const client = await import("/assets/calculators/client.mjs");
            return client.compute("rule-50-75", good);
        }""", GOOD)
        assert answer == ANSWER
        assert any(f"the engine runs core {'0' * 64}" in text for text in warnings), warnings
        expect(page.locator('.copc-calc[data-calc="item-score"]')).to_have_attribute("data-engine", "ready")
        refreshed = sorted(url.split("/calculators/")[1] for url, cache in page.evaluate("window.fetches")
                           if ENGINE_FILE.match(url) and cache == "reload")
        assert refreshed == ["engine.mjs", "generated/config.mjs", "protocol.mjs", "snapshots.mjs", "worker.mjs"]
        engines = [worker.url for worker in page.workers if "/calculators/worker.mjs" in worker.url]
        assert len(engines) == 1 and "?fresh=" in engines[0], engines
    finally:
        context.close()


CORE_WHEEL = re.compile(r".*/pyodide/[^/]+/copc_cx-[^/]*\.whl$")


def test_a_core_wheel_of_another_build_kept_by_a_cache_is_fetched_again(browser: Browser, base_url: str) -> None:
    """A full boot (no memory snapshot) whose first copy of the core wheel is not the one the build's
    lock names, as a cache that keeps files without asking the server could serve it: the engine
    fetches it again past the cache instead of failing to start."""
    context, page = engine_page(browser, base_url)
    wheels: list[str] = []  # the requests for the core wheel

    def another_build(route: Route) -> None:
        wheels.append(route.request.url)
        if len(wheels) > 1:
            route.continue_()
            return
        stale = bytearray(route.fetch().body())
        stale[-1] ^= 0xFF  # any other bytes: another build's wheel
        route.fulfill(body=bytes(stale), content_type="application/octet-stream")

    try:
        context.route(SHIPPED_SNAPSHOT, lambda route: route.fulfill(status=404, body="missing"))
        context.route(CORE_WHEEL, another_build)
        page.goto(PAGE)
        answer = page.evaluate("""async (good) => {
            const client = await import("/assets/calculators/client.mjs");
            return client.compute("rule-50-75", good);
        }""", GOOD)
        assert answer == ANSWER
        assert len(wheels) == 2, "fetched again"
        expect(page.locator('.copc-calc[data-calc="item-score"]')).to_have_attribute("data-engine-start", "full")
    finally:
        context.close()
