"""The calculators page and the calculators' kit as a whole, in headless Chromium: every
calculator mounted in the page's language, on the calculators page and on the guide's pages; the
engine booting, failing, crashing and starting from memory snapshots; Material held back while
it starts; and nothing typed lost: reloads, the stored data panel, share links, and the bar that
restores inputs an example, a clear or a link replaced.

Most of these tests need fresh contexts (reload, links opened elsewhere, a blocked engine); the
first shares the calculators page of tests/e2e/conftest.py.
"""

from __future__ import annotations

import re
import sys
from contextlib import suppress
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Error, Locator, Page, Route, expect
from scripts.browser import SHIPPED_SNAPSHOT, link_state

from copc_cx.registry import CALCULATORS_BY_NAME
from tests.conftest import SERVERS
from tests.e2e.helpers import (
    BOOT,
    PAGES,
    RESULT,
    STORED,
    TEXT,
    WASM,
    calc,
    computed,
    example,
    example_answered,
    example_points,
    examples_of,
    field,
    hold_requests,
    kept_snapshot_holds_nothing_typed,
    load_example,
    new_page,
    percent,
    points_of,
    started_from,
    wait_ready,
    wait_result,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from calculator_preload import widget_names

pytestmark = pytest.mark.e2e

# the calculators with a widget: all of them are on the calculators page
NAMES = widget_names()
TWO_SITES = examples_of("process-certification")[0].id
RULE = example("rule-50-75")  # the guide's 4.6 example


# --- every calculator, in the page's language ------------------------------------------------

def test_every_calculator_is_mounted_in_the_page_language(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    expect(page.locator(".copc-calc")).to_have_count(len(NAMES))
    for name in NAMES:
        root = calc(page, name)
        expect(root).to_have_attribute("data-copc-mounted", "yes")
        expect(root.locator(".copc-calc__status")).to_contain_text(TEXT[lang]["ready"])
        # every input and select has a label, or an aria-label where a table's headings name it (the
        # file pickers behind "Open file" are never shown)
        for control in root.locator("input:not([type=file][hidden]), select").all():
            if (control.get_attribute("aria-label") or "").strip():
                continue
            control_id = control.get_attribute("id")
            assert control_id and root.locator(f'label[for="{control_id}"]').count() == 1, name


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_guide_pages_mount_their_calculators(browser: Browser, base_url: str, lang: str) -> None:
    prefix = "" if lang == "ja" else "/en"
    # every calculator on the page that explains its rule (the registry's page)
    expected: dict[str, list[str]] = {}
    for name in NAMES:
        expected.setdefault("/" + CALCULATORS_BY_NAME[name].page.removesuffix(".md") + "/", []).append(name)
    context, page = new_page(browser, base_url)
    try:
        for path, names in expected.items():
            page.goto(prefix + path)
            for name in names:
                root = calc(page, name)
                expect(root).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
                expect(root.locator(".copc-calc__example").first).to_be_visible()
            expect(page.locator("html")).to_have_attribute("lang", lang)
        # the last page computes in its language once the engine is up
        page.goto(prefix + "/process/blocks/")
        root = calc(page, "process-certification")
        wait_ready(root)
        load_example(root, TWO_SITES)
        expect(root.locator(".copc-calc__result")).to_contain_text(TEXT[lang]["not_ready"], timeout=BOOT)
        expect(root.locator(".copc-calc__steps summary")).to_have_text(TEXT[lang]["steps"])
    finally:
        context.close()


# --- the engine: booting, failing, its memory snapshots -------------------------------------

def test_the_form_is_usable_while_the_engine_boots(browser: Browser, base_url: str) -> None:
    """What is typed while Pyodide loads is kept, and computed the moment the engine is ready."""
    context, page = new_page(browser, base_url)
    # the engine cannot finish its boot until the test lets its WebAssembly through
    held = hold_requests(context, WASM)
    try:
        page.goto("/scoring/items-1-3/")
        root = calc(page, "item-score")
        expect(root).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
        status = root.locator(".copc-calc__status")
        field(root, "item").select_option("2.15")
        for path, value in (("met", "2"), ("applicable", "2"), ("deployed", "2"), ("total", "3")):
            field(root, path).fill(value)
        # still booting: progress in Japanese, the request waits, nothing typed is lost
        assert root.get_attribute("data-engine") != "ready"
        assert re.search(r"[ぁ-んァ-ン一-龥]", status.text_content() or "")
        expect(root.locator(".copc-calc__result-note")).to_have_attribute("data-kind", "waiting", timeout=RESULT)
        expect(field(root, "met")).to_have_value("2")

        while not held:  # the worker asks for the module once its runtime script is in
            page.wait_for_timeout(50)
        while held:
            held.pop().continue_()
        context.unroute(WASM)
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "ja"), timeout=BOOT)
        expect(root).to_have_attribute("data-engine", "ready")
        for path, value in (("met", "2"), ("applicable", "2"), ("deployed", "2"), ("total", "3")):
            expect(field(root, path)).to_have_value(value)
    finally:
        context.close()


