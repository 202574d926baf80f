// @ts-check
// The certification timeline: from a start date (or back from a target audit) and a path, every
// step, deadline and renewal window of the guide as dates. The core plans; this widget gathers the
// dates as typed, draws the plan as a chart (timeline-chart.mjs lays it out) beside the list of
// dates, and downloads the same plan as a calendar file through the "timeline-ics" operation. The
// plan can go along with the self-assessment (timeline-attached.mjs: the shape it keeps it in),
// into its files and its report.

import { compute } from "../client.mjs";
import { pick } from "../i18n.mjs";
import {
  CATALOG, Calculator, bool, calculatorNamed, formFields, h, scrollingTable, late, oneOf, setOptions, str, subheading, svg,
  topicNotes,
} from "../kit.mjs";
import { shareLink } from "../kit/links.mjs";
import { pageAddress } from "./metrics-table-model.mjs";
import SelfAssessment from "./self-assessment.mjs";
import { attachedTimeline, timelineState } from "./timeline-attached.mjs";
import { anchorAt, chartLayout, fmtDay, fmtSpan } from "./timeline-chart.mjs";
import STRINGS from "./timeline.strings.mjs";

/** @typedef {import("../kit/calculator.mjs").State} State */
/** @typedef {import("./timeline-chart.mjs").Entry} Entry */

const TL = CATALOG.timeline;
const DIRECTIONS = TL.directions.map((/** @type {any} */ d) => d.id);
const PATHS = TL.paths.map((/** @type {any} */ p) => p.id);
const STARTS = TL.start_is.map((/** @type {any} */ s) => s.id);
const PHASES = TL.phases.map((/** @type {any} */ p) => p.id);
// the renewal conditions the reader states, with the condition each one is (as the renewal calculator)
const STATEMENTS = [
  ["no_major_nonconformity", "no-major-nonconformity"],
  ["no_internal_audit_nonconformity", "no-internal-audit-nonconformity"],
  ["category_4_level_met", "category-4-level"],
];
const COUNTS = formFields("renewal");
const DATES = ["start", "baseline", "audit", "certified"];
// the site's root: this module is served from <root>/assets/calculators/widgets/
const SITE_ROOT = new URL("../../../", import.meta.url).href;

/**
 * The reader's own date (the device's calendar, not UTC's), as YYYY-MM-DD.
 * @param {Date} [now]
 * @returns {string}
 */
export function localToday(now = new Date()) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Whether the chart draws `entry`: what applies whatever happens, and the renewal windows (which
 * apply once certified); what follows a pending result or a nonconformity is in the list only.
 * @param {{id: string, condition: unknown}} entry
 * @returns {boolean}
 */
export function inChart(entry) {
  return !entry.condition || /^renewal-\d+$/.test(entry.id);
}

