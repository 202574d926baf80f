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


MATERIAL = re.compile(r'<script (?:src|type="text/plain" data-copc-material)='
                      r'"(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"')


def test_calculator_pages_hold_materials_script_back_for_the_engine(site_dir: Path) -> None:
    """On a page with a calculator, Material's script is text the browser neither fetches nor
    runs (calculators/boot.js loads it after the engine's first answer); other pages run it."""
    for page in sorted(site_dir.glob("**/index.html")):
        html = page.read_text(encoding="utf-8")
        tags = [m.group(0) for m in MATERIAL.finditer(html)]
        assert len(tags) == 1, f"{page}: {tags}"
        held = "data-copc-material" in tags[0]
        assert held == (BOOT in html), f"{page}: Material's script {'held' if held else 'run'}: {tags[0]}"
        assert (page.parent / MATERIAL.search(html)["src"]).resolve().is_file()  # type: ignore[index]
