"""Process certification: a block's requirements and its level rule per entity and site."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import catalog, rules
from .errors import Checker, InputError
from .standard import Block, Condition, Edition
from .text import Text

MonthsByMetric = Mapping[str, tuple[int, int]]  # metric -> (months at target, months measured)


def meets_level(metrics: MonthsByMetric) -> bool:
    """The level rule for one site or the entity: >= 50% of the required metrics at target
    in >= 3/4 of the measurement period."""
    return rules.check_level(metrics).holds


@dataclass(frozen=True)
class UnitLevel:
    unit: str  # "entity" or a site's name
    level: rules.LevelResult

    @property
    def failing(self) -> tuple[str, ...]:
        return tuple(m.metric for m in self.level.metrics if not m.meets)


@dataclass(frozen=True)
class ProcessCertificationCheck:
    block: Block
    items: tuple[str, ...]  # the items certified together, with any chosen optional item
    units: tuple[UnitLevel, ...]  # the entity first, then each site
    level_holds: bool
    unmet_requirements: tuple[Condition, ...]
    ready: bool
    steps: tuple[Text, ...]


def level_requirement_id(block: Block) -> str:
    """The one additional requirement the calculator computes instead of asking."""
    return f"{block.id}.level"


def _check_metric_names(block: Block, metrics: MonthsByMetric, prefix: str, checker: Checker) -> None:
    ids = {m.id for m in block.metrics}
    client_ids = {m.id for m in block.metrics if m.client_set}
    for name in metrics:
        # Clients may require several metrics: "<client metric id>:<label>" names each one.
        base = name.split(":", 1)[0]
        if name not in ids and not (base in client_ids and ":" in name):
            checker.add(f"{prefix}{name}",
                        f"指標 {name!r} は{block.name.ja}ブロックの要求指標ではありません。",
                        f"{name!r} is not a required metric of the {block.name.en} block.")


def metric_name(names: Mapping[str, Text], metric: str) -> Text:
    """A metric's name; a further client metric ("<id>:<label>") with its label."""
    base, _, label = metric.partition(":")
    name = names.get(base, Text(base, base))
    return Text(f"{name.ja}（{label}）", f"{name.en} ({label})") if label else name


def check_process_certification(
    block_id: str,
    edition: str | Edition,
    *,
    entity: MonthsByMetric,
    sites: Mapping[str, MonthsByMetric],
    requirements_met: Iterable[str] = (),
    include_optional: bool = False,
) -> ProcessCertificationCheck:
    """Check a block: the level rule for the entity and each site, and the requirements checklist."""
    block = catalog.block(block_id, edition)
    checker = Checker()
    known = {r.id for r in block.requirements}
    met = set(requirements_met)
    for req in sorted(met - known):
        checker.add("requirements_met", f"要求 {req!r} はこのブロックにありません。",
                    f"{req!r} is not a requirement of this block.")
    if not sites:
        checker.add("sites", "拠点を1つ以上入力してください（レベル要求は各拠点にも適用されます）。",
                    "Enter at least one site: the level rule applies to each site too.")
    names = {m.id: m.name for m in block.metrics}
    units: list[UnitLevel] = []
    for unit, metrics, prefix in [("entity", entity, "entity."),
                                  *((name, m, f"sites.{name}.") for name, m in sites.items())]:
        _check_metric_names(block, metrics, prefix, checker)
        try:
            units.append(UnitLevel(unit, rules.check_level(metrics, prefix, names)))
        except InputError as error:
            checker.problems.extend(error.problems)
    checker.raise_if_any()

    level_holds = all(u.level.holds for u in units)
    level_id = level_requirement_id(block)
    unmet = tuple(r for r in block.requirements if r.id != level_id and r.id not in met)
    if not level_holds:
        unmet += tuple(r for r in block.requirements if r.id == level_id)
    items = block.items + (block.optional_items if include_optional else ())
    steps = [Text(f"{block.name.ja}ブロック: " + "、".join(items) + " を同時に認証（免除なし）",
                  f"{block.name.en} block: " + ", ".join(items) + " are certified together (no exemptions)")]
    for u in units:
        label = Text("主体組織", "Entity") if u.unit == "entity" else Text(f"拠点 {u.unit}", f"Site {u.unit}")
        failing = [metric_name(names, m) for m in u.failing]
        verdict = Text("満たす", "holds") if u.level.holds else Text(
            "満たさない（未達: " + "、".join(t.ja for t in failing) + "）",
            "fails (not meeting: " + ", ".join(t.en for t in failing) + ")")
        steps.append(Text(f"{label.ja}: レベル要求を{verdict.ja}", f"{label.en}: the level rule {verdict.en}"))
    if unmet:
        steps.append(Text("未達の要求: " + "、".join(r.text.ja for r in unmet),
                          "Requirements not met: " + "; ".join(r.text.en for r in unmet)))
    return ProcessCertificationCheck(block, items, tuple(units), level_holds, unmet, not unmet, tuple(steps))

