// Local-first storage shared by the progress tracker and the checklists (common.js): a value that
// cannot be read is recovered from and set aside, never deleted.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import fc from "fast-check";
import { RUNS, SEED } from "./fuzz.mjs";

const { localStore } = createRequire(import.meta.url)("../../docs/assets/javascripts/common.js");

class MemoryStorage {
  constructor(items = {}) { this.items = new Map(Object.entries(items)); }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
}

const KEY = "pattern-roadmap.test";
const open = (storage) => localStore({
  key: KEY,
  format: "pattern-roadmap-test",
  field: "items",
  empty: () => ({}),
  clean(items) {
    const value = {};
    let skipped = 0;
    for (const [k, v] of Object.entries(items)) {
      if (v === true) value[k] = true;
      else skipped += 1;
    }
    return { value, skipped };
  },
  words: { saveFailed: "not saved", noStorage: "no storage", skipped: (n) => `${n} skipped.`, unreadable: "unreadable." },
  storage,
});
const doc = (items) => JSON.stringify({ format: "pattern-roadmap-test", version: 1, items });

test("a readable value loads as it is, and what is saved loads back", () => {
  const storage = new MemoryStorage({ [KEY]: doc({ a: true }) });
  const store = open(storage);
  assert.deepEqual({ ...store.load() }, { value: { a: true }, problem: "" });
  assert.equal(store.save({ a: true, b: true }), "");
  assert.deepEqual(store.load().value, { a: true, b: true });
});

test("a partly readable value keeps what it can and sets the original aside", () => {
  const raw = doc({ a: true, b: "yes" });
  const storage = new MemoryStorage({ [KEY]: raw });
  const { value, problem } = open(storage).load();
  assert.deepEqual(value, { a: true });
  assert.match(problem, /^1 skipped\. The original is kept under "pattern-roadmap\.test\.unreadable"/);
  assert.equal(storage.getItem(KEY + ".unreadable"), raw);
  assert.deepEqual(open(storage).load(), { value: { a: true }, problem: "" }); // reported once
});

test("an earlier set-aside value is never overwritten", () => {
  const storage = new MemoryStorage({ [KEY]: "{broken", [KEY + ".unreadable"]: "older" });
  const { problem } = open(storage).load();
  assert.equal(storage.getItem(KEY + ".unreadable"), "older");
  assert.equal(storage.getItem(KEY + ".unreadable.2"), "{broken");
  assert.match(problem, /unreadable\.2/);
});

test("storage that refuses access is reported, and nothing breaks", () => {
  const refusing = { getItem() { throw new Error("denied"); }, setItem() { throw new Error("denied"); } };
  assert.deepEqual(open(refusing).load(), { value: {}, problem: "no storage" });
  assert.equal(open(refusing).save({}), "not saved");
});

test("fuzz: whatever is stored, loading never throws and never loses the original", () => {
  const stored = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.constant(true), fc.jsonValue({ maxDepth: 1 }))).map(doc),
  );
  fc.assert(
    fc.property(stored, fc.option(fc.string({ maxLength: 10 }), { nil: undefined }), (raw, older) => {
      const items = { [KEY]: raw };
      if (older !== undefined) items[KEY + ".unreadable"] = older;
      const storage = new MemoryStorage(items);
      const { value, problem } = open(storage).load();
      assert.ok(Object.values(value).every((v) => v === true));
      assert.equal(typeof problem, "string");
      const everything = [...storage.items.values()];
      assert.ok(everything.includes(raw), "the original is still somewhere"); // never deleted
      if (older !== undefined) assert.equal(storage.getItem(KEY + ".unreadable"), older);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
