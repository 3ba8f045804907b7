"""The engine's typed output: a Plan and its parts, and the JSON contract of one plan.

Kinds are enums, and every text is final, so nothing downstream
parses strings or indexes nested tuples. `Plan.to_json()` is the documented contract printed by
`hooks/cli.py plan --format json` (README, "The command-line planner").
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class ReasonKind(StrEnum):
    # How the step helps, in the pattern's own words (from its YAML).
    challenge = "challenge"  # its sentence for a ticked challenge
    goal = "goal"  # its sentence for the primary goal
    summary = "summary"  # its summary, when it answers neither
    # Why it comes now.
    foundation = "foundation"  # the foundation every system of this scale and type needs
    recommend = "recommend"  # a recommend rule that matches the answers
    first_move = "first-move"  # the first move on the primary goal
    best_fit = "best-fit"  # the best fit for a ticked challenge
    prerequisite = "prerequisite"  # a later step needs it
    relevance = "relevance"  # next by relevance, within the budget's pace


HOW = (ReasonKind.challenge, ReasonKind.goal, ReasonKind.summary)


class ExclusionKind(StrEnum):
    rule = "rule"  # an avoid rule in rules.yml
    team = "team"  # needs a bigger team
    scale = "scale"  # pays off at other scales
    system = "system"  # does not suit the system type
    needs = "needs"  # builds on a pattern that is ruled out


class Answers(NamedTuple):
    system: str
    scale: str
    team: str
    challenges: tuple[str, ...]  # in form order
    goal: str
    timeline: str


class Reason(NamedTuple):
    kind: ReasonKind
    text: str


class Step(NamedTuple):
    pattern: str
    start: int  # first week, 1-based
    end: int  # last week, inclusive
    phase: int  # the phase it starts in, 1-based
    layer: str
    reasons: tuple[Reason, ...]  # how it helps (one or more), then why now (the last)


class PlanPhase(NamedTuple):
    name: str
    goal: str
    start: int
    end: int
    steps: tuple[str, ...]  # patterns that start in this phase
    running: tuple[str, ...]  # patterns started earlier and still under way
    exit_criteria: tuple[tuple[str, str], ...]  # (pattern, its first metric) for steps ending here


class Alternative(NamedTuple):
    pattern: str  # not planned
    instead_of: str  # the planned member of its group


class Avoided(NamedTuple):
    pattern: str
    kind: ExclusionKind
    reason: str


class Plan(NamedTuple):
    answers: Answers
    weeks: int
    capacity: int
    budget_weeks: int  # the stated share of capacity x weeks
    effort_weeks: int  # lane-weeks the steps take
    steps: tuple[Step, ...]
    phases: tuple[PlanPhase, ...]
    alternatives: tuple[Alternative, ...]
    next: tuple[str, ...]
    avoid: tuple[Avoided, ...]
    notes: tuple[str, ...]
    stores: tuple[str, ...]  # datastore internals to look for when choosing a store

    def to_json(self) -> dict:
        """The documented JSON contract of one plan."""
        a = self.answers
        return {
            "answers": {
                "system": a.system,
                "scale": a.scale,
                "team": a.team,
                "challenges": list(a.challenges),
                "goal": a.goal,
                "timeline": a.timeline,
            },
            "weeks": self.weeks,
            "capacity": self.capacity,
            "budget_weeks": self.budget_weeks,
            "steps": [
                {
                    "pattern": s.pattern,
                    "start": s.start,
                    "end": s.end,
                    "phase": s.phase,
                    "layer": s.layer,
                    "reasons": [{"kind": r.kind.value, "text": r.text} for r in s.reasons],
                }
                for s in self.steps
            ],
            "phases": [{"name": ph.name, "start": ph.start, "end": ph.end} for ph in self.phases],
            "alternatives": [{"pattern": x.pattern, "instead_of": x.instead_of} for x in self.alternatives],
            "next": list(self.next),
            "avoid": [{"pattern": x.pattern, "reason": x.reason} for x in self.avoid],
            "notes": list(self.notes),
        }
