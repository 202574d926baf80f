"""Item scores and the whole self-assessment with its certification decision."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from . import catalog, rules
from .errors import InputError, Problem
from .scope import ApplicablePoints, applicable_scope
from .standard import CATEGORIES, CERTIFICATION_CONDITIONS, ITEMS, Edition, Item, Scoring
from .text import Text, fmt_against, fmt_number, fmt_percent, fmt_percent_against

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

Detail = rules.ApproachDeploymentScore | rules.PerformanceScore | rules.ChannelPerformanceScore | rules.Rule5075Score


class ItemScore:
    """One item's score in an edition, with the steps that produced it. Immutable (read-only
    attributes, like a frozen dataclass's fields; it compares, hashes and prints like one).

    A self-assessment scores every item again at each change a reader makes, and most uses read a
    few figures: so a score keeps its counts and its % as whole numbers, and makes the exact
    fractions (percent, points, approach, lost) and the rule's own result (`detail`: deployment
    rating, per-type scores, ...) the first time each is read.
    """

    __slots__ = ("_approach", "_available", "_detail", "_inputs", "_lost", "_name", "_number", "_percent", "_points",
                 "_ratio", "_rule_50_75_met")
    _number: str
    _name: Text
    _available: int
    _rule_50_75_met: bool | None
    _inputs: ItemInput  # the counts scored (4.3/4.4's types as they were then)
    _ratio: rules.Ratio  # the item's %, as (numerator, denominator)
    _percent: Fraction | None  # each None until first read
    _points: Fraction | None
    _approach: Fraction | None
    _lost: Fraction | None
    _detail: Detail | None

    def __init__(self, number: str, name: Text, available: int, rule_50_75_met: bool | None, inputs: ItemInput,
                 ratio: rules.Ratio, detail: Detail | None = None) -> None:
        self._number, self._name, self._available, self._rule_50_75_met = number, name, available, rule_50_75_met
        self._inputs, self._ratio, self._detail = inputs, ratio, detail
        self._percent = self._points = self._approach = self._lost = None

    @property
    def number(self) -> str:
        return self._number

    @property
    def name(self) -> Text:
        return self._name

    @property
    def available(self) -> int:
        """The item's points in the edition."""
        return self._available

    @property
    def rule_50_75_met(self) -> bool | None:
        """4.6 only: whether 50/75 is achieved."""
        return self._rule_50_75_met

    @property
    def percent(self) -> Fraction:
        if self._percent is None:
            self._percent = Fraction(*self._ratio)
        return self._percent

    @property
    def points(self) -> Fraction:
        if self._points is None:
            numerator, denominator = self._ratio
            self._points = Fraction(numerator * self._available, denominator * 100)
        return self._points

    @property
    def approach(self) -> Fraction | None:
        """Categories 1.0-3.0 only: the % of applicable sub-requirements met."""
        if self._approach is None and isinstance(self._inputs, ApproachDeployment):
            self._approach = rules.share(self._inputs.met, self._inputs.applicable)
        return self._approach

    @property
    def lost(self) -> Fraction:
        if self._lost is None:
            self._lost = self._available - self.points
        return self._lost

    @property
    def detail(self) -> Detail:
        """The rule's own result (the counts were checked when the item was scored)."""
        if self._detail is None:
            self._detail = _detail(self._inputs)
        return self._detail

    def explain(self) -> tuple[Text, ...]:
        detail, percent, points, available = self.detail, self.percent, self.points, self._available
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

    @property
    def steps(self) -> tuple[Text, ...]:
        return self.explain()

    _FIELDS = ("number", "name", "available", "percent", "points", "approach", "rule_50_75_met", "detail")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, ItemScore)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._FIELDS, self._values(), strict=True))
        return f"ItemScore({shown})"


def score_item(number: str, edition: str | Edition, inputs: ItemInput) -> ItemScore:
    """Score one item from its inputs, with the steps that produced the score."""
    item = _ITEMS.get(number)
    available = None if item is None or type(edition) is not Edition else item.points_in(edition)
    if item is None or available is None:  # not an item of that edition: say why
        item, available = catalog.item_in(number, edition)
    return _score(item, available, inputs, _INPUT_OF[item.number])


