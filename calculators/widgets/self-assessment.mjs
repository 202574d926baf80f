// Self-assessment: every applicable item in one form, totals by category with a bar chart,
// the share of applicable points, what is missing, and the certification decision.

import { pick } from "../i18n.mjs";
import { CATALOG, Calculator, fmt, h, itemsOf, pct, stat, stats, str, svg, verdict } from "../kit.mjs";
import { sanitizeTypes, typesInput } from "./channel-performance.mjs";
import { ScopeSection, excludedItems, sanitizeScope, scopeDefaults, scopeInput } from "./scope.mjs";

// what each kind of item asks for, in the order of its inputs (the core's field names)
const FIELDS = {
  "approach-deployment": ["met", "applicable", "deployed", "total"],
  "performance": ["achieved", "improving", "total"],
  "rule-50-75": ["at_target", "at_target_or_improving", "total"],
};
const COUNTS = ["achieved", "improving", "total"];

function sampleScenario() {
  // A CSP with three programs, every item applicable (the "pending at 96%" case of the Audit outcomes page):
  // 2.8 meets 9 of 10 sub-requirements, 2.9 and 2.10 are deployed in 2 of 3 programs,
  // 4.1 has 20 of 50 metrics at target, 4.5 49 of 100 plus 2 improving; 4.6 meets 50/75.
  const items = {};
  const subRequirements = [6, 5, 8, 4, 7];
  itemsOf("CSP", "approach-deployment").forEach((item, index) => {
    const n = String(subRequirements[index % subRequirements.length]);
    items[item.number] = [n, n, "3", "3"];
  });
  items["2.8"] = ["9", "10", "3", "3"];
  items["2.9"] = ["6", "6", "2", "3"];
  items["2.10"] = ["4", "4", "2", "3"];
  items["4.1"] = ["20", "0", "50"];
  items["4.2a"] = ["12", "3", "20"];
  items["4.3"] = { service: ["30", "6", "40"], quality: ["20", "4", "30"], sales: ["", "", ""],
                   efficiency: ["15", "5", "25"] };
  items["4.4"] = { service: ["6", "2", "10"], quality: ["5", "1", "8"], sales: ["", "", ""],
                   efficiency: ["4", "1", "6"] };
  items["4.5"] = ["49", "2", "100"];
  items["4.6"] = ["58", "80", "100"];
  return { edition: "CSP", human: true, digital: true, kept: [], items };
}

function blank(value) {
  if (Array.isArray(value)) return value.every(blank);
  if (value && typeof value === "object") return Object.values(value).every(blank);
  return value === "" || value === undefined || value === null;
}

export default class SelfAssessment extends Calculator {
  constructor(root, lang) {
    super(root, { name: "self-assessment", op: "self-assessment", lang });
    this.scope = new ScopeSection(this);
    this.values = {};
  }

  defaults() {
    return { ...scopeDefaults(), items: {} };
  }

  sanitize(raw) {
    const state = { ...sanitizeScope(raw), items: {} };
    const known = new Map([...itemsOf("CSP"), ...itemsOf("OSP")].map((i) => [i.number, i.scoring]));
    const items = raw.items && typeof raw.items === "object" ? raw.items : {};
    for (const [number, value] of Object.entries(items)) {
      const scoring = known.get(number);
      if (!scoring) continue;
      if (scoring === "channel-performance") state.items[number] = sanitizeTypes(value);
      else state.items[number] = FIELDS[scoring].map((_, i) => str(Array.isArray(value) ? value[i] : ""));
    }
    return state;
  }

  examples() {
    return [{ id: "sample", label: this.t("btn.sample"), state: sampleScenario() }];
  }

  build(form) {
    const { t } = this;
    this.itemsEl = h("div", { class: "copc-sa-items" });
    form.append(
      h("fieldset", { class: "copc-group copc-group--plain" }, h("legend", { text: t("sa.scope") }), this.scope.build()),
      h("fieldset", { class: "copc-group copc-group--plain" }, h("legend", { text: t("sa.items") }),
        h("p", { class: "copc-field__hint", text: t("sa.items.hint") }), this.itemsEl));
  }

  // --- the item tables ---

  apply(state) {
    this.scope.apply(state);
    this.values = structuredClone(state.items);
    const excluded = excludedItems(state);
    const key = `${state.edition}|${excluded.join(",")}`;
    if (key !== this.tablesKey) {
      this.tablesKey = key;
      this.buildTables(state, new Set(excluded));
    } else {
      for (const el of this.itemsEl.querySelectorAll("input[data-path]")) {
        const value = this.valueAt(el.dataset.path);
        if (el.value !== value) el.value = value;
      }
    }
  }

