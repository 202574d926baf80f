// Process certification: a block's items, its additional requirements as a checklist, and the
// level rule (months at target of the required metrics) for the entity and each site.

import { pick } from "../i18n.mjs";
import {
  CATALOG, Calculator, EDITIONS, bool, editionOptions, findItem, h, pct, str, strList, verdict,
} from "../kit.mjs";

const BLOCKS = new Map(CATALOG.blocks.map((b) => [b.id, b]));
const MAX_SITES = 50;
const MAX_CLIENT_METRICS = 20; // per client-set metric
// the client-set metrics of every block: a client may require several of each kind
const CLIENT_SET = new Set(CATALOG.blocks.flatMap((b) => b.metrics.filter((m) => m.client_set).map((m) => m.id)));
// the erratum that concerns each block
const BLOCK_ERRATA = {
  "client-management": "erratum:client-management-item-range",
  "quality": "erratum:quality-block-metrics-note",
  "workforce": "erratum:name-of-2.5",
};

function blocksFor(edition) {
  return CATALOG.blocks.filter((b) => b.editions.includes(edition));
}

function months(raw) {
  const out = {};
  if (!raw || typeof raw !== "object") return out;
  for (const [metric, value] of Object.entries(raw)) {
    if (Array.isArray(value)) out[metric] = [str(value[0]), str(value[1])];
  }
  return out;
}

/** The labels of the further client metrics, per client-set metric: {metric id: [label, ...]}. */
function clientLabels(raw) {
  const out = {};
  if (!raw || typeof raw !== "object") return out;
  for (const [metric, labels] of Object.entries(raw)) {
    if (CLIENT_SET.has(metric) && Array.isArray(labels)) out[metric] = labels.slice(0, MAX_CLIENT_METRICS).map(str);
  }
  return out;
}

// a further client metric's key: "<client-set metric id>:<label>", as the core names it
const clientKey = (metric, label) => `${metric}:${label}`;

export default class ProcessCertification extends Calculator {
  constructor(root, lang) {
    super(root, { name: "process-certification", op: "process-certification", lang });
  }

  defaults() {
    return { edition: EDITIONS[0], block: blocksFor(EDITIONS[0])[0].id, optional: false, reqs: [], entity: {},
             sites: [{ name: this.t("pc.siteDefault", { n: 1 }), m: {} }], clients: {} };
  }

  sanitize(raw) {
    const state = this.defaults();
    if (EDITIONS.includes(raw.edition)) state.edition = raw.edition;
    const blocks = blocksFor(state.edition);
    state.block = blocks.some((b) => b.id === raw.block) ? raw.block : blocks[0].id;
    state.optional = bool(raw.optional, false);
    state.reqs = strList(raw.reqs);
    state.entity = months(raw.entity);
    state.clients = clientLabels(raw.clients);
    if (Array.isArray(raw.sites)) {
      state.sites = raw.sites.slice(0, MAX_SITES).filter((s) => s && typeof s === "object")
        .map((s) => ({ name: str(s.name), m: months(s.m) }));
    }
    return state;
  }

  examples() {
    const ja = this.lang === "ja";
    const month = (at) => [String(at), "12"];
    const site = (name, [speed, abandonment, adherence, forecast]) => ({ name, m: {
      "workforce.speed-of-answer": month(speed), "workforce.abandonment": month(abandonment),
      "workforce.schedule-adherence": month(adherence), "workforce.scheduling-forecast": month(forecast),
    } });
    const block = BLOCKS.get("workforce");
    // the two-site example of the guide's blocks page, with the entity's own figures and every
    // other requirement ticked: only site B's level rule keeps the entity from being ready
    return [{ id: "sample", label: this.t("btn.sample"), state: {
      edition: "CSP", block: "workforce", optional: false,
      reqs: block.requirements.filter((r) => !r.computed).map((r) => r.id),
      entity: site("", [10, 9, 6, 9]).m,
      sites: [site(ja ? "拠点A" : "Site A", [10, 9, 6, 11]), site(ja ? "拠点B" : "Site B", [8, 9, 5, 7])],
    } }];
  }

  // --- the form ---

