"""The changes that reach certification: a plan for a self-assessment, and one for the
level rule of a process certification.

For the browser (plan view with apply / what-if, Report view) and the command line:

- `plan_certification(edition, inputs, **scope)` -> `Plan`. Web op "certification-plan" takes the
  self-assessment op's input and answers, for each condition, what meets it, the steps (each an actual
  change of one item's inputs, with the item's inputs after it, the points it gains and the running total),
  the whole op input after every step (`input_after`, to feed the self-assessment op for "apply all") and
  the decision after all of them. Steps never change the same field of the same item, so any subset of
  them can be applied in any order by setting their `changes` on a what-if copy; the points a step gains
  are those it gains after the plan's earlier steps (on one item the approach comes before deployment).
- `plan_process(block, edition, entity=..., sites=..., ...)` -> `ProcessPlan`. Web op "process-plan"
  takes the process-certification op's input.

How the steps are chosen. The approach-100 and 50/75 conditions each have exactly one smallest fix: meet
every applicable sub-requirement of each item below 100% approach; bring 4.6 to 50% at target and 75% at
target or improving with the fewest metrics changed. Those come first (they also earn points). For 95% of
the applicable points the plan then looks for the smallest change that earns what is still missing, where
the size of a change is the number of things it changes: each unit (program) that starts deploying an
approach, each metric brought to target. A deployment raises an item only band by band (0/25/50/75/100%),
so an item of 1.0-3.0 offers at most four options; a metric brought to target raises 4.1, 4.2a/b, 4.5 or one
metric type of 4.3/4.4 by a fixed amount until the item or type is full. The exact search is a dynamic
program over the deployment options on a grid of the points they can gain (they are whole multiples of
one amount: 5 points with the guide's points), combined with the metrics taken best first; its work is
the grid's size times the options, and beyond EXACT_WORK_LIMIT the plan falls back to a greedy rule: take
the change with the most points per unit or metric until the points are reached, then drop any step that
is no longer needed and trim the last ones. Its known limit: a cheap change with many points per unit can
overshoot, so it may change more than the fewest possible (see tests/core/test_plan.py).

Certification needs every applicable item scored: items without inputs are named (`needs_inputs`) but get
no invented inputs, so a plan with them does not reach certification until they are entered.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cached_property, reduce
from typing import Literal

from . import process, rules
from .assessment import (
    ApproachDeployment,
    Assessment,
    ChannelPerformance,
    ItemInput,
    Performance,
    Rule5075,
    assess,
    score_item,
)
from .standard import CERTIFICATION_CONDITIONS, ITEMS, METRIC_TYPE_NAMES, MetricType
from .text import Text, fmt_against, fmt_number, fmt_percent

# The exact search's work (grid cells x deployment options) above which the greedy rule is used. With the
# guide's points the grid has at most about 830 cells and 34 items of 1.0-3.0 offer at most 4 options each,
# so real assessments always get the exact search; the limit keeps any input bounded all the same.
EXACT_WORK_LIMIT = 150_000

Search = Literal["auto", "exact", "greedy"]
Method = Literal["none", "exact", "greedy", "unreachable"]
StepKind = Literal["meet-sub-requirements", "deploy", "metrics-to-target", "rule-50-75"]

_ITEM_ORDER = {item.number: n for n, item in enumerate(ITEMS)}
_TYPE_ORDER = {t.value: n for n, t in enumerate(MetricType)}


# --- the self-assessment's plan ---------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One input of one item, before and after a step: "met", "deployed", "types.service.achieved"."""

    field: str
    before: int
    after: int


@dataclass(frozen=True)
class Step:
    id: str  # unique in the plan: "approach:2.8", "deploy:2.9", "metrics:4.1", "metrics:4.3:service", "rule:4.6"
    condition: str  # the condition it serves: "approach-100", "rule-50-75" or "points-95"
    item: str
    kind: StepKind
    size: int  # the sub-requirements, units or metrics it changes
    changes: tuple[Change, ...]
    inputs: ItemInput  # the item's inputs after this step and the plan's earlier steps on the item
    percent_before: Fraction
    percent_after: Fraction
    points: Fraction  # points gained, after the plan's earlier steps
    earned_after: Fraction  # the assessment's points after this step and every earlier one
    certified_after: bool  # whether the assessment is certified after this step and every earlier one
    action: Text  # what to change ("2.9: deploy the approach fully in 1 more unit (2 → 3 of 3; ...)")
    text: Text  # the action with the item's score and the points it gains


@dataclass(frozen=True)
class ConditionPlan:
    id: str
    text: Text
    met: bool
    remedy: Text  # what meets it, or that it is met
    steps: tuple[str, ...]  # ids of the steps that serve it
    needs_inputs: tuple[str, ...] = ()  # items without inputs that keep it from being met


