// Item score, categories 1.0-3.0: approach (sub-requirements) x deployment (units).

import { pick } from "../i18n.mjs";
import { Calculator, editionOptions, EDITIONS, fmt, h, itemLabel, itemsOf, pct, stat, stats, str } from "../kit.mjs";

const SCORING = "approach-deployment";
const FIELDS = ["met", "applicable", "deployed", "total"];
// the erratum on OSP points concerns these items
const OSP_ERRATUM_ITEMS = ["2.1", "2.2", "2.3"];

export default class ItemScore extends Calculator {
  constructor(root, lang) {
    super(root, { name: "item-score", op: "item-score", lang });
  }

  defaults() {
    return { edition: EDITIONS[0], item: itemsOf(EDITIONS[0], SCORING)[0].number,
             met: "", applicable: "", deployed: "", total: "" };
  }

  sanitize(raw) {
    const state = this.defaults();
    if (EDITIONS.includes(raw.edition)) state.edition = raw.edition;
    const items = itemsOf(state.edition, SCORING);
    state.item = items.some((i) => i.number === raw.item) ? raw.item : items[0].number;
    for (const key of FIELDS) state[key] = str(raw[key]);
    return state;
  }

  examples() {
    return [{ label: this.t("btn.example"),
              state: { edition: "CSP", item: "2.15", met: "2", applicable: "2", deployed: "2", total: "3" } }];
  }

  build(form) {
    const { t } = this;
    this.edition = this.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                 options: editionOptions(), value: EDITIONS[0] });
    this.item = this.select({ path: "item", label: t("field.item"), options: [], value: "", structural: true });
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

  apply(state) {
    this.edition.input.value = state.edition;
    const options = itemsOf(state.edition, SCORING).map((i) => ({ value: i.number, label: itemLabel(i, this.lang) }));
    this.setOptions(this.item.input, options, state.item);
    for (const key of FIELDS) {
      if (this.inputs[key].input.value !== state[key]) this.inputs[key].input.value = state[key];
    }
  }

  collect() {
    const state = { edition: this.edition.input.value, item: this.item.input.value };
    for (const key of FIELDS) state[key] = this.inputs[key].input.value;
    return state;
  }

  input(state) {
    return { ...state };
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
      h("p", { class: "copc-calc__result-title", text: `${r.item} ${pick(r.name, lang)}` }),
      stats(
        stat(t("is.itemPercent"), pct(lang, r.percent), { big: true }),
        stat(t("cp.points"), t("pointsOf", { n: fmt(lang, r.points), of: fmt(lang, r.available) }), { big: true }),
      ),
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
