"""The operations that need an optional package (copc_cx.optional: the Excel workbook's openpyxl,
the calendar file's icalendar) in the browser. A calculator page loads no byte of those packages:
not when its engine boots, not when the service worker caches Pyodide for offline use. The first
request for such an operation loads them from the site (after a full boot and after a memory
snapshot's restore alike), once, while the other operations go on answering; a package that cannot
be fetched is answered "package", and the same request tried again loads it. The first time a wheel
is fetched, the service worker keeps it for offline use."""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Request, Route, expect
from scripts.browser import SHIPPED_SNAPSHOT
from scripts.build_site import is_optional_wheel

from copc_cx import web
from copc_cx.examples import EXAMPLES, EXAMPLES_BY_ID
from copc_cx.files import assessment_file, process_file
from tests.e2e.helpers import hold_requests, new_page

pytestmark = pytest.mark.e2e

BOOT = 120_000  # ms: a cold Pyodide boot on a busy two-core machine
CACHED = 180_000  # ms: the service worker installed and Pyodide cached


def optional_wheels(urls: list[str]) -> list[str]:
    """The file names of the optional packages' wheels among `urls`."""
    names = [urlsplit(url).path.rsplit("/", 1)[-1] for url in urls]
    return [name for name in names if is_optional_wheel(name)]

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""


def test_a_calculator_page_loads_no_byte_of_the_optional_packages_until_an_operation_needs_them(
    browser: Browser, site_server: str, site_dir: Path,
) -> None:
    context = browser.new_context(base_url=site_server, service_workers="allow")
    requested: list[str] = []

    def seen(request: Request) -> None:
        requested.append(request.url)

    context.on("request", seen)  # the page's, its workers' and (Chromium) the service worker's
    try:
        page = context.new_page()
        page.goto("/scoring/items-1-3/")
        expect(page.locator('.copc-calc[data-calc="item-score"]')).to_have_attribute("data-engine", "ready",
                                                                                      timeout=BOOT)
        expect(page.locator("html")).to_have_attribute("data-copc-offline", "calculators", timeout=CACHED)
        assert any("/assets/pyodide/" in url for url in requested)  # the engine's own files were seen
        assert optional_wheels(requested) == []
        cached = page.evaluate(CACHED_URLS)
        assert any("pyodide.asm.wasm" in url for url in cached)
        assert optional_wheels(cached) == []

        # what an export will fetch (the lock's file names) is kept by the service worker once fetched
        info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
        folder = f"/assets/pyodide/{info['pyodide_version']}/"
        lock = json.loads((site_dir / folder.strip("/") / "pyodide-lock.json").read_text(encoding="utf-8"))
        wheel = folder + lock["packages"]["openpyxl"]["file_name"]
        assert page.evaluate("async (url) => (await (await fetch(url)).arrayBuffer()).byteLength", wheel) > 100_000
        page.wait_for_function(
            "async (name) => (await caches.keys()).length && (await Promise.all((await caches.keys()).map("
            "async (c) => (await (await caches.open(c)).keys()).some((r) => r.url.endsWith(name))))).some(Boolean)",
            arg=lock["packages"]["openpyxl"]["file_name"], timeout=30_000)
    finally:
        context.close()


PAGE = "/en/scoring/items-1-3/"  # one calculator (item-score): the engine, nothing else
SAMPLE = next(e for e in EXAMPLES if e.calculator == "self-assessment").input
ASSESSMENT = {**SAMPLE, "organisation": "サンプル株式会社", "date": "2026-12-05", "notes": {"2.15": "手順書 v3"}}
TIMELINE = {**EXAMPLES_BY_ID["timeline-fastest-march"].input, "lang": "en"}
GOOD = {"at_target": "3", "at_target_or_improving": "4", "total": "5"}  # a rule-50-75 form's request
OPENPYXL = re.compile(r".*/openpyxl-[^/]*\.whl$")
ICALENDAR = re.compile(r".*/icalendar-[^/]*\.whl$")

# client.mjs, once the engine is ready: the calls a test starts wait in window.asked
CLIENT = """
window.client = await import("/assets/calculators/client.mjs");
await new Promise((ready) => client.subscribe((status) => { if (status.stage === "ready") ready(); }));
"""


