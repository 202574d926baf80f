// Item score, categories 1.0-3.0: approach (sub-requirements) x deployment (units).

import { h, ItemCalculator, pct, stat, stats } from "../kit.mjs";

const SCORING = "approach-deployment";
const FIELDS = ["met", "applicable", "deployed", "total"];
// the erratum on OSP points concerns these items
const OSP_ERRATUM_ITEMS = ["2.1", "2.2", "2.3"];

export default class ItemScore extends ItemCalculator {
  constructor(root, lang) {
    super(root, { name: "item-score", op: "item-score", lang, scoring: SCORING, fields: FIELDS });
  }

  examples() {
    return [{ label: this.t("btn.example"),
              state: { edition: "CSP", item: "2.15", met: "2", applicable: "2", deployed: "2", total: "3" } }];
  }

  build(form) {
    const { t } = this;
    this.buildPickers();
    this.inputs = {
      met: this.field({ path: "met", label: t("is.met"), hint: t("is.met.hint") }),
      applicable: this.field({ path: "applicable", label: t("is.applicable"), hint: t("is.applicable.hint") }),
      deployed: this.field({ path: "deployed", label: t("is.deployed"), hint: t("is.deployed.hint") }),
      total: this.field({ path: "total", label: t("is.total"), hint: t("is.total.hint") }),
    };
    form.append(
      h("div", { class: "copc-row" }, this.edition.wrap, this.item.wrap),
      h("div", { class: "copc-row" },
        h("fieldset", { class: "copc-group" }, h("legend", { text: t("is.approach") }),
          h("div", { class: "copc-row copc-row--tight" }, this.inputs.met.wrap, this.inputs.applicable.wrap)),
        h("fieldset", { class: "copc-group" }, h("legend", { text: t("is.deployment") }),
          h("div", { class: "copc-row copc-row--tight" }, this.inputs.deployed.wrap, this.inputs.total.wrap))));
  }

  notes(state) {
    const notes = ["interpretation:deployment-bands", "interpretation:percent-from-counts"];
    if (state.edition === "OSP" && OSP_ERRATUM_ITEMS.includes(state.item)) notes.unshift("erratum:osp-2.1-2.3-points");
    return notes;
  }

  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    body.append(
      ...this.headline(r, "is.itemPercent"),
      stats(
        stat(t("is.approachPercent"), pct(lang, r.approach)),
        stat(t("is.deployedShare"), pct(lang, r.deployed_share)),
        stat(t("is.deploymentRating"), pct(lang, r.deployment)),
        stat(t("is.limitedBy"), t(`is.limited.${r.limited_by}`), { kind: "limit" }),
      ),
      this.steps(response.steps),
    );
    body.dataset.points = String(r.points);
  }
}