@dataclass(frozen=True)
class Plan:
    inputs_before: Mapping[str, ItemInput]  # the reader's inputs
    before: Assessment
    conditions: tuple[ConditionPlan, ...]
    steps: tuple[Step, ...]
    inputs_after: Mapping[str, ItemInput]
    after: Assessment  # the assessment with every step applied
    method: Method  # how the points steps were chosen ("none": no points were missing after the others)
    method_text: Text
    points_missing: Fraction  # to 95% before any step
    points_from_conditions: Fraction  # gained by the steps of the other conditions
    needs_inputs: tuple[str, ...]  # applicable items without inputs

    @property
    def reaches_certification(self) -> bool:
        return self.after.certified


# Search lanes: the parts of the assessment whose inputs a points step changes.

@dataclass(frozen=True)
class _Option:
    units: int  # units that start deploying
    gain: Fraction


@dataclass(frozen=True)
class _DeployLane:
    item: str
    inputs: ApproachDeployment
    options: tuple[_Option, ...]  # one per higher deployment band, with the fewest units that reach it


@dataclass(frozen=True)
class _MetricLane:
    item: str
    type: str | None  # the metric type of 4.3/4.4
    achieved: int
    improving: int
    total: int
    points: Fraction  # the points this item (or type) carries
    headroom: Fraction  # points still to gain

    @property
    def neither(self) -> int:
        return self.total - self.achieved - self.improving

    @cached_property
    def runs(self) -> tuple[tuple[Fraction, int], ...]:
        """(points per metric, metrics) in the order a metric gains most: first those neither at target
        nor improving (+200/total % each), then improving ones (+150/total %); the last metric may gain
        less, up to the headroom."""
        runs: list[tuple[Fraction, int]] = []
        left = self.headroom
        for rate, count in ((self.points * 2 / self.total, self.neither),
                            (self.points * 3 / 2 / self.total, self.improving)):
            if left <= 0 or count == 0:
                continue
            full = min(count, math.floor(left / rate))
            if full:
                runs.append((rate, full))
                left -= rate * full
            if full < count and left > 0:
                runs.append((left, 1))
                left = Fraction(0)
        return tuple(runs)

    def gain(self, metrics: int) -> Fraction:
        gained, left = Fraction(0), metrics
        for rate, count in self.runs:
            taken = min(left, count)
            gained += rate * taken
            left -= taken
        return gained

    def fewest_for(self, points: Fraction) -> int:
        """The fewest metrics that gain at least `points` (all of the headroom at most)."""
        metrics = 0
        for rate, count in self.runs:
            if points <= 0:
                break
            taken = min(count, math.ceil(points / rate))
            metrics += taken
            points -= rate * taken
        return metrics


@dataclass
class _Choice:
    deploy: dict[int, _Option] = field(default_factory=dict)  # lane index -> option
    metrics: dict[int, int] = field(default_factory=dict)  # lane index -> metrics brought to target


def _deploy_lane(item: str, inputs: ApproachDeployment, points: int) -> _DeployLane | None:
    band = rules.deployment_band(inputs.deployed, inputs.total)
    reached: dict[int, int] = {}
    for target in (*rules.DEPLOYMENT_BANDS[:0:-1], 100):  # 25, 50, 75, then every unit
        units = inputs.total if target == 100 else math.ceil(Fraction(target * inputs.total, 100))
        new_band = rules.deployment_band(units, inputs.total)
        if units > inputs.deployed and new_band > band:
            reached.setdefault(new_band, units)
    options = tuple(_Option(units - inputs.deployed, Fraction((new_band - band) * points, 100))
                    for new_band, units in sorted(reached.items()))
    return _DeployLane(item, inputs, options) if options else None


def _metric_lane(item: str, counts: tuple[int, int, int], points: Fraction, kind: str | None) -> _MetricLane | None:
    achieved, improving, total = counts
    percent = rules.performance_from_counts(achieved, improving, total)
    headroom = points * (100 - percent) / 100
    return _MetricLane(item, kind, achieved, improving, total, points, headroom) if headroom > 0 else None


def _lanes(inputs: Mapping[str, ItemInput], edition_points: Mapping[str, int]) -> tuple[
        list[_DeployLane], list[_MetricLane]]:
    deploys: list[_DeployLane] = []
    metrics: list[_MetricLane] = []
    for number in sorted(inputs, key=lambda n: _ITEM_ORDER[n]):
        value, points = inputs[number], edition_points[number]
        if isinstance(value, ApproachDeployment):
            lane = _deploy_lane(number, value, points)
            if lane is not None:
                deploys.append(lane)
        elif isinstance(value, Performance):
            found = _metric_lane(number, (value.achieved, value.improving, value.total), Fraction(points), None)
            if found is not None:
                metrics.append(found)
        elif isinstance(value, ChannelPerformance):
            share = Fraction(points, len(value.types))
            for kind in sorted(value.types, key=lambda t: _TYPE_ORDER[t]):
                found = _metric_lane(number, value.types[kind], share, kind)
                if found is not None:
                    metrics.append(found)
    return deploys, metrics


