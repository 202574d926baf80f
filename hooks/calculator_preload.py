"""MkDocs hook: on pages with a calculator, `<link rel="modulepreload">` for every module it needs.

The calculators' modules form a chain (mount.mjs, the widgets, kit.mjs, the catalog): fetched
one after another as each import is found, they are ready only late; preloaded from <head>, they
load in parallel while the page is still being read, and mount.mjs can mount the calculators as
soon as the page is parsed. They are fetched at low priority: the engine's own files, requested by
calculators/boot.js's worker, come first (preloads at normal priority took the server's few
connections and delayed the worker's start; the page needs the modules only once it is parsed).
The list comes from the modules' own static
imports, so it follows the code without being kept by hand. Which pages hold a calculator is
decided once, by overrides/main.html's has_calculator(): the preloads go after the boot script it
adds to exactly those pages.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path
from typing import Any

CALCULATORS = Path(__file__).resolve().parent.parent / "calculators"
STATIC_IMPORT = re.compile(r'^\s*(?:import|export)\b[^;]*?\bfrom\s*"(?P<path>\.{1,2}/[^"]+\.mjs)"', re.M | re.S)
BOOT_SCRIPT = re.compile(r'<script src="(?P<prefix>[^"]*)assets/calculators/boot\.js" async></script>')
# the module overrides/main.html loads on calculator pages; everything else is its imports
ENTRY = "mount.mjs"


@cache
def imports_of(module: str) -> tuple[str, ...]:
    """The modules `module` (a path under calculators/) imports statically, as such paths."""
    source = CALCULATORS / module
    if not source.is_file():  # generated/*.mjs: written by scripts/build_site.py, no imports
        return ()
    folder = posixpath.dirname(module)
    text = source.read_text(encoding="utf-8")
    return tuple(posixpath.normpath(posixpath.join(folder, m["path"])) for m in STATIC_IMPORT.finditer(text))


def modules_for(entry: str = ENTRY) -> list[str]:
    """Every module `entry` needs, each once, dependencies after their importers."""
    seen: dict[str, None] = {}
    pending = [entry]
    while pending:
        module = pending.pop(0)
        if module not in seen:
            seen[module] = None
            pending.extend(imports_of(module))
    return list(seen)


def on_post_page(output: str, page: Any, config: Any) -> str:
    boot = BOOT_SCRIPT.search(output)
    if not boot:
        return output
    links = "".join(
        f'\n  <link rel="modulepreload" fetchpriority="low" href="{boot["prefix"]}assets/calculators/{module}">'
        for module in modules_for()
    )
    return output[: boot.end()] + links + output[boot.end():]
