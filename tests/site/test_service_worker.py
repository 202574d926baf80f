"""The service worker the build writes (site/sw.js from offline/sw.template.js): what it
precaches, that every page registers it, and how the local server serves it. Its behaviour in
the browser is in tests/e2e/test_offline.py."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from scripts.precompress import is_copy

from tests.conftest import service_worker_manifest


def file_of(site: Path, url: str) -> Path:
    """The file a URL relative to the site root is served from."""
    return site / (url + "index.html" if url.endswith("/") or url == "./" else url).removeprefix("./")


def pages(site: Path) -> list[Path]:
    skip = ("assets/", "search/")
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(skip))


def test_the_service_worker_belongs_to_this_build(site_dir: Path) -> None:
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    data = service_worker_manifest(site_dir)
    assert data["build"] == info["build_id"]
    template = (site_dir.parent / "offline" / "sw.template.js").read_text(encoding="utf-8")
    assert "`${PREFIX}site-${MANIFEST.build}`" in template, "the cache is not named after the build id"


def test_every_page_of_both_languages_and_every_asset_is_precached(site_dir: Path) -> None:
    data = service_worker_manifest(site_dir)
    precached = {file_of(site_dir, url) for url in data["site"]}
    missing = [url for url in data["site"] if not file_of(site_dir, url).is_file()]
    assert missing == []
    html = set(pages(site_dir))
    assert any(p.relative_to(site_dir).parts[0] == "en" for p in html)
    assert html - precached == set()
    # what a page loads: styles, scripts, the calculators, the search index and its workers
    assets = site_dir / "assets"
    for path in [*assets.glob("stylesheets/*.css"), *assets.glob("javascripts/*.js"),
                 *assets.glob("javascripts/workers/*.js"), *assets.rglob("calculators/**/*.*"),
                 site_dir / "search" / "search_index.json", site_dir / "404.html"]:
        assert path in precached or is_copy(path), path.relative_to(site_dir)
    for url in ("assets/javascripts/lunr/min/lunr.ja.min.js", "assets/javascripts/lunr/tinyseg.js"):
        assert url in data["site"]
    # never precached: Pyodide (cached on the calculators' use), source maps
    assert not [url for url in data["site"] if url.startswith("assets/pyodide/") or url.endswith(".map")]


def test_pyodide_files_are_listed_with_their_revisions(site_dir: Path) -> None:
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    folder = site_dir / "assets" / "pyodide" / info["pyodide_version"]
    listed = service_worker_manifest(site_dir)["pyodide"]
    # all but the core's memory snapshot: a first visit takes it only on a fast network, and it is
    # cached then like any asset (this browser keeps its own copy in OPFS anyway)
    snapshots = [path for path in folder.iterdir() if path.name.endswith(".snapshot.gz")]
    assert len(snapshots) == 1
    # nor the optional packages' wheels (openpyxl, icalendar and their dependencies): only an
    # operation that needs one fetches it (tests/site/test_optional_packages.py)
    workbook = [path for path in folder.iterdir() if path.name.startswith(
        ("openpyxl-", "et_xmlfile-", "icalendar-", "python_dateutil-", "tzdata-")) and not is_copy(path)]
    assert len(workbook) == 5
    expected = {
        path.relative_to(site_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        for path in folder.iterdir() if path.is_file() and path not in snapshots + workbook and not is_copy(path)
    }
    assert listed == expected
    assert snapshots[0].relative_to(site_dir).as_posix() not in service_worker_manifest(site_dir)["site"]
    # the service worker's cache of them is named after this set of revisions (a new core, a new cache)
    set_digest = hashlib.sha256(json.dumps(expected, sort_keys=True).encode()).hexdigest()[:16]
    assert service_worker_manifest(site_dir)["pyodide_set"] == set_digest
    template = (site_dir.parent / "offline" / "sw.template.js").read_text(encoding="utf-8")
    assert "`${PYODIDE_PREFIX}-${MANIFEST.pyodide_set}`" in template
    names = {url.rsplit("/", 1)[-1] for url in listed}
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
            info["wheel"]} <= names


# Evaluates site/sw.js under Node with a stand-in for its global scope, runs its install handler,
# and prints the static routes it asked for (URL patterns as the dicts they were made from).
START_UNDER_NODE = r"""
const vm = require("node:vm");
const listeners = {};
let asked = null;
globalThis.self = {
  location: new URL("http://127.0.0.1:8000/sw.js"),
  addEventListener: (type, listener) => { listeners[type] = listener; },
  skipWaiting: async () => {},
};
globalThis.caches = { open: async () => { throw new Error("no caches here"); }, keys: async () => [] };
globalThis.URLPattern = class { constructor(init) { Object.assign(this, init); } };
vm.runInThisContext(require("node:fs").readFileSync(process.argv[1], "utf8"));
listeners.install({
  addRoutes: async (rules) => { asked = rules; },
  waitUntil: (promise) => { promise.catch(() => {}); },
});
console.log(JSON.stringify({ listeners: Object.keys(listeners).sort(), routes: asked }));
"""


def test_it_starts_and_routes_assets_and_pyodide_to_its_caches(site_dir: Path) -> None:
    """The worker's script runs (an error at its start would leave every page without it), and
    its install asks Chromium to answer the assets and Pyodide's files from its caches."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run `make setup`")
    out = subprocess.run([node, "-e", START_UNDER_NODE, str(site_dir / "sw.js")],
                         capture_output=True, text=True, check=True)
    started = json.loads(out.stdout)
    assert started["listeners"] == ["activate", "fetch", "install", "message"]
    data = service_worker_manifest(site_dir)
    pyodide, fetch_event, assets = started["routes"]
    assert pyodide["source"] == {"cacheName": f"copc-pyodide-{data['pyodide_set']}"}
    assert sorted(pattern["urlPattern"]["pathname"] for pattern in pyodide["condition"]["or"]) == \
        sorted(f"/{path}" for path in data["pyodide"])
    # the rest of Pyodide's folder (the site's memory snapshot) stays with the fetch handler
    assert fetch_event == {"condition": {"urlPattern": {"protocol": "http", "hostname": "127.0.0.1", "port": "8000",
                                                        "pathname": "/assets/pyodide/*"}},
                           "source": "fetch-event"}
    assert assets["condition"]["urlPattern"]["pathname"] == "/assets/*"
    assert assets["source"] == {"cacheName": f"copc-site-{data['build']}"}


class Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append({name: value or "" for name, value in attrs})


def test_every_page_registers_the_service_worker_at_the_site_root(site_dir: Path) -> None:
    base = "http://site.test/"
    wrong = []
    for path in pages(site_dir):
        relative = path.relative_to(site_dir).as_posix()
        page_url = urljoin(base, relative)
        scan = Scripts()
        scan.feed(path.read_text(encoding="utf-8"))
        found = [s for s in scan.scripts if s.get("src", "").endswith("assets/javascripts/copc-offline.js")]
        if len(found) != 1 or urljoin(page_url, found[0].get("data-sw", "")) != base + "sw.js":
            wrong.append(relative)
    assert wrong == []


@pytest.mark.parametrize(("path", "cache_control"), [
    ("sw.js", "no-store"),  # the browser's update check must see a rebuilt sw.js at once
    ("assets/javascripts/copc-offline.js", "no-cache"),
])
def test_the_server_serves_it_as_javascript_never_kept_unchecked(site_server: str, path: str,
                                                                 cache_control: str) -> None:
    with urllib.request.urlopen(site_server + path, timeout=30) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "text/javascript"
        assert response.headers["Cache-Control"] == cache_control
