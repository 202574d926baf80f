// @ts-check
// The performance calculator's own strings (its fields' labels and hints come from the catalog).

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "pf.itemPercent": "項目の得点率",
    "pf.A": "A（目標達成の割合）",
    "pf.I": "I（改善中の割合）",
  },
  en: {
    "pf.itemPercent": "Item %",
    "pf.A": "A (share at target)",
    "pf.I": "I (share improving)",
  },
};
