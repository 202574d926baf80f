// @ts-check
// Process certification: a block's items, its additional requirements as a checklist, and the
// level rule (months at target of the required metrics) for the entity and each site.

import { pick } from "../i18n.mjs";
import {
  CATALOG, Calculator, EDITIONS, blockNamed, blockNotes, blocksFor, bool, editionOptions, fieldNamed, findItem,
  formFields, h, late, oneOf, record, setOptions, shown, str, strList, verdict, subheading,
} from "../kit.mjs";
import { fileFields, fileStateFrom, sanitizeFileState } from "../kit/file-data.mjs";
import { FileTools, MAX_FILE_BYTES, MAX_NOTE, MAX_WORKBOOK_BYTES } from "../kit/files.mjs";
import FILE_STRINGS from "./files.strings.mjs";
import { processPlanAndReport } from "./process-plan.mjs";
import STRINGS from "./process-certification.strings.mjs";

/**
 * The months typed per metric: {metric key: [months at target, months measured]}; a further client
 * metric's key is "<client-set metric id>:<label>", as the core names it.
 * @typedef {Record<string, [string, string]>} Months
 * @typedef {{name: string, m: Months}} Site
 * @typedef {{edition: string, block: string, optional: boolean, reqs: string[], entity: Months, sites: Site[],
 *            clients: Record<string, string[]>} & import("../kit/file-data.mjs").FileState} ProcessState
 * @typedef {import("../kit/calculator.mjs").State} State
 * @typedef {import("../kit/catalog.mjs").Block} Block
 * @typedef {import("../kit/catalog.mjs").BlockMetric} BlockMetric
 */

const MAX_SITES = 50;
const MAX_CLIENT_METRICS = 20; // per client-set metric
// the client-set metrics of every block: a client may require several of each kind
const CLIENT_SET = new Set(CATALOG.blocks.flatMap((b) => b.metrics.filter((m) => m.client_set).map((m) => m.id)));
const LEVEL = formFields("level");
const AT_TARGET = fieldNamed(LEVEL, "months_at_target");
const MEASURED = fieldNamed(LEVEL, "months_measured");

/**
 * @param {unknown} raw
 * @returns {Months}
 */
function months(raw) {
  /** @type {Months} */
  const out = {};
  for (const [metric, value] of Object.entries(record(raw))) {
    if (Array.isArray(value)) out[metric] = [str(value[0]), str(value[1])];
  }
  return out;
}

/**
 * The labels of the further client metrics, per client-set metric: {metric id: [label, ...]}.
 * @param {unknown} raw
 * @returns {Record<string, string[]>}
 */
function clientLabels(raw) {
  /** @type {Record<string, string[]>} */
  const out = {};
  for (const [metric, labels] of Object.entries(record(raw))) {
    if (CLIENT_SET.has(metric) && Array.isArray(labels)) out[metric] = labels.slice(0, MAX_CLIENT_METRICS).map((l) => str(l));
  }
  return out;
}

/**
 * A further client metric's key: "<client-set metric id>:<label>", as the core names it.
 * @param {string} metric
 * @param {string} label
 * @returns {string}
 */
const clientKey = (metric, label) => `${metric}:${label}`;

/**
 * The operation's months of one unit, as the form keeps them.
 * @param {unknown} raw {metric: {months_at_target, months_measured}}
 * @returns {Months}
 */
function monthsFromInput(raw) {
  /** @type {Record<string, unknown[]>} */
  const lists = {};
  for (const [metric, value] of Object.entries(record(raw))) {
    lists[metric] = [record(value)[AT_TARGET.name], record(value)[MEASURED.name]];
  }
  return months(lists);
}