def test_a_kept_result_shows_at_once_while_the_engine_starts(browser: Browser, base_url: str) -> None:
    """The engine's last answer is kept with the form's state: the next visit shows it before the
    engine is up, for the same request and the same core only, and the engine still answers."""
    context, page = new_page(browser, base_url, service_workers="block")
    held: list[Route] = []
    try:
        root = example_answered(page)
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))
        expect(root).to_have_attribute("data-result-source", "engine")
        page.wait_for_function("() => localStorage.getItem('copc-calc:v1:item-score:result') !== null")

        # from now on the engine cannot start (its WebAssembly never arrives)
        held = hold_requests(context, WASM)
        page.reload()
        root = calc(page, "item-score")
        expect(root).to_have_attribute("data-result-source", "kept", timeout=BOOT)
        expect(root).to_have_attribute("data-state", "result")
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))
        expect(root.locator(".copc-calc__steps li")).to_have_count(4)
        assert root.get_attribute("data-engine") != "ready"

        # another request has no kept answer: it waits for the engine, with what was typed kept
        field(root, "met").fill("1")
        expect(root.locator(".copc-calc__result-note")).to_have_attribute("data-kind", "waiting", timeout=RESULT)
        expect(root).to_have_attribute("data-state", "pending")
        # back to the kept request: its answer again, at once
        field(root, "met").fill("2")
        expect(root).to_have_attribute("data-result-source", "kept", timeout=RESULT)
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))

        # a result kept from another build of the core is never shown
        page.evaluate("""() => {
            const key = 'copc-calc:v1:item-score:result';
            const kept = JSON.parse(localStorage.getItem(key));
            localStorage.setItem(key, JSON.stringify({ ...kept, core: 'another-core' }));
        }""")
        page.reload()
        root = calc(page, "item-score")
        expect(root.locator(".copc-calc__result-note")).to_have_attribute("data-kind", "waiting", timeout=BOOT)
        assert root.get_attribute("data-result-source") is None

        # the engine arrives: it computes the request itself
        while held:
            held.pop().continue_()
        context.unroute(WASM)
        wait_ready(root)
        expect(root).to_have_attribute("data-result-source", "engine", timeout=RESULT)
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))
    finally:
        context.close()


def material_is_set_up(page: Page) -> bool:
    """Whether Material's script has run on the page (it publishes its observables on window)."""
    return bool(page.evaluate("() => typeof window.document$ === 'object' && window.document$ !== null"))


