// No calculator hangs: when the page stops its engine itself (endEngine(), as erasing what the
// calculators keep does), the requests sent to it are answered "crashed", as when the engine stops
// on its own, and the next request starts a new engine (calculators/client.mjs).
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { pageWithEngine, settled } from "./page-with-engine.mjs";

// any request: the fake engines answer whatever they get
const RULE = { at_target: "3", at_target_or_improving: "4", total: "5" };

describe("the page stops its engine", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  for (const shared of [false, true]) {
    const kind = shared ? "a shared engine" : "a dedicated engine";

    test(`the requests ${kind} has not answered resolve "crashed" at once`, async () => {
      const { client, engines, stages } = await pageWithEngine({ shared });
      const asked = client.compute("rule-50-75", RULE);
      engines[0].ready();
      client.endEngine();
      const answer = /** @type {any} */ (await settled(asked));
      assert.equal(answer.ok, false);
      assert.deepEqual(answer.errors, []);
      assert.equal(answer.failure, "crashed");
      assert.equal(stages().at(-1), "ended");
      if (shared) assert.ok(engines[0].sent.some((m) => m.type === "end"), "ended for every page");
      else assert.ok(engines[0].terminated);
      // the next request starts a new engine, which answers it
      const next = client.compute("rule-50-75", RULE);
      assert.equal(engines.length, 2);
      engines[1].ready();
      const [request] = engines[1].requests();
      engines[1].answer(request.id);
      assert.equal(/** @type {any} */ (await settled(next)).ok, true);
    });
  }

  test("an engine stopped while it boots leaves the page free to start another later", async () => {
    const { client, engines, stages } = await pageWithEngine();
    const asked = client.compute("rule-50-75", RULE);
    client.endEngine();
    assert.equal(/** @type {any} */ (await settled(asked)).failure, "crashed");
    // the stopped engine's time to boot passes: the page has not failed for it
    mock.timers.tick(200_000);
    assert.notEqual(stages().at(-1), "failed");
    const next = client.compute("rule-50-75", RULE);
    assert.equal(engines.length, 2);
    engines[1].ready();
    const [request] = engines[1].requests();
    engines[1].answer(request.id);
    assert.equal(/** @type {any} */ (await settled(next)).ok, true);
  });
});
