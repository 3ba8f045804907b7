/*
 * Roadmap generator. It does no planning: every plan was made at build time by hooks/engine.py.
 * It reads the form (or the page address), fetches the one small pre-generated file for the five
 * selects, picks the plan for the ticked boxes and fills in pre-rendered templates. Everything
 * from the data or the address is inserted as text, never as HTML.
 */
(() => {
  "use strict";

  const files = new Map(); // data URL -> Promise of its contents, kept across instant navigations
  const SELECTS = ["system", "scale", "team", "goal", "timeline"];
  const PARAMS = ["system", "scale", "team", "challenges", "goal", "timeline"];
  let charts = 0;

  function setup() {
    const form = document.querySelector("[data-pr-generator-form]");
    const specNode = document.getElementById("pr-generator-spec");
    if (!form || !specNode) return;
    const spec = JSON.parse(specNode.textContent);
    const out = document.getElementById("generated-roadmap");
    const message = document.querySelector("[data-pr-message]");
    const field = {};
    spec.fields.forEach((f) => { field[f.param] = f; });
    const label = (param, value) => (field[param].options.find((o) => o[0] === value) || [value, value])[1];
    const ctx = { spec, field, label };

    const showMessage = (lines, retry) => {
      message.replaceChildren(...lines.map((line) => el("p", line)));
      if (retry) {
        const button = el("button", "Try again");
        button.type = "button";
        button.className = "md-button";
        button.addEventListener("click", () => generate(true));
        message.append(button);
      }
      message.hidden = false;
    };

    const generate = (fromButton) => {
      const started = performance.now();
      const answers = read(form, spec);
      const name = SELECTS.map((p) => answers[p]).join(".") + ".json";
      load(new URL(spec.data + name, location.href.split(/[?#]/)[0]).href).then((data) => {
        if (data.v !== spec.version) throw new Error("data version " + data.v);
        const plan = decode(data, mask(answers, field.challenges), spec);
        render(out, plan, answers, ctx);
        history.replaceState(history.state, "", "?" + address(answers));
        if (fromButton || !problems.length) {
          message.hidden = true;
          message.replaceChildren();
        }
        out.dataset.renderMs = (performance.now() - started).toFixed(1);
        out.dispatchEvent(new CustomEvent("pr:rendered", { bubbles: true }));
        if (fromButton) out.querySelector(".pr-roadmap__title").focus();
        drawChart(out.querySelector(".pr-roadmap__chart"), plan, spec.timelines[answers.timeline]);
      }).catch(() => {
        showMessage(["The plan for these answers could not be loaded. Check your connection, then try again."], true);
      });
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      generate(true);
    });
    const { answers, problems, present } = readAddress(spec, field, location.search);
    if (problems.length) showMessage(problems);
    if (present) {
      fill(form, spec, answers);
      generate(false);
    }
  }

  /* ---- the page address ---------------------------------------------------------------------- */

  function readAddress(spec, field, search) {
    const answers = {}, problems = [], seen = new Set(), repeated = new Set();
    let present = false;
    for (const [key, value] of new URLSearchParams(search)) {
      const f = Object.prototype.hasOwnProperty.call(field, key) ? field[key] : null;
      const shown = `"${clip(key)}"`;
      if (!f) {
        problems.push(`Unknown parameter ${shown} was ignored.`);
        continue;
      }
      present = true;
      if (seen.has(key)) {
        if (!repeated.has(key)) problems.push(`Parameter ${shown} was given more than once; its default is used.`);
        repeated.add(key);
        continue;
      }
      seen.add(key);
      const values = f.options.map((o) => o[0]);
      const given = f.multiple ? (value ? value.split(",") : []) : [value];
      const bad = given.find((v) => !values.includes(v));
      if (value.length > 200) problems.push(`Parameter ${shown} is too long; its default is used.`);
      else if (bad !== undefined) problems.push(`Parameter ${shown} has an unknown value "${clip(bad)}"; its default is used.`);
      else answers[key] = f.multiple ? given : value;
    }
    repeated.forEach((key) => delete answers[key]);
    spec.fields.forEach((f) => {
      if (!(f.param in answers)) answers[f.param] = f.multiple ? [] : f.default;
    });
    return { answers, problems, present };
  }

  const address = (answers) => PARAMS.map((p) => `${p}=${[].concat(answers[p]).join(",")}`).join("&");
  const clip = (text) => (text.length > 40 ? text.slice(0, 40) + "..." : text);

  /* ---- the form -------------------------------------------------------------------------------- */

  const boxes = (form) => Array.from(form.querySelectorAll('input[name="challenge"]'));

  function read(form, spec) {
    const answers = {};
    spec.fields.forEach((f) => {
      answers[f.param] = f.multiple
        ? boxes(form).filter((box) => box.checked).map((box) => box.value)
        : form.querySelector("#" + f.id).value;
    });
    return answers;
  }

  function fill(form, spec, answers) {
    spec.fields.forEach((f) => {
      if (f.multiple) boxes(form).forEach((box) => { box.checked = answers[f.param].includes(box.value); });
      else form.querySelector("#" + f.id).value = answers[f.param];
    });
  }

  const mask = (answers, f) =>
    f.options.reduce((bits, o, i) => (answers.challenges.includes(o[0]) ? bits | (1 << i) : bits), 0);

  /* ---- data (format: hooks/generator_data.py) ------------------------------------------------ */

  function load(url) {
    if (!files.has(url)) {
      files.set(url, fetch(url).then((response) => {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      }).catch((error) => {
        files.delete(url); // "Try again" fetches it afresh
        throw error;
      }));
    }
    return files.get(url);
  }

  function decode(data, bits, spec) {
    const [steps, lists, notes, phases] = data.x[bits].split("|");
    const n = (code) => parseInt(code, 36);
    const pairs = (text, width) => text.match(new RegExp(`.{${width}}`, "g")) || [];
    const text = (code) => data.t[n(code)];
    const pattern = (code) => spec.patterns[n(code)];
    return {
      steps: pairs(steps, 6).map((step) => {
        const [p, start, why] = pairs(step, 2).map(n);
        const found = spec.patterns[p];
        return { pattern: found, start, end: start + found[3] - 1, reasons: pairs(data.r[why], 2).map(text) };
      }),
      next: pairs(data.n[n(lists.slice(0, 2))], 2).map(pattern),
      avoid: pairs(data.a[n(lists.slice(2))], 4).map((pair) => ({ pattern: pattern(pair.slice(0, 2)), why: text(pair.slice(2)) })),
      notes: pairs(notes, 2).map(text),
      phases: pairs(phases, 2).map(n),
    };
  }

  /* ---- rendering -------------------------------------------------------------------------------- */

  function el(tag, text) {
    const node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  const clone = (id) => document.getElementById(id).content.cloneNode(true);
  const weeks = (s) => (s.start === s.end ? `Week ${s.start}` : `Weeks ${s.start}-${s.end}`);
  const href = (pattern, base) => base + pattern[0] + "/";

  function byPhase(plan, timeline, each) {
    let first = 0;
    plan.phases.forEach((count, i) => {
      const [name, goal, start, end] = timeline.phases[i];
      each({ number: i + 1, name, goal, start, end, title: `Phase ${i + 1}: ${name} (weeks ${start}-${end})` },
        plan.steps.slice(first, first + count), plan.steps.slice(0, first));
      first += count;
    });
  }

  function render(out, plan, answers, ctx) {
    const { spec, label } = ctx;
    const view = clone("pr-tpl-roadmap");
    const timeline = spec.timelines[answers.timeline];
    view.querySelector(".pr-roadmap__summary").textContent =
      `${plan.steps.length} patterns over ${timeline.weeks} weeks for a ${label("system", answers.system)} ` +
      `system at ${label("scale", answers.scale)}, team ${label("team", answers.team)}, ` +
      `goal: ${label("goal", answers.goal)}.`;
    fill_(view.querySelector(".pr-roadmap__notes"), plan.notes.map((note) => el("li", note)));
    const phases = view.querySelector(".pr-roadmap__phases");
    byPhase(plan, timeline, (phase, steps, earlier) => {
      const block = clone("pr-tpl-phase");
      block.querySelector(".pr-phase__title").textContent = phase.title;
      block.querySelector(".pr-phase__goal").textContent = phase.goal;
      block.querySelector(".pr-phase__steps").append(...steps.map((s) => stepCard(s, spec)));
      const running = earlier.filter((s) => s.end >= phase.start);
      if (running.length) {
        const p = block.querySelector(".pr-phase__running");
        p.textContent = "Still under way: " + running.map((s) => `${s.pattern[1]} (to week ${s.end})`).join(", ") + ".";
        p.hidden = false;
      }
      const exit = block.querySelector(".pr-phase__exit");
      if (steps.length) exit.querySelector("ul").append(...steps.map((s) => el("li", `${s.pattern[1]}: ${s.pattern[2]}`)));
      else exit.remove();
      phases.append(block);
    });
    fill_(view.querySelector(".pr-roadmap__next"), plan.next.map((p) => item(p, "", spec)));
    fill_(view.querySelector(".pr-roadmap__avoid"), plan.avoid.map((x) => item(x.pattern, x.why, spec)));
    out.replaceChildren(view);
    out.querySelectorAll("[data-pr-action]").forEach((button) => {
      button.addEventListener("click", () => act(button, plan, answers, ctx));
    });
  }

  function stepCard(step, spec) {
    const card = clone("pr-tpl-step");
    card.querySelector(".pr-step").dataset.pattern = step.pattern[0];
    const a = card.querySelector(".pr-step__name");
    a.href = href(step.pattern, spec.patternsUrl);
    a.textContent = step.pattern[1];
    card.querySelector(".pr-step__weeks").textContent = weeks(step);
    card.querySelector(".pr-step__reasons").append(...step.reasons.map((r) => el("li", r)));
    return card;
  }

  function item(pattern, why, spec) {
    const node = clone("pr-tpl-item").querySelector(".pr-item");
    node.dataset.pattern = pattern[0];
    const a = node.querySelector(".pr-item__name");
    a.href = href(pattern, spec.patternsUrl);
    a.textContent = pattern[1];
    node.querySelector(".pr-item__why").textContent = why ? ": " + why : "";
    return node;
  }

  function fill_(section, items) {
    if (!items.length) return;
    section.querySelector("ul").append(...items);
    section.hidden = false;
  }

  /* ---- the Gantt chart, drawn by mermaid once the plan is on screen --------------------------- */

  function drawChart(box, plan, timeline) {
    // One chart "day" stands for one week, so the axis (day of the year) reads as week numbers.
    const day = (week) => new Date(Date.UTC(2024, 0, week)).toISOString().slice(0, 10);
    const tick = timeline.weeks <= 12 ? 1 : timeline.weeks <= 26 ? 2 : timeline.weeks <= 52 ? 4 : 6;
    const lines = ["gantt", "dateFormat YYYY-MM-DD", "axisFormat %-j", `tickInterval ${tick}day`];
    byPhase(plan, timeline, (phase, steps) => {
      lines.push(`section Phase ${phase.number}`);
      steps.forEach((s, j) => {
        lines.push(`${s.pattern[1].replace(/[:;#]/g, " ")} :p${phase.number}s${j}, ${day(s.start)}, ${day(s.end + 1)}`);
      });
    });
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", `Gantt chart of the plan by week; the phases below list the same steps.`);
    if (!window.mermaid || typeof window.mermaid.render !== "function") return;
    window.mermaid.render(`pr-gantt-${++charts}`, lines.join("\n")).then((result) => {
      if (box.isConnected) box.innerHTML = result.svg; // mermaid's sanitised SVG of our own data
    }).catch(() => {
      box.textContent = "The chart could not be drawn; the phases below list every step.";
    });
  }

  /* ---- actions: copy the link, download Markdown or CSV ---------------------------------------- */

  function act(button, plan, answers, ctx) {
    const status = button.parentNode.querySelector(".pr-roadmap__status");
    const kind = button.dataset.prAction;
    if (kind === "copy") {
      const shown = () => { status.textContent = location.href; };
      if (navigator.clipboard) navigator.clipboard.writeText(location.href).then(() => { status.textContent = "Link copied."; }, shown);
      else shown();
      return;
    }
    const base = new URL(ctx.spec.patternsUrl, location.href).href;
    const csvFile = kind === "csv";
    const text = csvFile ? csv(plan, ctx.spec.timelines[answers.timeline], base) : markdown(plan, answers, ctx, base);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: csvFile ? "text/csv" : "text/markdown" }));
    a.download = "pattern-roadmap." + (csvFile ? "csv" : "md");
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    status.textContent = `Downloaded ${a.download}.`;
  }

  function markdown(plan, answers, { spec, label }, base) {
    const md = ["# Pattern roadmap", "", `Link: ${location.href}`, ""];
    SELECTS.forEach((p) => md.push(`- ${p}: ${label(p, answers[p])}`));
    md.push(`- challenges: ${answers.challenges.map((c) => label("challenges", c)).join("; ") || "none"}`, "");
    plan.notes.forEach((note) => md.push(`> ${note}`, ""));
    byPhase(plan, spec.timelines[answers.timeline], (phase, steps) => {
      md.push(`## ${phase.title}`, "", phase.goal, "");
      steps.forEach((s) => md.push(`- [${s.pattern[1]}](${href(s.pattern, base)}), ${weeks(s).toLowerCase()}: ${s.reasons.join(" ")}`));
      md.push("");
    });
    if (plan.next.length) md.push("## Next, after this timeline", "", ...plan.next.map((p) => `- ${p[1]}`), "");
    if (plan.avoid.length) md.push("## Avoid for now", "", ...plan.avoid.map((x) => `- ${x.pattern[1]}: ${x.why}`), "");
    return md.join("\n");
  }

  function csv(plan, timeline, base) {
    const rows = [["phase", "pattern", "link", "start_week", "end_week", "reasons"]];
    byPhase(plan, timeline, (phase, steps) => {
      steps.forEach((s) => rows.push([phase.number, s.pattern[1], href(s.pattern, base), s.start, s.end, s.reasons.join(" ")]));
    });
    const cell = (value) => {
      let text = String(value);
      if (/^[=+\-@]/.test(text)) text = "'" + text; // never a formula in a spreadsheet
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