  valueAt(path) {
    // "items.<number>.<field>" or "items.<number>.<type>.<field>"
    const rest = path.slice("items.".length);
    for (const [number, value] of Object.entries(this.values)) {
      if (!rest.startsWith(`${number}.`)) continue;
      const tail = rest.slice(number.length + 1).split(".");
      if (tail.length === 2 && value[tail[0]]) return value[tail[0]][COUNTS.indexOf(tail[1])] ?? "";
      if (tail.length === 1 && Array.isArray(value)) {
        const item = this.rowItems.get(number);
        return item ? value[FIELDS[item.scoring].indexOf(tail[0])] ?? "" : "";
      }
    }
    return "";
  }

  buildTables(state, excluded) {
    const { t, lang } = this;
    const items = itemsOf(state.edition).filter((i) => !excluded.has(i.number));
    this.rowItems = new Map(items.map((i) => [i.number, i]));
    this.resultCells = new Map();
    const sections = [];
    for (const category of CATALOG.categories) {
      const inCategory = items.filter((i) => i.category === category.number);
      if (!inCategory.length) continue;
      const heading = h("div", { class: "copc-calc__subheading", role: "heading", "aria-level": "4",
                                 text: `${category.number} ${pick(category.name, lang)}` });
      const tables = [];
      const approach = inCategory.filter((i) => i.scoring === "approach-deployment");
      if (approach.length) {
        tables.push(this.table([t("sa.item"), t("is.met"), t("is.applicable"), t("is.deployed"), t("is.total"),
                                t("sa.result")], approach.map((item) => this.row(item))));
      }
      const performance = inCategory.filter((i) => i.scoring === "performance");
      if (performance.length) {
        tables.push(this.table([t("sa.item"), t("cp.achieved"), t("cp.improving"), t("cp.total"), t("sa.result")],
                               performance.map((item) => this.row(item)), t("sa.cat4.perf")));
      }
      const channel = inCategory.filter((i) => i.scoring === "channel-performance");
      if (channel.length) {
        tables.push(this.table([t("sa.item"), t("cp.achieved"), t("cp.improving"), t("cp.total"), t("sa.result")],
                               channel.map((item) => this.channelRows(item)), t("sa.cat4.channel")));
      }
      const rule = inCategory.filter((i) => i.scoring === "rule-50-75");
      if (rule.length) {
        tables.push(this.table([t("sa.item"), t("cp.achieved"), t("r5.either"), t("cp.total"), t("sa.result")],
                               rule.map((item) => this.row(item)), t("sa.cat4.rule")));
      }
      sections.push(h("section", { class: "copc-sa-category", dataset: { category: category.number } }, heading, ...tables));
    }
    this.itemsEl.replaceChildren(...sections);
  }

  table(headers, bodies, caption) {
    return h("div", { class: "copc-table-wrap" }, h("table", { class: "copc-table copc-table--compact" },
      caption ? h("caption", { text: caption }) : null,
      h("thead", {}, h("tr", {}, headers.map((text) => h("th", { scope: "col", text })))),
      bodies));
  }

  itemHeader(item) {
    return h("th", { scope: "row", class: "copc-item-head" },
      h("span", { class: "copc-item-number", text: item.number }), " ",
      h("span", { class: "copc-item-name", text: pick(item.name, this.lang) }), " ",
      h("span", { class: "copc-muted", text: `(${item.points})` }));
  }

  /** The cell that shows an item's result: its %, its points and, for 1.0-3.0, its approach. */
  resultTd(item) {
    const cell = h("td", { class: "copc-num copc-out", dataset: { result: item.number } });
    this.resultCells.set(item.number, cell);
    return cell;
  }

  /** One row: an item of categories 1.0-3.0, or 4.1/4.2/4.5/4.6. */
  row(item) {
    const slot = this.errorSlot();
    const label = `${item.number} ${pick(item.name, this.lang)}`;
    const fields = FIELDS[item.scoring];
    const values = Array.isArray(this.values[item.number]) ? this.values[item.number] : [];
    const headers = {
      met: "is.met", applicable: "is.applicable", deployed: "is.deployed", total: item.scoring === "approach-deployment" ? "is.total" : "cp.total",
      achieved: "cp.achieved", improving: "cp.improving", at_target: "cp.achieved", at_target_or_improving: "r5.either",
    };
    const inputs = fields.map((field, index) => h("td", {}, this.cellInput({
      path: `items.${item.number}.${field}`, label: `${label}: ${this.t(headers[field])}`,
      value: values[index] || "", slot: slot.id, prefix: item.number,
    })));
    const tbody = h("tbody", { dataset: { touchScope: "", item: item.number } },
      h("tr", { dataset: { groupPath: `items.${item.number}`, slot: slot.id, errorPrefix: item.number } },
        this.itemHeader(item), ...inputs, this.resultTd(item)),
      h("tr", { class: "copc-error-row" }, h("td", { colspan: String(fields.length + 2) }, slot)));
    return tbody;
  }

