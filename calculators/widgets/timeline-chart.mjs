// @ts-check
// The timeline chart's geometry, without drawing: where each entry's bar or marker goes on a time
// axis, the axis's ticks and today's line. Pure functions of the core's entries (dates as
// YYYY-MM-DD text), so node --test checks them; timeline.mjs draws the result as SVG.

/**
 * @typedef {{id: string, title: {ja: string, en: string}, start: string, end: string, shape: string,
 *            kind: string, phase: string, approximate: boolean, optional: boolean,
 *            condition: {ja: string, en: string} | null}} Entry
 * @typedef {{id: string, label: string, full: string, y: number, x1: number, x2: number, shape: string,
 *            kind: string, phase: string, approximate: boolean, optional: boolean}} Row
 * @typedef {{phase: string, y: number}} Band
 * @typedef {{x: number, label: string, anchor: "start" | "middle" | "end"}} Tick
 * @typedef {{width: number, height: number, rows: Row[], bands: Band[], ticks: Tick[],
 *            today: number | null, from: string, to: string}} Layout
 */

const DAY_MS = 86_400_000;
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// the chart is drawn this many units wide, its labels 15 units high above their bars (as the
// self-assessment chart): a phone shrinks it little, so the text stays readable
export const WIDTH = 360;
export const ROW = 38; // a row: its label's line and the bar below it
export const BAND = 26; // a phase's heading
export const AXIS = 28; // the axis's labels at the top
const LABEL_EM = 15;

/**
 * The day's number since 1970-01-01 (UTC, so that no time zone shifts a day).
 * @param {string} iso YYYY-MM-DD
 * @returns {number}
 */
export function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/**
 * A day as the page writes it: "2027年3月1日", "1 Mar 2027".
 * @param {string} iso
 * @param {string} lang
 * @returns {string}
 */
export function fmtDay(iso, lang) {
  const [y, m, d] = iso.split("-").map(Number);
  return lang === "ja" ? `${y}年${m}月${d}日` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/**
 * An entry's dates: one day, or "first – last".
 * @param {{start: string, end: string}} entry
 * @param {string} lang
 * @returns {string}
 */
export function fmtSpan(entry, lang) {
  return entry.start === entry.end ? fmtDay(entry.start, lang) : `${fmtDay(entry.start, lang)} – ${fmtDay(entry.end, lang)}`;
}

/**
 * About how wide `text` is drawn at 1 em = 1 unit: CJK characters a full em, others a little over half.
 * @param {string} text
 * @returns {number}
 */
export function textEms(text) {
  let ems = 0;
  for (const ch of text) ems += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.56;
  return ems;
}

/**
 * `text` cut with "…" so that it fits `width` units at `em` units per em.
 * @param {string} text
 * @param {number} width
 * @param {number} [em]
 * @returns {string}
 */
export function fit(text, width, em = LABEL_EM) {
  if (textEms(text) * em <= width) return text;
  let out = "";
  for (const ch of text) {
    if (textEms(`${out}${ch}…`) * em > width) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * How a label at `x` is anchored so that it stays inside the chart: its middle, or its start or
 * end near an edge.
 * @param {number} x
 * @param {number} half about half the label's width
 * @returns {"start" | "middle" | "end"}
 */
export function anchorAt(x, half) {
  if (x < half) return "start";
  if (x > WIDTH - half) return "end";
  return "middle";
}

/**
 * Where the axis's ticks go: the first day of every 3, 6, 12 or 24 months, the smallest step that
 * leaves room for each label; a tick on 1 January is labelled with its year, others with the month.
 * @param {number} from first day number
 * @param {number} to last day number
 * @param {(day: number) => number} x
 * @param {string} lang
 * @returns {Tick[]}
 */
function ticks(from, to, x, lang) {
  const months = ((to - from) / 365.25) * 12;
  const step = [3, 6, 12, 24].find((n) => (WIDTH * n) / Math.max(months, 1) >= 60) ?? 48;
  const first = new Date(from * DAY_MS);
  /** @type {Tick[]} */
  const out = [];
  let index = first.getUTCFullYear() * 12 + Math.floor(first.getUTCMonth() / step) * step;
  if (step >= 12) index = Math.floor(index / step) * step;
  for (;; index += step) {
    const y = Math.floor(index / 12);
    const m = index % 12;
    const day = Math.round(Date.UTC(y, m, 1) / DAY_MS);
    if (day > to) break;
    if (day < from) continue;
    const label = m === 0 ? String(y) : lang === "ja" ? `${m + 1}月` : MONTHS_EN[m];
    const at = x(day);
    out.push({ x: at, label, anchor: anchorAt(at, textEms(label) * 7) });
  }
  return out;
}

/**
 * The chart of `entries`: a band per phase (in the order given), a row per entry within its phase
 * (in date order), each with a bar from its first to the end of its last day or a marker on its
 * day; the axis spans every entry and today.
 * @param {Entry[]} entries
 * @param {{lang: string, today?: string | null, phases?: string[]}} options
 * @returns {Layout}
 */
export function chartLayout(entries, { lang, today = null, phases = [] }) {
  const days = entries.flatMap((e) => [dayNumber(e.start), dayNumber(e.end) + 1]);
  const todayDay = today ? dayNumber(today) : null;
  let from = Math.min(...days);
  let to = Math.max(...days);
  // today widens the axis only when it is near (a plan years away keeps its own scale)
  if (todayDay !== null && todayDay >= from - 366 && todayDay <= to + 366) {
    from = Math.min(from, todayDay);
    to = Math.max(to, todayDay + 1);
  }
  if (to <= from) to = from + 1;
  const x = (/** @type {number} */ day) => Math.round(((day - from) / (to - from)) * WIDTH * 10) / 10;
  const order = [...phases, ...entries.map((e) => e.phase).filter((p) => !phases.includes(p))];
  /** @type {Row[]} */
  const rows = [];
  /** @type {Band[]} */
  const bands = [];
  let y = AXIS;
  for (const phase of order.filter((p, i) => order.indexOf(p) === i)) {
    const mine = entries.filter((e) => e.phase === phase);
    if (!mine.length) continue;
    bands.push({ phase, y });
    y += BAND;
    for (const e of mine) {
      const title = e.title[lang === "ja" ? "ja" : "en"];
      const x1 = x(dayNumber(e.start));
      const x2 = x(dayNumber(e.end) + 1);
      rows.push({ id: e.id, label: fit(title, WIDTH), full: `${title}: ${fmtSpan(e, lang)}`, y, x1, x2,
                  shape: e.shape, kind: e.kind, phase, approximate: e.approximate, optional: e.optional });
      y += ROW;
    }
  }
  const isoOf = (/** @type {number} */ day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  return {
    width: WIDTH, height: y + 4, rows, bands, ticks: ticks(from, to - 1, x, lang),
    today: todayDay !== null && todayDay >= from && todayDay < to ? x(todayDay) : null,
    from: isoOf(from), to: isoOf(to - 1),
  };
}
