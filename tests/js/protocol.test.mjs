// The worker protocol's pure helpers (calculators/protocol.mjs): how a page writes a request and
// how the engine reads whatever reaches it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  MAX_REQUEST_DEPTH, TO_ENGINE, TO_PAGE, failure, nestingDepth, packageFailure, readMessage, requestMessage,
  requestOp,
} from "../../calculators/protocol.mjs";

// a request as a form sends it
const RULE = { at_target: "3", at_target_or_improving: "4", total: "5" };

describe("a page writes each request as JSON text", () => {
  test("the text is the JSON of {op, input}, with the request's id", () => {
    const built = requestMessage(7, "rule-50-75", RULE);
    assert.deepEqual(built, { message: { type: TO_ENGINE.REQUEST, id: 7, text: JSON.stringify({ op: "rule-50-75", input: RULE }) } });
  });

  test("a missing input is an empty object", () => {
    const built = requestMessage(1, "catalog", undefined);
    assert.ok("message" in built);
    assert.equal(built.message.text, '{"op":"catalog","input":{}}');
  });

  test("input JSON cannot hold is answered at once, as an exception", () => {
    const cycle = { total: "5" };
    Object.assign(cycle, { self: cycle });
    const throwing = { get total() { throw new Error("no"); } };
    for (const input of [cycle, { total: 10n }, throwing]) {
      const built = requestMessage(1, "rule-50-75", input);
      assert.ok("failure" in built);
      assert.equal(built.failure.ok, false);
      assert.deepEqual(built.failure.errors, []);
      assert.equal(built.failure.failure, "exception");
      assert.match(built.failure.detail ?? "", /^the request cannot be sent: /);
    }
  });

  test("input nested absurdly deep is answered at once; deep but readable input goes to the core", () => {
    /** @param {number} levels */
    const nested = (levels) => {
      /** @type {unknown} */
      let value = "1";
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    const deep = requestMessage(1, "rule-50-75", { at_target: nested(MAX_REQUEST_DEPTH) });
    assert.ok("failure" in deep);
    assert.match(deep.failure.detail ?? "", /nests 1602 levels deep/);
    // the core answers these itself, at the field or the request
    assert.ok("message" in requestMessage(1, "rule-50-75", { at_target: nested(1500) }));
  });
});

describe("nesting depth", () => {
  test("counts arrays and objects, not brackets inside strings", () => {
    assert.equal(nestingDepth('"x"'), 0);
    assert.equal(nestingDepth('{"a":[1,{"b":[]}],"c":{}}'), 4);
    assert.equal(nestingDepth('{"a":"[[[{{{","b":"\\"[[["}'), 1);
    assert.equal(nestingDepth("[".repeat(100000) + "]".repeat(100000)), 100000);
  });
});

describe("the engine reads every message it gets", () => {
  test("a request: its id and its text", () => {
    assert.deepEqual(readMessage({ type: TO_ENGINE.REQUEST, id: 3, text: "{}" }), { kind: "request", id: 3, text: "{}" });
  });

  test("a shared engine's page going, or ending it", () => {
    assert.deepEqual(readMessage({ type: TO_ENGINE.BYE }), { kind: "bye" });
    assert.deepEqual(readMessage({ type: TO_ENGINE.END }), { kind: "end" });
  });

  test("a request it cannot read keeps its id, to be answered", () => {
    for (const data of [{ type: "request", id: 4 }, { type: "request", id: 4, text: 5 },
      { type: "request", id: 4, text: { op: "catalog" } }, { type: "compute", id: 4, text: "{}" },
      { id: 4, op: "catalog", input: {} }]) {
      const read = readMessage(data);
      assert.equal(read.kind, "invalid", JSON.stringify(data));
      assert.ok(read.kind === "invalid" && read.id === 4 && read.problem);
    }
  });

  test("a message without a usable id cannot be answered", () => {
    for (const data of [null, undefined, 5, "request", [], { type: "request", text: "{}" },
      { type: "request", id: 0, text: "{}" }, { type: "request", id: -1, text: "{}" },
      { type: "request", id: 1.5, text: "{}" }, { type: "request", id: "1", text: "{}" },
      { type: "request", id: 2 ** 60, text: "{}" }]) {
      const read = readMessage(data);
      assert.ok(read.kind === "invalid" && read.id === null, JSON.stringify(data));
    }
  });
});

describe("failures and message types", () => {
  test("a failure is a response without errors, with its kind and an optional detail", () => {
    assert.deepEqual(failure("timeout"), { ok: false, errors: [], failure: "timeout" });
    assert.deepEqual(failure("crashed", "unreachable"), { ok: false, errors: [], failure: "crashed", detail: "unreachable" });
  });

  test("every message type is a distinct string, and the tables cannot be changed", () => {
    const types = [...Object.values(TO_ENGINE), ...Object.values(TO_PAGE)];
    assert.equal(new Set(types).size, types.length);
    assert.ok(Object.isFrozen(TO_ENGINE) && Object.isFrozen(TO_PAGE));
  });
});

test("the engine reads a request's operation from the start of its text, as requestMessage writes it", () => {
  const built = requestMessage(7, "timeline-ics", { label: '{"op": "catalog"}', start: "2027-03-01" });
  assert.ok("message" in built);
  assert.equal(requestOp(built.message.text), "timeline-ics");
  assert.equal(requestOp('{"op":"a\\"b","input":{}}'), 'a"b');
  // any other JSON text is read whole; text that names no operation names none
  assert.equal(requestOp('{"input": {}, "op": "workbook-read"}'), "workbook-read");
  for (const text of ['{"op": 3}', "null", "not json", '{"input": {}}']) assert.equal(requestOp(text), null);
});

test("a package that cannot be loaded is answered in both languages, with its kind and the packages", () => {
  const answer = packageFailure(["icalendar", "tzdata"], "HTTP 404");
  assert.equal(answer.ok, false);
  assert.equal(answer.failure, "package");
  assert.deepEqual(answer.packages, ["icalendar", "tzdata"]);
  assert.equal(answer.detail, "HTTP 404");
  const [error] = answer.errors;
  assert.equal(error.field, "request");
  assert.match(error.ja, /icalendar, tzdata.*ネットワーク/);
  assert.match(error.en, /icalendar, tzdata.*network connection/);
});
