// @ts-check
// The notes beside a calculator: the errata and interpretations its result depends on, as the
// catalog says (an item's, a scoring's, a block's or a topic's notes). Their text is the core's.

import { pick } from "../i18n.mjs";
import { CATALOG } from "./catalog.mjs";
import { h } from "./dom.mjs";

const ERRATA = new Map(CATALOG.errata.map((e) => [e.id, e]));
const INTERPRETATIONS = new Map(CATALOG.interpretations.map((i) => [i.id, i]));

/**
 * The notes `refs` ("erratum:<id>", "interpretation:<id>") as folded boxes under a heading; none
 * when no ref names a note of the catalog.
 * @param {string[]} refs
 * @param {(key: string) => string} t the calculator's translator
 * @param {string} lang
 * @returns {HTMLElement[]}
 */
export function noteBoxes(refs, t, lang) {
  /** @type {HTMLElement[]} */
  const boxes = [];
  for (const ref of refs) {
    const [kind, id] = ref.split(":");
    const erratum = kind === "erratum" ? ERRATA.get(id) : undefined;
    const interpretation = kind === "interpretation" ? INTERPRETATIONS.get(id) : undefined;
    if (erratum) {
      boxes.push(h("details", { class: "warning copc-note", dataset: { note: ref } },
        h("summary", { text: `${t("notes.erratum")}: ${pick(erratum.title, lang)}` }),
        h("dl", {},
          h("dt", { text: t("notes.guidePrints") }), h("dd", { text: pick(erratum.guide_prints, lang) }),
          h("dt", { text: t("notes.contradiction") }), h("dd", { text: pick(erratum.contradiction, lang) }),
          h("dt", { text: t("notes.decision") }), h("dd", { text: pick(erratum.decision, lang) }))));
    } else if (interpretation) {
      boxes.push(h("details", { class: "info copc-note", dataset: { note: ref } },
        h("summary", { text: `${t("notes.interpretation")}: ${pick(interpretation.title, lang)}` }),
        h("dl", {},
          h("dt", { text: t("notes.question") }), h("dd", { text: pick(interpretation.question, lang) }),
          h("dt", { text: t("notes.default") }), h("dd", { text: pick(interpretation.default, lang) }))));
    }
  }
  return boxes.length ? [h("p", { class: "copc-calc__notes-heading", text: t("notes.heading") }), ...boxes] : [];
}
