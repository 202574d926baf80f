"""Pages with a calculator start its engine and preload its modules from <head>; other pages load nothing of it."""

from __future__ import annotations

import re
from pathlib import Path

BOOT = 'assets/calculators/boot.js" async'
MOUNT = 'assets/calculators/mount.mjs" type="module"'


def test_only_calculator_pages_start_the_engine_early(site_dir: Path) -> None:
    pages = sorted(site_dir.glob("**/index.html"))
    with_boot = {str(p.parent.relative_to(site_dir)) for p in pages if BOOT in p.read_text(encoding="utf-8")}
    with_mount = {str(p.parent.relative_to(site_dir)) for p in pages if MOUNT in p.read_text(encoding="utf-8")}
    with_calculator = {str(p.parent.relative_to(site_dir)) for p in pages
                       if 'class="copc-calc"' in p.read_text(encoding="utf-8")}
    assert with_boot == with_calculator == with_mount
    assert {"scoring/items-1-3", "en/scoring/items-1-3", "calculators", "en/calculators"} <= with_boot
    assert "glossary" not in with_boot and "." not in with_boot


def test_the_early_start_comes_right_after_the_security_policy(site_dir: Path) -> None:
    head = (site_dir / "calculators" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert head.index("Content-Security-Policy") < head.index(BOOT) < head.index("stylesheet")


PRELOAD = re.compile(r'<link rel="modulepreload" fetchpriority="low" href="(?P<href>[^"]+)">')
WIDGET = re.compile(r'<div class="copc-calc"[^>]*\bdata-calc="(?P<name>[\w-]+)"')
STATIC_IMPORT = re.compile(r'^\s*(?:import|export)\b[^;]*?\bfrom\s*"(?P<path>\.{1,2}/[^"]+\.mjs)"', re.M | re.S)


def test_calculator_pages_preload_every_module_their_calculators_import(site_dir: Path) -> None:
    for page in sorted(site_dir.glob("**/index.html")):
        html = page.read_text(encoding="utf-8")
        preloaded = {(page.parent / m["href"]).resolve() for m in PRELOAD.finditer(html)}
        widgets = {m["name"] for m in WIDGET.finditer(html)}
        if not widgets:
            assert not preloaded, f"{page}: preloads calculator modules without a calculator"
            continue
        calculators = (site_dir / "assets" / "calculators").resolve()
        needed = {calculators / "mount.mjs", calculators / "client.mjs",
                  *(calculators / "widgets" / f"{name}.mjs" for name in widgets)}
        assert needed <= preloaded, f"{page}: {sorted(str(p) for p in needed - preloaded)} not preloaded"
        for module in preloaded:
            assert module.is_file(), f"{page}: preloads {module}, which is not in the site"
            for imported in STATIC_IMPORT.finditer(module.read_text(encoding="utf-8")):
                target = (module.parent / imported["path"]).resolve()
                assert target in preloaded, f"{page}: {module.name} imports {target.name}, not preloaded"
        # from <head>, before the stylesheets: the modules load while the page is read
        head = html.split("</head>")[0]
        assert head.index("modulepreload") < head.index("stylesheet")
