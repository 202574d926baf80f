// @ts-check
// The assessed scope (edition, channels, items that may not apply), shared by the
// applicable-points calculator and the self-assessment. Which items may not apply comes from the
// catalog; the core decides what that means for the points.

import { pick } from "../i18n.mjs";
import { CATALOG, EDITIONS, bool, editionOptions, findItem, h, itemLabel, oneOf, strList } from "../kit.mjs";
import STRINGS from "./scope.strings.mjs";

export { STRINGS as SCOPE_STRINGS };

/**
 * The scope as a form keeps it: `kept` lists the items that may not apply but are kept in scope.
 * @typedef {{edition: string, human: boolean, digital: boolean, kept: string[]}} Scope
 * @typedef {import("../kit/calculator.mjs").Calculator} Calculator
 */

/** @type {[keyof Scope & ("human" | "digital"), string][]} the form's channel keys and the catalog's channels */
const CHANNELS = [["human", "human-assisted"], ["digital", "digital-assisted"]];

/** @returns {Scope} */
export function scopeDefaults() {
  return { edition: EDITIONS[0], human: true, digital: true, kept: [] };
}

/**
 * @param {Record<string, any>} raw
 * @returns {Scope}
 */
export function sanitizeScope(raw) {
  return {
    edition: oneOf(raw.edition, EDITIONS, EDITIONS[0]),
    human: bool(raw.human, true),
    digital: bool(raw.digital, true),
    kept: strList(raw.kept),
  };
}

/**
 * Items that may not apply to this scope (from the catalog), in its order.
 * @param {{human: boolean, digital: boolean}} scope
 * @returns {string[]}
 */
export function excludable(scope) {
  /** @type {string[]} */
  const out = [];
  for (const [key, channel] of CHANNELS) {
    if (!scope[key]) out.push(...(CATALOG.may_not_apply_without[channel] || []));
  }
  return out;
}

/**
 * @param {Scope} scope
 * @returns {string[]} the items left out of the scope
 */
export function excludedItems(scope) {
  return excludable(scope).filter((n) => !scope.kept.includes(n));
}

/**
 * The scope's part of an operation's input.
 * @param {Scope} scope
 * @returns {{edition: string, human_assisted: boolean, digital_assisted: boolean, excluded: string[]}}
 */
export function scopeInput(scope) {
  return { edition: scope.edition, human_assisted: scope.human, digital_assisted: scope.digital,
           excluded: excludedItems(scope) };
}

/**
 * scopeInput's inverse. Without `excluded`, the core leaves out every item that may not apply.
 * @param {Record<string, any>} input
 * @returns {Scope}
 */
export function scopeFromInput(input) {
  const scope = sanitizeScope({ edition: input.edition, human: bool(input.human_assisted, true),
                                digital: bool(input.digital_assisted, true) });
  const excluded = Array.isArray(input.excluded) ? input.excluded : null;
  scope.kept = excluded ? excludable(scope).filter((n) => !excluded.includes(n)) : [];
  return scope;
}

/** The scope's fields, drawn into a calculator's form. */
export class ScopeSection {
  /** @param {Calculator} calc */
  constructor(calc) {
    this.calc = calc;
    /** @type {Record<string, HTMLInputElement>} */
    this.channels = {};
    this.exclusionList = h("div", { class: "copc-checklist" });
    /** @type {{wrap: HTMLElement, input: HTMLSelectElement} | null} */
    this.edition = null;
    /** @type {string[]} */
    this.kept = [];
    /** @type {string | null} */
    this.listKey = null;
  }

  /** @returns {HTMLElement} */
  build() {
    const { t, lang, fields } = this.calc;
    this.edition = fields.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                   options: editionOptions(), value: EDITIONS[0] });
    const channelSlot = fields.errorSlot();
    const channelBoxes = CHANNELS.map(([key, channel]) => {
      const info = CATALOG.channels[channel];
      const box = fields.checkbox({ label: pick(info.name, lang), checked: true, structural: true });
      box.input.dataset.channel = key;
      this.channels[key] = box.input;
      box.wrap.append(h("span", { class: "copc-check__hint",
                                  text: info.examples.map((e) => pick(e, lang)).join(lang === "ja" ? "・" : ", ") }));
      return box.wrap;
    });
    const exclusionSlot = fields.errorSlot();
    return h("div", { class: "copc-scope" },
      h("div", { class: "copc-row" }, this.edition.wrap),
      h("fieldset", { class: "copc-group", dataset: { groupPath: "channels", slot: channelSlot.id } },
        h("legend", { text: t("scope.channels") }),
        h("p", { class: "copc-field__hint", text: t("scope.channels.hint") }),
        ...channelBoxes, channelSlot),
      h("fieldset", { class: "copc-group", dataset: { groupPath: "excluded", slot: exclusionSlot.id } },
        h("legend", { text: t("scope.exclusions") }),
        h("p", { class: "copc-field__hint", text: t("scope.exclusions.hint") }),
        this.exclusionList, exclusionSlot));
  }

  /** @param {Scope} scope */
  apply(scope) {
    const { t, lang, fields } = this.calc;
    this.kept = [...scope.kept];
    if (this.edition) this.edition.input.value = scope.edition;
    for (const [key] of CHANNELS) this.channels[key].checked = scope[key];
    const numbers = excludable(scope);
    const key = `${scope.edition}|${numbers.join(",")}`;
    if (key === this.listKey) {
      // same toggles: only their ticks (rebuilding would move the keyboard focus away)
      for (const box of this.exclusionList.querySelectorAll("input[data-exclude]")) {
        const input = /** @type {HTMLInputElement} */ (box);
        input.checked = !scope.kept.includes(input.dataset.exclude || "");
      }
      return;
    }
    this.listKey = key;
    if (!numbers.length) {
      this.exclusionList.replaceChildren(h("p", { class: "copc-muted", text: t("scope.noExclusions") }));
      return;
    }
    this.exclusionList.replaceChildren(...numbers.map((number) => {
      const item = findItem(scope.edition, number);
      const box = fields.checkbox({
        label: `${t("scope.exclude")}: ${item ? itemLabel(item, lang) : number}`,
        checked: !scope.kept.includes(number), structural: true,
      });
      box.input.dataset.exclude = number;
      return box.wrap;
    }));
  }

  /** @returns {Scope} */
  collect() {
    /** @type {Scope} */
    const scope = {
      edition: this.edition ? this.edition.input.value : EDITIONS[0],
      human: this.channels.human.checked,
      digital: this.channels.digital.checked,
      kept: [],
    };
    // keep earlier choices for items whose toggle is not shown right now
    const shown = new Set();
    for (const box of this.exclusionList.querySelectorAll("input[data-exclude]")) {
      const input = /** @type {HTMLInputElement} */ (box);
      const number = input.dataset.exclude || "";
      shown.add(number);
      if (!input.checked) scope.kept.push(number);
    }
    for (const number of this.kept) {
      if (!shown.has(number) && !scope.kept.includes(number)) scope.kept.push(number);
    }
    return scope;
  }
}
