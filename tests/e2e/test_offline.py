"""Offline: after one visit, every page of both languages works with the network off, and after
one visit to a calculator page, the calculators too (Pyodide from the service worker's cache).

"Network off" is both ``context.set_offline(True)`` (which Playwright also applies to the service
worker) and the site's server shut down. Each test serves its own server (or copy of the site),
so it can stop it. Waits are locator assertions on the markers of copc-offline.js
(``<html data-copc-offline="pages" | "calculators">``) and of the calculators.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError
from scripts.build_site import write_service_worker

from tests.conftest import SERVERS, page_files, page_url, service_worker_manifest
from tests.e2e.helpers import Server, example_points, example_result, go_offline, number

pytestmark = pytest.mark.e2e

BOOT = 120_000  # ms: a cold Pyodide boot plus caching it, on a busy two-core machine
CACHED = 180_000  # ms: the service worker installed and (calculator pages) Pyodide cached


@pytest.fixture
def serve(server_kind: str) -> Iterator[Callable[[Path], Server]]:
    """Start a server of ``server_kind`` for a folder (scripts/serve.py, or nginx where a test is
    parametrised over both). A copy of the site that a test rebuilds keeps its stale precompressed
    copies, which nginx would send: those tests stay on serve.py."""
    servers: list[Server] = []

    def start(directory: Path) -> Server:
        servers.append(Server(directory, server_kind))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def open_context(browser: Browser) -> Iterator[Callable[[str], BrowserContext]]:
    contexts: list[BrowserContext] = []

    def new(base_url: str) -> BrowserContext:
        contexts.append(browser.new_context(base_url=base_url, service_workers="allow"))
        return contexts[-1]

    yield new
    for context in contexts:
        context.close()


def page_paths(site: Path) -> list[str]:
    """URL paths of every page of both languages (``/``, ``/en/``, ``/scoring/system/`` ...)."""
    return sorted(page_url(site, page) for page in page_files(site))


def visit_a_copy(site_dir: Path, tmp_path: Path, serve: Callable[[Path], Server],
                 open_context: Callable[[str], BrowserContext], path: str,
                 level: str) -> tuple[Path, Server, BrowserContext, Page]:
    """A copy of the site (for a test to rebuild), served, and a visit to ``path`` until the
    service worker keeps ``level`` ("pages" or "calculators") offline."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server = serve(copy)
    context = open_context(server.url)
    page = context.new_page()
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("data-copc-offline", level, timeout=CACHED)
    return copy, server, context, page