  build(form) {
    const { t } = this;
    this.edition = this.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                 options: editionOptions(), value: EDITIONS[0] });
    this.block = this.select({ path: "block", label: t("pc.block"), hint: t("pc.block.hint"), options: [], value: "" });
    this.itemsEl = h("div", { class: "copc-pc-items" });
    const reqSlot = this.errorSlot();
    this.reqList = h("ul", { class: "copc-checklist copc-reqs" });
    const sitesSlot = this.errorSlot();
    this.table = h("table", { class: "copc-table copc-table--months" });
    this.addButton = h("button", { type: "button", class: "md-button copc-pc-add", text: t("pc.addSite"),
                                   on: { click: () => this.addSite() } });
    form.append(
      h("div", { class: "copc-row" }, this.edition.wrap, this.block.wrap),
      this.itemsEl,
      h("fieldset", { class: "copc-group", dataset: { groupPath: "requirements_met", slot: reqSlot.id } },
        h("legend", { text: t("pc.requirements") }),
        h("p", { class: "copc-field__hint", text: t("pc.requirements.hint") }), this.reqList, reqSlot),
      h("fieldset", { class: "copc-group copc-group--plain", dataset: { groupPath: "sites", slot: sitesSlot.id, covers: "sites." } },
        h("legend", { text: t("pc.metrics") }),
        h("p", { class: "copc-field__hint", text: t("pc.metrics.hint") }),
        h("div", { class: "copc-table-wrap" }, this.table), this.addButton, sitesSlot));
  }

  apply(state) {
    const { t, lang } = this;
    this.state = state;
    this.edition.input.value = state.edition;
    this.setOptions(this.block.input, blocksFor(state.edition).map((b) => {
      const items = [...b.items, ...b.optional_items].join(", ");
      return { value: b.id, label: lang === "ja" ? `${pick(b.name, lang)}（${items}）` : `${pick(b.name, lang)} (${items})` };
    }), state.block);
    const block = BLOCKS.get(this.block.input.value);

    // items, with the optional one as a toggle
    const itemText = (number) => {
      const item = findItem(state.edition, number);
      return item ? `${number} ${pick(item.name, lang)}` : number;
    };
    const optional = block.optional_items.map((number) => {
      const box = this.checkbox({ label: t("pc.optional", { item: itemText(number) }), checked: state.optional });
      box.input.dataset.optional = number;
      return box.wrap;
    });
    this.itemsEl.replaceChildren(
      h("p", {}, h("strong", { text: `${t("pc.items")}: ` }), block.items.map(itemText).join(lang === "ja" ? "、" : "; ")),
      ...optional);

    // the requirements checklist; the level rule is computed, not ticked
    this.levelStatus = h("span", { class: "copc-req-status" });
    this.reqList.replaceChildren(...block.requirements.map((req) => {
      if (req.computed) {
        return h("li", { class: "copc-req copc-req--computed", dataset: { requirement: req.id } },
          h("span", { text: pick(req.text, lang) }), " ",
          h("span", { class: "copc-muted", text: `(${t("pc.computed")})` }), " ", this.levelStatus);
      }
      const box = this.checkbox({ label: pick(req.text, lang), checked: state.reqs.includes(req.id) });
      box.input.dataset.requirement = req.id;
      return h("li", { class: "copc-req" }, box.wrap);
    }));
    this.buildTable(block, state);
  }

  buildTable(block, state) {
    const { t, lang } = this;
    const units = [{ key: "entity", label: t("pc.entity"), values: state.entity }, ...state.sites.map((s, i) => ({
      key: `site-${i}`, site: i, label: s.name, values: s.m }))];
    const head = h("tr", {}, h("th", { scope: "col", text: t("pc.metric") }), ...units.map((unit) => {
      if (unit.site === undefined) {
        const slot = this.errorSlot();
        return h("th", { scope: "col", class: "copc-unit-head", dataset: { groupPath: "entity", slot: slot.id, covers: "entity.",
                                                                        errorPrefix: unit.label } },
          h("span", { text: unit.label }), slot);
      }
      const slot = this.errorSlot();
      const name = this.field({ path: `sitename.${unit.site}`, label: t("pc.siteName"), value: unit.label,
                                inputmode: "text", size: "name", hiddenLabel: true });
      name.input.dataset.siteName = String(unit.site);
      const remove = h("button", { type: "button", class: "copc-remove", text: "×",
                                   "aria-label": t("pc.removeSite", { name: unit.label || t("pc.site") }),
                                   title: t("pc.removeSite", { name: unit.label || t("pc.site") }),
                                   on: { click: () => this.removeSite(unit.site) } });
      return h("th", { scope: "col", class: "copc-unit-head", dataset: { site: String(unit.site), groupPath: `sites.${unit.label}`,
                                                                           slot: slot.id, covers: `sites.${unit.label}.`,
                                                                           errorPrefix: unit.label || t("pc.site") } },
        h("div", { class: "copc-unit-name" }, name.wrap, state.sites.length > 1 ? remove : null), slot);
    }));
    // one row of month cells; `key`: the metric's name in the request ("<id>:<label>" for a
    // further client metric), `client`: that row's index among the metric's further ones
    const row = (metric, key, header, label, client) => {
      const slot = this.errorSlot();
      const cells = units.map((unit) => {
        const value = unit.values[key] || ["", ""];
        const base = unit.site === undefined ? `entity.${key}` : `sites.${unit.label}.${key}`;
        const unitLabel = unit.label || t("pc.site");
        return h("td", { class: "copc-months", dataset: { unit: unit.key } },
          this.cellInput({ path: `${base}.months_at_target`, value: value[0], slot: slot.id, prefix: unitLabel, size: "month",
                           label: t("pc.cellLabel", { unit: unitLabel, metric: label, what: t("pc.monthsAt") }) }),
          h("span", { class: "copc-months__sep", "aria-hidden": "true", text: "/" }),
          this.cellInput({ path: `${base}.months_measured`, value: value[1], slot: slot.id, prefix: unitLabel, size: "month",
                           label: t("pc.cellLabel", { unit: unitLabel, metric: label, what: t("pc.monthsMeasured") }) }));
      });
      cells.forEach((cell, index) => {
        cell.dataset.metric = metric.id;
        cell.dataset.unitIndex = String(index);
        if (client !== undefined) cell.dataset.client = String(client);
      });
      return h("tbody", { dataset: { metric: key } },
        h("tr", {}, header, ...cells),
        h("tr", { class: "copc-error-row" }, h("td", { colspan: String(units.length + 1) }, slot)));
    };
    const bodies = block.metrics.flatMap((metric) => {
      const name = pick(metric.name, lang);
      const labels = metric.client_set ? ((state.clients || {})[metric.id] || []) : [];
      const add = metric.client_set
        ? h("button", { type: "button", class: "copc-pc-add-client", text: t("pc.addClient"),
                        dataset: { addClient: metric.id }, disabled: labels.length >= MAX_CLIENT_METRICS,
                        "aria-label": t("pc.addClientFor", { metric: name }),
                        on: { click: () => this.addClientMetric(metric.id) } })
        : null;
      const main = row(metric, metric.id,
        h("th", { scope: "row", class: "copc-metric-head" },
          h("span", { class: "copc-metric-name", text: name }),
          h("span", { class: "copc-muted copc-metric-unit", text: `${t("pc.unit")}: ${pick(metric.unit_name, lang)}` }),
          metric.client_set ? h("span", { class: "copc-optional", text: t("pc.clientSet") }) : null, add),
        name);
      const further = labels.map((label, index) => {
        const field = this.field({ path: `clients.${metric.id}.${index}`, label: t("pc.clientLabel", { metric: name }),
                                   value: label, inputmode: "text", size: "name", hiddenLabel: true });
        field.input.dataset.clientLabel = metric.id;
        field.input.dataset.index = String(index);
        const shown = label || t("pc.clientMetric");
        const remove = h("button", { type: "button", class: "copc-remove", text: "×",
                                     "aria-label": t("pc.removeClient", { name: shown }), title: t("pc.removeClient", { name: shown }),
                                     on: { click: () => this.removeClientMetric(metric.id, index) } });
        return row(metric, clientKey(metric.id, label),
          h("th", { scope: "row", class: "copc-metric-head copc-metric-head--client" },
            h("span", { class: "copc-muted copc-metric-unit", text: name }),
            h("div", { class: "copc-unit-name" }, field.wrap, remove)),
          `${name} ${shown}`, index);
      });
      return [main, ...further];
    });
    this.table.replaceChildren(h("thead", {}, head), ...bodies);
    this.addButton.disabled = state.sites.length >= MAX_SITES;
  }

  addSite() {
    const state = this.collect();
    const names = new Set(state.sites.map((s) => s.name));
    let n = state.sites.length + 1;
    while (names.has(this.t("pc.siteDefault", { n }))) n += 1;
    state.sites.push({ name: this.t("pc.siteDefault", { n }), m: {} });
    this.apply(state);
    const inputs = this.table.querySelectorAll("input[data-site-name]");
    if (inputs.length) inputs[inputs.length - 1].focus();
    this.schedule(0);
  }

  addClientMetric(metric) {
    const state = this.collect();
    const labels = (state.clients[metric] ||= []);
    if (labels.length >= MAX_CLIENT_METRICS) return;
    let n = labels.length + 2; // the metric's own row is the first one
    while (labels.includes(this.t("pc.clientDefault", { n }))) n += 1;
    labels.push(this.t("pc.clientDefault", { n }));
    this.apply(state);
    const inputs = this.table.querySelectorAll(`input[data-client-label="${CSS.escape(metric)}"]`);
    if (inputs.length) inputs[inputs.length - 1].focus();
    this.schedule(0);
  }

  removeClientMetric(metric, index) {
    const state = this.collect();
    const labels = state.clients[metric] || [];
    const [label] = labels.splice(index, 1);
    const key = clientKey(metric, label);
    delete state.entity[key];
    for (const site of state.sites) delete site.m[key];
    this.apply(state);
    const add = this.table.querySelector(`button[data-add-client="${CSS.escape(metric)}"]`);
    if (add) add.focus();
    this.schedule(0);
  }

  removeSite(index) {
    const state = this.collect();
    state.sites.splice(index, 1);
    this.apply(state);
    const first = this.table.querySelector("input[data-site-name]");
    if (first) first.focus();
    this.schedule(0);
  }

  collect() {
    // what was typed for the metrics of other blocks stays: switching blocks loses nothing
    const shown = new Set([...this.table.querySelectorAll("td[data-metric]")].map((cell) => cell.dataset.metric));
    const others = (entries) => Object.fromEntries(Object.entries(entries || {})
      .filter(([key]) => !shown.has(key.split(":")[0])));
    const previous = this.state || { entity: {}, sites: [], clients: {} };
    const state = {
      edition: this.edition.input.value,
      block: this.block.input.value,
      optional: Boolean(this.itemsEl.querySelector("input[data-optional]:checked")),
      reqs: [...this.reqList.querySelectorAll("input[data-requirement]:checked")].map((el) => el.dataset.requirement),
      entity: others(previous.entity),
      sites: [],
      clients: others(previous.clients),
    };
    for (const input of this.table.querySelectorAll("input[data-client-label]")) {
      (state.clients[input.dataset.clientLabel] ||= [])[Number(input.dataset.index)] = input.value;
      input.closest("tbody").dataset.metric = clientKey(input.dataset.clientLabel, input.value);
    }
    const names = [...this.table.querySelectorAll("input[data-site-name]")].map((el) => el.value);
    // sites by position: a renamed site keeps its months of other blocks
    state.sites = names.map((name, index) => ({ name, m: others(((previous.sites || [])[index] || {}).m) }));
    // the months, by column; the paths of site columns follow the names as they are typed
    for (const cell of this.table.querySelectorAll("td.copc-months")) {
      const index = Number(cell.dataset.unitIndex);
      // a further client metric's key follows its label as it is typed
      const metric = cell.dataset.client === undefined ? cell.dataset.metric
        : clientKey(cell.dataset.metric, state.clients[cell.dataset.metric][Number(cell.dataset.client)]);
      const [at, measured] = cell.querySelectorAll("input");
      const site = index > 0 ? names[index - 1] : null;
      const base = site === null ? `entity.${metric}` : `sites.${site}.${metric}`;
      at.dataset.path = `${base}.months_at_target`;
      measured.dataset.path = `${base}.months_measured`;
      if (site !== null) {
        at.dataset.errorPrefix = site;
        measured.dataset.errorPrefix = site;
      }
      if (at.value === "" && measured.value === "") continue;
      if (site === null) state.entity[metric] = [at.value, measured.value];
      else state.sites[index - 1].m[metric] = [at.value, measured.value];
    }
    for (const head of this.table.querySelectorAll("th[data-site]")) {
      const name = names[Number(head.dataset.site)];
      head.dataset.groupPath = `sites.${name}`;
      head.dataset.covers = `sites.${name}.`;
      head.dataset.errorPrefix = name || this.t("pc.site");
    }
    this.state = state;
    return state;
  }

  localErrors(state) {
    const errors = [];
    const seen = new Map();
    state.sites.forEach((site, index) => {
      const name = site.name.trim();
      if (!name) errors.push({ field: `sitename.${index}`, message: this.t("pc.siteNameEmpty") });
      else if (seen.has(name)) errors.push({ field: `sitename.${index}`, message: this.t("pc.siteNameDuplicate") });
      seen.set(name, index);
    });
    const block = BLOCKS.get(state.block);
    for (const metric of block ? block.metrics : []) {
      const labels = new Set();
      ((state.clients || {})[metric.id] || []).forEach((raw, index) => {
        const label = raw.trim();
        const field = `clients.${metric.id}.${index}`;
        if (!label) errors.push({ field, message: this.t("pc.clientLabelEmpty") });
        else if (labels.has(label)) errors.push({ field, message: this.t("pc.clientLabelDuplicate") });
        labels.add(label);
      });
    }
    return errors;
  }

  input(state) {
    // only the chosen block's metrics (what was typed for other blocks stays in the state)
    const ids = new Set((BLOCKS.get(state.block) || { metrics: [] }).metrics.map((m) => m.id));
    const toMonths = (m) => Object.fromEntries(Object.entries(m).filter(([metric]) => ids.has(metric.split(":")[0]))
      .map(([metric, [at, measured]]) => [metric, { months_at_target: at, months_measured: measured }]));
    return {
      edition: state.edition, block: state.block, include_optional: state.optional,
      requirements_met: state.reqs, entity: toMonths(state.entity),
      sites: Object.fromEntries(state.sites.map((s) => [s.name, toMonths(s.m)])),
    };
  }

  notes(state) {
    const notes = ["interpretation:level-rule-measurement-period"];
    if (BLOCK_ERRATA[state.block]) notes.push(BLOCK_ERRATA[state.block]);
    return notes;
  }

  // --- results ---

  cleared() {
    if (this.levelStatus) {
      this.levelStatus.textContent = "";
      this.levelStatus.className = "copc-req-status";
    }
  }

  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    const block = BLOCKS.get(r.block);
    const metricNames = new Map(block.metrics.map((m) => [m.id, pick(m.name, lang)]));
    const nameOf = (id) => {
      const [base, ...label] = id.split(":");
      const name = metricNames.get(base) || base;
      if (!label.length) return name;
      return lang === "ja" ? `${name}（${label.join(":")}）` : `${name} (${label.join(":")})`;
    };
    const unitName = (unit) => (unit === "entity" ? t("pc.entity") : unit);

    this.levelStatus.textContent = r.level_holds ? `✓ ${t("pc.holds")}` : `✗ ${t("pc.fails")}`;
    this.levelStatus.className = `copc-req-status copc-req-status--${r.level_holds ? "ok" : "no"}`;

    const units = r.units.map((u) => h("li", { class: `copc-unit copc-unit--${u.holds ? "ok" : "no"}`,
                                                dataset: { unit: u.unit, holds: String(u.holds) } },
      verdict(u.holds, `${unitName(u.unit)}: ${t(u.holds ? "pc.holds" : "pc.fails")}`),
      h("p", { class: "copc-muted", text: t("pc.share", { share: pct(lang, u.share_meeting) }) }),
      h("ul", { class: "copc-list copc-unit-metrics" }, u.metrics.map((m) => h("li", {
        class: m.meets ? "copc-ok" : "copc-no", dataset: { metric: m.metric, meets: String(m.meets) } },
        h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: m.meets ? "✓ " : "✗ " }),
        `${nameOf(m.metric)}: ${t("pc.months", { at: m.months_at_target, of: m.months_measured, need: m.months_needed })}`))),
      u.failing.length
        ? h("p", { class: "copc-failing", text: t("pc.failing", { list: u.failing.map(nameOf).join(lang === "ja" ? "、" : ", ") }) })
        : null));

    body.append(
      h("div", { class: `copc-decision copc-decision--${r.ready ? "ok" : "no"}`, dataset: { ready: String(r.ready) } },
        h("div", { class: "copc-calc__subheading", role: "heading", "aria-level": "4", text: t("pc.ready") }),
        verdict(r.ready, t(r.ready ? "pc.isReady" : "pc.notReady")),
        h("p", { class: "copc-muted", text: `${t("pc.items")}: ${r.items.join(", ")}` })),
      h("div", { class: "copc-calc__subheading", role: "heading", "aria-level": "4", text: t("pc.levelEntity") }),
      verdict(r.level_holds, t(r.level_holds ? "pc.holds" : "pc.fails")),
      h("ul", { class: "copc-units" }, units),
      h("div", { class: "copc-calc__subheading", role: "heading", "aria-level": "4", text: t("pc.unmet") }),
      r.unmet_requirements.length
        ? h("ul", { class: "copc-list copc-unmet" }, r.unmet_requirements.map((req) =>
          h("li", { dataset: { requirement: req.id }, text: pick(req.text, lang) })))
        : h("p", { class: "copc-muted", text: t("pc.unmetNone") }),
      this.steps(response.steps, false),
    );
  }
}
