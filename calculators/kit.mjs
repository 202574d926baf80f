// @ts-check
// What every calculator widget builds on, in one import. Each part has a module of its own under
// kit/ (see their headers): the Calculator base that ties them together, DOM helpers, number
// formatting, state sanitising and storage, share links, kept results, the replaced-inputs bar,
// fields and errors, notes and look-ups in the core's catalog.

export { Calculator, late } from "./kit/calculator.mjs";
export {
  CATALOG, EDITIONS, blockNamed, blockNotes, blocksFor, calculatorNamed, calculatorNames, editionOptions,
  exampleNamed, examplesOf, fieldNamed, findItem, formFields, itemLabel, itemNotes, itemsOf, joinNotes, metricTypes,
  scoringFields, scoringNotes, topicNotes,
} from "./kit/catalog.mjs";
export { h, scrollingTable, svg } from "./kit/dom.mjs";
export { setOptions } from "./kit/fields.mjs";
export { fmt, pct, shown } from "./kit/format.mjs";
export { ItemCalculator } from "./kit/item-calculator.mjs";
export { hasKeptResult } from "./kit/kept.mjs";
export { stat, stats, stepList, subheading, verdict } from "./kit/render.mjs";
export { blank, bool, filled, oneOf, record, str, strList, texts } from "./kit/state.mjs";
export { eraseStoredData, storageUsable } from "./kit/storage.mjs";
