"""Applicable points: the points of the items in the entity's assessed scope."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, lru_cache

from . import catalog
from .errors import Checker
from .standard import CATEGORIES, CHANNEL_NAMES, MAY_NOT_APPLY_WITHOUT, REQUIRED_SHARE_PERCENT, Channel, Edition, Item
from .text import Text, fmt_number


@dataclass(frozen=True)
class ApplicablePoints:
    edition: Edition
    total: int  # the edition's full points
    applicable: int
    required: Fraction  # 95% of applicable, exact (erratum applicable-example-rounding)
    excludable: tuple[str, ...]  # items that may not apply to this scope
    excluded: tuple[Item, ...]
    items: tuple[Item, ...]  # the applicable items
    steps: tuple[Text, ...]

    @cached_property
    def numbers(self) -> frozenset[str]:
        """The numbers of the applicable items."""
        return frozenset(i.number for i in self.items)

    @cached_property
    def category_points(self) -> tuple[int, ...]:
        """The applicable points of each category, in CATEGORIES' order."""
        return tuple(sum(i.points_in(self.edition) or 0 for i in self.items if i.category == c.number)
                     for c in CATEGORIES)


def excludable_items(*, human_assisted: bool, digital_assisted: bool) -> tuple[str, ...]:
    """Items that may not apply because the entity runs no KCRP in a kind of channel."""
    missing = [c for c, runs in ((Channel.HUMAN_ASSISTED, human_assisted),
                                 (Channel.DIGITAL_ASSISTED, digital_assisted)) if not runs]
    return tuple(number for channel in missing for number in MAY_NOT_APPLY_WITHOUT[channel])


def required_points(applicable: int | Fraction) -> Fraction:
    return Fraction(applicable) * REQUIRED_SHARE_PERCENT / 100


def applicable_scope(
    edition: str | Edition,
    *,
    human_assisted: bool = True,
    digital_assisted: bool = True,
    excluded: Iterable[str] | None = None,
) -> ApplicablePoints:
    """The applicable points of a scope.

    `excluded=None` excludes every item that may not apply (the guide's default); pass a
    subset to keep items the auditors judge applicable after all.
    """
    ed = catalog.edition(edition)
    chosen = None if excluded is None else tuple(excluded)
    if type(human_assisted) is bool and type(digital_assisted) is bool and (
            chosen is None or all(type(n) is str for n in chosen)):
        # a scope is a pure function of these, and every self-assessment asks for one
        return _scope(ed, human_assisted, digital_assisted, chosen)
    return _scope.__wrapped__(ed, human_assisted, digital_assisted, chosen)


@lru_cache(maxsize=256)
def _scope(ed: Edition, human_assisted: bool, digital_assisted: bool,
           excluded: tuple[str, ...] | None) -> ApplicablePoints:
    checker = Checker()
    for field, value in (("human_assisted", human_assisted), ("digital_assisted", digital_assisted)):
        if not isinstance(value, bool):
            checker.add(field, f"{field} は true か false です（入力値: {value!r}）。",
                        f"{field} must be true or false (got {value!r}).")
    if human_assisted is False and digital_assisted is False:
        checker.add("channels", "ヒューマンアシステッドとデジタルアシステッドの少なくとも一方のチャネルが必要です。",
                    "The scope must run human-assisted or digital-assisted channels, or both.")
    checker.raise_if_any()

    excludable = excludable_items(human_assisted=human_assisted, digital_assisted=digital_assisted)
    chosen = list(excludable) if excluded is None else list(excluded)
    for number in chosen:
        if number not in excludable:
            allowed = "、".join(excludable) or "なし"
            checker.add("excluded",
                        f"項目 {number} はこの範囲では除外できません（除外できる項目: {allowed}）。",
                        f"Item {number} cannot be excluded for this scope "
                        f"(items that may not apply: {', '.join(excludable) or 'none'}).")
    checker.raise_if_any()

    all_items = catalog.items_in(ed)
    chosen_set = set(chosen)
    excluded_items = tuple(i for i in all_items if i.number in chosen_set)
    items = tuple(i for i in all_items if i.number not in chosen_set)
    total = catalog.total_points(ed)
    applicable = sum(i.points_in(ed) or 0 for i in items)
    required = required_points(applicable)

    steps = [Text(f"{ed}版の総点: {total:,} 点", f"{ed} edition total: {total:,} points")]
    for channel, runs in ((Channel.HUMAN_ASSISTED, human_assisted), (Channel.DIGITAL_ASSISTED, digital_assisted)):
        if not runs:
            name = CHANNEL_NAMES[channel]
            steps.append(Text(f"{name.ja}のKCRPがないため、適用されないことがある項目: "
                              + "、".join(MAY_NOT_APPLY_WITHOUT[channel]),
                              f"No KCRP in {name.en.lower()}, so these items may not apply: "
                              + ", ".join(MAY_NOT_APPLY_WITHOUT[channel])))
    for item in excluded_items:
        steps.append(Text(f"− {item.number} {item.name.ja}: {item.points_in(ed)} 点",
                          f"− {item.number} {item.name.en}: {item.points_in(ed)} points"))
    kept = [n for n in excludable if n not in chosen_set]
    if kept:
        steps.append(Text("除外せず持ち点に含める項目: " + "、".join(kept),
                          "Kept as applicable: " + ", ".join(kept)))
    steps.append(Text(f"評価対象の持ち点: {applicable:,} 点", f"Applicable points: {applicable:,}"))
    steps.append(Text(f"認証に必要な点数: {applicable:,} × 95% = {fmt_number(required)} 点以上（切り捨てない）",
                      f"Needed for certification: {applicable:,} × 95% = at least {fmt_number(required)} points "
                      "(never rounded down)"))
    return ApplicablePoints(ed, total, applicable, required, excludable, excluded_items, items, tuple(steps))


def applicable_points(
    edition: str | Edition,
    *,
    human_assisted: bool = True,
    digital_assisted: bool = True,
    excluded: Iterable[str] | None = None,
) -> int:
    """applicable_points("CSP", human_assisted=True, digital_assisted=False) == 3570."""
    return applicable_scope(edition, human_assisted=human_assisted, digital_assisted=digital_assisted,
                            excluded=excluded).applicable
