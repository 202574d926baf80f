// @ts-check
// The messages between a page (boot.js, client.mjs) and the calculators' engine (worker.mjs), defined
// once: their types, their shapes, and the failure answers. Pure: no browser API, so the page, the
// worker and the unit tests (tests/js/) all import it.
//
// Page -> engine
//   request {id, text}       text: the JSON of {op, input} for copc_cx.web.handle() (or, for an
//                            operation that needs an optional package, its module's handle());
//                            it begins with {"op": (requestMessage writes it so: requestOp reads
//                            the op without parsing the rest); id: a positive integer, carried by
//                            the answer
//   bye                      a shared engine's page is going: stop writing to its port
//   end                      stop a shared engine now, for every page (the reader erased what the
//                            calculators keep: nothing typed stays in a running engine)
// Engine -> page (a shared engine sends the boot's news to every page connected, and catches up
// a page that connects later)
//   progress {stage}         the boot's progress
//   ready {ms, start, core}  the core is imported: ms since the worker started (or the page
//                            connected), how it started, and the sha256 of the core wheel it runs
//   boot-failed {message}    Pyodide or the core could not be loaded
//   response {id, response}  the answer to one request (the core's, or a failure)
//   snapshot-saved           the next visit can start from this browser's memory snapshot
//   crashed {message}        the interpreter may be broken: the page starts a new engine
//   ended                    a shared engine was stopped by another page's `end`

/** The types of a page's messages to the engine. */
export const TO_ENGINE = Object.freeze({ REQUEST: "request", BYE: "bye", END: "end" });

/** The types of the engine's messages to a page. */
export const TO_PAGE = Object.freeze({
  PROGRESS: "progress",
  READY: "ready",
  BOOT_FAILED: "boot-failed",
  RESPONSE: "response",
  SNAPSHOT_SAVED: "snapshot-saved",
  CRASHED: "crashed",
  ENDED: "ended",
});

/**
 * @typedef {{type: typeof TO_ENGINE.REQUEST, id: number, text: string}} RequestMessage
 * @typedef {{type: typeof TO_ENGINE.BYE}} ByeMessage
 * @typedef {{type: typeof TO_ENGINE.END}} EndMessage
 * @typedef {RequestMessage | ByeMessage | EndMessage} ToEngine
 *
 * @typedef {"runtime" | "package"} BootStage
 * @typedef {"stored" | "shipped" | "full" | "running"} EngineStart how the engine started: this
 *   browser's memory snapshot, the site's, a full boot, or already running for an earlier page
 * @typedef {{type: typeof TO_PAGE.PROGRESS, stage: BootStage}} ProgressMessage
 * @typedef {{type: typeof TO_PAGE.READY, ms: number, start: EngineStart, core: string}} ReadyMessage
 * @typedef {{type: typeof TO_PAGE.BOOT_FAILED, message: string}} BootFailedMessage
 * @typedef {{type: typeof TO_PAGE.RESPONSE, id: number, response: Response}} ResponseMessage
 * @typedef {{type: typeof TO_PAGE.SNAPSHOT_SAVED}} SnapshotSavedMessage
 * @typedef {{type: typeof TO_PAGE.CRASHED, message: string}} CrashedMessage
 * @typedef {{type: typeof TO_PAGE.ENDED}} EndedMessage
 * @typedef {ProgressMessage | ReadyMessage | BootFailedMessage | ResponseMessage | SnapshotSavedMessage
 *   | CrashedMessage | EndedMessage} ToPage
 */

/**
 * The answers a request can get. The core's own (copc_cx.web.handle()) carry `ok` and either the
 * result with its steps or the errors, each at a field; a failure means the core did not answer:
 *   unavailable  the engine cannot load
 *   crashed      the engine stopped; the next request starts a new one
 *   timeout      no answer in time; the engine is restarted
 *   exception    the request could not be sent or handled
 *   outdated     the engine's core is not the page's: it is being reloaded from the current build
 *   package      an optional package the operation needs could not be loaded (its first use needs
 *                the network): the engine goes on, and the same request tried again loads it again.
 *                This failure also carries `packages` and one error at "request" saying so in both
 *                languages (packageFailure()).
 * @typedef {"unavailable" | "crashed" | "timeout" | "exception" | "outdated" | "package"} FailureKind
 * @typedef {{field: string, ja: string, en: string}} FieldError
 * @typedef {{ja: string, en: string}} Step
 * @typedef {{ok: true, result: any, steps: Step[]}} Computed
 * @typedef {{ok: false, errors: FieldError[]}} Refused
 * @typedef {{ok: false, errors: never[], failure: Exclude<FailureKind, "package">, detail?: string}} Failure
 * @typedef {{ok: false, errors: FieldError[], failure: "package", packages: string[], detail?: string}} PackageFailure
 * @typedef {Computed | Refused | Failure | PackageFailure} Response
 */

