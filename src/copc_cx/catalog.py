"""Look-ups over the standard's data: editions, items, points, totals, blocks."""

from __future__ import annotations

from functools import cache

from .errors import InputError, Problem
from .standard import BLOCKS, CATEGORIES, ERRATA, INTERPRETATIONS, ITEMS, Block, Edition, Item

_ITEMS_BY_NUMBER = {item.number: item for item in ITEMS}
_BLOCKS_BY_ID = {block.id: block for block in BLOCKS}


def edition(value: str | Edition, field: str = "edition") -> Edition:
    """The edition named by `value` ("CSP" or "OSP")."""
    if type(value) is Edition:
        return value
    try:
        return Edition(value)
    except ValueError:
        raise InputError([Problem(
            field,
            f"版は CSP または OSP のいずれかです（入力値: {value!r}）。",
            f"The edition must be CSP or OSP (got {value!r}).",
        )]) from None


def item(number: str, field: str = "item") -> Item:
    found = _ITEMS_BY_NUMBER.get(number)
    if found is None:
        raise InputError([Problem(
            field,
            f"項目 {number!r} は規格にありません（例: 1.1、2.15、4.2a）。",
            f"There is no item {number!r} in the standard (e.g. 1.1, 2.15, 4.2a).",
        )])
    return found


def item_in(number: str, edition_: str | Edition, field: str = "item") -> tuple[Item, int]:
    """The item and its points in the edition; an error if the edition lacks the item."""
    ed = edition(edition_)
    found = item(number, field)
    points = found.points_in(ed)
    if points is None:
        other = Edition.OSP if ed is Edition.CSP else Edition.CSP
        raise InputError([Problem(
            field,
            f"項目 {number} は {ed} 版にはありません（{other} 版のみの項目です）。",
            f"Item {number} is not in the {ed} edition (it exists only in the {other} edition).",
        )])
    return found, points


def item_points(number: str, edition: str | Edition) -> int:
    """Points of an item in an edition, e.g. item_points("2.1", "OSP") == 100."""
    return item_in(number, edition)[1]


@cache
def items_in(edition_: Edition) -> tuple[Item, ...]:
    """The items of an edition, in the standard's order."""
    return tuple(i for i in ITEMS if i.points_in(edition_) is not None)


def category_points(edition_: str | Edition, category: str) -> int:
    ed = edition(edition_)
    if category not in {c.number for c in CATEGORIES}:
        raise InputError([Problem(
            "category",
            f"カテゴリは 1.0、2.0、3.0、4.0 のいずれかです（入力値: {category!r}）。",
            f"The category must be 1.0, 2.0, 3.0 or 4.0 (got {category!r}).",
        )])
    return sum(i.points_in(ed) or 0 for i in items_in(ed) if i.category == category)


def total_points(edition_: str | Edition) -> int:
    ed = edition(edition_)
    return sum(i.points_in(ed) or 0 for i in items_in(ed))


def block(block_id: str, edition_: str | Edition | None = None) -> Block:
    """A process-certification block; with an edition, an error if that edition can't use it."""
    found = _BLOCKS_BY_ID.get(block_id)
    if found is None:
        ids = ", ".join(_BLOCKS_BY_ID)
        raise InputError([Problem("block", f"ブロック {block_id!r} はありません（{ids}）。",
                                  f"There is no block {block_id!r} (one of {ids}).")])
    if edition_ is not None and edition(edition_) not in found.editions:
        raise InputError([Problem(
            "block",
            f"{found.name.ja}ブロックは {'・'.join(found.editions)} のみが取得できます。",
            f"The {found.name.en} block is for {'/'.join(found.editions)} only.",
        )])
    return found


# --- Which errata and interpretations concern what ------------------------------------------

def notes_for(tags: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The notes ("erratum:<id>", "interpretation:<id>") that concern any of `tags`, errata first,
    each in the standard's order (see standard.Tags for the kinds of tag)."""
    errata = tuple(f"erratum:{e.id}" for e in ERRATA if tags.intersection(e.concerns))
    return errata + tuple(f"interpretation:{i.id}" for i in INTERPRETATIONS if tags.intersection(i.concerns))


def item_tags(number: str, edition_: Edition | None = None) -> frozenset[str]:
    """What showing item `number` (scored, in `edition_` if given) concerns."""
    found = _ITEMS_BY_NUMBER[number]
    tags = {f"item:{number}", f"name:{number}", f"scoring:{found.scoring.value}"}
    if edition_ is not None:
        tags.add(f"item:{number}@{edition_.value}")
    return frozenset(tags)
