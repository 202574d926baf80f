// @ts-check
// Share links: a calculator's state travels in the URL's fragment, `#<calculator name>=<state as
// base64url JSON>`, and a worked example as `#example=<id>`. Browsers never send the fragment to
// the server, so a shared scenario (site names and figures included) stays out of every server's
// log. Links shared before carried the state in the query string (`?<name>=…`): they are still
// read, and the address is rewritten to the fragment form at once (address.mjs).
// Pure: no browser state is read or written here (the unit tests run it under Node).

/** The fragment parameter that names a worked example of the catalog. */
export const EXAMPLE_PARAM = "example";

/**
 * A state as compact JSON in unpadded base64url (UTF-8: site names may be Japanese).
 * @param {unknown} state
 * @returns {string}
 */
export function encodeState(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The state a link carries, or null when it cannot be read (cut short or mangled on its way) or is
 * not an object.
 * @param {string} text
 * @returns {Record<string, unknown> | null}
 */
export function decodeState(text) {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The parameters a fragment carries (`#a=…&example=…`); a plain anchor (`#item-score`) carries none.
 * @param {string} hash location.hash, with or without its "#"
 * @returns {URLSearchParams}
 */
export function fragmentParams(hash) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  return text.includes("=") ? new URLSearchParams(text) : new URLSearchParams();
}

/**
 * A fragment for `params` ("" when there are none).
 * @param {URLSearchParams} params
 * @returns {string}
 */
function fragmentOf(params) {
  const text = params.toString();
  return text ? `#${text}` : "";
}

/**
 * A link to the page at `href` that reproduces `state` in calculator `name`, in the fragment.
 * @param {string} href the page's address (its query and fragment are left out)
 * @param {string} name
 * @param {unknown} state
 * @returns {string}
 */
export function shareLink(href, name, state) {
  const url = new URL(href);
  url.search = "";
  const params = new URLSearchParams();
  params.set(name, encodeState(state));
  url.hash = fragmentOf(params);
  return url.href;
}

/**
 * The address with the scenarios of an old link (`?<name>=…` for one of `names`) moved into the
 * fragment, or null when its query carries none. Other query parameters stay where they are.
 * @param {string} href
 * @param {Iterable<string>} names the calculators' names
 * @returns {string | null}
 */
export function movedToFragment(href, names) {
  const url = new URL(href);
  const query = new URLSearchParams(url.search);
  const fragment = fragmentParams(url.hash);
  let moved = false;
  for (const name of names) {
    const value = query.get(name);
    if (value === null) continue;
    query.delete(name);
    if (!fragment.has(name)) fragment.set(name, value);
    moved = true;
  }
  if (!moved) return null;
  const rest = query.toString();
  url.search = rest ? `?${rest}` : "";
  url.hash = fragmentOf(fragment);
  return url.href;
}

/**
 * The address without the fragment parameters `keys` (read and kept elsewhere now): a reload after
 * further edits then keeps those edits.
 * @param {string} href
 * @param {Iterable<string>} keys
 * @returns {string}
 */
export function withoutFragmentParams(href, keys) {
  const url = new URL(href);
  const params = fragmentParams(url.hash);
  if (![...params.keys()].length) return url.href;
  for (const key of keys) params.delete(key);
  url.hash = fragmentOf(params);
  // new URL() keeps an empty "#" when the hash is set to "": drop it
  return url.href.endsWith("#") ? url.href.slice(0, -1) : url.href;
}
