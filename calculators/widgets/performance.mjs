// @ts-check
// Performance items 4.1, 4.2a (CSP), 4.2b (OSP), 4.5: A (at target) and I (improving).

import { h, ItemCalculator, pct, shown, stat, stats } from "../kit.mjs";
import STRINGS from "./performance.strings.mjs";

export default class Performance extends ItemCalculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "performance", lang, scoring: "performance", strings: [STRINGS] });
  }

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    this.buildPickers();
    this.buildInputs();
    form.append(
      h("div", { class: "copc-row" }, this.edition.wrap, this.item.wrap),
      h("div", { class: "copc-row" }, ...this.fieldNames.map((name) => this.inputs[name].wrap)));
  }

  /**
   * @param {import("../kit/calculator.mjs").Computed} response
   * @param {import("../kit/calculator.mjs").State} state
   * @param {HTMLElement} body
   * @override
   */
  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    body.append(
      ...this.headline(r, "pf.itemPercent"),
      stats(stat(t("pf.A"), shown(lang, r, "achieved_share", { percent: true })),
            stat(t("pf.I"), pct(lang, r.improving_share))),
      this.steps(response.steps),
    );
  }
}
