// @ts-check
// The page's calculator modules under Node, for the unit tests of their pure parts: a copy of
// calculators/ as the build lays it out, with the generated modules written from the core (the
// catalog by copc_cx in the project's .venv, the widget map by hooks/calculator_preload.py), and a
// few stand-ins for what a browser page has (document, localStorage, location) so that a widget can
// be constructed without drawing anything.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PYTHON = join(ROOT, ".venv", "bin", "python");

/** @type {string | null} */
let copy = null;

/** The copy's folder (made once per test process). */
function calculators() {
  if (copy) return copy;
  copy = join(mkdtempSync(join(tmpdir(), "copc-calculators-")), "calculators");
  cpSync(join(ROOT, "calculators"), copy, { recursive: true });
  mkdirSync(join(copy, "generated"), { recursive: true });
  const python = (/** @type {string} */ code) => execFileSync(PYTHON, ["-c", code], {
    cwd: ROOT, encoding: "utf-8", env: { ...process.env, PYTHONPATH: `${join(ROOT, "src")}:${join(ROOT, "hooks")}` },
    maxBuffer: 64 * 1024 * 1024,
  });
  const catalog = python("import json; from copc_cx.web import call; "
    + "print(json.dumps(call({'op': 'catalog', 'input': {}})['result'], ensure_ascii=False))");
  writeFileSync(join(copy, "generated", "catalog.mjs"), `export const CATALOG = ${catalog.trim()};\n`);
  writeFileSync(join(copy, "generated", "widgets.mjs"),
    python("from calculator_preload import widget_map_source; print(widget_map_source(), end='')"));
  writeFileSync(join(copy, "generated", "config.mjs"),
    'export const PYODIDE_PATH = "../pyodide/test/";\n'
    + `export const CORE_PACKAGE = ${JSON.stringify({ file_name: "copc_cx.whl", sha256: "c0".repeat(32) })};\n`
    + "export const CORE_SNAPSHOT = null;\n"
    + "export const OPTIONAL_OPERATIONS = {};\nexport const OPTIONAL_PACKAGES = {};\n");
  return copy;
}

/**
 * Import a module of the copy: "kit/links.mjs", "widgets/renewal.mjs", ...
 * @param {string} path
 * @returns {Promise<any>}
 */
export function load(path) {
  pretendToBeAPage();
  return import(pathToFileURL(join(calculators(), path)).href);
}

// --- just enough of a page ---------------------------------------------------------------------

class FakeElement {
  /** @param {string} tag */
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    /** @type {unknown[]} */
    this.children = [];
    /** @type {Map<string, string>} */
    this.attributes = new Map();
    /** @type {Record<string, string>} */
    this.dataset = {};
    this.hidden = false;
    this.textContent = "";
    this.id = "";
    const classes = new Set();
    this.classList = { add: (/** @type {string[]} */ ...c) => c.forEach((x) => classes.add(x)),
                       remove: (/** @type {string[]} */ ...c) => c.forEach((x) => classes.delete(x)),
                       contains: (/** @type {string} */ c) => classes.has(c) };
  }

  /** @param {string} name @param {string} value */
  setAttribute(name, value) { this.attributes.set(name, value); }

  /** @param {string} name */
  getAttribute(name) { return this.attributes.get(name) ?? null; }

  /** @param {string} name */
  removeAttribute(name) { this.attributes.delete(name); }

  /** @param {...unknown} children */
  append(...children) { this.children.push(...children); }

  /** @param {...unknown} children */
  replaceChildren(...children) { this.children = children; }

  addEventListener() {}

  querySelector() { return null; }

  querySelectorAll() { return []; }
}

class FakeInput extends FakeElement {
  constructor() {
    super("input");
    this.value = "";
    this.checked = false;
    this.type = "text";
  }
}

function pretendToBeAPage() {
  const page = /** @type {any} */ (globalThis);
  if (page.document) return;
  const storage = new Map();
  page.HTMLElement = FakeElement;
  page.HTMLInputElement = FakeInput;
  page.HTMLSelectElement = class extends FakeElement {};
  page.HTMLTextAreaElement = class extends FakeElement {};
  page.HTMLOptionElement = class extends FakeElement {};
  page.document = {
    createElement: (/** @type {string} */ tag) => (tag === "input" ? new FakeInput() : new FakeElement(tag)),
    createElementNS: (/** @type {string} */ _ns, /** @type {string} */ tag) => new FakeElement(tag),
    querySelector: () => null,
    querySelectorAll: () => [],
    documentElement: { lang: "ja" },
  };
  page.localStorage = {
    getItem: (/** @type {string} */ key) => (storage.has(key) ? storage.get(key) : null),
    setItem: (/** @type {string} */ key, /** @type {string} */ value) => storage.set(key, String(value)),
    removeItem: (/** @type {string} */ key) => storage.delete(key),
    key: (/** @type {number} */ i) => [...storage.keys()][i] ?? null,
    get length() { return storage.size; },
  };
}
