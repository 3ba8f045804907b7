"""Pre-built roadmaps (roadmap_data/roadmaps/<id>.yml) and implementation priorities (priorities.yml).

Schedules are checked with schedule.schedule_problems, the same promises the generator's plans
keep: prerequisites finish first, weeks fit the roadmap, and no week holds more parallel steps
than the team's capacity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pattern_roadmap.data.files import DATA_ROOT, load_record, rel
from pattern_roadmap.data.problems import DataError, Problem, id_matches_file, no_such_pattern, phases_in_a_row
from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.domain.generator import Generator
from pattern_roadmap.domain.schedule import Slot, schedule_problems
from pattern_roadmap.schema.roadmaps import Priorities, Roadmap, RoadmapStep
from pattern_roadmap.schema.vocabulary import Scale

ROADMAP_IDS = ("startup-to-scale", "monolith-to-microservices", "global-scale", "scale", "enterprise")


def slots(steps: Iterable[RoadmapStep], catalog: Catalog) -> list[Slot]:
    """Each step's weeks: from its start, for its own effort or the pattern's."""
    return [Slot(s.pattern, s.start, s.start + (s.weeks or catalog.get(s.pattern).effort_weeks) - 1) for s in steps]


def roadmap_slots(r: Roadmap, catalog: Catalog) -> list[Slot]:
    return slots((s for phase in r.phases for s in phase.steps), catalog)


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
    problems += phases_in_a_row(r.phases, file, "phases")[0]
    for p_index, phase in enumerate(r.phases):
        at = f"phases.{p_index}"
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
    placed = roadmap_slots(r, catalog)
    for kind, pid, what in schedule_problems(placed, r.weeks, capacity, catalog, frozenset(r.assumes)):
        problems.append(Problem(file, where[pid], f"expected a schedule the team can run ({kind}: {pid} {what})"))
    problems += _milestone_problems(r, catalog, {s.pattern: s.end for s in placed}, file)
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
        missing = [(i, step.pattern) for i, step in enumerate(steps) if step.pattern not in catalog.patterns]
        for index, pid in missing:
            problems.append(no_such_pattern(file, f"domains.{domain}.{index}.pattern", pid))
        if not missing:
            placed = slots(steps, catalog)
            weeks = max(s.end for s in placed)
            for kind, pid, what in schedule_problems(
                placed, weeks, len(placed), catalog, frozenset(catalog.patterns) - {s.pattern for s in placed}
            ):
                problems.append(
                    Problem(
                        file,
                        f"domains.{domain}",
                        f"expected an order that respects prerequisites ({kind}: {pid} {what})",
                    )
                )
    return problems


def load_roadmaps(catalog: Catalog, generator: Generator, data_dir: Path = DATA_ROOT) -> Roadmaps:
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
            mismatch = id_matches_file(record.id, rid, rel(path))
            if mismatch is not None:
                problems.append(mismatch)
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
