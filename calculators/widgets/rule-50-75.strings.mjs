// @ts-check
// The 50/75 calculator's own strings (its fields' labels and hints come from the catalog).

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "r5.level": "50ルール（レベル）",
    "r5.trend": "75ルール（トレンド）",
    "r5.achieved": "50/75 の達成（認証条件）",
    "r5.yes": "はい",
    "r5.no": "いいえ",
    "r5.shares": "目標達成 {a}、目標達成または改善 {b}",
    "r5.split": "4.6 の得点（175 点 + 175 点の既定配分）",
  },
  en: {
    "r5.level": "50 rule (level)",
    "r5.trend": "75 rule (trend)",
    "r5.achieved": "50/75 achieved (a certification condition)",
    "r5.yes": "Yes",
    "r5.no": "No",
    "r5.shares": "at target {a}, at target or improving {b}",
    "r5.split": "4.6 points (default split, 175 + 175)",
  },
};
