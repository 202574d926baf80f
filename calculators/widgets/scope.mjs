// The assessed scope (edition, channels, items that may not apply), shared by the
// applicable-points calculator and the self-assessment. Which items may not apply comes from the
// catalog; the core decides what that means for the points.

import { pick } from "../i18n.mjs";
import { CATALOG, EDITIONS, bool, editionOptions, findItem, h, itemLabel, strList } from "../kit.mjs";

const CHANNELS = [["human", "human-assisted"], ["digital", "digital-assisted"]];

export function scopeDefaults() {
  return { edition: EDITIONS[0], human: true, digital: true, kept: [] };
}

export function sanitizeScope(raw) {
  return {
    edition: EDITIONS.includes(raw.edition) ? raw.edition : EDITIONS[0],
    human: bool(raw.human, true),
    digital: bool(raw.digital, true),
    kept: strList(raw.kept),
  };
}

/** Items that may not apply to this scope (from the catalog), in its order. */
export function excludable(state) {
  const out = [];
  for (const [key, channel] of CHANNELS) {
    if (!state[key]) for (const number of CATALOG.may_not_apply_without[channel] || []) out.push(number);
  }
  return out;
}

export function excludedItems(state) {
  return excludable(state).filter((n) => !state.kept.includes(n));
}

export function scopeInput(state) {
  return { edition: state.edition, human_assisted: state.human, digital_assisted: state.digital,
           excluded: excludedItems(state) };
}

export class ScopeSection {
  constructor(calc) {
    this.calc = calc;
  }

  build() {
    const { t, lang } = this.calc;
    this.edition = this.calc.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                      options: editionOptions(), value: EDITIONS[0] });
    const channelSlot = this.calc.errorSlot();
    this.channels = {};
    const channelBoxes = CHANNELS.map(([key, channel]) => {
      const info = CATALOG.channels[channel];
      const box = this.calc.checkbox({ label: pick(info.name, lang), checked: true, structural: true });
      box.input.dataset.channel = key;
      this.channels[key] = box.input;
      box.wrap.append(h("span", { class: "copc-check__hint",
                                  text: info.examples.map((e) => pick(e, lang)).join(lang === "ja" ? "・" : ", ") }));
      return box.wrap;
    });
    const exclusionSlot = this.calc.errorSlot();
    this.exclusionList = h("div", { class: "copc-checklist" });
    this.element = h("div", { class: "copc-scope" },
      h("div", { class: "copc-row" }, this.edition.wrap),
      h("fieldset", { class: "copc-group", dataset: { groupPath: "channels", slot: channelSlot.id } },
        h("legend", { text: t("ap.channels") }),
        h("p", { class: "copc-field__hint", text: t("ap.channels.hint") }),
        ...channelBoxes, channelSlot),
      h("fieldset", { class: "copc-group", dataset: { groupPath: "excluded", slot: exclusionSlot.id } },
        h("legend", { text: t("ap.exclusions") }),
        h("p", { class: "copc-field__hint", text: t("ap.exclusions.hint") }),
        this.exclusionList, exclusionSlot));
    return this.element;
  }

  apply(state) {
    const { t, lang } = this.calc;
    this.kept = [...state.kept];
    this.edition.input.value = state.edition;
    for (const [key] of CHANNELS) this.channels[key].checked = state[key];
    const numbers = excludable(state);
    const key = `${state.edition}|${numbers.join(",")}`;
    if (key === this.listKey) {
      // same toggles: only their ticks (rebuilding would move the keyboard focus away)
      for (const box of this.exclusionList.querySelectorAll("input[data-exclude]")) {
        box.checked = !state.kept.includes(box.dataset.exclude);
      }
      return;
    }
    this.listKey = key;
    if (!numbers.length) {
      this.exclusionList.replaceChildren(h("p", { class: "copc-muted", text: t("ap.noExclusions") }));
      return;
    }
    this.exclusionList.replaceChildren(...numbers.map((number) => {
      const item = findItem(state.edition, number);
      const box = this.calc.checkbox({
        label: `${t("ap.exclude")}: ${item ? itemLabel(item, lang) : number}`,
        checked: !state.kept.includes(number), structural: true,
      });
      box.input.dataset.exclude = number;
      return box.wrap;
    }));
  }

  collect() {
    const state = {
      edition: this.edition.input.value,
      human: this.channels.human.checked,
      digital: this.channels.digital.checked,
      kept: [],
    };
    // keep earlier choices for items whose toggle is not shown right now
    const shown = new Set();
    for (const box of this.exclusionList.querySelectorAll("input[data-exclude]")) {
      shown.add(box.dataset.exclude);
      if (!box.checked) state.kept.push(box.dataset.exclude);
    }
    for (const number of this.kept || []) {
      if (!shown.has(number) && !state.kept.includes(number)) state.kept.push(number);
    }
    return state;
  }
}
