// @ts-check
// Elements built in code: h() for HTML, svg() for the charts. The site's Content-Security-Policy
// allows no inline style, so attributes never include one: classes carry every look.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Attributes of h() and svg(): a string, number or true sets the attribute (true: present, empty);
 * false, null and undefined leave it out. A few keys are special.
 * @typedef {{
 *   text?: string | number,
 *   class?: string,
 *   dataset?: Record<string, string | undefined>,
 *   on?: Record<string, (event: any) => void>,
 *   hidden?: boolean,
 *   value?: string,
 *   checked?: boolean,
 *   selected?: boolean,
 *   disabled?: boolean,
 *   [attribute: string]: unknown,
 * }} Attrs
 * @typedef {Node | string | null | undefined | false} Child
 * @typedef {Child | Child[]} Children
 */

/**
 * An HTML element: h("p", {class: "x", text: "..."}, child, ...).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  el.append(...flat(children));
  return el;
}

/**
 * An SVG element, as h() builds HTML ones.
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...Children} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttrs(el, attrs);
  el.append(...flat(children));
  return el;
}

/**
 * The children worth appending: nested lists flattened, null/undefined/false left out.
 * @param {Children[]} children
 * @returns {(Node | string)[]}
 */
function flat(children) {
  /** @type {(Node | string)[]} */
  const out = [];
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) out.push(child);
  }
  return out;
}

/**
 * @param {HTMLElement | SVGElement} el
 * @param {Attrs} attrs
 */
function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") el.textContent = String(value);
    else if (key === "class") el.setAttribute("class", String(value));
    else if (key === "dataset") {
      for (const [name, data] of Object.entries(/** @type {Record<string, string | undefined>} */ (value))) {
        if (data !== undefined) el.dataset[name] = data;
      }
    } else if (key === "on") {
      for (const [type, fn] of Object.entries(/** @type {Record<string, EventListener>} */ (value))) {
        el.addEventListener(type, fn);
      }
    } else if (key === "hidden" && el instanceof HTMLElement) el.hidden = Boolean(value);
    else if (key === "value" && "value" in el) /** @type {HTMLInputElement} */ (el).value = String(value);
    else if (key === "checked" && el instanceof HTMLInputElement) el.checked = Boolean(value);
    else if (key === "selected" && el instanceof HTMLOptionElement) el.selected = Boolean(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
}

/**
 * The attributes of the wrapper that lets a wide result table scroll sideways on a narrow screen:
 * h("div", scrollingTable(label), table). A table of inputs holds focusable controls already; a
 * result table has none, so its wrapper takes focus itself (a keyboard reader scrolls it with the
 * arrow keys) and is a region named after the table.
 * @param {string} label what the table shows, in the page's language
 * @returns {Attrs}
 */
export function scrollingTable(label) {
  return { class: "copc-table-wrap", tabindex: "0", role: "region", "aria-label": label };
}
