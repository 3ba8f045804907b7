"""The command line: the planner (one plan, or all 102,400, from the same engine as the site) and
the authors' checks.

    .venv/bin/python hooks/cli.py plan --system monolith --scale growth --team small \\
        --challenges reliability,deployment --goal agility --timeline 6months [--format json|markdown]
    .venv/bin/python hooks/cli.py plans > plans.jsonl     # every combination, one JSON object a line
    .venv/bin/python hooks/cli.py validate                # check roadmap_data/ without building
    .venv/bin/python hooks/cli.py schema                  # write roadmap_data/schema/*.schema.json
    .venv/bin/python hooks/cli.py prose [id ...]          # check the prose of every (or some) pattern page
    .venv/bin/python hooks/cli.py prose --overlap id ...  # the pages sharing most 8-word shingles with it

The JSON of one plan is the contract documented in README ("The command-line planner"). Bad
arguments get one line naming the argument and the allowed values, and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pattern_roadmap.data.files import DATA_ROOT, rel
from pattern_roadmap.data.problems import DataError
from pattern_roadmap.domain import prose
from pattern_roadmap.domain.catalog import CATALOG_PAGES, PROSE_DIR, load_catalog
from pattern_roadmap.domain.generator import FIELDS, load_generator
from pattern_roadmap.domain.roadmap_data import load_roadmap_data
from pattern_roadmap.engine.plan import Answers, Plan
from pattern_roadmap.engine.planner import Planner
from pattern_roadmap.engine.words import phase_title
from pattern_roadmap.schema.registry import export_schemas

PARAMS = tuple(FIELDS)  # the form's fields, in its order


class Usage(Exception):
    """A bad argument: one line for the reader, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print its usage block and exit
        raise Usage(message)


def parse(argv: list[str], planner: Planner) -> tuple[str, Answers | None, str]:
    parser = _Parser(prog="hooks/cli.py", add_help=True)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("plan", help="print one plan")
    for param in PARAMS:
        field = planner.generator.field(param)
        one.add_argument(f"--{param}", default=None if field.multiple else field.default)
    one.add_argument("--format", default="json")
    sub.add_parser("plans", help="print every plan as JSON Lines")
    sub.add_parser("validate", help="check roadmap_data/ without building")
    sub.add_parser("schema", help="write roadmap_data/schema/*.schema.json")
    sub.add_parser("prose", help="check the prose of pattern pages (--overlap: shared shingles)")
    args = parser.parse_args(argv)
    if args.command == "plans":
        return "plans", None, "json"
    values = {}
    for param in PARAMS:
        allowed = planner.generator.values(param)
        given = getattr(args, param)
        if planner.generator.field(param).multiple:
            picked = [v for v in (given or "").split(",") if v]
            bad = [v for v in picked if v not in allowed]
            if bad:
                expected = f"expected a comma-separated list of {', '.join(allowed)}"
                raise Usage(f"--{param}: unknown value {bad[0]!r}; {expected}")
            values[param] = tuple(c for c in allowed if c in picked)  # form order, each once
        elif given not in allowed:
            raise Usage(f"--{param}: unknown value {given!r}; expected one of {', '.join(allowed)}")
        else:
            values[param] = given
    if args.format not in ("json", "markdown"):
        raise Usage(f"--format: unknown value {args.format!r}; expected one of json, markdown")
    return "plan", Answers(**values), args.format


def markdown(plan: Plan, planner: Planner) -> str:
    """The plan as Markdown: the same words as the page and the JSON."""
    name = lambda pid: planner.catalog.get(pid).name  # noqa: E731
    label = planner.generator.label
    a = plan.answers
    challenges = ", ".join(label("challenges", c) for c in a.challenges) or "none ticked"
    lines = [
        "# Pattern roadmap",
        "",
        f"{label('system', a.system)} at {label('scale', a.scale)}, team {label('team', a.team)}; "
        f"challenges: {challenges}; goal: {label('goal', a.goal)}; {label('timeline', a.timeline)}.",
        f"Budget: {plan.budget_weeks} team-weeks of {plan.capacity} workstream{'s' if plan.capacity != 1 else ''} "
        f"x {plan.weeks} weeks; "
        f"planned: {plan.effort_weeks}.",
        "",
    ]
    lines += [f"> {note}\n" for note in plan.notes]
    by_pattern = {s.pattern: s for s in plan.steps}
    for number, ph in enumerate(plan.phases, 1):
        lines += [f"## {phase_title(number, ph.name, ph.start, ph.end)}", "", ph.goal, ""]
        for pid in ph.steps:
            s = by_pattern[pid]
            weeks = f"week {s.start}" if s.start == s.end else f"weeks {s.start}-{s.end}"
            lines.append(f"- **{name(pid)}**, {weeks}: " + " ".join(r.text for r in s.reasons))
        if ph.exit_criteria:
            lines += ["", "Exit criteria:", ""] + [f"- [ ] {name(pid)}: {text}" for pid, text in ph.exit_criteria]
        lines.append("")
    sections = (
        ("Alternatives", [f"- {name(x.pattern)}, instead of {name(x.instead_of)}" for x in plan.alternatives]),
        ("Next, after this timeline", [f"- {name(pid)}" for pid in plan.next]),
        ("Avoid for now", [f"- {name(x.pattern)}: {x.reason}" for x in plan.avoid]),
    )
    for title, items in sections:
        if items:
            lines += [f"## {title}", "", *items, ""]
    return "\n".join(lines)


def validate() -> int:
    try:
        d = load_roadmap_data()
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        f"ok: {len(d.catalog.patterns)} patterns, {len(d.generator.form.fields)} form fields and the rules, "
        f"{len(d.roadmaps.roadmaps)} roadmaps and the priorities, {len(d.comparisons)} comparisons, the guides"
    )
    return 0


def schema() -> int:
    for path in export_schemas(DATA_ROOT / "schema"):
        print(f"wrote {rel(path)}")
    return 0


def check_prose(args: list[str]) -> int:
    if args[:1] == ["--overlap"]:
        pages = [p for p in sorted(PROSE_DIR.glob("*.md")) if p.stem not in CATALOG_PAGES]
        for pid in args[1:]:
            top = prose.overlaps(PROSE_DIR / f"{pid}.md", pages)[:3]
            print(pid + ": " + ", ".join(f"{other} {share:.1%}" for share, other in top))
        return 0
    paths = [PROSE_DIR / f"{a}.md" for a in args] or sorted(PROSE_DIR.glob("*.md"))
    failed = 0
    for path in paths:
        if path.stem in CATALOG_PAGES:
            continue
        report = prose.check_page(path)
        print(f"{'ok ' if not report.problems else 'BAD'} {report.page}: {report.words} words, "
              f"{len(report.diagrams)} diagram(s)")
        for problem in report.problems:
            print(f"    {problem}")
        failed += bool(report.problems)
    return 1 if failed else 0


AUTHORS = {"validate": lambda args: validate(), "schema": lambda args: schema(), "prose": check_prose}


def main(argv: list[str]) -> int:
    if argv[:1] and argv[0] in AUTHORS:
        return AUTHORS[argv[0]](argv[1:])
    try:
        catalog = load_catalog()
        planner = Planner(catalog, load_generator(catalog))
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        command, answers, fmt = parse(argv, planner)
    except Usage as exc:
        print(f"hooks/cli.py: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    if command == "plans":
        for each in planner.all_answers():
            out.write(json.dumps(planner.plan(each).to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
        return 0
    assert answers is not None
    plan = planner.plan(answers)
    if fmt == "json":
        out.write(json.dumps(plan.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(markdown(plan, planner))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
