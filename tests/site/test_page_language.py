"""Material's own interface and the generated tables speak the page's language, on every page."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import page_files

PALETTE_LABEL = re.compile(r'<label class="md-header__button md-icon" title="([^"]+)" for="__palette_\d"')


def _pages(site_dir: Path, english: bool) -> list[Path]:
    return [p for p in page_files(site_dir) if (p.relative_to(site_dir).parts[0] == "en") == english]


def test_the_colour_scheme_toggle_is_labelled_in_the_page_language(site_dir: Path) -> None:
    for english, expected in ((False, {"ダークモードに切り替え", "ライトモードに切り替え"}),
                              (True, {"Switch to dark mode", "Switch to light mode"})):
        pages = _pages(site_dir, english)
        assert len(pages) >= 15
        for page in pages:
            labels = set(PALETTE_LABEL.findall(page.read_text(encoding="utf-8")))
            assert labels == expected, page.relative_to(site_dir).as_posix()


def test_the_metrics_by_level_table_uses_the_page_language_bullets(site_dir: Path) -> None:
    ja = (site_dir / "scoring" / "metrics" / "index.html").read_text(encoding="utf-8")
    en = (site_dir / "en" / "scoring" / "metrics" / "index.html").read_text(encoding="utf-8")
    assert "<br>・" in ja or "<td>・" in ja
    assert "• " in en and "・" not in en


def test_a_generated_table_never_swallows_the_heading_after_it(site_dir: Path) -> None:
    # a "### ..." that ended up inside a table cell, a list item or a paragraph
    glued = {p.relative_to(site_dir).as_posix() for p in site_dir.glob("**/index.html")
             if re.search(r"<(td|li|p)>#{2,4} ", p.read_text(encoding="utf-8"))}
    assert glued == set()
    system = (site_dir / "en" / "scoring" / "system" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h3 id=\"[^\"]+\">How the weight is spread across categories", system)
