// @ts-check
// Assessments as files in a calculator: the toolbar's Save file / Open file / Download Excel /
// Open Excel, a file dropped onto the calculator, the metadata a file carries (organisation,
// site or program, assessor, date) and a note per item. The core writes and reads every file
// (copc_cx.files, through compute()); this module only moves bytes between the reader's disk and
// the engine. An opened file replaces the form as an example does: the reader's inputs are kept
// for "Restore my inputs" (replaced.mjs). A file the core refuses changes nothing in the form; its
// problems are listed with their place, in the reader's language.
//
// Metadata and notes are part of the widget's state (sanitizeFileState), so storage, links and
// the restore bar carry them, but typing in them sends no request: the result does not depend on
// them.

import { compute } from "../client.mjs";
import { pick } from "../i18n.mjs";
import { CATALOG } from "./catalog.mjs";
import { h } from "./dom.mjs";
import { DETAILS, MAX_DETAIL, fromBase64, looksLikeWorkbook, toBase64 } from "./file-data.mjs";

/**
 * @typedef {import("./calculator.mjs").Calculator} Calculator
 * @typedef {import("./calculator.mjs").State} State
 * @typedef {import("./calculator.mjs").FieldError} FieldError
 * @typedef {import("./file-data.mjs").FileState} FileState
 * @typedef {{read: string, write: string, maxBytes: number}} Format a file format's operations and size limit
 * @typedef {{
 *   json: Format,
 *   workbook?: Format | null,
 *   fields: (state: State) => Record<string, any>,
 *   state: (result: Record<string, any>) => State,
 * }} FileOptions json/workbook: the formats; fields: the file's fields for the form's state (the
 *   operation's input, metadata, notes); state: the form's state for a file the core has read
 */

// the catalog's limits (copc_cx.files): a file over them is refused from its size alone
export const MAX_NOTE = CATALOG.assessment_file.max_note;
export const MAX_FILE_BYTES = CATALOG.assessment_file.max_bytes;
export const MAX_WORKBOOK_BYTES = CATALOG.assessment_file.workbook_max_bytes;

/**
 * Offer `data` to the reader as a download named `name`.
 * @param {string} name
 * @param {string} type media type
 * @param {string | Uint8Array} data
 */
