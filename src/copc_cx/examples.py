"""The worked examples: the certification guide's own and the site's, as one data set.

Each example is a request to one calculator's operation (its input as a form sends it) with the
figures it must give. The tests run every example through the core and compare; the guide's pages
show them with `<!-- copc:example ID -->` markers (hooks/copc_markers.py), computed at build time;
the calculators load them from the catalog by their id. A figure appears nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .standard import INPUT_FIELDS, ITEMS, Scoring
from .text import Text


class Origin(StrEnum):
    GUIDE = "guide"  # worked in the certification guide itself
    SITE = "site"  # made up for this site (fictional organisations, boundary cases)


@dataclass(frozen=True)
class WorkedExample:
    id: str
    calculator: str  # the calculator that loads it (registry.CALCULATORS); its operation computes it
    title: Text
    shows: Text  # what it demonstrates, in a sentence
    origin: Origin
    reference: str  # where the guide works it (its section), or the fictional case it stands for
    page: str  # the guide page of this site that works through it (path within a language's docs)
    input: Mapping[str, Any]  # the operation's input, as the form sends it
    expected: Mapping[str, Any]  # dotted path in the operation's result -> the figure it must give


_SCORING_4 = "「カテゴリ4.0の採点」"


def _types(service: tuple[str, str, str], quality: tuple[str, str, str], sales: tuple[str, str, str] | None,
           efficiency: tuple[str, str, str]) -> dict[str, dict[str, str]]:
    fields = [f.name for f in INPUT_FIELDS["channel-performance"]]
    counts = {"service": service, "quality": quality, "sales": sales, "efficiency": efficiency}
    return {t: dict(zip(fields, c, strict=True)) for t, c in counts.items() if c is not None}


def _pending_at_96() -> dict[str, Any]:
    """The fictional CSP of the audit-outcomes page: 3,840 of 4,000 points (96%), yet pending,
    because item 2.8 meets 9 of its 10 sub-requirements (approach 90%)."""
    items: dict[str, Any] = {}
    sub_requirements = [6, 5, 8, 4, 7]
    approach_items = [i for i in ITEMS if i.scoring is Scoring.APPROACH_DEPLOYMENT and i.csp_points is not None]
    for index, item in enumerate(approach_items):
        n = str(sub_requirements[index % len(sub_requirements)])
        items[item.number] = {"met": n, "applicable": n, "deployed": "3", "total": "3"}
    items["2.8"] = {"met": "9", "applicable": "10", "deployed": "3", "total": "3"}
    items["2.9"] = {"met": "6", "applicable": "6", "deployed": "2", "total": "3"}
    items["2.10"] = {"met": "4", "applicable": "4", "deployed": "2", "total": "3"}
    items["4.1"] = {"achieved": "20", "improving": "0", "total": "50"}
    items["4.2a"] = {"achieved": "12", "improving": "3", "total": "20"}
    items["4.3"] = {"types": _types(("30", "6", "40"), ("20", "4", "30"), None, ("15", "5", "25"))}
    items["4.4"] = {"types": _types(("6", "2", "10"), ("5", "1", "8"), None, ("4", "1", "6"))}
    items["4.5"] = {"achieved": "49", "improving": "2", "total": "100"}
    items["4.6"] = {"at_target": "58", "at_target_or_improving": "80", "total": "100"}
    return {"edition": "CSP", "human_assisted": True, "digital_assisted": True, "items": items}


def _two_sites() -> dict[str, Any]:
    """The workforce block at two sites, 12 months measured; every other requirement met."""
    metrics = ("workforce.speed-of-answer", "workforce.abandonment", "workforce.schedule-adherence",
               "workforce.scheduling-forecast")

    def unit(*months_at_target: int) -> dict[str, dict[str, str]]:
        return {m: {"months_at_target": str(at), "months_measured": "12"}
                for m, at in zip(metrics, months_at_target, strict=True)}

    requirements = ["workforce.cuika", "workforce.targets", "workforce.people-items"]
    return {"edition": "CSP", "block": "workforce", "requirements_met": requirements,
            "entity": unit(10, 9, 6, 9), "sites": {"A": unit(10, 9, 6, 11), "B": unit(8, 9, 5, 7)}}


def _renewal(at_target: int, either: int) -> dict[str, Any]:
    return {"no_major_nonconformity": True, "no_internal_audit_nonconformity": True,
            "pst_at_target": str(at_target), "pst_at_target_or_improving": str(either), "pst_total": "20",
            "category_4_level_met": True}


EXAMPLES: tuple[WorkedExample, ...] = (
    WorkedExample(
        "item-2.15", "item-score",
        Text("2.15 COPC CX規格のレビュー（3プログラム中2つで運用）",
             "2.15 COPC CX Standard review (deployed in 2 of 3 programs)"),
        Text("アプローチが100%でも、運用の評価（67% → 50%）が項目の得点率を決めます。",
             "A 100% approach still scores only what deployment allows (67% of programs → 50%)."),
        Origin.GUIDE, "「アプローチと運用（カテゴリ1.0、2.0、および3.0の項目）の採点例」", "scoring/items-1-3.md",
        {"edition": "CSP", "item": "2.15", "met": "2", "applicable": "2", "deployed": "2", "total": "3"},
        {"approach": 100, "deployment": 50, "percent": 50, "points": 20, "limited_by": "deployment"},
    ),
    WorkedExample(
        "item-2.20-osp", "item-score",
        Text("OSPの2.20 クライアントとのリレーションシップ管理（細目10中9に適合）",
             "An OSP's 2.20 Client relationship management (9 of 10 sub-requirements met)"),
        Text("運用が完全でも、アプローチの不足（90%）が得点の上限になります。",
             "Full deployment cannot lift the score above the approach (90%)."),
        Origin.SITE, "架空のOSP（4プログラム）", "scoring/items-1-3.md",
        {"edition": "OSP", "item": "2.20", "met": "9", "applicable": "10", "deployed": "4", "total": "4"},
        {"approach": 90, "deployment": 100, "percent": 90, "points": 72, "limited_by": "approach"},
    ),
    WorkedExample(
        "performance-1", "performance",
        Text("例1: 指標の48%が目標達成", "Example 1: 48% of metrics at target"),
        Text("Aが50%未満なら、得点率は2 × Aです。", "Below 50% at target, the item scores 2 × A."),
        Origin.GUIDE, _SCORING_4 + "項目4.1、4.2a、4.2b、4.5の例1", "scoring/performance.md",
        {"edition": "CSP", "item": "4.1", "achieved": "48", "improving": "0", "total": "100"},
        {"percent": 96, "points": 480},
    ),
    WorkedExample(
        "performance-1-improving", "performance",
        Text("例1（改善あり）: 25%が目標達成、20%が改善中", "Example 1 with improvement: 25% at target, 20% improving"),
        Text("改善中の指標は1%につき0.5%を加えます。", "Each point of improving metrics adds half a point."),
        Origin.GUIDE, _SCORING_4 + "項目4.1、4.2a、4.2b、4.5の例1", "scoring/performance.md",
        {"edition": "CSP", "item": "4.1", "achieved": "25", "improving": "20", "total": "100"},
        {"percent": 60, "points": 300},
    ),
    WorkedExample(
        "performance-2", "performance",
        Text("例2: 50%以上が目標達成", "Example 2: 50% or more at target"),
        Text("半数の指標が目標を達成すれば、改善中の数に関係なく100%です。",
             "Half the metrics at target earn full marks, whatever else improves."),
        Origin.GUIDE, _SCORING_4 + "項目4.1、4.2a、4.2b、4.5の例2", "scoring/performance.md",
        {"edition": "CSP", "item": "4.1", "achieved": "50", "improving": "30", "total": "100"},
        {"percent": 100, "points": 500},
    ),
    WorkedExample(
        "performance-3", "performance",
        Text("例3: 目標達成0%、改善中30%", "Example 3: none at target, 30% improving"),
        Text("目標達成が0%でも、改善中の指標の半分の得点率が残ります。",
             "With nothing at target, half the improving share remains."),
        Origin.GUIDE, _SCORING_4 + "項目4.1、4.2a、4.2b、4.5の例3", "scoring/performance.md",
        {"edition": "CSP", "item": "4.1", "achieved": "0", "improving": "30", "total": "100"},
        {"percent": 15, "points": 75},
    ),
    WorkedExample(
        "performance-4.5-counts", "performance",
        Text("件数から: 4.5で50指標中12が目標達成、10が改善中",
             "From counts: 12 of 50 KSP metrics at target, 10 improving"),
        Text("件数を割合にしてから同じ規則を当てはめます。", "Counts become shares, then the same rule applies."),
        Origin.SITE, "架空のCSPのKSP指標", "scoring/performance.md",
        {"edition": "CSP", "item": "4.5", "achieved": "12", "improving": "10", "total": "50"},
        {"achieved_share": 24, "improving_share": 20, "percent": 58, "points": 116},
    ),
    WorkedExample(
        "channel-4.3", "channel-performance",
        Text("4.3を指標タイプ別に: サービス40%、クオリティ50%、セールス60%、効率性25% + 改善10%",
             "4.3 by metric type: service 40%, quality 50%, sales 60%, efficiency 25% + 10% improving"),
        Text("4タイプなら各タイプが配点の1/4を受け持ち、タイプごとに採点します。",
             "With four types each carries a quarter of the points and is scored on its own."),
        Origin.GUIDE, _SCORING_4 + "項目4.3および4.4の例1", "scoring/performance.md",
        {"edition": "CSP", "item": "4.3", "types": _types(("40", "0", "100"), ("50", "0", "100"),
                                                           ("60", "0", "100"), ("25", "10", "100"))},
        {"by_type.service.percent": 80, "by_type.quality.percent": 100, "by_type.sales.percent": 100,
         "by_type.efficiency.percent": 55, "percent": 83.75, "points": 335},
    ),
    WorkedExample(
        "channel-4.3-no-sales", "channel-performance",
        Text("同じ4.3でセールス指標がない場合", "The same 4.3 without sales metrics"),
        Text("3タイプなら各タイプが1/3を受け持ち、弱いタイプの影響が大きくなります。",
             "With three types each carries a third, so a weak type costs more."),
        Origin.SITE, _SCORING_4 + "の例をもとにした変形", "scoring/performance.md",
        {"edition": "CSP", "item": "4.3", "types": _types(("40", "0", "100"), ("50", "0", "100"), None,
                                                           ("25", "10", "100"))},
        {"weight": 1 / 3, "percent": 78.3333, "points": 313.3333},
    ),
    WorkedExample(
        "rule-50-75", "rule-50-75",
        Text("4.6: 目標達成48%、目標達成または改善69%", "4.6: 48% at target, 69% at target or improving"),
        Text("どちらの基準にも届かないと、得点は329点でも認証の条件（50/75）を満たしません。",
             "Missing both thresholds costs few points (329 of 350) but fails the 50/75 condition."),
        Origin.GUIDE, _SCORING_4 + "項目4.6の例1", "scoring/performance.md",
        {"at_target": "48", "at_target_or_improving": "69", "total": "100"},
        {"level": 96, "trend": 92, "points": 329, "met": False},
    ),
    WorkedExample(
        "applicable-csp-human-only", "applicable-points",
        Text("デジタルアシステッドチャネルのないCSP", "A CSP without digital-assisted channels"),
        Text("2.6と4.4を除いた持ち点と、切り捨てない95%の必要点数です（ガイドの例の正誤を反映）。",
             "Leaving out 2.6 and 4.4, with the exact 95% requirement (the guide's example, corrected)."),
        Origin.GUIDE, "「COPC認証取得に必要な点数」の例", "scoring/applicable-points.md",
        {"edition": "CSP", "human_assisted": True, "digital_assisted": False},
        {"applicable": 3570, "required": 3391.5},
    ),
    WorkedExample(
        "applicable-osp-digital-only", "applicable-points",
        Text("デジタルアシステッドチャネルだけのOSP", "An OSP running digital-assisted channels only"),
        Text("人材の項目の多くが外れても、OSPだけの項目とカテゴリ4.0はほぼ残ります。",
             "Most people items drop out; the OSP-only items and category 4.0 stay."),
        Origin.SITE, "架空のOSP（Web・チャットボット・アプリ・セルフサービス）", "scoring/applicable-points.md",
        {"edition": "OSP", "human_assisted": False, "digital_assisted": True},
        {"applicable": 3660, "required": 3477},
    ),
    WorkedExample(
        "pending-at-96", "self-assessment",
        Text("96%でも保留: 2.8のアプローチが90%", "Pending at 96%: the approach of 2.8 is 90%"),
        Text("持ち点の95%を超えていても、アプローチが100%でない項目が1つあれば認証されません。",
             "Above 95% of the points, one item with an approach below 100% still blocks certification."),
        Origin.SITE, "架空のCSP「みどり保険カスタマーセンター」（3プログラム）", "certification/outcomes.md",
        _pending_at_96(),
        {"earned": 3840, "percent_of_applicable": 96, "certified": False,
         "conditions.points-95.met": True, "conditions.approach-100.met": False, "conditions.rule-50-75.met": True},
    ),
    WorkedExample(
        "level-rule-two-sites", "process-certification",
        Text("ワークフォース管理ブロック: 2サイトのレベル要求", "Workforce block: the level rule at two sites"),
        Text("サイトAが満たしても、サイトBが満たさなければ主体組織はレベル要求を満たしません。",
             "Site A passes, site B fails, so the entity does not meet the level rule."),
        Origin.SITE, "架空のCSP（2サイト・12か月）", "process/blocks.md",
        _two_sites(),
        {"units.entity.holds": True, "units.A.holds": True, "units.A.share_meeting": 75,
         "units.B.holds": False, "units.B.share_meeting": 25, "level_holds": False, "ready": False},
    ),
    WorkedExample(
        "renewal-exactly-65-75", "renewal",
        Text("更新: 20指標中13が目標達成（65%）、15が達成または改善（75%）",
             "Renewal: 13 of 20 at target (65%), 15 at target or improving (75%)"),
        Text("「を超える」なので、ちょうど65%と75%では2年間隔の条件を満たしません。",
             "The conditions say more than: exactly 65% and 75% do not qualify for the two-year interval."),
        Origin.SITE, "「認証更新審査」の条件3・4の境界", "certification/outcomes.md",
        _renewal(13, 15),
        {"conditions.pst-at-target-over-65.met": False, "conditions.pst-at-target-or-improving-over-75.met": False,
         "interval_years": 1},
    ),
    WorkedExample(
        "renewal-70-80", "renewal",
        Text("更新: 20指標中14が目標達成（70%）、16が達成または改善（80%）",
             "Renewal: 14 of 20 at target (70%), 16 at target or improving (80%)"),
        Text("5つの条件がすべてそろえば、更新審査は2年ごとになります。",
             "With all five conditions met, renewal audits move to every two years."),
        Origin.SITE, "「認証更新審査」の条件3・4の境界", "certification/outcomes.md",
        _renewal(14, 16),
        {"conditions.pst-at-target-over-65.met": True, "conditions.pst-at-target-or-improving-over-75.met": True,
         "interval_years": 2},
    ),
    WorkedExample(
        "timeline-fastest-march", "timeline",
        Text("3月のキックオフから最速のペースで", "The fastest path from a March kickoff"),
        Text("8か月で11月の審査を目指すと、Step 8の内部監査とレビューは約3か月前の8月に来ます。夏休みと重なるなら、"
             "審査日を動かして計画し直せます。",
             "Aiming at a November audit in 8 months puts step 8's internal audit and review about 3 months "
             "earlier, in August; if that clashes with the summer holidays, move the audit and plan again."),
        Origin.SITE, "架空の品質管理責任者（3月にキックオフ）", "certification/steps.md",
        {"start": "2027-03-01", "start_is": "kickoff", "path": "fastest"},
        {"baseline": "2027-04-01", "audit": "2027-11-01", "entries.step-8.end": "2027-08-01",
         "entries.audit-deadline.end": "2028-10-01", "entries.renewal-1.start": "2028-11-01"},
    ),
)

EXAMPLES_BY_ID: dict[str, WorkedExample] = {e.id: e for e in EXAMPLES}


def figure(result: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted `path` of an operation's result. A list is entered by the entry whose
    identifying key ("id", "unit", "item", "type") equals the path's next part."""
    value: Any = result
    for part in _split(path):
        if isinstance(value, list):
            value = next(v for v in value if part in (v.get("id"), v.get("unit"), v.get("item"), v.get("type")))
        else:
            value = value[part]
    return value


def _split(path: str) -> list[str]:
    """Dotted parts, keeping item numbers such as "2.15" and ids such as "points-95" whole."""
    parts: list[str] = []
    for piece in path.split("."):
        if parts and piece.isdigit() and parts[-1].isdigit():
            parts[-1] = f"{parts[-1]}.{piece}"
        else:
            parts.append(piece)
    return parts
