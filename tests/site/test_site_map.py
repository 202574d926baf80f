"""The home page's site map lists every page of the guide, each by its own title."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
SITE_MAP = {"ja": "\n## サイトマップ", "en": "\n## Site map"}
LINK_ROW = re.compile(r"^\| \[(?P<label>[^\]]+)\]\((?P<target>[^)#]+)\) \|", re.M)


def title(lang: str, page: str) -> str:
    return (DOCS / lang / page).read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("# ").strip()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_site_map_lists_every_page_by_its_title(lang: str) -> None:
    index = (DOCS / lang / "index.md").read_text(encoding="utf-8")
    start = index.index(SITE_MAP[lang])
    end = index.find("\n## ", start + 1)
    rows = {m["target"]: m["label"] for m in LINK_ROW.finditer(index[start:] if end < 0 else index[start:end])}
    pages = {p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md")} - {"index.md"}
    assert sorted(rows) == sorted(pages), "the site map and the guide's pages differ"
    for target, label in rows.items():
        assert label == title(lang, target), f"{target}: the site map says {label!r}, the page {title(lang, target)!r}"
