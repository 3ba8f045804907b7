"""Pre-generated generator data: every plan, encoded compactly, one file per choice of the five selects.

Pure Python (no mkdocs import). A file holds the 64 plans of one choice of system, scale, team,
goal and timeline (one per combination of ticked challenges), so ticking boxes never needs a new
request. The browser only looks plans up and assembles pre-rendered pieces.

File format (JSON, version 1):
    t  texts: every reason, "avoid" reason and note, rendered once by Jinja, shown as plain text
    s  slots: "pattern.start.end"   pattern = index into the page's pattern table
    r  reason sets: "text.text..."  indices into t
    x  64 plans, indexed by the ticked-challenge bitmask (bit i = the form's i-th checkbox):
       "steps|next|avoid|notes|phases"                 (all numbers in base 36)
       steps  "slot:reasons" pairs, in schedule order  next   pattern indices
       avoid  "pattern:text" pairs                       notes  text indices
       phases how many steps start in each phase, in order (phases after the last step are omitted)
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from engine import Answers, Avoided, Note, Planner, Roadmap

FORMAT_VERSION = 1
SELECTS = ("system", "scale", "team", "goal", "timeline")


def b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


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
        tables: dict[str, dict[str, int]] = {"t": {}, "s": {}, "r": {}}

        def index(table: str) -> Callable[[str], str]:
            entries = tables[table]
            return lambda value: b36(entries.setdefault(value, len(entries)))

        plans = []
        for mask in range(2 ** len(self.planner.challenge_order)):
            answers = answers_for(self.planner, selects, mask)
            plans.append(self._plan(self.planner.plan(answers), index("t"), index("s"), index("r")))
        data = {"v": FORMAT_VERSION, **{k: list(v) for k, v in tables.items()}, "x": plans}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def _plan(self, r: Roadmap, text, slot, reasons) -> str:
        a, idx = r.answers, self.index
        step_codes = []
        for s in r.steps:
            where = slot(f"{b36(idx[s.pattern])}.{b36(s.start)}.{b36(s.end)}")
            why = reasons(".".join(text(self.reason(kind, value)) for kind, value in s.reasons))
            step_codes.append(f"{where}:{why}")
        avoid = [f"{b36(idx[x.pattern])}:{text(self.avoided(x, a.scale, a.team, a.system))}" for x in r.avoid]
        notes = [text(self.note(n, Answers(a.system, a.scale, a.team, (), a.goal, a.timeline))) for n in r.notes]
        return "|".join(
            [
                ".".join(step_codes),
                ".".join(b36(idx[p]) for p in r.next),
                ".".join(avoid),
                ".".join(notes),
                ".".join(b36(len(ph.steps)) for ph in r.phases),
            ]
        )
