// Performance items 4.1, 4.2a (CSP), 4.2b (OSP), 4.5: A (at target) and I (improving).

import { h, ItemCalculator, pct, stat, stats } from "../kit.mjs";

const SCORING = "performance";
const FIELDS = ["achieved", "improving", "total"];

export default class Performance extends ItemCalculator {
  constructor(root, lang) {
    super(root, { name: "performance", op: "performance", lang, scoring: SCORING, fields: FIELDS });
  }

  // the guide's examples for 4.1, 4.2a, 4.2b and 4.5, numbered as the guide numbers them
  examples() {
    return [
      { id: "1", label: this.t("btn.performance.example1"),
        state: { edition: "CSP", item: "4.1", achieved: "48", improving: "0", total: "100" } },
      { id: "1-improving", label: this.t("btn.performance.example1Improving"),
        state: { edition: "CSP", item: "4.1", achieved: "25", improving: "20", total: "100" } },
      { id: "2", label: this.t("btn.performance.example2"),
        state: { edition: "CSP", item: "4.1", achieved: "50", improving: "30", total: "100" } },
      { id: "3", label: this.t("btn.performance.example3"),
        state: { edition: "CSP", item: "4.1", achieved: "0", improving: "40", total: "100" } },
    ];
  }

  build(form) {
    const { t } = this;
    this.buildPickers();
    this.inputs = {
      achieved: this.field({ path: "achieved", label: t("pf.achieved"), hint: t("pf.achieved.hint") }),
      improving: this.field({ path: "improving", label: t("pf.improving"), hint: t("pf.improving.hint") }),
      total: this.field({ path: "total", label: t("pf.total") }),
    };
    form.append(
      h("div", { class: "copc-row" }, this.edition.wrap, this.item.wrap),
      h("div", { class: "copc-row" }, this.inputs.achieved.wrap, this.inputs.improving.wrap, this.inputs.total.wrap));
  }

  notes() {
    return ["interpretation:percent-from-counts"];
  }

  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    body.append(
      ...this.headline(r, "pf.itemPercent"),
      stats(stat(t("pf.A"), pct(lang, r.achieved_share)), stat(t("pf.I"), pct(lang, r.improving_share))),
      this.steps(response.steps),
    );
  }
}
