"""The guide's scoring rules as pure functions over exact fractions.

Each `score_*` function validates its inputs (raising `InputError` with every problem at
once), computes with `Fraction`, and returns a result that carries the reasoning steps in
both languages. Percentages are Fractions from 0 to 100; nothing is rounded here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from .errors import Checker, InputError
from .standard import MAX_COUNT, METRIC_TYPE_NAMES, OPTIONAL_METRIC_TYPES, MetricType
from .text import Explained, Text, fmt_against, fmt_number, fmt_percent, fmt_percent_against, store

HUNDRED = Fraction(100)
DEPLOYMENT_BANDS = (100, 75, 50, 25)  # interpretation deployment-bands


def share(part: int, whole: int) -> Fraction:
    """part of whole as an exact percentage."""
    return Fraction(part * 100, whole)


def counts_fit(*values: object) -> bool:
    """Whether every value is already a count within the forms' bound: the common case, which the
    rules take without a Checker (a self-assessment scores dozens of items; the Checker names
    problems, and only inputs that have one need it)."""
    for value in values:  # noqa: SIM110 (a loop: all() of a generator costs twice as much here)
        if type(value) is not int or not 0 <= value <= MAX_COUNT:
            return False
    return True


# --- Each item's % on whole numbers -------------------------------------------------------
# A self-assessment scores every item again at each change a reader makes. These give an item's %
# as (numerator, denominator) straight from its counts when they are valid, without a fraction or a
# result object; None otherwise (the score_* functions then name each problem). The score_*
# functions below give the same % as exact fractions with their steps (tests/core/test_properties.py
# checks that both agree).

Ratio = tuple[int, int]  # numerator, denominator (not necessarily reduced)
_FULL: Ratio = (100, 1)


def approach_deployment_ratio(met: object, applicable: object, deployed: object, total: object) -> Ratio | None:
    """The lower of approach % (met of applicable) and the deployment rating."""
    if type(met) is int and type(applicable) is int and type(deployed) is int and type(total) is int \
            and 0 <= met <= applicable <= MAX_COUNT and 0 <= deployed <= total <= MAX_COUNT and applicable and total:
        rating = deployment_band(deployed, total)
        # approach % vs the rating, as whole numbers: met/applicable vs rating/100
        return (met * 100, applicable) if met * 100 < rating * applicable else (rating, 1)
    return None


def performance_ratio(achieved: object, improving: object, total: object) -> Ratio | None:
    """A >= 50 -> 100; otherwise min(100, 2A + I/2), with A and I as % of total."""
    if type(achieved) is int and type(improving) is int and type(total) is int \
            and achieved >= 0 and improving >= 0 and achieved + improving <= total <= MAX_COUNT and total:
        return _performance(achieved, improving, total)
    return None


def _performance(achieved: int, improving: int, total: int) -> Ratio:
    # 2A + I/2 = (200·achieved + 50·improving) / total
    if 2 * achieved >= total:
        return _FULL
    raw = 200 * achieved + 50 * improving
    return _FULL if raw >= 100 * total else (raw, total)


def channel_performance_ratio(types: Mapping[str, object]) -> Ratio | None:
    """The mean of the metric types' performance %s (service, quality, efficiency; sales if given)."""
    ratios = []
    for name in _TYPE_VALUES:
        counts = types.get(name)
        if counts is None:
            if name in _REQUIRED_TYPE_VALUES:
                return None
            continue
        if type(counts) is not tuple or len(counts) != 3:
            return None
        ratio = performance_ratio(*counts)
        if ratio is None:
            return None
        ratios.append(ratio)
    if len(ratios) != len(types):  # a name that is no metric type
        return None
    # summed on whole numbers over the types' common denominator
    common = math.lcm(*(d for _, d in ratios))
    return sum(n * (common // d) for n, d in ratios), common * len(ratios)


def rule_50_75_ratio(at_target: object, at_target_or_improving: object, total: object) -> tuple[int, int, bool] | None:
    """4.6's % (half of the points for each rule: interpretation rule-50-75-points-split) and whether
    50/75 is achieved. Below its threshold the 50 rule gives 100 − 2·(50 − level%) = 2·level%, the 75
    rule 100 − 4/3·(75 − trend%) = 4/3·trend%; both are worked over the denominator 3·total."""
    a, e, t = at_target, at_target_or_improving, total
    if type(a) is int and type(e) is int and type(t) is int and 0 <= a <= e <= t <= MAX_COUNT and t:
        level, trend = 2 * a >= t, 4 * e >= 3 * t
        return (300 * t if level else 600 * a) + (300 * t if trend else 400 * e), 6 * t, level and trend
    return None


# --- Categories 1.0-3.0: approach x deployment -------------------------------------------

@dataclass(frozen=True, init=False)
class ApproachDeploymentScore(Explained):
    approach: Fraction  # % of applicable sub-requirements met
    deployed_share: Fraction  # % of units fully deploying
    deployment: int  # the deployment rating, one of 0/25/50/75/100
    percent: Fraction  # the item's %: the lower of approach and deployment
    limited_by: Literal["approach", "deployment", "both"]

    def __init__(self, approach: Fraction, deployed_share: Fraction, deployment: int, percent: Fraction,
                 limited_by: Literal["approach", "deployment", "both"], *,
                 explain: Callable[[], tuple[Text, ...]]) -> None:
        store(self, approach=approach, deployed_share=deployed_share, deployment=deployment, percent=percent,
              limited_by=limited_by, explain=explain)


def deployment_band(deployed: int, total: int) -> int:
    """The deployment rating for `deployed` of `total` units: 100 when every unit deploys, else the
    highest quarter band reached (interpretation deployment-bands), 25 × ⌊4 × deployed / total⌋."""
    return 100 if deployed == total else 25 * (4 * deployed // total)


_RATING_PERCENT = {rating: Fraction(rating) for rating in (*DEPLOYMENT_BANDS, 0)}  # fractions never change: shared


def rate_deployment(*, deployed: int, total: int) -> int:
    """deployment_band with its inputs checked."""
    checker = Checker("approach-deployment")
    deployed_, total_ = checker.count("deployed", deployed), checker.positive("total", total)
    checker.at_most("deployed", deployed_, "total", total_)
    checker.raise_if_any()
    assert deployed_ is not None and total_ is not None
    return deployment_band(deployed_, total_)


def score_approach_deployment(*, met: int, applicable: int, deployed: int, total: int) -> ApproachDeploymentScore:
    met_: int | None
    applicable_: int | None
    deployed_: int | None
    total_: int | None
    if counts_fit(met, applicable, deployed, total) and applicable > 0 and total > 0 and met <= applicable \
            and deployed <= total:
        met_, applicable_, deployed_, total_ = met, applicable, deployed, total
    else:
        checker = Checker("approach-deployment")
        met_, applicable_ = checker.count("met", met), checker.positive("applicable", applicable)
        deployed_, total_ = checker.count("deployed", deployed), checker.positive("total", total)
        checker.at_most("met", met_, "applicable", applicable_)
        checker.at_most("deployed", deployed_, "total", total_)
        checker.raise_if_any()
        assert met_ is not None and applicable_ is not None and deployed_ is not None and total_ is not None

    approach = share(met_, applicable_)
    deployed_share = share(deployed_, total_)
    deployment = deployment_band(deployed_, total_)
    # Compare as whole numbers: approach % vs deployment % is met/applicable vs deployment/100.
    difference = met_ * 100 - deployment * applicable_
    limited_by: Literal["approach", "deployment", "both"] = (
        "approach" if difference < 0 else "both" if difference == 0 else "deployment")
    percent = approach if difference < 0 else _RATING_PERCENT[deployment]

    def explain() -> tuple[Text, ...]:
        limit = {"approach": Text("（アプローチが制約）", " (approach limits it)"),
                 "deployment": Text("（運用が制約）", " (deployment limits it)"),
                 "both": Text("（両者が同じ）", " (both equal)")}[limited_by]
        shown_share = fmt_percent_against(deployed_share, *DEPLOYMENT_BANDS)
        shown_approach = fmt_percent_against(approach, 100)
        steps = [
            Text(f"アプローチ: 適用される細目 {applicable_} 件中 {met_} 件に適合 → {shown_approach}",
                 f"Approach: {met_} of {applicable_} applicable sub-requirements met → {shown_approach}"),
            Text(f"運用: {total_} ユニット中 {deployed_} ユニットが完全に運用（{shown_share}）"
                 f" → 評価 {deployment}%",
                 f"Deployment: {deployed_} of {total_} units fully deploy ({shown_share})"
                 f" → rating {deployment}%"),
            Text(f"項目の得点率 = 低い方 = {fmt_percent_against(percent, 100)}{limit.ja}",
                 f"Item % = the lower of the two = {fmt_percent_against(percent, 100)}{limit.en}"),
        ]
        return tuple(steps)

    return ApproachDeploymentScore(approach, deployed_share, deployment, percent, limited_by, explain=explain)


# --- 4.1, 4.2a, 4.2b, 4.5 (and each metric type of 4.3/4.4) ------------------------------

@dataclass(frozen=True, init=False)
class PerformanceScore(Explained):
    achieved: Fraction  # A: % of required metrics at target
    improving: Fraction  # I: % not at target but improving continuously
    percent: Fraction

    def __init__(self, achieved: Fraction, improving: Fraction, percent: Fraction, *,
                 explain: Callable[[], tuple[Text, ...]]) -> None:
        store(self, achieved=achieved, improving=improving, percent=percent, explain=explain)


def performance_from_counts(achieved: int, improving: int, total: int) -> Fraction:
    """A >= 50 -> 100; otherwise min(100, 2A + I/2), with A and I as % of total.

    Worked on whole numbers (2A + I/2 = (200·achieved + 50·improving) / total): one
    exact fraction instead of several, because a self-assessment runs this often.
    """
    ratio = _performance(achieved, improving, total)
    return HUNDRED if ratio == _FULL else Fraction(*ratio)


def score_performance(
    *, achieved: int, improving: int, total: int, prefix: str = "", form: str = "performance"
) -> PerformanceScore:
    if counts_fit(achieved, improving, total) and total > 0 and achieved + improving <= total:
        a, i = share(achieved, total), share(improving, total)
        return PerformanceScore(a, i, performance_from_counts(achieved, improving, total),
                                explain=_explain_performance(achieved, improving, total, a, i))
    checker = Checker(form)
    achieved_ = checker.count(prefix + "achieved", achieved)
    improving_ = checker.count(prefix + "improving", improving)
    total_ = checker.positive(prefix + "total", total)
    checker.at_most(prefix + "achieved", achieved_, prefix + "total", total_)
    if achieved_ is not None and improving_ is not None and total_ is not None and achieved_ <= total_ \
            and achieved_ + improving_ > total_:
        checker.add(prefix + "improving",
                    f"目標達成（{achieved_}）と改善中（{improving_}）の合計が指標数（{total_}）を超えています。"
                    "改善中には目標未達の指標だけを数えます。",
                    f"At target ({achieved_}) plus improving ({improving_}) exceeds the number of metrics "
                    f"({total_}): count as improving only metrics not at target.")
    checker.raise_if_any()
    assert achieved_ is not None and improving_ is not None and total_ is not None

    a, i = share(achieved_, total_), share(improving_, total_)
    percent = performance_from_counts(achieved_, improving_, total_)
    return PerformanceScore(a, i, percent, explain=_explain_performance(achieved_, improving_, total_, a, i))


def _explain_performance(achieved_: int, improving_: int, total_: int, a: Fraction,
                         i: Fraction) -> Callable[[], tuple[Text, ...]]:
    def explain() -> tuple[Text, ...]:
        percent = performance_from_counts(achieved_, improving_, total_)
        shown_a = fmt_percent_against(a, LEVEL_THRESHOLD)
        steps = [Text(f"目標達成: {total_} 指標中 {achieved_}（A = {shown_a}）、"
                      f"未達だが継続的改善: {improving_}（I = {fmt_percent(i)}）",
                      f"At target: {achieved_} of {total_} metrics (A = {shown_a}); "
                      f"not at target but improving: {improving_} (I = {fmt_percent(i)})")]
        if a >= 50:
            steps.append(Text("A が50%以上なので、改善中の指標に関係なく100%",
                              "A is at least 50%, so the item scores 100% whatever I is"))
        else:
            raw = 2 * a + i / 2
            capped = "（上限100%）" if raw > 100 else ""
            steps.append(Text(f"A が50%未満: 2 × {fmt_number(a)} + 0.5 × {fmt_number(i)} = {fmt_percent(raw)}{capped}"
                              f" → {fmt_percent(percent)}",
                              f"A is below 50%: 2 × {fmt_number(a)} + 0.5 × {fmt_number(i)} = {fmt_percent(raw)}"
                              f"{' (capped at 100%)' if raw > 100 else ''} → {fmt_percent(percent)}"))
        return tuple(steps)

    return explain


# --- 4.3, 4.4: by metric type ------------------------------------------------------------

@dataclass(frozen=True)
class ChannelPerformanceScore(Explained):
    by_type: dict[MetricType, PerformanceScore]
    weight: Fraction  # each present type's share of the item
    percent: Fraction


Counts = tuple[int, int, int]  # (achieved, improving, total)


_TYPES = tuple((t, t.value) for t in MetricType)
_TYPE_NAMES = frozenset(name for _, name in _TYPES)
_REQUIRED_TYPES = tuple(t for t in MetricType if t not in OPTIONAL_METRIC_TYPES)
_TYPE_VALUES = tuple(name for _, name in _TYPES)
_REQUIRED_TYPE_VALUES = frozenset(t.value for t in _REQUIRED_TYPES)


def score_channel_performance(types: Mapping[str, Counts]) -> ChannelPerformanceScore:
    checker = Checker("channel-performance")
    for name in types:
        if name not in _TYPE_NAMES:
            checker.add(name, f"指標タイプ {name!r} はありません（service、quality、sales、efficiency）。",
                        f"There is no metric type {name!r} (service, quality, sales, efficiency).")
    for required in _REQUIRED_TYPES:
        if required.value not in types:
            label = METRIC_TYPE_NAMES[required]
            checker.add(required.value,
                        f"{label.ja}の指標は必須です（省略できるのはセールスだけです）。",
                        f"{label.en} metrics are required (only sales may be left out).")
    scores: dict[MetricType, PerformanceScore] = {}
    for metric_type, name in _TYPES:
        counts = types.get(name)
        if counts is None:
            continue
        try:
            achieved, improving, total = counts
        except (TypeError, ValueError):
            checker.add(metric_type.value, "（達成数, 改善数, 指標数）の3つの整数で入力してください。",
                        "Give three whole numbers: (achieved, improving, total).")
            continue
        try:
            scores[metric_type] = score_performance(
                achieved=achieved, improving=improving, total=total, prefix=f"{name}.",
                form="channel-performance")
        except InputError as error:
            checker.problems.extend(error.problems)
    checker.raise_if_any()

    weight = Fraction(1, len(scores))
    # the mean of the types' percentages, summed on whole numbers over their common denominator
    common = math.lcm(*(s.percent.denominator for s in scores.values()))
    percent = Fraction(sum(s.percent.numerator * (common // s.percent.denominator) for s in scores.values()),
                       common * len(scores))
    share_text = "1/4" if len(scores) == 4 else "1/3"
    def explain() -> tuple[Text, ...]:
        steps = [Text(f"指標タイプ {len(scores)} 種類 → 各タイプに配点の {share_text}",
                      f"{len(scores)} metric types → each gets {share_text} of the item's points")]
        for metric_type, score in scores.items():
            label = METRIC_TYPE_NAMES[metric_type]
            shown_a = fmt_percent_against(score.achieved, LEVEL_THRESHOLD)
            steps.append(Text(f"{label.ja}: A = {shown_a}、I = {fmt_percent(score.improving)}"
                              f" → {fmt_percent(score.percent)}",
                              f"{label.en}: A = {shown_a}, I = {fmt_percent(score.improving)}"
                              f" → {fmt_percent(score.percent)}"))
        terms = " + ".join(fmt_number(s.percent) for s in scores.values())
        steps.append(Text(f"項目の得点率 = ({terms}) ÷ {len(scores)} = {fmt_percent(percent)}",
                          f"Item % = ({terms}) ÷ {len(scores)} = {fmt_percent(percent)}"))
        return tuple(steps)

    return ChannelPerformanceScore(scores, weight, percent, explain=explain)


# --- 4.6: the 50/75 rule --------------------------------------------------------------------

LEVEL_THRESHOLD = 50
TREND_THRESHOLD = 75
LEVEL_PENALTY = Fraction(2)  # points of % lost per point below 50
TREND_PENALTY = Fraction(4, 3)  # points of % lost per point below 75


@dataclass(frozen=True)
class Rule5075Score(Explained):
    at_target: Fraction  # % of metrics at target
    at_target_or_improving: Fraction
    level: Fraction  # % for the 50 rule
    trend: Fraction  # % for the 75 rule
    met: bool  # 50/75 achieved (a certification condition)


def nested_counts(
    at_target: tuple[str, object], either: tuple[str, object], total: tuple[str, object], form: str = "rule-50-75"
) -> tuple[int, int, int]:
    """(field, value) counts of metrics at target <= at target or improving <= all, each checked."""
    a, e, t = at_target[1], either[1], total[1]
    if type(a) is int and type(e) is int and type(t) is int and 0 <= a <= e <= t <= MAX_COUNT and t > 0:
        return a, e, t
    checker = Checker(form)
    at_target_ = checker.count(*at_target)
    either_ = checker.count(*either)
    total_ = checker.positive(*total)
    checker.at_most(at_target[0], at_target_, either[0], either_)
    checker.at_most(either[0], either_, total[0], total_)
    checker.raise_if_any()
    assert at_target_ is not None and either_ is not None and total_ is not None
    return at_target_, either_, total_


def _rule(actual: Fraction, threshold: int, penalty: Fraction) -> Fraction:
    return HUNDRED if actual >= threshold else max(Fraction(0), HUNDRED - penalty * (threshold - actual))


def score_rule_50_75(*, at_target: int, at_target_or_improving: int, total: int) -> Rule5075Score:
    at_target_, either_, total_ = nested_counts(
        ("at_target", at_target), ("at_target_or_improving", at_target_or_improving), ("total", total))

    level_actual, trend_actual = share(at_target_, total_), share(either_, total_)
    level = _rule(level_actual, LEVEL_THRESHOLD, LEVEL_PENALTY)
    trend = _rule(trend_actual, TREND_THRESHOLD, TREND_PENALTY)
    met = level_actual >= LEVEL_THRESHOLD and trend_actual >= TREND_THRESHOLD

    def explain_rule(actual: Fraction, threshold: int, penalty: Fraction, result: Fraction, name: Text) -> Text:
        shown = fmt_percent_against(actual, threshold)
        if actual >= threshold:
            return Text(f"{name.ja}: {shown} ≥ {threshold}% → 100%",
                        f"{name.en}: {shown} ≥ {threshold}% → 100%")
        gap = threshold - actual
        rate = str(penalty)  # Fraction prints 4/3 exactly
        return Text(f"{name.ja}: {shown} は {threshold}% を {fmt_against(gap, 0)} ポイント下回る"
                    f" → 100 − {rate} × {fmt_number(gap)} = {fmt_percent(result)}",
                    f"{name.en}: {shown} is {fmt_against(gap, 0)} points below {threshold}%"
                    f" → 100 − {rate} × {fmt_number(gap)} = {fmt_percent(result)}")

    def explain() -> tuple[Text, ...]:
        shown_level = fmt_percent_against(level_actual, LEVEL_THRESHOLD)
        shown_trend = fmt_percent_against(trend_actual, TREND_THRESHOLD)
        steps = (
            Text(f"{total_} 指標中、目標達成 {at_target_}（{shown_level}）、"
                 f"目標達成または改善 {either_}（{shown_trend}）",
                 f"Of {total_} metrics, {at_target_} at target ({shown_level}), "
                 f"{either_} at target or improving ({shown_trend})"),
            explain_rule(level_actual, LEVEL_THRESHOLD, LEVEL_PENALTY, level,
                         Text("50ルール（レベル）", "50 rule (level)")),
            explain_rule(trend_actual, TREND_THRESHOLD, TREND_PENALTY, trend,
                         Text("75ルール（トレンド）", "75 rule (trend)")),
            Text("50/75を達成" if met else "50/75は未達成（認証条件を満たさない）",
                 "50/75 achieved" if met else "50/75 not achieved (a certification condition fails)"),
        )
        return tuple(steps)

    return Rule5075Score(level_actual, trend_actual, level, trend, met, explain=explain)


# --- Process certification: the level rule --------------------------------------------------

@dataclass(frozen=True)
class MetricLevel:
    metric: str
    months_at_target: int
    months_measured: int
    months_needed: int  # ceil(3/4 x months measured)
    meets: bool


@dataclass(frozen=True)
class LevelResult(Explained):
    metrics: tuple[MetricLevel, ...]
    share_meeting: Fraction  # % of metrics at target for >= 3/4 of the period
    holds: bool  # >= 50% of metrics meet


def months_needed(months_measured: int) -> int:
    """At target in at least 3/4 of the period: ceil(3/4 x months) (interpretation)."""
    return math.ceil(Fraction(3 * months_measured, 4))


def check_level(
    metrics: Mapping[str, tuple[int, int]], prefix: str = "", names: Mapping[str, Text] | None = None
) -> LevelResult:
    checker = Checker("level")
    if not metrics:
        checker.add(prefix + "metrics", "要求指標を1つ以上入力してください。",
                    "Enter at least one required metric.")
    rows: list[MetricLevel] = []
    for name, months in metrics.items():
        field = f"{prefix}{name}"
        try:
            at_target, measured = months
        except (TypeError, ValueError):
            checker.add(field, "（目標達成の月数, 測定した月数）の2つの整数で入力してください。",
                        "Give two whole numbers: (months at target, months measured).")
            continue
        at_, measured_ = checker.count(field + ".months_at_target", at_target), checker.positive(
            field + ".months_measured", measured)
        checker.at_most(field + ".months_at_target", at_, "months_measured", measured_)
        if at_ is not None and measured_ is not None and at_ <= measured_:
            needed = months_needed(measured_)
            rows.append(MetricLevel(name, at_, measured_, needed, at_ >= needed))
    checker.raise_if_any()

    meeting = sum(row.meets for row in rows)
    share_meeting = share(meeting, len(rows))
    holds = share_meeting >= LEVEL_THRESHOLD
    def label_of(metric: str) -> Text:
        found = (names or {}).get(metric.split(":", 1)[0])
        return Text(metric, metric) if found is None else Text(
            found.ja + metric[len(metric.split(":", 1)[0]):], found.en + metric[len(metric.split(":", 1)[0]):])

    def explain() -> tuple[Text, ...]:
        steps = [
            Text(f"{label_of(row.metric).ja}: {row.months_measured} か月中 {row.months_at_target} か月で目標達成"
                 f"（必要 {row.months_needed} か月）→ {'満たす' if row.meets else '満たさない'}",
                 f"{label_of(row.metric).en}: at target in {row.months_at_target} of {row.months_measured} months "
                 f"(needs {row.months_needed}) → {'meets' if row.meets else 'does not meet'}")
            for row in rows
        ]
        shown = fmt_percent_against(share_meeting, LEVEL_THRESHOLD)
        steps.append(Text(f"{len(rows)} 指標中 {meeting} 指標（{shown}）が満たす → "
                          f"レベル要求を{'満たす' if holds else '満たさない'}（50%以上が必要）",
                          f"{meeting} of {len(rows)} metrics meet ({shown}) → the level rule "
                          f"{'holds' if holds else 'fails'} (needs at least 50%)"))
        return tuple(steps)

    return LevelResult(tuple(rows), share_meeting, holds, explain=explain)