class _MetricsTable:
    """Every lane's runs, most points per metric first, with running sums: the fewest metrics that gain a
    number of points is then a binary search, which the exact search asks once per grid cell."""

    def __init__(self, metrics: list[_MetricLane]) -> None:
        runs = [(rate, count, index) for index, lane in enumerate(metrics) for rate, count in lane.runs]
        runs.sort(key=lambda run: (-run[0], run[2]))
        self.runs = runs
        self.gained: list[Fraction] = []  # points of the runs before run k and run k itself
        self.units: list[int] = []  # metrics of the runs up to run k
        self.lanes: list[int] = []  # lanes touched by the runs up to run k
        gained, units, seen = Fraction(0), 0, set()
        for rate, count, index in runs:
            gained += rate * count
            units += count
            seen.add(index)
            self.gained.append(gained)
            self.units.append(units)
            self.lanes.append(len(seen))

    def fewest(self, points: Fraction) -> tuple[int, int] | None:
        """(metrics, lanes) of the fewest metrics that gain `points`; None when all of them cannot."""
        if points <= 0:
            return 0, 0
        k = bisect.bisect_left(self.gained, points)
        if k == len(self.runs):
            return None
        before = self.gained[k - 1] if k else Fraction(0)
        rate = self.runs[k][0]
        units = (self.units[k - 1] if k else 0) + math.ceil((points - before) / rate)
        return units, self.lanes[k]

    def take(self, points: Fraction) -> dict[int, int]:
        """The metrics per lane of `fewest(points)`."""
        taken: dict[int, int] = {}
        for rate, count, index in self.runs:
            if points <= 0:
                break
            used = min(count, math.ceil(points / rate))
            taken[index] = taken.get(index, 0) + used
            points -= rate * used
        return taken


def _search_exact(deploys: list[_DeployLane], metrics: list[_MetricLane], needed: Fraction) -> _Choice | None:
    """The smallest change (fewest units and metrics, then fewest steps) that gains `needed`; None when
    the grid would be too large (or nothing reaches it)."""
    gains = [option.gain for lane in deploys for option in lane.options]
    if gains:
        denominator = reduce(math.lcm, (g.denominator for g in gains), 1)
        cell = Fraction(reduce(math.gcd, (int(g * denominator) for g in gains)), denominator)
    else:
        cell = needed
    top = math.ceil(needed / cell)
    if (top + 1) * max(1, len(gains)) > EXACT_WORK_LIMIT:
        return None
    # a state's value is (units, steps) as one integer: units first, then the fewest steps
    weight = 1 << 16
    infinite = 1 << 62
    best = [infinite] * (top + 1)
    best[0] = 0
    trail: list[list[tuple[int, int] | None]] = []
    for lane in deploys:
        moves = [(int(option.gain / cell), option.units * weight + 1, n) for n, option in enumerate(lane.options)]
        new = best[:]
        came: list[tuple[int, int] | None] = [None] * (top + 1)
        for cell_index, value in enumerate(best):
            if value == infinite:
                continue
            for shift, cost, option_index in moves:
                reached = min(top, cell_index + shift)
                if value + cost < new[reached]:
                    new[reached] = value + cost
                    came[reached] = (option_index, cell_index)
        trail.append(came)
        best = new

    table = _MetricsTable(metrics)
    found: tuple[int, int] | None = None  # (value, cell)
    for cell_index, value in enumerate(best):
        if value == infinite:
            continue
        fewest = table.fewest(needed - cell * cell_index)
        if fewest is None:
            continue
        total = value + fewest[0] * weight + fewest[1]
        if found is None or total < found[0]:
            found = (total, cell_index)
    if found is None:
        return None
    cell_index = found[1]
    choice = _Choice(metrics=table.take(needed - cell * cell_index))
    for index in range(len(deploys) - 1, -1, -1):
        step = trail[index][cell_index]
        if step is not None:
            choice.deploy[index] = deploys[index].options[step[0]]
            cell_index = step[1]
    return choice


def _gained(choice: _Choice, metrics: list[_MetricLane]) -> Fraction:
    return sum((o.gain for o in choice.deploy.values()), Fraction(0)) + sum(
        (metrics[i].gain(k) for i, k in choice.metrics.items()), Fraction(0))


