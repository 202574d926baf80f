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


def _two_sites(site_b_speed_of_answer: int = 8) -> dict[str, Any]:
    """The workforce block at two sites, 12 months measured; every other requirement met.
    Site B's speed of answer is at target in 8 months, or in as many as given."""
    metrics = ("workforce.speed-of-answer", "workforce.abandonment", "workforce.schedule-adherence",
               "workforce.scheduling-forecast")

    def unit(*months_at_target: int) -> dict[str, dict[str, str]]:
        return {m: {"months_at_target": str(at), "months_measured": "12"}
                for m, at in zip(metrics, months_at_target, strict=True)}

    requirements = ["workforce.cuika", "workforce.targets", "workforce.people-items"]
    return {"edition": "CSP", "block": "workforce", "requirements_met": requirements,
            "entity": unit(10, 9, 6, 9),
            "sites": {"A": unit(10, 9, 6, 11), "B": unit(site_b_speed_of_answer, 9, 5, 7)}}


def _renewal(at_target: int, either: int) -> dict[str, Any]:
    return {"no_major_nonconformity": True, "no_internal_audit_nonconformity": True,
            "pst_at_target": str(at_target), "pst_at_target_or_improving": str(either), "pst_total": "20",
            "category_4_level_met": True}


# --- Metrics tables built to give the guide's category 4.0 figures ---------------------------------

def _row(name: str, item: str, level: str, unit: str, target: str, direction: str, results: tuple[str, ...],
         **more: str) -> dict[str, Any]:
    """One row of a metrics table, as the table's form sends it."""
    return {"name": name, "item": item, "level": level, "unit": unit, "target": target, "direction": direction,
            "results": list(results), **more}


_LATEST_TWO = ["2024-11", "2024-12"]


def _table_4_1_at_48() -> dict[str, Any]:
    """4.1 of a CSP with 12 programs: the service journey, and overall satisfaction (higher is better)
    and dissatisfaction (lower is better) in each program; 12 of the 25 at target in December (48%)."""
    rows = [_row("サービスジャーニーの顧客体験", "4.1", "entity", "", "75", "higher", ("73", "76"))]
    for n in range(1, 13):
        program = f"P{n:02d}"
        rows.append(_row("顧客の総合満足度", "4.1", "program", program, "80", "higher",
                         ("79", "82" if n <= 6 else "78")))
        rows.append(_row("顧客の総合不満足度", "4.1", "program", program, "8", "lower",
                         ("9", "7.5" if n <= 5 else "8.4")))
    return {"edition": "CSP", "months": _LATEST_TWO, "rows": rows}


def _table_4_3_by_type() -> dict[str, Any]:
    """4.3 by type: service 2 of 5 at target, quality 1 of 2, sales 3 of 5, efficiency 5 of 20 with 2 of
    the others marked improving."""
    rows: list[dict[str, Any]] = []

    def add(kind: str, names: tuple[str, ...], programs: int, at_target: int, improving: int = 0) -> None:
        for n, (program, name) in enumerate((f"P{p:02d}", name) for p in range(1, programs + 1) for name in names):
            hit = n < at_target
            rows.append(_row(name, "4.3", "program", program, "90", "higher", ("88", "91" if hit else "87"),
                             type=kind, improving="yes" if at_target <= n < at_target + improving else ""))

    add("service", ("サービスレベル", "応答率", "メール返信の納期率", "チャット応答率", "折り返し納期率"), 1, 2)
    add("quality", ("重大なミスの精度（顧客）", "重大なミスの精度（業務）"), 1, 1)
    add("sales", ("成約率", "アップセル率", "解約阻止率", "クロスセル率", "見積り成約率"), 1, 3)
    add("efficiency", ("処理件数達成率", "CSS稼働率", "占有率", "後処理時間の達成率", "処理時間の達成率"), 4, 5, 2)
    return {"edition": "CSP", "months": _LATEST_TWO, "rows": rows}


_KSP_BY_PROGRAM = (("予測精度", "higher"), ("スケジュール遵守率", "higher"), ("IVRのマネジメント", "higher"),
                   ("欠勤率", "lower"), ("プログラム単位のCSS離職率", "lower"))


def _table_50_75() -> dict[str, Any]:
    """100 KSP metrics (five in each of 20 programs), all counted for 4.6: 48 at target in the latest
    month, 21 below it but better in each of their last three months, 31 neither; improvement by rule."""
    rows: list[dict[str, Any]] = []
    for n in range(100):
        name, direction = _KSP_BY_PROGRAM[n % 5]
        higher = direction == "higher"
        results = (("88", "89", "90", "91") if n < 48 else ("80", "82", "84", "86") if n < 69 else
                   ("86", "84", "85", "85"))
        if not higher:
            results = (("6", "5.5", "5", "4.8") if n < 48 else ("9", "8", "7", "6") if n < 69 else
                       ("7", "8", "7", "7.5"))
        rows.append(_row(name, "4.5", "program", f"P{n // 5 + 1:02d}", "90" if higher else "5", direction, results))
    return {"edition": "CSP", "months": ["2024-09", "2024-10", "2024-11", "2024-12"], "rows": rows,
            "improvement": "last-three-better"}


