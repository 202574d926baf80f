// Item 4.6, the 50/75 rule: the level (50) and trend (75) percentages and whether 50/75 is met.

import { Calculator, fmt, h, pct, stat, stats, str, verdict } from "../kit.mjs";

const FIELDS = ["at_target", "at_target_or_improving", "total"];

export default class Rule5075 extends Calculator {
  constructor(root, lang) {
    super(root, { name: "rule-50-75", op: "rule-50-75", lang });
  }

  defaults() {
    return { at_target: "", at_target_or_improving: "", total: "" };
  }

  sanitize(raw) {
    const state = this.defaults();
    for (const key of FIELDS) state[key] = str(raw[key]);
    return state;
  }

  examples() {
    return [{ label: this.t("btn.example"), state: { at_target: "48", at_target_or_improving: "69", total: "100" } }];
  }

  build(form) {
    const { t } = this;
    this.inputs = {
      at_target: this.field({ path: "at_target", label: t("r5.atTarget") }),
      at_target_or_improving: this.field({ path: "at_target_or_improving", label: t("r5.either"),
                                           hint: t("r5.either.hint") }),
      total: this.field({ path: "total", label: t("r5.total") }),
    };
    form.append(h("div", { class: "copc-row" }, ...FIELDS.map((key) => this.inputs[key].wrap)));
  }

  apply(state) {
    for (const key of FIELDS) {
      if (this.inputs[key].input.value !== state[key]) this.inputs[key].input.value = state[key];
    }
  }

  collect() {
    const state = {};
    for (const key of FIELDS) state[key] = this.inputs[key].input.value;
    return state;
  }

  input(state) {
    return { ...state };
  }

  notes() {
    return ["interpretation:rule-50-75-points-split", "interpretation:percent-from-counts"];
  }

  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    body.append(
      p(t("r5.shares", { a: pct(lang, r.at_target_share), b: pct(lang, r.either_share) })),
      stats(
        stat(t("r5.level"), pct(lang, r.level), { big: true }),
        stat(t("r5.trend"), pct(lang, r.trend), { big: true }),
      ),
      verdict(r.met, `${t("r5.achieved")}: ${t(r.met ? "yes" : "no")}`),
      stats(stat(t("r5.split"), t("pointsOf", { n: fmt(lang, r.points), of: fmt(lang, r.available) }), { big: true })),
      this.steps(response.steps),
    );
  }
}

function p(text) {
  return h("p", { class: "copc-calc__result-title", text });
}