def _search_greedy(deploys: list[_DeployLane], metrics: list[_MetricLane], needed: Fraction) -> _Choice:
    """Most points per unit or metric first until `needed` is gained; then every step that is no longer
    needed is dropped and the rest trimmed to the fewest units and metrics that still gain it."""
    choice = _Choice()
    gained = Fraction(0)
    while gained < needed:
        best: tuple[Fraction, Fraction, int, str, int, int] | None = None  # ratio, gain, -order, kind, lane, value
        for index, lane in enumerate(deploys):
            current = choice.deploy.get(index, _Option(0, Fraction(0)))
            for n, option in enumerate(lane.options):
                if option.units > current.units:
                    gain, units = option.gain - current.gain, option.units - current.units
                    candidate = (gain / units, gain, -index, "deploy", index, n)
                    best = candidate if best is None or candidate[:3] > best[:3] else best
        for index, metric_lane in enumerate(metrics):
            taken = choice.metrics.get(index, 0)
            for rate, count in metric_lane.runs:
                if taken >= count:
                    taken -= count
                    continue
                more = min(count - taken, math.ceil((needed - gained) / rate))
                candidate = (rate, rate * more, -len(deploys) - index, "metrics", index, more)
                best = candidate if best is None or candidate[:3] > best[:3] else best
                break
        if best is None:
            break
        _, gain, _, kind, index, value = best
        if kind == "deploy":
            choice.deploy[index] = deploys[index].options[value]
        else:
            choice.metrics[index] = choice.metrics.get(index, 0) + value
        gained += gain

    # drop what is no longer needed, the fewest points per unit first; then trim
    def ratio(entry: tuple[str, int]) -> Fraction:
        kind, index = entry
        if kind == "deploy":
            return choice.deploy[index].gain / choice.deploy[index].units
        return metrics[index].gain(choice.metrics[index]) / choice.metrics[index]

    for kind, index in sorted([("deploy", i) for i in choice.deploy] + [("metrics", i) for i in choice.metrics],
                              key=ratio):
        if kind == "deploy":
            option = choice.deploy.pop(index)
            lower = [o for o in deploys[index].options if o.units < option.units]
            for lower_option in [None, *lower]:
                if lower_option is not None:
                    choice.deploy[index] = lower_option
                if _gained(choice, metrics) >= needed:
                    break
                choice.deploy.pop(index, None)
            else:
                choice.deploy[index] = option
        else:
            rest = _gained(choice, metrics) - metrics[index].gain(choice.metrics[index])
            fewest = metrics[index].fewest_for(needed - rest)
            if fewest:
                choice.metrics[index] = fewest
            else:
                del choice.metrics[index]
    return choice


# Building the steps

def _types_text(kind: str | None) -> Text:
    if kind is None:
        return Text("", "")
    name = METRIC_TYPE_NAMES[MetricType(kind)]
    return Text(f"（{name.ja}の指標）", f" ({name.en.lower()} metrics)")


def _gain_text(before: Fraction, after: Fraction, points: Fraction) -> Text:
    return Text(f"得点率 {fmt_percent(before)} → {fmt_percent(after)}: +{fmt_number(points)} 点",
                f"item {fmt_percent(before)} → {fmt_percent(after)}: +{fmt_number(points)} points")


def _approach_step_text(number: str, old: ApproachDeployment) -> Text:
    more = old.applicable - old.met
    approach = fmt_against(rules.share(old.met, old.applicable), 100)
    return Text(f"{number}: 残りの細目 {more} 件に適合させる（適用される {old.applicable} 件中 {old.met} → "
                f"{old.applicable} 件、アプローチ {approach}% → 100%）",
                f"{number}: meet the {more} remaining applicable sub-requirement{'s' if more != 1 else ''} "
                f"({old.met} → {old.applicable} of {old.applicable}; approach {approach}% → 100%)")


def _deploy_step_text(number: str, old: ApproachDeployment, new: ApproachDeployment) -> Text:
    more = new.deployed - old.deployed
    before = rules.deployment_band(old.deployed, old.total)
    after = rules.deployment_band(new.deployed, new.total)
    return Text(f"{number}: アプローチをさらに {more} ユニットで完全に運用する（{old.total} ユニット中 "
                f"{old.deployed} → {new.deployed}、運用の評価 {before}% → {after}%）",
                f"{number}: deploy the approach fully in {more} more unit{'s' if more != 1 else ''} "
                f"({old.deployed} → {new.deployed} of {old.total}; deployment rating {before}% → {after}%)")


def _metrics_step_text(number: str, lane: _MetricLane, metrics: int) -> Text:
    from_neither = min(metrics, lane.neither)
    from_improving = metrics - from_neither
    kind = _types_text(lane.type)
    where_ja = "、".join(part for part in (
        f"未達で改善もない指標から {from_neither}" if from_neither else "",
        f"改善中の指標から {from_improving}" if from_improving else "") if part)
    where_en = ", ".join(part for part in (
        f"{from_neither} not at target nor improving" if from_neither else "",
        f"{from_improving} improving" if from_improving else "") if part)
    return Text(f"{number}{kind.ja}: さらに {metrics} 指標を目標達成にする（{lane.total} 指標中 {lane.achieved} → "
                f"{lane.achieved + metrics}、内訳: {where_ja}）",
                f"{number}{kind.en}: bring {metrics} more metric{'s' if metrics != 1 else ''} to target "
                f"({lane.achieved} → {lane.achieved + metrics} of {lane.total}; {where_en})")


def _rule_step_text(number: str, old: Rule5075, new: Rule5075) -> Text:
    return Text(f"{number}: 目標達成の指標を {old.at_target} → {new.at_target}、目標達成または改善の指標を "
                f"{old.at_target_or_improving} → {new.at_target_or_improving} にする（{old.total} 指標中、"
                "50%と75%に届く最少の数）",
                f"{number}: have {new.at_target} metrics at target (now {old.at_target}) and "
                f"{new.at_target_or_improving} at target or improving (now {old.at_target_or_improving}) of "
                f"{old.total}: the fewest that reach 50% and 75%")