# every page under the server the site is published with; serve.py's caching is covered by the
# other offline tests, and a second walk over every page costs 40 s of the suite
@pytest.mark.parametrize("server_kind", ["nginx"], indirect=True)
def test_every_page_works_offline_after_one_visit(site_dir: Path, serve: Callable[[Path], Server],
                                                  open_context: Callable[[str], BrowserContext]) -> None:
    server = serve(site_dir)
    context = open_context(server.url)
    page = context.new_page()
    page.goto("/glossary/")  # a page without a calculator
    expect(page.locator("html")).to_have_attribute("data-copc-offline", "pages", timeout=CACHED)
    go_offline(context, server)

    paths = page_paths(site_dir)
    assert "/en/" in paths and len(paths) > 20
    problems = []
    for path in paths:
        response = page.goto(path)
        if response is None or response.status != 200 or not response.from_service_worker:
            problems.append(f"{path}: {response and response.status} (from the service worker: "
                            f"{response and response.from_service_worker})")
            continue
        lang = "en" if path.startswith("/en/") else "ja"
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator(".md-content h1").first).to_be_visible()
        # the stylesheet came from the cache too: Material's header is laid out
        expect(page.locator(".md-header")).to_have_css("position", "sticky")
    assert problems == []

    # the search (its worker, the lunr scripts for Japanese, the index) works from the cache
    page.goto("/en/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("deployment")
    expect(page.locator(".md-search-result__item > a.md-search-result__link").first).to_be_visible(timeout=30_000)
    # on a calculator page Material's worker is loaded by copc-search.js, whose location lacks the
    # URL's fragment when the service worker serves it (Pyodide is not cached yet: the engine
    # fails, and search works all the same)
    page.goto("/en/calculators/")
    box.click()
    box.fill("deployment")
    expect(page.locator(".md-search-result__item > a.md-search-result__link").first).to_be_visible(timeout=30_000)

    # a page that does not exist: the site's 404 page, from the cache
    response = page.goto("/no/such/page/")
    assert response is not None and response.status == 404
    expect(page.locator(".md-content a[href='/en/']")).to_have_count(1)


@pytest.mark.parametrize("server_kind", SERVERS, indirect=True)
def test_calculators_work_offline_after_one_visit_to_a_calculator_page(
        site_dir: Path, serve: Callable[[Path], Server], open_context: Callable[[str], BrowserContext]) -> None:
    server = serve(site_dir)
    context = open_context(server.url)
    page = context.new_page()
    page.goto("/scoring/items-1-3/")
    expect(page.locator('.copc-calc[data-calc="item-score"]')).to_have_attribute("data-engine", "ready", timeout=BOOT)
    expect(page.locator("html")).to_have_attribute("data-copc-offline", "calculators", timeout=CACHED)
    go_offline(context, server)

    # a calculator page never visited, in the other language
    response = page.goto("/en/calculators/")
    assert response is not None and response.ok and response.from_service_worker
    root = page.locator('.copc-calc[data-calc="item-score"]')
    expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)
    root.locator('.copc-calc__example[data-example="item-2.15"]').click()
    expect(root).to_have_attribute("data-state", "result", timeout=BOOT)
    expect(root.locator(".copc-calc__result-inner")).to_have_attribute(
        "data-points", number(example_result("item-2.15")["points"]))
    expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))

    # the runtime comes from the cache with the type streaming compilation needs
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    wasm = f"/assets/pyodide/{info['pyodide_version']}/pyodide.asm.wasm"
    content_type = page.evaluate("async (url) => (await fetch(url)).headers.get('content-type')", wasm)
    assert content_type == "application/wasm"

    # Chromium answers the assets and Pyodide's files from the caches itself (static routes),
    # without the service worker's fetch handler
    asset = "/assets/calculators/boot.js"
    assert page.evaluate(ROUTED, [wasm, asset]) == {wasm: ["cache", "cache"], asset: ["cache", "cache"]}


# how the browser answered each URL: PerformanceResourceTiming's matched and final source of a
# service worker's static route ("cache"), or "" where no route applied
ROUTED = """async (urls) => {
  const answered = {};
  for (const url of urls) {
    await (await fetch(url)).arrayBuffer();  // the entry is written once the body has come
    const entry = performance.getEntriesByName(new URL(url, location.href).href).pop();
    answered[url] = [entry.workerMatchedSourceType, entry.workerFinalSourceType];
  }
  return answered;
}"""


