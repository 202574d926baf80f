// Channel performance, 4.3 and 4.4: each metric type (service, quality, sales, efficiency) is
// scored like 4.1 and gets an equal share of the item's points.

import { pick } from "../i18n.mjs";
import {
  CATALOG, Calculator, editionOptions, EDITIONS, fmt, h, itemLabel, itemsOf, pct, stat, stats, str,
} from "../kit.mjs";

const SCORING = "channel-performance";
const COUNTS = ["achieved", "improving", "total"];

/** The metric-type rows of a counts table, shared with the self-assessment. */
export function typeRows(calc, { prefix = "", values = {}, itemLabelText = "" }) {
  const { t, lang } = calc;
  const rows = [];
  for (const type of CATALOG.metric_types) {
    const slot = calc.errorSlot();
    const name = pick(type.name, lang);
    const label = itemLabelText ? `${itemLabelText} ${name}` : name;
    const counts = values[type.id] || ["", "", ""];
    const cells = COUNTS.map((key, index) => h("td", {}, calc.cellInput({
      path: `${prefix}${type.id}.${key}`, label: `${label}: ${t(`cp.${key}`)}`, value: counts[index] || "",
      slot: slot.id, prefix: label,
    })));
    rows.push({
      type,
      row: h("tr", { dataset: { groupPath: `${prefix}${type.id}`, slot: slot.id, touchScope: "", errorPrefix: label } },
        h("th", { scope: "row" }, name, type.optional ? h("span", { class: "copc-optional", text: ` ${t("cp.optional")}` }) : null),
        ...cells),
      errorRow: h("tr", { class: "copc-error-row" }, h("td", { colspan: String(COUNTS.length + 1) }, slot)),
    });
  }
  return rows;
}

export function readTypes(root, prefix = "") {
  const types = {};
  for (const type of CATALOG.metric_types) {
    types[type.id] = COUNTS.map((key) => {
      const el = root.querySelector(`[data-path="${CSS.escape(`${prefix}${type.id}.${key}`)}"]`);
      return el ? el.value : "";
    });
  }
  return types;
}

export function typesInput(types) {
  const out = {};
  for (const [type, counts] of Object.entries(types)) {
    out[type] = { achieved: counts[0] ?? "", improving: counts[1] ?? "", total: counts[2] ?? "" };
  }
  return out;
}

export function sanitizeTypes(raw) {
  const types = {};
  for (const type of CATALOG.metric_types) {
    const counts = raw && Array.isArray(raw[type.id]) ? raw[type.id] : [];
    types[type.id] = [0, 1, 2].map((i) => str(counts[i]));
  }
  return types;
}

export default class ChannelPerformance extends Calculator {
  constructor(root, lang) {
    super(root, { name: "channel-performance", op: "channel-performance", lang });
  }

  defaults() {
    return { edition: EDITIONS[0], item: itemsOf(EDITIONS[0], SCORING)[0].number, types: sanitizeTypes({}) };
  }

  sanitize(raw) {
    const state = this.defaults();
    if (EDITIONS.includes(raw.edition)) state.edition = raw.edition;
    const items = itemsOf(state.edition, SCORING);
    state.item = items.some((i) => i.number === raw.item) ? raw.item : items[0].number;
    state.types = sanitizeTypes(raw.types);
    return state;
  }

  examples() {
    return [{ label: this.t("btn.example"), state: {
      edition: "CSP", item: "4.3",
      types: { service: ["40", "0", "100"], quality: ["50", "0", "100"], sales: ["60", "0", "100"],
               efficiency: ["25", "10", "100"] },
    } }];
  }

  build(form) {
    const { t } = this;
    this.edition = this.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                 options: editionOptions(), value: EDITIONS[0] });
    this.item = this.select({ path: "item", label: t("field.item"), options: [], value: "" });
    this.tbody = h("tbody");
    for (const { row, errorRow } of typeRows(this, {})) this.tbody.append(row, errorRow);
    form.append(
      h("div", { class: "copc-row" }, this.edition.wrap, this.item.wrap),
      h("div", { class: "copc-table-wrap" },
        h("table", { class: "copc-table" },
          h("caption", { text: t("cp.typesCaption") }),
          h("thead", {}, h("tr", {},
            h("th", { scope: "col", text: t("cp.type") }),
            h("th", { scope: "col", text: t("cp.achieved") }),
            h("th", { scope: "col", text: t("cp.improving") }),
            h("th", { scope: "col", text: t("cp.total") }))),
          this.tbody)));
  }

  apply(state) {
    this.edition.input.value = state.edition;
    const options = itemsOf(state.edition, SCORING).map((i) => ({ value: i.number, label: itemLabel(i, this.lang) }));
    this.setOptions(this.item.input, options, state.item);
    for (const [type, counts] of Object.entries(state.types)) {
      COUNTS.forEach((key, index) => {
        const el = this.form.querySelector(`[data-path="${CSS.escape(`${type}.${key}`)}"]`);
        if (el && el.value !== counts[index]) el.value = counts[index];
      });
    }
  }

  collect() {
    return { edition: this.edition.input.value, item: this.item.input.value, types: readTypes(this.form) };
  }

  input(state) {
    return { edition: state.edition, item: state.item, types: typesInput(state.types) };
  }

  notes() {
    return ["interpretation:missing-metric-types", "interpretation:percent-from-counts"];
  }

  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    const names = new Map(CATALOG.metric_types.map((m) => [m.id, pick(m.name, lang)]));
    const rows = Object.entries(r.by_type).map(([type, s]) => h("tr", { dataset: { type } },
      h("th", { scope: "row", text: names.get(type) || type }),
      h("td", { class: "copc-num", text: pct(lang, s.achieved_share) }),
      h("td", { class: "copc-num", text: pct(lang, s.improving_share) }),
      h("td", { class: "copc-num copc-strong", text: pct(lang, s.percent) }),
      h("td", { class: "copc-num", text: fmt(lang, s.points) })));
    body.append(
      h("p", { class: "copc-calc__result-title", text: `${r.item} ${pick(r.name, lang)}` }),
      stats(
        stat(t("is.itemPercent"), pct(lang, r.percent), { big: true }),
        stat(t("cp.points"), t("pointsOf", { n: fmt(lang, r.points), of: fmt(lang, r.available) }), { big: true }),
        stat(t("cp.weight"), `${fmt(lang, r.weight * 100)}%`),
      ),
      h("div", { class: "copc-table-wrap" }, h("table", { class: "copc-table copc-table--result" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col", text: t("cp.type") }),
          h("th", { scope: "col", text: "A" }),
          h("th", { scope: "col", text: "I" }),
          h("th", { scope: "col", text: t("cp.percent") }),
          h("th", { scope: "col", text: t("cp.points") }))),
        h("tbody", {}, rows))),
      this.steps(response.steps),
    );
  }
}
