"""Exercises for a course: short cases that participants work out before the page shows the answer.

Each exercise is a worked example of `copc_cx.examples` put as a question: it reuses the example's
input and asks for some of the figures the example checks, so an exercise's answer is the core's
answer to the example's request (the examples' tests already compare it with the expected
figures). The exercises page renders them with `<!-- copc:exercises -->` (hooks/copc_markers.py):
the question and the inputs first, the answer with the core's steps folded away.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .examples import EXAMPLES_BY_ID
from .text import Text


class Topic(StrEnum):
    ITEM_SCORE = "item-score"
    CATEGORY_4 = "category-4"
    RULE_50_75 = "rule-50-75"
    APPLICABLE_POINTS = "applicable-points"
    DECISION = "decision"
    LEVEL_RULE = "level-rule"


TOPIC_NAMES: dict[Topic, Text] = {
    Topic.ITEM_SCORE: Text("項目の得点（カテゴリ1.0〜3.0）", "Item score (categories 1.0–3.0)"),
    Topic.CATEGORY_4: Text("カテゴリ4.0の得点", "Category 4.0 scores"),
    Topic.RULE_50_75: Text("50/75ルール", "The 50/75 rule"),
    Topic.APPLICABLE_POINTS: Text("持ち点と必要な点数", "Applicable and required points"),
    Topic.DECISION: Text("認証と更新の判定", "Certification and renewal decisions"),
    Topic.LEVEL_RULE: Text("プロセス認証のレベル要求", "The level rule of process certification"),
}


@dataclass(frozen=True)
class Exercise:
    id: str
    topic: Topic
    example: str  # the worked example (copc_cx.examples) whose input it gives and whose figures it asks
    question: Text
    asks: tuple[str, ...]  # the figures to work out: paths among the example's `expected`


EXERCISES: tuple[Exercise, ...] = (
    Exercise("item-osp-2.20", Topic.ITEM_SCORE, "item-2.20-osp",
             Text("OSPが項目2.20の細目10のうち9つに適合し、4つのプログラムすべてで運用しています。"
                  "この項目の得点率と得点はいくつですか。何が得点を決めていますか。",
                  "An OSP meets 9 of the 10 sub-requirements of item 2.20 and has deployed them in all 4 of its "
                  "programs. What percentage and how many points does the item earn, and what sets the score?"),
             ("approach", "deployment", "percent", "points", "limited_by")),
    Exercise("item-2.15-two-of-three", Topic.ITEM_SCORE, "item-2.15",
             Text("2.15の細目をすべて満たしていますが、運用しているのは3プログラム中2つです。得点率と得点は？",
                  "Every sub-requirement of 2.15 is met, but only 2 of the 3 programs have deployed them. "
                  "What percentage and points does the item earn?"),
             ("approach", "deployment", "percent", "points")),
    Exercise("performance-with-improving", Topic.CATEGORY_4, "performance-1-improving",
             Text("4.1の指標のうち25%が目標を達成し、20%が目標未達ながら改善しています。4.1の得点率と得点は？",
                  "In 4.1, a quarter of the metrics are at target and a fifth more are below target but improving. "
                  "What percentage and points does 4.1 earn?"),
             ("percent", "points")),
    Exercise("channel-by-type", Topic.CATEGORY_4, "channel-4.3",
             Text("4.3の指標を4タイプに分けると、目標達成はサービス40%、クオリティ50%、セールス60%、効率性25%"
                  "（効率性はさらに10%が改善中）です。タイプごとの得点率と4.3の得点は？",
                  "Sorted into four types, 4.3's metrics at target are: service 40%, quality 50%, sales 60%, "
                  "efficiency 25% (with another 10% of efficiency improving). What does each type score, and "
                  "what does 4.3 earn?"),
             ("by_type.service.percent", "by_type.quality.percent", "by_type.sales.percent",
              "by_type.efficiency.percent", "percent", "points")),
    Exercise("rule-50-75-guide", Topic.RULE_50_75, "rule-50-75",
             Text("4.6の100指標のうち48が目標達成、21が目標未達ながら改善中です。50ルールと75ルールの得点率、"
                  "4.6の得点、そして認証の条件（50/75）を満たすかどうかは？",
                  "Of 100 metrics in 4.6, 48 are at target and 21 more are improving. What do the 50 rule and the "
                  "75 rule give, how many points does 4.6 earn, and is the 50/75 condition met?"),
             ("level", "trend", "points", "met")),
    Exercise("rule-50-75-one-short", Topic.RULE_50_75, "rule-50-75-one-short",
             Text("4.6で目標達成が49%、目標達成または改善が75%です。得点と、50/75の条件を満たすかどうかは？",
                  "In 4.6, 49% of the metrics are at target and 75% at target or improving. How many points, and "
                  "is the 50/75 condition met?"),
             ("points", "met")),
    Exercise("applicable-human-only", Topic.APPLICABLE_POINTS, "applicable-csp-human-only",
             Text("デジタルアシステッドチャネルを運用していないCSPです。持ち点と、認証に必要な点数は？",
                  "A CSP runs no digital-assisted channels. How many points apply, and how many does "
                  "certification require?"),
             ("applicable", "required")),
    Exercise("applicable-digital-only", Topic.APPLICABLE_POINTS, "applicable-osp-digital-only",
             Text("OSPがデジタルアシステッドチャネルだけを運用しています。持ち点と必要な点数は？",
                  "An OSP runs digital-assisted channels only. How many points apply, and how many are required?"),
             ("applicable", "required")),
    Exercise("decision-pending", Topic.DECISION, "pending-at-96",
             Text("下の自己評価では、獲得点が持ち点の96%です。認証の条件をすべて満たしますか。"
                  "満たさない条件はどれですか。",
                  "In the self-assessment below the points earned are 96% of those applicable. Is every "
                  "condition for certification met? Which one is not?"),
             ("earned", "percent_of_applicable", "conditions.points-95.met", "conditions.approach-100.met",
              "conditions.rule-50-75.met", "certified")),
    Exercise("decision-renewal-boundary", Topic.DECISION, "renewal-exactly-65-75",
             Text("前回の更新審査で不適合はなく、カテゴリ4.0のレベルも満たしています。PSTの20指標のうち13が目標達成、"
                  "15が目標達成または改善です。次の更新審査は2年後でよいですか。",
                  "The last renewal audit found no nonconformity and category 4.0's level holds. Of 20 PST "
                  "metrics, 13 are at target and 15 at target or improving. May the next renewal audit wait two "
                  "years?"),
             ("conditions.pst-at-target-over-65.met", "conditions.pst-at-target-or-improving-over-75.met",
              "interval_years")),
    Exercise("level-two-sites", Topic.LEVEL_RULE, "level-rule-two-sites",
             Text("ワークフォース管理ブロックを主体組織と2拠点で12か月測定しました。表は指標ごとの目標達成月数です。"
                  "各拠点はレベル要求を満たしますか。主体組織としてはどうですか。",
                  "The workforce block was measured for 12 months at the entity and two sites; the table gives the "
                  "months each metric was at target. Does each site meet the level rule? Does the entity as a "
                  "whole?"),
             ("units.A.share_meeting", "units.A.holds", "units.B.share_meeting", "units.B.holds", "level_holds")),
    Exercise("level-one-more-month", Topic.LEVEL_RULE, "level-rule-two-sites-one-more-month",
             Text("前の問題で、拠点Bの応答速度が目標を達成した月が1か月増えたとします。結果はどう変わりますか。",
                  "Take the previous case with site B's speed of answer at target for one more month. What "
                  "changes?"),
             ("units.B.share_meeting", "units.B.holds", "level_holds")),
)

EXERCISES_BY_ID: dict[str, Exercise] = {e.id: e for e in EXERCISES}


def example_of(exercise: Exercise) -> str:
    """The id of the worked example an exercise is built on (checked to exist)."""
    if exercise.example not in EXAMPLES_BY_ID:
        raise KeyError(f"exercise {exercise.id}: no worked example {exercise.example}")
    return exercise.example