def test_a_rebuild_keeps_the_unchanged_pyodide_files_offline(
        site_dir: Path, tmp_path: Path, serve: Callable[[Path], Server],
        open_context: Callable[[str], BrowserContext]) -> None:
    """A new build with one Pyodide file changed: its service worker fetches that file and copies
    the others from the old cache (the server no longer has them), into a cache of its own."""
    copy, server, context, page = visit_a_copy(site_dir, tmp_path, serve, open_context,
                                               "/en/calculators/", "calculators")
    old = page.evaluate(PYODIDE_CACHES)
    assert len(old) == 1

    # "rebuild": a changed lock (still valid JSON); every other Pyodide file is gone from the server
    info = json.loads((copy / "assets" / "build-info.json").read_text(encoding="utf-8"))
    folder = copy / "assets" / "pyodide" / info["pyodide_version"]
    lock = folder / "pyodide-lock.json"
    lock.write_text(lock.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    write_service_worker("rebuild-pyodide", site=copy)
    listed = service_worker_manifest(copy)["pyodide"]
    names = sorted(url.rsplit("/", 1)[-1] for url in listed)
    for name in names:
        if name != lock.name:
            (folder / name).rename(tmp_path / name)

    page.goto("/en/glossary/")  # the browser finds the new worker, which takes over and reloads the page
    expect(page.locator("html")).to_have_attribute("data-copc-offline", "pages", timeout=CACHED)
    # the new worker has activated once its site cache is there and the old Pyodide cache is gone
    # (polled from here: the page reloads when the new worker takes it over)
    activated = "async (old) => { const names = await caches.keys();" \
                " return names.includes('copc-site-rebuild-pyodide') && !names.includes(old); }"
    deadline = time.monotonic() + CACHED / 1000
    while not evaluated(page, activated, next(iter(old))):
        assert time.monotonic() < deadline, "the rebuilt service worker did not take over"
        page.wait_for_timeout(200)
    new = page.evaluate(PYODIDE_CACHES)
    assert len(new) == 1 and new.keys() != old.keys()
    revisions = {urljoin(server.url, path): rev for path, rev in listed.items()}
    assert next(iter(new.values())) == {"files": names, "revisions": revisions}  # every file, of this build

    go_offline(context, server)
    page.goto("/en/calculators/")
    root = page.locator('.copc-calc[data-calc="item-score"]')
    root.locator('.copc-calc__example[data-example="item-2.15"]').click()
    expect(root.locator(".copc-calc__result-inner")).to_have_attribute(
        "data-points", number(example_result("item-2.15")["points"]), timeout=BOOT)


def evaluated(page: Page, script: str, arg: object) -> object:
    """``page.evaluate``, or None when a navigation destroyed the page's context meanwhile."""
    try:
        return page.evaluate(script, arg)
    except PlaywrightError as error:
        if "context was destroyed" not in str(error):
            raise
        return None


# {cache name: {"files": [file name, ...], "revisions": the set recorded in it}} of the service
# worker's caches of Pyodide's files
PYODIDE_CACHES = """async () => {
  const found = {};
  for (const name of (await caches.keys()).filter((name) => name.startsWith("copc-pyodide"))) {
    const cache = await caches.open(name);
    const files = [];
    let revisions = null;
    for (const request of await cache.keys()) {
      if (request.url.endsWith("/copc-pyodide-revisions.json")) revisions = await (await cache.match(request)).json();
      else files.push(request.url.split("/").pop());
    }
    found[name] = { files: files.sort(), revisions };
  }
  return found;
}"""


def test_a_rebuild_replaces_the_cached_site(site_dir: Path, tmp_path: Path, serve: Callable[[Path], Server],
                                            open_context: Callable[[str], BrowserContext]) -> None:
    """A new build id: the page shown from the old cache reloads itself with the new build, and
    the old cache is deleted."""
    copy, server, context, page = visit_a_copy(site_dir, tmp_path, serve, open_context, "/en/glossary/", "pages")
    old_caches = page.evaluate("async () => await caches.keys()")
    assert any(name.startswith("copc-site-") for name in old_caches)

    # "rebuild": change the page, write a service worker with a new build id
    glossary = copy / "en" / "glossary" / "index.html"
    html = glossary.read_text(encoding="utf-8")
    marker = "Rebuilt glossary for the offline test"
    html, count = re.subn(r"(<h1[^>]*>)", rf"\1{marker} ", html, count=1)
    assert count == 1
    glossary.write_text(html, encoding="utf-8")
    write_service_worker("rebuild-for-test", site=copy)

    page.reload()  # served by the old worker; the browser finds the new one and it takes over
    expect(page.locator(".md-content h1").first).to_contain_text(marker, timeout=CACHED)
    names = page.evaluate("async () => await caches.keys()")
    assert "copc-site-rebuild-for-test" in names
    assert not set(names) & {name for name in old_caches if name.startswith("copc-site-")}

    # and the new build is what works offline
    go_offline(context, server)
    page.goto("/en/glossary/")
    expect(page.locator(".md-content h1").first).to_contain_text(marker)