def test_material_waits_for_the_engines_first_answer_or_the_reader(browser: Browser, base_url: str) -> None:
    """On a page with a calculator, Material's script runs after the engine's first answer, so it
    does not compete with the engine's start; at once if the reader turns to the page around the
    calculators first. Its search works either way."""
    context, page = new_page(browser, base_url, service_workers="block")
    held: list[Route] = []
    try:
        example_answered(page)
        page.wait_for_function("() => typeof window.document$ === 'object'", timeout=RESULT)
        # Material's parts work: its search finds the guide's pages
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("deployment")
        expect(page.locator(".md-search-result__item > a.md-search-result__link").first).to_be_visible(timeout=30_000)

        # the engine cannot start (its WebAssembly never arrives): Material waits, the form is usable
        held = hold_requests(context, WASM)
        other = context.new_page()
        other.goto("/en/scoring/items-1-3/")
        root = calc(other, "item-score")
        expect(root).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
        field(root, "met").fill("1")  # typing in a calculator is not turning to the page
        other.wait_for_timeout(1500)
        assert not material_is_set_up(other)
        # the reader opens the search: Material sets the page up, and the search works
        box = other.locator("input.md-search__input")
        box.click()
        other.wait_for_function("() => typeof window.document$ === 'object'", timeout=RESULT)
        box.fill("deployment")
        expect(other.locator(".md-search-result__item > a.md-search-result__link").first).to_be_visible(timeout=30_000)
        expect(field(root, "met")).to_have_value("1")
    finally:
        for route in held:
            with suppress(Error):
                route.abort()
        context.close()


def test_every_widget_fails_clearly_when_the_engine_cannot_load(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)

    def block(route: Route) -> None:
        route.abort()

    try:
        # WebAssembly that cannot be fetched, as behind a filter or on a broken install
        context.route(WASM, block)
        page.goto(PAGES["en"])
        roots = page.locator(".copc-calc")
        expect(roots).to_have_count(len(NAMES))
        for index in range(len(NAMES)):
            root = roots.nth(index)
            expect(root).to_have_attribute("data-engine", "failed", timeout=BOOT)
            expect(root.locator(".copc-calc__status")).to_contain_text(TEXT["en"]["failed"])
            expect(root.locator(".copc-calc__status")).to_have_attribute("role", "alert")
        item = calc(page, "item-score")
        field(item, "met").fill("2")
        expect(item).to_have_attribute("data-state", "failed", timeout=RESULT)
        expect(item).to_have_attribute("data-failure", "unavailable")
        expect(item.locator(".copc-calc__retry-button")).to_have_text(TEXT["en"]["retry"])
        expect(field(item, "met")).to_have_value("2")
    finally:
        context.close()


def test_the_engine_survives_exceptions_and_restarts_after_a_crash(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    try:
        page.goto(PAGES["en"])
        root = calc(page, "rule-50-75")
        wait_ready(root)
        # absurdly nested input is an answer at the request (the API never raises), and the engine goes on
        bad, good = page.evaluate("""async (input) => {
            const client = await import("/assets/calculators/client.mjs");
            let deep = "1";
            for (let i = 0; i < 1500; i++) deep = [deep];
            const bad = await client.compute("rule-50-75", {at_target: deep});
            const good = await client.compute("rule-50-75", input);
            return [bad, good];
        }""", RULE.input)
        assert bad["ok"] is False and "failure" not in bad and bad["errors"][0]["field"] in ("request", "at_target")
        assert good["ok"] is True and good["result"]["points"] == RULE.expected["points"]
        expect(root).to_have_attribute("data-engine", "ready")

        # the worker dies (an uncaught error in it): the next input starts a new one
        workers = [w for w in page.workers if w.url.endswith("/calculators/worker.mjs")]
        assert len(workers) == 1
        workers[0].evaluate("setTimeout(() => { throw new Error('simulated crash'); }, 0)")
        expect(root).to_have_attribute("data-engine", "crashed", timeout=RESULT)
        expect(root.locator(".copc-calc__status")).to_contain_text("stopped")
        load_example(root, RULE.id)
        expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)
        core = computed("rule-50-75", RULE.input)
        points = points_of("en", core["display"]["points"], core["available"])
        expect(root.locator(".copc-calc__result")).to_contain_text(points)
        # Enter in a field calculates at once
        typed = {**RULE.input, "total": "96"}
        field(root, "total").fill(typed["total"])
        field(root, "total").press("Enter")
        share = computed("rule-50-75", typed)["display"]["at_target_share"]
        expect(root.locator(".copc-calc__result")).to_contain_text(f"{share}%", timeout=RESULT)
    finally:
        context.close()


