// @ts-check
// The strings every calculator shares, Japanese first, then English, and the translator that
// merges them with a widget's own (calculators/widgets/<name>.strings.mjs).
// Rules, items, metrics, field labels, errata and interpretations are NOT here: they come from the
// core's catalog (generated/catalog.mjs) and from the core's answers, already in both languages.

/**
 * Strings in both languages: {ja: {key: text}, en: {key: text}}; {name} is a placeholder.
 * @typedef {{ja: Record<string, string>, en: Record<string, string>}} StringTable
 */

/** @type {StringTable} */
export const STRINGS = {
  ja: {
    // the calculation engine (Pyodide in a Web Worker)
    "status.idle": "計算エンジンを準備しています…",
    "status.starting": "計算エンジンを起動しています…",
    "status.runtime": "Python ランタイムを読み込んでいます…（初回は数秒かかります）",
    "status.package": "採点ロジックを読み込んでいます…",
    "status.ready": "計算の準備ができました。",
    "status.restarting": "計算エンジンを再起動しています…",
    "status.crashed": "計算エンジンが停止しました。次の入力で再起動します。",
    "status.outdated": "計算エンジンがこのページより古い版でした。新しい版を読み込んでいます…",
    "status.failed":
      "計算エンジンを読み込めませんでした。このブラウザーでは WebAssembly またはモジュール形式の Web Worker が使えないか、必要なファイルを取得できませんでした。最新の Chrome・Edge・Firefox・Safari で開き直してください。入力した内容は保存されています。",
    "status.bootTime": "（起動 {ms} ミリ秒）",
    "status.alreadyRunning": "（このブラウザーで動いているエンジンを使用）",
    "status.ended": "計算エンジンを止めました（保存データの消去）。次の入力で起動し直します。",

    // the result area
    "result.heading": "結果",
    "result.waiting": "計算エンジンの準備ができ次第、結果を表示します。入力はそのまま続けられます。",
    "result.fix": "入力に誤りがあります。赤く示した欄を直すと結果を表示します。",
    "result.fill": "結果を表示するには、次を入力してください:",
    "result.steps": "計算の過程",
    "failure.unavailable": "計算できません: 計算エンジンを読み込めませんでした。入力は保存されています。",
    "failure.crashed": "計算の途中で計算エンジンが停止しました。再試行すると、新しいエンジンで計算し直します。",
    "failure.timeout": "計算エンジンが時間内に答えませんでした。エンジンを起動し直しているので、再試行してください。",
    "failure.exception": "この計算を計算エンジンに渡せませんでした。入力を見直すか、再試行してください。",
    "failure.outdated": "計算エンジンがこのページより古い版だったため、新しい版を読み込んでいます。再試行してください。",
    "failure.package": "この機能に必要なパッケージを読み込めませんでした。初めて使うときだけネットワーク接続が必要です。接続を確かめて再試行してください。",
    "failure.retry": "再試行",

    // the notes beside a calculator (from the catalog)
    "notes.heading": "この計算の前提（正誤と解釈）",
    "notes.erratum": "正誤",
    "notes.interpretation": "解釈",
    "notes.guidePrints": "ガイドの記載",
    "notes.contradiction": "矛盾点",
    "notes.decision": "このサイトの扱い",
    "notes.question": "論点",
    "notes.default": "既定の解釈",

    // the toolbar, the link, the replaced inputs
    "toolbar.label": "計算ツールの操作",
    "toolbar.examples": "例を読み込む",
    "btn.copyLink": "リンクをコピー",
    "btn.clear": "入力をクリア",
    "replaced.example": "例を読み込んだため、それまでの入力を置き換えました。元の入力はこのブラウザーに残っています。",
    "replaced.clear": "入力をクリアしました。クリアする前の入力はこのブラウザーに残っています。",
    "replaced.link": "共有リンクのシナリオを表示しています。このブラウザーに保存されていたあなたの入力は残っています。",
    "replaced.brokenLink": "リンクのシナリオを読み取れませんでした（リンクが途中で切れている可能性があります）。保存されている入力を表示しています。",
    "replaced.brokenLinkEmpty": "リンクのシナリオを読み取れませんでした（リンクが途中で切れている可能性があります）。",
    "replaced.file": "開いたファイルの内容を表示しています。それまでの入力はこのブラウザーに残っています。",
    "replaced.detached": "指標表をこの評価から外しました。外す前の入力はこのブラウザーに残っています。",
    "replaced.detachedTimeline": "日程をこの評価から外しました。外す前の入力はこのブラウザーに残っています。",
    "replaced.restored": "元の入力に戻しました。戻す直前の入力もこのブラウザーに残っています。",
    "replaced.restore": "元の入力に戻す",
    "replaced.restoreAgain": "戻す直前の入力にする",
    "replaced.dismiss": "閉じる",
    "link.label": "このシナリオを再現するリンク",
    "link.copied": "リンクをクリップボードにコピーしました。",
    "link.manual": "クリップボードを使えません。下のリンクを選択してコピーしてください。",
    "link.shown": "下のリンクを開くと、別のブラウザーでもこの入力を再現できます（日本語・英語どちらのページでも）。入力した値はリンクの「#」より後ろにあり、サーバーには送られません。",

    // the "kept in this browser" panel (stored-data.mjs)
    "stored.about": "このブラウザーに保存されているもの: 各計算ツールの入力、最後の結果、「元の入力に戻す」のために残している入力。",
    "stored.erase": "保存データを消去…",
    "stored.confirm": "すべての計算ツールの入力と結果を、このブラウザーから消去し、動いている計算エンジンも止めます。元には戻せません。",
    "stored.confirmErase": "消去する",
    "stored.cancel": "やめる",
    "stored.erased":
      "消去しました。計算ツールをほかのタブでも開いている場合は、そのタブも閉じてください（そこで入力すると、また保存されます）。",
    "stored.unavailable": "このブラウザーでは保存が無効になっているため、計算ツールは何も保存していません。",

    // words more than one calculator uses
    "field.edition": "版",
    "field.edition.hint": "CSP（自社のカスタマーサービス）または OSP（アウトソーサー）",
    "field.item": "項目",
    "points": "{n} 点",
    "pointsOf": "{n} / {of} 点",
    "points.label": "得点",
    "met": "満たす",
    "notMet": "満たさない",
  },
  en: {
    "status.idle": "Preparing the calculation engine…",
    "status.starting": "Starting the calculation engine…",
    "status.runtime": "Loading the Python runtime… (a few seconds the first time)",
    "status.package": "Loading the scoring rules…",
    "status.ready": "Ready to calculate.",
    "status.restarting": "Restarting the calculation engine…",
    "status.crashed": "The calculation engine stopped; it restarts with your next input.",
    "status.outdated": "The calculation engine was older than this page; loading the current one…",
    "status.failed":
      "The calculation engine could not be loaded. This browser may not allow WebAssembly or module Web Workers, or a file could not be fetched. Please reopen the page in a current Chrome, Edge, Firefox or Safari. Your inputs are kept.",
    "status.bootTime": " (started in {ms} ms)",
    "status.alreadyRunning": " (the engine already running in this browser)",
    "status.ended": "The calculation engine was stopped (the stored data was erased); it starts again with your next input.",

    "result.heading": "Result",
    "result.waiting": "The result appears as soon as the calculation engine is ready. You can keep typing.",
    "result.fix": "Some inputs need fixing: correct the fields marked in red to see the result.",
    "result.fill": "To see the result, enter:",
    "result.steps": "How it was worked out",
    "failure.unavailable": "Cannot calculate: the calculation engine could not be loaded. Your inputs are kept.",
    "failure.crashed": "The calculation engine stopped during the calculation. Retry to calculate again with a new engine.",
    "failure.timeout": "The calculation engine did not answer in time. It is being restarted: please retry.",
    "failure.exception": "This calculation could not be handed to the calculation engine. Check the inputs, or retry.",
    "failure.outdated": "The calculation engine was older than this page, so the current one is loading. Please retry.",
    "failure.package": "The package this feature needs could not be loaded. Its first use needs a network connection: check it and retry.",
    "failure.retry": "Retry",

    "notes.heading": "Assumptions behind this calculation (errata and interpretations)",
    "notes.erratum": "Erratum",
    "notes.interpretation": "Interpretation",
    "notes.guidePrints": "What the guide prints",
    "notes.contradiction": "Why it contradicts itself",
    "notes.decision": "What this site does",
    "notes.question": "The open question",
    "notes.default": "Default interpretation",

    "toolbar.label": "Calculator actions",
    "toolbar.examples": "Load an example",
    "btn.copyLink": "Copy link",
    "btn.clear": "Clear inputs",
    "replaced.example": "The example replaced your inputs. They are still kept in this browser.",
    "replaced.clear": "Inputs cleared. What you had typed is still kept in this browser.",
    "replaced.link": "You are looking at the shared link's scenario. Your own inputs saved in this browser are kept.",
    "replaced.brokenLink": "The link's scenario could not be read (the link may have been cut short). Showing your saved inputs.",
    "replaced.brokenLinkEmpty": "The link's scenario could not be read (the link may have been cut short).",
    "replaced.file": "You are looking at the file you opened. Your inputs before it are still kept in this browser.",
    "replaced.detached": "The metrics table was taken off this assessment. The inputs before that are still kept in this browser.",
    "replaced.detachedTimeline": "The certification timeline was taken off this assessment. The inputs before that are still kept in this browser.",
    "replaced.restored": "Your earlier inputs are back. The ones shown before are kept in this browser too.",
    "replaced.restore": "Restore my inputs",
    "replaced.restoreAgain": "Back to the ones shown before",
    "replaced.dismiss": "Dismiss",
    "link.label": "Link that reproduces this scenario",
    "link.copied": "The link is on the clipboard.",
    "link.manual": "The clipboard is not available: select the link below and copy it.",
    "link.shown": "Open the link below to reproduce these inputs in another browser (on the Japanese or English page). The inputs sit after the link's “#”, a part browsers never send to a server.",

    "stored.about": "Kept in this browser: each calculator's inputs, its last result, and the inputs kept for “Restore my inputs”.",
    "stored.erase": "Erase kept data…",
    "stored.confirm": "This erases every calculator's inputs and results from this browser, and stops the calculation engine if it is running. It cannot be undone.",
    "stored.confirmErase": "Erase",
    "stored.cancel": "Cancel",
    "stored.erased":
      "Erased. If a calculator is open in another tab, close that tab too: typing there would keep its inputs again.",
    "stored.unavailable": "Storage is turned off in this browser, so the calculators keep nothing here.",

    "field.edition": "Edition",
    "field.edition.hint": "CSP (in-house customer service) or OSP (outsourcer)",
    "field.item": "Item",
    "points": "{n} points",
    "pointsOf": "{n} of {of} points",
    "points.label": "Points",
    "met": "met",
    "notMet": "not met",
  },
};

