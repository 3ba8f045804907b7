"""Pre-generated generator data: every plan, encoded compactly, one file per choice of the five selects.

A file holds the 64 plans of one choice of system, scale, team,
goal and timeline (one per combination of ticked challenges), so ticking boxes never needs a new
request. The browser only looks plans up and assembles pre-rendered pieces.

Each file is stored gzip-compressed (name.json.gz, with a fixed header, so builds are
reproducible) and inflated in the browser with DecompressionStream: the bytes a reader fetches
are the same whether or not the host compresses responses.

File format (JSON, version 3). Every number is two base-36 digits ("00" to "zz"), written
without separators, so a list of numbers is a string whose length is a multiple of two:
    b  the budget in team-weeks (the same for the 64 plans of a file)
    t  texts: every reason, "avoid" reason and note, made by the engine, shown as plain text
    r  reason sets: text indices (how the step helps, then, last, why it comes now)
    n  "next" lists: pattern indices
    a  "avoid" lists: pairs of pattern index and text index
    x  64 plans, indexed by the ticked-challenge bitmask (bit i = the form's i-th checkbox):
       "steps|na|notes|phases|alternatives|stores"
       steps         pattern index, first week and reason-set index (6 characters each), in schedule
                     order; the last week is the first plus the pattern's effort at the reader's scale
                     (in the page's pattern table) minus one, or the timeline's last week if that comes
                     first (a long change that continues after the timeline)
       na            the index of the plan's "next" list in n, then of its "avoid" list in a
       notes         text indices
       phases        the timeline's phase index and last week of each phase (4 characters each)
       alternatives  pairs of pattern indices: the unplanned one, then the planned one it could replace
       stores        pattern indices: datastore internals to look for when choosing a store
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Callable, Iterator

from pattern_roadmap.domain.generator import SELECTS
from pattern_roadmap.engine.plan import Answers, Plan
from pattern_roadmap.engine.planner import Planner

FORMAT_VERSION = 3


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
B36 = [x + y for x in DIGITS for y in DIGITS]


def b36(number: int) -> str:
    """Two base-36 digits; the format has no separators, so every number has this width."""
    if not 0 <= number < 36 * 36:
        raise ValueError(f"{number} does not fit the generator data format (0 to 1295)")
    return B36[number]


def file_name(system: str, scale: str, team: str, goal: str, timeline: str) -> str:
    return f"{system}.{scale}.{team}.{goal}.{timeline}.json.gz"


def compress(text: str) -> bytes:
    """gzip with a fixed header (no time, no name), so two builds write identical bytes."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def decompress(data: bytes) -> str:
    return gzip.decompress(data).decode("utf-8")


def select_keys(planner: Planner) -> Iterator[tuple[str, ...]]:
    g = planner.generator
    return itertools.product(*(g.values(param) for param in SELECTS))


def answers_for(planner: Planner, selects: tuple[str, ...], mask: int) -> Answers:
    system, scale, team, goal, timeline = selects
    return Answers(system, scale, team, planner.ticked(mask), goal, timeline)


class Encoder:
    def __init__(self, planner: Planner):
        self.planner = planner
        self.index = {pid: B36[i] for i, pid in enumerate(planner.ids)}

    def encode(self, selects: tuple[str, ...]) -> str:
        tables: dict[str, dict[str, int]] = {"t": {}, "r": {}, "n": {}, "a": {}}

        def index(table: str) -> Callable[[str], str]:
            entries = tables[table]
            return lambda value: b36(entries.setdefault(value, len(entries)))

        add = {name: index(name) for name in tables}
        reason_sets: dict[tuple, str] = {}  # a step's reasons -> its reason-set index
        add["reasons"] = lambda reasons: reason_sets.get(reasons) or reason_sets.setdefault(
            reasons, add["r"]("".join(add["t"](r.text) for r in reasons))
        )
        plans, budget = [], 0
        for mask in range(2 ** len(self.planner.challenge_order)):
            plan = self.planner.plan(answers_for(self.planner, selects, mask))
            plans.append(self._plan(plan, add))
            budget = plan.budget_weeks
        data = {"v": FORMAT_VERSION, "b": budget, **{k: list(v) for k, v in tables.items()}, "x": plans}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def _plan(self, plan: Plan, add: dict[str, Callable[[str], str]]) -> str:
        idx, text, reasons = self.index, add["t"], add["reasons"]
        effort, weeks, codes = self.planner.effort[plan.answers.scale], plan.weeks, []
        for s in plan.steps:  # the page works out each step's end from its effort: check that it may
            if s.end != min(s.start + effort[s.pattern] - 1, weeks):
                raise ValueError(f"a step of {plan.answers} does not last its pattern's effort")
            codes.append(idx[s.pattern] + b36(s.start) + reasons(s.reasons))
        steps = "".join(codes)
        avoid = "".join(idx[x.pattern] + text(x.reason) for x in plan.avoid)
        lists = add["n"]("".join(idx[p] for p in plan.next)) + add["a"](avoid)
        notes = "".join(text(n) for n in plan.notes)
        names = [ph.name for ph in self.planner.rules.timelines[plan.answers.timeline].phases]
        phases = "".join(b36(names.index(ph.name)) + b36(ph.end) for ph in plan.phases)
        alternatives = "".join(idx[x.pattern] + idx[x.instead_of] for x in plan.alternatives)
        stores = "".join(idx[p] for p in plan.stores)
        return "|".join([steps, lists, notes, phases, alternatives, stores])
