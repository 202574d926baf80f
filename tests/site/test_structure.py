"""The Japanese and English pages are twins: same paths, heading outline, tables and markers.

Parsed with markdown-it-py (CommonMark + tables). CommonMark does not know admonitions, details
or content tabs (``!!!``, ``???``, ``===`` with an indented body), so their bodies are first
un-indented into plain Markdown (the title line dropped); fenced code is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

DOCS = Path(__file__).resolve().parents[2] / "docs"
LANGUAGES = ("ja", "en")
CONTAINER = re.compile(r"^\s*(!!!|\?\?\?\+?|===)(\s|$)")
FENCE = re.compile(r"^\s*(```|~~~)")
FRONT_MATTER = re.compile(r"\A---\s*\n.*?^---\s*$", re.DOTALL | re.MULTILINE)
MARKER = re.compile(r"<!--\s*(copc:[^>]*?)\s*-->|\bdata-calc\s*=\s*[\"']([^\"']+)[\"']")

_md = MarkdownIt("commonmark").enable("table")


@dataclass
class Outline:
    headings: list[int] = field(default_factory=list)  # levels, in order
    tables: list[int] = field(default_factory=list)  # column counts, in order
    markers: list[str] = field(default_factory=list)  # copc: markers and data-calc names, in order


def _scan(tokens: list[Token], outline: Outline) -> None:
    in_header_row = False
    for token in tokens:
        if token.type == "heading_open":
            outline.headings.append(int(token.tag[1]))
        elif token.type == "table_open":
            outline.tables.append(0)
            in_header_row = True
        elif token.type == "th_open" and in_header_row:
            outline.tables[-1] += 1
        elif token.type == "tr_close":
            in_header_row = False
        elif token.type in ("html_block", "html_inline"):
            for match in MARKER.finditer(token.content):
                comment, calc = match.groups()
                outline.markers.append(" ".join(comment.split()) if comment else f"data-calc={calc}")
        if token.children:
            _scan(token.children, outline)


def flatten_containers(text: str) -> str:
    """Un-indent the bodies of admonitions, details and tabs, so CommonMark sees their Markdown."""
    out: list[str] = []
    bodies: list[int] = []  # body indent (columns) of each open container, innermost last
    fence: str | None = None
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        indent = len(line) - len(line.lstrip(" "))
        while bodies and indent < bodies[-1]:
            bodies.pop()
        cut = bodies[-1] if bodies else 0
        fence_match = FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1) == fence:
                fence = None
        elif fence_match:
            fence = fence_match.group(1)
        elif CONTAINER.match(line):
            bodies.append(indent + 4)
            out.append("")
            continue
        out.append(line[cut:])
    return "\n".join(out) + "\n"


def outline_of(path: Path) -> Outline:
    outline = Outline()
    text = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1)
    _scan(_md.parse(flatten_containers(text)), outline)
    return outline


def pages(language: str) -> set[str]:
    root = DOCS / language
    return {p.relative_to(root).as_posix() for p in root.rglob("*.md")}


ALL_PAGES = sorted(pages("ja") | pages("en"))


def test_docs_have_only_the_language_folders() -> None:
    assert {p.name for p in DOCS.iterdir() if p.is_dir()} >= set(LANGUAGES)
    assert ALL_PAGES, "no Markdown pages under docs/ja or docs/en"


def test_every_page_has_a_twin() -> None:
    ja, en = pages("ja"), pages("en")
    assert sorted(ja - en) == [], "pages in docs/ja without an English twin in docs/en"
    assert sorted(en - ja) == [], "pages in docs/en without a Japanese twin in docs/ja"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_twins_have_the_same_structure(page: str) -> None:
    ja_path, en_path = DOCS / "ja" / page, DOCS / "en" / page
    if not (ja_path.is_file() and en_path.is_file()):
        pytest.skip("no twin (reported by test_every_page_has_a_twin)")
    ja, en = outline_of(ja_path), outline_of(en_path)
    assert ja.headings == en.headings, "heading outline (levels in order) differs between ja and en"
    assert ja.tables == en.tables, "tables (count and column count of each, in order) differ"
    assert ja.markers == en.markers, "copc: markers / data-calc placeholders differ (or their order)"


@pytest.mark.parametrize("page", ALL_PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_one_title_per_page(language: str, page: str) -> None:
    path = DOCS / language / page
    if not path.is_file():
        pytest.skip("no such page in this language")
    headings = outline_of(path).headings
    assert headings[:1] == [1], "a page starts with its `# ` title"
    assert headings.count(1) == 1, "a page has exactly one `# ` title"
