// @ts-check
// The channel-performance calculator's own strings (column heads and metric types come from the
// catalog).

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "cp.type": "指標タイプ",
    "cp.optional": "（任意: ない場合は空欄）",
    "cp.typesCaption": "指標タイプごとの指標数",
    "cp.itemPercent": "項目の得点率",
    "cp.percent": "得点率",
    "cp.weight": "各タイプの配分",
  },
  en: {
    "cp.type": "Metric type",
    "cp.optional": "(optional: leave blank if none)",
    "cp.typesCaption": "Metric counts by type",
    "cp.itemPercent": "Item %",
    "cp.percent": "%",
    "cp.weight": "Share of each type",
  },
};
