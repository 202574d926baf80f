// @ts-check
// The report view's strings (report-view.mjs). The report itself comes from the core in the
// language asked for.

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "report.open": "経営層向けレポート",
    "report.title": "経営層向けレポート",
    "report.print": "印刷・PDF に保存",
    "report.close": "閉じる",
    "report.lang.ja": "日本語",
    "report.lang.en": "English",
    "report.meta": "表紙の項目",
    "report.metaHint": "レポートの冒頭に載せます。空欄のままでもかまいません。このブラウザーの外には送られません。",
    "report.meta.organisation": "組織",
    "report.meta.site": "拠点",
    "report.meta.assessor": "評価者",
    "report.meta.date": "評価日",
    "report.update": "レポートに反映",
    "report.waiting": "レポートを作成しています…",
    "report.ready": "レポート（{lang}）を表示しています。",
    "report.refused": "レポートを作成できません:",
    "report.fixMeta": "赤く示した欄を直してください。",
  },
  en: {
    "report.open": "Report for management",
    "report.title": "Report for management",
    "report.print": "Print or save as PDF",
    "report.close": "Close",
    "report.lang.ja": "日本語",
    "report.lang.en": "English",
    "report.meta": "Title block",
    "report.metaHint": "Shown at the top of the report; any field may stay blank. Nothing leaves this browser.",
    "report.meta.organisation": "Organisation",
    "report.meta.site": "Site",
    "report.meta.assessor": "Assessor",
    "report.meta.date": "Date of the assessment",
    "report.update": "Update the report",
    "report.waiting": "Making the report…",
    "report.ready": "Showing the report ({lang}).",
    "report.refused": "The report cannot be made:",
    "report.fixMeta": "Fix the fields marked in red.",
  },
};