/**
 * A failure answer (see Response).
 * @param {Exclude<FailureKind, "package">} kind
 * @param {string} [detail] for the console and bug reports, never shown as such
 * @returns {Failure}
 */
export function failure(kind, detail) {
  return detail === undefined ? { ok: false, errors: [], failure: kind } : { ok: false, errors: [], failure: kind, detail };
}

/**
 * The answer to a request whose optional packages could not be loaded (see Response).
 * @param {string[]} packages what the operation needs
 * @param {string} [detail] why, for the console and bug reports
 * @returns {PackageFailure}
 */
export function packageFailure(packages, detail) {
  const names = packages.join(", ");
  /** @type {PackageFailure} */
  const answer = {
    ok: false,
    errors: [{
      field: "request",
      ja: `この計算に必要なパッケージ（${names}）を読み込めませんでした。初めて使うときだけネットワーク接続が必要です。接続を確かめて、もう一度お試しください。`,
      en: `The package this needs (${names}) could not be loaded. Its first use needs a network connection: check it and try again.`,
    }],
    failure: "package",
    packages: [...packages],
  };
  if (detail !== undefined) answer.detail = detail;
  return answer;
}

// a request's text as requestMessage writes it: {"op": "<op>", "input": ...}
const LEADING_OP = /^\{\s*"op"\s*:\s*("(?:[^"\\]|\\.)*")/;

/**
 * The operation a request's text asks for, or null where it names none. Read from the text's start
 * (requestMessage writes the op first), so that a large request is not parsed twice; any other text
 * is parsed whole.
 * @param {string} text
 * @returns {string | null}
 */
export function requestOp(text) {
  try {
    const leading = LEADING_OP.exec(text);
    const op = leading ? JSON.parse(leading[1]) : /** @type {{op?: unknown}} */ (JSON.parse(text))?.op;
    return typeof op === "string" ? op : null;
  } catch {
    return null;
  }
}

/**
 * What went wrong, as text.
 * @param {unknown} error
 */
export function describe(error) {
  try {
    if (error instanceof Error) return error.message || error.name;
    return String(error);
  } catch {
    return "an error that cannot be described";
  }
}

// Deeper than any form nests by far, and well below the depth at which Pyodide's stack overflows
// while the core reads the text (a fatal error, not a Python exception: the engine would crash).
export const MAX_REQUEST_DEPTH = 1600;

/**
 * How deeply the arrays and objects of a JSON text nest (without recursion: the text may be deep).
 * @param {string} text
 */
export function nestingDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * The message that sends `op` and `input` to the engine, or the failure to answer at once where the
 * input cannot be written as JSON (a cycle, a BigInt, a getter that throws, nesting deeper than the
 * stack) or nests absurdly deep: the engine never has to read anything but text it can read.
 * @param {number} id
 * @param {string} op
 * @param {unknown} input
 * @returns {{message: RequestMessage} | {failure: Failure}}
 */
export function requestMessage(id, op, input) {
  let text;
  try {
    text = JSON.stringify({ op, input: input ?? {} });
  } catch (error) {
    return { failure: failure("exception", `the request cannot be sent: ${describe(error)}`) };
  }
  const depth = nestingDepth(text);
  if (depth > MAX_REQUEST_DEPTH) {
    return { failure: failure("exception", `the request cannot be sent: it nests ${depth} levels deep (at most ${MAX_REQUEST_DEPTH})`) };
  }
  return { message: { type: TO_ENGINE.REQUEST, id, text } };
}

/**
 * @typedef {{kind: "request", id: number, text: string}
 *   | {kind: typeof TO_ENGINE.BYE | typeof TO_ENGINE.END}
 *   | {kind: "invalid", id: number | null, problem: string}} ReadMessage
 */

/** @param {unknown} id */
function isRequestId(id) {
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0;
}

/**
 * What the engine makes of a message from a page (any value: it checks everything). An invalid one
 * keeps its id, where it has a usable one, so that its answer can say which request failed.
 * @param {unknown} data
 * @returns {ReadMessage}
 */
export function readMessage(data) {
  if (typeof data !== "object" || data === null) return { kind: "invalid", id: null, problem: "not an object" };
  const { type, id, text } = /** @type {{type?: unknown, id?: unknown, text?: unknown}} */ (data);
  if (type === TO_ENGINE.BYE || type === TO_ENGINE.END) return { kind: type };
  const usableId = isRequestId(id) ? /** @type {number} */ (id) : null;
  if (type !== TO_ENGINE.REQUEST) return { kind: "invalid", id: usableId, problem: `unknown message type ${JSON.stringify(String(type))}` };
  if (usableId === null) return { kind: "invalid", id: null, problem: "a request without a positive integer id" };
  if (typeof text !== "string") return { kind: "invalid", id: usableId, problem: "a request whose text is not a string" };
  return { kind: "request", id: usableId, text };
}
