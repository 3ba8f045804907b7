"""The roadmap engine: plan(answers) -> Plan, for every combination of the generator's form.

Pure Python (no mkdocs import), deterministic, and fast enough to plan all 102,400 combinations
at build time. It follows the maturity model in roadmap_data/generator/rules.yml, in this order:

1. Foundation first: seeing the system, then the recommend rules that match the answers, then
   safe change and safe calls (and from Growth on SLOs, incident response, IaC), minus what the
   platform provides or the scale assumes. Phase 1 lasts until all of them have started.
2. The first move on the primary goal (rules.yml `first_moves`, then the ranking), then the best
   quick fit for each ticked challenge.
3. The rest by relevance, paced to the budget (a share of capacity x weeks, and new patterns per
   quarter), so the plan leaves room for feature work along the whole timeline.
This module holds what many plans share (fit, scores, ranking per profile); plan_builder.py
places one plan's steps.
Datastore internals are never steps; alternative groups give one pattern each; a pattern that
covers others (a service mesh) replaces them. Every step says, in the pattern's own words, how it
helps, and why it comes now. plan_words.py holds the wording.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache

from catalog import Catalog
from generator_rules import Generator
from models import Complexity, Layer, TeamSize
from plan_builder import PlanBuilder
from plan_types import Answers, ExclusionKind, Plan
from plan_words import PlanWords

TEAM_RANK = {team.value: rank for rank, team in enumerate(TeamSize)}


def matches(when, a: Answers) -> bool:
    """Does a rule's `when` match these answers? Empty fields match everything."""
    return (
        (not when.system or a.system in when.system)
        and (not when.scale or a.scale in when.scale)
        and (not when.team or a.team in when.team)
        and (not when.goal or a.goal in when.goal)
        and (not when.challenge or any(c in when.challenge for c in a.challenges))
    )


