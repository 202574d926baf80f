"""What the tests and the benchmark both need to drive the site in Debian's Chromium: where the
browser is, how it is launched, and how the site's requests and share links look.

Playwright cannot download its own browsers here, so both run Debian's ``chromium`` (installed by
scripts/setup.sh) with the same arguments.
"""

from __future__ import annotations

import base64
import json
import re
import shutil

from scripts.build_site import SNAPSHOT_SUFFIX

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
# With this argument each page has an engine of its own, as in Firefox and Safari (a dedicated
# worker of the page), and Playwright's routes reach the engine's requests.
ONE_ENGINE_PER_PAGE = "--disable-features=SharedWorkerExtendedLifetime"

# the memory snapshot the site ships (scripts/build_site.py's core_snapshot_name)
SHIPPED_SNAPSHOT = re.compile(rf".*/copc-core-[0-9a-f]{{16}}{re.escape(SNAPSHOT_SUFFIX)}$")


def find_chromium() -> str | None:
    """The path of Debian's chromium, or None when it is not installed (`make setup` installs it)."""
    return shutil.which("chromium")


def chromium_args(one_engine_per_page: bool) -> list[str]:
    """Chromium's launch arguments, with or without ONE_ENGINE_PER_PAGE."""
    return [*CHROMIUM_ARGS, ONE_ENGINE_PER_PAGE] if one_engine_per_page else list(CHROMIUM_ARGS)


def link_state(state: dict[str, str]) -> str:
    """A calculator's state as its share link carries it (calculators/kit.mjs's encodeState):
    compact JSON as unpadded base64url."""
    raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
