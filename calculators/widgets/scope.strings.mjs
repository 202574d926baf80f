// @ts-check
// The assessed scope's strings (scope.mjs), for the applicable-points calculator and the
// self-assessment. Channel names and examples come from the catalog.

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "scope.channels": "運用しているチャネル",
    "scope.channels.hint": "KCRP を運用しているチャネルの種類をすべて選びます",
    "scope.exclusions": "適用されないことがある項目",
    "scope.exclusions.hint": "既定ではガイドのとおり除外します。審査で適用と判断される項目はチェックを外してください。",
    "scope.exclude": "除外する",
    "scope.noExclusions": "両方のチャネルを運用しているため、除外できる項目はありません。",
    "scope.required": "認証に必要な点数（95%、切り捨てない）",
  },
  en: {
    "scope.channels": "Channels you run",
    "scope.channels.hint": "Tick every kind of channel in which you run KCRPs",
    "scope.exclusions": "Items that may not apply",
    "scope.exclusions.hint": "Excluded by default, as the guide says. Untick an item if the auditors judge it applicable.",
    "scope.exclude": "Exclude",
    "scope.noExclusions": "You run both kinds of channel, so no item can be excluded.",
    "scope.required": "Points needed for certification (95%, never rounded down)",
  },
};
