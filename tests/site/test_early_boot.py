"""Pages with a calculator start its engine from <head>; other pages load nothing of it."""

from __future__ import annotations

from pathlib import Path

BOOT = 'assets/calculators/boot.js" async'


def test_only_calculator_pages_start_the_engine_early(site_dir: Path) -> None:
    pages = sorted(site_dir.glob("**/index.html"))
    with_boot = {str(p.parent.relative_to(site_dir)) for p in pages if BOOT in p.read_text(encoding="utf-8")}
    with_calculator = {str(p.parent.relative_to(site_dir)) for p in pages
                       if 'class="copc-calc"' in p.read_text(encoding="utf-8")}
    assert with_boot == with_calculator
    assert {"scoring/items-1-3", "en/scoring/items-1-3", "calculators", "en/calculators"} <= with_boot
    assert "glossary" not in with_boot and "." not in with_boot


def test_the_early_start_comes_right_after_the_security_policy(site_dir: Path) -> None:
    head = (site_dir / "calculators" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert head.index("Content-Security-Policy") < head.index(BOOT) < head.index("stylesheet")
