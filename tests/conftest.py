"""Session fixtures shared by every test: the built site, a local server for it (scripts/serve.py,
and nginx with the repository's configuration: the site as it is published), and Playwright on
Debian's Chromium (Playwright cannot download its own browsers here).

The site is built by ``make build``, and for a sub-path by ``make build-subpath`` (``make test``
does both first); the tests never build it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from scripts import nginx
from scripts.browser import chromium_args, find_chromium
from scripts.serve import serving

ROOT = Path(__file__).resolve().parent.parent
# the site built for a sub-path (make build-subpath) and that path
SUBPATH_SITE = ROOT / "build" / "site-copc"
SUBPATH = "/copc/"
# the servers a test parametrised over both runs against (see ``server_url``)
SERVERS = ["serve.py", "nginx"]


def page_files(site: Path) -> list[Path]:
    """The index.html of every built page of both languages (not assets/ or search/)."""
    return sorted(p for p in site.rglob("index.html")
                  if p.parent.relative_to(site).parts[:1] not in (("assets",), ("search",)))


def page_url(site: Path, page: Path) -> str:
    """The URL path of a built page: ``/``, ``/en/``, ``/scoring/system/`` ..."""
    relative = page.parent.relative_to(site).as_posix()
    return "/" if relative == "." else f"/{relative}/"


def service_worker_manifest(site: Path) -> dict[str, Any]:
    """The manifest the build wrote into ``site``/sw.js (see offline/sw.template.js)."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    match = re.search(r"^const MANIFEST = (\{.*?^\});$", text, re.MULTILINE | re.DOTALL)
    assert match, f"{site}/sw.js holds no manifest"
    data = json.loads(match.group(1))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site (``site/``); fails clearly when it has not been built."""
    site = ROOT / "site"
    if not (site / "index.html").is_file() or not (site / "assets" / "build-info.json").is_file():
        pytest.fail(f"{site} is not built (or only half built): run `make build` first", pytrace=False)
    return site


@pytest.fixture(scope="session")
def site_server(site_dir: Path) -> Iterator[str]:
    """scripts/serve.py serving the built site, in a process of its own; yields the base URL."""
    with serving(site_dir) as url:
        yield url


@contextmanager
def nginx_serving(directory: Path, base: str = "/") -> Iterator[str]:
    """scripts/nginx.py's server; the test fails with what to do when nginx is not installed."""
    try:
        with nginx.serving(directory, base) as url:
            yield url
    except nginx.NginxMissing as missing:
        pytest.fail(str(missing), pytrace=False)


@pytest.fixture(scope="session")
def nginx_server(site_dir: Path) -> Iterator[str]:
    """Debian's nginx with deploy/nginx/copc-site.conf serving the built site; yields the base URL."""
    with nginx_serving(site_dir) as url:
        yield url


@pytest.fixture
def server_kind(request: pytest.FixtureRequest) -> str:
    """Which of SERVERS a test runs against: scripts/serve.py, unless the test is parametrised over
    both (``@pytest.mark.parametrize("server_kind", SERVERS, indirect=True)``)."""
    kind: str = getattr(request, "param", "serve.py")
    assert kind in SERVERS, kind
    return kind


@pytest.fixture
def server_url(request: pytest.FixtureRequest, server_kind: str, site_server: str) -> str:
    """The base URL of the ``server_kind`` serving the built site (one server for the session)."""
    if server_kind == "serve.py":
        return site_server
    url: str = request.getfixturevalue("nginx_server")
    return url


@pytest.fixture(scope="session")
def subpath_site_dir() -> Path:
    """The site built for SUBPATH (``make build-subpath``); fails clearly when it has not been built."""
    if not (SUBPATH_SITE / "index.html").is_file() or not (SUBPATH_SITE / "assets" / "build-info.json").is_file():
        pytest.fail(f"{SUBPATH_SITE} is not built: run `make build-subpath` first", pytrace=False)
    return SUBPATH_SITE


@pytest.fixture(scope="session")
def subpath_server(subpath_site_dir: Path) -> Iterator[str]:
    """nginx serving the sub-path build at SUBPATH; yields its URL (``http://127.0.0.1:<port>/copc/``)."""
    with nginx_serving(subpath_site_dir, SUBPATH) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(site_server: str) -> str:
    """pytest-playwright's base URL: pages can ``goto("/en/")``."""
    return site_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, one engine per page (scripts/browser.py's ONE_ENGINE_PER_PAGE): most
    end-to-end tests follow one page's engine from its start, as Firefox and Safari run it. The
    shared engine has tests of its own (tests/e2e/test_shared_engine.py), in a browser that keeps it."""
    chromium = find_chromium()
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: run `make setup`", pytrace=False)
    args = [*browser_type_launch_args.get("args", []), *chromium_args(one_engine_per_page=True)]
    return {**browser_type_launch_args, "executable_path": chromium, "args": args}
