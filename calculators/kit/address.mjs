// @ts-check
// The page's address bar and the links it carries (links.mjs says what a link holds). A link's
// scenario is read once: it then lives in this browser's storage, and leaves the address so that a
// reload after further edits keeps those edits.

import { fragmentParams, movedToFragment, withoutFragmentParams } from "./links.mjs";

/**
 * Rewrite an old link (`?<name>=…`, the query form shared before) to the fragment form, at once:
 * the scenario is then read from the fragment like any new link, and a reload never sends it to a
 * server again.
 * @param {Iterable<string>} names the calculators' names
 */
export function rewriteOldLink(names) {
  const moved = movedToFragment(location.href, names);
  if (moved !== null) history.replaceState(history.state, "", moved);
}

/**
 * The value of parameter `key` in the address's fragment, or null.
 * @param {string} key
 * @returns {string | null}
 */
export function fragmentParam(key) {
  return fragmentParams(location.hash).get(key);
}

/**
 * Take parameters out of the address's fragment (their content is kept elsewhere now).
 * @param {Iterable<string>} keys
 */
export function forgetFragmentParams(keys) {
  const next = withoutFragmentParams(location.href, keys);
  if (next !== location.href) history.replaceState(history.state, "", next);
}

/**
 * Call `listener` whenever the fragment changes without a new page (a link to `#example=…` on the
 * same page, a share link pasted into the address bar of the page it is for).
 * @param {() => void} listener
 */
export function onFragmentChange(listener) {
  window.addEventListener("hashchange", () => listener());
}