/**
 * The page's language: "ja" or "en" (from <html lang>), Japanese when unsure.
 * @param {Document} [doc]
 * @returns {"ja" | "en"}
 */
export function pageLanguage(doc = document) {
  const lang = (doc.documentElement.lang || "ja").toLowerCase();
  return lang.startsWith("en") ? "en" : "ja";
}

/**
 * A translator for one language over a widget's strings and the shared ones:
 * t("key", {name: value}) fills {name} placeholders. A key missing in English falls back to the
 * Japanese text, a key missing everywhere to the key itself.
 * @param {string} lang
 * @param {...StringTable} tables the widget's own strings, looked up before the shared ones
 * @returns {(key: string, vars?: Record<string, string | number>) => string}
 */
export function translator(lang, ...tables) {
  const all = [...tables, STRINGS];
  const language = lang === "en" ? "en" : "ja";
  return (key, vars = {}) => {
    let text;
    for (const table of all) if ((text = table[language][key]) !== undefined) break;
    if (text === undefined) for (const table of all) if ((text = table.ja[key]) !== undefined) break;
    return (text ?? key).replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
  };
}

/**
 * Bilingual text from the core ({ja, en}) in the page's language.
 * @param {{ja: string, en: string} | string | null | undefined} text
 * @param {string} lang
 * @returns {string}
 */
export function pick(text, lang) {
  if (text == null) return "";
  if (typeof text === "string") return text;
  return (lang === "en" ? text.en : text.ja) ?? text.ja ?? "";
}
