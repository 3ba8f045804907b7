/*
 * The page address, read the same way on every page that keeps its state there: the generator,
 * the catalog's filters and the selection wizard (window.prAddress; tests/js loads it in Node).
 *
 * The rules, for a reader who opened a shared link:
 * - a parameter the page does not know is ignored, and named;
 * - a value the page does not offer is dropped, and named; the field keeps its default;
 * - a list field (the generator's challenges) keeps its valid values and drops only the bad ones,
 *   and a repeated list key (?challenges=a&challenges=b, as many tools write lists) merges;
 * - any other key given twice falls back to its default, and is named: the link is ambiguous;
 * - an over-long value is dropped, and named.
 * Problems are plain sentences; pages show them with textContent, never as HTML.
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.prAddress = api;
})(typeof self !== "undefined" ? self : this, () => {
  "use strict";

  const LONGEST = 200; // characters in one value
  const clip = (text) => (text.length > 40 ? text.slice(0, 40) + "..." : text);
  const quoted = (list) => list.slice(0, 3).map((v) => `"${clip(v)}"`).join(", ") + (list.length > 3 ? ", ..." : "");
  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

  /*
   * fields: [{ param, multiple, text, values, default }] in the order they are read.
   *   values: the allowed values, or a function of the values read so far (the wizard's answers
   *           depend on its domain); text: free text of at most that many characters instead.
   * Returns { values, problems, present }: every field's value (its default when absent or bad),
   * the sentences to show, and whether the address set any known parameter.
   */
  function read(search, fields) {
    const byParam = {};
    fields.forEach((f) => { byParam[f.param] = f; });
    const given = {}; // param -> the raw values, in order
    const problems = [];
    let present = false;
    for (const [key, value] of new URLSearchParams(search)) {
      if (!has(byParam, key)) {
        problems.push(`Unknown parameter "${clip(key)}" was ignored.`);
        continue;
      }
      present = true;
      (given[key] = given[key] || []).push(value);
    }
    const values = {};
    for (const f of fields) {
      values[f.param] = readField(f, given[f.param], values, problems);
    }
    return { values, problems, present };
  }

  function readField(f, raw, sofar, problems) {
    const name = `"${clip(f.param)}"`;
    const fallback = f.multiple ? [] : (f.default === undefined ? "" : f.default);
    if (!raw) return fallback;
    if (!f.multiple && raw.length > 1) {
      problems.push(`Parameter ${name} was given more than once; its default is used.`);
      return fallback;
    }
    if (raw.some((v) => v.length > LONGEST)) {
      problems.push(`Parameter ${name} is too long; ${f.multiple ? "it was ignored" : "its default is used"}.`);
      return fallback;
    }
    if (f.text) return raw[0].slice(0, f.text);
    const allowed = typeof f.values === "function" ? f.values(sofar) : f.values;
    if (f.multiple) {
      const all = raw.flatMap((v) => (v ? v.split(",") : []));
      const bad = all.filter((v) => !allowed.includes(v));
      if (bad.length) problems.push(`Parameter ${name} has unknown values ${quoted(bad)}, which were dropped; the others are kept.`);
      return [...new Set(all.filter((v) => allowed.includes(v)))];
    }
    if (!allowed.includes(raw[0])) {
      problems.push(`Parameter ${name} has an unknown value "${clip(raw[0])}"; its default is used.`);
      return fallback;
    }
    return raw[0];
  }

  /* The address for these values: fields in order, a list as one comma-joined value (commas kept
     readable: ?challenges=reliability,performance); with omitEmpty, a field with no value is left out. */
  function write(values, fields, { omitEmpty = false } = {}) {
    const parts = [];
    for (const f of fields) {
      const value = values[f.param];
      const list = Array.isArray(value) ? value : [value === undefined ? "" : String(value)];
      if (omitEmpty && list.join("") === "") continue;
      parts.push(`${encodeURIComponent(f.param)}=${list.map(encodeURIComponent).join(",")}`);
    }
    return parts.join("&");
  }

  /* Replace the page's address, keeping its path and fragment (no new history entry). */
  function replace(query) {
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  return { read, write, replace, clip };
});
