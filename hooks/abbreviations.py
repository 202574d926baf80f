"""MkDocs hook: abbreviations get their expansion on hover, in the page's language, next to
Japanese text too.

Each page gets the abbreviations of its language appended (includes/abbreviations.<lang>.md; the
snippets extension's auto_append would give every page the same file, one language for both).

Python-Markdown's abbr extension matches on word boundaries (\\b), and there is none between
"CSP" and "の" (both count as word characters), so "CSPの" or a table cell "KSPのパフォーマンス"
would get no hover text. This swaps in the same processor matching on ASCII letters and digits.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor


class AsciiBoundaryAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        keys = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, keys)) + r")(?![A-Za-z0-9])")
        self.iter_element(root)
        return None


class AbbrNextToJapanese(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" in md.treeprocessors:
            current = md.treeprocessors["abbr"]
            assert isinstance(current, AbbrTreeprocessor)
            md.treeprocessors.register(AsciiBoundaryAbbrTreeprocessor(md, current.abbrs), "abbr", 7)


def on_config(config: Any) -> Any:
    # after `abbr` in the list, so this extension finds its processor and replaces it
    config.markdown_extensions.append(AbbrNextToJapanese())
    return config


INCLUDES = Path(__file__).resolve().parent.parent / "includes"
LANGUAGES = ("ja", "en")


def definitions(lang: str) -> str:
    return (INCLUDES / f"abbreviations.{lang}.md").read_text(encoding="utf-8")


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    # with the i18n folder layout every source path starts with its language folder
    lang = page.file.src_uri.partition("/")[0]
    if lang not in LANGUAGES:
        raise ValueError(f"page outside docs/ja or docs/en: {page.file.src_uri}")
    return f"{markdown.rstrip()}\n\n{definitions(lang)}"