@pytest.mark.parametrize("boot", ["shipped", "full"])
def test_an_operation_that_needs_an_optional_package_loads_it_from_the_site_on_first_use(
    browser: Browser, base_url: str, boot: str,
) -> None:
    """Both ways the engine starts: from the site's memory snapshot (the wheels are fetched, checked
    and unpacked) and in full (Pyodide's loadPackage from the site-local lock)."""
    context, page = new_page(browser, base_url, service_workers="block")
    page.set_default_timeout(BOOT)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        if boot == "full":
            context.route(SHIPPED_SNAPSHOT, lambda route: route.fulfill(status=404, body="missing"))
        context.route(ICALENDAR, lambda route: route.abort("internetdisconnected"))  # offline for icalendar first
        held: list[Route] = hold_requests(context, OPENPYXL)  # the workbook's package comes late
        page.goto(PAGE)
        root = page.locator('.copc-calc[data-calc="item-score"]')
        expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)
        expect(root).to_have_attribute("data-engine-start", boot)
        page.evaluate("async () => {" + CLIENT + "}")
        assert optional_wheels(requested) == []  # the boot fetched none of them

        with context.expect_event("request", predicate=lambda request: bool(OPENPYXL.match(request.url))):
            page.evaluate("""(assessment) => {
                window.asked = { written: [client.compute("workbook-write", { assessment, lang: "ja" }),
                                           client.compute("workbook-write", { assessment, lang: "ja" })] };
            }""", ASSESSMENT)
        # while openpyxl is on its way, the core answers, and the calendar file says icalendar cannot be had
        core = page.evaluate("(good) => client.compute('rule-50-75', good)", GOOD)
        assert core == json.loads(web.handle(json.dumps({"op": "rule-50-75", "input": GOOD})))
        offline: dict[str, Any] = page.evaluate("(input) => client.compute('timeline-ics', input)", TIMELINE)
        assert offline["ok"] is False and offline["failure"] == "package", offline
        assert offline["packages"] == ["icalendar", "python-dateutil", "tzdata"]
        [error] = offline["errors"]
        assert error["field"] == "request" and "icalendar" in error["en"] and "icalendar" in error["ja"]
        assert "network" in error["en"] and "ネットワーク" in error["ja"]
        assert len(held) == 1  # both workbook requests wait for one download
        for route in held:
            route.continue_()
        written: list[dict[str, Any]] = page.evaluate("() => Promise.all(asked.written)")
        for answer in written:
            assert answer["ok"], json.dumps(answer)[:3000]
            assert answer["result"]["data"].startswith("UEsD")  # a zip file: the .xlsx
            assert answer["result"]["file_name"].endswith(".xlsx")

        # the network is back: the same request loads icalendar and answers
        context.unroute(ICALENDAR)
        ics: dict[str, Any] = page.evaluate("(input) => client.compute('timeline-ics', input)", TIMELINE)
        assert ics["ok"], ics
        assert ics["result"]["text"].startswith("BEGIN:VCALENDAR") and ics["result"]["media_type"] == "text/calendar"
        read: dict[str, Any] = page.evaluate("(data) => client.compute('workbook-read', { data })",
                                             written[0]["result"]["data"])
        assert read["ok"], read
        assert read["result"]["input"] == assessment_file.self_assessment_input(assessment_file.read_data(ASSESSMENT))
        assert base64.b64decode(written[0]["result"]["data"])[:2] == b"PK"
        # the process-certification workbook's module answers with the openpyxl already loaded
        check = {**EXAMPLES_BY_ID["level-rule-two-sites"].input, "organisation": "Example"}
        process: dict[str, Any] = page.evaluate("""async (assessment) => {
            const written = await client.compute("process-workbook-write", { assessment, lang: "en" });
            return written.ok ? client.compute("process-workbook-read", { data: written.result.data }) : written;
        }""", check)
        assert process["ok"], json.dumps(process)[:3000]
        assert process["result"]["input"] == process_file.process_input(process_file.read_data(check))

        # each wheel fetched once (icalendar again after its failure), and nothing from elsewhere
        fetched = Counter(name.split("-", 1)[0] for name in optional_wheels(requested))
        assert fetched == {"openpyxl": 1, "et_xmlfile": 1, "icalendar": 2, "python_dateutil": 1, "tzdata": 1}
        origin = base_url.rstrip("/")
        assert [url for url in requested if url.startswith(("http:", "https:")) and not url.startswith(origin)] == []
    finally:
        context.close()