  /** An item of 4.3/4.4: a head row with its result, then one row per metric type. */
  channelRows(item) {
    const { t, lang } = this;
    const itemSlot = this.errorSlot();
    const values = this.values[item.number] && !Array.isArray(this.values[item.number]) ? this.values[item.number] : {};
    const tbody = h("tbody", { dataset: { touchScope: "", item: item.number } },
      h("tr", { class: "copc-item-row", dataset: { groupPath: `items.${item.number}`, slot: itemSlot.id,
                                                   errorPrefix: item.number } },
        this.itemHeader(item), h("td", { colspan: "3" }), this.resultTd(item)),
      h("tr", { class: "copc-error-row" }, h("td", { colspan: "5" }, itemSlot)));
    for (const type of CATALOG.metric_types) {
      const slot = this.errorSlot();
      const name = pick(type.name, lang);
      const label = `${item.number} ${name}`;
      const counts = values[type.id] || [];
      tbody.append(
        h("tr", { class: "copc-type-row", dataset: { groupPath: `items.${item.number}.${type.id}`, slot: slot.id,
                                                      errorPrefix: label } },
          h("th", { scope: "row", class: "copc-type-head" }, name,
            type.optional ? h("span", { class: "copc-optional", text: ` ${t("cp.optional")}` }) : null),
          ...COUNTS.map((key, index) => h("td", {}, this.cellInput({
            path: `items.${item.number}.${type.id}.${key}`, label: `${label}: ${t(`cp.${key}`)}`,
            value: counts[index] || "", slot: slot.id, prefix: label,
          }))),
          h("td")),
        h("tr", { class: "copc-error-row" }, h("td", { colspan: "5" }, slot)));
    }
    return tbody;
  }

  collect() {
    const state = { ...this.scope.collect(), items: structuredClone(this.values) };
    for (const [number, item] of this.rowItems || []) {
      if (item.scoring === "channel-performance") {
        const types = {};
        for (const type of CATALOG.metric_types) {
          types[type.id] = COUNTS.map((key) => this.inputValue(`items.${number}.${type.id}.${key}`));
        }
        state.items[number] = types;
      } else {
        state.items[number] = FIELDS[item.scoring].map((field) => this.inputValue(`items.${number}.${field}`));
      }
    }
    for (const [number, value] of Object.entries(state.items)) if (blank(value)) delete state.items[number];
    this.values = structuredClone(state.items);
    return state;
  }

  inputValue(path) {
    const el = this.itemsEl.querySelector(`[data-path="${CSS.escape(path)}"]`);
    return el ? el.value : "";
  }

  input(state) {
    const items = {};
    for (const [number, item] of this.rowItems || []) {
      const value = state.items[number];
      if (!value) continue;
      if (item.scoring === "channel-performance") items[number] = { types: typesInput(value) };
      else items[number] = Object.fromEntries(FIELDS[item.scoring].map((field, i) => [field, value[i] ?? ""]));
    }
    return { ...scopeInput(state), items };
  }

  notes(state) {
    const notes = ["interpretation:deployment-bands", "interpretation:percent-from-counts",
                   "interpretation:missing-metric-types", "interpretation:rule-50-75-points-split",
                   "erratum:applicable-example-rounding", "erratum:certification-conditions-figure",
                   "erratum:full-marks-for-results"];
    if (state.edition === "OSP") notes.unshift("erratum:osp-2.1-2.3-points");
    return notes;
  }

  // --- results ---

  cleared() {
    for (const cell of (this.resultCells || new Map()).values()) cell.replaceChildren();
  }

  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    const scored = new Map(r.items.map((i) => [i.item, i]));
    for (const [number, cell] of this.resultCells) {
      const s = scored.get(number);
      if (!s) {
        cell.replaceChildren(h("span", { class: "copc-muted", text: t("sa.unscored") }));
        continue;
      }
      cell.replaceChildren(
        h("span", { class: "copc-out__percent", text: pct(lang, s.percent) }),
        h("span", { class: "copc-out__points", text: `${fmt(lang, s.points)} / ${fmt(lang, s.available)}` }));
      if (s.approach !== null && s.approach !== undefined) {
        cell.append(h("span", { class: "copc-out__approach", text: `${t("is.approachPercent")} ${pct(lang, s.approach)}` }));
      }
    }

