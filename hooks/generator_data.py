"""Pre-generated generator data: every plan, encoded compactly, one file per choice of the five selects.

Pure Python (no mkdocs import). A file holds the 64 plans of one choice of system, scale, team,
goal and timeline (one per combination of ticked challenges), so ticking boxes never needs a new
request. The browser only looks plans up and assembles pre-rendered pieces.

File format (JSON, version 2). Every number is two base-36 digits ("00" to "zz"), written
without separators, so a list of numbers is a string whose length is a multiple of two:
    t  texts: every reason, "avoid" reason and note, rendered once by Jinja, shown as plain text
    r  reason sets: text indices
    n  "next" lists: pattern indices
    a  "avoid" lists: pairs of pattern index and text index
    x  64 plans, indexed by the ticked-challenge bitmask (bit i = the form's i-th checkbox):
       "steps|na|notes|phases"
       steps   pattern index, first week and reason-set index (6 characters each), in schedule order;
               the last week is the first week plus the pattern's effort (in the page's table) minus one
       na      the index of the plan's "next" list in n, then of its "avoid" list in a
       notes   text indices
       phases  how many steps start in each phase, in order (phases after the last step are omitted)
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from engine import Answers, Avoided, Note, Planner, Roadmap

FORMAT_VERSION = 2
SELECTS = ("system", "scale", "team", "goal", "timeline")


def b36(number: int) -> str:
    """Two base-36 digits; the format has no separators, so every number has this width."""
    if not 0 <= number < 36 * 36:
        raise ValueError(f"{number} does not fit the generator data format (0 to 1295)")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    return digits[number // 36] + digits[number % 36]


@dataclass(frozen=True)
class Texts:
    """How codes become words; the hook builds these from the Jinja macros in overrides/."""

    reason: Callable[[str, str], str]
    avoided: Callable[[Avoided, Answers], str]
    note: Callable[[Note, Answers], str]


def file_name(system: str, scale: str, team: str, goal: str, timeline: str) -> str:
    return f"{system}.{scale}.{team}.{goal}.{timeline}.json"


def select_keys(planner: Planner) -> Iterator[tuple[str, ...]]:
    g = planner.generator
    return itertools.product(*(g.values(param) for param in SELECTS))


def answers_for(planner: Planner, selects: tuple[str, ...], mask: int) -> Answers:
    system, scale, team, goal, timeline = selects
    boxes = planner.challenge_order
    challenges = tuple(c for bit, c in enumerate(boxes) if mask >> bit & 1)
    return Answers(system, scale, team, challenges, goal, timeline)


class Encoder:
    def __init__(self, planner: Planner, texts: Texts):
        self.planner = planner
        self.index = {pid: i for i, pid in enumerate(planner.ids)}
        # Words depend only on the codes (and, for avoid/notes, a few answers): render each once.
        self.reason = lru_cache(maxsize=None)(texts.reason)
        self.avoided = lru_cache(maxsize=None)(lambda item, scale, team, system: texts.avoided(
            item, Answers(system, scale, team, (), "", "")))
        self.note = lru_cache(maxsize=None)(texts.note)

    def encode(self, selects: tuple[str, ...]) -> str:
        tables: dict[str, dict[str, int]] = {"t": {}, "r": {}, "n": {}, "a": {}}

        def index(table: str) -> Callable[[str], str]:
            entries = tables[table]
            return lambda value: b36(entries.setdefault(value, len(entries)))

        add = {name: index(name) for name in tables}
        reason_sets: dict[tuple, str] = {}  # the same reasons recur across the 64 plans of a file
        add["reasons"] = lambda reasons: reason_sets.get(reasons) or reason_sets.setdefault(
            reasons, add["r"]("".join(add["t"](self.reason(k, v)) for k, v in reasons))
        )
        plans = []
        for mask in range(2 ** len(self.planner.challenge_order)):
            answers = answers_for(self.planner, selects, mask)
            plans.append(self._plan(self.planner.plan(answers), add))
        data = {"v": FORMAT_VERSION, **{k: list(v) for k, v in tables.items()}, "x": plans}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def _plan(self, r: Roadmap, add: dict[str, Callable[[str], str]]) -> str:
        a, idx, text = r.answers, self.index, add["t"]
        effort = self.planner.effort
        if any(s.end != s.start + effort[s.pattern] - 1 for s in r.steps):
            raise ValueError(f"a step of {r.answers} does not last its pattern's effort")
        steps = "".join(
            b36(idx[s.pattern]) + b36(s.start) + add["reasons"](s.reasons) for s in r.steps
        )
        bare = Answers(a.system, a.scale, a.team, (), a.goal, a.timeline)
        avoid = "".join(b36(idx[x.pattern]) + text(self.avoided(x, a.scale, a.team, a.system)) for x in r.avoid)
        lists = add["n"]("".join(b36(idx[p]) for p in r.next)) + add["a"](avoid)
        notes = "".join(text(self.note(n, bare)) for n in r.notes)
        return "|".join([steps, lists, notes, "".join(b36(len(ph.steps)) for ph in r.phases)])