export function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([/** @type {BlobPart} */ (data)], { type }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has taken the file once the click's task is over
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export class FileTools {
  /**
   * @param {Calculator} calc
   * @param {FileOptions} options
   */
  constructor(calc, options) {
    this.calc = calc;
    this.options = options;
    const { t } = calc;
    /** @type {Record<string, HTMLInputElement>} */
    this.detailInputs = {};
    /** @type {Map<string, HTMLTextAreaElement>} the note fields shown, by item number */
    this.noteInputs = new Map();
    /** @type {Record<string, string>} notes of items the form does not show now (another edition, scope) */
    this.notes = {};
    this.message = h("div", { class: "copc-files__message", hidden: true });
    this.pickJson = this.picker(".json,application/json", "json");
    this.pickWorkbook = this.picker(".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "workbook");
    const button = (/** @type {string} */ key, /** @type {string} */ kind, /** @type {() => void} */ click) =>
      h("button", { type: "button", class: `md-button copc-files__button copc-files__${kind}`, text: t(key),
                    on: { click } });
    this.toolbar = h("div", { class: "copc-calc__files", role: "group", "aria-label": t("file.group") },
      h("span", { class: "copc-calc__examples-label", "aria-hidden": "true", text: t("file.group") }),
      button("file.save", "save", () => this.save("json")),
      button("file.open", "open", () => this.pickJson.click()),
      options.workbook ? button("file.saveExcel", "save-excel", () => this.save("workbook")) : null,
      options.workbook ? button("file.openExcel", "open-excel", () => this.pickWorkbook.click()) : null,
      this.pickJson, options.workbook ? this.pickWorkbook : null);
    this.dropHint = h("p", { class: "copc-files__drop-hint", "aria-hidden": "true", text: t("file.drop") });
  }

  /**
   * A hidden file field whose chosen file is opened.
   * @param {string} accept
   * @param {string} kind
   * @returns {HTMLInputElement}
   */
  picker(accept, kind) {
    const input = h("input", { type: "file", accept, hidden: true, class: `copc-files__pick-${kind}`, tabindex: "-1",
                               "aria-hidden": "true" });
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      input.value = ""; // the same file chosen again is opened again
      if (file) this.open(file);
    });
    return input;
  }

  /**
   * Put the file group into the calculator's toolbar, the message under it, and accept files
   * dropped onto the calculator. Called from the widget's build().
   */
  mount() {
    const { calc } = this;
    calc.toolbar.append(this.toolbar, this.message, this.dropHint);
    /** @param {DragEvent} event */
    const carriesFiles = (event) => Boolean(event.dataTransfer && [...event.dataTransfer.types].includes("Files"));
    calc.root.addEventListener("dragover", (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
      calc.root.classList.add("copc-calc--drop");
    });
    calc.root.addEventListener("dragleave", (event) => {
      if (!(event.relatedTarget instanceof Node) || !calc.root.contains(event.relatedTarget)) {
        calc.root.classList.remove("copc-calc--drop");
      }
    });
    calc.root.addEventListener("drop", (event) => {
      calc.root.classList.remove("copc-calc--drop");
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer && event.dataTransfer.files[0];
      if (file) this.open(file);
    });
  }

  // --- the metadata and the notes ---

  /**
   * The metadata fields, folded away until the reader opens them.
   * @returns {HTMLElement}
   */
  detailsSection() {
    const { t } = this.calc;
    const fields = DETAILS.map((key) => {
      const id = this.calc.id(`file-${key}`);
      const input = h("input", {
        id, type: key === "date" ? "date" : "text", class: `copc-input copc-input--${key === "date" ? "date" : "name"}`,
        maxlength: String(MAX_DETAIL), autocomplete: "off", dataset: { detail: key } });
      this.detailInputs[key] = input;
      return h("div", { class: "copc-field" }, h("label", { for: id, text: t(`file.${key}`) }), input);
    });
    const section = h("details", { class: "copc-files__details" },
      h("summary", { text: t("file.details") }),
      h("p", { class: "copc-field__hint", text: t("file.details.hint") }),
      h("div", { class: "copc-row" }, ...fields));
    this.quiet(section);
    return section;
  }

  /**
   * An item's note, folded under its name; its summary says whether a note is there.
   * @param {string} number
   * @returns {HTMLElement}
   */
  noteField(number) {
    const { t } = this.calc;
    const id = this.calc.id(`note-${number}`);
    const area = h("textarea", { id, class: "copc-files__note-text", rows: "3", maxlength: String(MAX_NOTE),
                                 dataset: { note: number } });
    area.value = this.notes[number] || "";
    this.noteInputs.set(number, area);
    const summary = h("summary", { class: "copc-files__note-summary" });
    const box = h("details", { class: "copc-files__note", dataset: { noteFor: number } }, summary,
      h("label", { for: id, class: "copc-sr-only", text: t("file.noteFor", { item: number }) }), area);
    const mark = () => {
      const has = area.value.trim() !== "";
      summary.textContent = t(has ? "file.noteFilled" : "file.note");
      box.classList.toggle("copc-files__note--filled", has);
    };
    area.addEventListener("input", mark);
    mark();
    this.quiet(box);
    return box;
  }

  /**
   * Typing in the metadata or a note changes no result: it is kept without a request to the engine.
   * @param {HTMLElement} el
   */
  quiet(el) {
    for (const type of ["input", "change", "keydown"]) {
      el.addEventListener(type, (event) => {
        event.stopPropagation();
        if (type !== "keydown") this.calc.save(this.calc.collect());
      });
    }
  }

  /**
   * Show a state's metadata and notes (note fields drawn later take theirs from here too).
   * @param {State} state
   */
  apply(state) {
    const file = /** @type {FileState} */ (/** @type {unknown} */ (state));
    for (const key of DETAILS) {
      const input = this.detailInputs[key];
      if (input && input.value !== (file.details[key] || "")) input.value = file.details[key] || "";
    }
    this.notes = { ...file.notes };
    for (const [number, area] of this.noteInputs) {
      if (!area.isConnected) {
        this.noteInputs.delete(number);
        continue;
      }
      const value = this.notes[number] || "";
      if (area.value !== value) {
        area.value = value;
        area.dispatchEvent(new Event("input")); // its summary follows
      }
    }
  }

  /**
   * The metadata and notes the form shows (notes of items not shown now are kept as they were).
   * @returns {FileState}
   */
  collect() {
    const details = /** @type {import("./file-data.mjs").Details} */ (Object.fromEntries(DETAILS.map((key) =>
      [key, this.detailInputs[key] ? this.detailInputs[key].value : ""])));
    for (const [number, area] of this.noteInputs) {
      if (!area.isConnected) this.noteInputs.delete(number);
      else if (area.value.trim()) this.notes[number] = area.value;
      else delete this.notes[number];
    }
    return { details, notes: { ...this.notes } };
  }

  // --- saving and opening ---

  /**
   * Write the form as a file of `kind` and offer it as a download.
   * @param {"json" | "workbook"} kind
   */
  async save(kind) {
    const { calc, options } = this;
    const format = kind === "json" ? options.json : options.workbook;
    if (!format) return;
    const fields = options.fields(calc.collect());
    this.say("busy", calc.t(kind === "json" ? "file.saving" : "file.savingExcel"));
    const input = kind === "json" ? fields : { assessment: fields, lang: calc.lang };
    const response = await compute(format.write, input);
    if (!response.ok) {
      this.refused(response, calc.t("file.saveFailed"));
      return;
    }
    const result = response.result;
    if (kind === "json") download(result.file_name, result.media_type, result.text);
    else download(result.file_name, result.media_type, fromBase64(result.data));
    // the file may hold other counts than the form (an assessment's metrics table decides 4.1-4.6): said
    const notices = /** @type {FieldError[]} */ (result.notices || []);
    this.say("saved", this.withNotices(calc.t("file.saved", { name: result.file_name }), notices), notices);
  }

  /**
   * A message, and what the core changed in the file when it read or wrote it, if anything.
   * @param {string} text
   * @param {FieldError[]} notices
   * @returns {string}
   */
  withNotices(text, notices) {
    return notices.length ? `${text} ${this.calc.t("file.replaced")}` : text;
  }

  /**
   * Read `file` (a JSON assessment file or a workbook, whatever its name) and, if the core takes
   * it, show it in the form.
   * @param {File} file
   */
  async open(file) {
    const { calc, options } = this;
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    const workbook = looksLikeWorkbook(head);
    const format = workbook ? options.workbook : options.json;
    if (!format) {
      this.say("error", calc.t("file.notJson", { name: file.name }));
      return;
    }
    this.say("busy", calc.t(workbook ? "file.openingExcel" : "file.opening", { name: file.name }));
    /** @type {Record<string, any>} */
    let input;
    if (file.size > format.maxBytes) input = { size: file.size }; // the core says why, in both languages
    else if (workbook) input = { data: toBase64(new Uint8Array(await file.arrayBuffer())) };
    else input = { text: await file.text() };
    const response = await compute(format.read, input);
    if (!response.ok) {
      this.refused(response, calc.t("file.openFailed", { name: file.name }));
      return;
    }
    const result = response.result;
    const state = options.state(result);
    calc.load(state, "file");
    const problems = /** @type {FieldError[]} */ (result.problems || []);
    const notices = /** @type {FieldError[]} */ (result.notices || []);
    // the fields the rules refuse show their message at once, as if the reader had typed them
    for (const problem of problems) calc.fields.touch(problem.field);
    if (problems.length) {
      this.say("problems", this.withNotices(calc.t("file.openedProblems", { name: file.name, n: problems.length }), notices),
               [...problems, ...notices]);
    } else {
      this.say("opened", this.withNotices(calc.t("file.opened", { name: file.name }), notices), notices);
    }
  }

  /**
   * A refused request: the core's problems with their places, or the engine's failure.
   * @param {import("./calculator.mjs").Refused} response
   * @param {string} heading
   */
  refused(response, heading) {
    const { t } = this.calc;
    if (response.failure) {
      this.say("error", `${heading} ${t(`failure.${response.failure}`)}`);
      return;
    }
    this.say("error", heading, response.errors);
  }

  /**
   * The message under the toolbar: what happened to the last file, and the problems at their place.
   * @param {"busy" | "saved" | "opened" | "problems" | "error"} kind
   * @param {string} text
   * @param {FieldError[]} [problems]
   */
  say(kind, text, problems = []) {
    const { lang, root, t } = this.calc;
    root.dataset.file = kind;
    this.message.className = `copc-files__message copc-files__message--${kind}`;
    this.message.setAttribute("role", kind === "error" ? "alert" : "status");
    const list = problems.length ? h("ul", { class: "copc-files__problems" }, problems.map((p) =>
      h("li", { dataset: { field: p.field } },
        h("code", { class: "copc-files__place", text: p.field }), " ", pick(p, lang)))) : null;
    const close = kind === "busy" ? null : h("button", {
      type: "button", class: "md-button copc-files__dismiss", text: t("replaced.dismiss"),
      on: { click: () => {
        this.message.hidden = true;
        this.message.replaceChildren();
      } } });
    this.message.replaceChildren(...[h("p", { text }), list, close].filter((el) => el !== null));
    this.message.hidden = false;
  }
}
