"""The roadmap engine: plan(answers) -> Roadmap, for every combination of the generator's form.

Pure Python (no mkdocs import), deterministic, and fast enough to plan all 102,400
combinations at build time. It scores each pattern against the answers, rules out what
the constraints forbid, then schedules the rest week by week within the timeline and the
team's parallel capacity, prerequisites first. Output is structured (codes, not prose):
the hook renders the words through Jinja.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from catalog import Catalog
from generator_rules import Generator
from models import TeamSize

TEAM_RANK = {team.value: rank for rank, team in enumerate(TeamSize)}

# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


class Answers(NamedTuple):
    system: str
    scale: str
    team: str
    challenges: tuple[str, ...]  # in form order
    goal: str
    timeline: str


class Step(NamedTuple):
    pattern: str
    start: int  # first week, 1-based
    end: int  # last week, inclusive
    reasons: tuple[tuple[str, str], ...]  # (kind, value): challenge, goal, scale, system, prerequisite


class Phase(NamedTuple):
    name: str
    goal: str
    start: int
    end: int
    steps: tuple[str, ...]  # patterns that start in this phase
    running: tuple[str, ...]  # patterns started earlier and still under way
    exit_criteria: tuple[str, ...]


class Avoided(NamedTuple):
    pattern: str
    why: str  # rule, team, scale, system, needs
    detail: str  # the rule index, the minimum team, or the prerequisite ruled out


class Note(NamedTuple):
    kind: str  # challenge or goal
    subject: str
    later: tuple[str, ...]  # patterns that would serve it but did not fit the timeline
    avoided: tuple[str, ...]  # patterns that would serve it but are ruled out


class Roadmap(NamedTuple):
    answers: Answers
    weeks: int
    capacity: int
    phases: tuple[Phase, ...]
    steps: tuple[Step, ...]
    next: tuple[str, ...]
    avoid: tuple[Avoided, ...]
    notes: tuple[Note, ...]

    def to_dict(self) -> dict:
        """Plain JSON-ready data, recursively (the canonical form for goldens and comparisons)."""
        return _plain(self)


def _plain(value):
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


# ---------------------------------------------------------------------------
# The promises every schedule keeps (the generator's plans and the pre-built roadmaps)
# ---------------------------------------------------------------------------


class Slot(NamedTuple):
    pattern: str
    start: int  # first week, 1-based
    end: int  # last week, inclusive


def schedule_problems(
    slots: list[Slot], weeks: int, capacity: int, catalog: Catalog, assumed: frozenset[str] = frozenset()
) -> list[tuple[str, str, str]]:
    """(kind, pattern, what is wrong) for each broken promise, in order of the slots.

    Kinds: "timeline" (outside weeks 1..weeks), "duplicate" (a pattern twice), "prerequisite"
    (a prerequisite neither assumed nor finished before the pattern starts), "capacity" (more
    parallel steps in a week than the team's capacity).
    """
    problems = []
    by_pattern: dict[str, Slot] = {}
    for s in slots:
        if not 1 <= s.start <= s.end <= weeks:
            problems.append(("timeline", s.pattern, f"weeks {s.start}-{s.end} are not within weeks 1-{weeks}"))
        if s.pattern in by_pattern:
            problems.append(("duplicate", s.pattern, "appears more than once"))
        by_pattern.setdefault(s.pattern, s)
    for s in slots:
        for q in catalog.get(s.pattern).prerequisites:
            if q in assumed:
                continue
            before = by_pattern.get(q)
            if before is None:
                problems.append(("prerequisite", s.pattern, f"needs {q}, which is neither planned nor assumed"))
            elif before.end >= s.start:
                problems.append(
                    ("prerequisite", s.pattern, f"starts in week {s.start}, before {q} ends (week {before.end})")
                )
    load: dict[int, list[str]] = {}
    for s in slots:
        for week in range(s.start, s.end + 1):
            load.setdefault(week, []).append(s.pattern)
    for week in sorted(load):
        if len(load[week]) > capacity:
            busy = ", ".join(load[week])
            what = f"week {week} has {len(load[week])} parallel steps ({busy}); the capacity is {capacity}"
            problems.append(("capacity", load[week][-1], what))
    return problems


# ---------------------------------------------------------------------------
# Planner
# ---------------------------------------------------------------------------


class Planner:
    def __init__(self, catalog: Catalog, generator: Generator):
        self.catalog, self.generator, self.rules = catalog, generator, generator.rules
        patterns = catalog.patterns
        self.ids = sorted(patterns)
        self.effort = {i: patterns[i].effort_weeks for i in self.ids}
        self.prereqs = {i: tuple(patterns[i].prerequisites) for i in self.ids}
        self.closure = {i: catalog.requires(i) for i in self.ids}
        self.challenges = {i: {c.value for c in patterns[i].answers.challenges} for i in self.ids}
        self.goals = {i: {g.value for g in patterns[i].answers.goals} for i in self.ids}
        self.tier_bonus = {i: self.rules.weights.tier[patterns[i].tier] for i in self.ids}
        self.scale_base = {k.value: set(v) for k, v in self.rules.baselines.scales.items()}
        self.system_base = {k.value: set(v) for k, v in self.rules.baselines.system_types.items()}
        self.challenge_order = generator.values("challenges")
        self.answers_challenge = {c: [i for i in self.ids if c in self.challenges[i]] for c in self.challenge_order}
        self.serves_goal = {g: [i for i in self.ids if g in self.goals[i]] for g in generator.values("goal")}
        self.capacity = {t.value: n for t, n in self.rules.team_capacity.items()}
        self._candidates = lru_cache(maxsize=None)(self._candidates_uncached)
        self._blocked = lru_cache(maxsize=None)(self._blocked_uncached)
        self._ranked = lru_cache(maxsize=None)(self._ranked_uncached)

    def all_answers(self) -> Iterator[Answers]:
        g = self.generator
        boxes = self.challenge_order
        ticked = [
            tuple(c for bit, c in enumerate(boxes) if mask >> bit & 1) for mask in range(2 ** len(boxes))
        ]
        for system, scale, team, goal, timeline in itertools.product(
            g.values("system"), g.values("scale"), g.values("team"), g.values("goal"), g.values("timeline")
        ):
            for challenges in ticked:
                yield Answers(system, scale, team, challenges, goal, timeline)

    def _blocked_uncached(self, system: str, scale: str, team: str, goal: str) -> dict[str, Avoided]:
        """Every pattern the constraints rule out for this profile, with the first reason that applies."""
        patterns = self.catalog.patterns
        blocked: dict[str, Avoided] = {}
        for index, rule in enumerate(self.rules.avoid):
            w = rule.when
            if (
                (not w.system or system in w.system)
                and (not w.scale or scale in w.scale)
                and (not w.team or team in w.team)
                and (not w.goal or goal in w.goal)
            ):
                blocked.setdefault(rule.pattern, Avoided(rule.pattern, "rule", str(index)))
        for pid in self.ids:
            p = patterns[pid]
            if pid in blocked:
                continue
            if system not in {s.value for s in p.fits.system_types}:
                blocked[pid] = Avoided(pid, "system", system)
            elif scale not in {s.value for s in p.fits.scales}:
                blocked[pid] = Avoided(pid, "scale", scale)
            elif TEAM_RANK[team] < TEAM_RANK[p.min_team.value]:
                blocked[pid] = Avoided(pid, "team", p.min_team.value)
        for pid in self.ids:  # a pattern whose prerequisite is ruled out is ruled out too
            if pid not in blocked:
                needs = next((q for q in self.closure[pid] if q in blocked), None)
                if needs:
                    blocked[pid] = Avoided(pid, "needs", needs)
        return blocked

    # -- scoring ------------------------------------------------------------

    def _ranked_uncached(self, system: str, scale: str, goal: str, challenges: tuple[str, ...]):
        """Scores and reasons of every relevant pattern, and their order of priority (team-independent)."""
        scored = self._score(system, scale, goal, challenges)
        rank = tuple(sorted(scored, key=lambda p: (-scored[p][0], self.effort[p], p)))
        return scored, rank

    def _candidates_uncached(self, system: str, scale: str, team: str, goal: str, challenges: tuple[str, ...]):
        blocked = self._blocked(system, scale, team, goal)
        return tuple(p for p in self._ranked(system, scale, goal, challenges)[1] if p not in blocked)

    def _score(self, system: str, scale: str, goal: str, challenges: tuple[str, ...]) -> dict:
        """Score and reasons of each pattern with any reason to be in the plan (in catalog order)."""
        w = self.rules.weights
        relevant = set(self.serves_goal[goal]) | self.scale_base[scale] | self.system_base[system]
        for c in challenges:
            relevant.update(self.answers_challenge[c])
        scored = {}
        for pid in sorted(relevant):
            mine = self.challenges[pid]
            reasons = [("challenge", c) for c in challenges if c in mine]
            score = w.challenge * len(reasons)
            if goal in self.goals[pid]:
                score += w.goal
                reasons.append(("goal", goal))
            if pid in self.scale_base[scale]:
                score += w.scale_baseline
                reasons.append(("scale", scale))
            if pid in self.system_base[system]:
                score += w.system_baseline
                reasons.append(("system", system))
            if score > 0:
                scored[pid] = (score + self.tier_bonus[pid], tuple(reasons))
        return scored

    # -- planning -----------------------------------------------------------

    def plan(self, a: Answers) -> Roadmap:
        timeline = self.rules.timelines[a.timeline]
        weeks, capacity = timeline.weeks, self.capacity[a.team]
        blocked = self._blocked(a.system, a.scale, a.team, a.goal)
        scored, rank = self._ranked(a.system, a.scale, a.goal, a.challenges)
        candidates = self._candidates(a.system, a.scale, a.team, a.goal, a.challenges)
        schedule = _Schedule(weeks, capacity, self.effort, self.prereqs, self.closure)

        # 1. The primary goal, served in phase 1. 2. Each ticked challenge. 3. The rest, by priority.
        anchored = any(
            schedule.place(pid, must_start_before=timeline.phases[0].end)
            for pid in candidates
            if a.goal in self.goals[pid]
        )
        for challenge in a.challenges:
            if not any(challenge in self.challenges[p] for p in schedule.slots):
                any(schedule.place(p, limit=timeline.max_steps) for p in candidates if challenge in self.challenges[p])
        for pid in candidates:
            if len(schedule.slots) >= timeline.max_steps:
                break
            if pid not in schedule.slots:
                schedule.place(pid, limit=timeline.max_steps)
        later = tuple(p for p in candidates if p not in schedule.slots)

        steps = tuple(
            Step(pid, start + 1, end, scored[pid][1] + schedule.pulled_by(pid) if pid in scored else
                 schedule.pulled_by(pid))
            for pid, (start, end, _) in sorted(schedule.slots.items(), key=lambda kv: (kv[1][:2], kv[0]))
        )
        relevant = [p for p in rank if p in blocked and scored[p][1][0][0] in ("challenge", "goal")]
        avoid = tuple(blocked[p] for p in relevant)
        notes = self._notes(a, steps, later, avoid, anchored)
        limits = self.rules.limits
        phases = self._phases(timeline, steps)
        return Roadmap(a, weeks, capacity, phases, steps, later[: limits.next], avoid[: limits.avoid], notes)

    def _phases(self, timeline, steps: tuple[Step, ...]) -> tuple[Phase, ...]:
        finish = max(s.end for s in steps) if steps else 0
        phases = []
        for ph in timeline.phases:
            if ph.start > finish:
                break
            starting = tuple(s.pattern for s in steps if ph.start <= s.start <= ph.end)
            running = tuple(s.pattern for s in steps if s.start < ph.start <= s.end)
            criteria = tuple(self.catalog.patterns[p].metrics[0] for p in starting)
            phases.append(Phase(ph.name, ph.goal, ph.start, ph.end, starting, running, criteria))
        return tuple(phases)

    def _notes(self, a, steps, later, avoid, anchored) -> tuple[Note, ...]:
        planned = {s.pattern for s in steps}
        avoided = [x.pattern for x in avoid]
        notes = []
        for c in a.challenges:
            if not any(c in self.challenges[p] for p in planned):
                notes.append(
                    Note(
                        "challenge",
                        c,
                        tuple(p for p in later if c in self.challenges[p]),
                        tuple(p for p in avoided if c in self.challenges[p]),
                    )
                )
        if not anchored:
            notes.append(
                Note(
                    "goal",
                    a.goal,
                    tuple(p for p in later if a.goal in self.goals[p]),
                    tuple(p for p in avoided if a.goal in self.goals[p]),
                )
            )
        return tuple(notes)


class _Schedule:
    """The team's workstreams, week by week: places a pattern with its missing prerequisites, or nothing.

    Capacity C means C parallel workstreams; a step occupies one workstream for its whole effort,
    so no week ever holds more than C steps.
    """

    def __init__(self, weeks, capacity, effort, prereqs, closure):
        self.effort, self.prereqs, self.closure = effort, prereqs, closure
        self.lanes = [bytearray(b"\x01" * weeks) for _ in range(capacity)]  # 1 = the week is free
        self.slots: dict[str, tuple[int, int, int]] = {}  # pid -> (start 0-based, end exclusive, lane)
        self.pulled: dict[str, list[str]] = {}  # prerequisite -> the patterns it was placed for

    def _earliest(self, ready: int, length: int) -> tuple[int, int] | None:
        window = b"\x01" * length
        best = None
        for lane, free in enumerate(self.lanes):
            start = free.find(window, ready)
            if start >= 0 and (best is None or start < best[0]):
                best = (start, lane)
        return best

    def place(self, pid: str, must_start_before: int | None = None, limit: int | None = None) -> bool:
        effort, slots = self.effort, self.slots
        chain = [q for q in self.closure[pid] if q not in slots]
        chain.append(pid)
        if limit is not None and len(slots) + len(chain) > limit:
            return False
        added: list[str] = []
        for q in chain:
            ready = max([slots[r][1] for r in self.prereqs[q]], default=0)
            found = self._earliest(ready, effort[q])
            if found is None or (q == pid and must_start_before is not None and found[0] >= must_start_before):
                for r in added:  # undo the partial chain
                    start, end, lane = slots.pop(r)
                    self.lanes[lane][start:end] = b"\x01" * (end - start)
                return False
            start, lane = found
            slots[q] = (start, start + effort[q], lane)
            self.lanes[lane][start : start + effort[q]] = b"\x00" * effort[q]
            added.append(q)
        for q in added[:-1]:
            self.pulled[q] = [d for d in added if q in self.prereqs[d]]
        return True

    def pulled_by(self, pid: str) -> tuple[tuple[str, str], ...]:
        return tuple(("prerequisite", d) for d in self.pulled.get(pid, ()))