export default class Timeline extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "timeline", lang, strings: [STRINGS] });
    /** @type {Record<string, HTMLInputElement | HTMLSelectElement>} */
    this.inputs = {};
    /** @type {Record<string, HTMLElement>} */
    this.wraps = {};
    /** @type {HTMLElement} */
    this.auditHint = late();
    /** @type {HTMLElement} */
    this.blockWrap = late();
  }

  /**
   * @returns {State}
   * @override
   */
  defaults() {
    return {
      direction: "forward", start: localToday(), start_is: "kickoff", path: "full", block: "",
      baseline: "", audit: "", certified: "", years: "", contingencies: true, label: "",
      ...Object.fromEntries(STATEMENTS.map(([key]) => [key, false])),
      ...Object.fromEntries(COUNTS.map((f) => [f.name, ""])),
    };
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {State}
   * @override
   */
  sanitize(raw) {
    const d = this.defaults();
    return {
      direction: oneOf(raw.direction, DIRECTIONS, d.direction),
      start: str(raw.start, d.start),
      start_is: oneOf(raw.start_is, STARTS, d.start_is),
      path: oneOf(raw.path, PATHS, d.path),
      block: oneOf(raw.block, CATALOG.blocks.map((/** @type {any} */ b) => b.id), ""),
      baseline: str(raw.baseline), audit: str(raw.audit), certified: str(raw.certified), years: str(raw.years),
      contingencies: bool(raw.contingencies, true), label: str(raw.label),
      ...Object.fromEntries(STATEMENTS.map(([key]) => [key, bool(raw[key], false)])),
      ...Object.fromEntries(COUNTS.map((f) => [f.name, str(raw[f.name])])),
    };
  }

  /**
   * The operation's input: the dates as typed, only those the direction and start use, with
   * today's date (the core bounds the start by it).
   * @param {State} state
   * @returns {Record<string, any>}
   * @override
   */
  input(state) {
    const backward = state.direction === "backward";
    /** @type {Record<string, any>} */
    const input = { direction: state.direction, path: state.path };
    if (!backward) {
      input.start = state.start;
      input.start_is = state.start_is;
      if (state.start_is === "kickoff" && state.baseline.trim()) input.baseline = state.baseline;
    }
    if (state.audit.trim() || backward) input.audit = state.audit;
    if (state.path === "process") input.block = state.block;
    if (state.certified.trim()) input.certified = state.certified;
    if (state.years.trim()) input.years = state.years;
    if (!state.contingencies) input.contingencies = false;
    if (state.label.trim()) input.label = state.label;
    if (COUNTS.some((f) => state[f.name].trim())) {
      input.renewal = { ...Object.fromEntries(STATEMENTS.map(([key]) => [key, state[key]])),
                        ...Object.fromEntries(COUNTS.map((f) => [f.name, state[f.name]])) };
    }
    input.today = localToday();
    return input;
  }

  /**
   * @param {Record<string, any>} input
   * @returns {State}
   * @override
   */
  stateFromInput(input) {
    return this.sanitize(timelineState(input));
  }

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    const { t, lang } = this;
    const choice = (/** @type {string} */ path, /** @type {string} */ label, /** @type {any[]} */ list,
                    /** @type {string} */ value) => {
      const field = this.fields.select({ path, label, value,
        options: list.map((o) => ({ value: o.id, label: pick(o.name, lang) })) });
      this.inputs[path] = field.input;
      this.wraps[path] = field.wrap;
      return field.wrap;
    };
    const date = (/** @type {string} */ path, /** @type {string} */ label, /** @type {string | null} */ hint) => {
      const field = this.fields.field({ path, label, hint, inputmode: "text", size: "date" });
      field.input.placeholder = "YYYY-MM-DD";
      this.inputs[path] = field.input;
      this.wraps[path] = field.wrap;
      return field.wrap;
    };
    const blocks = this.fields.select({
      path: "block", label: t("tl.block"), value: "",
      options: [{ value: "", label: t("tl.block.choose") },
                ...CATALOG.blocks.map((/** @type {any} */ b) => ({ value: b.id, label: pick(b.name, lang) }))] });
    this.inputs.block = blocks.input;
    this.blockWrap = blocks.wrap;
    const auditWrap = date("audit", t("tl.audit"), t("tl.audit.hint.forward"));
    this.auditHint = /** @type {HTMLElement} */ (auditWrap.querySelector(".copc-field__hint"));

    const texts = new Map(CATALOG.renewal_conditions.map((/** @type {any} */ c) => [c.id, c.text]));
    const boxes = STATEMENTS.map(([key, condition]) => {
      const box = this.fields.checkbox({ path: `renewal.${key}`, label: pick(texts.get(condition), lang), checked: false });
      this.inputs[key] = box.input;
      return box.wrap;
    });
    const counts = COUNTS.map((f) => {
      const field = this.fields.field({ path: `renewal.${f.name}`, label: pick(f.label, lang),
                                        hint: f.hint ? pick(f.hint, lang) : null });
      this.inputs[f.name] = field.input;
      return field.wrap;
    });
    const contingencies = this.fields.checkbox({ path: "contingencies", label: t("tl.contingencies"), checked: true });
    this.inputs.contingencies = contingencies.input;
    const years = this.fields.field({ path: "years", label: t("tl.years"), hint: t("tl.years.hint", { max: TL.bounds.max_years }) });
    this.inputs.years = years.input;
    const name = this.fields.field({ path: "label", label: t("tl.label"), hint: t("tl.label.hint"), inputmode: "text",
                                     size: "long" });
    this.inputs.label = name.input;

    form.append(
      h("fieldset", { class: "copc-group" }, h("legend", { text: t("tl.plan") }),
        h("div", { class: "copc-row" },
          choice("direction", t("tl.direction"), TL.directions, "forward"),
          choice("path", t("tl.path"), TL.paths, "full"), blocks.wrap),
        h("div", { class: "copc-row" },
          choice("start_is", t("tl.startIs"), TL.start_is, "kickoff"),
          date("start", t("tl.start"), t("tl.start.hint")),
          date("baseline", t("tl.baseline"), t("tl.baseline.hint")),
          auditWrap)),
      h("details", { class: "copc-group copc-tl-more" },
        h("summary", { text: t("tl.more") }),
        h("div", { class: "copc-row" },
          date("certified", t("tl.certified"), t("tl.certified.hint")), years.wrap, name.wrap),
        contingencies.wrap,
        h("fieldset", { class: "copc-group", dataset: { groupPath: "renewal" } },
          h("legend", { text: t("tl.renewal") }),
          h("p", { class: "copc-field__hint", text: t("tl.renewal.hint") }), ...boxes,
          h("div", { class: "copc-row copc-row--tight" }, ...counts))));
  }

  /**
   * @param {State} state
   * @override
   */
  apply(state) {
    const backward = state.direction === "backward";
    for (const key of ["direction", "path", "start_is", "block"]) {
      const input = /** @type {HTMLSelectElement} */ (this.inputs[key]);
      if (input.value !== state[key]) input.value = state[key];
    }
    for (const key of [...DATES, "years", "label", ...COUNTS.map((f) => f.name)]) {
      if (this.inputs[key].value !== state[key]) this.inputs[key].value = state[key];
    }
    for (const key of ["contingencies", ...STATEMENTS.map(([k]) => k)]) {
      /** @type {HTMLInputElement} */ (this.inputs[key]).checked = Boolean(state[key]);
    }
    this.blockWrap.hidden = state.path !== "process";
    this.wraps.start_is.hidden = backward;
    this.wraps.start.hidden = backward;
    this.wraps.baseline.hidden = backward || state.start_is !== "kickoff";
    const label = this.wraps.start.querySelector("label");
    if (label) label.textContent = this.t(state.start_is === "baseline" ? "tl.start.baseline" : "tl.start");
    this.auditHint.textContent = this.t(backward ? "tl.audit.hint.backward" : "tl.audit.hint.forward");
  }

  /**
   * @returns {State}
   * @override
   */
  collect() {
    const value = (/** @type {string} */ key) => this.inputs[key].value;
    return {
      direction: value("direction"), start: value("start"), start_is: value("start_is"), path: value("path"),
      block: value("block"), baseline: value("baseline"), audit: value("audit"), certified: value("certified"),
      years: value("years"), contingencies: /** @type {HTMLInputElement} */ (this.inputs.contingencies).checked,
      label: value("label"),
      ...Object.fromEntries(STATEMENTS.map(([key]) => [key, /** @type {HTMLInputElement} */ (this.inputs[key]).checked])),
      ...Object.fromEntries(COUNTS.map((f) => [f.name, value(f.name)])),
    };
  }

  /**
   * @returns {string[]}
   * @override
   */
  notes() {
    return topicNotes("renewal");
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
    /** @type {Entry[]} */
    const entries = r.entries;
    const shownInChart = entries.filter(inChart);
    const byId = new Map(entries.map((e) => [e.id, e]));
    const audit = byId.get("step-9");
    const deadline = byId.get("audit-deadline");
    const key = (/** @type {string} */ label, /** @type {string | null} */ iso, /** @type {string} */ id) =>
      iso ? h("div", { class: "copc-stat copc-stat--big", dataset: { key: id } },
        h("span", { class: "copc-stat__label", text: label }),
        h("span", { class: "copc-stat__value", text: fmtDay(iso, lang) })) : null;
    const ics = this.downloadButton(state);
    const handOver = h("button", { type: "button", class: "md-button copc-tl-handover", text: t("tl.handover"),
                                   on: { click: () => location.assign(this.selfAssessmentLink(state)) } });
    if (r.notices.length) {
      body.append(h("ul", { class: "copc-tl-notices", "aria-label": t("tl.notices") },
        r.notices.map((/** @type {any} */ n) => h("li", { class: "copc-tl-notice", text: pick(n, lang) }))));
    }
    body.append(
      h("div", { class: "copc-stats" },
        key(t("tl.key.kickoff"), r.kickoff, "kickoff"),
        key(t("tl.key.baseline"), r.baseline, "baseline"),
        key(t("tl.key.audit"), audit ? audit.start : r.audit, "audit"),
        key(t("tl.key.deadline"), deadline ? deadline.end : null, "deadline")),
      subheading(t("tl.chart")),
      this.chart(shownInChart, r),
      this.legend(),
      subheading(t("tl.dates")),
      this.table(entries),
      h("div", { class: "copc-tl-download" }, ics.button, ics.status),
      h("p", { class: "copc-field__hint", text: t("tl.handover.hint") }),
      h("div", { class: "copc-tl-actions" }, handOver),
      this.steps(response.steps, false),
    );
  }

  /**
   * The self-assessment's page with its inputs as kept in this browser and this plan put with them
   * (its `timeline`): a share link's fragment, so that the page keeps the reader's own inputs there
   * for a restore.
   * @param {State} state the plan the result was computed for
   * @returns {string} the address
   */
  selfAssessmentLink(state) {
    const other = new SelfAssessment(h("div"), this.lang);
    const kept = other.fromStorage() ?? other.defaults();
    const next = other.sanitize({ ...kept, timeline: attachedTimeline(this.input(state), false) });
    return shareLink(pageAddress(SITE_ROOT, this.lang, calculatorNamed(other.name).page), other.name, next);
  }

  /**
   * The plan as a chart: a band per phase, a bar per period, a marker per day, today's line.
   * @param {Entry[]} entries
   * @param {any} result
   * @returns {SVGElement}
   */
  chart(entries, result) {
    const { t, lang } = this;
    const layout = chartLayout(entries, { lang, today: result.today, phases: PHASES });
    const titleId = this.id("chart-title");
    const descId = this.id("chart-desc");
    const phaseName = new Map(TL.phases.map((/** @type {any} */ p) => [p.id, pick(p.name, lang)]));
    const top = 22;
    const summary = t("tl.chart.summary", {
      from: fmtDay(layout.from, lang), to: fmtDay(layout.to, lang), n: String(entries.length),
      audit: result.audit ? fmtDay(result.audit, lang) : "—",
    });
    const marker = (/** @type {import("./timeline-chart.mjs").Row} */ row) => {
      const cy = row.y + 26;
      const cls = `copc-tl-mark copc-tl--${row.kind}${row.approximate ? " copc-tl--about" : ""}`;
      if (row.shape === "deadline") {
        const x = row.x1;
        return svg("path", { d: `M${x} ${cy - 8} L${x + 8} ${cy} L${x} ${cy + 8} L${x - 8} ${cy} Z`, class: cls });
      }
      return svg("circle", { cx: String(row.x1), cy: String(cy), r: "7", class: cls });
    };
    return svg("svg", {
      class: "copc-chart copc-tl-chart", viewBox: `-10 0 ${layout.width + 20} ${layout.height}`, role: "img",
      "aria-labelledby": titleId, "aria-describedby": descId, dataset: { from: layout.from, to: layout.to },
    },
      svg("title", { id: titleId }, t("tl.chart")),
      svg("desc", { id: descId }, summary),
      layout.ticks.map((tick) => svg("g", { class: "copc-tl-tick" },
        svg("line", { x1: String(tick.x), x2: String(tick.x), y1: String(top), y2: String(layout.height), class: "copc-tl-grid" }),
        svg("text", { x: String(tick.x), y: "15", "text-anchor": tick.anchor, class: "copc-chart__value" }, tick.label))),
      layout.bands.map((band) => svg("text", { x: "0", y: String(band.y + 18), class: "copc-chart__label copc-tl-band",
                                               dataset: { phase: band.phase } }, phaseName.get(band.phase) || band.phase)),
      layout.rows.map((row) => svg("g", { class: "copc-tl-row", dataset: { entry: row.id, shape: row.shape, kind: row.kind } },
        svg("title", {}, row.full),
        svg("text", { x: "0", y: String(row.y + 14), class: "copc-chart__value" }, row.label),
        row.shape === "period"
          ? svg("rect", { x: String(row.x1), y: String(row.y + 19), width: String(Math.max(3, row.x2 - row.x1)),
                          height: "14", rx: "3",
                          class: `copc-tl-bar copc-tl--${row.kind}${row.approximate ? " copc-tl--about" : ""}` })
          : marker(row))),
      layout.today === null ? null : svg("g", { class: "copc-tl-today", dataset: { today: result.today } },
        svg("line", { x1: String(layout.today), x2: String(layout.today), y1: String(top), y2: String(layout.height),
                      class: "copc-tl-today__line" }),
        svg("text", { x: String(layout.today), y: String(layout.height - 2), "text-anchor": anchorAt(layout.today, 25),
                      class: "copc-chart__label copc-tl-today__label" }, t("tl.today"))));
  }

  /** @returns {HTMLElement} what the chart's shapes mean */
  legend() {
    const { t } = this;
    const item = (/** @type {string} */ cls, /** @type {string} */ text) =>
      h("li", {}, h("span", { class: `copc-tl-swatch ${cls}`, "aria-hidden": "true" }), text);
    return h("ul", { class: "copc-tl-legend", "aria-label": t("tl.legend") },
      item("copc-tl-swatch--period", t("tl.legend.period")),
      item("copc-tl-swatch--deadline", t("tl.legend.deadline")),
      item("copc-tl-swatch--date", t("tl.legend.date")),
      item("copc-tl-swatch--about", t("tl.legend.about")),
      item("copc-tl-swatch--today", t("tl.legend.today")),
      h("li", { text: t("tl.legend.conditional") }));
  }

  /**
   * Every entry with its dates, what it is, how its date follows and the guide's reference. A
   * table on a wide screen (it scrolls sideways in its focusable region where it must); on a phone
   * calculators.css draws each row as a card (date, title, basis, reference) that needs no sideways
   * scroll. The explicit roles keep it a table for screen readers there: some browsers drop a
   * table's semantics once its rows are displayed as blocks.
   * @param {any[]} entries
   * @returns {HTMLElement}
   */
  table(entries) {
    const { t, lang } = this;
    const kindName = new Map(TL.kinds.map((/** @type {any} */ k) => [k.id, pick(k.name, lang)]));
    const shapeName = new Map(TL.shapes.map((/** @type {any} */ s) => [s.id, pick(s.name, lang)]));
    const rows = entries.map((e) => h("tr", { role: "row", dataset: { entry: e.id, kind: e.kind, approximate: String(e.approximate) } },
      h("td", { role: "cell", class: "copc-tl-when" },
        h("span", { class: "copc-tl-date", text: fmtSpan(e, lang) }),
        h("span", { class: "copc-tl-shape", text: shapeName.get(e.shape) || e.shape })),
      h("td", { role: "cell", class: "copc-tl-what" },
        h("strong", { class: "copc-tl-title", text: pick(e.title, lang) }),
        e.optional ? h("span", { class: "copc-tl-tag", text: t("tl.optional") }) : null,
        e.condition ? h("p", { class: "copc-tl-condition", text: pick(e.condition, lang) }) : null,
        h("p", { class: "copc-tl-note", text: pick(e.note, lang) })),
      h("td", { role: "cell", class: "copc-tl-kind" },
        h("span", { text: kindName.get(e.kind) || e.kind }),
        e.approximate ? h("span", { class: "copc-tl-tag copc-tl-tag--about", text: t("tl.approximate") }) : null,
        h("p", { class: "copc-tl-rule", text: pick(e.rule, lang) })),
      h("td", { role: "cell", class: "copc-tl-ref", dataset: { label: t("tl.col.guide") }, text: e.reference })));
    const head = (/** @type {string} */ key) => h("th", { scope: "col", role: "columnheader", text: t(key) });
    return h("div", scrollingTable(t("tl.dates")),
      h("table", { class: "copc-table copc-table--result copc-tl-table", role: "table" },
        h("caption", { class: "copc-sr-only", text: t("tl.dates") }),
        h("thead", { role: "rowgroup" }, h("tr", { role: "row" },
          head("tl.col.when"), head("tl.col.what"), head("tl.col.kind"), head("tl.col.guide"))),
        h("tbody", { role: "rowgroup" }, rows)));
  }

  /**
   * The "Download calendar (.ics)" button: the core writes the file (icalendar is loaded then).
   * @param {State} state
   * @returns {{button: HTMLButtonElement, status: HTMLElement}}
   */
  downloadButton(state) {
    const { t, lang } = this;
    const status = h("p", { class: "copc-tl-download__status", role: "status", "aria-live": "polite" });
    const button = h("button", { type: "button", class: "md-button copc-tl-ics", text: t("tl.ics") });
    button.addEventListener("click", async () => {
      button.disabled = true;
      status.textContent = t("tl.ics.working");
      delete status.dataset.failed;
      const response = await compute("timeline-ics", { ...this.requestInput(state), lang });
      button.disabled = false;
      if (response.ok) {
        const { text, file_name: fileName, media_type: type } = response.result;
        const url = URL.createObjectURL(new Blob([text], { type: type || "text/calendar" }));
        const link = h("a", { href: url, download: fileName, hidden: true });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        status.textContent = t("tl.ics.done", { file: fileName });
        status.dataset.file = fileName;
        return;
      }
      const why = (response.errors || []).map((/** @type {any} */ e) => pick(e, lang)).join(" ");
      status.textContent = `${t("tl.ics.failed")}${why ? ` ${why}` : ""}`;
      status.dataset.failed = "failure" in response && response.failure ? response.failure : "refused";
    });
    return { button, status };
  }
}
