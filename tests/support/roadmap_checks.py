"""One pass over all 102,400 plans: the engine's promises, and the figures `make bench` prints.

Used by tests/unit/test_engine.py (asserts) and tests/bench.py (prints the figures).
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pattern_roadmap.domain.generator import SELECTS
from pattern_roadmap.domain.schedule import Slot, schedule_problems
from pattern_roadmap.engine.plan import HOW, Answers, ExclusionKind, Plan, ReasonKind
from pattern_roadmap.engine.planner import TEAM_RANK, Planner

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Report:
    plans: int = 0
    violations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    schedule: dict[Answers, str] = field(default_factory=dict)  # fingerprint of (pattern, start, end)
    patterns: dict[Answers, frozenset[str]] = field(default_factory=dict)
    effort: dict[Answers, int] = field(default_factory=dict)
    budget_share: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    observability_first: int = 0
    internal_steps: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    reasons: set[str] = field(default_factory=set)

    def add(self, invariant: str, answers: Answers, detail: str) -> None:
        found = self.violations[invariant]
        found.append(f"{answers}: {detail}" if len(found) < 5 else "")  # a few examples, count the rest

    def merge(self, other: Report) -> None:
        self.plans += other.plans
        for invariant, found in other.violations.items():
            self.violations[invariant].extend(found)
        self.schedule.update(other.schedule)
        self.patterns.update(other.patterns)
        self.effort.update(other.effort)
        for timeline, shares in other.budget_share.items():
            self.budget_share[timeline].extend(shares)
        self.observability_first += other.observability_first
        for pid, count in other.internal_steps.items():
            self.internal_steps[pid] += count
        self.reasons |= other.reasons

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

    def team_changes_set(self) -> float:
        """Share of team-size-only changes that change the set of patterns."""
        groups: dict[Answers, list[frozenset[str]]] = defaultdict(list)
        for answers, patterns in self.patterns.items():
            groups[answers._replace(team="")].append(patterns)
        changed = total = 0
        for sets in groups.values():
            for i, a in enumerate(sets):
                for b in sets[i + 1 :]:
                    total += 1
                    changed += a != b
        return changed / total

    def medians(self) -> dict[str, float]:
        return {timeline: statistics.median(shares) for timeline, shares in self.budget_share.items()}


def check_all(planner: Planner, workers: int = os.cpu_count() or 1) -> Report:
    """Every plan, checked in `workers` forked processes (each a slice of the answers), merged."""
    global _planner
    _planner = planner
    try:
        if workers <= 1:
            parts = [_check_slice((0, 1))]
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_check_slice, [(i, workers) for i in range(workers)])
    finally:
        _planner = None
    report = parts[0]
    for part in parts[1:]:
        report.merge(part)
    for answers, effort in report.effort.items():
        if answers.team == "enterprise" and effort < report.effort[answers._replace(team="small")]:
            report.add("bigger-team", answers, f"{effort} team-weeks, fewer than the small team's")
    return report


_planner: Planner | None = None  # set while check_all runs; inherited by the forked workers


def _check_slice(part: tuple[int, int]) -> Report:
    first, step = part
    assert _planner is not None
    planner, report = _planner, Report()
    for answers in itertools.islice(planner.all_answers(), first, None, step):
        plan = planner.plan(answers)
        report.plans += 1
        check(plan, planner, report)
        key = "|".join(f"{s.pattern}.{s.start}.{s.end}" for s in plan.steps)
        report.schedule[answers] = hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
        report.patterns[answers] = frozenset(s.pattern for s in plan.steps)
        report.effort[answers] = plan.effort_weeks
        report.budget_share[answers.timeline].append(plan.effort_weeks / plan.budget_weeks)
    return report


def check(plan: Plan, planner: Planner, report: Report) -> None:
    a, catalog, rules = plan.answers, planner.catalog, planner.rules
    steps = {s.pattern: s for s in plan.steps}
    avoided = {x.pattern for x in plan.avoid}
    notes = " ".join(plan.notes)
    provided = rules.foundation.provided.get(a.system)  # type: ignore[call-overload]
    assumed = frozenset(
        (provided.patterns if provided else [])
        + ([] if provided else list(rules.foundation.assumed.get(a.scale, [])))  # type: ignore[call-overload]
        + [c for cv in rules.covers for c in cv.covers]
    )

    # Prerequisites finish first; within the timeline and the team's capacity; no pattern twice.
    slots = [Slot(s.pattern, s.start, s.end) for s in plan.steps]
    for kind, pattern, what in schedule_problems(slots, plan.weeks, rules.team_capacity[a.team], catalog, assumed):
        report.add({"duplicate": "size", "prerequisite": "prerequisites"}.get(kind, kind), a, f"{pattern}: {what}")

    # Nothing planned contradicts its own avoid list, its fit or the team; no internals; one per group.
    for s in plan.steps:
        p = catalog.get(s.pattern)
        if s.pattern in avoided:
            report.add("avoided", a, f"{s.pattern} is both planned and avoided")
        scales = {x.value for x in p.fits.scales}
        # A roomy team may reach the next scale's patterns, but never its architecture.
        heavy = s.pattern in planner.structural or p.complexity.value == "high"
        ahead = plan.capacity >= 3 and not heavy
        reach = {a.scale, planner.next_scale.get(a.scale, a.scale)} if ahead else {a.scale}
        if a.system not in {t.value for t in p.fits.system_types} or not reach & scales:
            report.add("fit", a, f"{s.pattern} does not fit {a.system}/{a.scale}")
        if p.tier.value == "bronze":
            report.add("bronze", a, f"{s.pattern} is a bronze pattern (documented to be recognised, never planned)")
        if TEAM_RANK[a.team] < TEAM_RANK[p.min_team.value]:
            report.add("fit", a, f"{s.pattern} needs a {p.min_team.value} team")
        if p.layer.value == "datastore":
            report.add("internals", a, f"{s.pattern} is a datastore internal")
            report.internal_steps[s.pattern] += 1
        how = {*p.answers.challenges.values(), *p.answers.goals.values(), p.summary}
        if not any(r.kind in HOW and any(sentence in r.text for sentence in how) for r in s.reasons):
            report.add("own-words", a, f"{s.pattern} has no sentence of its own")
        report.reasons.update(r.text for r in s.reasons)
    for group in rules.groups:
        if len([pid for pid in group.patterns if pid in steps]) > 1:
            report.add("groups", a, f"two patterns of {group.id}")
    for x in plan.avoid:
        if x.kind in (ExclusionKind.system, ExclusionKind.needs) or catalog.get(x.pattern).layer.value == "datastore":
            report.add("avoid-noise", a, f"{x.pattern} listed to avoid for {x.kind.value}")
        p = catalog.get(x.pattern)
        scales = {s.value for s in p.fits.scales}
        near_scale = {a.scale, planner.next_scale.get(a.scale)} & scales
        if TEAM_RANK[p.min_team.value] > TEAM_RANK[a.team] + 1 or not near_scale:
            report.add("avoid-noise", a, f"{x.pattern} is more than one step out of reach")
    # "Next" takes one pattern per alternative group, none from a group already planned.
    chosen = {planner.group_of[pid].id for pid in steps if pid in planner.group_of}
    for pid in plan.next:
        group = planner.group_of.get(pid)
        if group is not None and group.id in chosen:
            report.add("groups", a, f"next lists {pid}, of group {group.id}, already planned or listed")
        if group is not None:
            chosen.add(group.id)
    # A best fit says first how it answers the challenge it was chosen for.
    for s in plan.steps:
        why = s.reasons[-1]
        if why.kind == ReasonKind.best_fit:
            said = {c.value: w for c, w in catalog.get(s.pattern).answers.challenges.items()}
            label = next(c for c in a.challenges if f'"{planner.generator.label("challenges", c)}"' in why.text)
            if s.reasons[0].text != said.get(label):
                report.add("own-words", a, f"{s.pattern}'s first sentence is not its sentence for {label}")
        if s.pattern in rules.recommend_only and why.kind != ReasonKind.recommend:
            report.add("consolidation", a, f"{s.pattern} is planned without a recommend rule")

    # Every ticked challenge and the goal is answered, or a note says why.
    for c in a.challenges:
        answered = any(c in {x.value for x in catalog.get(p).answers.challenges} for p in steps)
        if not answered and planner.generator.label("challenges", c) not in notes:
            report.add("challenges", a, f"nothing answers {c} and no note says why")
    serves = any(a.goal in {g.value for g in catalog.get(p).answers.goals} for p in steps)
    if not serves and planner.generator.label("goal", a.goal) not in notes:
        report.add("goal", a, "no step serves the goal and no note says why")

    # The foundation, the recommend rules and the model's expert dependencies.
    first = plan.phases[0]
    in_first = {s.pattern for s in plan.steps if s.start <= first.end}
    for pid in ("observability", "health-check"):
        if pid not in in_first and not (provided and pid in provided.patterns):
            report.add("foundation", a, f"{pid} is not in phase 1")
    report.observability_first += "observability" in in_first
    if ("deployment" in a.challenges or a.goal == "agility") and not (
        "deployment-pipeline" in steps and steps["deployment-pipeline"].start <= plan.weeks // 2
    ):
        report.add("pipeline", a, "no deployment pipeline in the first half")
    if a.system == "complex-microservices" and a.team == "small" and "service-consolidation" not in in_first:
        report.add("consolidation", a, "a small team on 10+ services gets no consolidation in phase 1")
    if a.goal == "cost" and "cost-visibility" not in in_first:
        report.add("cost", a, "a cost goal without cost visibility in phase 1")
    if plan.capacity <= 2:
        heavy = [s for s in plan.steps if s.pattern in planner.high]
        for i, x in enumerate(heavy):
            for y in heavy[i + 1 :]:
                if x.start <= y.end and y.start <= x.end:
                    report.add("serial", a, f"{x.pattern} and {y.pattern} overlap")
    if plan.effort_weeks * 2 < plan.budget_weeks and "budget" not in notes and "feature work" not in notes:
        report.add("budget", a, f"{plan.effort_weeks} of {plan.budget_weeks} budget weeks and no note")

    # Phases: contiguous, each with new or running work or a note; exit criteria where steps end.
    week = 1
    for ph in plan.phases:
        if ph.start != week or ph.end < ph.start:
            report.add("phases", a, f"phase {ph.name} is not contiguous")
        week = ph.end + 1
        if ph is not plan.phases[0] and (not (ph.steps or ph.running) or ph.end - ph.start < 3):
            report.add("phases", a, f"phase {ph.name} ({ph.start}-{ph.end}) is empty or shorter than a month")
        for pid, _ in ph.exit_criteria:
            if not ph.start <= steps[pid].end <= ph.end:
                report.add("phases", a, f"{pid}'s exit criterion is not in the phase where it ends")
    if week - 1 != plan.weeks:
        report.add("phases", a, "phases do not cover the timeline")
    if sum(len(ph.steps) for ph in plan.phases) != len(plan.steps):
        report.add("phases", a, "phases do not hold every step once")
    if len(plan.steps) < 3:
        report.add("size", a, f"only {len(plan.steps)} steps")
