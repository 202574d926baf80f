"""The site's calculators: one list that the API, the widgets, the pages and the tests agree on.

A calculator named N is a placeholder `<div class="copc-calc" data-calc="N" markdown></div>` in
the guide's pages, a widget module `calculators/widgets/N.mjs` with its strings, and an operation
of `web.OPERATIONS` that computes it; `tests/site/test_registry.py` checks that they all exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import Text


@dataclass(frozen=True)
class Calculator:
    name: str  # the placeholder's data-calc, the widget module's file name
    op: str  # the operation of copc_cx.web that computes it
    title: Text
    summary: Text  # what it does, in a sentence (the calculators page and its list)
    page: str  # the guide page that explains its rule (path within a language's docs)


CALCULATORS: tuple[Calculator, ...] = (
    Calculator(
        "item-score", "item-score", Text("項目の得点（カテゴリ1.0〜3.0）", "Item score (categories 1.0–3.0)"),
        Text("アプローチと運用の評価から、カテゴリ1.0〜3.0の項目の得点を出します。",
             "Scores an item of categories 1.0–3.0 from its approach and deployment."),
        "scoring/items-1-3.md"),
    Calculator(
        "performance", "performance", Text("パフォーマンス項目の得点（4.1・4.2・4.5）",
                                           "Performance item score (4.1, 4.2, 4.5)"),
        Text("目標を達成した指標と改善中の指標の割合から、4.1・4.2a・4.2b・4.5の得点率を出します。",
             "Scores 4.1, 4.2a, 4.2b and 4.5 from the shares of metrics at target and improving."),
        "scoring/performance.md"),
    Calculator(
        "channel-performance", "channel-performance", Text("チャネルのパフォーマンス（4.3・4.4）",
                                                           "Channel performance (4.3 and 4.4)"),
        Text("指標をサービス・クオリティ・セールス・効率性に分けて採点し、4.3と4.4の得点を出します。",
             "Scores 4.3 and 4.4 type by type: service, quality, sales and efficiency."),
        "scoring/performance.md"),
    Calculator(
        "rule-50-75", "rule-50-75", Text("50/75ルール（4.6）", "The 50/75 rule (4.6)"),
        Text("目標達成の割合と、目標達成または改善の割合から、4.6の二つのルールの結果を出します。",
             "Works out 4.6's two rules from the shares at target and at target or improving."),
        "scoring/performance.md"),
    Calculator(
        "applicable-points", "applicable-points", Text("評価対象の持ち点", "Applicable points"),
        Text("運用しているチャネルから持ち点と、認証に必要な95%の点数を出します。",
             "Works out the applicable points for your channels and the 95% needed for certification."),
        "scoring/applicable-points.md"),
    Calculator(
        "self-assessment", "self-assessment", Text("自己評価", "Self-assessment"),
        Text("適用される全項目を自己評価し、合計、持ち点に対する割合、満たしていない認証条件を示します。",
             "Rates every applicable item and shows the total, its share of the applicable points and "
             "every unmet condition for certification."),
        "certification/outcomes.md"),
    Calculator(
        "process-certification", "process-certification",
        Text("プロセス認証のレベル要求", "Process-certification level requirement"),
        Text("ブロックを選び、主体組織と各拠点で要求指標が目標を達成した月数からレベル要求を判定し、"
             "追加要求のチェックリストで準備状況を示します。",
             "Checks a block's level rule for the entity and each site from the months each metric was at "
             "target, with a checklist of the additional requirements."),
        "process/blocks.md"),
    Calculator(
        "renewal", "renewal", Text("更新審査の間隔", "Renewal interval"),
        Text("5つの条件から、更新審査が毎年か2年ごとかを判定します。",
             "Decides from the five conditions whether renewal audits are yearly or every two years."),
        "certification/outcomes.md"),
    Calculator(
        "metrics-table", "metrics-table", Text("指標表（カテゴリ4.0）", "Metrics table (category 4.0)"),
        Text("指標ごとの目標と月次結果の表から、4.1〜4.6の件数と得点、更新審査の割合、プロセス認証のレベル要求を出します。",
             "Derives the counts and scores of 4.1–4.6, the renewal's shares and a block's level rule from a table "
             "of metrics with their targets and monthly results."),
        "scoring/metrics.md"),
    Calculator(
        "timeline", "timeline", Text("認証までの日程と更新の暦", "Certification timeline and renewal calendar"),
        Text("開始日と経路（フル認証の標準・最速、プロセス認証）から、9つのステップの日付、期限、更新審査の期間を出します。"
             "審査日からさかのぼることもできます。",
             "Dates each of the nine steps, every deadline and the renewal windows from a start date and a path "
             "(full certification at the typical or fastest pace, or process certification); or works back from "
             "a target audit date."),
        "certification/steps.md"),
)

CALCULATORS_BY_NAME: dict[str, Calculator] = {c.name: c for c in CALCULATORS}