export default class ProcessCertification extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "process-certification", lang, strings: [STRINGS, FILE_STRINGS] });
    this.files = this.fileTools();
    /** @type {ProcessState | null} the state last shown or collected */
    this.state = null;
    /** @type {{wrap: HTMLElement, input: HTMLSelectElement}} */
    this.edition = late();
    /** @type {{wrap: HTMLElement, input: HTMLSelectElement}} */
    this.block = late();
    this.itemsEl = h("div", { class: "copc-pc-items" });
    this.reqList = h("ul", { class: "copc-checklist copc-reqs" });
    this.table = h("table", { class: "copc-table copc-table--months" });
    this.addButton = h("button", { type: "button", class: "md-button copc-pc-add", text: this.t("pc.addSite"),
                                   on: { click: () => this.addSite() } });
    this.levelStatus = h("span", { class: "copc-req-status" });
    this.planReport = processPlanAndReport(this);
  }

  /**
   * @returns {ProcessState}
   * @override
   */
  defaults() {
    return { edition: EDITIONS[0], block: blocksFor(EDITIONS[0])[0].id, optional: false, reqs: [], entity: {},
             sites: [{ name: this.t("pc.siteDefault", { n: 1 }), m: {} }], clients: {},
             ...sanitizeFileState({}, MAX_NOTE) };
  }

  /**
   * Save and open the check as a file (copc_cx.files: the JSON process file, its workbook).
   * @returns {FileTools}
   */
  fileTools() {
    return new FileTools(this, {
      json: { read: "process-file-read", write: "process-file-write", maxBytes: MAX_FILE_BYTES },
      workbook: { read: "process-workbook-read", write: "process-workbook-write", maxBytes: MAX_WORKBOOK_BYTES },
      fields: (state) => {
        const block = blockNamed(state.block);
        return { ...this.input(state),
                 ...fileFields(this.sanitize(state), block ? [...block.items, ...block.optional_items] : []) };
      },
      state: (result) => this.sanitize({ ...this.stateFromInput(result.input), ...fileStateFrom(result.assessment, MAX_NOTE) }),
    });
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {ProcessState}
   * @override
   */
  sanitize(raw) {
    const state = this.defaults();
    state.edition = oneOf(raw.edition, EDITIONS, EDITIONS[0]);
    const blocks = blocksFor(state.edition).map((b) => b.id);
    state.block = oneOf(raw.block, blocks, blocks[0]);
    state.optional = bool(raw.optional, false);
    state.reqs = strList(raw.reqs);
    state.entity = months(raw.entity);
    state.clients = clientLabels(raw.clients);
    Object.assign(state, sanitizeFileState(raw, MAX_NOTE));
    if (Array.isArray(raw.sites)) {
      state.sites = raw.sites.slice(0, MAX_SITES).filter((s) => s && typeof s === "object")
        .map((s) => ({ name: str(s.name), m: months(s.m) }));
    }
    return state;
  }

  /**
   * The operation's input as the form keeps it: months as pairs, sites in order, and the labels of
   * the further client metrics gathered from their keys.
   * @param {Record<string, any>} input
   * @returns {ProcessState}
   * @override
   */
  stateFromInput(input) {
    const entity = monthsFromInput(input.entity);
    const sites = Object.entries(record(input.sites)).map(([name, m]) => ({ name, m: monthsFromInput(m) }));
    /** @type {Record<string, string[]>} */
    const clients = {};
    for (const key of [...Object.keys(entity), ...sites.flatMap((s) => Object.keys(s.m))]) {
      const cut = key.indexOf(":");
      if (cut < 0) continue;
      const labels = (clients[key.slice(0, cut)] ||= []);
      if (!labels.includes(key.slice(cut + 1))) labels.push(key.slice(cut + 1));
    }
    return this.sanitize({
      edition: input.edition, block: input.block, optional: bool(input.include_optional, false),
      reqs: strList(input.requirements_met), entity, sites, clients,
    });
  }

  // --- the form ---

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    const { t } = this;
    this.files.mount();
    this.edition = this.fields.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                        options: editionOptions(), value: EDITIONS[0] });
    this.block = this.fields.select({ path: "block", label: t("pc.block"), hint: t("pc.block.hint"), options: [], value: "" });
    const reqSlot = this.fields.errorSlot();
    const sitesSlot = this.fields.errorSlot();
    form.append(
      this.files.detailsSection(),
      h("div", { class: "copc-row" }, this.edition.wrap, this.block.wrap),
      this.itemsEl,
      h("fieldset", { class: "copc-group", dataset: { groupPath: "requirements_met", slot: reqSlot.id } },
        h("legend", { text: t("pc.requirements") }),
        h("p", { class: "copc-field__hint", text: t("pc.requirements.hint") }), this.reqList, reqSlot),
      h("fieldset", { class: "copc-group copc-group--plain", dataset: { groupPath: "sites", slot: sitesSlot.id, covers: "sites." } },
        h("legend", { text: t("pc.metrics") }),
        h("p", { class: "copc-field__hint", text: t("pc.metrics.hint") }),
        h("div", { class: "copc-table-wrap copc-table-wrap--months" }, this.table), this.addButton, sitesSlot));
  }

  /**
   * @param {State} raw
   * @override
   */
  apply(raw) {
    const state = /** @type {ProcessState} */ (raw);
    const { t, lang } = this;
    this.state = state;
    this.files.apply(state);
    this.edition.input.value = state.edition;
    setOptions(this.block.input, blocksFor(state.edition).map((b) => {
      const items = [...b.items, ...b.optional_items].join(", ");
      return { value: b.id, label: lang === "ja" ? `${pick(b.name, lang)}（${items}）` : `${pick(b.name, lang)} (${items})` };
    }), state.block);
    const block = /** @type {Block} */ (blockNamed(this.block.input.value));

    // items, with the optional one as a toggle
    /** @param {string} number */
    const itemText = (number) => {
      const item = findItem(state.edition, number);
      return item ? `${number} ${pick(item.name, lang)}` : number;
    };
    const optional = block.optional_items.map((number) => {
      const box = this.fields.checkbox({ label: t("pc.optional", { item: itemText(number) }), checked: state.optional });
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
      const box = this.fields.checkbox({ label: pick(req.text, lang), checked: state.reqs.includes(req.id) });
      box.input.dataset.requirement = req.id;
      return h("li", { class: "copc-req" }, box.wrap);
    }));
    this.buildTable(block, state);
  }

  /**
   * The remove button's name for a site or a further client metric.
   * @param {string} key "pc.removeSite" or "pc.removeClient"
   * @param {string} name
   * @returns {string}
   */
  removeLabel(key, name) {
    return this.t(key, { name });
  }

  /**
   * @param {Block} block
   * @param {ProcessState} state
   */
  buildTable(block, state) {
    const { t, lang } = this;
    /** @type {{key: string, label: string, values: Months, site?: number}[]} */
    const units = [{ key: "entity", label: t("pc.entity"), values: state.entity }, ...state.sites.map((s, i) => ({
      key: `site-${i}`, site: i, label: s.name, values: s.m }))];
    const head = h("tr", {}, h("th", { scope: "col", class: "copc-metric-col", text: t("pc.metric") }), ...units.map((unit) => {
      const slot = this.fields.errorSlot();
      if (unit.site === undefined) {
        return h("th", { scope: "col", class: "copc-unit-head", dataset: { groupPath: "entity", slot: slot.id, covers: "entity.",
                                                                        errorPrefix: unit.label } },
          h("span", { text: unit.label }), slot);
      }
      const site = unit.site;
      const name = this.fields.field({ path: `sitename.${site}`, label: t("pc.siteName"), value: unit.label,
                                       inputmode: "text", size: "name", hiddenLabel: true });
      name.input.dataset.siteName = String(site);
      const label = this.removeLabel("pc.removeSite", unit.label || t("pc.site"));
      const remove = h("button", { type: "button", class: "copc-remove", text: "×", "aria-label": label, title: label,
                                   on: { click: () => this.removeSite(site) } });
      return h("th", { scope: "col", class: "copc-unit-head", dataset: { site: String(site), groupPath: `sites.${unit.label}`,
                                                                           slot: slot.id, covers: `sites.${unit.label}.`,
                                                                           errorPrefix: unit.label || t("pc.site") } },
        h("div", { class: "copc-unit-name" }, name.wrap, state.sites.length > 1 ? remove : null), slot);
    }));
    /**
     * One row of month cells; `key`: the metric's name in the request, `client`: that row's index
     * among the metric's further ones.
     * @param {BlockMetric} metric
     * @param {string} key
     * @param {HTMLElement} header
     * @param {string} label
     * @param {number} [client]
     */
    const row = (metric, key, header, label, client) => {
      const slot = this.fields.errorSlot();
      const cells = units.map((unit, index) => {
        const value = unit.values[key] || ["", ""];
        const base = unit.site === undefined ? `entity.${key}` : `sites.${unit.label}.${key}`;
        const unitLabel = unit.label || t("pc.site");
        return h("td", { class: "copc-months", dataset: { unit: unit.key, metric: metric.id, unitIndex: String(index),
                                                          client: client === undefined ? undefined : String(client) } },
          this.fields.cellInput({ path: `${base}.${AT_TARGET.name}`, value: value[0], slot: slot.id, prefix: unitLabel,
                                  size: "month",
                                  label: t("pc.cellLabel", { unit: unitLabel, metric: label, what: pick(AT_TARGET.label, lang) }) }),
          h("span", { class: "copc-months__sep", "aria-hidden": "true", text: "/" }),
          this.fields.cellInput({ path: `${base}.${MEASURED.name}`, value: value[1], slot: slot.id, prefix: unitLabel,
                                  size: "month",
                                  label: t("pc.cellLabel", { unit: unitLabel, metric: label, what: pick(MEASURED.label, lang) }) }));
      });
      return h("tbody", { dataset: { metric: key } },
        h("tr", {}, header, ...cells),
        h("tr", { class: "copc-error-row" }, h("td", { colspan: String(units.length + 1) }, slot)));
    };
    const bodies = block.metrics.flatMap((metric) => {
      const name = pick(metric.name, lang);
      const labels = metric.client_set ? (state.clients[metric.id] || []) : [];
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
        const field = this.fields.field({ path: `clients.${metric.id}.${index}`, label: t("pc.clientLabel", { metric: name }),
                                          value: label, inputmode: "text", size: "name", hiddenLabel: true });
        field.input.dataset.clientLabel = metric.id;
        field.input.dataset.index = String(index);
        const removeName = this.removeLabel("pc.removeClient", label || t("pc.clientMetric"));
        const remove = h("button", { type: "button", class: "copc-remove", text: "×", "aria-label": removeName,
                                     title: removeName, on: { click: () => this.removeClientMetric(metric.id, index) } });
        return row(metric, clientKey(metric.id, label),
          h("th", { scope: "row", class: "copc-metric-head copc-metric-head--client" },
            h("span", { class: "copc-muted copc-metric-unit", text: name }),
            h("div", { class: "copc-unit-name" }, field.wrap, remove)),
          `${name} ${label || t("pc.clientMetric")}`, index);
      });
      return [main, ...further];
    });
    this.table.replaceChildren(h("thead", {}, head), ...bodies);
    this.addButton.disabled = state.sites.length >= MAX_SITES;
  }

  addSite() {
    const state = /** @type {ProcessState} */ (this.collect());
    const names = new Set(state.sites.map((s) => s.name));
    let n = state.sites.length + 1;
    while (names.has(this.t("pc.siteDefault", { n }))) n += 1;
    state.sites.push({ name: this.t("pc.siteDefault", { n }), m: {} });
    this.apply(state);
    const inputs = /** @type {NodeListOf<HTMLInputElement>} */ (this.table.querySelectorAll("input[data-site-name]"));
    if (inputs.length) inputs[inputs.length - 1].focus();
    this.schedule(0);
  }

  /** @param {string} metric */
  addClientMetric(metric) {
    const state = /** @type {ProcessState} */ (this.collect());
    const labels = (state.clients[metric] ||= []);
    if (labels.length >= MAX_CLIENT_METRICS) return;
    let n = labels.length + 2; // the metric's own row is the first one
    while (labels.includes(this.t("pc.clientDefault", { n }))) n += 1;
    labels.push(this.t("pc.clientDefault", { n }));
    this.apply(state);
    const inputs = /** @type {NodeListOf<HTMLInputElement>} */ (
      this.table.querySelectorAll(`input[data-client-label="${CSS.escape(metric)}"]`));
    if (inputs.length) inputs[inputs.length - 1].focus();
    this.schedule(0);
  }

  /**
   * @param {string} metric
   * @param {number} index
   */
  removeClientMetric(metric, index) {
    const state = /** @type {ProcessState} */ (this.collect());
    const labels = state.clients[metric] || [];
    const [label] = labels.splice(index, 1);
    const key = clientKey(metric, label);
    delete state.entity[key];
    for (const site of state.sites) delete site.m[key];
    this.apply(state);
    const add = /** @type {HTMLElement | null} */ (this.table.querySelector(`button[data-add-client="${CSS.escape(metric)}"]`));
    if (add) add.focus();
    this.schedule(0);
  }

  /** @param {number} index */
  removeSite(index) {
    const state = /** @type {ProcessState} */ (this.collect());
    state.sites.splice(index, 1);
    this.apply(state);
    const first = /** @type {HTMLElement | null} */ (this.table.querySelector("input[data-site-name]"));
    if (first) first.focus();
    this.schedule(0);
  }

  /**
   * @returns {ProcessState}
   * @override
   */
  collect() {
    // what was typed for the metrics of other blocks stays: switching blocks loses nothing
    const shownMetrics = new Set([...this.table.querySelectorAll("td[data-metric]")]
      .map((cell) => /** @type {HTMLElement} */ (cell).dataset.metric));
    /**
     * @template T
     * @param {Record<string, T>} entries
     * @returns {Record<string, T>}
     */
    const others = (entries) => Object.fromEntries(Object.entries(entries || {})
      .filter(([key]) => !shownMetrics.has(key.split(":")[0])));
    const previous = this.state || this.defaults();
    /** @type {ProcessState} */
    const state = {
      edition: this.edition.input.value,
      block: this.block.input.value,
      optional: Boolean(this.itemsEl.querySelector("input[data-optional]:checked")),
      reqs: [...this.reqList.querySelectorAll("input[data-requirement]:checked")]
        .map((el) => /** @type {HTMLElement} */ (el).dataset.requirement || ""),
      entity: others(previous.entity),
      sites: [],
      clients: others(previous.clients),
      ...this.files.collect(),
    };
    for (const el of this.table.querySelectorAll("input[data-client-label]")) {
      const input = /** @type {HTMLInputElement} */ (el);
      const metric = input.dataset.clientLabel || "";
      (state.clients[metric] ||= [])[Number(input.dataset.index)] = input.value;
      const body = input.closest("tbody");
      if (body) body.dataset.metric = clientKey(metric, input.value);
    }
    const names = [...this.table.querySelectorAll("input[data-site-name]")].map((el) => /** @type {HTMLInputElement} */ (el).value);
    // sites by position: a renamed site keeps its months of other blocks
    state.sites = names.map((name, index) => ({ name, m: others((previous.sites[index] || { m: {} }).m) }));
    // the months, by column; the paths of site columns follow the names as they are typed
    for (const el of this.table.querySelectorAll("td.copc-months")) {
      const cell = /** @type {HTMLElement} */ (el);
      const index = Number(cell.dataset.unitIndex);
      const base = cell.dataset.metric || "";
      // a further client metric's key follows its label as it is typed
      const metric = cell.dataset.client === undefined ? base
        : clientKey(base, state.clients[base][Number(cell.dataset.client)]);
      const [at, measured] = /** @type {NodeListOf<HTMLInputElement>} */ (cell.querySelectorAll("input"));
      const site = index > 0 ? names[index - 1] : null;
      const path = site === null ? `entity.${metric}` : `sites.${site}.${metric}`;
      at.dataset.path = `${path}.${AT_TARGET.name}`;
      measured.dataset.path = `${path}.${MEASURED.name}`;
      if (site !== null) {
        at.dataset.errorPrefix = site;
        measured.dataset.errorPrefix = site;
      }
      if (at.value === "" && measured.value === "") continue;
      if (site === null) state.entity[metric] = [at.value, measured.value];
      else state.sites[index - 1].m[metric] = [at.value, measured.value];
    }
    for (const el of this.table.querySelectorAll("th[data-site]")) {
      const head = /** @type {HTMLElement} */ (el);
      const name = names[Number(head.dataset.site)];
      head.dataset.groupPath = `sites.${name}`;
      head.dataset.covers = `sites.${name}.`;
      head.dataset.errorPrefix = name || this.t("pc.site");
      // the remove button's name follows the site's name as it is typed
      const remove = head.querySelector(".copc-remove");
      if (remove) {
        const label = this.removeLabel("pc.removeSite", name || this.t("pc.site"));
        remove.setAttribute("aria-label", label);
        remove.setAttribute("title", label);
      }
    }
    for (const el of this.table.querySelectorAll("input[data-client-label]")) {
      const input = /** @type {HTMLInputElement} */ (el);
      const remove = input.closest(".copc-unit-name")?.querySelector(".copc-remove");
      if (remove) {
        const label = this.removeLabel("pc.removeClient", input.value || this.t("pc.clientMetric"));
        remove.setAttribute("aria-label", label);
        remove.setAttribute("title", label);
      }
    }
    this.state = state;
    return state;
  }

  /**
   * Names of sites and of further client metrics: each given, and each once.
   * @param {State} raw
   * @returns {import("../kit/calculator.mjs").LocalError[]}
   * @override
   */
  localErrors(raw) {
    const state = /** @type {ProcessState} */ (raw);
    /** @type {import("../kit/calculator.mjs").LocalError[]} */
    const errors = [];
    const seen = new Set();
    state.sites.forEach((site, index) => {
      const name = site.name.trim();
      if (!name) errors.push({ field: `sitename.${index}`, message: this.t("pc.siteNameEmpty") });
      else if (seen.has(name)) errors.push({ field: `sitename.${index}`, message: this.t("pc.siteNameDuplicate") });
      seen.add(name);
    });
    const block = blockNamed(state.block);
    for (const metric of block ? block.metrics : []) {
      const labels = new Set();
      (state.clients[metric.id] || []).forEach((text, index) => {
        const label = text.trim();
        const field = `clients.${metric.id}.${index}`;
        if (!label) errors.push({ field, message: this.t("pc.clientLabelEmpty") });
        else if (labels.has(label)) errors.push({ field, message: this.t("pc.clientLabelDuplicate") });
        labels.add(label);
      });
    }
    return errors;
  }

  /**
   * Only the chosen block's metrics (what was typed for other blocks stays in the state).
   * @param {State} raw
   * @returns {Record<string, any>}
   * @override
   */
  input(raw) {
    const state = /** @type {ProcessState} */ (raw);
    const block = blockNamed(state.block);
    const ids = new Set((block ? block.metrics : []).map((m) => m.id));
    /** @param {Months} m */
    const toMonths = (m) => Object.fromEntries(Object.entries(m).filter(([metric]) => ids.has(metric.split(":")[0]))
      .map(([metric, [at, measured]]) => [metric, { [AT_TARGET.name]: at, [MEASURED.name]: measured }]));
    return {
      edition: state.edition, block: state.block, include_optional: state.optional,
      requirements_met: state.reqs, entity: toMonths(state.entity),
      sites: Object.fromEntries(state.sites.map((s) => [s.name, toMonths(s.m)])),
    };
  }

  /**
   * The block's notes (its errata, the level rule's interpretations), from the catalog.
   * @param {State} state
   * @returns {string[]}
   * @override
   */
  notes(state) {
    return blockNotes(state.block);
  }

  // --- results ---

  /** @override */
  cleared() {
    this.levelStatus.textContent = "";
    this.levelStatus.className = "copc-req-status";
  }

  /**
   * @param {import("../kit/calculator.mjs").Computed} response
   * @param {State} state
   * @param {HTMLElement} body
   * @override
   */
  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    const block = blockNamed(r.block);
    const metricNames = new Map((block ? block.metrics : []).map((m) => [m.id, pick(m.name, lang)]));
    /** @param {string} id */
    const nameOf = (id) => {
      const [base, ...label] = id.split(":");
      const name = metricNames.get(base) || base;
      if (!label.length) return name;
      return lang === "ja" ? `${name}（${label.join(":")}）` : `${name} (${label.join(":")})`;
    };
    /** @param {string} unit */
    const unitName = (unit) => (unit === "entity" ? t("pc.entity") : unit);

    this.levelStatus.textContent = r.level_holds ? `✓ ${t("pc.holds")}` : `✗ ${t("pc.fails")}`;
    this.levelStatus.className = `copc-req-status copc-req-status--${r.level_holds ? "ok" : "no"}`;

    const units = r.units.map((/** @type {any} */ u) => h("li", { class: `copc-unit copc-unit--${u.holds ? "ok" : "no"}`,
                                                                 dataset: { unit: u.unit, holds: String(u.holds) } },
      verdict(u.holds, `${unitName(u.unit)}: ${t(u.holds ? "pc.holds" : "pc.fails")}`),
      h("p", { class: "copc-muted", text: t("pc.share", { share: shown(lang, u, "share_meeting", { percent: true }) }) }),
      h("ul", { class: "copc-list copc-unit-metrics" }, u.metrics.map((/** @type {any} */ m) => h("li", {
        class: m.meets ? "copc-ok" : "copc-no", dataset: { metric: m.metric, meets: String(m.meets) } },
        h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: m.meets ? "✓ " : "✗ " }),
        `${nameOf(m.metric)}: ${t("pc.months", { at: m.months_at_target, of: m.months_measured, need: m.months_needed })}`))),
      u.failing.length
        ? h("p", { class: "copc-failing", text: t("pc.failing", { list: u.failing.map(nameOf).join(lang === "ja" ? "、" : ", ") }) })
        : null));

    body.append(
      h("div", { class: `copc-decision copc-decision--${r.ready ? "ok" : "no"}`, dataset: { ready: String(r.ready) } },
        subheading(t("pc.ready")),
        verdict(r.ready, t(r.ready ? "pc.isReady" : "pc.notReady")),
        h("p", { class: "copc-muted", text: `${t("pc.items")}: ${r.items.join(", ")}` })),
      subheading(t("pc.levelEntity")),
      verdict(r.level_holds, t(r.level_holds ? "pc.holds" : "pc.fails")),
      h("ul", { class: "copc-units" }, units),
      subheading(t("pc.unmet")),
      r.unmet_requirements.length
        ? h("ul", { class: "copc-list copc-unmet" }, r.unmet_requirements.map((/** @type {any} */ req) =>
          h("li", { dataset: { requirement: req.id }, text: pick(req.text, lang) })))
        : h("p", { class: "copc-muted", text: t("pc.unmetNone") }),
      this.steps(response.steps, false),
      this.planReport.show(this.requestInput(state), r),
    );
  }
}
