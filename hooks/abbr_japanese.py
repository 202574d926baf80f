"""MkDocs hook: abbreviations show their expansion next to Japanese text too.

Python-Markdown's abbr extension matches on word boundaries (\\b), and there is none between
"CSP" and "の" (both count as word characters), so "CSPの" or a table cell "KSPのパフォーマンス"
would get no hover text. This swaps in the same processor matching on ASCII letters and digits.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
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
