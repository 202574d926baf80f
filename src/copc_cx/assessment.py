"""Item scores and the whole self-assessment with its certification decision."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from . import catalog, rules
from .errors import Checker, InputError, Problem
from .scope import ApplicablePoints, applicable_scope
from .standard import CATEGORIES, CERTIFICATION_CONDITIONS, ITEMS, Edition, Scoring
from .text import Explained, Text, fmt_against, fmt_number, fmt_percent, fmt_percent_against, store

# --- What the user enters for one item ------------------------------------------------------

@dataclass(frozen=True)
class ApproachDeployment:
    """Categories 1.0-3.0: sub-requirements met/applicable, units deploying/total."""

    met: int
    applicable: int
    deployed: int
    total: int


@dataclass(frozen=True)
class Performance:
    """4.1, 4.2a, 4.2b, 4.5: counts of required metrics."""

    achieved: int
    improving: int
    total: int


@dataclass(frozen=True)
class ChannelPerformance:
    """4.3, 4.4: (achieved, improving, total) per metric type; "sales" may be left out."""

    types: Mapping[str, rules.Counts]


@dataclass(frozen=True)
class Rule5075:
    """4.6: counts of metrics at target, at target or improving, and in all."""

    at_target: int
    at_target_or_improving: int
    total: int


ItemInput = ApproachDeployment | Performance | ChannelPerformance | Rule5075

INPUT_FOR: dict[Scoring, type[ItemInput]] = {
    Scoring.APPROACH_DEPLOYMENT: ApproachDeployment,
    Scoring.PERFORMANCE: Performance,
    Scoring.CHANNEL_PERFORMANCE: ChannelPerformance,
    Scoring.RULE_50_75: Rule5075,
}


# --- One item --------------------------------------------------------------------------------

@dataclass(frozen=True, init=False)
class ItemScore(Explained):
    number: str
    name: Text
    available: int  # the item's points in the edition
    percent: Fraction
    points: Fraction
    approach: Fraction | None = None  # categories 1.0-3.0 only
    rule_50_75_met: bool | None = None  # 4.6 only
    # The rule's own result, with its details (deployment rating, per-type scores, ...).
    detail: rules.ApproachDeploymentScore | rules.PerformanceScore | rules.ChannelPerformanceScore \
        | rules.Rule5075Score | None = None

    def __init__(self, number: str, name: Text, available: int, percent: Fraction, points: Fraction,
                 approach: Fraction | None = None, rule_50_75_met: bool | None = None,
                 detail: rules.ApproachDeploymentScore | rules.PerformanceScore | rules.ChannelPerformanceScore
                 | rules.Rule5075Score | None = None, *, explain: Callable[[], tuple[Text, ...]]) -> None:
        store(self, number=number, name=name, available=available, percent=percent, points=points,
              approach=approach, rule_50_75_met=rule_50_75_met, detail=detail, explain=explain)

    @cached_property
    def lost(self) -> Fraction:
        return self.available - self.points


def score_item(number: str, edition: str | Edition, inputs: ItemInput) -> ItemScore:
    """Score one item from its inputs, with the steps that produced the score."""
    item = _ITEMS.get(number)
    available = None if item is None or type(edition) is not Edition else item.points_in(edition)
    if item is None or available is None:  # not an item of that edition: say why
        item, available = catalog.item_in(number, edition)
    expected = INPUT_FOR[item.scoring]
    if type(inputs) is not expected and not isinstance(inputs, expected):
        raise InputError([Problem(
            "inputs",
            f"項目 {number} の採点方法は {item.scoring} です（{expected.__name__} の入力が必要です）。",
            f"Item {number} is scored by {item.scoring}: it needs {expected.__name__} inputs.",
        )])
    approach: Fraction | None = None
    met_50_75: bool | None = None
    detail: rules.ApproachDeploymentScore | rules.PerformanceScore | rules.ChannelPerformanceScore \
        | rules.Rule5075Score
    if isinstance(inputs, ApproachDeployment):
        detail = rules.score_approach_deployment(
            met=inputs.met, applicable=inputs.applicable, deployed=inputs.deployed, total=inputs.total)
        percent, approach = detail.percent, detail.approach
    elif isinstance(inputs, Performance):
        detail = rules.score_performance(achieved=inputs.achieved, improving=inputs.improving, total=inputs.total)
        percent = detail.percent
    elif isinstance(inputs, ChannelPerformance):
        detail = rules.score_channel_performance(inputs.types)
        percent = detail.percent
    else:
        detail = rules.score_rule_50_75(
            at_target=inputs.at_target, at_target_or_improving=inputs.at_target_or_improving, total=inputs.total)
        # Interpretation rule-50-75-points-split: half of the points for each rule.
        percent, met_50_75 = (detail.level + detail.trend) / 2, detail.met
    points = Fraction(percent.numerator * available, percent.denominator * 100)

    def explain() -> tuple[Text, ...]:
        steps = list(detail.steps)
        if isinstance(detail, rules.Rule5075Score):
            half = fmt_number(Fraction(available, 2))
            steps.append(Text(
                f"配点の半分ずつ（解釈の既定値）: {half} × {fmt_percent(detail.level)} + {half} × "
                f"{fmt_percent(detail.trend)}",
                f"Half of the points for each rule (the default interpretation): {half} × "
                f"{fmt_percent(detail.level)} + {half} × {fmt_percent(detail.trend)}"))
        steps.append(Text(f"得点 = {fmt_percent(percent)} × {available} 点 = {fmt_number(points)} 点",
                          f"Points = {fmt_percent(percent)} × {available} = {fmt_number(points)} points"))
        return tuple(steps)

    return ItemScore(item.number, item.name, available, percent, points, approach, met_50_75, detail,
                     explain=explain)


# A self-assessment is scored whole again at every change a reader makes in the calculator, and a
# file at every open: an item whose counts have not changed keeps its score. A score is a pure
# function of (item, edition, counts) and immutable, so it can be shared. Only counts that are plain
# ints are kept (True and 1.0 equal 1, but the rules refuse them); the store is emptied when full.
_KEPT: dict[tuple[object, ...], ItemScore] = {}
KEPT_SCORES = 4096


def _kept_key(number: str, edition: Edition, inputs: ItemInput) -> tuple[object, ...] | None:
    if type(inputs) is ChannelPerformance:
        types = tuple(inputs.types.items())
        for name, counts in types:
            if type(name) is not str or type(counts) is not tuple or len(counts) != 3 \
                    or not all(type(v) is int for v in counts):
                return None
        return (number, edition, ChannelPerformance, types)
    values = tuple(inputs.__dict__.values())
    for value in values:
        if type(value) is not int:
            return None
    return (number, edition, type(inputs), values)


def _score_kept(number: str, edition: Edition, inputs: ItemInput) -> ItemScore:
    key = _kept_key(number, edition, inputs)
    if key is None:
        return score_item(number, edition, inputs)
    kept = _KEPT.get(key)
    if kept is None:
        kept = score_item(number, edition, inputs)
        if len(_KEPT) >= KEPT_SCORES:
            _KEPT.clear()
        _KEPT[key] = kept
    return kept


# --- The whole self-assessment ---------------------------------------------------------------

@dataclass(frozen=True)
class CategoryTotal:
    number: str
    name: Text
    earned: Fraction
    available: int


@dataclass(frozen=True)
class ConditionResult:
    id: str
    text: Text
    met: bool
    # writes `detail`; like the steps, only when someone reads it (its figures cost more than the decision)
    describe: Callable[[], Text] = field(repr=False, compare=False)

    @cached_property
    def detail(self) -> Text:
        """Why the condition is met or not, with the figures."""
        return self.describe()


@dataclass(frozen=True)
class Assessment:
    scope: ApplicablePoints
    items: tuple[ItemScore, ...]
    unscored: tuple[str, ...]  # applicable items without inputs: they earn nothing, and block the decision
    categories: tuple[CategoryTotal, ...]
    earned: Fraction
    percent_of_applicable: Fraction
    points_missing: Fraction  # to reach 95% of applicable points; 0 when reached
    biggest_losses: tuple[ItemScore, ...]
    conditions: tuple[ConditionResult, ...]
    certified: bool


def assess(
    edition: str | Edition,
    items: Mapping[str, ItemInput],
    *,
    human_assisted: bool = True,
    digital_assisted: bool = True,
    excluded: Iterable[str] | None = None,
) -> Assessment:
    """Score every applicable item and decide certification, naming each unmet condition."""
    scope = applicable_scope(edition, human_assisted=human_assisted, digital_assisted=digital_assisted,
                             excluded=excluded)
    checker = Checker()
    scores: list[ItemScore] = []
    for number, inputs in items.items():
        if number not in scope.numbers:
            why = ("この範囲では適用されない項目です" if any(i.number == number for i in scope.excluded)
                   else f"{scope.edition}版にない項目です")
            why_en = ("it does not apply to this scope" if any(i.number == number for i in scope.excluded)
                      else f"it is not in the {scope.edition} edition")
            checker.add(f"items.{number}", f"項目 {number} には入力できません（{why}）。",
                        f"Item {number} cannot be scored: {why_en}.")
            continue
        try:
            scores.append(_score_kept(number, scope.edition, inputs))
        except InputError as error:
            checker.problems.extend(Problem(f"items.{number}.{p.field}", p.ja, p.en) for p in error.problems)
    checker.raise_if_any()

    scores.sort(key=lambda s: _ORDER[s.number])
    scored = {s.number for s in scores}
    unscored = tuple(i.number for i in scope.items if i.number not in scored)
    # Sums and the order of losses on whole numbers over one common denominator: exact like the
    # fractions' own arithmetic, without building a fraction for each step (scoring must stay fast).
    common = math.lcm(*(s.points.denominator for s in scores))
    scaled = [s.points.numerator * (common // s.points.denominator) for s in scores]
    by_category = dict.fromkeys((c.number for c in CATEGORIES), 0)
    for s, points in zip(scores, scaled, strict=True):
        by_category[_CATEGORY[s.number]] += points
    categories = tuple(CategoryTotal(c.number, c.name, Fraction(by_category[c.number], common), available)
                       for c, available in zip(CATEGORIES, scope.category_points, strict=True))
    earned = Fraction(sum(scaled), common)
    percent = earned * 100 / scope.applicable
    missing = max(Fraction(0), scope.required - earned)
    # Stable sort on the standard's order, so ties keep the item order.
    lost = {s.number: s.available * common - points for s, points in zip(scores, scaled, strict=True)}
    losses = tuple(sorted((s for s in scores if lost[s.number] > 0), key=lambda s: lost[s.number], reverse=True)[:5])
    conditions = _conditions(scope, scores, unscored, earned, percent)
    return Assessment(scope, tuple(scores), unscored, categories, earned, percent, missing, losses,
                      conditions, all(c.met for c in conditions))


_ITEMS = {i.number: i for i in ITEMS}
_ORDER = {i.number: n for n, i in enumerate(ITEMS)}
_CATEGORY = {i.number: i.category for i in ITEMS}


def _short_by(shortfall: Fraction, lang: str) -> str:
    """How many points are missing ("（0.004 点不足）"), or "" where none are."""
    if shortfall <= 0:
        return ""
    shown = fmt_against(shortfall, 0)
    return f"（{shown} 点不足）" if lang == "ja" else f", {shown} points short"


def _approach_detail(below: list[str], blank: list[str]) -> Text:
    """Names every item that keeps the approach condition from being met."""
    parts_ja = [f"アプローチが100%未満の項目: {'、'.join(below)}"] if below else []
    parts_en = [f"Items with approach below 100%: {', '.join(below)}"] if below else []
    if blank:
        parts_ja.append(f"未入力の項目: {'、'.join(blank)}")
        parts_en.append(f"Items without inputs: {', '.join(blank)}")
    if not parts_ja:
        return Text("すべての項目でアプローチ100%", "Approach is 100% on every item")
    return Text("。".join(parts_ja), "; ".join(parts_en))


def _conditions(
    scope: ApplicablePoints, scores: list[ItemScore], unscored: tuple[str, ...], earned: Fraction,
    percent: Fraction,
) -> tuple[ConditionResult, ...]:
    texts = {c.id: c.text for c in CERTIFICATION_CONDITIONS}
    # approach below 100%, compared on whole numbers (a fraction's comparison costs more)
    below = [s.number for s in scores if s.approach is not None and s.approach.numerator < 100 * s.approach.denominator]
    # an item of 1.0-3.0 without inputs has no approach to speak of: it fails the condition too
    blank = [n for n in unscored if n.split(".")[0] in {"1", "2", "3"}]
    rule = next((s for s in scores if s.rule_50_75_met is not None), None)
    def points() -> Text:
        shown, share, required = (fmt_against(earned, scope.required), fmt_percent_against(percent, 95),
                                  fmt_number(scope.required, 4))
        return Text(f"{shown} / {scope.applicable:,} 点（{share}）、必要 {required} 点"
                    f"{_short_by(scope.required - earned, 'ja')}",
                    f"{shown} of {scope.applicable:,} points ({share}); needs {required}"
                    f"{_short_by(scope.required - earned, 'en')}")

    def rule_50_75() -> Text:
        return Text("4.6が未入力" if rule is None else ("50/75を達成" if rule.rule_50_75_met else "50/75が未達成"),
                    "4.6 has no inputs" if rule is None else
                    ("50/75 achieved" if rule.rule_50_75_met else "50/75 not achieved"))

    def all_scored() -> Text:
        if unscored:
            return Text("未入力の項目（0点として計算）: " + "、".join(unscored),
                        "Items without inputs (counted as 0 points): " + ", ".join(unscored))
        return Text(f"適用される {len(scope.items)} 項目すべてに入力あり",
                    f"All {len(scope.items)} applicable items have inputs")

    return (
        ConditionResult("points-95", texts["points-95"], earned >= scope.required, points),
        ConditionResult("approach-100", texts["approach-100"], not below and not blank,
                        lambda: _approach_detail(below, blank)),
        ConditionResult("rule-50-75", texts["rule-50-75"], rule is not None and bool(rule.rule_50_75_met),
                        rule_50_75),
        # Not a condition the guide lists, but a decision on missing inputs would be a silent 0.
        ConditionResult("all-items-scored", Text("適用される全項目を採点している", "Every applicable item is scored"),
                        not unscored, all_scored),
    )
