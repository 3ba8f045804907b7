"""One plan, built in the order of the maturity model (see engine.py), on the team's lanes.

Pure Python (no mkdocs import). The Planner (engine.py) holds everything that is the same for
many plans (fit, scores, ranking); a PlanBuilder places one plan's steps and assembles the Plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plan_types import Alternative, Answers, Avoided, Phase, Plan, Reason, ReasonKind, Step
from schedule import Lanes

if TYPE_CHECKING:
    from engine import Planner

FOUNDATION = (ReasonKind.foundation, ReasonKind.recommend)


class PlanBuilder:
    def __init__(self, planner: Planner, a: Answers, blocked: dict, covers: tuple):
        p, rules = planner, planner.rules
        self.p, self.a, self.blocked, self.covers = p, a, blocked, covers
        self.timeline = rules.timelines[a.timeline]
        self.weeks, self.cap = self.timeline.weeks, p.capacity[a.team]
        self.effort = p.effort[a.scale]
        self.budget = round(rules.budget.share * self.cap * self.weeks)
        provided = rules.foundation.provided.get(a.system)  # type: ignore[call-overload]
        self.provided = tuple(provided.patterns) if provided else ()
        # What a system at this scale already runs; a platform's own list replaces it (serverless
        # functions do not bring a connection pool with them, for example).
        assumed = rules.foundation.assumed.get(a.scale, ())  # type: ignore[call-overload]
        self.assumed = () if provided else tuple(assumed)
        self.covered = {x: c.pattern for c in covers for x in c.covers}  # covered pattern -> its cover
        serial = self.cap <= rules.budget.serial_high_complexity_up_to
        in_flight = rules.budget.structural_in_flight[a.team]  # type: ignore[index]
        per_quarter = rules.budget.new_per_quarter[a.team]  # type: ignore[index]
        self.lanes = Lanes(self.weeks, self.cap, serial, rules.budget.share, in_flight, per_quarter)
        self.slots: dict[str, tuple[int, int, int, bool]] = {}  # pid -> (start, end exclusive, lane, paced)
        self.why: dict[str, Reason] = {}  # pid -> why it comes now
        self.chosen: dict[str, str] = {}  # group id -> its planned pattern
        self.alternatives: dict[str, str] = {}  # unplanned group member -> the planned one
        self.continues: list[str] = []  # long changes that run past the timeline's end
        self.fill: frozenset[str] = frozenset()

    # -- placing ----------------------------------------------------------------

    def usable(self, pid: str) -> bool:
        p = self.p
        return not (
            pid in self.blocked or pid in p.internal or pid in self.provided or pid in self.assumed
            or pid in self.covered
        )

    def done_at(self, pid: str) -> int | None:
        """The week (0-based, exclusive) a prerequisite is done, 0 if it needs no step, None if not yet."""
        if pid in self.provided or pid in self.assumed:
            return 0
        cover = self.covered.get(pid)
        slot = self.slots.get(cover if cover else pid)
        return slot[1] if slot else None

    def place(self, pid: str, why: Reason, paced: bool, partial: bool = False) -> bool:
        """Place a pattern with its missing prerequisites, or nothing; True if it is in the plan.

        `partial` lets a structural change start and run past the timeline's end when it cannot
        finish inside it (the plan says it continues)."""
        p, effort = self.p, self.effort
        if pid in self.slots:
            return True
        if paced and self.lanes.not_before(effort[pid]) + min(effort[pid], 2 if partial else effort[pid]) > self.weeks:
            return False  # cannot fit in the timeline at the budget's pace
        needs = p.closure[pid]
        if paced and pid in p.structural:  # a structural change by relevance waits for the safety nets
            nets = [n for n in p.rules.budget.structural_after if n != pid and self.usable(n)]
            needs = (*dict.fromkeys(q for n in nets for q in (*p.closure[n], n)), *needs)
        chain = [q for q in dict.fromkeys(needs) if self.done_at(q) is None] + [pid]
        if not all(self.usable(q) for q in chain) or not self._groups_allow(chain):
            return False
        if any(q in p.structural and q != pid and q not in self.fill for q in chain):
            return False  # never pull in a structural change that the answers do not ask for
        added: list[str] = []
        for q in chain:
            before = p.prereqs[q] if q != pid else needs
            ready = max((self.done_at(r) or 0 for r in before), default=0)
            length, high, structural = effort[q], q in p.high, q in p.structural
            if paced:
                ready = max(ready, self.lanes.not_before(length))
            found = self._earliest(ready, length, high, structural, paced)
            if found is None and partial and q == pid and structural:
                found = self.lanes.tail(ready, min(length, 2), high, structural)
                if found is not None and self.weeks - found[0] < length:
                    length = self.weeks - found[0]
                    self.continues.append(q)
            if found is None:
                for r in reversed(added):  # undo the partial chain
                    start, end, lane, was_paced = self.slots.pop(r)
                    self.lanes.give_back(start, lane, end - start, r in p.high, r in p.structural, was_paced)
                return False
            start, lane = found
            self.lanes.take(start, lane, length, high, structural, paced)
            self.slots[q] = (start, start + length, lane, paced)
            added.append(q)
        for q in added:
            group = p.group_of.get(q)
            if group is not None:
                self.chosen.setdefault(group.id, q)
            if q != pid:
                needed_by = tuple(d for d in added if q in p.prereqs[d])
                self.why.setdefault(q, p.words.prerequisite(needed_by) if needed_by else p.words.safety_net(pid))
        self.why.setdefault(pid, why)
        for q in added:
            for companion in p.rules.companions.get(q, ()):
                if self.usable(companion):
                    self.place(companion, p.words.companion(q), paced=False)
        return True

    def _earliest(self, ready: int, length: int, high: bool, structural: bool, paced: bool) -> tuple[int, int] | None:
        """The lanes' earliest window; a paced step also waits for a quarter that can absorb it."""
        while True:
            if paced:
                ready = self.lanes.quarter_open(ready)
            found = self.lanes.earliest(ready, length, high, structural)
            if not paced or found is None or found[0] == self.lanes.quarter_open(found[0]):
                return found
            ready = found[0]

    def _groups_allow(self, chain: list[str]) -> bool:
        seen: dict[str, str] = dict(self.chosen)
        for q in chain:
            group = self.p.group_of.get(q)
            if group is not None:
                if seen.get(group.id, q) != q:
                    return False
                seen[group.id] = q
        return True

    # -- the plan ---------------------------------------------------------------

    def build(self) -> Plan:
        p, a, rules, words = self.p, self.a, self.p.rules, self.p.words
        f = rules.foundation
        ranked, self.fill, self.avoid_candidates = p._profile(a._replace(timeline=""))
        recommends = [
            (r, (r.pattern, words.recommend(i))) for i, r in enumerate(rules.recommend) if p.matches(r.when, a)
        ]
        core = [(pid, words.foundation_scale(a)) for pid in f.scales[a.scale]]  # type: ignore[index]
        core += [(pid, words.foundation_system(a)) for pid in f.system_types.get(a.system, ())]  # type: ignore[call-overload]
        asked = [m for m in core if a.goal in p.goals[m[0]] or any(c in p.challenges[m[0]] for c in a.challenges)]
        extended = [(pid, words.foundation_scale(a)) for pid in f.extended[a.scale]]  # type: ignore[index]
        light = self.cap <= f.light_capacity
        # 1. The foundation and the recommend rules, unpaced; phase 1 lasts until they have started.
        moves = [m for r, m in recommends if r.before_foundation]
        moves += [(pid, words.foundation_first(pid)) for pid in f.first]
        moves += [m for r, m in recommends if not r.before_foundation]
        moves += asked + [m for m in core if m not in asked]
        moves += [] if light else extended
        self.missed = [pid for pid, why in moves if self.usable(pid) and not self.place(pid, why, False, True)]
        first_end = max((start for start, *_ in self.slots.values()), default=0) + 1
        # 2. The first move on the goal and the best fit for each ticked challenge, beyond the foundation.
        ranked = [pid for pid in ranked if pid not in self.covered]
        quick = [pid for pid in ranked if pid not in p.structural and pid not in p.high]
        beyond = lambda: [s for s in self.slots if self.why[s].kind not in FOUNDATION]  # noqa: E731
        fresh = lambda pid: pid not in self.slots  # noqa: E731 - a step already planned is no new move
        if not any(a.goal in p.goals[s] for s in beyond()):
            preferred = [pid for pid in rules.first_moves.get(a.goal, ()) if pid in p.goals and a.goal in p.goals[pid]]  # type: ignore[call-overload]
            candidates = [*preferred, *(pid for pid in quick if a.goal in p.goals[pid])]
            any(self.place(pid, words.first_move(a), False) for pid in candidates if fresh(pid) and self.usable(pid))
        for c in a.challenges:
            if not any(c in p.challenges[s] for s in beyond()):
                any(self.place(pid, words.best_fit(c), False) for pid in quick if c in p.challenges[pid] and fresh(pid))
        # 3. A light team's extended foundation, then the rest by relevance, paced from here.
        self.lanes.origin = max((start for start, *_ in self.slots.values()), default=0)
        if light:
            self.missed += [pid for pid, why in extended if self.usable(pid) and not self.place(pid, why, True)]
        too_long = self.weeks + 1  # the pace only tightens: an effort that failed it once always will
        for pid in ranked:
            if pid not in self.fill or self.effort[pid] >= too_long:
                continue
            if self.lanes.quarter_open(self.lanes.not_before(1)) >= self.weeks:
                break  # the budget's pace or the quarters' limits leave no week for anything more
            structural = pid in p.structural
            if not structural and self.lanes.not_before(self.effort[pid]) + self.effort[pid] > self.weeks:
                too_long = self.effort[pid]
                continue
            self.place(pid, words.relevance(), True, partial=structural)
        return self._assemble(ranked, first_end)

    def _assemble(self, ranked: list[str], first_end: int) -> Plan:
        p, a, words = self.p, self.a, self.p.words
        phases = self._phases(first_end)
        steps = []
        for pid, (start, end, *_) in sorted(self.slots.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0])):
            number = 1 + sum(ph.end <= start for ph in phases)
            steps.append(Step(pid, start + 1, end, number, p.layer[pid], (*words.how(pid, a), self.why[pid])))
        phases = [self._fill(ph, steps) for ph in phases]
        for pid in ranked:
            group = p.group_of.get(pid)
            if group is not None and group.id in self.chosen and self.chosen[group.id] != pid:
                self.alternatives.setdefault(pid, self.chosen[group.id])
        planned = set(self.slots)
        later = list(dict.fromkeys(self.missed + [x for x in ranked if x in self.fill]))
        later = [x for x in later if x not in planned and x not in self.alternatives and self.usable(x)]
        avoid = [
            Avoided(pid, self.blocked[pid][0], words.avoided(pid, self.blocked[pid], a))
            for pid in self.avoid_candidates
            if pid not in planned
        ]
        effort = sum(end - start for start, end, *_ in self.slots.values())
        notes = words.notes(a, self, steps, phases, later, avoid, effort)
        limits = p.rules.limits
        return Plan(
            answers=a,
            weeks=self.weeks,
            capacity=self.cap,
            budget_weeks=self.budget,
            effort_weeks=effort,
            steps=tuple(steps),
            phases=tuple(phases),
            alternatives=tuple(Alternative(x, y) for x, y in self.alternatives.items()),
            next=tuple(later[: limits.next]),
            avoid=tuple(avoid[: limits.avoid]),
            notes=tuple(notes),
            stores=tuple(words.stores(a)),
        )

    def _phases(self, first_end: int) -> list[Phase]:
        """The timeline's phases. Phase 1 lasts until every foundation step has started; when that
        pushes it past its planned end, the later phases share the weeks left in proportion to their
        planned lengths; when few weeks are left, only the first later phases are kept, so that no
        phase is much shorter than a month (a short timeline may end with a single later phase)."""
        first, *later = self.timeline.phases
        end = max(first.end, first_end)
        out = [Phase(first.name, first.goal, 1, end, (), (), ())]
        if end > first.end:
            left = self.weeks - end
            later = later[: (left // 4) or min(1, left)]  # no phase much shorter than a month
            planned = sum(ph.end - ph.start + 1 for ph in later)
            done, left = 0, self.weeks - end
            for index, ph in enumerate(later):
                done += ph.end - ph.start + 1
                last = self.weeks if index == len(later) - 1 else end + max(index + 1, round(left * done / planned))
                out.append(Phase(ph.name, ph.goal, out[-1].end + 1, last, (), (), ()))
            return out
        return out + [Phase(ph.name, ph.goal, ph.start, ph.end, (), (), ()) for ph in later]

    def _fill(self, ph: Phase, steps: list[Step]) -> Phase:
        starting = tuple(s.pattern for s in steps if ph.start <= s.start <= ph.end)
        running = tuple(s.pattern for s in steps if s.start < ph.start <= s.end)
        ending = [s.pattern for s in steps if ph.start <= s.end <= ph.end and s.pattern not in self.continues]
        criteria = tuple((pid, self.p.catalog.get(pid).metrics[0]) for pid in ending)
        return ph._replace(steps=starting, running=running, exit_criteria=criteria)
