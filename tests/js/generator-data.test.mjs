// The generator's data decoder (generator-data.js), on a small file in the format that
// hooks/pattern_roadmap/engine/encoding.py writes, and on every damaged variant fast-check can think of.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import fc from "fast-check";
import { RUNS, SEED } from "./fuzz.mjs";

const { decode, mask } = createRequire(import.meta.url)("../../docs/assets/javascripts/generator-data.js");

const code = (n) => n.toString(36).padStart(2, "0");
const SPEC = {
  // [id, name, first metric, effort in weeks at each scale]
  patterns: [
    ["observability", "Observability", "Dashboards answer the on-call's first question.", [2, 3]],
    ["timeout", "Timeout", "No call waits longer than its budget.", [1, 1]],
    ["circuit-breaker", "Circuit Breaker", "A failing dependency is cut off within seconds.", [2, 2]],
  ],
};
const TIMELINE = { weeks: 13, phases: [["Foundation", "See the system", 1, 6], ["Build out", "Answer the challenges", 7, 13]] };
const DATA = {
  v: 9,
  b: 20,
  t: ["Foundation for every system.", "Caps how long a slow dependency holds a thread.", "Nothing answers <b>cost</b>."],
  r: [code(0), code(1) + code(0)],
  n: ["", code(2)],
  a: ["", code(2) + code(2)],
  x: [
    code(0) + code(1) + code(0) + "|" + code(0) + code(0) + "|" + "|" + code(0) + code(13) + "||",
    [code(0) + code(1) + code(0), code(1) + code(3) + code(1)].join("") + "|" + code(1) + code(1) + "|" + code(2) +
      "|" + code(0) + code(6) + code(1) + code(13) + "|" + code(2) + code(1) + "|" + code(0),
  ],
};

test("a plan decodes to patterns, weeks and sentences", () => {
  const plan = decode(DATA, 1, SPEC, 1, TIMELINE);
  assert.equal(plan.budget, 20);
  assert.deepEqual(plan.steps.map((s) => [s.pattern[0], s.start, s.end, s.reasons]), [
    ["observability", 1, 3, ["Foundation for every system."]],
    ["timeout", 3, 3, ["Caps how long a slow dependency holds a thread.", "Foundation for every system."]],
  ]);
  assert.deepEqual(plan.next.map((p) => p[0]), ["circuit-breaker"]);
  assert.deepEqual(plan.avoid, [{ pattern: SPEC.patterns[2], why: "Nothing answers <b>cost</b>." }]);
  assert.deepEqual(plan.notes, ["Nothing answers <b>cost</b>."]);
  assert.deepEqual(plan.phases, [[0, 6], [1, 13]]);
  assert.deepEqual(plan.alternatives.map(([a, b]) => [a[0], b[0]]), [["circuit-breaker", "timeout"]]);
  assert.deepEqual(plan.stores.map((p) => p[0]), ["observability"]);
});

test("the ticked boxes make the bitmask in the form's order", () => {
  const field = { options: [["reliability"], ["performance"], ["cost"]] };
  assert.equal(mask(["cost", "reliability"], field), 0b101);
  assert.equal(mask([], field), 0);
});

test("a damaged file decodes to null, not an exception", () => {
  assert.equal(decode({ ...DATA, x: [DATA.x[0].slice(1)] }, 0, SPEC, 0, TIMELINE), null); // a step cut short
  assert.equal(decode({ ...DATA, t: [] }, 0, SPEC, 0, TIMELINE), null); // a sentence past the table's end
  assert.equal(decode({ ...DATA, x: [code(9) + DATA.x[0].slice(2)] }, 0, SPEC, 0, TIMELINE), null); // no such pattern
  assert.equal(decode({ ...DATA, x: [code(0) + code(40) + DATA.x[0].slice(4)] }, 0, SPEC, 0, TIMELINE), null); // week 144
  assert.equal(decode(null, 0, SPEC, 0, TIMELINE), null);
  assert.equal(decode(DATA, 7, SPEC, 0, TIMELINE), null); // no plan for those boxes
});

// Every way a file can be damaged: any field replaced by any JSON value, strings cut or spliced
// with other characters, whole tables replaced, and arbitrary JSON in place of the file.
const json = fc.jsonValue({ maxDepth: 3 });
const splice = (text) => fc.tuple(fc.nat(text.length), fc.nat(6), fc.string({ maxLength: 6 }))
  .map(([at, cut, put]) => text.slice(0, at) + put + text.slice(at + cut));
const damaged = fc.oneof(
  fc.constantFrom("v", "b", "t", "r", "n", "a", "x").chain((key) => json.map((value) => ({ ...DATA, [key]: value }))),
  fc.nat(1).chain((i) => splice(DATA.x[i]).map((row) => ({ ...DATA, x: DATA.x.map((r, j) => (j === i ? row : r)) }))),
  fc.constantFrom("t", "r", "n", "a").chain((key) =>
    fc.array(fc.oneof(fc.string({ maxLength: 8 }), json), { maxLength: 4 }).map((table) => ({ ...DATA, [key]: table }))),
  json,
);

test("fuzz: any damaged file decodes to null or to a plan made only of known patterns and strings", () => {
  fc.assert(
    fc.property(damaged, fc.nat(3), (data, bits) => {
      const plan = decode(data, bits, SPEC, 1, TIMELINE);
      if (plan === null) return;
      const known = (p) => SPEC.patterns.includes(p);
      assert.ok(plan.steps.every((s) => known(s.pattern) && s.start >= 1 && s.end <= TIMELINE.weeks &&
        s.reasons.length > 0 && s.reasons.every((r) => typeof r === "string")));
      assert.ok([...plan.next, ...plan.stores, ...plan.alternatives.flat()].every(known));
      assert.ok(plan.avoid.every((x) => known(x.pattern) && typeof x.why === "string"));
      assert.ok(plan.notes.every((n) => typeof n === "string"));
      assert.ok(plan.phases.every(([i, end]) => i < TIMELINE.phases.length && end >= 1 && end <= TIMELINE.weeks));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
