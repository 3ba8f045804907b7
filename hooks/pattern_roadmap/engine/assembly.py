"""One plan's assembly, once its steps are placed: each step with its reasons (how it helps, then
why it comes now), the phases, the alternatives, what comes next, what to avoid and the notes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pattern_roadmap.engine import phases as plan_phases
from pattern_roadmap.engine.plan import Alternative, Avoided, Plan, Step
from pattern_roadmap.engine.words import Placed

if TYPE_CHECKING:  # the builder passes itself; only its attributes are read
    from pattern_roadmap.engine.builder import PlanBuilder


def assemble(b: PlanBuilder, grouped: Sequence[str], fill: Sequence[str], first_end: int) -> Plan:
    """The Plan: steps with their reasons, phases, alternatives (from `grouped`, the ranked
    patterns in an alternative group), next, avoid and notes."""
    p, a, words = b.p, b.a, b.p.words
    ordered = sorted((slot[0], slot[1], pid) for pid, slot in b.slots.items())
    spans = [(start + 1, end) for start, end, _ in ordered]
    phases = plan_phases.merge_quiet(p.phases(a.timeline, first_end), spans)
    ends = [ph.end for ph in phases]
    why, layer, placed_for, hows = b.why, p.layer, b.placed_for, p.hows(a.challenges, a.goal)

    new_step = tuple.__new__  # Step(...) without NamedTuple's Python-level __new__: this runs 100,000s of times
    steps = []
    for start, end, pid in ordered:
        # How it helps (the pattern's own sentences, shared by plans with the same challenges and
        # goal), then why it comes now.
        if pid in placed_for:
            helps = words.how(pid, a, placed_for[pid])
        else:
            helps = hows.get(pid)
            if helps is None:
                helps = hows[pid] = words.how(pid, a)
        reasons = (*helps, why[pid])
        steps.append(new_step(Step, (pid, start + 1, end, 1 + bisect_right(ends, start), layer[pid], reasons)))
    phases = plan_phases.fill(phases, steps, b.continues, p.criterion)
    shown: dict[str, int] = {}  # alternatives named per group, at most two (the most relevant)
    for pid in grouped if b.chosen else ():
        group = p.group_of.get(pid)
        chosen = b.chosen.get(group.id, pid) if group is not None else pid
        if chosen != pid and shown.get(chosen, 0) < 2 and pid not in b.alternatives:
            b.alternatives[pid] = chosen
            shown[chosen] = shown.get(chosen, 0) + 1
    planned = set(b.slots)
    later, groups = [], set(b.chosen)  # "next": one pattern per alternative group
    skip = planned.union(b.alternatives, b.unusable)
    for x in dict.fromkeys([*b.missed, *b.waiting, *fill]):
        if x in skip:
            continue
        group = p.group_of.get(x)
        if group:
            if group.id in groups:
                continue
            groups.add(group.id)
        later.append(x)
    limits = p.rules.limits
    avoid = [
        Avoided(pid, b.blocked[pid][0], words.avoided(pid, b.blocked[pid], a))
        for pid in [pid for pid in b.avoid_candidates if pid not in planned][: limits.avoid]
    ]
    effort = sum(end - start for start, end, _ in ordered)
    placed = Placed(b.foundation, b.assumed, tuple(b.missed), tuple(b.continues), b.budget, b.weeks)
    notes = words.notes(a, placed, steps, phases, later, avoid, effort)
    return Plan(
        answers=a,
        weeks=b.weeks,
        capacity=b.cap,
        budget_weeks=b.budget,
        effort_weeks=effort,
        steps=tuple(steps),
        phases=tuple(phases),
        alternatives=tuple(Alternative(x, y) for x, y in b.alternatives.items()),
        next=tuple(later[: limits.next]),
        avoid=tuple(avoid),
        notes=tuple(notes),
        stores=tuple(words.stores(a)),
    )
