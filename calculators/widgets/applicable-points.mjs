// Applicable points and the exact points needed for certification (95%, never rounded down).

import { pick } from "../i18n.mjs";
import { Calculator, fmt, h, stat, stats } from "../kit.mjs";
import { ScopeSection, sanitizeScope, scopeDefaults, scopeInput } from "./scope.mjs";

export default class ApplicablePoints extends Calculator {
  constructor(root, lang) {
    super(root, { name: "applicable-points", op: "applicable-points", lang });
    this.scope = new ScopeSection(this);
  }

  defaults() {
    return scopeDefaults();
  }

  sanitize(raw) {
    return sanitizeScope(raw);
  }

  examples() {
    return [{ label: this.t("btn.example"), state: { edition: "CSP", human: true, digital: false, kept: [] } }];
  }

  build(form) {
    form.append(this.scope.build());
  }

  apply(state) {
    this.scope.apply(state);
  }

  collect() {
    return this.scope.collect();
  }

  input(state) {
    return scopeInput(state);
  }

  notes() {
    return ["erratum:applicable-example-2.6-points", "erratum:applicable-example-rounding"];
  }

  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    body.append(
      stats(
        stat(t("ap.applicable"), `${fmt(lang, r.applicable)}`, { big: true }),
        stat(t("ap.required"), `${fmt(lang, r.required, 4)}`, { big: true, kind: "required" }),
      ),
      h("p", { class: "copc-muted", text: t("ap.ofTotal", { edition: r.edition, total: fmt(lang, r.total) }) }),
      h("div", { class: "copc-calc__subheading", role: "heading", "aria-level": "4", text: t("ap.excluded") }),
      r.excluded.length
        ? h("ul", { class: "copc-list copc-excluded" }, r.excluded.map((i) => h("li", { dataset: { item: i.item } },
          `${i.item} ${pick(i.name, lang)} `, h("span", { class: "copc-muted", text: `(−${t("points", { n: fmt(lang, i.points) })})` }))))
        : h("p", { class: "copc-muted", text: t("ap.excludedNone") }),
      this.steps(response.steps),
    );
  }
}
