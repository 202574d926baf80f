"""Session fixtures shared by every test: the built site, a local server for it, and
Playwright on Debian's Chromium (Playwright cannot download its own browsers here).

The site is built by ``make build`` (``make test`` does it first); the tests never build it.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scripts.serve import serving

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Where Chromium keeps a shared worker alive after its last page (SharedWorker's extendedLifetime),
# the calculators' engine is a shared worker that the next page finds running (calculators/boot.js).
# Most end-to-end tests follow one page's engine from its start, as Firefox and Safari run it (a
# dedicated worker of the page): the session's browser turns the feature off. The shared engine
# has tests of its own (tests/e2e/test_shared_engine.py), in a browser that keeps it.
ONE_ENGINE_PER_PAGE = "--disable-features=SharedWorkerExtendedLifetime"

# the memory snapshot the site ships (scripts/build_site.py's add_core_snapshot)
SHIPPED_SNAPSHOT = re.compile(r".*/copc-core-[0-9a-f]{16}\.snapshot\.gz$")


def link_state(state: dict[str, str]) -> str:
    """A calculator's state as its share link carries it (calculators/kit.mjs's encodeState):
    compact JSON as unpadded base64url."""
    raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


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


@pytest.fixture(scope="session")
def base_url(site_server: str) -> str:
    """pytest-playwright's base URL: pages can ``goto("/en/")``."""
    return site_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: run `make setup`", pytrace=False)
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS, ONE_ENGINE_PER_PAGE]
    return {**browser_type_launch_args, "executable_path": chromium, "args": args}
