"""Week-by-week schedules: the promises every schedule keeps, and the team's workstreams.

`schedule_problems` checks any schedule (the generator's plans
and the pre-built roadmaps) against the same promises; `Lanes` is how the engine fills a team's
workstreams.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from pattern_roadmap.domain.catalog import Catalog

QUARTER = 13  # weeks


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


class Lanes:
    """A team's workstreams, week by week (0-based weeks here; Slot and the plan use 1-based).

    Capacity C means C parallel workstreams; a step occupies one workstream for its whole effort.
    Small teams (`serial`) run one high-complexity step at a time, and every team at most
    `structural_max` structural changes at once. Paced steps keep the work taken since `origin`
    within `pace` x capacity x elapsed weeks, so the plan leaves room for feature work all along
    the timeline instead of front-loading it.
    """

    def __init__(self, weeks: int, capacity: int, serial: bool, pace: float, structural_max: int, per_quarter: int):
        self.weeks, self.capacity, self.serial, self.pace = weeks, capacity, serial, pace
        self.rate = pace * capacity  # lane-weeks the pace allows per elapsed week
        self.per_quarter = per_quarter
        self.starts = [0] * (weeks // QUARTER + 1)  # paced steps started in each quarter, in half-steps
        self.free = [bytearray(b"\x01" * weeks) for _ in range(capacity)]  # 1 = the week is free
        self.heavy = bytearray(weeks)  # high-complexity steps running in each week
        self.structural = bytearray(weeks)  # structural changes running in each week
        self.structural_max = structural_max
        self.origin = 0  # the week pacing starts from
        self.paced = 0  # lane-weeks taken by paced steps

    def state(self) -> tuple:
        """A copy of everything taken so far (restore() puts it back)."""
        return ([bytes(f) for f in self.free], bytes(self.heavy), bytes(self.structural), tuple(self.starts),
                self.origin, self.paced)

    def restore(self, state: tuple) -> None:
        free, heavy, structural, starts, self.origin, self.paced = state
        self.free = [bytearray(f) for f in free]
        self.heavy, self.structural, self.starts = bytearray(heavy), bytearray(structural), list(starts)

    def quarter_open(self, week: int) -> int:
        """The first week from `week` on whose quarter can still start a paced step, or `weeks`."""
        while week < self.weeks and self.starts[week // QUARTER] >= 2 * self.per_quarter:
            week = (week // QUARTER + 1) * QUARTER
        return min(week, self.weeks)

    def not_before(self, effort: int) -> int:
        """The earliest start (0-based) at which a paced step of this effort keeps within the pace."""
        wait = math.ceil((self.paced + effort) / self.rate) - effort
        return self.origin + wait if wait > 0 else self.origin

    def _clash(self, start: int, length: int, high: bool, structural: bool) -> int:
        """The first week in the window that breaks a limit, or -1."""
        if not (high and self.serial) and not structural:
            return -1
        for week in range(start, start + length):
            if (high and self.serial and self.heavy[week]) or (
                structural and self.structural[week] >= self.structural_max
            ):
                return week
        return -1

    def earliest(self, ready: int, effort: int, high: bool, structural: bool) -> tuple[int, int] | None:
        """(start, lane) of the earliest free window of `effort` weeks from `ready`, or None."""
        window = b"\x01" * effort
        start = ready
        while start + effort <= self.weeks:
            best = None
            for lane, free in enumerate(self.free):
                found = free.find(window, start)
                if found >= 0 and (best is None or found < best[0]):
                    best = (found, lane)
            if best is None:
                return None
            clash = self._clash(best[0], effort, high, structural)
            if clash < 0:
                return best
            start = clash + 1
        return None

    def tail(self, ready: int, least: int, high: bool, structural: bool) -> tuple[int, int] | None:
        """(start, lane) of the earliest window of at least `least` weeks that runs to the timeline's
        end: a long change that starts now and continues after the timeline."""
        best = None
        for lane, free in enumerate(self.free):
            busy = free.rfind(b"\x00")
            start = max(ready, busy + 1)
            if self.weeks - start >= least and (best is None or start < best[0]):
                best = (start, lane)
        if best is None or self._clash(best[0], self.weeks - best[0], high, structural) >= 0:
            return None
        return best

    def take(self, start: int, lane: int, length: int, high: bool, structural: bool, paced: bool) -> None:
        self._mark(start, lane, length, high, structural, 1)
        if paced:
            self.paced += length
            self.starts[start // QUARTER] += 1 + (length > 1)  # a one-week step counts half

    def give_back(self, start: int, lane: int, length: int, high: bool, structural: bool, paced: bool) -> None:
        self._mark(start, lane, length, high, structural, -1)
        if paced:
            self.paced -= length
            self.starts[start // QUARTER] -= 1 + (length > 1)

    def _mark(self, start: int, lane: int, length: int, high: bool, structural: bool, sign: int) -> None:
        self.free[lane][start : start + length] = (b"\x00" if sign > 0 else b"\x01") * length
        if not (high or structural):
            return
        for week in range(start, start + length):
            self.heavy[week] += sign * high
            self.structural[week] += sign * structural
