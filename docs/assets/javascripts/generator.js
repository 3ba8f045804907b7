/*
 * Roadmap generator. It does no planning: every plan was made at build time by hooks/engine.py.
 * This file reads the form (or the page address), fetches the one small pre-generated file for
 * the five selects, picks the plan for the ticked boxes, and fills in pre-rendered templates.
 * Everything from the data or the address is inserted as text, never as HTML.
 */
(function () {
  "use strict";

  var files = new Map(); // file name -> Promise of its data; kept across instant navigations
  var charts = 0;
  var MAX_VALUE = 200;

  function setup() {
    var form = document.querySelector("[data-pr-generator-form]");
    var specNode = document.getElementById("pr-generator-spec");
    if (!form || !specNode) return;
    var spec = JSON.parse(specNode.textContent);
    var out = document.getElementById("generated-roadmap");
    var message = document.querySelector("[data-pr-message]");
    var byParam = {};
    spec.fields.forEach(function (f) { byParam[f.param] = f; });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      generate(true);
    });

    var fromUrl = readAddress(spec, byParam, location.search);
    if (fromUrl.problems.length) showMessage(fromUrl.problems);
    if (fromUrl.present) {
      fill(form, spec, fromUrl.answers);
      generate(false);
    }

    function generate(fromButton) {
      var started = performance.now();
      var answers = read(form, spec);
      var name = ["system", "scale", "team", "goal", "timeline"].map(function (p) {
        return answers[p];
      }).join(".") + ".json";
      load(new URL(spec.data + name, location.href.split(/[?#]/)[0]).href).then(function (data) {
        if (data.v !== spec.version) throw new Error("data version " + data.v);
        var plan = decode(data, mask(answers, byParam.challenges), spec);
        render(out, plan, answers, spec, byParam);
        history.replaceState(history.state, "", "?" + address(answers));
        if (!fromUrl.problems.length || fromButton) hideMessage();
        out.setAttribute("data-render-ms", (performance.now() - started).toFixed(1));
        out.dispatchEvent(new CustomEvent("pr:rendered", { bubbles: true }));
        if (fromButton) out.querySelector(".pr-roadmap__title").focus();
        drawChart(out.querySelector(".pr-roadmap__chart"), plan, answers, spec);
      }).catch(function () {
        showMessage(["The plan for these answers could not be loaded. Check your connection, then try again."], generate);
      });
    }

    function showMessage(lines, retry) {
      message.replaceChildren();
      lines.forEach(function (line) {
        var p = document.createElement("p");
        p.textContent = line;
        message.appendChild(p);
      });
      if (retry) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = "Try again";
        button.addEventListener("click", function () { retry(true); });
        message.appendChild(button);
      }
      message.hidden = false;
    }

    function hideMessage() {
      message.hidden = true;
      message.replaceChildren();
    }
  }

  /* ---- the page address ---------------------------------------------------------------- */

  function readAddress(spec, byParam, search) {
    var params = new URLSearchParams(search);
    var answers = {}, problems = [], seen = {}, present = false;
    params.forEach(function (value, key) {
      var field = Object.prototype.hasOwnProperty.call(byParam, key) ? byParam[key] : null;
      var shown = '"' + clip(key) + '"';
      if (!field) {
        problems.push("Unknown parameter " + shown + " was ignored.");
        return;
      }
      present = true;
      if (seen[key]) {
        problems.push("Parameter " + shown + " was given more than once; its default is used.");
        delete answers[key];
        seen[key] = "repeated";
        return;
      }
      seen[key] = true;
      var values = field.options.map(function (o) { return o[0]; });
      if (value.length > MAX_VALUE) {
        problems.push("Parameter " + shown + " is too long; its default is used.");
      } else if (field.multiple) {
        var ticked = value ? value.split(",") : [];
        var bad = ticked.filter(function (v) { return values.indexOf(v) < 0; });
        if (bad.length) problems.push("Parameter " + shown + ' has an unknown value "' + clip(bad[0]) + '"; no boxes are ticked.');
        else answers[key] = ticked;
      } else if (values.indexOf(value) < 0) {
        problems.push("Parameter " + shown + ' has an unknown value "' + clip(value) + '"; its default is used.');
      } else {
        answers[key] = value;
      }
    });
    Object.keys(seen).forEach(function (key) { if (seen[key] === "repeated") delete answers[key]; });
    spec.fields.forEach(function (f) {
      if (!(f.param in answers)) answers[f.param] = f.multiple ? [] : f.default;
    });
    return { answers: answers, problems: problems, present: present };
  }

  function address(answers) {
    return ["system", "scale", "team", "challenges", "goal", "timeline"].map(function (p) {
      var v = answers[p];
      return p + "=" + (Array.isArray(v) ? v.join(",") : v);
    }).join("&");
  }

  function clip(text) {
    return text.length > 40 ? text.slice(0, 40) + "..." : text;
  }

  /* ---- the form ---------------------------------------------------------------------------- */

  function read(form, spec) {
    var answers = {};
    spec.fields.forEach(function (f) {
      if (f.multiple) {
        answers[f.param] = Array.prototype.filter.call(
          form.querySelectorAll('input[name="challenge"]'), function (box) { return box.checked; }
        ).map(function (box) { return box.value; });
      } else {
        answers[f.param] = form.querySelector("#" + f.id).value;
      }
    });
    return answers;
  }

  function fill(form, spec, answers) {
    spec.fields.forEach(function (f) {
      if (f.multiple) {
        form.querySelectorAll('input[name="challenge"]').forEach(function (box) {
          box.checked = answers[f.param].indexOf(box.value) >= 0;
        });
      } else {
        form.querySelector("#" + f.id).value = answers[f.param];
      }
    });
  }

  function mask(answers, field) {
    return field.options.reduce(function (bits, option, i) {
      return answers.challenges.indexOf(option[0]) >= 0 ? bits | (1 << i) : bits;
    }, 0);
  }

  /* ---- data ---------------------------------------------------------------------------------- */

  function load(url) {
    if (!files.has(url)) {
      files.set(url, fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      }).catch(function (error) {
        files.delete(url); // let "Try again" fetch it afresh
        throw error;
      }));
    }
    return files.get(url);
  }

  function decode(data, bits, spec) {
    var parts = data.x[bits].split("|");
    var n = function (code) { return parseInt(code, 36); };
    var list = function (text) { return text ? text.split(".") : []; };
    var pattern = function (code) { return spec.patterns[n(code)]; };
    return {
      steps: list(parts[0]).map(function (code) {
        var pair = code.split(":");
        var f = data.s[n(pair[0])].split(".");
        return { pattern: pattern(f[0]), start: n(f[1]), end: n(f[2]),
          reasons: list(data.r[n(pair[1])]).map(function (t) { return data.t[n(t)]; }) };
      }),
      next: list(parts[1]).map(pattern),
      avoid: list(parts[2]).map(function (pair) {
        var q = pair.split(":");
        return { pattern: pattern(q[0]), why: data.t[n(q[1])] };
      }),
      notes: list(parts[3]).map(function (t) { return data.t[n(t)]; }),
      phases: list(parts[4]).map(n),
    };
  }

  /* ---- rendering ------------------------------------------------------------------------------ */

  function clone(id) {
    return document.getElementById(id).content.cloneNode(true);
  }

  function weeks(start, end) {
    return start === end ? "Week " + start : "Weeks " + start + "-" + end;
  }

  function label(byParam, param, value) {
    var option = byParam[param].options.filter(function (o) { return o[0] === value; })[0];
    return option ? option[1] : value;
  }

  function link(node, pattern, spec) {
    node.href = spec.patternsUrl + pattern[0] + "/";
    node.textContent = pattern[1];
  }

  function render(out, plan, answers, spec, byParam) {
    var view = clone("pr-tpl-roadmap");
    var timeline = spec.timelines[answers.timeline];
    view.querySelector(".pr-roadmap__summary").textContent =
      plan.steps.length + " patterns over " + timeline.weeks + " weeks for a " +
      label(byParam, "system", answers.system) + " system at " + label(byParam, "scale", answers.scale) +
      ", team " + label(byParam, "team", answers.team) + ", goal: " + label(byParam, "goal", answers.goal) + ".";

    fillList(view.querySelector(".pr-roadmap__notes"), plan.notes, function (li, note) {
      li.textContent = note;
    });
    var phases = view.querySelector(".pr-roadmap__phases");
    var first = 0;
    plan.phases.forEach(function (count, i) {
      var def = timeline.phases[i];
      var block = clone("pr-tpl-phase");
      block.querySelector(".pr-phase__title").textContent =
        "Phase " + (i + 1) + ": " + def[0] + " (weeks " + def[2] + "-" + def[3] + ")";
      block.querySelector(".pr-phase__goal").textContent = def[1];
      var steps = plan.steps.slice(first, first + count);
      var ol = block.querySelector(".pr-phase__steps");
      steps.forEach(function (step) { ol.appendChild(stepCard(step, spec)); });
      var running = plan.steps.slice(0, first).filter(function (s) { return s.end >= def[2]; });
      if (running.length) {
        var p = block.querySelector(".pr-phase__running");
        p.textContent = "Still under way: " + running.map(function (s) {
          return s.pattern[1] + " (to week " + s.end + ")";
        }).join(", ") + ".";
        p.hidden = false;
      }
      var exit = block.querySelector(".pr-phase__exit");
      if (steps.length) {
        steps.forEach(function (s) { addText(exit.querySelector("ul"), s.pattern[1] + ": " + s.pattern[2]); });
      } else {
        exit.remove();
      }
      phases.appendChild(block);
      first += count;
    });
    fillList(view.querySelector(".pr-roadmap__next"), plan.next, function (li, pattern) {
      li.appendChild(item(pattern, "", spec));
    });
    fillList(view.querySelector(".pr-roadmap__avoid"), plan.avoid, function (li, entry) {
      li.appendChild(item(entry.pattern, entry.why, spec));
    });
    out.replaceChildren(view);
    out.querySelectorAll("[data-pr-action]").forEach(function (button) {
      button.addEventListener("click", function () { act(button, plan, answers, spec, byParam); });
    });
  }

  function stepCard(step, spec) {
    var card = clone("pr-tpl-step");
    card.querySelector(".pr-step").setAttribute("data-pattern", step.pattern[0]);
    link(card.querySelector(".pr-step__name"), step.pattern, spec);
    card.querySelector(".pr-step__weeks").textContent = weeks(step.start, step.end);
    var reasons = card.querySelector(".pr-step__reasons");
    step.reasons.forEach(function (text) { addText(reasons, text); });
    return card;
  }

  function item(pattern, why, spec) {
    var node = clone("pr-tpl-item");
    node.querySelector(".pr-item").setAttribute("data-pattern", pattern[0]);
    link(node.querySelector(".pr-item__name"), pattern, spec);
    node.querySelector(".pr-item__why").textContent = why ? ": " + why : "";
    return node.querySelector(".pr-item");
  }

  function fillList(section, entries, fillItem) {
    if (!entries.length) return;
    var ul = section.querySelector("ul");
    entries.forEach(function (entry) {
      var li = document.createElement("li");
      fillItem(li, entry);
      ul.appendChild(li.firstElementChild && li.firstElementChild.tagName === "LI" ? li.firstElementChild : li);
    });
    section.hidden = false;
  }

  function addText(list, text) {
    var li = document.createElement("li");
    li.textContent = text;
    list.appendChild(li);
  }

  /* ---- the Gantt chart (drawn by mermaid, after the plan is on screen) ------------------------ */

  function drawChart(box, plan, answers, spec) {
    var timeline = spec.timelines[answers.timeline];
    // One chart "day" stands for one week, so the axis (day of the year) reads as week numbers.
    var tick = timeline.weeks <= 12 ? 1 : timeline.weeks <= 26 ? 2 : timeline.weeks <= 52 ? 4 : 6;
    var lines = ["gantt", "  dateFormat YYYY-MM-DD", "  axisFormat %-j", "  tickInterval " + tick + "day"];
    var first = 0;
    plan.phases.forEach(function (count, i) {
      lines.push("  section Phase " + (i + 1));
      plan.steps.slice(first, first + count).forEach(function (s, j) {
        var name = s.pattern[1].replace(/[:;#]/g, " ");
        lines.push("  " + name + " :p" + i + "s" + j + ", " + day(s.start) + ", " + day(s.end + 1));
      });
      first += count;
    });
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", "Gantt chart of the plan over " + timeline.weeks +
      " weeks; the phases below list the same steps.");
    if (!window.mermaid || typeof window.mermaid.render !== "function") return;
    var id = "pr-gantt-" + ++charts;
    window.mermaid.render(id, lines.join("\n")).then(function (result) {
      if (box.isConnected) box.innerHTML = result.svg; // mermaid's own sanitised SVG of our data
    }).catch(function () {
      box.textContent = "The chart could not be drawn; the phases below list every step.";
    });
  }

  function day(week) {
    return new Date(Date.UTC(2024, 0, week)).toISOString().slice(0, 10);
  }

  /* ---- actions: copy the link, download Markdown or CSV ------------------------------------- */

  function act(button, plan, answers, spec, byParam) {
    var status = button.parentNode.querySelector(".pr-roadmap__status");
    var kind = button.getAttribute("data-pr-action");
    if (kind === "copy") {
      var url = location.href;
      var done = function () { status.textContent = "Link copied."; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(done, function () { status.textContent = url; });
      } else {
        status.textContent = url;
      }
      return;
    }
    var base = new URL(spec.patternsUrl, location.href).href;
    var text = kind === "csv" ? csv(plan, base) : markdown(plan, answers, spec, byParam, base);
    var blob = new Blob([text], { type: kind === "csv" ? "text/csv" : "text/markdown" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "pattern-roadmap." + (kind === "csv" ? "csv" : "md");
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    status.textContent = "Downloaded " + a.download + ".";
  }

  function markdown(plan, answers, spec, byParam, base) {
    var timeline = spec.timelines[answers.timeline];
    var md = ["# Pattern roadmap", "", "Link: " + location.href, ""];
    ["system", "scale", "team", "goal", "timeline"].forEach(function (p) {
      md.push("- " + p + ": " + label(byParam, p, answers[p]));
    });
    md.push("- challenges: " + (answers.challenges.map(function (c) {
      return label(byParam, "challenges", c);
    }).join("; ") || "none"), "");
    plan.notes.forEach(function (n) { md.push("> " + n, ""); });
    var first = 0;
    plan.phases.forEach(function (count, i) {
      var def = timeline.phases[i];
      md.push("## Phase " + (i + 1) + ": " + def[0] + " (weeks " + def[2] + "-" + def[3] + ")", "", def[1], "");
      plan.steps.slice(first, first + count).forEach(function (s) {
        md.push("- [" + s.pattern[1] + "](" + base + s.pattern[0] + "/), " + weeks(s.start, s.end).toLowerCase() +
          ": " + s.reasons.join(" "));
      });
      md.push("");
      first += count;
    });
    if (plan.next.length) md.push("## Next, after this timeline", "", plan.next.map(function (p) { return "- " + p[1]; }).join("\n"), "");
    if (plan.avoid.length) md.push("## Avoid for now", "", plan.avoid.map(function (x) { return "- " + x.pattern[1] + ": " + x.why; }).join("\n"), "");
    return md.join("\n");
  }

  function csv(plan, base) {
    var rows = [["phase", "pattern", "link", "start_week", "end_week", "reasons"]];
    var first = 0;
    plan.phases.forEach(function (count, i) {
      plan.steps.slice(first, first + count).forEach(function (s) {
        rows.push([i + 1, s.pattern[1], base + s.pattern[0] + "/", s.start, s.end, s.reasons.join(" ")]);
      });
      first += count;
    });
    return rows.map(function (row) {
      return row.map(function (cell) {
        var text = String(cell);
        if (/^[=+\-@]/.test(text)) text = "'" + text; // never a formula in a spreadsheet
        return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