def _score(item: Item, available: int, inputs: ItemInput, expected: type[ItemInput]) -> ItemScore:
    kind = type(inputs)
    if kind is expected:
        ratio: rules.Ratio | None
        if kind is ApproachDeployment:
            assert isinstance(inputs, ApproachDeployment)
            ratio = rules.approach_deployment_ratio(inputs.met, inputs.applicable, inputs.deployed, inputs.total)
            if ratio is not None:
                return ItemScore(item.number, item.name, available, None, inputs, ratio)
        elif kind is Performance:
            assert isinstance(inputs, Performance)
            ratio = rules.performance_ratio(inputs.achieved, inputs.improving, inputs.total)
            if ratio is not None:
                return ItemScore(item.number, item.name, available, None, inputs, ratio)
        elif kind is ChannelPerformance:
            assert isinstance(inputs, ChannelPerformance)
            # kept as they are now: the steps are written later, and a mapping may change meanwhile
            inputs = ChannelPerformance(dict(inputs.types))
            ratio = rules.channel_performance_ratio(inputs.types)
            if ratio is not None:
                return ItemScore(item.number, item.name, available, None, inputs, ratio)
        else:
            assert isinstance(inputs, Rule5075)
            rated = rules.rule_50_75_ratio(inputs.at_target, inputs.at_target_or_improving, inputs.total)
            if rated is not None:
                return ItemScore(item.number, item.name, available, rated[2], inputs, rated[:2])
    else:
        _check_kind(item, inputs)
    # The rules name every problem of these counts (or take what the whole numbers above do not).
    detail = _detail(inputs)
    met_50_75: bool | None = None
    if isinstance(detail, rules.Rule5075Score):
        # Interpretation rule-50-75-points-split: half of the points for each rule.
        percent, met_50_75 = (detail.level + detail.trend) / 2, detail.met
    else:
        percent = detail.percent
    return ItemScore(item.number, item.name, available, met_50_75, inputs,
                     (percent.numerator, percent.denominator), detail)


def _check_kind(item: Item, inputs: ItemInput) -> None:
    """The inputs must be of the item's way of scoring (a subclass of it will do)."""
    expected = INPUT_FOR[item.scoring]
    if not isinstance(inputs, expected):
        raise InputError([Problem(
            "inputs",
            f"項目 {item.number} の採点方法は {item.scoring} です（{expected.__name__} の入力が必要です）。",
            f"Item {item.number} is scored by {item.scoring}: it needs {expected.__name__} inputs.",
        )])


