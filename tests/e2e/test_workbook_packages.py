"""A calculator page loads no byte of the workbook's packages (openpyxl, et-xmlfile): not when its
engine boots, not when the service worker caches Pyodide for offline use. The first time they are
fetched (as an Excel export or import will), the service worker keeps them for offline use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Request, expect

pytestmark = pytest.mark.e2e

BOOT = 120_000  # ms: a cold Pyodide boot on a busy two-core machine
CACHED = 180_000  # ms: the service worker installed and Pyodide cached
WHEELS = ("openpyxl-", "et_xmlfile-")

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""


def test_a_calculator_page_loads_no_byte_of_openpyxl_until_a_workbook_needs_it(
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
        assert [url for url in requested if any(w in url for w in WHEELS)] == []
        cached = page.evaluate(CACHED_URLS)
        assert any("pyodide.asm.wasm" in url for url in cached)
        assert [url for url in cached if any(w in url for w in WHEELS)] == []

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
