"""A plan's phases: the timeline's phases, fitted to the foundation and to the steps in them.

Phase 1 lasts until every foundation step has started. A later
phase in which nothing starts or runs, or that is shorter than a month, joins the phase before
it, so that every phase a reader sees has work in it and a name that can be true of it.
"""

from __future__ import annotations

from bisect import bisect_left

from pattern_roadmap.engine.plan import PlanPhase, Step
from pattern_roadmap.schema.generator import Timeline

SHORTEST = 4  # weeks: a later phase shorter than this joins the one before it


def planned(timeline: Timeline, first_end: int) -> list[PlanPhase]:
    """The timeline's phases once phase 1 runs to week `first_end`. When that is past its planned
    end, the later phases share the weeks left in proportion to their planned lengths, and only as
    many of them are kept as have a month each (a short timeline may end with a single one)."""
    first, *later = timeline.phases
    weeks = timeline.weeks
    end = max(first.end, first_end)
    out = [PlanPhase(first.name, first.goal, 1, end, (), (), ())]
    if end == first.end:
        return out + [PlanPhase(ph.name, ph.goal, ph.start, ph.end, (), (), ()) for ph in later]
    left = weeks - end
    later = later[: left // SHORTEST]
    total = sum(ph.end - ph.start + 1 for ph in later)
    done = 0
    for index, ph in enumerate(later):
        done += ph.end - ph.start + 1
        last = weeks if index == len(later) - 1 else end + max(index + 1, round(left * done / total))
        out.append(PlanPhase(ph.name, ph.goal, out[-1].end + 1, last, (), (), ()))
    if out[-1].end < weeks:  # no later phase had a month: phase 1 runs to the end
        out[-1] = out[-1]._replace(end=weeks)
    return out


def merge_quiet(phases: list[PlanPhase], spans: list[tuple[int, int]]) -> list[PlanPhase]:
    """Join into the phase before it each later phase in which no step (first week, last week;
    1-based; sorted) starts or runs, and each later phase shorter than a month."""
    out = [phases[0]]
    ordered, index, latest = spans, 0, 0  # spans come in order; latest: the last week of the steps started so far
    for ph in phases[1:]:
        while index < len(ordered) and ordered[index][0] <= ph.end:
            latest = max(latest, ordered[index][1])
            index += 1
        busy = latest >= ph.start  # a step that started by the phase's end runs into it
        if busy and ph.end - ph.start + 1 >= SHORTEST:
            out.append(ph)
        else:
            out[-1] = out[-1]._replace(end=ph.end)
    return out


def fill(phases: list[PlanPhase], steps: list[Step], continues: list[str], criterion: dict) -> list[PlanPhase]:
    """Each phase's starting and running steps, and the exit criteria of the steps that end in it
    (a change that continues after the timeline has none yet)."""
    starting: list[list[str]] = [[] for _ in phases]
    running: list[list[str]] = [[] for _ in phases]
    ending: list[list[str]] = [[] for _ in phases]
    ends = [ph.end for ph in phases]
    for s in steps:
        first, last = s.phase - 1, bisect_left(ends, s.end)
        starting[first].append(s.pattern)
        for index in range(first + 1, last + 1):
            running[index].append(s.pattern)
        if s.pattern not in continues:
            ending[last].append(s.pattern)
    return [
        PlanPhase(ph.name, ph.goal, ph.start, ph.end, tuple(started), tuple(ran), tuple(map(criterion.get, ended)))
        for ph, started, ran, ended in zip(phases, starting, running, ending, strict=True)
    ]
