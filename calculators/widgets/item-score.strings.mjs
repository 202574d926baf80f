// @ts-check
// The item-score calculator's own strings (its fields' labels and hints come from the catalog).

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "is.approach": "アプローチ",
    "is.deployment": "運用",
    "is.itemPercent": "項目の得点率",
    "is.deployedShare": "完全に運用しているユニットの割合",
    "is.deploymentRating": "運用の評価",
    "is.limitedBy": "得点を決めているもの",
    "is.limited.approach": "アプローチ",
    "is.limited.deployment": "運用",
    "is.limited.both": "アプローチと運用（同じ値）",
  },
  en: {
    "is.approach": "Approach",
    "is.deployment": "Deployment",
    "is.itemPercent": "Item %",
    "is.deployedShare": "Share of units fully deploying",
    "is.deploymentRating": "Deployment rating",
    "is.limitedBy": "What limits the score",
    "is.limited.approach": "approach",
    "is.limited.deployment": "deployment",
    "is.limited.both": "approach and deployment (equal)",
  },
};
