// No calculator hangs: a request the engine does not answer in time resolves "timeout" and the
// engine is restarted (calculators/client.mjs). The time counts from when the engine is ready, so
// a slow boot never makes a request time out.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { pageWithEngine, settled } from "./page-with-engine.mjs";

// any request will do: the engines here are played by the test
const RULE = { at_target: "3", at_target_or_improving: "4", total: "5" };
const TIMEOUT = { ok: false, errors: [], failure: "timeout" };

describe("a request the engine does not answer", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  test("resolves \"timeout\" 30 s after the engine is ready, and a new engine starts", async () => {
    const { client, engines, stages } = await pageWithEngine();
    const asked = client.compute("rule-50-75", RULE);
    engines[0].ready();
    mock.timers.tick(29_999);
    assert.equal(await settled(asked), "pending");
    mock.timers.tick(1);
    assert.deepEqual(await settled(asked), TIMEOUT);
    assert.ok(engines[0].terminated, "the hung engine is stopped");
    assert.equal(engines.length, 2);
    assert.equal(stages().at(-1), "restarting");
    // the next request goes to the new engine
    const next = client.compute("rule-50-75", RULE);
    engines[1].ready();
    const [request] = engines[1].requests();
    assert.equal(request.op, "rule-50-75");
    engines[1].answer(request.id);
    assert.deepEqual(await settled(next), { ok: true, result: { id: request.id }, steps: [] });
  });

  test("an operation that needs an optional package has the time to download it first", async () => {
    const optional = { "workbook-write": { module: "copc_cx.files.workbook", packages: ["openpyxl"] } };
    const { client, engines } = await pageWithEngine({ optional });
    const asked = client.compute("workbook-write", { assessment: {}, lang: "en" });
    engines[0].ready();
    mock.timers.tick(119_999); // the engine answers "package" itself after 90 s of downloading
    assert.equal(await settled(asked), "pending");
    mock.timers.tick(1);
    assert.deepEqual(await settled(asked), TIMEOUT);
    assert.ok(engines[0].terminated);
  });

  test("a slow boot does not count: the time starts when the engine is ready", async () => {
    const { client, engines } = await pageWithEngine();
    const asked = client.compute("rule-50-75", RULE);
    mock.timers.tick(100_000); // booting on a busy machine
    engines[0].ready();
    mock.timers.tick(29_000);
    const [request] = engines[0].requests();
    engines[0].answer(request.id);
    assert.deepEqual(await settled(asked), { ok: true, result: { id: request.id }, steps: [] });
    mock.timers.tick(10_000);
    assert.equal(engines.length, 1, "an answered request never times out");
  });

  test("the other requests sent to the hung engine resolve \"timeout\" with it", async () => {
    const { client, engines } = await pageWithEngine();
    const first = client.compute("rule-50-75", RULE);
    engines[0].ready();
    mock.timers.tick(20_000);
    const second = client.compute("rule-50-75", { ...RULE, total: "6" });
    mock.timers.tick(10_000);
    assert.deepEqual(await settled(first), TIMEOUT);
    assert.deepEqual(await settled(second), TIMEOUT);
  });

  test("a hung shared engine is ended for every page, and this page starts one of its own", async () => {
    const { client, engines } = await pageWithEngine({ shared: true });
    const asked = client.compute("rule-50-75", RULE);
    engines[0].ready();
    mock.timers.tick(30_000);
    assert.deepEqual(await settled(asked), TIMEOUT);
    assert.ok(engines[0].sent.some((m) => m.type === "end"), "the hung engine is asked to end");
    // a new shared worker at a URL of its own: the same URL and name would join the hung one
    assert.equal(engines.length, 2);
    assert.equal(typeof engines[1].fresh, "string");
  });
});
