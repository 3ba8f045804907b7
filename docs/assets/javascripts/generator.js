/*
 * Roadmap generator. It does no planning: every plan was made at build time by hooks/pattern_roadmap/engine/.
 * It reads the form (or the page address), fetches the one small pre-generated file for the five
 * selects, picks the plan for the ticked boxes and fills in pre-rendered templates. Everything
 * from the data or the address is inserted as text, never as HTML.
 */
(() => {
  "use strict";

  const files = new Map(); // data URL -> Promise of its contents, kept across instant navigations
  const SELECTS = ["system", "scale", "team", "goal", "timeline"];

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
      if (retry) message.scrollIntoView({ block: "nearest" });
    };

    const generate = (fromButton) => {
      const started = performance.now();
      const answers = read(form, spec);
      const name = SELECTS.map((p) => answers[p]).join(".") + ".json.gz";
      load(new URL(spec.data + name, location.href.split(/[?#]/)[0]).href).then((data) => {
        if (data.v !== spec.version) throw new Error("data version " + data.v);
        const scale = field.scale.options.findIndex((o) => o[0] === answers.scale);
        const { decode, mask } = window.prGeneratorData;
        const plan = decode(data, mask(answers.challenges, field.challenges), spec, scale, spec.timelines[answers.timeline]);
        if (!plan) throw new Error("malformed plan data");
        render(out, plan, answers, ctx);
        window.prAddress.replace(window.prAddress.write(answers, addressFields(spec)));
        if (fromButton || !problems.length) {
          message.hidden = true;
          message.replaceChildren();
        }
        out.dataset.renderMs = (performance.now() - started).toFixed(1);
        out.dispatchEvent(new CustomEvent("pr:rendered", { bubbles: true }));
        if (fromButton) out.querySelector(".pr-roadmap__title").focus();
        drawChart(out.querySelector(".pr-roadmap__chart"), plan, spec.timelines[answers.timeline], spec);
      }).catch(() => {
        showMessage(["The plan for these answers could not be loaded. Check your connection, then try again."], true);
      });
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      generate(true);
    });
    const { values: answers, problems, present } = window.prAddress.read(location.search, addressFields(spec));
    if (problems.length) showMessage(problems);
    if (present) {
      fill(form, spec, answers);
      generate(false);
    }
  }

  /* ---- the page address: docs/assets/javascripts/address.js ---------------------------------- */

  const addressFields = (spec) => spec.fields.map((f) => ({
    param: f.param, multiple: f.multiple, default: f.default, values: f.options.map((o) => o[0]),
  }));

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

  /* ---- data (format: hooks/pattern_roadmap/engine/encoding.py; decoded by generator-data.js) -- */

  function load(url) {
    if (!files.has(url)) {
      files.set(url, fetch(url).then((response) => {
        if (!response.ok) throw new Error(response.status + " " + url);
        // stored gzip-compressed (engine/encoding.py): inflate here, whatever the host does
        return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
      }).catch((error) => {
        files.delete(url); // "Try again" fetches it afresh
        throw error;
      }));
    }
    return files.get(url);
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
    let start = 1;
    plan.phases.forEach(([index, end], i) => {
      const [name, goal] = timeline.phases[index];
      const inside = (week) => week >= start && week <= end;
      each({ number: i + 1, name, goal, start, end, title: `Phase ${i + 1}: ${name} (weeks ${start}-${end})` },
        plan.steps.filter((s) => inside(s.start)), plan.steps.filter((s) => s.start < start && s.end >= start),
        plan.steps.filter((s) => inside(s.end)));
      start = end + 1;
    });
  }

  function render(out, plan, answers, ctx) {
    const { spec, label } = ctx;
    const view = clone("pr-tpl-roadmap");
    const timeline = spec.timelines[answers.timeline];
    const effort = plan.steps.reduce((sum, s) => sum + s.end - s.start + 1, 0);
    view.querySelector(".pr-roadmap__summary").textContent =
      `${plan.steps.length} patterns over ${timeline.weeks} weeks for a ${label("system", answers.system)} ` +
      `system at ${label("scale", answers.scale)}, team ${label("team", answers.team)}, ` +
      `goal: ${label("goal", answers.goal)}.`;
    view.querySelector(".pr-roadmap__budget").textContent =
      `Budget: ${plan.budget} team-weeks (${Math.round(spec.budgetShare * 100)}% of your team's capacity over the ` +
      `timeline; the rest stays for feature work). This plan takes ${effort}.`;
    fill_(view.querySelector(".pr-roadmap__notes"), plan.notes.map((note) => el("li", note)));
    const phases = view.querySelector(".pr-roadmap__phases");
    byPhase(plan, timeline, (phase, steps, running, ending) => {
      const block = clone("pr-tpl-phase");
      block.querySelector(".pr-phase__title").textContent = phase.title;
      block.querySelector(".pr-phase__goal").textContent = phase.goal;
      block.querySelector(".pr-phase__steps").append(...steps.map((s) => stepCard(s, spec)));
      if (running.length) {
        const p = block.querySelector(".pr-phase__running");
        p.textContent = "Still under way: " + running.map((s) => `${s.pattern[1]} (to week ${s.end})`).join(", ") + ".";
        p.hidden = false;
      }
      const exit = block.querySelector(".pr-phase__exit");
      if (ending.length) exit.querySelector("ul").append(...ending.map((s) => el("li", `${s.pattern[1]}: ${s.pattern[2]}`)));
      else exit.remove();
      phases.append(block);
    });
    fill_(view.querySelector(".pr-roadmap__alternatives"),
      plan.alternatives.map(([p, planned]) => item(p, `instead of ${planned[1]}`, spec)));
    fill_(view.querySelector(".pr-roadmap__stores"), plan.stores.map((p) => item(p, "", spec)));
    fill_(view.querySelector(".pr-roadmap__next"), plan.next.map((p) => item(p, "", spec)));
    fill_(view.querySelector(".pr-roadmap__avoid"), plan.avoid.map((x) => item(x.pattern, x.why, spec)));
    out.replaceChildren(view);
    out.querySelectorAll("[data-pr-action]").forEach((button) => {
      button.addEventListener("click", () => window.prGeneratorExport(button, plan, answers, { ...ctx, byPhase, weeks, href }));
    });
  }

  function stepCard(step, spec) {
    const card = clone("pr-tpl-step");
    card.querySelector(".pr-step").dataset.pattern = step.pattern[0];
    const a = card.querySelector(".pr-step__name");
    a.href = href(step.pattern, spec.patternsUrl);
    a.textContent = step.pattern[1];
    card.querySelector(".pr-step__weeks").textContent = weeks(step);
    card.querySelector(".pr-step__reasons").append(...step.reasons.slice(0, -1).map((r) => el("li", r)));
    card.querySelector(".pr-step__now").textContent = "Why now: " + step.reasons[step.reasons.length - 1];
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

  /* ---- the timeline: the pre-built roadmaps' table of bars (overrides/hooks/roadmap.html) ---- */

  function drawChart(box, plan, timeline, spec) {
    const table = document.createElement("table");
    const cell = (tag, text, scope) => Object.assign(el(tag, text), { scope });
    const pct = (weeks) => `${(weeks / timeline.weeks) * 100}%`;
    table.className = "pr-gantt";
    table.style.setProperty("--pr-weeks", timeline.weeks);
    table.createCaption().textContent = `Weeks 1-${timeline.weeks}: when each pattern is adopted`;
    table.createTHead().insertRow().append(cell("th", "Pattern", "col"), cell("th", "Weeks", "col"));
    byPhase(plan, timeline, (phase, steps) => {
      const body = table.createTBody();
      const title = body.insertRow();
      title.className = "pr-gantt__phase";
      title.append(Object.assign(cell("th", phase.title, "rowgroup"), { colSpan: 2 }));
      steps.forEach((s) => {
        const row = body.insertRow();
        const name = cell("th", "", "row");
        name.append(item(s.pattern, "", spec).querySelector("a"));
        const bar = el("span", weeks(s).replace(/^Weeks? /, ""));
        bar.className = "pr-gantt__bar";
        bar.style.marginLeft = `min(${pct(s.start - 1)}, calc(100% - 3.6em))`; // late bars stay in the row
        bar.style.width = pct(s.end - s.start + 1);
        row.append(name);
        row.insertCell().append(bar);
      });
    });
    box.replaceChildren(table);
  }

  window.prCommon.onEachPage(setup);
})();
