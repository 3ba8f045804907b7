"""One pass over all 102,400 plans: the engine's invariants and how much each field matters.

Used by tests/unit/test_engine.py (asserts) and tests/bench.py (prints the percentages).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from engine import TEAM_RANK, Answers, Planner, Roadmap, Slot, schedule_problems

ROOT = Path(__file__).resolve().parents[2]
SELECTS = ("system", "scale", "team", "goal", "timeline")


@dataclass
class Report:
    plans: int = 0
    violations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    schedule: dict[Answers, str] = field(default_factory=dict)  # fingerprint of (pattern, start, end)

    def add(self, invariant: str, answers: Answers, detail: str) -> None:
        found = self.violations[invariant]
        if len(found) < 5:  # keep a few examples, count the rest
            found.append(f"{answers}: {detail}")
        else:
            found.append("")

    def sensitivity(self, planner: Planner) -> dict[str, float]:
        """Share of single-field changes that change the schedule, per field."""
        shares = {}
        for name in SELECTS:
            groups: dict[Answers, list[str]] = defaultdict(list)
            for answers, fingerprint in self.schedule.items():
                groups[answers._replace(**{name: ""})].append(fingerprint)
            changed = total = 0
            for prints in groups.values():
                for i, a in enumerate(prints):
                    for j, b in enumerate(prints):
                        if i != j:
                            total += 1
                            changed += a != b
            shares[name] = changed / total
        boxes = planner.challenge_order
        changed = total = 0
        for answers, fingerprint in self.schedule.items():
            for box in boxes:
                flipped = set(answers.challenges) ^ {box}
                other = answers._replace(challenges=tuple(c for c in boxes if c in flipped))
                total += 1
                changed += self.schedule[other] != fingerprint
        shares["challenges"] = changed / total
        return shares


def check_all(planner: Planner) -> Report:
    report = Report()
    pages = {p.stem for p in (ROOT / "docs" / "patterns").glob("*.md")}
    for answers in planner.all_answers():
        roadmap = planner.plan(answers)
        report.plans += 1
        check(roadmap, planner, report, pages)
        key = "|".join(f"{s.pattern}.{s.start}.{s.end}" for s in roadmap.steps)
        report.schedule[answers] = hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
    return report


def check(r: Roadmap, planner: Planner, report: Report, pages: set[str]) -> None:
    a, catalog, rules = r.answers, planner.catalog, planner.rules
    steps = {s.pattern: s for s in r.steps}
    avoided = {x.pattern for x in r.avoid}
    timeline = rules.timelines[a.timeline]

    # 1-2. Prerequisites finish first; within the timeline and the team's capacity; no pattern twice.
    slots = [Slot(s.pattern, s.start, s.end) for s in r.steps]
    for kind, pattern, what in schedule_problems(slots, r.weeks, rules.team_capacity[a.team], catalog):
        report.add({"duplicate": "size", "prerequisite": "prerequisites"}.get(kind, kind), a, f"{pattern}: {what}")

    # 3. Nothing planned is also avoided, or contradicts the system type, scale fit or team.
    for s in r.steps:
        p = catalog.get(s.pattern)
        if s.pattern in avoided:
            report.add("avoided", a, f"{s.pattern} is both planned and avoided")
        if a.system not in {t.value for t in p.fits.system_types} or a.scale not in {x.value for x in p.fits.scales}:
            report.add("fit", a, f"{s.pattern} does not fit {a.system}/{a.scale}")
        if TEAM_RANK[a.team] < TEAM_RANK[p.min_team.value]:
            report.add("fit", a, f"{s.pattern} needs a {p.min_team.value} team")
        for rule in rules.avoid:
            w = rule.when
            if rule.pattern == s.pattern and all(
                not values or getattr(a, name) in values
                for name, values in (("system", w.system), ("scale", w.scale), ("team", w.team), ("goal", w.goal))
            ):
                report.add("fit", a, f"{s.pattern} is ruled out by an avoid rule")

    # 4. Every ticked challenge is answered, or a note says why; the goal is served in phase 1, or a note.
    noted = {(n.kind, n.subject) for n in r.notes}
    for c in a.challenges:
        if not any(c in {x.value for x in catalog.get(p).answers.challenges} for p in steps) and (
            ("challenge", c) not in noted
        ):
            report.add("challenges", a, f"nothing answers {c} and no note says why")
    first = timeline.phases[0]
    serves = [s for s in r.steps if a.goal in {g.value for g in catalog.get(s.pattern).answers.goals}]
    if not any(s.start <= first.end for s in serves) and ("goal", a.goal) not in noted:
        report.add("goal", a, "no phase-1 step serves the goal and no note says why")

    # 5. At least 3 steps, no pattern twice, every step has its page.
    if len(r.steps) < 3:
        report.add("size", a, f"only {len(r.steps)} steps")
    for s in r.steps:
        if s.pattern not in pages:
            report.add("size", a, f"no page for {s.pattern}")

    # Phases hold each step exactly once, in order.
    if sum(len(ph.steps) for ph in r.phases) != len(r.steps):
        report.add("phases", a, "phases do not hold every step once")
