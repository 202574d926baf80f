// Performance items 4.1, 4.2a (CSP), 4.2b (OSP), 4.5: A (at target) and I (improving).

import { pick } from "../i18n.mjs";
import { Calculator, editionOptions, EDITIONS, fmt, h, itemLabel, itemsOf, pct, stat, stats, str } from "../kit.mjs";

const SCORING = "performance";
const FIELDS = ["achieved", "improving", "total"];

export default class Performance extends Calculator {
  constructor(root, lang) {
    super(root, { name: "performance", op: "performance", lang });
  }

  defaults() {
    return { edition: EDITIONS[0], item: itemsOf(EDITIONS[0], SCORING)[0].number,
             achieved: "", improving: "", total: "" };
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
    return [
      { id: "1", label: this.t("btn.example1"),
        state: { edition: "CSP", item: "4.1", achieved: "48", improving: "0", total: "100" } },
      { id: "2", label: this.t("btn.example2"),
        state: { edition: "CSP", item: "4.1", achieved: "25", improving: "20", total: "100" } },
    ];
  }

  build(form) {
    const { t } = this;
    this.edition = this.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                 options: editionOptions(), value: EDITIONS[0] });
    this.item = this.select({ path: "item", label: t("field.item"), options: [], value: "" });
    this.inputs = {
      achieved: this.field({ path: "achieved", label: t("pf.achieved"), hint: t("pf.achieved.hint") }),
      improving: this.field({ path: "improving", label: t("pf.improving"), hint: t("pf.improving.hint") }),
      total: this.field({ path: "total", label: t("pf.total") }),
    };
    form.append(
      h("div", { class: "copc-row" }, this.edition.wrap, this.item.wrap),
      h("div", { class: "copc-row" }, this.inputs.achieved.wrap, this.inputs.improving.wrap, this.inputs.total.wrap));
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

  notes() {
    return ["interpretation:percent-from-counts"];
  }

  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    body.append(
      h("p", { class: "copc-calc__result-title", text: `${r.item} ${pick(r.name, lang)}` }),
      stats(
        stat(t("pf.itemPercent"), pct(lang, r.percent), { big: true }),
        stat(t("cp.points"), t("pointsOf", { n: fmt(lang, r.points), of: fmt(lang, r.available) }), { big: true }),
      ),
      stats(stat(t("pf.A"), pct(lang, r.achieved_share)), stat(t("pf.I"), pct(lang, r.improving_share))),
      this.steps(response.steps),
    );
  }
}
