// @ts-check
// The applicable-points calculator's own strings (its scope's are in scope.strings.mjs).

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "ap.applicable": "評価対象の持ち点",
    "ap.excluded": "除外した項目",
    "ap.excludedNone": "除外した項目はありません。",
    "ap.ofTotal": "{edition}版の総点 {total} 点のうち",
  },
  en: {
    "ap.applicable": "Applicable points",
    "ap.excluded": "Excluded items",
    "ap.excludedNone": "No item is excluded.",
    "ap.ofTotal": "of the {edition} edition’s {total} points",
  },
};