class Planner:
    matches = staticmethod(matches)

    def __init__(self, catalog: Catalog, generator: Generator):
        self.catalog, self.generator, self.rules = catalog, generator, generator.rules
        patterns, rules = catalog.patterns, generator.rules
        self.ids = sorted(patterns)
        self.prereqs = {i: tuple(patterns[i].prerequisites) for i in self.ids}
        self.closure = {i: catalog.requires(i) for i in self.ids}
        self.challenges = {i: {c.value: w for c, w in patterns[i].answers.challenges.items()} for i in self.ids}
        self.goals = {i: {g.value: w for g, w in patterns[i].answers.goals.items()} for i in self.ids}
        self.internal = {i for i in self.ids if patterns[i].layer == Layer.datastore}
        self.high = {i for i in self.ids if patterns[i].complexity == Complexity.high}
        self.tier_bonus = {i: rules.weights.tier[patterns[i].tier] for i in self.ids}
        self.scale_base = {k.value: set(v) for k, v in rules.baselines.scales.items()}
        self.system_base = {k.value: set(v) for k, v in rules.baselines.system_types.items()}
        scales = generator.values("scale")
        self.next_scale = dict(itertools.pairwise(scales))
        self.next_base = {s: self.scale_base[n] for s, n in self.next_scale.items()}
        self.capacity = {t.value: n for t, n in rules.team_capacity.items()}
        self.group_of = {pid: g for g in rules.groups for pid in g.patterns}
        self.situational = set(rules.situational)
        self.structural = set(rules.budget.structural)
        self.adds_cost = set(rules.adds_cost)
        self.complexity_rank = {i: list(Complexity).index(patterns[i].complexity) for i in self.ids}
        self.layer = {i: patterns[i].layer.value for i in self.ids}
        self.fits = {
            i: ({t.value for t in patterns[i].fits.system_types}, {t.value for t in patterns[i].fits.scales})
            for i in self.ids
        }
        self.min_team = {i: TEAM_RANK[patterns[i].min_team.value] for i in self.ids}
        self.challenge_order = generator.values("challenges")
        self.challenge_bit = {c: bit for bit, c in enumerate(self.challenge_order)}
        self.challenge_mask = {
            i: sum(1 << self.challenge_bit[c] for c in self.challenges[i]) for i in self.ids
        }
        budget, structural = rules.budget, set(rules.budget.structural)
        self.effort = {
            scale.value: {
                i: max(1, round(patterns[i].effort_weeks * factors[scale]))
                for i in self.ids
                for factors in [budget.structural_factor if i in structural else budget.scale_factor]
            }
            for scale in budget.scale_factor
        }
        self.words = PlanWords(catalog, generator)
        self._blocked = lru_cache(maxsize=None)(self._blocked_uncached)
        self._profile = lru_cache(maxsize=None)(self._profile_uncached)

    def all_answers(self) -> Iterator[Answers]:
        g, boxes = self.generator, self.challenge_order
        ticked = [tuple(c for bit, c in enumerate(boxes) if mask >> bit & 1) for mask in range(2 ** len(boxes))]
        for system, scale, team, goal, timeline in itertools.product(
            g.values("system"), g.values("scale"), g.values("team"), g.values("goal"), g.values("timeline")
        ):
            for challenges in ticked:
                yield Answers(system, scale, team, challenges, goal, timeline)

    # -- what is ruled out ----------------------------------------------------

    def _blocked_uncached(self, a: Answers) -> dict[str, tuple[ExclusionKind, int]]:
        """Every pattern the answers rule out, with the first reason (and the rule's index, or -1)."""
        blocked: dict[str, tuple[ExclusionKind, int]] = {}
        for index, rule in enumerate(self.rules.avoid):
            if matches(rule.when, a):
                blocked.setdefault(rule.pattern, (ExclusionKind.rule, index))
        team = TEAM_RANK[a.team]
        # A team with room for more (capacity 3+) may adopt what pays off at the next scale up.
        reach = {a.scale, self.next_scale.get(a.scale, a.scale)} if self.capacity[a.team] >= 3 else {a.scale}
        for pid in self.ids:
            if pid in blocked:
                continue
            systems, scales = self.fits[pid]
            if a.system not in systems:
                blocked[pid] = (ExclusionKind.system, -1)
            elif not reach & scales:
                blocked[pid] = (ExclusionKind.scale, -1)
            elif team < self.min_team[pid]:
                blocked[pid] = (ExclusionKind.team, -1)
        for pid in self.ids:  # a pattern whose prerequisite is ruled out is ruled out too
            if pid not in blocked and any(q in blocked for q in self.closure[pid]):
                blocked[pid] = (ExclusionKind.needs, -1)
        return blocked

    # -- scoring ---------------------------------------------------------------

    def asked(self, a: Answers) -> dict[str, int]:
        """How many of the ticked challenges each pattern answers (bitmasks, computed once a profile)."""
        ticked = sum(1 << self.challenge_bit[c] for c in a.challenges)
        return {pid: (mask & ticked).bit_count() for pid, mask in self.challenge_mask.items()}

    def score(self, pid: str, a: Answers, asked: int) -> int:
        w = self.rules.weights
        total = w.challenge * asked
        total += w.goal * (a.goal in self.goals[pid])
        total += w.scale_baseline * (pid in self.scale_base[a.scale])
        total += w.system_baseline * (pid in self.system_base[a.system])
        return total + self.tier_bonus[pid] if total else 0

    def _profile_uncached(self, a: Answers) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
        """For answers without a timeline: the plannable patterns by relevance, the ones that may fill
        the budget (a ticked challenge or a baseline, not the goal alone), and the avoid candidates."""
        blocked = self._blocked(a)
        asked = self.asked(a)
        scores = {pid: self.score(pid, a, asked[pid]) for pid in self.ids}
        roomy = self.capacity[a.team] >= 3
        ranked = tuple(
            sorted(
                (
                    pid
                    for pid in self.ids
                    if (scores[pid] > 0 or (roomy and pid in self.next_base.get(a.scale, ())))
                    and pid not in blocked
                    and pid not in self.internal
                    and pid not in self.situational
                ),
                key=lambda pid: (-scores[pid], self.complexity_rank[pid], self.effort[a.scale][pid], pid),
            )
        )
        fill = frozenset(pid for pid in ranked if self._fills(pid, a, asked[pid]))
        shown = (ExclusionKind.rule, ExclusionKind.team, ExclusionKind.scale)
        avoid = [
            pid
            for pid, (kind, _) in blocked.items()
            if kind in shown
            and pid not in self.internal
            and pid not in self.situational
            and a.system in self.fits[pid][0]
            and (
                asked[pid] > 0 or a.goal in self.goals[pid]  # the answers touch what a ruled-out pattern promises
                if kind == ExclusionKind.rule
                else self._considered(pid, a, asked[pid])
            )
        ]
        avoid.sort(key=lambda pid: (-scores[pid], pid))
        return ranked, fill, tuple(avoid)

    def _fills(self, pid: str, a: Answers, asked: int) -> bool:
        """May it fill the budget? A baseline; a gold pattern with a ticked challenge or the goal; any
        other with two signals (two ticked challenges, or one and the goal), or one for a team with
        capacity for more. On a cost goal, what adds cost comes in only for a ticked challenge."""
        if a.goal == "cost" and pid in self.adds_cost and not asked:
            return False
        if pid in self.structural and not asked:
            return False  # a structural change only when a ticked challenge asks for it
        if pid in self.scale_base[a.scale] or pid in self.system_base[a.system]:
            return True
        roomy = self.capacity[a.team] >= 3
        if roomy and pid in self.next_base.get(a.scale, ()):
            return True  # a large team prepares for the next scale's baseline
        signals = asked + (a.goal in self.goals[pid])
        return signals >= (1 if self.tier_bonus[pid] > 0 or roomy else 2)

    def _considered(self, pid: str, a: Answers, asked: int) -> bool:
        """Would a reader with these answers consider it? A ticked challenge, a baseline, or gold for the goal."""
        return (
            asked > 0
            or pid in self.scale_base[a.scale]
            or pid in self.system_base[a.system]
            or (a.goal in self.goals[pid] and self.tier_bonus[pid] > 0)
        )

    # -- planning --------------------------------------------------------------

    def plan(self, a: Answers) -> Plan:
        blocked = self._blocked(a._replace(timeline=""))
        covers = tuple(c for c in self.rules.covers if c.pattern not in blocked)
        plan = PlanBuilder(self, a, blocked, covers).build()
        planned = {s.pattern for s in plan.steps}
        if any(c.pattern not in planned for c in covers):  # a cover did not fit: plan its duties instead
            plan = PlanBuilder(self, a, blocked, tuple(c for c in covers if c.pattern in planned)).build()
        return plan


