// The search worker's answers to Material (search-worker.js), loaded as the classic worker script
// it is, in a context with a stand-in for the worker's `self`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";
import fc from "fast-check";
import { RUNS, SEED } from "./fuzz.mjs";

function load() {
  const posted = [];
  const listeners = {};
  const self = {
    location: { href: "http://127.0.0.1/assets/javascripts/search-worker.js" },
    postMessage: (message) => posted.push(message),
    addEventListener: (type, listener) => { listeners[type] = listener; },
  };
  const context = vm.createContext({ self, console, setTimeout, URL, Promise });
  vm.runInContext(readFileSync(new URL("../../docs/assets/javascripts/search-worker.js", import.meta.url), "utf8"), context);
  return { context, posted, listeners };
}

test("setup is answered at once, with nothing loaded", () => {
  const { posted, listeners } = load();
  listeners.message({ data: { type: 0, data: { config: {}, docs: [] } } });
  assert.deepEqual(JSON.parse(JSON.stringify(posted)), [{ type: 1 }]); // objects from the script's own realm
});

test("a result becomes Material's page-then-sections group, with escaped titles and site-relative links", () => {
  const { context } = load();
  const data = {
    url: "/patterns/saga/",
    meta: { title: "Saga <i>&</i>" },
    excerpt: "a <mark>compensating</mark> step",
    sub_results: [
      { url: "/patterns/saga/", title: "Saga", excerpt: "page" },
      { url: "/patterns/saga/#how-it-works", title: "How it works", excerpt: "each <mark>step</mark>" },
    ],
  };
  const [page, section, ...rest] = context.group(data, { step: true }, 8);
  assert.deepEqual(rest, []);
  assert.equal(page.location, "patterns/saga/");
  assert.equal(page.title, "Saga &#60;i&#62;&#38;&#60;/i&#62;");
  assert.equal(page.text, "<p>a <mark>compensating</mark> step</p>");
  assert.equal(section.location, "patterns/saga/#how-it-works");
  assert.ok(section.score < page.score); // Material folds the sections under "more on this page"
});

test("fuzz: whatever a page's text holds, a result's text has no markup but <mark>", () => {
  const { context } = load();
  const text = fc.array(fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("<mark>", "</mark>", "<img src=x onerror=alert(1)>", "&lt;", "&amp;lt;", "<", ">", "&", '"', "'"),
  ), { maxLength: 12 }).map((parts) => parts.join(""));
  fc.assert(
    fc.property(text, text, (excerpt, title) => {
      const [page] = context.group({ url: "/x/", meta: { title }, excerpt, sub_results: [] }, {}, 1);
      assert.doesNotMatch(page.title, /[<>]/);
      assert.doesNotMatch(page.text.replace(/^<p>|<\/p>$/g, "").replace(/<\/?mark>/g, ""), /[<>]/);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