def rule_50_75_counts(value: Rule5075) -> Rule5075:
    """4.6's inputs with the fewest metrics changed that meet 50/75: at least half at target, at least
    three quarters at target or improving (a metric brought to target counts for both)."""
    at_target = max(value.at_target, math.ceil(Fraction(value.total, 2)))
    either = max(value.at_target_or_improving, math.ceil(Fraction(3 * value.total, 4)), at_target)
    return Rule5075(at_target, either, value.total)


@dataclass
class _Draft:
    condition: str
    item: str
    kind: StepKind
    size: int
    changes: tuple[Change, ...]
    text: Text
    id: str


def _apply(value: ItemInput, changes: tuple[Change, ...]) -> ItemInput:
    if isinstance(value, ChannelPerformance):
        types = dict(value.types)
        for change in changes:
            _, kind, name = change.field.split(".")
            achieved, improving, total = types[kind]
            counts = {"achieved": achieved, "improving": improving, "total": total}
            counts[name] = change.after
            types[kind] = (counts["achieved"], counts["improving"], counts["total"])
        return ChannelPerformance(types)
    fields: dict[str, int] = {**vars(value), **{c.field: c.after for c in changes}}
    return type(value)(**fields)


def apply_steps(inputs: Mapping[str, ItemInput], steps: Iterable[Step]) -> dict[str, ItemInput]:
    """`inputs` with the changes of `steps` (any of a plan's steps, in any order: no two change the same
    input of the same item)."""
    applied = dict(inputs)
    for step in steps:
        applied[step.item] = _apply(applied[step.item], step.changes)
    return applied


def _points_drafts(deploys: list[_DeployLane], metrics: list[_MetricLane], choice: _Choice) -> list[_Draft]:
    drafts: list[_Draft] = []
    for index, option in choice.deploy.items():
        lane = deploys[index]
        new = replace(lane.inputs, deployed=lane.inputs.deployed + option.units)
        drafts.append(_Draft("points-95", lane.item, "deploy", option.units,
                             (Change("deployed", lane.inputs.deployed, new.deployed),),
                             _deploy_step_text(lane.item, lane.inputs, new), f"deploy:{lane.item}"))
    for index, count in choice.metrics.items():
        metric_lane = metrics[index]
        from_improving = max(0, count - metric_lane.neither)
        prefix = "" if metric_lane.type is None else f"types.{metric_lane.type}."
        changes = [Change(prefix + "achieved", metric_lane.achieved, metric_lane.achieved + count)]
        if from_improving:
            changes.append(Change(prefix + "improving", metric_lane.improving, metric_lane.improving - from_improving))
        step_id = f"metrics:{metric_lane.item}" + ("" if metric_lane.type is None else f":{metric_lane.type}")
        drafts.append(_Draft("points-95", metric_lane.item, "metrics-to-target", count, tuple(changes),
                             _metrics_step_text(metric_lane.item, metric_lane, count), step_id))
    return drafts


def plan_certification(
    edition: str,
    inputs: Mapping[str, ItemInput],
    *,
    human_assisted: bool = True,
    digital_assisted: bool = True,
    excluded: Iterable[str] | None = None,
    search: Search = "auto",
) -> Plan:
    """The changes of the inputs that reach certification (none for a certified assessment)."""
    chosen = None if excluded is None else tuple(excluded)

    def assessed(values: Mapping[str, ItemInput]) -> Assessment:
        return assess(edition, values, human_assisted=human_assisted, digital_assisted=digital_assisted,
                      excluded=chosen)

    before = assessed(inputs)
    ed = before.scope.edition
    points_of = {i.number: i.points_in(ed) or 0 for i in before.scope.items}
    scores = {s.number: s for s in before.items}
    needs_inputs = before.unscored
    current: dict[str, ItemInput] = dict(inputs)
    drafts: list[_Draft] = []

    # approach-100: every applicable sub-requirement of each item below 100%
    for number in sorted(current, key=lambda n: _ITEM_ORDER[n]):
        value = current[number]
        if isinstance(value, ApproachDeployment) and value.met < value.applicable:
            drafts.append(_Draft("approach-100", number, "meet-sub-requirements", value.applicable - value.met,
                                 (Change("met", value.met, value.applicable),),
                                 _approach_step_text(number, value), f"approach:{number}"))
    # 50/75: the fewest metrics of 4.6 that reach it
    for number, value in current.items():
        if isinstance(value, Rule5075):
            new = rule_50_75_counts(value)
            if new != value:
                changes = tuple(Change(name, getattr(value, name), getattr(new, name))
                                for name in ("at_target", "at_target_or_improving")
                                if getattr(value, name) != getattr(new, name))
                size = max(new.at_target - value.at_target,
                           new.at_target_or_improving - value.at_target_or_improving)
                drafts.append(_Draft("rule-50-75", number, "rule-50-75", size, changes,
                                     _rule_step_text(number, value, new), f"rule:{number}"))
    for draft in drafts:
        current[draft.item] = _apply(current[draft.item], draft.changes)

    # 95% of the applicable points: what the steps above leave missing
    earned = before.earned + sum((score_item(d.item, ed, current[d.item]).points - scores[d.item].points
                                  for d in {d.item: d for d in drafts}.values()), Fraction(0))
    points_from_conditions = earned - before.earned
    needed = before.scope.required - earned
    method: Method = "none"
    points_drafts: list[_Draft] = []
    if needed > 0:
        deploys, metrics = _lanes(current, points_of)
        most = sum((lane.options[-1].gain for lane in deploys), Fraction(0)) + sum(
            (lane.headroom for lane in metrics), Fraction(0))
        if most < needed:  # only items without inputs can earn the rest
            method = "unreachable"
        else:
            choice = None if search == "greedy" else _search_exact(deploys, metrics, needed)
            method = "exact" if choice is not None else "greedy"
            if choice is None and search == "exact":
                raise ValueError("the exact search is too large for these inputs")
            if choice is None:
                choice = _search_greedy(deploys, metrics, needed)
            points_drafts = _points_drafts(deploys, metrics, choice)

    steps = _steps(ed.value, inputs, before, drafts, points_drafts)
    inputs_after = dict(inputs)
    for step in steps:
        inputs_after[step.item] = step.inputs
    after = assessed(inputs_after)
    conditions = _condition_plans(before, steps, needs_inputs, inputs, needed)
    return Plan(dict(inputs), before, conditions, steps, inputs_after, after, method, _method_text(method),
                before.points_missing, points_from_conditions, needs_inputs)