def corrupt_stored_snapshot(page: Page) -> list[str]:
    """Overwrite this browser's memory snapshots (in the origin private file system) with zeros."""
    names: list[str] = page.evaluate("""async () => {
        const root = await navigator.storage.getDirectory();
        const folder = await root.getDirectoryHandle("copc-snapshots");
        const names = [];
        for await (const name of folder.keys()) {
            const writable = await (await folder.getFileHandle(name)).createWritable();
            await writable.write(new Uint8Array(64));
            await writable.close();
            names.push(name);
        }
        return names;
    }""")
    return names


@pytest.mark.parametrize("server_kind", SERVERS, indirect=True)
def test_a_first_visit_starts_from_the_sites_snapshot_and_the_next_from_this_browsers(
    browser: Browser, server_url: str,
) -> None:
    context, page = new_page(browser, server_url, service_workers="block")
    try:
        page.goto(PAGES["ja"])
        started_from(page, "shipped")
        # kept in the origin private file system once the page has been quiet for a moment
        kept_snapshot_holds_nothing_typed(page)

        page.reload()
        started_from(page, "stored")

        # a stored snapshot that cannot be restored is forgotten: the site's serves again
        broken = corrupt_stored_snapshot(page)
        assert len(broken) == 1 and broken[0].endswith(".bin")
        page.reload()
        started_from(page, "shipped")
        expect(calc(page, "item-score")).to_have_attribute("data-snapshot", "saved", timeout=BOOT)
    finally:
        context.close()


def test_without_the_sites_snapshot_or_on_a_slow_network_the_engine_boots_in_full(
    browser: Browser, base_url: str,
) -> None:
    # the site's snapshot is missing: a full boot, whose interpreter makes the snapshot kept
    context, page = new_page(browser, base_url, service_workers="block")
    try:
        context.route(SHIPPED_SNAPSHOT, lambda route: route.fulfill(status=404, body="missing"))
        page.goto(PAGES["ja"])
        started_from(page, "full")
        # taken of the interpreter as the boot left it, before the reader's requests
        kept_snapshot_holds_nothing_typed(page)
        page.reload()
        started_from(page, "stored")
    finally:
        context.close()

    # a network that would take more than the worker's budget (a second) for the snapshot's
    # 6.3 MB: given up after its first quarter second
    context, page = new_page(browser, base_url, service_workers="block")
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        # 40 Mbit/s, in bytes per second
        cdp.send("Network.emulateNetworkConditions",
                 {"offline": False, "latency": 0, "downloadThroughput": 5_000_000, "uploadThroughput": -1})
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto(PAGES["ja"])
        started_from(page, "full")
        assert any(re.search(r"snapshot not used: \S+ would take about \d+ ms", text) for text in messages), messages
    finally:
        context.close()

    # the snapshot's answer does not even start within the budget: given up too
    held: list[Route] = []
    context, page = new_page(browser, base_url, service_workers="block")
    try:
        held = hold_requests(context, SHIPPED_SNAPSHOT)
        messages.clear()
        page.on("console", lambda message: messages.append(message.text))
        page.goto(PAGES["ja"])
        started_from(page, "full")
        assert held, "the worker never asked for the site's snapshot"
        assert any("snapshot not used" in text and "did not start coming within" in text for text in messages), messages
    finally:
        for route in held:
            with suppress(Error):
                route.abort()
        context.close()


# --- nothing typed is lost: reload, kept data, links, restoring replaced inputs -----------------

