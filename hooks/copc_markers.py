"""MkDocs hook: replace `<!-- copc:... -->` markers with content generated from copc_cx.

The pages never repeat what the core knows (points, exclusions, blocks, metrics, conditions,
errata), so the site and the calculators cannot disagree. See CONTRIBUTING.md for the markers.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from typing import Any

from copc_cx import catalog
from copc_cx.process import level_requirement_id
from copc_cx.standard import (
    BLOCKS,
    CATEGORIES,
    CERTIFICATION_CONDITIONS,
    CHANNEL_NAMES,
    ERRATA,
    INTERPRETATIONS,
    ITEMS,
    LEVEL_NAMES,
    MAY_NOT_APPLY_WITHOUT,
    RENEWAL_CONDITIONS,
    SCORED_METRICS,
    SCORED_METRICS_NOTES,
    UNIT_NAMES,
    Channel,
    Condition,
    Edition,
    Erratum,
    Interpretation,
    Level,
)
from copc_cx.text import Text

MARKER = re.compile(r"^<!--\s*copc:(?P<kind>table|erratum|interpretation)\s+(?P<args>[^>]*?)\s*-->[ \t]*$", re.M)

# Which erratum a figure or name in a generated table depends on.
ERRATUM_OF_CELL = {("2.1", "OSP"): "osp-2.1-2.3-points", ("2.2", "OSP"): "osp-2.1-2.3-points",
                   ("2.3", "OSP"): "osp-2.1-2.3-points", ("2.5", "name"): "name-of-2.5"}

WORDS = {
    "item": Text("項目", "Item"),
    "name": Text("名称", "Name"),
    "category": Text("カテゴリ", "Category"),
    "total": Text("総点", "Total"),
    "points": Text("配点", "Points"),
    "channel": Text("実施していないチャネル", "Channel not run"),
    "block": Text("ブロック", "Block"),
    "items": Text("対象項目", "Items"),
    "who": Text("取得できる組織", "Who may apply"),
    "metrics": Text("要求指標", "Required metrics"),
    "metric": Text("要求指標", "Required metric"),
    "unit": Text("報告単位", "Reported per"),
    "requirements": Text("追加要求", "Additional requirements"),
    "condition": Text("条件", "Condition"),
    "optional": Text("任意", "optional"),
    "client_set": Text("クライアントが要求する場合", "when a client requires it"),
    "computed": Text("計算ツールが判定", "checked by the calculator"),
    "guide_prints": Text("ガイドの記載", "What the guide prints"),
    "contradiction": Text("矛盾している点", "Why it contradicts itself"),
    "decision": Text("このサイトの扱い", "What this site does"),
    "question": Text("ガイドに書かれていないこと", "What the guide leaves open"),
    "default": Text("既定の解釈", "Default"),
    "erratum": Text("正誤", "Erratum"),
    "interpretation": Text("解釈", "Interpretation"),
    "see_errata": Text("正誤表と解釈の一覧", "All errata and interpretations"),
    "topic": Text("内容", "Topic"),
    "none": Text("—", "—"),
    "erratum_mark": Text("正誤表を参照", "see the errata"),
}


def _t(text: Text, lang: str) -> str:
    return text.ja if lang == "ja" else text.en


def _w(key: str, lang: str) -> str:
    return _t(WORDS[key], lang)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], align: str | None = None) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align or "---" for _ in header) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


class Page:
    """What a generator needs to know about the page it writes into."""

    def __init__(self, lang: str, path_in_language: str) -> None:
        self.lang = lang
        self.path = path_in_language  # e.g. "scoring/system.md"

    def link(self, target: str, anchor: str = "") -> str:
        """A relative link from this page to another page of the same language."""
        relative = posixpath.relpath(target, posixpath.dirname(self.path) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def erratum_mark(self, erratum_id: str) -> str:
        return f"[※]({self.link('errata.md', erratum_id)} \"{_w('erratum_mark', self.lang)}\")"


# --- tables --------------------------------------------------------------------------------

def points_table(page: Page) -> str:
    lang = page.lang
    rows: list[list[str]] = []
    for category in CATEGORIES:
        totals = [f"**{catalog.category_points(e, category.number):,}**" for e in Edition]
        rows.append([f"**{category.number}**", f"**{_t(category.name, lang)}**", *totals])
        for item in (i for i in ITEMS if i.category == category.number):
            name = _t(item.name, lang)
            if (item.number, "name") in ERRATUM_OF_CELL:
                name += " " + page.erratum_mark(ERRATUM_OF_CELL[(item.number, "name")])
            cells = []
            for edition in Edition:
                points = item.points_in(edition)
                cell = _w("none", lang) if points is None else str(points)
                if points is not None and (item.number, edition.value) in ERRATUM_OF_CELL:
                    cell += " " + page.erratum_mark(ERRATUM_OF_CELL[(item.number, edition.value)])
                cells.append(cell)
            rows.append([item.number, name, *cells])
    rows.append(["", f"**{_w('total', lang)}**", *(f"**{catalog.total_points(e):,}**" for e in Edition)])
    return _table([_w("item", lang), _w("name", lang), "CSP", "OSP"], rows)


def exclusions_table(page: Page) -> str:
    lang = page.lang
    rows = []
    for channel in (Channel.DIGITAL_ASSISTED, Channel.HUMAN_ASSISTED):
        for number in MAY_NOT_APPLY_WITHOUT[channel]:
            item = catalog.item(number)
            rows.append([_t(CHANNEL_NAMES[channel], lang), number, _t(item.name, lang),
                         str(item.csp_points), str(item.osp_points)])
    return _table([_w("channel", lang), _w("item", lang), _w("name", lang), "CSP", "OSP"], rows)


def _items_text(numbers: Iterable[str], optional: Iterable[str], lang: str) -> str:
    parts = [f"{n} {_t(catalog.item(n).name, lang)}" for n in numbers]
    parts += [f"{n} {_t(catalog.item(n).name, lang)}（{_w('optional', lang)}）" if lang == "ja"
              else f"{n} {_t(catalog.item(n).name, lang)} ({_w('optional', lang)})" for n in optional]
    return "、".join(parts) if lang == "ja" else "; ".join(parts)


def blocks_table(page: Page) -> str:
    lang = page.lang
    rows = [[_t(b.name, lang), _items_text(b.items, b.optional_items, lang),
             " / ".join(e.value for e in b.editions), str(len(b.metrics))] for b in BLOCKS]
    return _table([_w("block", lang), _w("items", lang), _w("who", lang), _w("metrics", lang)], rows)


def block_section(page: Page, block_id: str) -> str:
    lang = page.lang
    block = catalog.block(block_id)
    level_id = level_requirement_id(block)
    lines = [f"**{_w('items', lang)}:** {_items_text(block.items, block.optional_items, lang)}", "",
             f"**{_w('requirements', lang)}:**", ""]
    for req in block.requirements:
        note = f"（{_w('computed', lang)}）" if lang == "ja" else f" ({_w('computed', lang)})"
        lines.append(f"- {_t(req.text, lang)}{note if req.id == level_id else ''}")
    lines.append("")
    rows = []
    for number, metric in enumerate(block.metrics, start=1):
        name = _t(metric.name, lang)
        if metric.client_set:
            name += f"（{_w('client_set', lang)}）" if lang == "ja" else f" ({_w('client_set', lang)})"
        rows.append([str(number), name, _t(UNIT_NAMES[metric.unit], lang)])
    lines.append(_table(["#", _w("metric", lang), _w("unit", lang)], rows))
    return "\n".join(lines)


def metrics_by_level_table(page: Page) -> str:
    lang = page.lang
    rows = []
    bullet = "・" if lang == "ja" else "• "
    for group in SCORED_METRICS:
        cells = []
        for level in Level:
            metrics = group.metrics[level]
            cells.append("<br>".join(f"{bullet}{_t(m, lang)}" for m in metrics) if metrics else _w("none", lang))
        rows.append([" / ".join(group.items), _t(group.topic, lang), *cells])
    notes = "\n".join(f"- {_t(n, lang)}" for n in SCORED_METRICS_NOTES)
    header = [_w("item", lang), _w("topic", lang), *(_t(LEVEL_NAMES[lv], lang) for lv in Level)]
    return _table(header, rows) + "\n\n" + notes


def _conditions_table(conditions: Iterable[Condition], page: Page) -> str:
    rows = [[str(n), _t(c.text, page.lang)] for n, c in enumerate(conditions, start=1)]
    return _table(["#", _w("condition", page.lang)], rows)


# The fields of an erratum / an interpretation, in the order readers see them (WORDS labels them).
ERRATUM_FIELDS = ("guide_prints", "contradiction", "decision")
INTERPRETATION_FIELDS = ("question", "default")


def _fields(page: Page, entry: Erratum | Interpretation, fields: tuple[str, ...]) -> list[str]:
    return [f"**{_w(name, page.lang)}:** {_t(getattr(entry, name), page.lang)}" for name in fields]


def _anchored_entries(page: Page, prefix: str, entries: Iterable[Erratum | Interpretation],
                      fields: tuple[str, ...]) -> str:
    """Each entry under a numbered heading with a fixed anchor, so notes elsewhere can link to it."""
    return "\n\n".join(
        f"### {prefix}{number}. {_t(entry.title, page.lang)} {{#{entry.id}}}\n\n"
        + "\n".join(f"- {line}" for line in _fields(page, entry, fields))
        for number, entry in enumerate(entries, start=1)
    )


def errata_section(page: Page) -> str:
    return _anchored_entries(page, "E", ERRATA, ERRATUM_FIELDS)


def interpretations_section(page: Page) -> str:
    return _anchored_entries(page, "I", INTERPRETATIONS, INTERPRETATION_FIELDS)


TABLES: dict[str, Callable[[Page], str]] = {
    "points": points_table,
    "exclusions": exclusions_table,
    "blocks": blocks_table,
    "metrics-by-level": metrics_by_level_table,
    "certification-conditions": lambda page: _conditions_table(CERTIFICATION_CONDITIONS, page),
    "renewal-conditions": lambda page: _conditions_table(RENEWAL_CONDITIONS, page),
    "errata": errata_section,
    "interpretations": interpretations_section,
}


# --- notes ---------------------------------------------------------------------------------

def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.split("\n"))


def _note(page: Page, kind: str, entry: Erratum | Interpretation, fields: tuple[str, ...]) -> str:
    """An admonition for one erratum or interpretation, linking to its entry on the errata page."""
    lang = page.lang
    body = "\n\n".join([*_fields(page, entry, fields),
                         f"[{_w('see_errata', lang)}]({page.link('errata.md', entry.id)})"])
    admonition = "warning" if kind == "erratum" else "info"
    return f'!!! {admonition} "{_w(kind, lang)}: {_t(entry.title, lang)}"\n\n{_indent(body)}'


def erratum_note(page: Page, erratum: Erratum) -> str:
    return _note(page, "erratum", erratum, ERRATUM_FIELDS)


def interpretation_note(page: Page, entry: Interpretation) -> str:
    return _note(page, "interpretation", entry, INTERPRETATION_FIELDS)


class MarkerError(ValueError):
    pass


def render(kind: str, args: str, page: Page) -> str:
    words = args.split()
    if kind == "table":
        if words[:1] == ["block"] and len(words) == 2:
            return block_section(page, words[1])
        if len(words) == 1 and words[0] in TABLES:
            return TABLES[words[0]](page)
    elif kind == "erratum" and len(words) == 1:
        found = next((e for e in ERRATA if e.id == words[0]), None)
        if found:
            return erratum_note(page, found)
    elif kind == "interpretation" and len(words) == 1:
        entry = next((i for i in INTERPRETATIONS if i.id == words[0]), None)
        if entry:
            return interpretation_note(page, entry)
    raise MarkerError(f"unknown marker <!-- copc:{kind} {args} --> in {page.lang}/{page.path}")


def expand(markdown: str, lang: str, path_in_language: str) -> str:
    page = Page(lang, path_in_language)
    return MARKER.sub(lambda m: render(m["kind"], m["args"], page), markdown)


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    # With the i18n folder layout every source path starts with its language folder.
    lang, _, path = page.file.src_uri.partition("/")
    if lang not in ("ja", "en"):
        raise MarkerError(f"page outside docs/ja or docs/en: {page.file.src_uri}")
    return expand(markdown, lang, path)