def _steps(edition: str, inputs: Mapping[str, ItemInput], before: Assessment,
           drafts: list[_Draft], points_drafts: list[_Draft]) -> tuple[Step, ...]:
    """The steps in the plan's order, each re-scored on its item's actual inputs: the conditions' steps
    (most points first), then the points steps (most points per unit or metric first)."""
    current = dict(inputs)
    percent = {s.number: s.percent for s in before.items}
    points = {s.number: s.points for s in before.items}

    def scored(draft: _Draft) -> tuple[ItemInput, Fraction, Fraction]:
        new = _apply(current[draft.item], draft.changes)
        score = score_item(draft.item, edition, new)
        return new, score.percent, score.points

    # the gain of each draft on its own (after the plan's earlier steps on the same item), for the order
    def ranked(group: list[_Draft], by_ratio: bool) -> list[_Draft]:
        gains = {}
        for draft in group:
            _, _, new_points = scored(draft)
            gains[draft.id] = new_points - points[draft.item]
        key_order = {d.id: (_ITEM_ORDER[d.item], d.id) for d in group}
        if by_ratio:
            return sorted(group, key=lambda d: (-gains[d.id] / d.size, -gains[d.id], key_order[d.id]))
        return sorted(group, key=lambda d: (-gains[d.id], key_order[d.id]))

    ordered = (ranked([d for d in drafts if d.condition == "approach-100"], False)
               + ranked([d for d in drafts if d.condition == "rule-50-75"], False))
    earned = before.earned
    unmet = {c.id for c in before.conditions if not c.met and c.id != "points-95"}
    pending = {d.condition for d in drafts}
    steps: list[Step] = []
    remaining = {d.id for d in drafts}

    def add(draft: _Draft) -> None:
        nonlocal earned
        new, new_percent, new_points = scored(draft)
        gain = new_points - points[draft.item]
        earned += gain
        remaining.discard(draft.id)
        still = {d.condition for d in drafts if d.id in remaining}
        other_unmet = (unmet - pending) | still
        certified = earned >= before.scope.required and not other_unmet
        steps.append(Step(draft.id, draft.condition, draft.item, draft.kind, draft.size, draft.changes, new,
                          percent[draft.item], new_percent, gain, earned, certified, draft.text,
                          Text(f"{draft.text.ja}: {_gain_text(percent[draft.item], new_percent, gain).ja}",
                               f"{draft.text.en}: {_gain_text(percent[draft.item], new_percent, gain).en}")))
        current[draft.item] = new
        percent[draft.item], points[draft.item] = new_percent, new_points

    for draft in ordered:
        add(draft)
    for draft in ranked(points_drafts, True):
        add(draft)
    return tuple(steps)


