// The calculation engine: a module Web Worker that runs the scoring core (copc_cx) on Pyodide.
//
// Messages to the page:
//   {type: "progress", stage: "runtime" | "package"}   boot progress
//   {type: "ready", ms}                                 the core is imported; ms since the worker started
//   {type: "boot-failed", message}                      Pyodide or the core could not be loaded
//   {type: "response", id, response}                    the parsed JSON of copc_cx.web.handle()
//   {type: "crashed", message}                          the interpreter may be broken: start a new worker
// Messages from the page: {id, op, input}. Requests that arrive during the boot wait for it.
// A Python exception during a calculation becomes an error response
// ({ok: false, errors: [], failure: "exception"}); the worker stays usable. Any other exception
// answers {failure: "crashed"} and asks for a new worker.

import { PYODIDE_PATH } from "./generated/config.mjs";

const started = performance.now();
const base = new URL(PYODIDE_PATH, import.meta.url);
let handle = null;
let pyodide = null;

function post(message) {
  self.postMessage(message);
}

// Pyodide 314 only logs some boot failures (the WebAssembly module or the standard library
// cannot be fetched or instantiated) and then waits forever, or goes on to a Python start-up that
// never returns: turn those logs into a failure at once (synchronously: the page then terminates
// this worker, whatever it is doing).
const FATAL_LOGS = ["wasm instantiation failed", "Error occurred while installing the standard library"];

function watchBootLogs() {
  let reject;
  const failed = new Promise((_, no) => {
    reject = no;
  });
  const original = { warn: console.warn, error: console.error };
  for (const level of ["warn", "error"]) {
    console[level] = (...args) => {
      const first = typeof args[0] === "string" ? args[0] : "";
      if (FATAL_LOGS.some((text) => first.includes(text))) {
        bootFailed(first);
        reject(new Error(first));
      }
      original[level].apply(console, args);
    };
  }
  const restore = () => Object.assign(console, original);
  return { failed, restore };
}

async function boot() {
  post({ type: "progress", stage: "runtime" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const logs = watchBootLogs();
  try {
    pyodide = await Promise.race([
      loadPyodide({
        indexURL: base.href,
        lockFileURL: new URL("pyodide-lock.json", base).href,
        packages: ["copc-cx"],
        stdout: () => {},
        stderr: () => {},
      }),
      logs.failed,
    ]);
  } finally {
    logs.restore();
  }
  post({ type: "progress", stage: "package" });
  handle = pyodide.pyimport("copc_cx.web").handle;
  post({ type: "ready", ms: Math.round(performance.now() - started) });
}

let failureReported = false;

function bootFailed(message) {
  if (failureReported) return;
  failureReported = true;
  post({ type: "boot-failed", message });
}

const booted = boot();
booted.catch((error) => bootFailed(String((error && error.message) || error)));

self.addEventListener("message", async (event) => {
  const { id, op, input } = event.data || {};
  let response;
  try {
    await booted;
  } catch {
    post({ type: "response", id, response: { ok: false, errors: [], failure: "unavailable" } });
    return;
  }
  try {
    response = JSON.parse(handle(JSON.stringify({ op, input: input ?? {} })));
  } catch (error) {
    const detail = String((error && error.message) || error);
    if (error instanceof pyodide.ffi.PythonError) {
      // a Python exception: the interpreter is fine, this request failed
      response = { ok: false, errors: [], failure: "exception", detail };
    } else {
      // anything else (a WebAssembly trap, a fatal Pyodide error) may leave the interpreter
      // unusable: answer, then ask the page for a fresh worker
      post({ type: "response", id, response: { ok: false, errors: [], failure: "crashed", detail } });
      post({ type: "crashed", message: detail });
      return;
    }
  }
  post({ type: "response", id, response });
});
