// @ts-check
// Item score, categories 1.0-3.0: approach (sub-requirements) x deployment (units).

import { h, ItemCalculator, pct, shown, stat, stats } from "../kit.mjs";
import STRINGS from "./item-score.strings.mjs";

export default class ItemScore extends ItemCalculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "item-score", lang, scoring: "approach-deployment", strings: [STRINGS] });
  }

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    const { t } = this;
    this.buildPickers();
    this.buildInputs();
    const { met, applicable, deployed, total } = this.inputs;
    form.append(
      h("div", { class: "copc-row" }, this.edition.wrap, this.item.wrap),
      h("div", { class: "copc-row" },
        h("fieldset", { class: "copc-group" }, h("legend", { text: t("is.approach") }),
          h("div", { class: "copc-row copc-row--tight" }, met.wrap, applicable.wrap)),
        h("fieldset", { class: "copc-group" }, h("legend", { text: t("is.deployment") }),
          h("div", { class: "copc-row copc-row--tight" }, deployed.wrap, total.wrap))));
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
      ...this.headline(r, "is.itemPercent"),
      stats(
        stat(t("is.approach"), shown(lang, r, "approach", { percent: true })),
        stat(t("is.deployedShare"), shown(lang, r, "deployed_share", { percent: true })),
        stat(t("is.deploymentRating"), pct(lang, r.deployment)),
        stat(t("is.limitedBy"), t(`is.limited.${r.limited_by}`), { kind: "limit" }),
      ),
      this.steps(response.steps),
    );
    body.dataset.points = String(r.points);
  }
}