def _method_text(method: Method) -> Text:
    size = Text("変更の大きさは、運用を始めるユニットと目標達成にする指標の数で数えます"
                "（どちらが難しいかは考慮しません）。",
                "A change's size is the number of units that start deploying and metrics brought to target "
                "(the plan cannot know which is harder for you).")
    if method == "exact":
        return Text("不足する点数に届く変更のうち、大きさの合計が最小のものを"
                    "全組み合わせの探索（動的計画法）で選びました。" + size.ja,
                    "Of every combination that earns the missing points, the one with the smallest total size was "
                    "found by an exhaustive search (dynamic programming). " + size.en)
    if method == "greedy":
        return Text("組み合わせが多すぎるため、1単位あたりの点数が最も大きい変更から順に選び、"
                    "不要になった変更を除きました。最小とは限りません。" + size.ja,
                    "Too many combinations for an exhaustive search: the changes with the most points per unit "
                    "were taken first, and any that was no longer needed was dropped. The result may be larger "
                    "than the smallest. " + size.en)
    if method == "unreachable":
        return Text("入力済みの項目をすべて満点にしても95%に届きません。未入力の項目を入力してください。",
                    "Even full marks on every scored item would not reach 95%: enter the items without inputs.")
    return Text("95%に届くための追加の変更は不要です。", "No further change is needed to reach 95% of the points.")


def _condition_plans(before: Assessment, steps: tuple[Step, ...], needs_inputs: tuple[str, ...],
                     inputs: Mapping[str, ItemInput], needed: Fraction) -> tuple[ConditionPlan, ...]:
    by_condition = {c.id: c for c in before.conditions}
    texts = {c.id: c.text for c in CERTIFICATION_CONDITIONS}
    ids = {cid: tuple(s.id for s in steps if s.condition == cid) for cid in ("approach-100", "rule-50-75", "points-95")}
    met_text = Text("満たしています。", "Met.")

    blank_approach = tuple(n for n in needs_inputs if n.split(".")[0] in {"1", "2", "3"})
    approach_items = [s.item for s in steps if s.condition == "approach-100"]
    more = sum(s.size for s in steps if s.condition == "approach-100")
    parts_ja, parts_en = [], []
    if approach_items:
        parts_ja.append(f"{'、'.join(approach_items)} で残りの細目（計 {more} 件）に適合させる")
        parts_en.append(f"meet the remaining sub-requirements of {', '.join(approach_items)} ({more} in all)")
    if blank_approach:
        parts_ja.append(f"{'、'.join(blank_approach)} の入力を、適用される細目すべてに適合した状態で入れる")
        parts_en.append(f"enter the inputs of {', '.join(blank_approach)}, with every applicable sub-requirement met")
    approach = ConditionPlan(
        "approach-100", texts["approach-100"], by_condition["approach-100"].met,
        met_text if by_condition["approach-100"].met else Text("。".join(parts_ja) + "。",
                                                              "; ".join(parts_en).capitalize() + "."),
        ids["approach-100"], blank_approach)

    rule_value = next((v for v in inputs.values() if isinstance(v, Rule5075)), None)
    if by_condition["rule-50-75"].met:
        rule_remedy = met_text
    elif rule_value is None:
        rule_remedy = Text("4.6の件数を入力してください（目標達成50%以上、目標達成または改善75%以上が必要）。",
                           "Enter 4.6's counts (it needs 50% at target and 75% at target or improving).")
    else:
        new = rule_50_75_counts(rule_value)
        more_target = new.at_target - rule_value.at_target
        more_either = new.at_target_or_improving - rule_value.at_target_or_improving
        rule_remedy = Text(f"目標達成の指標をあと {more_target}、目標達成または改善の指標をあと {more_either} 増やす"
                           f"（{rule_value.total} 指標中 {new.at_target} と {new.at_target_or_improving}）。",
                           f"{more_target} more metrics at target and {more_either} more at target or improving "
                           f"({new.at_target} and {new.at_target_or_improving} of {rule_value.total}).")
    rule = ConditionPlan("rule-50-75", texts["rule-50-75"], by_condition["rule-50-75"].met, rule_remedy,
                         ids["rule-50-75"], tuple(n for n in needs_inputs if n == "4.6"))

    missing = before.points_missing
    gained = sum((s.points for s in steps if s.condition == "points-95"), Fraction(0))
    if by_condition["points-95"].met:
        points_remedy = met_text
    elif needed <= 0:
        points_remedy = Text(f"不足の {fmt_against(missing, 0)} 点は、他の条件のための変更で補えます。",
                             f"The {fmt_against(missing, 0)} points missing come with the changes the other "
                             "conditions need.")
    elif not ids["points-95"] or gained < needed:
        points_remedy = Text(f"不足 {fmt_against(missing, 0)} 点。入力済みの項目の変更だけでは届きません。"
                             "未入力の項目を入力してください。",
                             f"{fmt_against(missing, 0)} points missing: changes of the scored items cannot earn "
                             "them all. Enter the items without inputs.")
    else:
        points_remedy = Text(f"不足 {fmt_against(missing, 0)} 点: 他の条件のための変更で "
                             f"{fmt_number(missing - needed)} 点、残り {fmt_against(needed, 0)} 点を "
                             f"{len(ids['points-95'])} 件の変更で（+{fmt_number(gained)} 点）。",
                             f"{fmt_against(missing, 0)} points missing: the other conditions' changes earn "
                             f"{fmt_number(missing - needed)}, and {len(ids['points-95'])} more change"
                             f"{'s' if len(ids['points-95']) != 1 else ''} earn the other "
                             f"{fmt_against(needed, 0)} (+{fmt_number(gained)}).")
    points = ConditionPlan("points-95", texts["points-95"], by_condition["points-95"].met, points_remedy,
                           ids["points-95"], needs_inputs if needed > gained else ())

    scored_condition = by_condition["all-items-scored"]
    everything = ConditionPlan(
        "all-items-scored", scored_condition.text, scored_condition.met,
        met_text if scored_condition.met else Text(f"{'、'.join(needs_inputs)} の入力が必要です。",
                                                   f"Enter the inputs of {', '.join(needs_inputs)}."),
        (), needs_inputs)
    return (points, approach, rule, everything)


