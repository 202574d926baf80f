// @ts-check
// The renewal calculator's own strings (the conditions and the PST counts' labels come from the catalog).

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "rn.audit": "直近の更新審査とカテゴリ4.0",
    "rn.audit.hint": "当てはまるものにチェックを付けます",
    "rn.pst": "直近の PST 評価の指標数",
    "rn.interval": "更新審査の間隔",
    "rn.everyTwoYears": "2年ごと（5つの条件をすべて満たす）",
    "rn.everyYear": "毎年（満たしていない条件がある）",
    "rn.atTarget": "目標達成の割合（65% を超える必要）",
    "rn.either": "目標達成または改善の割合（75% を超える必要）",
    "rn.conditions": "2年ごとの更新の条件",
  },
  en: {
    "rn.audit": "The last renewal audit and category 4.0",
    "rn.audit.hint": "Tick each statement that holds",
    "rn.pst": "Metrics in the latest PST review",
    "rn.interval": "Renewal audits",
    "rn.everyTwoYears": "Every two years (all five conditions met)",
    "rn.everyYear": "Every year (a condition is not met)",
    "rn.atTarget": "Share at target (must be more than 65%)",
    "rn.either": "Share at target or improving (must be more than 75%)",
    "rn.conditions": "Conditions for a two-year interval",
  },
};
