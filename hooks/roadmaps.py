"""Pre-built roadmaps (roadmap_data/roadmaps/<id>.yml) and implementation priorities (priorities.yml).

Pure Python (no mkdocs import). Schedules are checked with engine.schedule_problems, the same
promises the generator's plans keep: prerequisites finish first, weeks fit the roadmap, and no
week holds more parallel steps than the team's capacity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from catalog import DATA_DIR, Catalog, DataError, Problem, load_record, no_such_pattern, rel
from generator_rules import Generator
from models import Line, Scale, Slug, Strict, TeamSize, Text
from pydantic import Field, StringConstraints
from schedule import Slot, schedule_problems

ROADMAP_IDS = ("startup-to-scale", "monolith-to-microservices", "global-scale", "scale", "enterprise")
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=600)]

# ---------------------------------------------------------------------------
# Schema
# ---------------------------------------------------------------------------


class Step(Strict):
    pattern: Slug
    start: int = Field(ge=1, description="First week of the step (1-based, counted from the roadmap's start).")
    weeks: int | None = Field(None, ge=1, le=52, description="Effort in weeks; the pattern's effort_weeks if left out.")
    why: Sentence = Field(description="Why this step comes here, in this order.")


class Milestone(Strict):
    name: Line
    week: int = Field(ge=1)
    target: Sentence = Field(description="A measurable target: a number, a threshold or an observable event.")
    needs: list[Slug] = Field(
        default_factory=list,
        description="The roadmap's steps this milestone proves: it comes no earlier than the week each ends. "
        "A pattern the milestone names must be listed.",
    )


class Phase(Strict):
    name: Line
    start: int = Field(ge=1, description="First week of the phase.")
    end: int = Field(ge=1, description="Last week of the phase (inclusive).")
    goal: Sentence
    steps: list[Step] = Field(min_length=1)
    milestones: list[Milestone] = Field(min_length=1)
    exit_criteria: list[Sentence] = Field(min_length=1)


class Risk(Strict):
    risk: Sentence
    mitigation: Sentence


class NotYet(Strict):
    pattern: Slug
    why: Sentence


class Roadmap(Strict):
    id: Slug
    name: Line
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200)]
    audience: Sentence
    starting_point: Text
    end_state: Text
    scale: Scale = Field(description="The scale the roadmap starts from.")
    team: TeamSize = Field(description="The team it assumes; its capacity bounds parallel steps.")
    periods: Annotated[str, StringConstraints(pattern=r"^(weeks|quarters)$")] = Field(
        "weeks", description="How phases are labelled: by weeks, or by quarters of 13 weeks."
    )
    assumes: list[Slug] = Field(default_factory=list, description="Patterns already in place before week 1.")
    phases: list[Phase] = Field(min_length=2)
    risks: list[Risk] = Field(min_length=2)
    not_yet: list[NotYet] = Field(min_length=1)

    @property
    def weeks(self) -> int:
        return self.phases[-1].end

    def slots(self, catalog: Catalog) -> list[Slot]:
        return [
            Slot(s.pattern, s.start, s.start + (s.weeks or catalog.get(s.pattern).effort_weeks) - 1)
            for phase in self.phases
            for s in phase.steps
        ]


class Priorities(Strict):
    maturity: dict[Scale, dict[Annotated[str, StringConstraints(pattern=r"^(must|should|nice)$")], list[Slug]]]
    domains: dict[Slug, list[Step]]


@dataclass(frozen=True)
class Roadmaps:
    roadmaps: dict[str, Roadmap]
    priorities: Priorities

    def appearances(self, pattern_id: str) -> list[tuple[Roadmap, str]]:
        """(roadmap, phase name) for every pre-built roadmap that plans this pattern."""
        return [
            (r, phase.name)
            for r in self.roadmaps.values()
            for phase in r.phases
            if any(s.pattern == pattern_id for s in phase.steps)
        ]


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def _roadmap_problems(r: Roadmap, catalog: Catalog, generator: Generator, file: str) -> list[Problem]:
    problems = []
    known = catalog.patterns
    for index, pid in enumerate(r.assumes):
        if pid not in known:
            problems.append(no_such_pattern(file, f"assumes.{index}", pid))
    for index, item in enumerate(r.not_yet):
        if item.pattern not in known:
            problems.append(
                no_such_pattern(file, f"not_yet.{index}.pattern", item.pattern)
            )
    where: dict[str, str] = {}
    week = 1
    for p_index, phase in enumerate(r.phases):
        at = f"phases.{p_index}"
        if phase.start != week or phase.end < phase.start:
            problems.append(
                Problem(
                    file, at, f"expected weeks {week}-N right after the previous phase (got {phase.start}-{phase.end})"
                )
            )
        week = phase.end + 1
        for s_index, step in enumerate(phase.steps):
            where.setdefault(step.pattern, f"{at}.steps.{s_index}")
            if step.pattern not in known:
                problems.append(no_such_pattern(file, f"{at}.steps.{s_index}.pattern", step.pattern))
            elif not phase.start <= step.start <= phase.end:
                problems.append(
                    Problem(
                        file,
                        f"{at}.steps.{s_index}.start",
                        f"expected a week within the phase ({phase.start}-{phase.end})",
                    )
                )
        for m_index, milestone in enumerate(phase.milestones):
            if not phase.start <= milestone.week <= phase.end:
                problems.append(
                    Problem(
                        file,
                        f"{at}.milestones.{m_index}.week",
                        f"expected a week within the phase ({phase.start}-{phase.end})",
                    )
                )
    if problems:
        return problems
    capacity = generator.rules.team_capacity[r.team]
    slots = r.slots(catalog)
    for kind, pid, what in schedule_problems(slots, r.weeks, capacity, catalog, frozenset(r.assumes)):
        problems.append(Problem(file, where[pid], f"expected a schedule the team can run ({kind}: {pid} {what})"))
    problems += _milestone_problems(r, catalog, {s.pattern: s.end for s in slots}, file)
    planned = set(where)
    for index, item in enumerate(r.not_yet):
        if item.pattern in planned:
            problems.append(Problem(file, f"not_yet.{index}.pattern", "expected a pattern this roadmap does not plan"))
    return problems


# Words too common to tell one pattern from another when a milestone uses a name's first word alone.
GENERIC = {"service", "event", "database", "health", "graceful", "static", "request", "shared", "multi",
           "distributed", "external", "horizontal", "message", "feature", "schema", "change", "consumer",
           "content", "connection", "structured", "immutable", "infrastructure", "rolling", "write", "read",
           "backends", "asynchronous", "competing", "leader", "publish", "sticky", "synthetic"}


def named_in(text: str, name: str, pid: str) -> bool:
    """Does the text name the pattern: its name, its id in words, or a distinctive first word ("canary")?"""
    text = text.lower()
    full = re.sub(r"\s*\(.*?\)", "", name).lower()
    first = full.split()[0]
    short = len(full.split()) > 1 and len(first) >= 5 and first not in GENERIC
    return full in text or pid.replace("-", " ") in text or bool(short and re.search(rf"\b{first}\b", text))


def _milestone_problems(r: Roadmap, catalog: Catalog, ends: dict[str, int], file: str) -> list[Problem]:
    """A milestone comes no earlier than the week each step it proves ends, and it lists every step it names."""
    problems = []
    for p_index, phase in enumerate(r.phases):
        for m_index, m in enumerate(phase.milestones):
            at = f"phases.{p_index}.milestones.{m_index}"
            for index, pid in enumerate(m.needs):
                if pid not in ends:
                    problems.append(Problem(file, f"{at}.needs.{index}", f"expected a step of this roadmap ('{pid}')"))
                elif m.week < ends[pid]:
                    expected = f"expected week {ends[pid]} or later: {pid} runs until week {ends[pid]}"
                    problems.append(Problem(file, f"{at}.week", expected))
            for pid in ends:
                if pid not in m.needs and named_in(f"{m.name} {m.target}", catalog.get(pid).name, pid):
                    problems.append(Problem(file, f"{at}.needs", f"expected '{pid}', which the milestone names"))
    return problems


def _priority_problems(p: Priorities, catalog: Catalog, file: str) -> list[Problem]:
    problems = []
    order = {"must": 0, "should": 1, "nice": 2}
    stages = list(Scale)
    rank: dict[str, tuple[int, int]] = {}
    for scale in stages:
        for tier, ids in p.maturity.get(scale, {}).items():
            for index, pid in enumerate(ids):
                at = f"maturity.{scale.value}.{tier}.{index}"
                if pid not in catalog.patterns:
                    problems.append(no_such_pattern(file, at, pid))
                    continue
                if scale not in catalog.get(pid).fits.scales:
                    problems.append(Problem(file, at, f"expected a pattern that pays off at {scale.value} scale"))
                rank.setdefault(pid, (stages.index(scale), order[tier]))
    for pid, place in rank.items():
        for q in catalog.get(pid).prerequisites:
            if q in rank and rank[q] > place:
                problems.append(Problem(file, "maturity", f"expected {q} no later than {pid}, which needs it"))
    for domain, steps in p.domains.items():
        slots = []
        for index, step in enumerate(steps):
            if step.pattern not in catalog.patterns:
                problems.append(no_such_pattern(file, f"domains.{domain}.{index}.pattern", step.pattern))
                continue
            slots.append(
                Slot(step.pattern, step.start, step.start + (step.weeks or catalog.get(step.pattern).effort_weeks) - 1)
            )
        if len(slots) == len(steps):
            weeks = max(s.end for s in slots)
            for kind, pid, what in schedule_problems(
                slots, weeks, len(slots), catalog, frozenset(catalog.patterns) - {s.pattern for s in slots}
            ):
                problems.append(
                    Problem(
                        file,
                        f"domains.{domain}",
                        f"expected an order that respects prerequisites ({kind}: {pid} {what})",
                    )
                )
    return problems


def load_roadmaps(catalog: Catalog, generator: Generator, data_dir: Path = DATA_DIR) -> Roadmaps:
    problems: list[Problem] = []
    roadmaps: dict[str, Roadmap] = {}
    for rid in ROADMAP_IDS:
        path = data_dir / "roadmaps" / f"{rid}.yml"
        if not path.is_file():
            problems.append(Problem(rel(path), "", "expected this roadmap file"))
            continue
        record, found = load_record(Roadmap, path)
        problems.extend(found)
        if isinstance(record, Roadmap):
            if record.id != rid:
                problems.append(Problem(rel(path), "id", f"expected '{rid}' to match the file name"))
            problems.extend(_roadmap_problems(record, catalog, generator, rel(path)))
            roadmaps[rid] = record
    for extra in sorted((data_dir / "roadmaps").glob("*.yml")):
        if extra.stem not in ROADMAP_IDS:
            problems.append(Problem(rel(extra), "", f"expected one of the roadmap ids {list(ROADMAP_IDS)}"))
    path = data_dir / "priorities.yml"
    priorities = None
    if not path.is_file():
        problems.append(Problem(rel(path), "", "expected this file"))
    else:
        record, found = load_record(Priorities, path)
        problems.extend(found)
        if isinstance(record, Priorities):
            problems.extend(_priority_problems(record, catalog, rel(path)))
            priorities = record
    if problems:
        raise DataError(problems)
    assert priorities is not None
    return Roadmaps(roadmaps, priorities)