def test_reload_keeps_the_scenario(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    try:
        page.goto(PAGES["en"])
        root = calc(page, "rule-50-75")
        wait_ready(root)
        load_example(root, RULE.id)
        typed = {**RULE.input, "at_target": "40"}
        level = f"{computed('rule-50-75', typed)['display']['level']}%"
        field(root, "at_target").fill(typed["at_target"])
        expect(root.locator(".copc-calc__result")).to_contain_text(level, timeout=RESULT)
        process = calc(page, "process-certification")
        load_example(process, TWO_SITES)
        page.reload()
        root = calc(page, "rule-50-75")
        expect(field(root, "at_target")).to_have_value(typed["at_target"])
        expect(field(root, "at_target_or_improving")).to_have_value(typed["at_target_or_improving"])
        expect(root.locator(".copc-calc__result")).to_contain_text(level, timeout=BOOT)
        process = calc(page, "process-certification")
        expect(field(process, "block")).to_have_value("workforce")
        expect(process.locator("input[data-site-name]")).to_have_count(2)
        # the other language shares the inputs too (one origin, language-neutral state)
        page.goto(PAGES["ja"])
        expect(field(calc(page, "rule-50-75"), "at_target")).to_have_value(typed["at_target"])
    finally:
        context.close()


def kept_keys(page: Page) -> list[str]:
    keys: list[str] = page.evaluate(
        "() => Object.keys(localStorage).filter((key) => key.startsWith('copc-calc:')).sort()")
    return keys


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_what_the_calculators_keep_can_be_erased_from_this_browser(browser: Browser, base_url: str, lang: str) -> None:
    context, page = new_page(browser, base_url)
    words = STORED[lang]
    try:
        page.goto(PAGES[lang])
        rule = calc(page, "rule-50-75")
        wait_ready(rule)
        load_example(rule, RULE.id)
        field(rule, "at_target").fill("40")  # the reader's own inputs; the example's are kept for a restore
        wait_result(rule)
        expect(rule.locator(".copc-calc__replaced")).to_be_hidden()
        load_example(rule, RULE.id)
        expect(rule.locator(".copc-calc__restore")).to_be_visible()
        # the last result is kept when the page is idle
        page.wait_for_function("() => localStorage.getItem('copc-calc:v1:rule-50-75:result') !== null", timeout=RESULT)
        assert "copc-calc:v1:rule-50-75:replaced" in kept_keys(page)

        panel = page.locator(".copc-stored-data")
        expect(panel).to_contain_text(words["about"])
        # the first click only asks; "cancel" leaves everything as it was
        panel.get_by_role("button", name=words["erase"]).click()
        expect(panel).to_contain_text(words["confirm"])
        panel.get_by_role("button", name=words["cancel"]).click()
        expect(panel).to_contain_text(words["about"])
        assert "copc-calc:v1:rule-50-75:replaced" in kept_keys(page)

        panel.get_by_role("button", name=words["erase"]).click()
        with page.expect_navigation():
            panel.get_by_role("button", name=words["yes"], exact=True).click()
        expect(page.locator(".copc-stored-data")).to_contain_text(words["erased"])
        # the reloaded calculators start from their empty forms: nothing to restore, no kept inputs
        rule = calc(page, "rule-50-75")
        expect(rule).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
        expect(field(rule, "at_target")).to_have_value("")
        expect(rule.locator(".copc-calc__replaced")).to_be_hidden()
        assert not any(key.endswith(":replaced") for key in kept_keys(page))
        # the message is said once: the next visit describes the panel again
        page.reload()
        expect(page.locator(".copc-stored-data")).to_contain_text(words["about"])
    finally:
        context.close()


def test_copy_link_reproduces_the_scenario_in_another_browser_and_language(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    links: dict[str, str] = {}
    channel_example = examples_of("channel-performance")[0]
    channel_typed = {**channel_example.input, "types": {**channel_example.input["types"], "efficiency": {
        **channel_example.input["types"]["efficiency"], "improving": "20"}}}
    efficiency = computed("channel-performance", channel_typed)["by_type"]["efficiency"]
    assessment_example = examples_of("self-assessment")[0]
    try:
        page.goto(PAGES["en"])
        channel = calc(page, "channel-performance")
        wait_ready(channel)
        load_example(channel, channel_example.id)
        field(channel, "efficiency.improving").fill("20")
        expect(channel.locator('.copc-calc__result tr[data-type="efficiency"] td').nth(2)).to_have_text(
            percent(efficiency["percent"]), timeout=RESULT)
        channel.locator(".copc-calc__copy").click()
        link = channel.locator(".copc-calc__link-input")
        # the scenario travels in the fragment, which browsers never send to a server
        expect(link).to_have_value(re.compile(r"^[^?]*/en/calculators/#channel-performance=[\w-]+$"))
        links["channel-performance"] = link.input_value()

        assessment = calc(page, "self-assessment")
        load_example(assessment, assessment_example.id)
        field(assessment, "items.2.8.met").fill(assessment_example.input["items"]["2.8"]["applicable"])
        expect(assessment.locator(".copc-decision")).to_have_attribute("data-certified", "true", timeout=RESULT)
        assessment.locator(".copc-calc__copy").click()
        links["self-assessment"] = assessment.locator(".copc-calc__link-input").input_value()

        process = calc(page, "process-certification")
        load_example(process, TWO_SITES)
        process.locator("input[data-site-name]").nth(1).fill("Okinawa")
        wait_result(process)
        process.locator(".copc-calc__copy").click()
        links["process-certification"] = process.locator(".copc-calc__link-input").input_value()
    finally:
        context.close()

    for lang in ("ja", "en"):
        # a fresh context (another browser: no localStorage), on the page in either language; the
        # three links' fragments together (one parameter per calculator) open all three scenarios
        context, page = new_page(browser, base_url)
        try:
            fragment = "&".join(url.split("#", 1)[1] for url in links.values())
            page.goto(f"{PAGES[lang]}#{fragment}")
            root = calc(page, "channel-performance")
            expect(field(root, "efficiency.improving")).to_have_value("20")
            expect(root.locator('.copc-calc__result tr[data-type="efficiency"] td').nth(2)).to_have_text(
                percent(efficiency["percent"]), timeout=BOOT)
            root = calc(page, "self-assessment")
            expect(field(root, "items.2.8.met")).to_have_value(assessment_example.input["items"]["2.8"]["applicable"])
            expect(root.locator(".copc-decision")).to_have_attribute("data-certified", "true", timeout=RESULT)
            expect(root.locator(".copc-decision")).to_contain_text(TEXT[lang]["certified"])
            root = calc(page, "process-certification")
            expect(root.locator("input[data-site-name]").nth(1)).to_have_value("Okinawa")
            expect(root.locator(".copc-unit").nth(2)).to_have_attribute("data-unit", "Okinawa", timeout=RESULT)
            expect(root.locator(".copc-decision")).to_have_attribute("data-ready", "false")
            # the links' state is now this browser's, and it has left the address bar
            assert "#" not in page.url and "?" not in page.url, page.url
            page.reload()
            expect(field(calc(page, "self-assessment"), "items.2.8.met")).to_have_value(
                assessment_example.input["items"]["2.8"]["applicable"])
        finally:
            context.close()


REPLACED = {
    "ja": {"example": "例を読み込んだため", "clear": "入力をクリアしました", "link": "共有リンクのシナリオ",
           "brokenLink": "保存されている入力を表示しています",
           "brokenLinkEmpty": "リンクのシナリオを読み取れませんでした",
           "restored": "元の入力に戻しました", "restore": "元の入力に戻す"},
    "en": {"example": "The example replaced your inputs", "clear": "Inputs cleared",
           "link": "the shared link's scenario", "brokenLink": "Showing your saved inputs",
           "brokenLinkEmpty": "could not be read", "restored": "Your earlier inputs are back",
           "restore": "Restore my inputs"},
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_inputs_replaced_by_an_example_a_clear_or_a_shared_link_can_be_restored(
        browser: Browser, base_url: str, lang: str) -> None:
    context, page = new_page(browser, base_url)
    mine = {"at_target": "60", "at_target_or_improving": "80", "total": "100"}
    later = {"at_target": "30", "at_target_or_improving": "40", "total": "90"}

    def rule() -> Locator:
        return calc(page, "rule-50-75")

    def bar() -> Locator:
        return rule().locator(".copc-calc__replaced")

    def type_in(values: dict[str, str]) -> None:
        for path, value in values.items():
            field(rule(), path).fill(value)
        wait_result(rule())

    def shows(values: dict[str, str]) -> None:
        for path, value in values.items():
            expect(field(rule(), path)).to_have_value(value)

    def restore() -> None:
        bar().locator(".copc-calc__restore").click()

    try:
        page.goto(PAGES[lang])
        wait_ready(rule())
        type_in(mine)
        expect(bar()).to_be_hidden()

        # the guide's example replaces them: they are offered back, in the page's language
        load_example(rule(), RULE.id)
        expect(field(rule(), "at_target")).to_have_value(RULE.input["at_target"])
        expect(bar()).to_have_attribute("data-reason", "example")
        expect(bar()).to_contain_text(REPLACED[lang]["example"])
        # after a reload, clearing the example still keeps the reader's own inputs, and the bar
        # says what replaced them last
        page.reload()
        wait_ready(rule())
        expect(bar()).to_be_visible()
        rule().locator(".copc-calc__clear").click()
        expect(field(rule(), "at_target")).to_have_value("")
        expect(bar()).to_have_attribute("data-reason", "clear")
        bar().get_by_role("button", name=REPLACED[lang]["restore"]).click()
        shows(mine)
        expect(bar()).to_be_hidden()

        # "clear" on the reader's own inputs, then new inputs typed, then a restore: both are kept
        rule().locator(".copc-calc__clear").click()
        expect(bar()).to_contain_text(REPLACED[lang]["clear"])
        type_in(later)
        restore()
        shows(mine)
        expect(bar()).to_have_attribute("data-reason", "restored")
        expect(bar()).to_contain_text(REPLACED[lang]["restored"])
        restore()  # back to what was shown before the restore
        shows(later)
        expect(bar()).to_be_hidden()
        type_in(mine)

        # an example, then a colleague's link on another visit: the reader's own inputs are kept
        load_example(rule(), RULE.id)
        theirs = {"at_target": "10", "at_target_or_improving": "20", "total": "50"}
        page.goto(f"{PAGES[lang]}#rule-50-75={link_state(theirs)}")
        wait_ready(rule())
        shows(theirs)
        expect(bar()).to_have_attribute("data-reason", "link")
        expect(bar()).to_contain_text(REPLACED[lang]["link"])
        restore()
        shows(mine)
        wait_result(rule())

        # a link cut short says so, and the saved inputs stay
        page.goto(f"{PAGES[lang]}#rule-50-75=%25%25garbage")
        wait_ready(rule())
        expect(bar()).to_have_attribute("data-reason", "brokenLink")
        expect(bar()).to_contain_text(REPLACED[lang]["brokenLink"])
        # nothing to restore: the message and Dismiss only (no stray "null" beside them)
        expect(bar().locator("button")).to_have_count(1)
        assert "null" not in (bar().text_content() or "")
        shows(mine)
        bar().locator(".copc-calc__replaced-dismiss").click()
        expect(bar()).to_be_hidden()
    finally:
        context.close()

    # a first visit through a link cut short: nothing saved to speak of
    context, page = new_page(browser, base_url)
    try:
        page.goto(f"{PAGES[lang]}#rule-50-75=%25%25garbage")
        wait_ready(rule())
        expect(bar()).to_have_attribute("data-reason", "brokenLinkEmpty")
        assert "null" not in (bar().text_content() or "")
        expect(bar()).to_contain_text(REPLACED[lang]["brokenLinkEmpty"])
        expect(bar()).not_to_contain_text(REPLACED[lang]["brokenLink"])
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_calculators_page_does_not_scroll_sideways_on_a_phone(browser: Browser, base_url: str, lang: str) -> None:
    # a 390-pixel phone: wide tables scroll inside their own box, never the page
    context, page = new_page(browser, base_url, viewport={"width": 390, "height": 844})
    try:
        page.goto(PAGES[lang])
        for name in NAMES:
            expect(calc(page, name)).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
        load_example(calc(page, "process-certification"), TWO_SITES)
        load_example(calc(page, "self-assessment"), examples_of("self-assessment")[0].id)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], widths
    finally:
        context.close()
