// @ts-check
// The presenter view's strings (kit/presenter.mjs), Japanese first.

/** @type {import("../i18n.mjs").StringTable} */
export default {
  ja: {
    "presenter.open": "発表モード",
    "presenter.label": "発表モード: {title}",
    "presenter.previous": "前の計算ツール",
    "presenter.next": "次の計算ツール",
    "presenter.exit": "発表モードを終了",
  },
  en: {
    "presenter.open": "Presenter view",
    "presenter.label": "Presenter view: {title}",
    "presenter.previous": "Previous calculator",
    "presenter.next": "Next calculator",
    "presenter.exit": "Leave presenter view",
  },
};
