"""One plan, built in the order of the maturity model (see planner.py), on the team's lanes.

The Planner (planner.py) holds everything that is the same for many plans (fit, scores, ranking);
a PlanBuilder places one plan's steps, and assembly.py makes them into the Plan.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pattern_roadmap.domain.schedule import Lanes
from pattern_roadmap.engine.assembly import assemble as assemble_plan
from pattern_roadmap.engine.plan import Answers, Plan, Reason, ReasonKind
from pattern_roadmap.engine.words import RELEVANCE

if TYPE_CHECKING:
    from pattern_roadmap.engine.planner import Planner, Profile


class PlanBuilder:
    def __init__(self, planner: Planner, a: Answers, key: Answers, blocked: dict, covers: tuple):
        """`key` is `a` without its timeline: what the planner's per-profile caches are keyed by."""
        p, rules = planner, planner.rules
        self.p, self.a, self.key, self.blocked, self.covers = p, a, key, blocked, covers
        self.cover_ids = tuple(c.pattern for c in covers)
        self.timeline = rules.timelines[a.timeline]
        self.weeks, self.cap = self.timeline.weeks, p.capacity[a.team]
        self.effort = p.effort[a.scale]
        self.budget = round(rules.budget.share * self.cap * self.weeks)
        self.provided, self.assumed, self.foundation, self.covered = p.setting(a.system, a.scale, self.cover_ids)
        # Never a step: ruled out, a datastore internal, provided, assumed, or covered by another step.
        self.unusable = p.unusable(key, self.cover_ids)
        self.given = frozenset((*self.provided, *self.assumed))  # done before the plan starts
        serial = self.cap <= rules.budget.serial_high_complexity_up_to
        in_flight = rules.budget.structural_in_flight[a.team]  # type: ignore[index]
        per_quarter = rules.budget.new_per_quarter[a.team]  # type: ignore[index]
        self.lanes = Lanes(self.weeks, self.cap, serial, rules.budget.share, in_flight, per_quarter)
        self.slots: dict[str, tuple[int, int, int, bool]] = {}  # pid -> (start, end exclusive, lane, paced)
        self.why: dict[str, Reason] = {}  # pid -> why it comes now
        self.chosen: dict[str, str] = {}  # group id -> its planned pattern
        self.alternatives: dict[str, str] = {}  # unplanned group member -> the planned one
        self.continues: list[str] = []  # long changes that run past the timeline's end
        self.placed_for: dict[str, str] = {}  # best fit -> the ticked challenge it was placed for
        self.base: frozenset[str] = frozenset()  # the steps the foundation placed
        # Set by place_all(), from the profile: what may fill the budget, "avoid" candidates, and the
        # baselines waiting for a later plan; and what the foundation could not place.
        self.fill: frozenset[str] = frozenset()
        self.avoid_candidates: tuple[str, ...] = ()
        self.waiting: tuple[str, ...] = ()
        self.missed: list[str] = []
        self._assembly: tuple = ((), (), 0)  # (grouped, fill, phase 1's end), for assemble()

    # -- placing ----------------------------------------------------------------

    def usable(self, pid: str) -> bool:
        return pid not in self.unusable

    def _free(self, pid: str) -> bool:
        """Could it still be placed: not planned yet, usable, and its alternative group not taken?"""
        if pid in self.slots or pid in self.unusable:
            return False
        group = self.p.group_of.get(pid)
        return group is None or self.chosen.get(group.id, pid) == pid

    def done_at(self, pid: str) -> int | None:
        """The week (0-based, exclusive) a prerequisite is done, 0 if it needs no step, None if not yet."""
        if pid in self.given:
            return 0
        slot = self.slots.get(self.covered.get(pid, pid))
        return slot[1] if slot else None

    def place(self, pid: str, why: Reason, paced: bool, partial: bool = False, room: int | None = None) -> bool:
        """Place a pattern with its missing prerequisites, or nothing; True if it is in the plan.

        `partial` lets a structural change start and run past the timeline's end when it cannot
        finish inside it (the plan says it continues). `room`: the team-weeks the step, its missing
        prerequisites and its companions may take at most (what is left of the budget)."""
        slots = self.slots
        if pid in slots:
            return True
        p, effort, lanes = self.p, self.effort, self.lanes
        least = max(2, (effort[pid] + 1) // 2) if partial else effort[pid]  # a continuing change: half of it fits
        if paced and lanes.not_before(effort[pid]) + min(effort[pid], least) > self.weeks:
            return False  # cannot fit in the timeline at the budget's pace
        needs = p.closure[pid]
        if paced and pid in p.nets:  # a change that splits the system, or tests it, waits for its safety nets
            nets = [n for n in p.nets[pid] if n != pid and n not in self.unusable]
            needs = tuple(dict.fromkeys((*(q for n in nets for q in (*p.closure[n], n)), *needs)))
        # The prerequisites not done yet (done_at, inlined: this runs for every step of every plan).
        given, covered = self.given, self.covered
        if covered:
            chain = [q for q in needs if q not in given and covered.get(q, q) not in slots]
        else:  # most plans cover nothing
            chain = [q for q in needs if q not in given and q not in slots]
        chain.append(pid)
        if not self.unusable.isdisjoint(chain) or not self._groups_allow(chain):
            return False
        if not p.structural.isdisjoint(chain) and any(
            q in p.structural and q != pid and q not in self.fill for q in chain
        ):
            return False  # never pull in a structural change that the answers do not ask for
        if room is not None:
            extra = [c for q in chain for c in p.companions.get(q, ()) if c not in slots and c not in self.unusable]
            if sum(effort[q] for q in (*chain, *extra)) > room:
                return False  # it would take the plan past its budget
        added: list[str] = []
        for q in chain:
            ready = 0
            for r in p.prereqs[q] if q != pid else needs:
                slot = None if r in given else slots.get(covered.get(r, r) if covered else r)
                if slot is not None and slot[1] > ready:
                    ready = slot[1]
            length, high, structural = effort[q], q in p.high, q in p.structural
            if paced:
                ready = max(ready, lanes.not_before(length))
                found = self._earliest(ready, length, high, structural, paced)
            else:
                found = lanes.earliest(ready, length, high, structural)
            if found is None and partial and q == pid and structural:
                # by relevance, at least half of it fits; a recommended or foundation move may just start
                fits = max(2, (length + 1) // 2) if paced else 2
                found = lanes.tail(ready, min(length, fits), high, structural)
                if found is not None and self.weeks - found[0] < length:
                    length = self.weeks - found[0]
                    self.continues.append(q)
            if found is None:
                for r in reversed(added):  # undo the partial chain
                    start, end, lane, was_paced = slots.pop(r)
                    lanes.give_back(start, lane, end - start, r in p.high, r in p.structural, was_paced)
                return False
            start, lane = found
            lanes.take(start, lane, length, high, structural, paced)
            slots[q] = (start, start + length, lane, paced)
            added.append(q)
        self._record(pid, why, added)
        return True

    def _record(self, pid: str, why: Reason, added: list[str]) -> None:
        """The groups, the why-now of each newly placed step, and the companions that follow them."""
        p = self.p
        for q in added:
            group = p.group_of.get(q)
            if group is not None:
                self.chosen.setdefault(group.id, q)
            if q != pid:
                needed_by = tuple(d for d in added if q in p.prereqs[d])
                self.why.setdefault(q, p.words.prerequisite(needed_by) if needed_by else p.words.safety_net(pid))
        self.why.setdefault(pid, why)
        for q in added:
            for companion in p.companions.get(q, ()):
                if companion not in self.unusable:
                    self.place(companion, p.words.companion(q), paced=False)

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
        if self.p.grouped.isdisjoint(chain):
            return True
        seen: dict[str, str] = dict(self.chosen)
        for q in chain:
            group = self.p.group_of.get(q)
            if group is not None:
                if seen.get(group.id, q) != q:
                    return False
                seen[group.id] = q
        return True

    # -- the plan ---------------------------------------------------------------

    def place_all(self) -> PlanBuilder:
        """Place every step, in the model's order; assemble() then makes the Plan."""
        p, rules = self.p, self.p.rules
        f = rules.foundation
        profile = p._profile(self.key)
        self.fill, self.avoid_candidates, self.waiting = profile.fill, profile.avoid, profile.waiting
        first, rest, extended = p.foundation_moves(self.key)
        light = self.cap <= f.light_capacity
        covered = self.covered
        grouped = [pid for pid in profile.grouped if pid not in covered] if covered else profile.grouped
        fill = [pid for pid in profile.fill_ranked if pid not in covered] if covered else profile.fill_ranked
        moves = [pid for pid in profile.first_moves if pid not in covered] if covered else profile.first_moves
        # 1. The foundation and the recommend rules, unpaced; phase 1 lasts until they have started.
        # A small team or a short timeline makes its first move on the goal right after the first
        # foundation steps and the recommended moves, not behind the whole foundation.
        rest = rest if light else rest + extended
        soon = rules.budget.early_first_move
        early = self.cap <= soon.capacity_up_to or self.weeks <= soon.weeks_up_to
        first_end = self._foundation(first, moves if early else (), rest)
        # 2. The first move on the goal and the best fit for each ticked challenge, beyond the foundation.
        self._first_move(moves)
        self._best_fits(profile)
        # 3. A light team's extended foundation, then the rest by relevance, paced from here.
        fill = self._relevance(fill, profile, extended if light else (), first_end)
        self._assembly = (grouped, fill, first_end)
        return self

    def _best_fits(self, profile: Profile) -> None:
        """For each ticked challenge no step beyond the foundation answers yet, its best quick fit."""
        p, covered, words = self.p, self.covered, self.p.words
        slots = self.slots  # a step already planned is no new move
        answered = p.answered(self._beyond())  # what the steps beyond the foundation answer (each placed here is)
        for c in self.a.challenges:
            if p.has(answered, c):
                continue
            known = len(slots)
            fits = p.best_fits(profile, c)
            fit = words.best_fit(c)
            free = self._free
            placed = next((q for q in fits if free(q) and q not in covered and self.place(q, fit, False)), None)
            if placed is not None and self.why[placed] is fit:
                self.placed_for[placed] = c
            answered |= p.answered(itertools.islice(slots, known, None))

    def _relevance(self, fill: Sequence[str], profile: Profile, extended: Sequence, first_end: int) -> Sequence[str]:
        """A light team's extended foundation, then the rest by relevance, paced within the budget. Once
        the plan simplifies the system (consolidates services, draws module boundaries), only what a
        ticked challenge asks for: not the system type's baselines, nor every pattern the goal attracts.
        Returns the fill as considered (for "next")."""
        p, a, words = self.p, self.a, self.p.words
        # Phase 1 ends at the later of its planned end and the foundation's last start (plan_phases);
        # its last week, 1-based, is also the first week after it, 0-based: relevance starts there.
        phase_one_end = max(first_end, self.timeline.phases[0].end)
        self.lanes.origin = max(phase_one_end, *(slot[0] for slot in self.slots.values()))
        self.missed += [pid for pid, why in extended if self.usable(pid) and not self.place(pid, why, True)]
        if any(pid in self.slots for pid in p.rules.simplifying):
            fill = [pid for pid in fill if pid in profile.asked]
        too_long = self.weeks + 1  # the pace only tightens: an effort that failed it once always will
        lanes, effort, weeks = self.lanes, self.effort, self.weeks
        gate = lanes.quarter_open(lanes.not_before(1))  # the earliest week any paced step could start
        slots, unusable, group_of, chosen = self.slots, self.unusable, p.group_of, self.chosen
        used = sum(slot[1] - slot[0] for slot in slots.values())  # team-weeks taken so far
        for pid in fill:
            length = effort[pid]
            if length >= too_long or pid in slots or pid in unusable:
                continue
            group = group_of.get(pid)
            if group is not None and chosen.get(group.id, pid) != pid:
                continue  # its group has its pattern already
            if gate >= weeks:
                break  # the budget's pace or the quarters' limits leave no week for anything more
            structural = pid in p.structural
            if not structural and lanes.not_before(length) + length > weeks:
                too_long = length
                continue
            if used >= self.budget:
                break  # the budget is spent: what remains is for feature work, and "next"
            if self.place(pid, RELEVANCE, True, partial=structural, room=self.budget - used):
                used = sum(slot[1] - slot[0] for slot in slots.values())
                if self.why[pid] is RELEVANCE:  # say which of the answers brought it in (only once it is placed)
                    self.why[pid] = words.relevance(pid, a)
                gate = lanes.quarter_open(lanes.not_before(1))
        return fill

    def assemble(self) -> Plan:
        return assemble_plan(self, *self._assembly)

    def _beyond(self) -> list[str]:
        """The planned steps beyond the foundation: not a foundation step nor a prerequisite the
        foundation pulled in (idempotency under retries does not count as the answer to a ticked
        challenge); a recommend rule's move counts, it answers its rule."""
        why, base = self.why, self.base
        return [s for s in self.slots if why[s].kind == ReasonKind.recommend or (
            why[s].kind != ReasonKind.foundation and s not in base)]

    def _first_move(self, candidates: Sequence[str]) -> None:
        """Place the first fitting candidate, unless a step beyond the foundation serves the goal. A
        recommended move serves it only for a goal without named first moves (cost visibility for a
        cost goal); a recommended pipeline does not replace feature flags as agility's first move."""
        p, a = self.p, self.a
        named = bool(p.rules.first_moves.get(a.goal))  # type: ignore[call-overload]
        beyond = [s for s in self._beyond() if not (named and self.why[s].kind == ReasonKind.recommend)]
        if not any(a.goal in p.goals[s] for s in beyond):
            move = p.words.first_move(a)
            any(self.place(pid, move, False) for pid in candidates if pid not in self.slots and self.usable(pid))

    def _foundation(self, first: tuple, candidates: Sequence[str], rest: tuple) -> int:
        """Place the first foundation moves, the early first move on the goal (if any candidates),
        then the rest of the foundation, unpaced; sets `base` (the steps the foundation placed) and
        returns the week after the last of them starts (where phase 1 may end). Many plans share the
        same moves on the same lanes (they differ only in challenges that touch no move), so the
        result is reused."""
        p, a = self.p, self.a
        # What the placement depends on: the lanes (system, scale, team, timeline), the moves, the goal
        # (only for an early first move), and what is ruled out (the profile's blocked patterns, its
        # structural fill and the covers; the rest follows from the system type and the scale).
        key = (a.system, a.scale, a.team, a.timeline, a.goal if candidates else "", first, tuple(candidates), rest,
               p.blocked_key(self.key), self.cover_ids)
        memo = p.foundation_memo.get(key)
        if memo is None:
            self.missed = [pid for pid, why in first if self.usable(pid) and not self.place(pid, why, False, True)]
            if candidates:
                self._first_move(candidates)
            self.missed += [pid for pid, why in rest if self.usable(pid) and not self.place(pid, why, False, True)]
            # the foundation's steps and the prerequisites it pulled in (not an early first move)
            kinds = (ReasonKind.foundation, ReasonKind.prerequisite)
            self.base = frozenset(s for s in self.slots if self.why[s].kind in kinds)
            first_end = max((slot[0] for slot in self.slots.values()), default=0) + 1
            kept = (dict(self.slots), dict(self.why), dict(self.chosen), list(self.continues), list(self.missed))
            p.foundation_memo[key] = (*kept, self.lanes.state(), self.base, first_end)
            return first_end
        slots, why, chosen, continues, missed, lanes, self.base, first_end = memo
        self.slots, self.why, self.chosen = dict(slots), dict(why), dict(chosen)
        self.continues, self.missed = list(continues), list(missed)
        self.lanes.restore(lanes)
        return first_end