# --- the level rule of a process certification -------------------------------------------------

@dataclass(frozen=True)
class MetricStep:
    id: str  # "level:entity:<name>:<metric>" or "level:site:<name>:<metric>"
    unit: str  # "entity" or a site's name
    is_entity: bool
    metric: str
    name: Text
    months_at_target: int
    months_needed: int
    months_measured: int
    text: Text

    @property
    def more_months(self) -> int:
        return self.months_needed - self.months_at_target


@dataclass(frozen=True)
class UnitPlan:
    unit: str
    is_entity: bool
    holds: bool
    meeting: int  # metrics that meet the level now
    metrics: int
    needed: int  # metrics that must meet it: at least half
    steps: tuple[MetricStep, ...]


@dataclass(frozen=True)
class ProcessPlan:
    before: process.ProcessCertificationCheck
    units: tuple[UnitPlan, ...]
    requirements: tuple[tuple[str, Text], ...]  # additional requirements still to meet (id, text)
    steps: tuple[MetricStep, ...]
    entity_after: Mapping[str, tuple[int, int]]
    sites_after: Mapping[str, Mapping[str, tuple[int, int]]]
    requirements_after: tuple[str, ...]
    after: process.ProcessCertificationCheck


def plan_process(
    block_id: str,
    edition: str,
    *,
    entity: process.MonthsByMetric,
    sites: Mapping[str, process.MonthsByMetric],
    requirements_met: Iterable[str] = (),
    include_optional: bool = False,
) -> ProcessPlan:
    """For each unit that fails the level rule, the metrics that need the fewest more months at target to
    bring it to half of its metrics; and the additional requirements still to meet."""
    met = tuple(requirements_met)
    before = process.check_process_certification(block_id, edition, entity=entity, sites=sites,
                                                 requirements_met=met, include_optional=include_optional)
    names = {m.id: m.name for m in before.block.metrics}
    # the entity comes first in the check's units, then each site in order (a site may be called "entity")
    months: list[dict[str, tuple[int, int]]] = [dict(entity), *(dict(s) for s in sites.values())]
    units: list[UnitPlan] = []
    steps: list[MetricStep] = []
    for position, unit in enumerate(before.units):
        rows = unit.level.metrics
        needed = math.ceil(Fraction(len(rows), 2))
        meeting = sum(row.meets for row in rows)
        chosen: list[MetricStep] = []
        if not unit.level.holds:
            where = Text("主体組織", "the entity") if position == 0 else Text(f"拠点 {unit.unit}",
                                                                            f"site {unit.unit}")
            failing = sorted((r for r in rows if not r.meets), key=lambda r: r.months_needed - r.months_at_target)
            for row in failing[:needed - meeting]:
                name = process.metric_name(names, row.metric)
                more = row.months_needed - row.months_at_target
                chosen.append(MetricStep(
                    f"level:{'entity' if position == 0 else 'site'}:{unit.unit}:{row.metric}", unit.unit,
                    position == 0, row.metric, name, row.months_at_target, row.months_needed, row.months_measured,
                    Text(f"{where.ja}の{name.ja}: 測定した {row.months_measured} か月のうち目標達成をあと {more} か月"
                         f"（{row.months_at_target} → {row.months_needed} か月）",
                         f"{name.en} at {where.en}: {more} more month{'s' if more != 1 else ''} at target in its "
                         f"{row.months_measured} months ({row.months_at_target} → {row.months_needed})")))
                months[position][row.metric] = (row.months_needed, row.months_measured)
        units.append(UnitPlan(unit.unit, position == 0, unit.level.holds, meeting, len(rows), needed,
                              tuple(chosen)))
        steps.extend(chosen)
    level_id = process.level_requirement_id(before.block)
    requirements = tuple((r.id, r.text) for r in before.unmet_requirements if r.id != level_id)
    requirements_after = met + tuple(r for r, _ in requirements)
    entity_after = months[0]
    sites_after = dict(zip(sites, months[1:], strict=True))
    after = process.check_process_certification(block_id, edition, entity=entity_after, sites=sites_after,
                                                requirements_met=requirements_after,
                                                include_optional=include_optional)
    return ProcessPlan(before, tuple(units), requirements, tuple(steps), entity_after, sites_after,
                       requirements_after, after)
