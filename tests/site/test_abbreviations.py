"""Abbreviations show their expansion on hover everywhere, also right next to Japanese text."""

from __future__ import annotations

import re
from pathlib import Path

INCLUDES = Path(__file__).resolve().parents[2] / "includes"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _definitions(lang: str) -> dict[str, str]:
    text = (INCLUDES / f"abbreviations.{lang}.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", text, re.M))


def _defined() -> list[str]:
    return list(_definitions("ja"))


def test_both_languages_define_the_same_abbreviations() -> None:
    assert list(_definitions("ja")) == list(_definitions("en"))


def test_the_hover_text_speaks_the_page_language(site_dir: Path) -> None:
    ja = (site_dir / "scoring" / "performance" / "index.html").read_text(encoding="utf-8")
    en = (site_dir / "en" / "scoring" / "performance" / "index.html").read_text(encoding="utf-8")
    ja_titles = re.findall(r'<abbr title="([^"]+)">', ja)
    en_titles = re.findall(r'<abbr title="([^"]+)">', en)
    assert ja_titles and en_titles
    assert all(JAPANESE.search(title) for title in ja_titles)
    assert not any(JAPANESE.search(title) for title in en_titles)
    # the expansion nobody could verify says so in either language
    assert "（未確認）" in _definitions("ja")["CUIKA"] and "(unverified)" in _definitions("en")["CUIKA"]


def test_an_abbreviation_touching_japanese_text_gets_its_expansion(site_dir: Path) -> None:
    html = (site_dir / "scoring" / "system" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">KSP</abbr>の', html)  # a generated table cell: "KSPのパフォーマンス"


def test_every_abbreviation_in_every_page_has_its_expansion(site_dir: Path) -> None:
    pages = sorted(site_dir.glob("**/index.html"))
    assert len(pages) >= 30  # both languages
    words = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, _defined())) + r")(?![A-Za-z0-9])")
    bare: dict[str, list[str]] = {}
    for page in pages:
        article = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S)
        if article is None:
            continue
        text = re.sub(r"<abbr [^>]*>[^<]*</abbr>", "", article.group(0))
        text = re.sub(r"<(code|pre)\b.*?</\1>", "", text, flags=re.S)  # code is shown as typed
        text = re.sub(r"<[^>]+>", " ", text)  # tags and their attributes (ids, links) are not prose
        found = words.findall(text)
        if found:
            bare[str(page.relative_to(site_dir))] = sorted(set(found))
    assert bare == {}


def test_words_that_merely_contain_an_abbreviation_are_left_alone(site_dir: Path) -> None:
    html = (site_dir / "en" / "scoring" / "system" / "index.html").read_text(encoding="utf-8")
    assert "<abbr" in html and not re.search(r"<abbr[^>]*>CX</abbr>[A-Za-z]", html)
