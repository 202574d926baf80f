"""The site as it is published: the headers' one definition (scripts/site_headers.py) and its
three outputs (scripts/serve.py, deploy/nginx/, site/_headers), what each server sends for every
page and file, the build's precompressed copies and nginx sending them, and the build for a
sub-path."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from urllib.parse import quote

import brotli  # type: ignore[import-untyped]
import pytest
from scripts import build_site, site_headers
from scripts.build_site import PYODIDE_RUNTIME, build_id, service_worker_manifest
from scripts.precompress import MIN_SAVING, is_copy
from scripts.site_headers import IMMUTABLE, NEVER, REVALIDATE, SECURITY_HEADERS, cache_kind, content_type

from tests.conftest import SERVERS, SUBPATH, page_files, page_url


def fetch(url: str, method: str = "GET", encoding: str | None = None) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, method=method, headers={"Accept-Encoding": encoding or "identity"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def site_files(site: Path) -> list[str]:
    """Every file the site publishes (not the precompressed copies nor the static hosts' _headers),
    relative to its folder."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and not is_copy(p) and p.name != build_site.HEADERS_FILE)


def pyodide_folder(site: Path) -> str:
    info = json.loads((site / "assets" / "build-info.json").read_text(encoding="utf-8"))
    return f"assets/pyodide/{info['pyodide_version']}/"


# --- the definition ---------------------------------------------------------------------------

def test_the_committed_nginx_configuration_is_the_definitions() -> None:
    done = subprocess.run([sys.executable, "-m", "scripts.site_headers", "--check"], cwd=site_headers.ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout


def test_every_kind_of_file_the_site_has_gets_its_own_content_type(site_dir: Path) -> None:
    untyped = {name.rsplit(".", 1)[-1] for name in site_files(site_dir)
               if name.rsplit(".", 1)[-1] not in site_headers.CONTENT_TYPES}
    assert untyped == set()
    assert content_type("pyodide.asm.wasm") == "application/wasm"
    assert content_type("kit.mjs") == "text/javascript; charset=utf-8"


def test_each_kind_of_file_is_cached_as_its_name_allows(site_dir: Path) -> None:
    """Named after their content or version: kept a year without asking. The same name for new
    content: checked before each use. The service worker's script: never kept."""
    kinds: dict[str, list[str]] = {}
    for name in site_files(site_dir):
        kinds.setdefault(cache_kind("/" + name).name, []).append(name)
    folder = pyodide_folder(site_dir)
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    assert kinds[NEVER.name] == ["sw.js"]
    immutable = set(kinds[IMMUTABLE.name])
    assert {folder + name for name in PYODIDE_RUNTIME} <= immutable
    assert any(name.endswith(".snapshot.gz") for name in immutable)
    assert any(re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", name) for name in immutable)
    # the core wheel keeps its name (0.1.0) when the core changes; its lock and every page too
    revalidated = set(kinds[REVALIDATE.name])
    assert {folder + info["wheel"], folder + "pyodide-lock.json", "index.html", "search/search_index.json",
            "assets/calculators/client.mjs", "assets/javascripts/copc-offline.js"} <= revalidated
    # the same under a sub-path
    assert cache_kind(f"{SUBPATH}{folder}pyodide.asm.wasm") is IMMUTABLE
    assert cache_kind(f"{SUBPATH}sw.js") is NEVER


@pytest.mark.parametrize("site", ["root", "sub-path"])
def test_the_static_hosts_headers_file_is_written_with_the_build(
        site: str, site_dir: Path, subpath_site_dir: Path) -> None:
    folder, base = (site_dir, "/") if site == "root" else (subpath_site_dir, SUBPATH)
    text = (folder / "_headers").read_text(encoding="utf-8")
    assert text == site_headers.headers_file(site_files(folder), base)
    rules = [line for line in text.splitlines() if line.startswith("/")]
    assert all(rule.startswith(base) for rule in rules)
    # the security headers for every path; Cache-Control only where a host's default (revalidate) is wrong
    assert rules[0] == f"{base}*"
    assert f"  Content-Security-Policy: {site_headers.CONTENT_SECURITY_POLICY}" in text
    assert f"{base}sw.js\n  Cache-Control: no-store\n" in text
    assert f"{base}{pyodide_folder(folder)}pyodide.asm.wasm\n  Cache-Control: {IMMUTABLE.cache_control}\n" in text
    assert text.count("Cache-Control: ") == len(rules) - 1
    # Cloudflare Pages' limits: 100 rules, 2,000 characters a line
    assert len(rules) <= 100 and max(len(line) for line in text.splitlines()) <= 2000


# --- what the servers send ----------------------------------------------------------------------

@pytest.mark.parametrize("server_kind", SERVERS, indirect=True)
def test_every_page_comes_with_the_sites_headers(server_url: str, site_dir: Path) -> None:
    problems = []
    for page in page_files(site_dir):
        path = page_url(site_dir, page)
        status, headers, _ = fetch(server_url + path.lstrip("/"), "HEAD")
        sent = {name: headers[name] for name in [*SECURITY_HEADERS, "Cache-Control", "Content-Type"]}
        wanted = {**SECURITY_HEADERS, "Cache-Control": REVALIDATE.cache_control,
                  "Content-Type": "text/html; charset=utf-8"}
        if status != 200 or sent != wanted:
            problems.append(f"{path}: {status} {sent}")
    assert problems == []


@pytest.mark.parametrize("server_kind", SERVERS, indirect=True)
def test_every_file_comes_with_its_type_and_cache_policy(server_url: str, site_dir: Path) -> None:
    problems = []
    for name in site_files(site_dir):
        status, headers, _ = fetch(server_url + quote(name), "HEAD")
        sent = (status, headers["Content-Type"], headers["Cache-Control"], headers["Content-Security-Policy"])
        wanted = (200, content_type(name), cache_kind("/" + name).cache_control, site_headers.CONTENT_SECURITY_POLICY)
        if sent != wanted:
            problems.append(f"{name}: {sent}")
    assert problems == []


@pytest.mark.parametrize("server_kind", SERVERS, indirect=True)
@pytest.mark.parametrize("path", ["no/such/page/", "en/no-such-page/", "assets/", "assets/pyodide/nothing.wasm"])
def test_missing_paths_get_the_bilingual_404_page(server_url: str, site_dir: Path, path: str) -> None:
    status, headers, body = fetch(server_url + path)
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    # never kept: the page may exist after the next deploy
    assert headers["Cache-Control"] == REVALIDATE.cache_control
    assert headers["Content-Security-Policy"] == site_headers.CONTENT_SECURITY_POLICY
    assert body == (site_dir / "404.html").read_bytes()
    assert 'href="/"' in body.decode() and 'href="/en/"' in body.decode()


def test_nginx_does_not_publish_the_static_hosts_headers_file(nginx_server: str) -> None:
    status, _, body = fetch(nginx_server + "_headers")
    assert status == 404 and b"Content-Security-Policy:" not in body


# --- compressed transfers -----------------------------------------------------------------------

DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_nginx_sends_the_wasm_compressed_to_a_browser_that_asks(nginx_server: str, site_dir: Path,
                                                                encoding: str) -> None:
    path = pyodide_folder(site_dir) + "pyodide.asm.wasm"
    original = (site_dir / path).read_bytes()
    status, headers, body = fetch(nginx_server + path, encoding=f"{encoding}, deflate")
    assert status == 200
    assert headers["Content-Encoding"] == encoding
    assert headers["Content-Type"] == "application/wasm"
    assert headers["Vary"] == "Accept-Encoding"
    assert headers["Cache-Control"] == IMMUTABLE.cache_control
    assert int(headers["Content-Length"]) == len(body) < 0.4 * len(original)
    assert DECODE[encoding](body) == original


def test_nginx_sends_the_files_as_they_are_to_a_client_that_asks_for_no_encoding(
        nginx_server: str, site_dir: Path) -> None:
    for path in (pyodide_folder(site_dir) + "pyodide.asm.wasm", "index.html"):
        status, headers, body = fetch(nginx_server + path)
        assert status == 200 and headers["Content-Encoding"] is None
        assert body == (site_dir / path).read_bytes()


def test_nginx_sends_already_compressed_files_as_they_are(nginx_server: str, site_dir: Path) -> None:
    """The snapshot is a gzip file the calculators' worker unpacks itself; the stdlib zip gains
    nothing: both go as they are, with the size the worker judges the snapshot's download by."""
    folder = site_dir / pyodide_folder(site_dir)
    snapshot = next(folder.glob("*.snapshot.gz"))
    for path in (snapshot, folder / "python_stdlib.zip"):
        status, headers, body = fetch(nginx_server + path.relative_to(site_dir).as_posix(), encoding="br, gzip")
        assert status == 200 and headers["Content-Encoding"] is None
        assert int(headers["Content-Length"]) == len(body) == path.stat().st_size


def test_every_precompressed_copy_holds_its_file_and_saves_enough(site_dir: Path) -> None:
    copies = sorted(p for p in site_dir.rglob("*") if p.is_file() and is_copy(p))
    names = {p.relative_to(site_dir).as_posix() for p in copies}
    folder = pyodide_folder(site_dir)
    # the large text and the wasm have both; what gains too little has none
    for name in (folder + "pyodide.asm.wasm", folder + "pyodide.asm.mjs", "search/search_index.json",
                 "assets/calculators/generated/catalog.mjs", "index.html", "en/calculators/index.html"):
        assert {name + ".br", name + ".gz"} <= names, name
    # the zip files that are deflated already gain too little; tzdata's wheel, which stores its
    # small files uncompressed, gains more than enough and has both
    deflated = (folder + "python_stdlib.zip", folder + "copc_cx-", folder + "openpyxl-")
    assert not {n for n in names if n.startswith(deflated) or ".snapshot." in n}
    assert {folder + "tzdata-2026.6-py2.py3-none-any.whl.br"} <= names
    problems = []
    for copy in copies:
        original = copy.with_suffix("").read_bytes()
        decoded = (brotli.decompress if copy.suffix == ".br" else gzip.decompress)(copy.read_bytes())
        if decoded != original or copy.stat().st_size > (1 - MIN_SAVING) * len(original):
            problems.append(copy.relative_to(site_dir).as_posix())
    assert problems == []


def test_precompressed_copies_are_neither_precached_nor_in_the_build_id(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("page " * 500, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    before = build_id(tmp_path, tmp_path / "build-info.json")
    manifest = service_worker_manifest(tmp_path, "test")
    (tmp_path / "index.html.gz").write_bytes(gzip.compress((tmp_path / "index.html").read_bytes()))
    (tmp_path / "index.html.br").write_bytes(brotli.compress((tmp_path / "index.html").read_bytes()))
    (tmp_path / "_headers").write_text("/*\n  X-Content-Type-Options: nosniff\n", encoding="utf-8")
    assert build_id(tmp_path, tmp_path / "build-info.json") == before
    assert service_worker_manifest(tmp_path, "test") == manifest


# --- the build for a sub-path -------------------------------------------------------------------

def test_the_sub_path_builds_links_stay_under_it(subpath_site_dir: Path) -> None:
    """Every absolute link of the site built for /copc/ leads into /copc/ (MkDocs's own links are
    relative; the language switcher's, the 404 page's and the i18n plugin's are absolute)."""
    absolute = re.compile(r'(?:href|src|data-sw|action)="(/[^"]*)"')
    outside = set()
    for page in sorted(subpath_site_dir.rglob("*.html")):
        outside |= {link for link in absolute.findall(page.read_text(encoding="utf-8"))
                    if not link.startswith(SUBPATH)}
    assert outside == set()
    not_found = (subpath_site_dir / "404.html").read_text(encoding="utf-8")
    assert f'href="{SUBPATH}"' in not_found and f'href="{SUBPATH}en/"' in not_found
    assert build_site.site_base_path(subpath_site_dir) == SUBPATH


def test_the_default_build_is_for_the_sites_root(site_dir: Path) -> None:
    assert build_site.site_base_path(site_dir) == "/"


def test_nginx_serves_the_sub_path_build_under_it(subpath_server: str, subpath_site_dir: Path) -> None:
    assert subpath_server.endswith(SUBPATH)
    status, headers, _ = fetch(subpath_server + "en/", "HEAD")
    assert status == 200 and headers["Content-Security-Policy"] == site_headers.CONTENT_SECURITY_POLICY
    wasm = pyodide_folder(subpath_site_dir) + "pyodide.asm.wasm"
    status, headers, _ = fetch(subpath_server + wasm, "HEAD", encoding="br")
    assert (status, headers["Content-Encoding"], headers["Cache-Control"]) == (200, "br", IMMUTABLE.cache_control)
    status, headers, _ = fetch(subpath_server + "sw.js", "HEAD")
    assert (status, headers["Cache-Control"]) == (200, NEVER.cache_control)
    status, _, body = fetch(subpath_server + "no/such/page/")
    assert status == 404 and body == (subpath_site_dir / "404.html").read_bytes()


# --- GitHub Pages ---------------------------------------------------------------------------------

def test_the_github_pages_workflow_builds_for_the_pages_address_with_pinned_actions(repo_root: Path) -> None:
    """Not run here (it needs GitHub): every action it uses is pinned to a commit, and it builds
    the site for the address Pages reports, a sub-path."""
    text = (repo_root / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    actions = re.findall(r"uses:\s*(\S+)", text)
    assert {a.split("@")[0] for a in actions} >= {"actions/checkout", "actions/upload-pages-artifact",
                                                   "actions/deploy-pages", "actions/configure-pages"}
    assert all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action) for action in actions), actions
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}/" in text
    assert 'scripts/build_site.py --site-url "$SITE_URL"' in text
