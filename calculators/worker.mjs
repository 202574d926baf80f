// @ts-check
// The calculators' engine as a worker: engine.mjs, and the transport between it and its pages.
//
// It runs as a dedicated worker of one page, or, where the browser can keep a shared worker alive
// after its last page has gone (SharedWorker's `extendedLifetime`, Chromium 148 and later), as a
// shared worker that every calculator page of the site connects to: the next page, a reload or
// another tab then finds the engine running and answers at once instead of starting Pyodide
// again. The page (boot.js, client.mjs) chooses; this module serves either. The messages are
// protocol.mjs's: every request gets an answer carrying its id, even one it cannot read.

import { Engine } from "./engine.mjs";
import { TO_PAGE, failure, readMessage } from "./protocol.mjs";
// engine.mjs's own imports, named here too: the browser then fetches every module of the worker
// at once instead of one level of imports after another
import "./generated/config.mjs";
import "./snapshots.mjs";

/** @typedef {import("./protocol.mjs").ToPage} ToPage */

const SHARED = typeof SharedWorkerGlobalScope === "function" && self instanceof SharedWorkerGlobalScope;
/** @type {Set<MessagePort>} a shared engine's pages */
const ports = new Set();
// what a page that connects to a shared engine later has missed: the boot's last word
/** @type {ToPage} */
let bootNews = { type: TO_PAGE.PROGRESS, stage: "runtime" };
/** @type {ToPage | null} */
let snapshotNews = null;

/**
 * A message about the engine: to the page, or to every page of a shared engine.
 * @param {ToPage} message
 */
function post(message) {
  if (message.type === TO_PAGE.SNAPSHOT_SAVED) snapshotNews = message;
  else if (message.type !== TO_PAGE.CRASHED) bootNews = message;
  if (!SHARED) {
    postMessage(message);
    return;
  }
  for (const port of ports) port.postMessage(message);
}

/**
 * A message to one page (`port`: a shared engine's page; null: the dedicated worker's page).
 * @param {MessagePort | null} port
 * @param {ToPage} message
 */
function reply(port, message) {
  if (port) port.postMessage(message);
  else postMessage(message);
}

/** An engine that must not be reused (broken, failed or ended) stops: the next page starts a new one. */
function stop() {
  ports.clear();
  close();
}

const engine = new Engine((message) => {
  post(message);
  // a later page tries again (the network may be back)
  if (message.type === TO_PAGE.BOOT_FAILED && SHARED) stop();
});

/**
 * One message from a page.
 * @param {unknown} data
 * @param {MessagePort | null} port
 */
async function onMessage(data, port) {
  const message = readMessage(data);
  switch (message.kind) {
    case "bye":
      if (port) ports.delete(port);
      return;
    case "end":
      // the reader erased what the calculators keep: nothing typed stays in a running engine
      for (const other of ports) if (other !== port) other.postMessage({ type: TO_PAGE.ENDED });
      stop();
      return;
    case "invalid":
      if (message.id === null) console.warn("copc calculators: a message without a request id was ignored:", message.problem);
      else reply(port, { type: TO_PAGE.RESPONSE, id: message.id, response: failure("exception", message.problem) });
      return;
    default: {
      const response = await engine.answer(message.text);
      reply(port, { type: TO_PAGE.RESPONSE, id: message.id, response });
      if ("failure" in response && response.failure === "crashed") {
        // the interpreter may be unusable: every page starts a new engine
        post({ type: TO_PAGE.CRASHED, message: response.detail || "crashed" });
        if (SHARED) stop();
      }
    }
  }
}

if (SHARED) {
  const scope = /** @type {SharedWorkerGlobalScope} */ (/** @type {unknown} */ (self));
  // a shared worker's uncaught error reaches none of its pages: treat it as a crash
  scope.addEventListener("error", (event) => {
    post({ type: TO_PAGE.CRASHED, message: String(event.message || "uncaught error") });
    stop();
  });
  let connections = 0;
  scope.addEventListener("connect", (event) => {
    const port = event.ports[0];
    const connected = performance.now();
    connections += 1;
    ports.add(port);
    port.addEventListener("message", (message) => onMessage(message.data, port));
    port.start();
    // catch the page up: the engine may have been running since an earlier page. The page that
    // started the engine can connect after the boot (the connect event waits behind the boot's
    // long tasks): it is told how the boot went, not that the engine was already running.
    if (engine.isReady && connections > 1) {
      port.postMessage({ type: TO_PAGE.READY, ms: Math.round(performance.now() - connected), start: "running", core: engine.core });
    } else port.postMessage(bootNews);
    if (snapshotNews) port.postMessage(snapshotNews);
  });
} else {
  addEventListener("message", (event) => onMessage(event.data, null));
}