def _detail(inputs: ItemInput) -> Detail:
    """The rule's result for an item's inputs (an InputError naming each count it refuses)."""
    if isinstance(inputs, ApproachDeployment):
        return rules.score_approach_deployment(
            met=inputs.met, applicable=inputs.applicable, deployed=inputs.deployed, total=inputs.total)
    if isinstance(inputs, Performance):
        return rules.score_performance(achieved=inputs.achieved, improving=inputs.improving, total=inputs.total)
    if isinstance(inputs, ChannelPerformance):
        return rules.score_channel_performance(inputs.types)
    return rules.score_rule_50_75(
        at_target=inputs.at_target, at_target_or_improving=inputs.at_target_or_improving, total=inputs.total)


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
    numbers, places = scope.numbers, _PLACES[scope.edition]
    placed: list[ItemScore | None] = [None] * len(ITEMS)  # in the standard's order
    problems: list[Problem] = []
    for number, inputs in items.items():
        if number not in numbers:
            problems.append(_not_in_scope(scope, number))
            continue
        place, item, available, expected = places[number]
        try:
            placed[place] = _score(item, available, inputs, expected)
        except InputError as error:
            problems.extend(Problem(f"items.{number}.{p.field}", p.ja, p.en) for p in error.problems)
    if problems:
        raise InputError(problems)

    scores = [s for s in placed if s is not None]
    unscored = tuple(i.number for i in scope.items if placed[_ORDER[i.number]] is None)
    # Sums and the order of losses on whole numbers over one common denominator (100 × the lcm of
    # the items' % denominators): exact like fractions, without building one for each item.
    common = math.lcm(*(s._ratio[1] for s in scores))
    scale = 100 * common
    by_category = [0, 0, 0, 0]
    scaled: list[int] = []
    lost: list[int] = []
    below: list[str] = []
    rule: ItemScore | None = None
    for s in scores:
        numerator, denominator = s._ratio
        points = numerator * (common // denominator) * s._available
        scaled.append(points)
        lost.append(s._available * scale - points)
        by_category[_CATEGORY_PLACE[s._number]] += points
        inputs = s._inputs
        if isinstance(inputs, ApproachDeployment):
            if inputs.met < inputs.applicable:  # approach below 100%
                below.append(s._number)
        elif s._rule_50_75_met is not None and rule is None:
            rule = s
    categories = tuple(CategoryTotal(c.number, c.name, Fraction(points, scale), available)
                       for c, points, available in zip(CATEGORIES, by_category, scope.category_points, strict=True))
    total = sum(scaled)
    earned = Fraction(total, scale)
    percent = Fraction(total, common * scope.applicable)
    required = scope.required
    short = required.numerator * scale - total * required.denominator  # of 95%, over required.denominator × scale
    missing = Fraction(short, required.denominator * scale) if short > 0 else _NOTHING
    # Stable sort on the standard's order, so ties keep the item order.
    losses = tuple(scores[n] for n in sorted((n for n, points in enumerate(lost) if points > 0),
                                             key=lost.__getitem__, reverse=True)[:5])
    conditions = _conditions(scope, unscored, earned, percent, short <= 0, below, rule)
    return Assessment(scope, tuple(scores), unscored, categories, earned, percent, missing, losses,
                      conditions, all(c.met for c in conditions))


def _not_in_scope(scope: ApplicablePoints, number: str) -> Problem:
    excluded = any(i.number == number for i in scope.excluded)
    why = "この範囲では適用されない項目です" if excluded else f"{scope.edition}版にない項目です"
    why_en = "it does not apply to this scope" if excluded else f"it is not in the {scope.edition} edition"
    return Problem(f"items.{number}", f"項目 {number} には入力できません（{why}）。",
                   f"Item {number} cannot be scored: {why_en}.")


_ITEMS = {i.number: i for i in ITEMS}
_ORDER = {i.number: n for n, i in enumerate(ITEMS)}
_CATEGORY_PLACE = {i.number: [c.number for c in CATEGORIES].index(i.category) for i in ITEMS}
_INPUT_OF = {i.number: INPUT_FOR[i.scoring] for i in ITEMS}
# each edition's items: number -> (place in the standard's order, item, points in the edition, kind of inputs)
_PLACES = {edition: {i.number: (_ORDER[i.number], i, i.points_in(edition) or 0, _INPUT_OF[i.number])
                     for i in catalog.items_in(edition)} for edition in Edition}
_NOTHING = Fraction(0)
_CONDITION_TEXTS = {c.id: c.text for c in CERTIFICATION_CONDITIONS}


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
    scope: ApplicablePoints, unscored: tuple[str, ...], earned: Fraction,
    percent: Fraction, reached: bool, below: list[str], rule: ItemScore | None,
) -> tuple[ConditionResult, ...]:
    texts = _CONDITION_TEXTS
    # an item of 1.0-3.0 without inputs has no approach to speak of: it fails the condition too
    blank = [n for n in unscored if _CATEGORY_PLACE[n] < 3]
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
        ConditionResult("points-95", texts["points-95"], reached, points),
        ConditionResult("approach-100", texts["approach-100"], not below and not blank,
                        lambda: _approach_detail(below, blank)),
        ConditionResult("rule-50-75", texts["rule-50-75"], rule is not None and bool(rule.rule_50_75_met),
                        rule_50_75),
        # Not a condition the guide lists, but a decision on missing inputs would be a silent 0.
        ConditionResult("all-items-scored", Text("適用される全項目を採点している", "Every applicable item is scored"),
                        not unscored, all_scored),
    )