    const decision = h("div", { class: `copc-decision copc-decision--${r.certified ? "ok" : "no"}` },
      h("div", { class: "copc-calc__subheading", role: "heading", "aria-level": "4", text: t("sa.decision") }),
      verdict(r.certified, t(r.certified ? "sa.certified" : "sa.pending")),
      h("ul", { class: "copc-conditions", "aria-label": t("sa.conditions") }, r.conditions.map((c) =>
        h("li", { class: `copc-condition copc-condition--${c.met ? "ok" : "no"}`, dataset: { condition: c.id, met: String(c.met) } },
          h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: c.met ? "✓" : "✗" }),
          h("span", { class: "copc-condition__text" },
            h("strong", { text: `${pick(c.text, lang)}: ${t(c.met ? "met" : "notMet")}` }),
            h("span", { class: "copc-condition__detail", text: pick(c.detail, lang) }))))));
    decision.dataset.certified = String(r.certified);

    const totals = stats(
      stat(t("sa.earned"), t("pointsOf", { n: fmt(lang, r.earned), of: fmt(lang, r.scope.applicable) }), { big: true }),
      stat(t("sa.percent"), pct(lang, r.percent_of_applicable), { big: true }),
      stat(t("sa.missing"), r.points_missing > 0 ? t("points", { n: fmt(lang, r.points_missing) }) : t("sa.missingNone"),
           { kind: r.points_missing > 0 ? "warn" : "ok" }),
      stat(t("ap.required"), fmt(lang, r.scope.required)),
    );

    const categoryTable = h("div", { class: "copc-table-wrap" }, h("table", { class: "copc-table copc-table--result" },
      h("caption", { text: t("sa.totals") }),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col", text: t("sa.category") }),
        h("th", { scope: "col", text: t("sa.earned") }),
        h("th", { scope: "col", text: t("sa.available") }))),
      h("tbody", {}, r.categories.filter((c) => c.available > 0).map((c) => h("tr", { dataset: { category: c.number } },
        h("th", { scope: "row", text: `${c.number} ${pick(c.name, lang)}` }),
        h("td", { class: "copc-num", text: fmt(lang, c.earned) }),
        h("td", { class: "copc-num", text: fmt(lang, c.available) })))),
      h("tfoot", {}, h("tr", {},
        h("th", { scope: "row", text: t("sa.total") }),
        h("td", { class: "copc-num copc-strong", text: fmt(lang, r.earned) }),
        h("td", { class: "copc-num", text: fmt(lang, r.scope.applicable) })))));

    const losses = r.biggest_losses.length
      ? h("ol", { class: "copc-list copc-losses" }, r.biggest_losses.map((l) => h("li", { dataset: { item: l.item } },
        h("span", { text: `${l.item} ${pick(l.name, lang)} ` }),
        h("strong", { text: t("sa.lost", { n: fmt(lang, l.lost) }) }))))
      : h("p", { class: "copc-muted", text: t("sa.lossesNone") });

    body.append(
      decision,
      totals,
      h("div", { class: "copc-sa-totals" }, this.chart(r.categories.filter((c) => c.available > 0)), categoryTable),
      h("div", { class: "copc-calc__subheading", role: "heading", "aria-level": "4", text: t("sa.losses") }),
      losses,
    );
  }

  /** Earned against available points by category, as an inline SVG (no chart library). */
  chart(categories) {
    const { t, lang } = this;
    const width = 640;
    const labelWidth = 230;
    const barWidth = width - labelWidth - 10;
    const rowHeight = 46;
    const height = categories.length * rowHeight + 30;
    const max = Math.max(1, ...categories.map((c) => c.available));
    const title = t("sa.chart");
    const titleId = this.id("chart-title");
    const rows = categories.map((c, index) => {
      const y = 30 + index * rowHeight;
      const full = (barWidth * c.available) / max;
      const earned = (barWidth * Math.min(c.earned, c.available)) / max;
      return svg("g", { class: "copc-chart__row", dataset: { category: c.number } },
        svg("text", { x: "0", y: String(y + 17), class: "copc-chart__label" },
          `${c.number} ${pick(c.name, lang)}`),
        svg("rect", { x: String(labelWidth), y: String(y), width: full.toFixed(1), height: "24", rx: "3",
                      class: "copc-chart__available" }),
        svg("rect", { x: String(labelWidth), y: String(y), width: earned.toFixed(1), height: "24", rx: "3",
                      class: "copc-chart__earned" }),
        svg("text", { x: String(labelWidth + 6), y: String(y + 40), class: "copc-chart__value" },
          `${fmt(lang, c.earned)} / ${fmt(lang, c.available)}`));
    });
    const legend = svg("g", { class: "copc-chart__legend" },
      svg("rect", { x: String(labelWidth), y: "4", width: "14", height: "14", class: "copc-chart__earned" }),
      svg("text", { x: String(labelWidth + 20), y: "16", class: "copc-chart__value" }, t("sa.chart.earned")),
      svg("rect", { x: String(labelWidth + 130), y: "4", width: "14", height: "14", class: "copc-chart__available" }),
      svg("text", { x: String(labelWidth + 150), y: "16", class: "copc-chart__value" }, t("sa.chart.available")));
    return svg("svg", { class: "copc-chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId },
      svg("title", { id: titleId }, title), legend, ...rows);
  }
}
