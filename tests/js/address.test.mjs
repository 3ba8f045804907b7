// The page-address rules shared by the generator, the catalog and the wizard (address.js).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import fc from "fast-check";
import { RUNS, SEED } from "./fuzz.mjs";

const { read, write } = createRequire(import.meta.url)("../../docs/assets/javascripts/address.js");

const CHALLENGES = ["reliability", "performance", "consistency", "deployment", "complexity", "cost"];
const GENERATOR = [
  { param: "system", default: "monolith", values: ["monolith", "serverless", "hybrid"] },
  { param: "challenges", multiple: true, values: CHALLENGES },
  { param: "goal", default: "reliability", values: ["reliability", "cost", "agility"] },
];

test("valid values are kept and only the bad ones are dropped and named", () => {
  const { values, problems, present } = read("?challenges=reliability,bogus,cost&system=mainframe", GENERATOR);
  assert.deepEqual(values, { system: "monolith", challenges: ["reliability", "cost"], goal: "reliability" });
  assert.equal(present, true);
  assert.deepEqual(problems, [
    'Parameter "system" has an unknown value "mainframe"; its default is used.',
    'Parameter "challenges" has unknown values "bogus", which were dropped; the others are kept.',
  ]);
});

test("a repeated list key merges its values; another repeated key falls back to its default", () => {
  const { values, problems } = read("challenges=reliability&challenges=deployment&goal=cost&goal=agility", GENERATOR);
  assert.deepEqual(values.challenges, ["reliability", "deployment"]);
  assert.equal(values.goal, "reliability");
  assert.deepEqual(problems, ['Parameter "goal" was given more than once; its default is used.']);
});

test("unknown parameters and over-long values are named and ignored", () => {
  const { values, problems, present } = read(`?utm_source=x&system=${"a".repeat(201)}`, GENERATOR);
  assert.equal(values.system, "monolith");
  assert.equal(present, true);
  assert.deepEqual(problems, [
    'Unknown parameter "utm_source" was ignored.',
    'Parameter "system" is too long; its default is used.',
  ]);
  assert.equal(read("?utm_source=x", GENERATOR).present, false);
});

test("free text is kept as typed, cut to its field's length", () => {
  const fields = [{ param: "q", default: "", text: 5 }];
  assert.equal(read("?q=%3Cb%3Esplit", fields).values.q, "<b>sp");
});

test("a field's allowed values may depend on the fields read before it (the wizard)", () => {
  const answers = { payments: ["ledger", "refunds"], messaging: ["fanout"] };
  const fields = [
    { param: "domain", default: "payments", values: Object.keys(answers) },
    { param: "answer", default: "", values: (got) => answers[got.domain] },
  ];
  assert.deepEqual(read("?domain=messaging&answer=fanout", fields).values, { domain: "messaging", answer: "fanout" });
  const wrong = read("?domain=messaging&answer=ledger", fields);
  assert.equal(wrong.values.answer, "");
  assert.deepEqual(wrong.problems, ['Parameter "answer" has an unknown value "ledger"; its default is used.']);
});

test("write keeps commas readable, encodes the rest and can leave empty fields out", () => {
  assert.equal(write({ system: "monolith", challenges: ["reliability", "cost"], goal: "cost" }, GENERATOR),
    "system=monolith&challenges=reliability,cost&goal=cost");
  assert.equal(write({ system: "monolith", challenges: [], goal: "cost" }, GENERATOR, { omitEmpty: true }),
    "system=monolith&goal=cost");
  assert.equal(write({ q: "a&b=c" }, [{ param: "q", text: 80 }]), "q=a%26b%3Dc");
});

// Any address at all: built from the fields' own keys and values and from arbitrary text.
const piece = fc.oneof(
  fc.constantFrom("system", "challenges", "goal", "q", "x", "__proto__", "constructor"),
  fc.constantFrom(...CHALLENGES, "monolith", "hybrid", "cost", ",", "&", "=", "%", "%2C", "<img src=x>"),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
);
const address = fc.array(fc.tuple(piece, piece), { maxLength: 8 }).map(
  (pairs) => "?" + pairs.map(([k, v]) => `${k}=${v}`).join("&"),
);

test("fuzz: any address reads without an exception, to allowed values or defaults", () => {
  fc.assert(
    fc.property(fc.oneof(address, fc.string({ maxLength: 300 })), (search) => {
      const { values, problems } = read(search, GENERATOR);
      assert.ok(["monolith", "serverless", "hybrid"].includes(values.system));
      assert.ok(["reliability", "cost", "agility"].includes(values.goal));
      assert.ok(values.challenges.every((c) => CHALLENGES.includes(c)));
      assert.equal(new Set(values.challenges).size, values.challenges.length);
      assert.ok(problems.every((p) => typeof p === "string" && p.length < 400));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test("fuzz: what write produces reads back to the same values, with no problem", () => {
  const values = fc.record({
    system: fc.constantFrom("monolith", "serverless", "hybrid"),
    challenges: fc.uniqueArray(fc.constantFrom(...CHALLENGES)),
    goal: fc.constantFrom("reliability", "cost", "agility"),
  });
  fc.assert(
    fc.property(values, (v) => {
      const back = read("?" + write(v, GENERATOR), GENERATOR);
      assert.deepEqual(back.problems, []);
      assert.deepEqual(back.values, { ...v });
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
