/*
 * The generator's pre-generated plans: one file per choice of the five selects, written by
 * hooks/pattern_roadmap/engine/encoding.py (the format is documented there). decode() picks the plan for the
 * ticked boxes and turns its codes back into patterns and sentences (window.prGeneratorData;
 * tests/js loads it in Node and fuzzes it).
 *
 * A file that does not have the expected shape (damaged in transit, cut short, or from another
 * version) decodes to null rather than throwing, and the page says the plan could not be read.
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.prGeneratorData = api;
})(typeof self !== "undefined" ? self : this, () => {
  "use strict";

  class Malformed extends Error {}

  const isText = (value) => typeof value === "string";
  const isTextList = (value) => Array.isArray(value) && value.every(isText);
  const number = (code) => {
    if (!/^[0-9a-z]+$/.test(code)) throw new Malformed(`bad code ${code}`);
    return parseInt(code, 36);
  };
  const pairs = (text, width) => {
    if (text.length % width) throw new Malformed(`a list of ${width}-character codes has ${text.length} characters`);
    return text.match(new RegExp(`.{${width}}`, "g")) || [];
  };
  const at = (list, code) => {
    const index = number(code);
    if (index >= list.length) throw new Malformed(`code ${code} is past the end of its table`);
    return list[index];
  };

  /*
   * The plan for the ticked boxes (`bits`, a bitmask in the form's order) at one scale (its index
   * in the form) on one of spec.timelines: { budget, steps, next, avoid, notes, phases,
   * alternatives, stores }, with patterns as spec.patterns entries. null if the data is malformed.
   */
  function decode(data, bits, spec, scale, timeline) {
    try {
      return read(data, bits, spec, scale, timeline);
    } catch (error) {
      if (error instanceof Malformed) return null;
      throw error;
    }
  }

  function read(data, bits, spec, scale, timeline) {
    const weeks = timeline.weeks;
    if (!data || typeof data !== "object" || !Array.isArray(data.x) || !Number.isInteger(data.b)) {
      throw new Malformed("not a plan file");
    }
    if (!["t", "r", "n", "a"].every((table) => isTextList(data[table]))) throw new Malformed("a table is missing");
    const row = data.x[bits];
    if (!isText(row)) throw new Malformed(`no plan for boxes ${bits}`);
    const parts = row.split("|");
    if (parts.length !== 6) throw new Malformed("a plan has six parts");
    const [steps, lists, notes, phases, alternatives, stores] = parts;
    const pattern = (code) => at(spec.patterns, code);
    const text = (code) => at(data.t, code);
    if (lists.length < 2) throw new Malformed("next and avoid are missing");
    return {
      budget: data.b,
      steps: pairs(steps, 6).map((step) => {
        const [code, startCode, whyCode] = pairs(step, 2);
        const found = pattern(code);
        const start = number(startCode);
        if (start < 1 || start > weeks) throw new Malformed(`a step starts in week ${start}`);
        const end = Math.min(start + found[3][scale] - 1, weeks); // a long change may run past the end
        const reasons = pairs(at(data.r, whyCode), 2).map(text);
        if (!reasons.length) throw new Malformed("a step without reasons");
        return { pattern: found, start, end, reasons };
      }),
      next: pairs(at(data.n, lists.slice(0, 2)), 2).map(pattern),
      avoid: pairs(at(data.a, lists.slice(2)), 4).map((pair) => ({ pattern: pattern(pair.slice(0, 2)), why: text(pair.slice(2)) })),
      notes: pairs(notes, 2).map(text),
      phases: pairs(phases, 4).map((pair) => {
        const [index, end] = [number(pair.slice(0, 2)), number(pair.slice(2))];
        if (index >= timeline.phases.length || end < 1 || end > weeks) throw new Malformed("a phase out of range");
        return [index, end];
      }),
      alternatives: pairs(alternatives, 4).map((pair) => [pattern(pair.slice(0, 2)), pattern(pair.slice(2))]),
      stores: pairs(stores, 2).map(pattern),
    };
  }

  /* The bitmask of the ticked boxes, in the order of the form's options. */
  const mask = (ticked, field) =>
    field.options.reduce((bits, option, i) => (ticked.includes(option[0]) ? bits | (1 << i) : bits), 0);

  return { decode, mask };
});