def _table_level_readings() -> dict[str, Any]:
    """The workforce block over four months. The entity: three of six metrics at target in 3 of 4 months
    each, but in different months, so most months have only two at target. Site A: no metric at target in
    3 of 4 months, yet every month has two of its four at target."""
    def unit(site: str, pattern: dict[str, str]) -> list[dict[str, Any]]:
        rows = []
        for metric, hits in pattern.items():
            lower = metric == "workforce.abandonment"
            results = tuple(("4" if lower else "85") if hit == "x" else ("6" if lower else "75") for hit in hits)
            rows.append(_row(metric.split(".")[1], "", "", "", "5" if lower else "80", "lower" if lower else "higher",
                             results, block_metric=metric, site=site))
        return rows

    entity = unit("", {"workforce.speed-of-answer": "-xxx", "workforce.abandonment": "x-xx",
                       "workforce.timeliness": "xx-x", "workforce.backlog": "----",
                       "workforce.schedule-adherence": "----", "workforce.staffing-forecast": "----"})
    site = unit("A", {"workforce.speed-of-answer": "xx--", "workforce.abandonment": "--xx",
                      "workforce.schedule-adherence": "x-x-", "workforce.occupancy": "-x-x"})
    return {"edition": "CSP", "months": ["2024-09", "2024-10", "2024-11", "2024-12"], "rows": entity + site,
            "block": "workforce"}


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
        "item-11-of-12", "item-score",
        Text("2.7 クオリティの管理: 細目12中11に適合（途中で丸めない）",
             "2.7 Quality management: 11 of 12 sub-requirements met (no rounding on the way)"),
        Text("アプローチ91.67%をそのまま配点に掛けます。92%に丸めてから掛けると73.6点になり、得点を高く見積もります。",
             "The exact 91.67% multiplies the points; rounding it to 92% first would give 73.6 points, too many."),
        Origin.SITE, "架空のCSP（3プログラム）", "scoring/items-1-3.md",
        {"edition": "CSP", "item": "2.7", "met": "11", "applicable": "12", "deployed": "3", "total": "3"},
        {"approach": 91.6667, "percent": 91.6667, "points": 73.3333, "limited_by": "approach"},
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
        "performance-capped", "performance",
        Text("上限: 40%が目標達成、60%が改善中", "The cap: 40% at target, 60% improving"),
        Text("2 × A + 0.5 × I が100を超えても（ここでは110）、得点率は100%で止まります。",
             "When 2 × A + 0.5 × I passes 100 (110 here), the item still scores 100%."),
        Origin.SITE, _SCORING_4 + "の換算式の上限", "scoring/performance.md",
        {"edition": "CSP", "item": "4.1", "achieved": "40", "improving": "60", "total": "100"},
        {"percent": 100, "points": 500},
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
        "metrics-4.1-at-48", "metrics-table",
        Text("指標表から4.1: 25指標中12が目標達成（48%）",
             "4.1 from a metrics table: 12 of 25 metrics at target (48%)"),
        Text("指標ごとの最新の結果を目標と比べて数えると、ガイドの例1と同じ96%になります。",
             "Counting each metric's latest result against its target gives the guide's example 1: 96%."),
        Origin.GUIDE, _SCORING_4 + "項目4.1、4.2a、4.2b、4.5の例1", "scoring/metrics.md",
        _table_4_1_at_48(),
        {"items.4.1.counts.at_target": 12, "items.4.1.counts.total": 25, "items.4.1.at_target_share": 48,
         "items.4.1.percent": 96, "items.4.1.points": 480},
    ),
    WorkedExample(
        "metrics-4.3-by-type", "metrics-table",
        Text("指標表から4.3: タイプ別に40%・50%・60%・25% + 改善10%",
             "4.3 from a metrics table: 40%, 50%, 60% and 25% + 10% improving by type"),
        Text("行ごとの指標タイプで数え分けると、ガイドの4.3の例と同じ得点率になります。",
             "Counting the rows by their metric type gives the figures of the guide's 4.3 example."),
        Origin.GUIDE, _SCORING_4 + "項目4.3および4.4の例1", "scoring/metrics.md",
        _table_4_3_by_type(),
        {"items.4.3.by_type.service.percent": 80, "items.4.3.by_type.quality.percent": 100,
         "items.4.3.by_type.sales.percent": 100, "items.4.3.by_type.efficiency.percent": 55,
         "items.4.3.by_type.efficiency.counts.improving": 2, "items.4.3.percent": 83.75, "items.4.3.points": 335},
    ),
    WorkedExample(
        "metrics-50-75", "metrics-table",
        Text("指標表から4.6: 100指標中48が目標達成、21が改善中（規則で判定）",
             "4.6 from a metrics table: 48 of 100 at target, 21 improving (by the rule)"),
        Text("改善中を月次結果の規則で判定しても、ガイドの例と同じ96%と92%になり、50/75は未達成です。",
             "With improvement decided by the rule on the monthly results, the guide's 96% and 92% follow, "
             "and 50/75 is not met."),
        Origin.GUIDE, _SCORING_4 + "項目4.6の例1", "scoring/metrics.md",
        _table_50_75(),
        {"items.4.6.counts.at_target": 48, "items.4.6.counts.improving": 21, "items.4.6.level": 96,
         "items.4.6.trend": 92, "items.4.6.points": 329, "items.4.6.rule_50_75_met": False,
         "renewal.at_target_share": 48},
    ),
    WorkedExample(
        "metrics-level-readings", "metrics-table",
        Text("レベル要求の二つの読み方が分かれる例（ワークフォース管理ブロック、4か月）",
             "Where the two readings of the level rule disagree (workforce block, four months)"),
        Text("主体組織は読み方(a)で満たし(b)で満たさず、拠点Aはその逆です。",
             "The entity holds under reading (a) but not (b); site A the other way round."),
        Origin.SITE, "架空のCSP（主体組織と1拠点、4か月）", "process/blocks.md",
        _table_level_readings(),
        {"level.units.entity.each_metric.holds": True, "level.units.entity.each_month.holds": False,
         "level.units.A.each_metric.holds": False, "level.units.A.each_month.holds": True,
         "level.holds": False},
    ),
    WorkedExample(
        "rule-50-75-one-short", "rule-50-75",
        Text("4.6: 目標達成49%、目標達成または改善75%", "4.6: 49% at target, 75% at target or improving"),
        Text("1ポイント足りないだけでも50ルールは満たされず、点数はほぼ満点でも認証の条件を欠きます。",
             "One point short of 50% fails the 50 rule: nearly full points, yet a certification condition fails."),
        Origin.SITE, "「COPC認証取得に必要な点数」の50/75の境界", "faq.md",
        {"at_target": "49", "at_target_or_improving": "75", "total": "100"},
        {"level": 98, "trend": 100, "points": 346.5, "met": False},
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
        Text("96%でも申請中: 2.8のアプローチが90%", "Pending at 96%: the approach of 2.8 is 90%"),
        Text("持ち点の95%を超えていても、アプローチが100%でない項目が1つあれば認証されません"
             "（経営層が全項目への適合を約束すれば申請中）。",
             "Above 95% of the points, one item with an approach below 100% still blocks certification "
             "(pending, if senior management commits to full conformity)."),
        Origin.SITE, "架空のCSP「みどり保険カスタマーセンター」（3プログラム）", "certification/outcomes.md",
        _pending_at_96(),
        {"earned": 3840, "percent_of_applicable": 96, "certified": False,
         "conditions.points-95.met": True, "conditions.approach-100.met": False, "conditions.rule-50-75.met": True},
    ),
    WorkedExample(
        "level-rule-two-sites", "process-certification",
        Text("ワークフォース管理ブロック: 2拠点のレベル要求", "Workforce block: the level rule at two sites"),
        Text("拠点Aが満たしても、拠点Bが満たさなければ主体組織はレベル要求を満たしません。",
             "Site A passes, site B fails, so the entity does not meet the level rule."),
        Origin.SITE, "架空のCSP（2拠点・12か月）", "process/blocks.md",
        _two_sites(),
        {"units.entity.holds": True, "units.A.holds": True, "units.A.share_meeting": 75,
         "units.B.holds": False, "units.B.share_meeting": 25, "level_holds": False, "ready": False},
    ),
    WorkedExample(
        "level-rule-two-sites-one-more-month", "process-certification",
        Text("同じ2拠点で、拠点Bの応答速度があと1か月目標を達成した場合",
             "The same two sites, with site B's speed of answer at target one month more"),
        Text("9か月（12か月の3/4）に届いた指標が1つ増えて拠点Bが50%になり、主体組織もレベル要求を満たします。",
             "One more metric reaches 9 of 12 months, site B reaches 50%, and the entity meets the level rule."),
        Origin.SITE, "架空のCSP（2拠点・12か月）", "process/blocks.md",
        _two_sites(site_b_speed_of_answer=9),
        {"units.B.holds": True, "units.B.share_meeting": 50, "level_holds": True, "ready": True},
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
    for part in split_path(path):
        if isinstance(value, list):
            value = next(v for v in value if part in (v.get("id"), v.get("unit"), v.get("item"), v.get("type")))
        else:
            value = value[part]
    return value


def split_path(path: str) -> list[str]:
    """Dotted parts, keeping item numbers such as "2.15" and ids such as "points-95" whole."""
    parts: list[str] = []
    for piece in path.split("."):
        if parts and piece[:1].isdigit() and parts[-1].isdigit():
            parts[-1] = f"{parts[-1]}.{piece}"
        else:
            parts.append(piece)
    return parts
