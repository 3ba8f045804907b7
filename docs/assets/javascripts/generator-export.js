/*
 * The generator's plan actions: copy the link, download the plan as Markdown or CSV. generator.js
 * calls window.prGeneratorExport(button, plan, answers, ctx) with the decoded plan and its helpers
 * (byPhase, weeks, href, label, spec). Plain text only; CSV cells never start a formula.
 */
(() => {
  "use strict";

  const SELECTS = ["system", "scale", "team", "goal", "timeline"];

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
    const text = csvFile ? csv(plan, ctx.spec.timelines[answers.timeline], base, ctx) : markdown(plan, answers, ctx, base);
    const name = "pattern-roadmap." + (csvFile ? "csv" : "md");
    window.prCommon.download(text, name, csvFile ? "text/csv" : "text/markdown");
    status.textContent = `Downloaded ${name}.`;
  }

  function markdown(plan, answers, { spec, label, byPhase, weeks, href }, base) {
    const md = ["# Pattern roadmap", "", `Link: ${location.href}`, ""];
    SELECTS.forEach((p) => md.push(`- ${p}: ${label(p, answers[p])}`));
    md.push(`- challenges: ${answers.challenges.map((c) => label("challenges", c)).join("; ") || "none"}`, "");
    plan.notes.forEach((note) => md.push(`> ${note}`, ""));
    byPhase(plan, spec.timelines[answers.timeline], (phase, steps, running, ending) => {
      md.push(`## ${phase.title}`, "", phase.goal, "");
      steps.forEach((s) => md.push(`- [${s.pattern[1]}](${href(s.pattern, base)}), ${weeks(s).toLowerCase()}: ${s.reasons.join(" ")}`));
      if (ending.length) md.push("", "Exit criteria:", "", ...ending.map((s) => `- [ ] ${s.pattern[1]}: ${s.pattern[2]}`));
      md.push("");
    });
    if (plan.next.length) md.push("## Next, after this timeline", "", ...plan.next.map((p) => `- ${p[1]}`), "");
    if (plan.avoid.length) md.push("## Avoid for now", "", ...plan.avoid.map((x) => `- ${x.pattern[1]}: ${x.why}`), "");
    return md.join("\n");
  }

  function csv(plan, timeline, base, { byPhase, href }) {
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

  window.prGeneratorExport = act;
})();
