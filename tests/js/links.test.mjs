// Share links (calculators/kit/links.mjs): a scenario in the URL's fragment, and old links that
// carried it in the query string.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  decodeState, encodeState, fragmentParams, movedToFragment, shareLink, withoutFragmentParams,
} from "../../calculators/kit/links.mjs";

const STATE = { edition: "CSP", sites: [{ name: "那覇センター", m: { "workforce.backlog": ["9", "12"] } }], optional: true };

test("a state survives the trip through a link, Japanese names included", () => {
  const text = encodeState(STATE);
  assert.match(text, /^[A-Za-z0-9_-]+$/); // base64url, unpadded: safe in a fragment as it is
  assert.deepEqual(decodeState(text), STATE);
});

test("a link cut short, mangled or holding something else than a state reads as nothing", () => {
  const text = encodeState(STATE);
  assert.equal(decodeState(text.slice(0, -7)), null);
  assert.equal(decodeState("%%garbage"), null);
  assert.equal(decodeState(encodeState([1, 2])), null);
  assert.equal(decodeState(encodeState("text")), null);
  assert.equal(decodeState(""), null);
});

test("the share link carries the scenario in the fragment, never in the query", () => {
  const link = shareLink("https://example.org/en/calculators/?q=old#rule-50-75", "rule-50-75", STATE);
  const url = new URL(link);
  assert.equal(url.search, "");
  assert.equal(url.pathname, "/en/calculators/");
  assert.equal(url.hash, `#rule-50-75=${encodeState(STATE)}`);
  assert.deepEqual(decodeState(fragmentParams(url.hash).get("rule-50-75") || ""), STATE);
});

test("a plain anchor is no link parameter; several calculators' parameters are", () => {
  assert.deepEqual([...fragmentParams("#item-score").keys()], []);
  assert.deepEqual([...fragmentParams("").keys()], []);
  const params = fragmentParams(`#item-score=${encodeState({ a: "1" })}&example=item-2.15`);
  assert.deepEqual([...params.keys()], ["item-score", "example"]);
  assert.equal(params.get("example"), "item-2.15");
});

test("an old link's scenario moves from the query into the fragment; other query parameters stay", () => {
  const value = encodeState(STATE);
  const moved = movedToFragment(`https://example.org/calculators/?rule-50-75=${value}&q=deployment`,
                                ["item-score", "rule-50-75"]);
  assert.ok(moved);
  const url = new URL(moved);
  assert.equal(url.search, "?q=deployment");
  assert.equal(fragmentParams(url.hash).get("rule-50-75"), value);
  // two calculators' scenarios, and a fragment that already names one of them: the fragment wins
  const both = movedToFragment(`https://example.org/?item-score=a&rule-50-75=b#item-score=c`, ["item-score", "rule-50-75"]);
  assert.equal(both, "https://example.org/#item-score=c&rule-50-75=b");
  // nothing to move
  assert.equal(movedToFragment("https://example.org/calculators/?q=x#example=item-2.15", ["item-score"]), null);
});

test("a scenario read from the fragment leaves the address; the rest of the fragment stays", () => {
  assert.equal(withoutFragmentParams("https://example.org/calculators/#item-score=abc", ["item-score"]),
               "https://example.org/calculators/");
  assert.equal(withoutFragmentParams("https://example.org/c/#item-score=abc&example=x", ["item-score"]),
               "https://example.org/c/#example=x");
  assert.equal(withoutFragmentParams("https://example.org/c/#applicable-points", ["applicable-points"]),
               "https://example.org/c/#applicable-points");
});
